"""A chat channel as the site's configuration declares it: its service, its languages, its
platforms, and the names of the environment variables that hold its secrets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum


class ChannelKind(StrEnum):
    """The services a channel can be."""

    TELEGRAM = "telegram"
    SLACK = "slack"
    DISCORD = "discord"
    TEAMS = "teams"
    WEBHOOK = "webhook"


DEFAULT_URL_ENV: dict[ChannelKind, str] = {
    ChannelKind.SLACK: "NABD_SLACK_WEBHOOK",
    ChannelKind.DISCORD: "NABD_DISCORD_WEBHOOK",
    ChannelKind.TEAMS: "NABD_TEAMS_WEBHOOK",
    ChannelKind.WEBHOOK: "NABD_WEBHOOK_URL",
}
"""The secret each service's webhook address is read from when ``url_env`` is not given: the
names the deploy workflow ``nabd init`` writes passes to the notify step."""
DEFAULT_TOKEN_ENV = "NABD_TELEGRAM_TOKEN"
DEFAULT_CHAT_ID_ENV = "NABD_TELEGRAM_CHAT_ID"
DEFAULT_SECRET_ENV = "NABD_WEBHOOK_SECRET"


@dataclass(frozen=True)
class Channel:
    """One place updates are announced. ``platforms`` empty means every platform. Secrets are
    named, never held: ``url_env`` (a webhook's address, or Telegram's bot token), ``chat_id``
    or ``chat_id_env`` (Telegram), ``secret_env`` (a webhook's signing key, which is optional
    unless ``secret_required``)."""

    kind: ChannelKind
    label: str
    languages: tuple[str, ...]
    platforms: frozenset[str] = frozenset()
    url_env: str = ""
    chat_id: str = ""
    chat_id_env: str = ""
    secret_env: str = ""
    secret_required: bool = False

    def covers(self, platforms: tuple[str, ...]) -> bool:
        """Whether an incident on ``platforms`` is announced here."""
        return not self.platforms or bool(self.platforms.intersection(platforms))


@dataclass(frozen=True)
class Notify:
    """The ``notify`` options: the channels, and how old an update may be and still be
    announced."""

    channels: tuple[Channel, ...] = ()
    max_age: timedelta = timedelta(hours=6)
