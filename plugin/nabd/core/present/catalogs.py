"""The interface's words in each language: gettext catalogs, the package's and the site's.

Nabd ships catalogs (``locales/<lang>/LC_MESSAGES/nabd.po``); a site may add its own in the
same layout under its ``locale_dir``, to add a language (Persian, Urdu, Turkish...) or to change
a word ("services" instead of "platforms"): a message the site translates wins over the
package's, the others stay. A language with no catalog at all speaks English, the messages'
source, and the site is told how to add one (see the adapter).

Catalogs are compiled in memory (no ``.mo`` file to build or ship).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

from nabd.core.model.languages import locale_of

DOMAIN = "nabd"
"""The gettext domain: ``<lang>/LC_MESSAGES/nabd.po``."""

PACKAGE_LOCALES: Traversable = files("nabd") / "locales"


def N_(message: str) -> str:
    """Mark ``message`` as a msgid, to be translated where it is shown (``gettext``); the
    catalog test extracts every marked message and checks every catalog has it."""
    return message


def plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural message, to be translated with ``ngettext(*message, n)``."""
    return singular, plural


class Words(Translations):
    """A language's translations, which also know which messages its catalogs translate: a
    format that CLDR knows better (a unit's plural forms) is used where no catalog says
    otherwise."""

    translated: frozenset[str] = frozenset()

    def has(self, msgid: str) -> bool:
        return msgid in self.translated


class CatalogError(ValueError):
    """A catalog file that cannot be read; the message names the file."""


class Catalogs:
    """The catalogs of a site: the package's, and those in ``site_dir`` (``None``: none)."""

    def __init__(self, site_dir: Path | None = None) -> None:
        self.site_dir = site_dir
        self._words: dict[str, Words] = {}

    def has(self, lang: str) -> bool:
        """Whether any catalog speaks ``lang`` (else its interface is in English)."""
        return any(True for _ in self._files(lang))

    def catalog(self, lang: str) -> Catalog:
        """``lang``'s messages: the package's, with the site's translations over them."""
        merged: Catalog | None = None
        for path in self._files(lang):
            catalog = _read(path, lang)
            if merged is None:
                merged = catalog
                continue
            for message in catalog:
                if not message.id or not any(_strings(message.string)):
                    continue
                # Babel's ``catalog[id] = message`` keeps an existing message's translation.
                existing = merged.get(message.id)
                if existing is None:
                    merged[message.id] = message
                else:
                    existing.string = message.string
        return merged if merged is not None else Catalog(locale=_babel_locale(lang), domain=DOMAIN)

    def words(self, lang: str) -> Words:
        """``lang``'s translations, for ``gettext``, ``ngettext`` and Jinja's i18n extension;
        a message without a translation is its English source."""
        if lang not in self._words:
            catalog = self.catalog(lang)
            buffer = BytesIO()
            write_mo(buffer, catalog)
            buffer.seek(0)
            words = Words(buffer, domain=DOMAIN)
            words.translated = frozenset(
                _strings(m.id)[0] for m in catalog if m.id and any(_strings(m.string))
            )
            self._words[lang] = words
        return self._words[lang]

    def _files(self, lang: str) -> Iterator[Traversable]:
        """The catalog files of ``lang``, the package's first: ``pt-BR`` is looked for as
        ``pt-BR``, ``pt_BR`` and ``pt``."""
        names = dict.fromkeys([lang, lang.replace("-", "_"), lang.replace("_", "-").split("-")[0]])
        roots: list[Traversable] = [PACKAGE_LOCALES]
        if self.site_dir is not None:
            roots.append(self.site_dir)
        for root in roots:
            for name in names:
                path = root / name / "LC_MESSAGES" / f"{DOMAIN}.po"
                if path.is_file():
                    yield path
                    break


def _babel_locale(lang: str) -> str | None:
    locale = locale_of(lang)
    return str(locale) if locale is not None else None


def _read(path: Traversable, lang: str) -> Catalog:
    """The catalog in ``path``; a line Babel cannot read is an error naming it, not the warning
    Babel prints by default while it drops the message (a translation silently lost)."""
    data = BytesIO(path.read_bytes())
    try:
        return read_po(data, locale=_babel_locale(lang), domain=DOMAIN, abort_invalid=True)
    except PoFileError as error:
        problem = re.sub(r" on \d+$", "", str(error))
        raise CatalogError(f"{path}:{error.lineno + 1}: {problem}") from None
    except Exception as error:  # babel raises plain exceptions for broken files
        raise CatalogError(f"{path}: not a readable gettext catalog: {error}") from None


def _strings(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else value
