"""The plugin's options refuse what would make wrong pages, with a message naming the option."""

from __future__ import annotations

import pytest
from mkdocs.config.base import ValidationError

from nabd.mkdocs.config import NabdConfig, languages_of, platforms_of


def errors_of(options: dict) -> list[str]:
    config = NabdConfig()
    config.load_dict(options)
    failed, _warnings = config.validate()
    return [f"{name}: {error}" for name, error in failed]


def platform(platform_id: str) -> dict:
    return {"id": platform_id, "name": {"en": "X", "ar": "س"}, "tracked_since": "2020-01-01"}


def test_valid_platforms_pass() -> None:
    assert errors_of({"platforms": [platform("facebook"), platform("whats_app-2")]}) == []


@pytest.mark.parametrize("bad", ["Face Book!", "WhatsApp", "../x", ""])
def test_a_platform_id_must_be_fit_for_an_address(bad: str) -> None:
    [error] = errors_of({"platforms": [platform(bad)]})
    assert error.startswith("platforms:") and "is not an id" in error


def test_a_platform_id_is_declared_once() -> None:
    [error] = errors_of({"platforms": [platform("facebook"), platform("facebook")]})
    assert "'facebook' is declared twice" in error


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ({"timezone": "Mars/Olympus"}, "unknown timezone"),
        ({"weights": {"major_outage": 2}}, "from 0 to 1"),
        ({"weights": {"down": 1}}, "unknown status"),
        ({"platforms": [{**platform("x"), "tracked_since": "yesterday"}]}, "YYYY-MM-DD"),
    ],
)
def test_bad_options_are_named(options: dict, fragment: str) -> None:
    [error] = errors_of(options)
    assert error.startswith(next(iter(options))) and fragment in error


@pytest.mark.parametrize("size", [-1, 0, 100, True])
def test_max_file_size_must_hold_a_real_incident(size: object) -> None:
    [error] = errors_of({"max_file_size": size})
    assert error.startswith("max_file_size:") and "at least 1024" in error


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("<img src=x onerror=alert(1)>", "raw HTML"),
        ("Face\x01book", "control character U+0001"),
        ("\u200b", "shows nothing"),
        ("Face\nbook", "a line break"),
    ],
)
def test_a_platform_name_a_page_cannot_show_is_refused(name: str, message: str) -> None:
    entry = {**platform("facebook"), "name": {"en": name, "ar": "فيسبوك"}}
    [error] = errors_of({"platforms": [entry]})
    assert error.startswith("platforms:") and message in error


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.com/", "www.example.com"])
def test_a_platform_address_must_be_a_web_address(url: str) -> None:
    [error] = errors_of({"platforms": [{**platform("facebook"), "url": url}]})
    assert "is not a web address" in error


def platforms(options: dict, codes: tuple[str, ...], optional: tuple[str, ...] = ()) -> list:
    config = NabdConfig()
    config.load_dict({**options, "optional_languages": list(optional)})
    failed, _warnings = config.validate()
    assert failed == []
    return list(platforms_of(config, languages_of(config, codes)))


def test_names_follow_the_site_languages_in_their_order() -> None:
    entry = {**platform("x"), "name": {"fr": "X fr", "ar": "س", "en": "X"}}
    [found] = platforms({"platforms": [entry]}, ("ar", "fr", "en"))
    assert list(found.name.values) == ["ar", "fr", "en"]


def test_a_name_written_once_serves_every_language() -> None:
    [found] = platforms({"platforms": [{**platform("x"), "name": "Acme"}]}, ("fr", "ar"))
    assert found.name.values == {"fr": "Acme", "ar": "Acme"}


@pytest.mark.parametrize(
    ("name", "codes", "optional", "fragment"),
    [
        (
            {"en": "X"},
            ("en", "ar"),
            (),
            "platforms[0]: name: x has no name in ar (write {en: ..., ar: ...})",
        ),
        (
            {"en": "X", "ar": "س", "fr": "X"},
            ("en", "ar"),
            (),
            "name: fr: x has a name in fr, which the site",
        ),
        ({"en": "X"}, ("en", "fr"), ("fr",), None),
    ],
)
def test_a_name_in_each_required_language_and_in_no_other(
    name: dict, codes: tuple[str, ...], optional: tuple[str, ...], fragment: str | None
) -> None:
    options = {"platforms": [{**platform("x"), "name": name}]}
    if fragment is None:
        assert platforms(options, codes, optional)[0].name.get("fr").is_fallback
        return
    with pytest.raises(ValidationError) as error:
        platforms(options, codes, optional)
    assert fragment in str(error.value)


def test_the_default_language_cannot_be_optional() -> None:
    config = NabdConfig()
    config.load_dict({"optional_languages": ["en"]})
    config.validate()
    with pytest.raises(ValidationError, match="default language 'en' cannot be optional"):
        languages_of(config, ("en", "ar"))


@pytest.mark.parametrize(
    ("written", "minutes"),
    [
        ("30m", 30),
        ("6h", 360),
        ("2 d", 2880),
        ("0m", None),
        ("6", None),
        ("6 hours", None),
        ("99999999999d", None),
    ],
)
def test_max_age_is_a_duration_of_at_least_a_minute(written: str, minutes: int | None) -> None:
    """0m would announce nothing, ever; a number of days past timedelta's range would stop
    nabd notify with a traceback."""
    config = NabdConfig()
    config.load_dict({"notify": {"max_age": written}})
    failed, _warnings = config.validate()
    if minutes is None:
        assert failed and "expected a duration such as 30m, 6h or 2d" in str(failed[0][1])
    else:
        assert failed == [] and config.notify.max_age.total_seconds() == minutes * 60
