"""``nabd new | update | resolve``: edits a maintainer makes in a hurry, kept valid and tidy."""

from __future__ import annotations

import difflib
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from nabd.cli import main
from tests.sites import CLI_MKDOCS_YML

REPO = Path(__file__).resolve().parents[2]
NOW = "1709650800"  # 2024-03-05T15:00:00Z


ONGOING = "2024-03-05-login"
COMMENTED = """\
# yaml-language-server: $schema=../plugin/nabd/schema/incident.schema.json
# Written during the outage; times from Downdetector.
title:
  en: 'Login fails'   # single quotes on purpose
  ar: "تعذّر تسجيل الدخول"
kind: incident
impacts:
  # Facebook went first.
  - platform: facebook
    status: major_outage
    from: 2024-03-05T15:00:00Z  # first reports

  - platform: instagram
    status: partial_outage
    from: '2024-03-05 15:10:00+00:00'

# The public timeline.
updates:
  - at: 2024-03-05T15:20:00Z
    status: investigating
    text: {en: People cannot log in., ar: لا يستطيع الناس تسجيل الدخول.}  # flow style
    sources:
      - url: https://example.org/report   # press report
        title: Report
        kind: press

# Numbers, once known.
figures:
  - {key: downdetector_reports_peak, value: 550000, source: https://example.org/report}
# end of file
"""

