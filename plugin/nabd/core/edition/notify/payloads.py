"""The JSON body each service receives for one message, every text made inert for it.

- **Telegram** (Bot API ``sendMessage``): ``parse_mode: HTML``, every text HTML-escaped, so a
  title's ``<b>`` shows as typed; the title alone is bold.
- **Slack** (incoming webhook): ``blocks`` of ``plain_text`` (no formatting, no mention, no
  emoji code is read in them) and a ``text`` for notifications with ``&``, ``<`` and ``>``
  escaped as Slack asks, so ``<!channel>`` cannot ping.
- **Discord** (webhook): ``content`` with every ASCII punctuation backslash-escaped (Discord's
  Markdown lets any be), and ``allowed_mentions`` empty: ``@everyone`` in a text pings no one.
- **Teams** (workflow webhook): an Adaptive Card whose texts are ``TextRun``\\ s, which no
  Markdown touches; ``rtl`` set for a right-to-left language.
- **Webhook**: the update in every language of the channel, as the README documents.

The services' limits (Telegram 4,096 characters, Discord 2,000, a Slack block 3,000) are kept
whatever the texts' lengths: a message's title and platforms line are cut at a few hundred
characters (``messages.LINE``), and the update's text gets the room left once they and their
escapes are counted; each cut ends with an ellipsis.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from nabd.core.edition.notify.messages import Message, clip, status_word
from nabd.core.edition.notify.updates import Update
from nabd.core.present.language import Language
from nabd.core.present.text import markdown_literal

Json = dict[str, Any]

TELEGRAM_LIMIT = 4096
DISCORD_LIMIT = 2000
SLACK_TEXT = 2900
SLACK_HEADER = 150
TEAMS_TEXT = 10000


def telegram(message: Message, chat_id: str) -> Json:
    """A ``sendMessage`` request; link previews off, as the link is in the text."""
    head = [f"<b>{_html(message.title)}</b>", *map(_html, message.heading())]
    text = _fitted(message.text, _html, TELEGRAM_LIMIT, [*head, "", "", "", _html(message.url)])
    return {
        "chat_id": chat_id,
        "text": "\n".join([*head, "", text, "", _html(message.url)]),
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
    }


def slack(message: Message) -> Json:
    """An incoming webhook message: a header, the status, the text and the link."""
    text = clip(message.text, SLACK_TEXT)
    blocks: list[Json] = [
        {"type": "header", "text": _plain(clip(message.title, SLACK_HEADER))},
        {"type": "section", "text": _plain("\n".join(message.heading()))},
    ]
    if text:
        blocks.append({"type": "section", "text": _plain(text)})
    blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _slack(message.url)}})
    summary = " · ".join([message.title, *message.heading()])
    return {"text": f"{_slack(summary)}\n{_slack(message.url)}", "blocks": blocks}


def discord(message: Message) -> Json:
    """A webhook message that mentions no one."""
    head = [f"**{markdown_literal(message.title)}**", *map(markdown_literal, message.heading())]
    text = _fitted(message.text, markdown_literal, DISCORD_LIMIT, [*head, "", "", "", message.url])
    return {
        "content": "\n".join([*head, "", text, "", message.url]),
        "allowed_mentions": {"parse": []},
    }


def teams(message: Message) -> Json:
    """A workflow webhook message carrying one Adaptive Card."""
    body: list[Json] = [_rich(message.title, weight="Bolder", size="Medium")]
    body += [_rich(line) for line in message.heading()]
    body += [_rich(p) for p in clip(message.text, TEAMS_TEXT).split("\n") if p.strip()]
    body.append({"type": "TextBlock", "text": message.url, "wrap": True})
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.5",
        "rtl": message.rtl,
        "body": body,
    }
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": card,
            }
        ],
    }


def webhook(update: Update, languages: Sequence[Language]) -> Json:
    """The generic webhook's payload (see the README): the update in each of the channel's
    languages, its texts as written (no direction mark, nothing escaped but by JSON)."""
    codes = [language.code for language in languages]
    return {
        "event": "incident_update",
        "incident": {
            "id": update.incident_id,
            "kind": update.kind,
            "title": {lang: update.title.get(lang, "") for lang in codes},
            "url": {lang: update.url.get(lang, "") for lang in codes},
            **_window(update),
        },
        "update": {
            "id": update.id,
            "status": update.status,
            "status_text": {lang.code: status_word(update.status, lang) for lang in languages},
            "text": {lang: update.text.get(lang, "").strip() for lang in codes},
            "published_at": _utc(update.published_at),
        },
        "platforms": [
            {
                "id": platform,
                "name": {
                    lang: _nth(update.platform_names.get(lang, ()), index, platform)
                    for lang in codes
                },
            }
            for index, platform in enumerate(update.platforms)
        ],
        "languages": codes,
    }


def _fitted(text: str, escape: Callable[[str], str], limit: int, rest: list[str]) -> str:
    """``text`` escaped, cut so that it and the ``rest`` of the lines (joined by line breaks)
    stay within ``limit`` characters."""
    room = limit - sum(len(line) + 1 for line in rest)
    cut = len(text)
    while len(escaped := escape(clip(text, cut))) > room and cut > 1:
        cut = min(cut - 1, cut * room // len(escaped))  # escapes spread evenly, nearly
    return escaped if len(escaped) <= room else ""


def _window(update: Update) -> Json:
    """A maintenance's ``scheduled_for`` and ``scheduled_until``, as the API names them."""
    if update.window is None:
        return {}
    start, end = update.window
    return {"scheduled_for": _utc(start), "scheduled_until": _utc(end)}


def _utc(moment: datetime) -> str:
    """A time in UTC, whatever zone the site shows: "2026-12-10T01:00:00+00:00"."""
    return moment.astimezone(UTC).isoformat()


def _nth(names: tuple[str, ...], index: int, default: str) -> str:
    return names[index] if index < len(names) else default


def _html(text: str) -> str:
    return html.escape(text, quote=True)


def _plain(text: str) -> Json:
    return {"type": "plain_text", "text": text or "-", "emoji": False}


def _slack(text: str) -> str:
    """Slack's three control characters escaped, as its formatting guide asks."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _rich(text: str, **style: str) -> Json:
    run = {"type": "TextRun", "text": text, **style}
    return {"type": "RichTextBlock", "inlines": [run]}
