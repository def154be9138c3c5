"""The interface's catalogs: every message shown is in every catalog Nabd ships, with every
plural form the language has, and a site's own catalog adds a language or changes a word."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_python
from jinja2 import Environment
from jinja2.ext import babel_extract

from nabd.core.present.catalogs import PACKAGE_LOCALES, CatalogError, Catalogs
from nabd.core.present.language import CLDR_WORDS, Language

PACKAGE = Path(__file__).resolve().parents[2] / "plugin" / "nabd"
TEMPLATES = PACKAGE / "templates"
SHIPPED = sorted(path.name for path in PACKAGE_LOCALES.iterdir() if path.is_dir())
TRANSLATED = [lang for lang in SHIPPED if lang != "en"]
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "plural": (1, 2)}
JINJA_OPTIONS = {"extensions": "jinja2.ext.do,jinja2.ext.loopcontrols"}
PLURALS = ("%(num)d incident", "%(num)d incidents")


def catalog(lang: str) -> Catalog:
    return Catalogs().catalog(lang)


def messages(lang: str) -> dict[str, Message]:
    return {_singular(m.id): m for m in catalog(lang) if m.id}


def _singular(msgid: str | tuple[str, ...]) -> str:
    return msgid[0] if isinstance(msgid, tuple) else msgid


def _forms(message: Message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def test_nabd_ships_english_arabic_and_french() -> None:
    assert {"en", "ar", "fr"} <= set(SHIPPED)


@pytest.mark.parametrize("lang", SHIPPED)
def test_catalog_headers(lang: str) -> None:
    headers = dict(catalog(lang).mime_headers)
    assert headers["Language"] == lang
    assert headers["Content-Type"] == "text/plain; charset=utf-8"


def test_arabic_has_its_six_plural_forms() -> None:
    assert catalog("ar").num_plurals == 6
    words = Catalogs().words("ar")
    forms = {n: words.ngettext(*PLURALS, n) for n in (0, 1, 2, 3, 11, 100)}
    assert len(set(forms.values())) == 6, forms
    assert forms[2] == "عطلان"
    assert forms[3] % {"num": 3} == "3 أعطال"
    assert words.ngettext(*PLURALS, 102) == forms[100]
    assert words.ngettext(*PLURALS, 111) == forms[11]


def test_french_has_cldrs_three_plural_forms() -> None:
    """French counts 0 and 1 as singular, and says "de" after a round million."""
    assert catalog("fr").num_plurals == 3
    words = Catalogs().words("fr")
    forms = {n: words.ngettext(*PLURALS, n) % {"num": n} for n in (0, 1, 2, 1_000_000)}
    assert forms == {
        0: "0 incident",
        1: "1 incident",
        2: "2 incidents",
        1_000_000: "1000000 d'incidents",
    }


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_with_every_plural_form(lang: str) -> None:
    english, found = messages("en"), messages(lang)
    assert sorted(set(english) - set(found)) == [], f"msgids missing in {lang}"
    assert sorted(set(found) - set(english)) == [], f"msgids of {lang} that English lacks"
    expected = catalog(lang).num_plurals
    incomplete = []
    for msgid, message in found.items():
        forms = _forms(message)
        if message.pluralizable != english[msgid].pluralizable or message.id != english[msgid].id:
            incomplete.append(f"{msgid} (plural ids differ from English)")
        elif (
            len(forms) != (expected if message.pluralizable else 1)
            or message.fuzzy
            or (not all(forms) and msgid not in CLDR_WORDS)
        ):
            incomplete.append(msgid)
    assert incomplete == [], f"incomplete {lang} translations"


def test_english_translates_only_to_write_durations_compactly() -> None:
    changed = [
        _singular(m.id)
        for m in catalog("en")
        if m.id
        and any(
            form not in ("", *((m.id,) if isinstance(m.id, str) else m.id)) for form in _forms(m)
        )
    ]
    assert sorted(changed) == sorted([*CLDR_WORDS, "less than %(duration)s"])


@pytest.mark.parametrize("lang", SHIPPED)
def test_translations_keep_their_placeholders(lang: str) -> None:
    """A translation uses the msgid's %(name)s placeholders (Jinja formats every string); a
    plural form may leave the number out only where the language names it ("عطلان")."""
    for message in catalog(lang):
        if not message.id or not any(_forms(message)):
            continue
        if message.pluralizable:
            names = set(PLACEHOLDER.findall(message.id[1]))
            for form in message.string:
                assert set(PLACEHOLDER.findall(form)) <= names, message.id
                assert form % dict.fromkeys(names, 7)
        else:
            names = set(PLACEHOLDER.findall(message.id))
            assert set(PLACEHOLDER.findall(message.string)) == names, message.id
            assert message.string % dict.fromkeys(names, "x")


@pytest.mark.parametrize("lang", SHIPPED)
def test_catalogs_hold_no_bidi_controls(lang: str) -> None:
    for message in catalog(lang):
        assert not any(BIDI_CONTROLS.search(form) for form in _forms(message)), message.id


def test_jinja_newstyle_gettext_escapes_its_values() -> None:
    env = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    env.install_gettext_translations(Catalogs().words("ar"), newstyle=True)  # type: ignore[attr-defined]
    template = env.from_string(
        '{{ ngettext("%(num)d incident", "%(num)d incidents", n) }} | '
        '{{ _("about %(time)s", time="<b>") }}'
    )
    assert template.render(n=3) == "3 أعطال | نحو &lt;b&gt;"


# -- a site's own catalogs ---------------------------------------------------------------------


def write_catalog(root: Path, lang: str, entries: str, plural_forms: str = "") -> None:
    folder = root / lang / "LC_MESSAGES"
    folder.mkdir(parents=True)
    header = f'"Language: {lang}\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n'
    if plural_forms:
        header += f'"Plural-Forms: {plural_forms}\\n"\n'
    (folder / "nabd.po").write_text(f'msgid ""\nmsgstr ""\n{header}\n{entries}', encoding="utf-8")


def test_a_site_catalog_changes_one_word_and_keeps_the_others(tmp_path: Path) -> None:
    write_catalog(tmp_path, "en", 'msgid "Platforms"\nmsgstr "Services"\n')
    words = Catalogs(tmp_path).words("en")
    assert words.gettext("Platforms") == "Services"
    assert words.gettext("Operational") == "Operational"
    assert Language("en", words, "UTC").duration(__import__("datetime").timedelta(minutes=90)) == (
        "1\u00a0h 30\u00a0min"
    )


def test_a_site_catalog_adds_a_language_with_its_plurals(tmp_path: Path) -> None:
    write_catalog(
        tmp_path,
        "tr",
        'msgid "Operational"\nmsgstr "Çalışıyor"\n\n'
        'msgid "%(num)d incident"\nmsgid_plural "%(num)d incidents"\n'
        'msgstr[0] "%(num)d olay"\nmsgstr[1] "%(num)d olay"\n',
        "nplurals=2; plural=(n != 1);",
    )
    catalogs = Catalogs(tmp_path)
    assert catalogs.has("tr") and not Catalogs().has("tr")
    words = catalogs.words("tr")
    assert words.gettext("Operational") == "Çalışıyor"
    assert words.ngettext(*PLURALS, 3) % {"num": 3} == "3 olay"
    assert words.gettext("Major outage") == "Major outage"  # untranslated: English


def test_a_broken_site_catalog_names_its_file_and_line(tmp_path: Path) -> None:
    """Babel's default is to print a warning and drop the message: a translation lost
    silently, the English shown instead. A catalog line it cannot read fails instead."""
    write_catalog(tmp_path, "fr", 'msgid "Platforms"\n\nmsgid "Operational"\nmsgstr "Ok"\n')
    with pytest.raises(CatalogError) as error:
        Catalogs(tmp_path).words("fr")
    assert str(error.value) == (
        f"{tmp_path / 'fr' / 'LC_MESSAGES' / 'nabd.po'}:6: missing msgstr for msgid 'Platforms'"
    )


def test_a_language_without_any_catalog_speaks_english() -> None:
    catalogs = Catalogs()
    assert not catalogs.has("xx")
    assert catalogs.words("xx").gettext("Operational") == "Operational"


# -- every message shown is in the catalogs ----------------------------------------------------


def template_messages(source: bytes) -> list[tuple[int, tuple[str | None, ...]]]:
    return [
        (line, message if isinstance(message, tuple) else (message,))
        for line, _function, message, _comments in babel_extract(
            io.BytesIO(source), list(KEYWORDS), [], JINJA_OPTIONS
        )
    ]


def python_messages(source: bytes) -> list[tuple[int, tuple[str | None, ...]]]:
    return [
        (line, message if isinstance(message, tuple) else (message,))
        for line, _function, message, _comments in extract_python(
            io.BytesIO(source), KEYWORDS, [], {}
        )
    ]


def missing_from_catalogs(found: list[tuple[int, tuple[str | None, ...]]], where: str) -> list[str]:
    catalogs = {lang: messages(lang) for lang in SHIPPED}
    problems = []
    for line, ids in found:
        singular, plural_id = ids[0], ids[1] if len(ids) > 1 else None
        if not singular:
            continue  # a variable, not a literal
        for lang, known in catalogs.items():
            message = known.get(singular)
            if message is None:
                problems.append(f"{where}:{line}: {singular!r} is not in the {lang} catalog")
            elif plural_id is not None and message.id != (singular, plural_id):
                problems.append(f"{where}:{line}: {singular!r} has another plural in {lang}")
    return problems


def test_extraction_finds_every_kind_of_call() -> None:
    template = (
        b'{{ _("Operational") }} {{ gettext("Resolved") }}\n'
        b'{{ ngettext("%(num)d incident", "%(num)d incidents", n) }}\n'
    )
    assert {ids for _, ids in template_messages(template)} >= {("Operational",), ("Resolved",)}
    python = b'N_("Operational")\nplural("%(num)d incident", "%(num)d incidents")\nx.gettext(y)\n'
    found = {ids for _, ids in python_messages(python)}
    assert ("Operational",) in found and ("%(num)d incident", "%(num)d incidents") in found
    assert missing_from_catalogs(python_messages(b'N_("Nobody translated this")'), "x.py") == [
        f"x.py:1: 'Nobody translated this' is not in the {lang} catalog" for lang in SHIPPED
    ]


def test_every_message_of_the_templates_and_the_code_is_in_every_catalog() -> None:
    problems = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        found = template_messages(path.read_bytes())
        problems += missing_from_catalogs(found, str(path.relative_to(PACKAGE)))
    for path in sorted(PACKAGE.rglob("*.py")):
        found = python_messages(path.read_bytes())
        problems += missing_from_catalogs(found, str(path.relative_to(PACKAGE)))
    assert problems == []