MESSAGE = ["--text", "en=Cause found.", "--text", "ar=عُرف السبب."]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site folder, the current directory, with an ongoing incident; now is 15:00 UTC."""
    (tmp_path / "mkdocs.yml").write_text(CLI_MKDOCS_YML, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "incidents").mkdir()
    incident(tmp_path).write_text(COMMENTED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW)
    return tmp_path


def incident(site: Path, incident_id: str = ONGOING) -> Path:
    return site / "incidents" / f"{incident_id}.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def added_lines(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``; fails if any line of ``before`` changed."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert all(tag == "insert" for tag, *_ in changes), changes
    return [line for _, _, _, start, end in changes for line in after.splitlines()[start:end]]


def update(status: str, *extra: str) -> tuple[str, ...]:
    """``nabd update`` of the ongoing incident."""
    return ("update", ONGOING, "--status", status, *MESSAGE, *extra)


def impact(platform: str, status: str) -> tuple[str, ...]:
    return ("--platform", platform, "--impact", status)


def new_args(incident_id: str = "2024-03-06-whatsapp", *extra: str) -> list[str]:
    return [
        "new",
        incident_id,
        *("--platform", "whatsapp", "--platform", "facebook"),
        *("--status", "partial_outage"),
        *("--title", "en=WhatsApp messages delayed", "--title", "ar=تأخر رسائل واتساب"),
        *("--text", "en=Messages arrive late.", "--text", "ar=تصل الرسائل متأخرة."),
        *extra,
    ]


# new


def test_new_writes_an_open_incident_from_now(site: Path) -> None:
    result = run(*new_args())
    assert (result.exit_code, result.output) == (0, "incidents/2024-03-06-whatsapp.yaml\n")
    assert incident(site, "2024-03-06-whatsapp").read_text(encoding="utf-8") == (
        'title:\n  en: "WhatsApp messages delayed"\n  ar: "تأخر رسائل واتساب"\n'
        "kind: incident\n"
        "impacts:\n"
        "  - platform: whatsapp\n    status: partial_outage\n    from: 2024-03-05T15:00:00Z\n"
        "  - platform: facebook\n    status: partial_outage\n    from: 2024-03-05T15:00:00Z\n"
        "updates:\n"
        "  - at: 2024-03-05T15:00:00Z\n    status: investigating\n    text:\n"
        '      en: "Messages arrive late."\n      ar: "تصل الرسائل متأخرة."\n'
    )
    assert run("validate").exit_code == 0


def test_new_points_editors_to_the_schema_when_the_site_has_it(site: Path) -> None:
    schema = site / "plugin" / "nabd" / "schema" / "incident.schema.json"
    schema.parent.mkdir(parents=True)
    schema.write_text("{}", encoding="utf-8")
    assert run(*new_args("2024-03-06-whatsapp", "--at", "2024-03-06T12:00:00+03:00")).exit_code == 0
    lines = incident(site, "2024-03-06-whatsapp").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../plugin/nabd/schema/incident.schema.json"
    assert "    from: 2024-03-06T09:00:00Z" in lines


def test_new_starts_the_incidents_folder_of_a_new_site(site: Path) -> None:
    shutil.rmtree(site / "incidents")
    assert run(*new_args()).exit_code == 0
    assert [p.name for p in (site / "incidents").iterdir()] == ["2024-03-06-whatsapp.yaml"]


def test_new_refuses_an_id_that_exists_even_in_a_subfolder(site: Path) -> None:
    (site / "incidents" / "2024").mkdir()
    older = site / "incidents" / "2024" / "2024-03-06-whatsapp.yml"
    older.write_text("kept", encoding="utf-8")
    result = run(*new_args())
    assert result.exit_code == 1
    assert "incidents/2024/2024-03-06-whatsapp.yml already exists" in result.output
    assert older.read_text(encoding="utf-8") == "kept"
    assert not incident(site, "2024-03-06-whatsapp").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("2024-03-06-whatsapp", "2024_03_06"),
            "Invalid value for 'ID': '2024_03_06' is not an id",
        ),
        (
            ("facebook", "facebok"),
            "Invalid value for '--platform': unknown platform 'facebok'; did you mean "
            "'facebook'? (one of: facebook, instagram, whatsapp, messenger, threads)",
        ),
        (("partial_outage", "partial-outage"), "Invalid value for '--status'"),
        (("ar=تأخر رسائل واتساب", "ar= "), "Invalid value for '--title': empty text in ar"),
        (("ar=تأخر رسائل واتساب", "fr=Retard"), "write LANG=TEXT, LANG one of the site's"),
        (("ar=تصل الرسائل متأخرة.", "ar:x"), "write LANG=TEXT"),
    ],
)
def test_new_refuses_a_bad_argument_and_writes_nothing(
    site: Path, change: tuple[str, str], message: str
) -> None:
    args = [change[1] if arg == change[0] else arg for arg in new_args()]
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert sorted(p.name for p in (site / "incidents").iterdir()) == [f"{ONGOING}.yaml"]


def maintenance_args(*extra: str) -> list[str]:
    return [
        "new",
        "2024-03-10-db-upgrade",
        "--maintenance",
        *("--from", "2024-03-10T01:00:00Z", "--to", "2024-03-10T05:00:00+02:00"),
        *("--platform", "whatsapp"),
        *("--title", "en=Database upgrade", "--title", "ar=ترقية قاعدة البيانات"),
        *("--text", "en=Messages may be delayed.", "--text", "ar=قد تتأخر الرسائل."),
        *extra,
    ]


def test_new_maintenance_announces_its_window(site: Path) -> None:
    result = run(*maintenance_args())
    assert (result.exit_code, result.output) == (0, "incidents/2024-03-10-db-upgrade.yaml\n")
    assert incident(site, "2024-03-10-db-upgrade").read_text(encoding="utf-8") == (
        'title:\n  en: "Database upgrade"\n  ar: "ترقية قاعدة البيانات"\n'
        "kind: maintenance\n"
        "scheduled:\n  from: 2024-03-10T01:00:00Z\n  to: 2024-03-10T03:00:00Z\n"
        "impacts:\n"
        "  - platform: whatsapp\n    status: under_maintenance\n"
        "    from: 2024-03-10T01:00:00Z\n    to: 2024-03-10T03:00:00Z\n"
        "updates:\n"
        "  - at: 2024-03-05T15:00:00Z\n    status: scheduled\n    text:\n"
        '      en: "Messages may be delayed."\n      ar: "قد تتأخر الرسائل."\n'
    )
    assert run("validate", "--strict").exit_code == 0


def test_new_maintenance_may_name_no_platform_or_another_status(site: Path) -> None:
    args = [a for a in maintenance_args() if a not in ("--platform", "whatsapp")]
    assert run(*args).exit_code == 0
    text = incident(site, "2024-03-10-db-upgrade").read_text(encoding="utf-8")
    assert "impacts: []\n" in text
    assert run("validate").exit_code == 0
    other = maintenance_args("--status", "degraded_performance")
    other[1] = "2024-03-11-db-upgrade"
    assert run(*other).exit_code == 0
    assert "status: degraded_performance" in incident(site, other[1]).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "2024-03-10T01:00:00Z"], "--to': 2024-03-10T01:00:00Z is not after --from"),
        (["--to", "2024-03-10"], "is not a time with a UTC offset"),
        (["--from", None], "--maintenance needs its window: --from ISO and --to ISO"),
        (["--maintenance", None], "--from and --to schedule a maintenance: add --maintenance"),
    ],
)
def test_new_maintenance_refuses_a_bad_window(
    site: Path, args: list[str | None], message: str
) -> None:
    given = maintenance_args()
    option, value = args
    index = given.index(option)
    if value is None:
        del given[index : index + (1 if option == "--maintenance" else 2)]
    else:
        given[index + 1] = value
    result = run(*given)
    assert result.exit_code == 2
    assert message in result.output
    assert not incident(site, "2024-03-10-db-upgrade").exists()


def test_new_incident_under_maintenance_is_a_maintenance(site: Path) -> None:
    args = ["under_maintenance" if a == "partial_outage" else a for a in new_args()]
    result = run(*args)
    assert result.exit_code == 2
    assert "announce it with --maintenance --from ISO --to ISO" in result.output
    assert not incident(site, "2024-03-06-whatsapp").exists()


def test_new_incident_still_needs_a_platform_and_a_status(site: Path) -> None:
    without = [a for a in new_args() if a not in ("--platform", "whatsapp", "facebook")]
    assert "Missing option '--platform'" in run(*without).output
    without = [a for a in new_args() if a not in ("--status", "partial_outage")]
    assert "Missing option '--status'" in run(*without).output


def test_new_points_editors_to_the_schema_the_site_publishes(site: Path) -> None:
    (site / "mkdocs.yml").write_text(
        "site_url: https://status.example.org/acme\n" + CLI_MKDOCS_YML, encoding="utf-8"
    )
    assert run(*new_args()).exit_code == 0
    first = incident(site, "2024-03-06-whatsapp").read_text(encoding="utf-8").splitlines()[0]
    assert first == (
        "# yaml-language-server: $schema=https://status.example.org/acme/schema/incident.json"
    )


# update


def test_update_appends_an_update_at_the_given_time_in_utc(site: Path) -> None:
    result = run(*update("identified", "--at", "2024-03-05T19:00+03:00"))
    assert (result.exit_code, result.output) == (0, f"incidents/{ONGOING}.yaml\n")
    after = incident(site).read_text(encoding="utf-8")
    assert added_lines(COMMENTED, after) == [
        "  - at: 2024-03-05T16:00:00Z",
        "    status: identified",
        "    text:",
        '      en: "Cause found."',
        '      ar: "عُرف السبب."',
    ]
    new_update = after.index("status: identified")
    assert after.index("kind: press") < new_update < after.index("# Numbers, once known.\nfigures:")


def test_update_moves_a_platform_to_a_new_status(site: Path) -> None:
    at = ("--at", "2024-03-05T16:00:00Z")
    result = run(*update("monitoring", *impact("facebook", "degraded_performance"), *at))
    assert result.exit_code == 0, result.output
    after = incident(site).read_text(encoding="utf-8")
    assert added_lines(COMMENTED, after)[:4] == [
        "    to: 2024-03-05T16:00:00Z",
        "  - platform: facebook",
        "    status: degraded_performance",
        "    from: 2024-03-05T16:00:00Z",
    ]
    assert "15:00:00Z  # first reports\n    to: 2024-03-05T16:00:00Z\n\n  - platform: ins" in after
    assert "15:10:00+00:00'\n  - platform: facebook\n    status: degraded" in after


def test_update_operational_closes_the_platform_impact(site: Path) -> None:
    at = ("--at", "2024-03-05T16:00:00Z")
    assert run(*update("monitoring", *impact("instagram", "operational"), *at)).exit_code == 0
    after = incident(site).read_text(encoding="utf-8")
    assert added_lines(COMMENTED, after)[0] == "    to: 2024-03-05T16:00:00Z"
    assert after.count("  - platform:") == 2


def test_update_resolved_with_the_last_platform_back_is_allowed(site: Path) -> None:
    at = ("--at", "2024-03-05T17:00:00Z")
    refused = run(*update("resolved", *impact("facebook", "operational"), *at))
    assert refused.exit_code == 1
    assert "while instagram still has an open impact: `nabd resolve`" in refused.output
    assert run(*update("monitoring", *impact("facebook", "operational"), *at)).exit_code == 0
    assert run(*update("resolved", *impact("instagram", "operational"), *at)).exit_code == 0
    assert "    status: resolved\n" in incident(site).read_text(encoding="utf-8")


# resolve


def test_resolve_closes_every_open_impact_and_adds_a_resolved_update(site: Path) -> None:
    result = run(
        "resolve",
        ONGOING,
        "--text",
        "en=Fixed.",
        "--text",
        "ar=تم الإصلاح.",
        "--at",
        "2024-03-05T17:00:00Z",
    )
    assert (result.exit_code, result.output) == (0, f"incidents/{ONGOING}.yaml\n")
    after = incident(site).read_text(encoding="utf-8")
    assert added_lines(COMMENTED, after) == [
        "    to: 2024-03-05T17:00:00Z",
        "    to: 2024-03-05T17:00:00Z",
        "  - at: 2024-03-05T17:00:00Z",
        "    status: resolved",
        "    text:",
        '      en: "Fixed."',
        '      ar: "تم الإصلاح."',
    ]
    # Each "to" sits under its "from", and the blank line and comment stay between sections.
    assert (
        "from: '2024-03-05 15:10:00+00:00'\n    to: 2024-03-05T17:00:00Z\n\n# The public" in after
    )
    again = run("resolve", ONGOING, "--text", "en=Fixed.", "--text", "ar=تم الإصلاح.")
    assert again.exit_code == 1
    assert "already closed: its last update is 'resolved' (the file is unchanged)" in again.output


def test_resolve_defaults_to_now(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709658000")  # 17:00 UTC
    assert run("resolve", ONGOING, "--text", "en=Fixed.", "--text", "ar=تم الإصلاح.").exit_code == 0
    assert "  - at: 2024-03-05T17:00:00Z\n    status: resolved\n" in incident(site).read_text(
        encoding="utf-8"
    )


def test_resolving_a_maintenance_completes_it(site: Path) -> None:
    maintenance = """\
