"""The plugin's options in ``mkdocs.yml``, each with the docstring the reference page shows."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from nabd.core.analysis.uptime import DEFAULT_WEIGHTS
from nabd.core.model.characters import refused_character, text_problem
from nabd.core.model.languages import Languages
from nabd.core.model.loader import is_web_address
from nabd.core.model.models import (
    IMPACT_STATUSES,
    ComponentStatus,
    LocalizedText,
    Platform,
)


class _Timezone(c.Type):
    """An IANA timezone name such as ``Asia/Riyadh``."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValidationError(
                f"unknown timezone {name!r} (use an IANA name such as 'Asia/Riyadh')"
            ) from error
        return name


EVERY_LANGUAGE = ""
"""The key of a name written once, as a plain string, for every language."""


class _LocalizedName(c.Type):
    """A name in each language, e.g. ``{en: WhatsApp, ar: واتساب}``, or one name for all,
    e.g. ``WhatsApp``. Which languages it needs is known once the site's languages are:
    ``platforms_of`` checks it."""

    def __init__(self) -> None:
        super().__init__((dict, str))

    def run_validation(self, value: object) -> dict[str, str]:
        names = super().run_validation(value)
        if isinstance(names, str):
            names = {EVERY_LANGUAGE: names}
        for lang, name in names.items():
            if not isinstance(name, str):
                raise ValidationError(f"the name in {lang} must be text, got {name!r}")
            if problem := text_problem(name) or refused_character(name, multiline=False):
                raise ValidationError(f"the name in {lang} ({name!r}): {problem}")
        return names


class _LanguageCodes(c.Type):
    """A list of language codes, such as ``[fr]``."""

    def __init__(self) -> None:
        super().__init__(list, default=[])

    def run_validation(self, value: object) -> list[str]:
        codes = super().run_validation(value)
        if not all(isinstance(code, str) and code for code in codes):
            raise ValidationError(f"expected a list of language codes such as [fr], got {codes!r}")
        return codes


class _WebAddress(c.Type):
    """An absolute http(s) address, such as ``https://www.whatsapp.com/``."""

    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> str:
        url = super().run_validation(value)
        if url and not is_web_address(url):
            raise ValidationError(
                f"{url!r} is not a web address: write it like https://www.example.com/"
            )
        return url


class _Date(c.BaseConfigOption[date]):
    """A calendar date written ``YYYY-MM-DD``."""

    def run_validation(self, value: object) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError as error:
            raise ValidationError(f"expected a date YYYY-MM-DD, got {value!r}") from error


class _Weights(c.Type):
    """Downtime weights per status, each from 0 to 1; statuses left out keep their default."""

    def __init__(self) -> None:
        super().__init__(dict, default={})

    def run_validation(self, value: object) -> dict[ComponentStatus, float]:
        given = super().run_validation(value) or {}
        weights = dict(DEFAULT_WEIGHTS)
        for status, weight in given.items():
            if status not in IMPACT_STATUSES:
                allowed = ", ".join(IMPACT_STATUSES)
                raise ValidationError(f"unknown status {status!r} (one of {allowed})")
            if (
                isinstance(weight, bool)
                or not isinstance(weight, int | float)
                or not 0 <= weight <= 1
            ):
                raise ValidationError(f"the weight of {status} must be a number from 0 to 1")
            weights[ComponentStatus(status)] = float(weight)
        return weights


