"""The plugin's options in ``mkdocs.yml``, each with the docstring the reference page shows."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from nabd.core.analysis.uptime import DEFAULT_WEIGHTS
from nabd.core.edition.notify.channels import (
    DEFAULT_CHAT_ID_ENV,
    DEFAULT_SECRET_ENV,
    DEFAULT_TOKEN_ENV,
    DEFAULT_URL_ENV,
    Channel,
    ChannelKind,
    Notify,
)
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


class _Matching(c.Type):
    """A text that must match ``pattern`` whole; ``problem`` says what it is not."""

    def __init__(self, pattern: str, problem: str) -> None:
        super().__init__(str)
        self.pattern = re.compile(pattern)
        self.problem = problem

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not self.pattern.fullmatch(text):
            raise ValidationError(f"{text!r} {self.problem}")
        return text


class _Identifier(_Matching):
    """A platform id: it names the platform in incident files and becomes a URL."""

    def __init__(self) -> None:
        super().__init__(
            r"[a-z0-9][a-z0-9_-]*",
            "is not an id: use lowercase letters, digits, '-' and '_' "
            "(it becomes part of the pages' addresses)",
        )


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


class _Duration(c.Type):
    """A duration such as ``30m``, ``6h`` or ``2d``."""

    PATTERN = re.compile(r"([1-9][0-9]{0,4}) *([mhd])")  # not 0m: nothing, ever; not 10**12d
    UNITS: ClassVar[dict[str, str]] = {"m": "minutes", "h": "hours", "d": "days"}

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> timedelta:
        text = super().run_validation(value)
        match = self.PATTERN.fullmatch(text.strip())
        if match is None:
            raise ValidationError(f"expected a duration such as 30m, 6h or 2d, got {text!r}")
        return timedelta(**{self.UNITS[match[2]]: int(match[1])})


class _EnvName(_Matching):
    """The name of an environment variable, such as ``NABD_SLACK_WEBHOOK``."""

    def __init__(self) -> None:
        super().__init__(
            r"[A-Za-z_][A-Za-z0-9_]*",
            "is not the name of an environment variable (like NABD_SLACK_WEBHOOK): "
            "write the variable's name here, never the secret itself",
        )


class _StrictSubConfig(c.SubConfig):
    """A sub-configuration in which an unknown option is an error, not a warning: a misspelt
    ``url_env`` must not send to the default variable's address."""

    def __init__(self, config_class: type[Config]) -> None:
        super().__init__(config_class)
        self.config_class = config_class

    def run_validation(self, value: object) -> Config:
        self.reset_warnings()
        config = super().run_validation(value)
        if self.warnings:
            raise ValidationError("; ".join(self.warnings))
        return config


class ChannelConfig(Config):
    """One chat channel that new updates are announced in."""

    type = c.Choice(tuple(kind.value for kind in ChannelKind))
    """The service: ``telegram``, ``slack``, ``discord``, ``teams`` or ``webhook``."""

    languages = _LanguageCodes()
    """The site's languages the channel gets messages in, one message per language; the
    default language when left out."""

    platforms = c.ListOfItems(_Identifier(), default=[])
    """Announce only incidents on these platforms (their ids); every platform when left out."""

    url_env = c.Optional(_EnvName())
    """The environment variable holding the webhook's address (Slack, Discord, Teams, webhook);
    by default ``NABD_SLACK_WEBHOOK``, ``NABD_DISCORD_WEBHOOK``, ``NABD_TEAMS_WEBHOOK`` or
    ``NABD_WEBHOOK_URL``."""

    token_env = c.Optional(_EnvName())
    """Telegram: the environment variable holding the bot's token; by default
    ``NABD_TELEGRAM_TOKEN``."""

    chat_id = c.Optional(c.Type((str, int)))
    """Telegram: the chat to post in, such as ``"@example_status"`` or ``-1001234567890``."""

    chat_id_env = c.Optional(_EnvName())
    """Telegram: the environment variable holding the chat id, instead of ``chat_id``; by
    default ``NABD_TELEGRAM_CHAT_ID``."""

    secret_env = c.Optional(_EnvName())
    """Webhook: the environment variable holding the key its requests are signed with
    (HMAC-SHA256); by default ``NABD_WEBHOOK_SECRET``, and unsigned when that is not set."""


class NotifyConfig(Config):
    """How ``nabd notify`` announces new updates."""

    max_age = _Duration(default="6h")
    """How old an update may be and still be announced, when the published site did not list it
    (a first deploy, or an old incident added): ``30m``, ``6h``, ``2d``."""

    channels = c.ListOfItems(_StrictSubConfig(ChannelConfig), default=[])
    """The channels new updates are announced in; none by default."""


class NabdConfig(Config):
    """Options of the ``nabd`` plugin."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing its configuration."""

    optional_languages = _LanguageCodes()
    """Languages of the site that incident texts may leave out, such as ``[fr]`` for a site
    whose interface is in French but whose incidents are written in Arabic and English: a text
    missing in one is shown in the default language, with a visible marker, and no warning."""

    locale_dir = c.Optional(c.Type(str))
    """A folder of the site's own interface catalogs, relative to ``mkdocs.yml``, laid out as
    ``<lang>/LC_MESSAGES/nabd.po``: to add a language Nabd does not ship, or to change a word
    ("services" instead of "platforms"). A message it translates wins over Nabd's."""

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

    tracker = c.Type(bool, default=False)
    """Whether the site tracks services run by someone else (like Nabd's example, a tracker of
    Meta's platforms) rather than its operator's own. On a tracker, an update is the operator's
    word only when it cites an official source; on an operator's own page, an update without
    sources is the operator's word too. Comparisons count the operator's words only ("time to
    first official word", "official updates")."""

    reference = c.Type(bool, default=False)
    """Add a reference page (``/reference/``), in each language, of these settings and of every
    field of an incident file: for the maintainers of a site."""

    max_file_size = _Bytes(default=64 * 1024)
    """The largest incident file accepted, in bytes: a guard against pasted logs."""

    notify = _StrictSubConfig(NotifyConfig)
    """Chat channels that ``nabd notify`` announces each new update in, after a deploy."""


Key = str | int


class OptionError(ValidationError):
    """An option that is wrong where it stands: ``keys`` lead to it from the plugin's options
    (``("notify", "channels", 0, "languages")``), so that a caller that has the file can name
    its line."""

    def __init__(self, keys: tuple[Key, ...], message: str) -> None:
        self.keys = keys
        self.message = message
        super().__init__(f"{option_path(keys)}: {message}")


def option_path(keys: Sequence[Key]) -> str:
    """``keys`` as they are written in messages: ``notify: channels[0]: languages``."""
    path = ""
    for key in keys:
        path += f"[{key}]" if isinstance(key, int) else (f": {key}" if path else key)
    return path


def languages_of(config: NabdConfig, codes: Sequence[str]) -> Languages:
    """The site's languages: ``codes`` from the site's configuration (the default first), with
    the plugin's ``optional_languages``."""
    try:
        return Languages(tuple(codes), frozenset(config.optional_languages))
    except ValueError as error:
        raise OptionError(("optional_languages",), str(error)) from None


def platforms_of(config: NabdConfig, languages: Languages) -> tuple[Platform, ...]:
    """The core's platforms from the plugin's validated options, each named in every language
    the site requires (``ValidationError`` naming the platform and language otherwise)."""
    platforms = []
    for index, p in enumerate(config.platforms):
        names = dict(p.name)
        if EVERY_LANGUAGE in names:
            names = dict.fromkeys(languages.codes, names[EVERY_LANGUAGE])
        if unknown := [lang for lang in names if lang not in languages.codes]:
            raise OptionError(
                ("platforms", index, "name", unknown[0]),
                f"{p.id} has a name in {', '.join(unknown)}, which the site does not build "
                f"(its languages: {', '.join(languages.codes)})",
            )
        if missing := [lang for lang in languages.required if not names.get(lang)]:
            wanted = ", ".join(f"{lang}: ..." for lang in languages.codes)
            raise OptionError(
                ("platforms", index, "name"),
                f"{p.id} has no name in {', '.join(missing)} (write {{{wanted}}})",
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


_TELEGRAM_ONLY = ("token_env", "chat_id", "chat_id_env")


def notify_of(config: NabdConfig, languages: Languages, platforms: Sequence[Platform]) -> Notify:
    """The core's channels from the plugin's validated ``notify`` options, each checked against
    the site's languages and platforms (``ValidationError`` naming the channel otherwise)."""
    options = config.notify
    channels = []
    for index, channel in enumerate(options.channels):
        try:
            channels.append(_channel(channel, index, languages, platforms))
        except OptionError as error:
            raise OptionError(("notify", "channels", index, *error.keys), error.message) from None
    return Notify(tuple(channels), options.max_age)


def _channel(
    channel: ChannelConfig, index: int, languages: Languages, platforms: Sequence[Platform]
) -> Channel:
    kind = ChannelKind(channel.type)
    codes = languages.codes
    if unknown := [lang for lang in channel.languages if lang not in codes]:
        raise OptionError(
            ("languages",),
            f"{', '.join(unknown)} is not a language of the site (its languages: "
            f"{', '.join(codes)})",
        )
    ids = [p.id for p in platforms]
    if unknown := [p for p in channel.platforms if p not in ids]:
        raise OptionError(
            ("platforms",),
            f"{', '.join(unknown)} is not a platform of the site (its platforms: "
            f"{', '.join(ids) or 'none'})",
        )
    given = {name for name, _ in ChannelConfig._schema if channel[name] is not None}
    telegram = kind is ChannelKind.TELEGRAM
    wrong = [n for n in _TELEGRAM_ONLY if n in given] if not telegram else []
    wrong += ["url_env"] if telegram and "url_env" in given else []
    wrong += ["secret_env"] if kind is not ChannelKind.WEBHOOK and "secret_env" in given else []
    if wrong:
        raise OptionError((wrong[0],), f"not an option of a {kind} channel")
    if telegram and {"chat_id", "chat_id_env"} <= given:
        raise OptionError(("chat_id_env",), "give chat_id or chat_id_env, not both")
    if isinstance(channel.chat_id, bool):  # YAML's yes/no/true: an int to the type check
        raise OptionError(("chat_id",), 'expected a chat such as "@name" or -1001234567890')
    chat_id = "" if channel.chat_id is None else str(channel.chat_id)
    return Channel(
        kind=kind,
        label=f"{kind} #{index + 1}",
        languages=tuple(dict.fromkeys(channel.languages)) or (languages.default,),
        platforms=frozenset(channel.platforms),
        url_env=(channel.token_env or DEFAULT_TOKEN_ENV)
        if telegram
        else (channel.url_env or DEFAULT_URL_ENV[kind]),
        chat_id=chat_id,
        chat_id_env="" if not telegram or chat_id else channel.chat_id_env or DEFAULT_CHAT_ID_ENV,
        secret_env=(channel.secret_env or DEFAULT_SECRET_ENV)
        if kind is ChannelKind.WEBHOOK
        else "",
        secret_required=channel.secret_env is not None,
    )
