"""Localisation: Babel formatting in English and Arabic, and the gettext catalogs."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from babel.dates import format_date as babel_format_date
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS
from babel.numbers import format_percent
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import Environment
from jinja2.ext import babel_extract

from nabd.core.present import l10n
from nabd.core.present.l10n import (
    direction,
    format_date,
    format_datetime,
    format_duration,
    format_integer,
    format_month,
    format_number,
    format_percent_floor,
    format_time,
    format_zone,
    load_catalog,
    message_ids,
    strip_bidi_marks,
    to_numerals,
    translations,
)

TEMPLATES = Path(l10n.__file__).resolve().parent.parent / "templates"
AT = datetime(2024, 3, 5, 15, 0, tzinfo=UTC)
BIDI_MARKS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


# -- durations ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        (minutes(90), "1 h 30 min"),
        (minutes(135), "2 h 15 min"),
        (minutes(60), "1 h"),
        (minutes(1), "1 min"),
        (timedelta(days=1, hours=2, minutes=59, seconds=59), "1 d 2 h"),  # truncated, not rounded
        (timedelta(days=2, minutes=5), "2 d 5 min"),
        (timedelta(days=1200), "1,200 d"),
        (timedelta(0), "0 min"),
        (timedelta(seconds=30), "< 1 min"),
        (timedelta(seconds=119), "1 min"),
    ],
)
def test_duration_en(duration: timedelta, expected: str) -> None:
    assert format_duration(duration, "en") == expected


@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        (minutes(90), "ساعة و30 دقيقة"),
        (minutes(120), "ساعتان"),
        (minutes(135), "ساعتان و15 دقيقة"),
        (minutes(180), "3 ساعات"),
        (minutes(660), "11 ساعة"),
        (minutes(2), "دقيقتان"),
        (timedelta(days=1, hours=2), "يوم وساعتان"),
        (timedelta(days=11), "11 يومًا"),
        (timedelta(0), "0 دقيقة"),
        (timedelta(seconds=59), "أقل من دقيقة"),
    ],
)
def test_duration_ar(duration: timedelta, expected: str) -> None:
    assert format_duration(duration, "ar") == expected


def test_duration_ar_keeps_both_units() -> None:
    text = format_duration(minutes(90), "ar")
    assert "ساع" in text and "دقيقة" in text
    assert text != "ساعتان"


def test_duration_arabic_indic_digits() -> None:
    assert format_duration(minutes(90), "ar", numerals="arab") == "ساعة و٣٠ دقيقة"
    text = format_duration(timedelta(days=3, hours=4), "ar", numerals="arab")
    assert text == "٣ أيام و٤ ساعات"


def test_negative_duration_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        format_duration(timedelta(minutes=-1), "en")


# -- percentages and numbers -------------------------------------------------------------------


def test_percent_is_floored_not_rounded() -> None:
    assert format_percent(0.99996, "#,##0.00%", locale="en") == "100.00%"  # why we floor
    assert format_percent_floor(0.99996, "en") == "99.99%"
    assert format_percent_floor(0.99996, "ar") == "99.99%"
    assert format_percent_floor(1.0, "en") == "100.00%"
    assert format_percent_floor(0.123456, "en", digits=3) == "12.345%"
    assert format_percent_floor(0.999, "en", digits=0) == "99%"
    assert format_percent_floor(0, "en") == "0.00%"


def test_percent_arabic_indic() -> None:
    assert format_percent_floor(0.99996, "ar", numerals="arab") == "٩٩٫٩٩٪"


@given(st.floats(min_value=0, max_value=1, exclude_max=True))
def test_any_downtime_shows_below_100(fraction: float) -> None:
    assert not format_percent_floor(fraction, "en").startswith("100")


def test_numbers() -> None:
    assert format_number(1234567.891, "en") == "1,234,567.891"
    assert format_number(0.5, "ar") == "0.5"
    assert format_integer(550000, "en") == "550,000"
    assert format_integer(550000, "ar", numerals="arab") == "٥٥٠٬٠٠٠"
    assert format_number(1234.5, "ar", numerals="arab") == "١٬٢٣٤٫٥"


def test_unknown_numerals_are_refused() -> None:
    with pytest.raises(ValueError, match="numerals"):
        to_numerals("12", "roman")  # type: ignore[arg-type]


# -- dates and times ---------------------------------------------------------------------------


def test_datetime_en() -> None:
    assert format_datetime(AT, "en", "UTC") == "5 Mar 2024, 15:00 UTC"
    assert format_datetime(AT, "en", "Asia/Riyadh") == "5 Mar 2024, 18:00 GMT+03:00"
    assert format_datetime(AT, "en", "America/New_York") == "5 Mar 2024, 10:00 EST"


def test_datetime_ar_is_readable() -> None:
    text = format_datetime(AT, "ar", "Asia/Riyadh")
    assert text == "5 مارس 2024، 18:00 غرينتش+03:00"
    assert "مارس" in format_datetime(AT, "ar", "UTC")
    assert format_datetime(AT, "ar", "Asia/Riyadh", numerals="arab") == (
        "٥ مارس ٢٠٢٤، ١٨:٠٠ غرينتش+٠٣:٠٠"
    )


def test_datetime_crosses_midnight_in_site_timezone() -> None:
    late = datetime(2024, 3, 5, 22, 30, tzinfo=UTC)
    assert format_datetime(late, "en", "Asia/Riyadh").startswith("6 Mar 2024, 01:30")


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        format_datetime(datetime(2024, 3, 5, 15, 0), "en", "UTC")


def test_dates_months_times() -> None:
    assert format_date(date(2024, 3, 5), "en") == "5 March 2024"
    assert format_date(date(2024, 3, 5), "ar") == "5 مارس 2024"
    assert format_month(2024, 3, "en") == "March 2024"
    assert format_month(2024, 3, "ar") == "مارس 2024"
    assert format_month(2024, 3, "ar", numerals="arab") == "مارس ٢٠٢٤"
    assert format_time(AT, "ar", "Asia/Riyadh") == "18:00"
    assert format_time(AT, "en", "UTC", zone=True) == "15:00 UTC"
    assert format_zone(AT, "en", "Asia/Kolkata") == "GMT+05:30"


def test_rlm_handling() -> None:
    # Babel's numeric Arabic dates carry RLM marks; ours, meant for visible text, do not need
    # them, and strip_bidi_marks cleans any text for an attribute.
    babel_medium = babel_format_date(date(2024, 3, 5), "medium", locale="ar")
    assert "\u200f" in babel_medium
    assert strip_bidi_marks(babel_medium) == "05/03/2024"
    assert strip_bidi_marks("\u2067x\u2069\u200e\u061c") == "x"
    ours = [
        format_datetime(AT, "ar", "Asia/Riyadh"),
        format_date(date(2024, 3, 5), "ar"),
        format_month(2024, 3, "ar"),
        format_duration(minutes(90), "ar"),
        format_percent_floor(0.5, "ar"),
        format_percent_floor(0.5, "ar", numerals="arab"),
        format_number(1234.5, "ar", numerals="arab"),
    ]
    assert not [text for text in ours if BIDI_MARKS.search(text)]


def test_direction() -> None:
    assert direction("ar") == "rtl"
    assert direction("en") == "ltr"


# -- gettext -----------------------------------------------------------------------------------

PLURALS = ("%(num)d incident", "%(num)d incidents")


def test_arabic_plural_forms_are_distinct() -> None:
    ar = translations("ar")
    forms = {n: ar.ngettext(*PLURALS, n) for n in (0, 1, 2, 3, 11, 100)}
    assert len(set(forms.values())) == 6, forms
    assert forms[2] == "عطلان"
    assert forms[3] % {"num": 3} == "3 أعطال"
    assert forms[1] % {"num": 1} == "عطل واحد"  # a form may leave the number out
    assert ar.ngettext(*PLURALS, 102) == forms[100]
    assert ar.ngettext(*PLURALS, 111) == forms[11]


def test_english_falls_back_to_msgid() -> None:
    en = translations("en")
    assert en.gettext("Operational") == "Operational"
    assert en.ngettext(*PLURALS, 1) % {"num": 1} == "1 incident"
    assert en.ngettext(*PLURALS, 0) % {"num": 0} == "0 incidents"
    assert translations("ar").gettext("Operational") == "يعمل بشكل طبيعي"
    assert translations("ar") is translations("ar")


def test_jinja_newstyle_gettext() -> None:
    env = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    env.install_gettext_translations(translations("ar"), newstyle=True)  # type: ignore[attr-defined]
    template = env.from_string(
        '{{ ngettext("%(num)d incident", "%(num)d incidents", n) }} | '
        '{{ _("Since %(time)s", time="<b>") }}'
    )
    assert template.render(n=3) == "3 أعطال | منذ &lt;b&gt;"


def test_unknown_language_has_no_catalog() -> None:
    with pytest.raises(LookupError):
        load_catalog("xx")


def _messages(catalog: Catalog) -> dict[str, Message]:
    return {_singular(m.id): m for m in catalog if m.id}


def _singular(msgid: str | tuple[str, ...]) -> str:
    return msgid[0] if isinstance(msgid, tuple) else msgid


def test_catalog_headers() -> None:
    en, ar = load_catalog("en"), load_catalog("ar")
    assert (en.num_plurals, ar.num_plurals) == (2, 6)
    assert ar.plural_expr == (
        "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)"
    )
    for lang, catalog in (("en", en), ("ar", ar)):
        headers = dict(catalog.mime_headers)
        assert headers["Language"] == lang
        assert headers["Content-Type"] == "text/plain; charset=utf-8"


def test_every_english_msgid_has_an_arabic_translation() -> None:
    en, ar = _messages(load_catalog("en")), _messages(load_catalog("ar"))
    assert message_ids("en") == set(en)
    missing = sorted(set(en) - set(ar))
    assert not missing, f"msgids without an Arabic entry: {missing}"
    extra = sorted(set(ar) - set(en))
    assert not extra, f"Arabic msgids missing from the English catalog: {extra}"
    untranslated = []
    for msgid, message in ar.items():
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = 6 if message.pluralizable else 1
        if len(forms) != expected or not all(forms) or message.fuzzy:
            untranslated.append(msgid)
        if message.pluralizable != en[msgid].pluralizable or message.id != en[msgid].id:
            untranslated.append(f"{msgid} (plural ids differ from English)")
    assert not untranslated, f"incomplete Arabic translations: {untranslated}"


def test_english_msgstrs_are_empty_or_the_msgid() -> None:
    for message in load_catalog("en"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(form in ("", *ids) for form in forms), message.id


def test_translations_keep_their_placeholders() -> None:
    """A translation must use the msgid's %(name)s placeholders (Jinja formats every string)."""
    for message in load_catalog("ar"):
        if not message.id:
            continue
        if message.pluralizable:
            names = set(PLACEHOLDER.findall(message.id[1]))
            for n, form in enumerate(message.string):
                assert set(PLACEHOLDER.findall(form)) <= names, message.id
                if n >= 3:  # 3-10, 11-99, 100+: the number must be shown
                    assert set(PLACEHOLDER.findall(form)) == names, message.id
                assert form % dict.fromkeys(names, 7)
        else:
            names = set(PLACEHOLDER.findall(message.id))
            assert set(PLACEHOLDER.findall(message.string)) == names, message.id
            assert message.string % dict.fromkeys(names, "x")