title: {en: Database upgrade, ar: ترقية قاعدة البيانات}
kind: maintenance
scheduled: {from: 2024-03-05T14:00:00Z, to: 2024-03-05T16:00:00Z}
impacts:
  - {platform: whatsapp, status: under_maintenance, from: 2024-03-05T14:00:00Z}
updates:
  - {at: 2024-03-05T14:00:00Z, status: in_progress, text: {en: Started., ar: بدأت.}}
"""
    incident(site, "2024-03-05-upgrade").write_text(maintenance, encoding="utf-8")
    assert run("resolve", "2024-03-05-upgrade", *MESSAGE).exit_code == 0
    after = incident(site, "2024-03-05-upgrade").read_text(encoding="utf-8")
    assert "from: 2024-03-05T14:00:00Z, to: 2024-03-05T15:00:00Z}" in after
    assert "  - at: 2024-03-05T15:00:00Z\n    status: completed\n" in after


def test_a_platform_with_two_open_impacts_is_left_to_the_maintainer(site: Path) -> None:
    twice = COMMENTED.replace("platform: instagram", "platform: facebook")
    incident(site).write_text(twice, encoding="utf-8")
    result = run(*update("monitoring", *impact("facebook", "degraded_performance")))
    assert result.exit_code == 1
    assert "facebook has 2 open impacts (impacts[0], impacts[1]): edit the file by hand" in (
        result.output
    )
    assert incident(site).read_text(encoding="utf-8") == twice


# Every edit keeps the file as the maintainer wrote it


def test_comments_key_order_and_quoting_survive_update_and_resolve(site: Path) -> None:
    steps = [
        update("identified", "--at", "2024-03-05T15:30:00Z"),
        update(
            "monitoring", *impact("instagram", "degraded_performance"), "--at", "2024-03-05T16:00Z"
        ),
        ("resolve", ONGOING, *MESSAGE, "--at", "2024-03-05T17:00:00Z"),
    ]
    for step in steps:
        assert run(*step).exit_code == 0
    after = incident(site).read_text(encoding="utf-8")
    added_lines(COMMENTED, after)  # every original line is still there, in its order
    assert "  # Facebook went first.\n  - platform: facebook\n" in after
    assert "\n\n# The public timeline.\nupdates:\n" in after
    assert after.endswith(
        "# Numbers, once known.\nfigures:\n  - {key: downdetector_reports_peak, "
        "value: 550000, source: https://example.org/report}\n# end of file\n"
    )
    assert run("validate").exit_code == 0


def test_an_update_only_adds_lines_to_the_example_incidents(site: Path) -> None:
    (site / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), "utf-8")
    shutil.rmtree(site / "incidents")
    shutil.copytree(REPO / "incidents", site / "incidents")
    at = ("--at", "2027-01-01T00:00:00Z")
    for path in sorted((site / "incidents").glob("*.yaml")):
        example = path.read_text(encoding="utf-8")
        french = ("--text", "fr=Cause trouvée.")
        result = run("update", path.stem, "--status", "postmortem", *MESSAGE, *french, *at)
        assert result.exit_code == 0, result.output
        assert len(added_lines(example, path.read_text(encoding="utf-8"))) == 6, path.name


def test_line_ends_byte_order_mark_and_permissions_are_kept(site: Path) -> None:
    path = incident(site)
    path.write_bytes(b"\xef\xbb\xbf" + COMMENTED.replace("\n", "\r\n").encode())
    path.chmod(0o640)
    assert run("resolve", ONGOING, *MESSAGE, "--at", "2024-03-05T17:00:00Z").exit_code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# yaml-language-server")
    assert data.count(b"\r\n") == data.count(b"\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in (site / "incidents").iterdir()] == [path.name]


# A refused edit leaves the file exactly as it was


@pytest.mark.parametrize(
    ("args", "code", "output"),
    [
        (
            update("identified", "--at", "2024-03-05T15:10:00Z"),
            1,
            f"incidents/{ONGOING}.yaml:26: updates[1].at: 2024-03-05T15:10:00Z is before "
            "updates[0] (2024-03-05T15:20:00Z): list updates oldest first\n"
            "Error: refused, the edit would cause the errors above: the file is unchanged\n",
        ),
        (
            update("identified", *impact("facebook", "minor_outage")),
            2,
            "Invalid value for '--impact': 'minor_outage' is not one of",
        ),
        (
            update("identified", *impact("oculus", "major_outage")),
            2,
            "Invalid value for '--platform': unknown platform 'oculus'",
        ),
        (update("resolvd"), 2, "Invalid value for '--status': 'resolvd' is not one of"),
        (
            update("identified", "--at", "2024-03-05 16:00"),
            2,
            "Invalid value for '--at': '2024-03-05 16:00' is not a time with a UTC offset",
        ),
        (update("identified", "--platform", "facebook"), 2, "--platform and --impact go together"),
        (
            update("scheduled"),
            1,
            f"incidents/{ONGOING}.yaml:27: updates[1].status: unknown incident status 'scheduled'",
        ),
        (
            update("resolved"),
            1,
            "a 'resolved' update while facebook and instagram still have open impacts: "
            "`nabd resolve` closes every open impact and adds the update (the file is unchanged)",
        ),
        (
            update("monitoring", *impact("facebook", "major_outage")),
            1,
            "facebook is already major_outage (impacts[0])",
        ),
        (
            update("monitoring", *impact("whatsapp", "operational")),
            1,
            "whatsapp has no open impact to close",
        ),
        (
            ("resolve", ONGOING, *MESSAGE, "--at", "2024-03-05T15:05:00Z"),
            1,
            f"incidents/{ONGOING}.yaml:17: impacts[1].to: 2024-03-05T15:05:00Z is not after "
            "impacts[1].from (2024-03-05T15:10:00Z)",
        ),
        (
            ("resolve", "2024-03-05-logn", *MESSAGE),
            1,
            "no incident '2024-03-05-logn' in incidents/; did you mean '2024-03-05-login'?",
        ),
    ],
)
def test_a_refused_edit_leaves_the_file_byte_identical(
    site: Path, args: tuple[str, ...], code: int, output: str
) -> None:
    before = incident(site).read_bytes()
    result = run(*args)
    assert result.exit_code == code
    assert output in result.output
    assert "Traceback" not in result.output
    assert incident(site).read_bytes() == before
    assert [p.name for p in (site / "incidents").iterdir()] == [f"{ONGOING}.yaml"]


def test_a_file_with_errors_is_not_edited(site: Path) -> None:
    broken = COMMENTED.replace("platform: instagram", "platform: instagam")
    incident(site).write_text(broken, encoding="utf-8")
    result = run("resolve", ONGOING, *MESSAGE)
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(
        f"incidents/{ONGOING}.yaml:13: impacts[1].platform: unknown platform 'instagam'"
    )
    assert f"{ONGOING}.yaml has the errors above: fix them first" in result.output
    assert incident(site).read_text(encoding="utf-8") == broken


# Hostile input through the command line (issue 11)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--title", "en=<a.b autofocus onfocus=alert(1)>", "title.en: raw HTML (<a.b...)"),
        ("--text", "en=bell \a", "updates[0].text.en: control character U+0007"),
        ("--text", "ar=\u200b", "updates[0].text.ar: the text shows nothing"),
    ],
)
def test_new_refuses_what_a_page_cannot_show_and_writes_nothing(
    site: Path, option: str, value: str, message: str
) -> None:
    args = new_args()
    lang = value.split("=")[0]
    where = next(i for i, arg in enumerate(args) if args[i - 1] == option and arg[:3] == lang + "=")
    args[where] = value
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.output
    assert not incident(site, "2024-03-06-whatsapp").exists()


def test_update_refuses_a_control_character_and_leaves_the_file_as_it_was(site: Path) -> None:
    before = incident(site).read_bytes()
    result = run(
        "update", ONGOING, "--status", "identified", "--text", "en=esc \x1b[2J", "--text", "ar=ت"
    )
    assert result.exit_code == 1
    assert "control character U+001B" in result.output
    assert incident(site).read_bytes() == before