class _Bytes(c.Type):
    """A size in bytes, at least 1 KiB."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        size = super().run_validation(value)
        if isinstance(size, bool) or size < 1024:
            raise ValidationError(f"expected a size in bytes of at least 1024, got {size!r}")
        return size


class _Identifier(c.Type):
    """A platform id: it names the platform in incident files and becomes a URL."""

    PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*")

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        if not self.PATTERN.fullmatch(name):
            raise ValidationError(
                f"{name!r} is not an id: use lowercase letters, digits, '-' and '_' "
                "(it becomes part of the pages' addresses)"
            )
        return name


class _Platforms(c.ListOfItems):
    """The platforms, each id declared once."""

    def run_validation(self, value: object) -> list:
        platforms = super().run_validation(value)
        seen: set[str] = set()
        for platform in platforms:
            if platform.id in seen:
                raise ValidationError(f"the platform id {platform.id!r} is declared twice")
            seen.add(platform.id)
        return platforms


class PlatformConfig(Config):
    """One tracked platform."""

    id = _Identifier()
    """A short, stable identifier used in incident files and URLs, e.g. ``whatsapp``."""

    name = _LocalizedName()
    """The platform's name in each language, e.g. ``{en: WhatsApp, ar: واتساب}``."""

    url = _WebAddress()
    """The platform's own address, linked from its page."""

    group = c.Optional(c.Type(str))
    """An optional group the platform is listed under."""

    tracked_since = _Date()
    """The day tracking began: uptime is not counted before it."""


class NabdConfig(Config):
    """Options of the ``nabd`` plugin."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing its configuration."""

    optional_languages = _LanguageCodes()
    """Languages of the site that incident texts may leave out, such as ``[fr]`` for a site
    whose interface is in French but whose incidents are written in Arabic and English: a text
    missing in one is shown in the default language, with a visible marker, and no warning."""

    incidents_dir = c.Type(str, default="incidents")
    """The folder of incident files, relative to ``mkdocs.yml``."""

    platforms = _Platforms(c.SubConfig(PlatformConfig), default=[])
    """The platforms the site tracks, in the order they are shown."""

    timezone = _Timezone(default="UTC")
    """The site's timezone (IANA name): times are shown in it and days are cut in it."""

    weights = _Weights()
    """How much a second in each status counts as downtime, from 0 to 1. Defaults:
    ``major_outage: 1.0``, ``partial_outage: 0.3``, ``degraded_performance: 0``,
    ``under_maintenance: 0``; a status left out keeps its default."""

    reference = c.Type(bool, default=False)
    """Add a reference page (``/reference/``), in each language, of these settings and of every
    field of an incident file: for the maintainers of a site."""

    max_file_size = _Bytes(default=64 * 1024)
    """The largest incident file accepted, in bytes: a guard against pasted logs."""


def languages_of(config: NabdConfig, codes: Sequence[str]) -> Languages:
    """The site's languages: ``codes`` from the site's configuration (the default first), with
    the plugin's ``optional_languages``."""
    try:
        return Languages(tuple(codes), frozenset(config.optional_languages))
    except ValueError as error:
        raise ValidationError(f"optional_languages: {error}") from None


def platforms_of(config: NabdConfig, languages: Languages) -> tuple[Platform, ...]:
    """The core's platforms from the plugin's validated options, each named in every language
    the site requires (``ValidationError`` naming the platform and language otherwise)."""
    platforms = []
    for p in config.platforms:
        names = dict(p.name)
        if EVERY_LANGUAGE in names:
            names = dict.fromkeys(languages.codes, names[EVERY_LANGUAGE])
        if unknown := [lang for lang in names if lang not in languages.codes]:
            raise ValidationError(
                f"platforms: {p.id}: a name in {', '.join(unknown)}, which the site does not "
                f"build (its languages: {', '.join(languages.codes)})"
            )
        if missing := [lang for lang in languages.required if not names.get(lang)]:
            wanted = ", ".join(f"{lang}: ..." for lang in languages.codes)
            raise ValidationError(
                f"platforms: {p.id}: missing name in {', '.join(missing)} (write {{{wanted}}})"
            )
        platforms.append(
            Platform(
                id=p.id,
                name=LocalizedText(languages.ordered(names)),
                url=p.url,
                tracked_since=p.tracked_since,
                group=p.group,
            )
        )
    return tuple(platforms)