def test_catalogs_hold_no_bidi_controls() -> None:
    for lang in ("en", "ar"):
        for message in load_catalog(lang):
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            assert not any(BIDI_MARKS.search(form) for form in forms), message.id


# -- templates ---------------------------------------------------------------------------------

JINJA_OPTIONS = {"extensions": "jinja2.ext.do,jinja2.ext.loopcontrols"}


def extract_messages(source: bytes) -> list[tuple[int, str, tuple[str | None, ...]]]:
    """Every gettext call of a Jinja template: (line, function, msgids)."""
    found = []
    for line, function, message, _comments in babel_extract(
        io.BytesIO(source), list(DEFAULT_KEYWORDS), [], JINJA_OPTIONS
    ):
        found.append((line, function, message if isinstance(message, tuple) else (message,)))
    return found


def untranslated_messages(source: bytes, where: str) -> list[str]:
    """The messages of a template missing from a catalog, as ``where:line: msgid``."""
    catalogs = {lang: _messages(load_catalog(lang)) for lang in ("en", "ar")}
    problems = []
    for line, _function, ids in extract_messages(source):
        singular, plural = ids[0], ids[1] if len(ids) > 1 else None
        if singular is None:
            continue  # a variable, not a literal
        for lang, messages in catalogs.items():
            message = messages.get(singular)
            if message is None:
                problems.append(f"{where}:{line}: {singular!r} is not in the {lang} catalog")
            elif plural is not None and message.id != (singular, plural):
                problems.append(f"{where}:{line}: {singular!r} has another plural in {lang}")
    return problems


