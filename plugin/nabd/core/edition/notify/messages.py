"""One update told in one language, as plain text lines every service can carry.

Right-to-left text must read right in apps that pick a paragraph's direction from its first
strong character: in an Arabic message, a line whose first strong character is left to right
(a Latin word), or that has none, starts with U+200F RIGHT-TO-LEFT MARK. The link stays alone
on its own last line, unmarked, so that it reads (and is found) left to right.
"""

from __future__ import annotations

from dataclasses import dataclass

from nabd.core.edition.notify.updates import Update
from nabd.core.model.models import UpdateStatus
from nabd.core.present import l10n
from nabd.core.present.catalogs import N_
from nabd.core.present.labels import UPDATE_STATUS
from nabd.core.present.language import Language
from nabd.core.present.text import render_plain

RLM = "\u200f"
ELLIPSIS = "…"
LINE = 300
"""The longest title or platforms line a message keeps: the loader bounds a file, not a title,
and each service refuses a message over its limit."""
_PLATFORMS = N_("Affected platforms: %(platforms)s")
_WINDOW = N_("Planned window: %(window)s")


@dataclass(frozen=True)
class Message:
    """What a channel says of one update in one language: plain texts (the Markdown of the
    title and text read as the page shows them, without marks), unescaped."""

    lang: str
    rtl: bool
    title: str
    status: str
    window: str
    """A maintenance's planned window, empty for an incident."""
    platforms: str
    """The affected platforms' line, empty when the incident names none."""
    text: str
    url: str

    def heading(self) -> list[str]:
        """The status, window and platforms lines under the title."""
        return [line for line in (self.status, self.window, self.platforms) if line]


def message(update: Update, language: Language) -> Message:
    """``update`` in ``language``: its title, status word, platforms, text and link."""
    lang = language.code
    rtl = language.direction == "rtl"
    names = list(update.platform_names.get(lang, ()))
    platforms = language.gettext(_PLATFORMS) % {"platforms": language.list(names)} if names else ""
    window = ""
    if update.window is not None:
        window = language.gettext(_WINDOW) % {"window": language.window(*update.window)}
    return Message(
        lang=lang,
        rtl=rtl,
        title=directed(clip(render_plain(update.title.get(lang, ""), inline=True), LINE), rtl),
        status=directed(status_word(update.status, language), rtl),
        window=directed(window, rtl),
        platforms=directed(clip(platforms, LINE), rtl),
        text=directed(render_plain(update.text.get(lang, "")), rtl),
        url=update.url.get(lang, ""),
    )


def status_word(status: str, language: Language) -> str:
    """The update's status in ``language``, from the catalogs."""
    try:
        return language.gettext(UPDATE_STATUS[UpdateStatus(status)])
    except ValueError:
        return status


def directed(text: str, rtl: bool) -> str:
    """``text`` with each line that would not start right to left marked to, in a
    right-to-left message; unchanged otherwise."""
    if not rtl:
        return text
    return "\n".join(
        line if not line or l10n.first_strong_direction(line) == "rtl" else RLM + line
        for line in text.split("\n")
    )


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS
