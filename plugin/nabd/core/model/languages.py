"""The languages a site is written in: data from its configuration, never a list in the code.

A site builds one or more languages, the default first (at the site's root). Every text of an
incident or of the configuration is written in them: in each *required* language (all of them,
unless the site makes some optional), and in no other. A text missing in a language is shown
in another, with a visible marker: in the default language first, then in the order the site
lists its languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError


@dataclass(frozen=True)
class Languages:
    """``codes`` as the site writes them (``en``, ``ar``, ``fr``, ``pt-BR``), the default first.

    ``optional`` are languages a text may leave out without a warning (shown in the default
    language, marked), for a site that translates its interface but not every incident.
    """

    codes: tuple[str, ...]
    optional: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not self.codes:
            raise ValueError("a site needs at least one language")
        if len(set(self.codes)) != len(self.codes):
            raise ValueError(f"a language is listed twice: {', '.join(self.codes)}")
        if self.default in self.optional:
            raise ValueError(f"the default language {self.default!r} cannot be optional")
        if unknown := sorted(self.optional - set(self.codes)):
            raise ValueError(f"optional languages not built by the site: {', '.join(unknown)}")

    @property
    def default(self) -> str:
        return self.codes[0]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(code for code in self.codes if code not in self.optional)

    def fallbacks(self, lang: str) -> tuple[str, ...]:
        """The order to look for a text asked for in ``lang``: that language, the default, the
        others as listed."""
        return tuple(dict.fromkeys((lang, *self.codes)))

    def ordered(self, texts: dict[str, str]) -> dict[str, str]:
        """``texts`` in the site's order, the default language first: the order a text falls
        back in (see ``LocalizedText.get``)."""
        return {code: texts[code] for code in self.codes if code in texts}


@cache
def locale_of(code: str) -> Locale | None:
    """Babel's locale for a language code as a site writes it (``pt-BR``, ``zh_Hant``), or
    ``None`` when CLDR does not know it."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


def language_name(code: str, in_language: str = "en") -> str:
    """The language's name, for messages: "Arabic", or the code itself when unknown."""
    locale = locale_of(code)
    shown_in = locale_of(in_language)
    if locale is None or shown_in is None:
        return code
    return locale.get_display_name(shown_in) or code