def test_extraction_finds_every_kind_of_call() -> None:
    source = (
        b'{{ _("Operational") }} {{ gettext("Resolved") }}\n'
        b'{{ ngettext("%(num)d update", "%(num)d updates", n) }}\n'
        b"{% trans %}Ongoing{% endtrans %} {{ _(name) }}"
    )
    found = {ids for _line, _function, ids in extract_messages(source)}
    assert {("Operational",), ("Resolved",), ("Ongoing",)} <= found
    assert ("%(num)d update", "%(num)d updates", None) in found
    assert untranslated_messages(source, "sample") == []


def test_extraction_reports_a_missing_translation() -> None:
    source = b'{{ _("A string nobody translated") }}\n{{ ngettext("%(num)d update", "x", n) }}'
    problems = untranslated_messages(source, "sample.html")
    assert "sample.html:1: 'A string nobody translated' is not in the ar catalog" in problems
    assert any("another plural" in problem for problem in problems)


def test_every_template_string_is_translated() -> None:
    templates = sorted(
        path
        for path in TEMPLATES.rglob("*")
        if path.suffix in {".html", ".xml", ".svg", ".txt"} and path.is_file()
    )
    problems = []
    for path in templates:
        problems += untranslated_messages(path.read_bytes(), str(path.relative_to(TEMPLATES)))
    assert not problems, "\n".join(problems)
