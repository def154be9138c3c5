"""The message each chat service gets, for texts the loader would refuse but a service must
still show as typed (a site's own catalog, a future loader), and at the services' limits."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from nabd.core.edition.notify import payloads
from nabd.core.edition.notify.messages import RLM, Message, directed, message
from nabd.core.edition.notify.updates import Update
from tests.sites import language

HOSTILE = "<b>bold</b> <!channel> <@U123> @everyone **x** [y](https://evil.example) & :smile:"
LINK = "https://status.example.org/incidents/2026-11-29-x/"


def hostile(text: str = HOSTILE, rtl: bool = False) -> Message:
    return Message("en", rtl, HOSTILE, "Investigating", "", "Affected platforms: API", text, LINK)


def test_telegram_escapes_every_text_and_bolds_only_the_title() -> None:
    body = payloads.telegram(hostile(), "-100")
    text = body["text"]
    assert text.count("<b>") == 1 and text.count("</b>") == 1
    assert text.startswith("<b>&lt;b&gt;bold&lt;/b&gt; &lt;!channel&gt; &lt;@U123&gt; ")
    assert "<!channel>" not in text and "&amp; :smile:" in text


def test_slack_shows_texts_as_plain_text_and_escapes_its_notification() -> None:
    body = payloads.slack(hostile())
    for block in body["blocks"][:3]:
        assert block["text"]["type"] == "plain_text" and block["text"]["emoji"] is False
    assert body["blocks"][0]["text"]["text"] == HOSTILE
    assert "<!channel>" not in body["text"] and "<@U123>" not in body["text"]
    assert "&lt;!channel&gt; &lt;@U123&gt;" in body["text"] and "&amp; :smile:" in body["text"]


def test_discord_escapes_markdown_and_mentions_no_one() -> None:
    body = payloads.discord(hostile())
    assert body["allowed_mentions"] == {"parse": []}
    content = body["content"]
    assert content.startswith("**\\<b\\>bold\\<\\/b\\> \\<\\!channel\\> \\<\\@U123\\> \\@everyone ")
    assert "\\*\\*x\\*\\* \\[y\\]\\(https\\:\\/\\/evil\\.example\\)" in content
    assert content.endswith("\n" + LINK)


def test_teams_carries_texts_in_text_runs() -> None:
    card = payloads.teams(hostile())["attachments"][0]["content"]
    runs = [b["inlines"][0]["text"] for b in card["body"] if b["type"] == "RichTextBlock"]
    assert runs == [HOSTILE, "Investigating", "Affected platforms: API", HOSTILE]
    assert card["body"][0]["inlines"][0]["weight"] == "Bolder"


def test_long_texts_are_cut_to_each_services_limit() -> None:
    long = hostile("word " * 4000)
    assert len(payloads.telegram(long, "-100")["text"]) <= 4096
    assert len(payloads.discord(long)["content"]) <= 2000
    blocks = payloads.slack(long)["blocks"]
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks)
    assert blocks[2]["text"]["text"].endswith("word…")
    titled = Message("en", False, "T" * 400, "Investigating", "", "", "text", LINK)
    assert len(payloads.slack(titled)["blocks"][0]["text"]["text"]) == 150


def test_every_part_long_and_full_of_escapes_still_fits() -> None:
    """A title of 60,000 characters (the loader caps the file, not the title), a hundred
    platforms, a text of punctuation each escape doubles: under each service's limit, the
    link whole on the last line."""
    names = tuple(f"<platform {n}>" for n in range(100))
    update = Update(
        id="u1",
        incident_id="i1",
        status="investigating",
        published_at=datetime(2026, 11, 29, 10, tzinfo=UTC),
        platforms=tuple(f"p{n}" for n in range(100)),
        title={"en": "\\_<>&" * 12000},
        text={"en": "\\<" * 5000},
        url={"en": LINK},
        platform_names={"en": names},
        kind="incident",
    )
    huge = message(update, language("en"))
    telegram = payloads.telegram(huge, "-100")["text"]
    assert len(telegram) <= 4096 and telegram.endswith("\n" + LINK)
    assert "…" in telegram.split("\n")[0] and "&lt;" in telegram.split("\n")[4]
    discord = payloads.discord(huge)["content"]
    assert len(discord) <= 2000 and discord.endswith("\n" + LINK)
    assert "\\<" in discord.split("\n")[4]  # some of the text is left, escaped
    slack = payloads.slack(huge)
    assert len(slack["text"]) < 3000
    assert all(len(b["text"]["text"]) <= 3000 for b in slack["blocks"])
    card = json.dumps(payloads.teams(huge))
    assert len(card.encode()) < 28_000  # Teams' card limit


def test_a_right_to_left_line_that_starts_left_to_right_is_marked() -> None:
    lines = "WhatsApp متوقف\nالخدمة عادت\n100 ألف بلاغ\n3G و4G\n«WhatsApp» متوقف"
    assert directed(lines, rtl=True) == (
        f"{RLM}WhatsApp متوقف\nالخدمة عادت\n100 ألف بلاغ\n{RLM}3G و4G\n{RLM}«WhatsApp» متوقف"
    )
    assert directed("WhatsApp is down", rtl=False) == "WhatsApp is down"


def test_a_message_speaks_the_channels_language() -> None:
    update = Update(
        id="u1",
        incident_id="i1",
        status="monitoring",
        published_at=datetime(2026, 11, 29, 10, tzinfo=UTC),
        platforms=("api", "web"),
        title={"ar": "Web بطيء", "fr": "Web lent"},
        text={"ar": "نراقب الخدمة.", "fr": "Nous surveillons."},
        url={"ar": LINK, "fr": LINK.replace(".org/", ".org/fr/")},
        platform_names={"ar": ("API", "الويب"), "fr": ("API", "Web")},
        kind="incident",
    )
    arabic = message(update, language("ar"))
    assert arabic.rtl and arabic.title == f"{RLM}Web بطيء"
    assert arabic.status == "قيد المراقبة" and arabic.platforms == "المنصات المتأثرة: API والويب"
    french = message(update, language("fr"))
    assert french.platforms == "Plateformes touchées\u00a0: API et Web"
    assert french.url.endswith("/fr/incidents/2026-11-29-x/")
    hook = payloads.webhook(update, [language("ar"), language("fr")])
    assert hook["update"]["status_text"] == {"ar": "قيد المراقبة", "fr": french.status}
    assert hook["incident"]["title"]["ar"] == "Web بطيء"  # as written: no mark in the data
    assert json.loads(json.dumps(hook)) == hook
