"""Link previews name the page's locale as Open Graph wants it, for any language a site builds."""

from __future__ import annotations

import pytest

from nabd.core.edition.sharing import og_locale


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "en_US"), ("ar", "ar_EG"), ("fr", "fr_FR"), ("fa", "fa_IR"), ("pt-BR", "pt_BR")],
)
def test_the_locale_comes_from_cldr(lang: str, expected: str) -> None:
    assert og_locale(lang) == expected


def test_a_code_cldr_does_not_know_is_given_as_written() -> None:
    assert og_locale("xx") == "xx"
