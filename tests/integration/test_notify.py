"""``nabd notify`` end to end: real sites built in a temporary folder, the "live" site served on
127.0.0.1 for the snapshot, and one local server standing in for Telegram's Bot API, Slack,
Discord, Teams and a webhook, recording every request it receives.

The clock is ``SOURCE_DATE_EPOCH``, as for builds; waits between attempts are shortened with
``NABD_NOTIFY_TIME_SCALE`` so that no test sleeps for seconds.
"""

from __future__ import annotations

import hashlib
import hmac
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from nabd.cli import main
from nabd.cli.sending import ATTEMPTS

from .sitebuild import PLATFORMS_YAML, build_in_process, make_site

T0 = "1795953600"  # 2026-11-29T12:00:00Z: site A is built and first deployed
T1 = "1795957200"  # 2026-11-29T13:00:00Z: site B, one hour later
RLM = "\u200f"

OLD = """\
title: {en: Facebook login errors, ar: أخطاء في تسجيل الدخول إلى فيسبوك}
impacts:
  - platform: facebook
    status: partial_outage
    from: 2026-11-27T10:00:00Z
    to: 2026-11-27T11:00:00Z
updates:
  - at: 2026-11-27T10:05:00Z
    status: investigating
    text: {en: Some users cannot log in., ar: يتعذّر على بعض المستخدمين تسجيل الدخول.}
  - at: 2026-11-27T11:05:00Z
    status: resolved
    text: {en: Logins work again., ar: عاد تسجيل الدخول إلى العمل.}
"""

RECENT = """\
title: {{en: WhatsApp messages not sending, ar: تعذّر إرسال رسائل واتساب}}
impacts:
  - {{platform: whatsapp, status: major_outage, from: 2026-11-29T09:50:00Z{end}}}
updates:
  - at: 2026-11-29T10:00:00Z
    status: investigating
    text:
      en: Messages are **not sending** for many users.
      ar: "WhatsApp لا يرسل الرسائل لكثير من المستخدمين.\\n100 ألف بلاغ خلال ساعة."
{more}"""
RESOLVED = """\
  - at: 2026-11-29T12:30:00Z
    status: resolved
    text: {en: Messages are sending again., ar: عادت الرسائل إلى الإرسال.}
"""

HOSTILE_TITLE = "**Bold** <@U024BE7LH> <https://evil.example|click> @everyone & a < b"
HOSTILE_TEXT = "@here see [this](https://evil.example) <#C123> `code` :smile: # Big"
# as chat messages carry them: the Markdown read as the page shows it, its marks dropped
PLAIN_TITLE = "Bold <@U024BE7LH> https://evil.example|click @everyone & a < b"
PLAIN_TEXT = "@here see this (https://evil.example) <#C123> code :smile: # Big"
HOSTILE = f"""\
title: {{en: {json.dumps(HOSTILE_TITLE)}, ar: "**عريض** @everyone <@U024BE7LH>"}}
impacts:
  - {{platform: facebook, status: degraded_performance, from: 2026-11-29T12:40:00Z}}
updates:
  - at: 2026-11-29T12:45:00Z
    status: investigating
    text: {{en: {json.dumps(HOSTILE_TEXT)}, ar: "@here تفاصيل <@U024BE7LH>"}}
"""

CHANNELS = """\
      notify:
        max_age: 6h
        channels:
          - {type: telegram, languages: [en, ar], chat_id: "-1001234567890"}
          - {type: slack}
          - {type: discord, languages: [ar]}
          - {type: teams, languages: [en, ar]}
          - {type: webhook, languages: [en, ar], secret_env: HOOK_KEY}
          - {type: slack, url_env: WHATSAPP_SLACK, platforms: [whatsapp]}
"""
CHANNEL_LIST = yaml.safe_load(CHANNELS)["notify"]["channels"]
MESSAGES = sum(
    1 if c["type"] == "webhook" else len(c.get("languages", ["en"])) for c in CHANNEL_LIST
)
"""The messages one update of the WhatsApp incident makes: every channel covers it, one message
per language (the webhook one with all of them)."""
TOKEN = "123456:SECRET-bot-token"
HOOK_KEY = "webhook-signing-key"


# -- servers ---------------------------------------------------------------------------------


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class ChatServer:
    """Records every request; answers 200 (Telegram's ``{"ok": true}``) unless a path has
    answers queued in ``script``: ``(status, json body, headers)``, used once each."""

    received: list[Received] = field(default_factory=list)
    script: dict[str, list[tuple[int, Any, dict[str, str]]]] = field(default_factory=dict)
    url: str = ""

    def to(self, prefix: str) -> list[Received]:
        return [r for r in self.received if r.path.startswith(prefix)]


class _ChatHandler(http.server.BaseHTTPRequestHandler):
    server: _ChatHTTPServer

    def do_POST(self) -> None:
        chat = self.server.chat
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        chat.received.append(
            Received("POST", self.path, dict(self.headers.items()), body, time.monotonic())
        )
        queued = next((q for p, q in chat.script.items() if self.path.startswith(p) and q), None)
        status, answer, headers = queued.pop(0) if queued else (200, {"ok": True}, {})
        data = json.dumps(answer).encode()
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _ChatHTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    chat: ChatServer


@pytest.fixture
def chat() -> Iterator[ChatServer]:
    server = _ChatHTTPServer(("127.0.0.1", 0), _ChatHandler)
    server.chat = ChatServer(url=f"http://127.0.0.1:{server.server_port}")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.chat
    server.shutdown()
    server.server_close()


class _LiveHandler(http.server.SimpleHTTPRequestHandler):
    """The live site: ``server.root``'s files, or 404 for everything when it has none."""

    server: _LiveServer

    def translate_path(self, path: str) -> str:
        if self.server.root is None:
            return "/nonexistent/nabd"
        self.directory = str(self.server.root)
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _LiveServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    root: Path | None = None


@dataclass
class Sites:
    """Site A and site B (A plus a resolved update and a new incident), built for the live
    server's address, and that server."""

    a: Path
    b: Path
    live: _LiveServer

    def publish(self, site: Path | None) -> None:
        self.live.root = site


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    root = tmp_path_factory.mktemp("notify")
    live = _LiveServer(("127.0.0.1", 0), _LiveHandler)
    site_url = f"http://127.0.0.1:{live.server_port}/"
    built = {}
    for name, now, incidents in (
        ("a", T0, {"recent": RECENT.format(end="", more="")}),
        (
            "b",
            T1,
            {
                "recent": RECENT.format(end=", to: 2026-11-29T12:20:00Z", more=RESOLVED),
                "hostile": HOSTILE,
            },
        ),
    ):
        files = {
            "2026-11-27-facebook-login.yaml": OLD,
            "2026-11-29-whatsapp.yaml": incidents["recent"],
        }
        if "hostile" in incidents:
            files["2026-11-29-hostile.yaml"] = incidents["hostile"]
        config = make_site(root / name, files, extra_plugin_yaml=CHANNELS)
        text = config.read_text("utf-8").replace("https://status.example.org/", site_url)
        config.write_text(text, encoding="utf-8")
        build = build_in_process(config, root / name / "site", now=now)
        assert build.returncode == 0, build.output
        built[name] = root / name
    threading.Thread(target=live.serve_forever, daemon=True).start()
    yield Sites(built["a"], built["b"], live)
    live.shutdown()
    live.server_close()


# -- running nabd notify ---------------------------------------------------------------------


def environment(chat: ChatServer, now: str, summary: Path | None = None) -> dict[str, str]:
    env = {
        "SOURCE_DATE_EPOCH": now,
        "NABD_NOTIFY_TIME_SCALE": "0.001",
        "NABD_TELEGRAM_API": f"{chat.url}/telegram",
        "NABD_TELEGRAM_TOKEN": TOKEN,
        "NABD_SLACK_WEBHOOK": f"{chat.url}/slack/T000/B000/secretpath",
        "WHATSAPP_SLACK": f"{chat.url}/slack-whatsapp/T000/B111/secretpath",
        "NABD_DISCORD_WEBHOOK": f"{chat.url}/discord/api/webhooks/1/secret-token",
        "NABD_TEAMS_WEBHOOK": f"{chat.url}/teams/workflows/secret",
        "NABD_WEBHOOK_URL": f"{chat.url}/hook",
        "HOOK_KEY": HOOK_KEY,
        "GITHUB_STEP_SUMMARY": str(summary) if summary else "",
        "GITHUB_OUTPUT": "",
    }
    return env


def notify(site: Path, env: dict[str, str], *args: str) -> Result:
    config = str(site / "mkdocs.yml")
    return CliRunner().invoke(main, ["notify", "-f", config, *args], env=env)


def snapshot(sites: Sites, published: Path | None, tmp_path: Path, chat: ChatServer) -> Path:
    sites.publish(published)
    file = tmp_path / "published.json"
    result = notify(sites.a, environment(chat, T0), "--snapshot", str(file))
    assert result.exit_code == 0, result.output
    return file


def deploy(sites: Sites, site: Path, file: Path, chat: ChatServer, now: str, **kw: Any) -> Result:
    summary = kw.pop("summary", None)
    env = environment(chat, now, summary) | kw.pop("env", {})
    sent = ["--sent", str(kw.pop("sent"))] if "sent" in kw else []
    return notify(site, env, "--published", str(file), "--site", str(site / "site"), *sent)


def texts(received: list[Received]) -> list[str]:
    """What each request says, whatever the service."""
    found = []
    for request in received:
        body = request.json
        found.append(
            body.get("text") or body.get("content") or json.dumps(body, ensure_ascii=False)
        )
    return found


# -- first deploy, rerun, new updates --------------------------------------------------------


def test_a_first_deploy_announces_only_updates_younger_than_max_age(
    sites: Sites, chat: ChatServer, tmp_path: Path
) -> None:
    file = snapshot(sites, None, tmp_path, chat)
    assert json.loads(file.read_text())["state"] == "none"
    summary = tmp_path / "summary.md"
    result = deploy(sites, sites.a, file, chat, T0, summary=summary)
    assert result.exit_code == 0, result.output
    # the recent incident's one update, to each channel in each of its languages; the old
    # incident (36 h before) to none
    assert len(chat.to("/telegram/")) == 2
    assert len(chat.to("/slack/")) == 1 and len(chat.to("/slack-whatsapp/")) == 1
    assert len(chat.to("/discord/")) == 1 and len(chat.to("/teams/")) == 2
    assert len(chat.to("/hook")) == 1
    said = "\n".join(texts(chat.received))
    assert "WhatsApp messages not sending" in said and "Facebook" not in said
    assert "تسجيل الدخول" not in said
    written = summary.read_text("utf-8")
    assert written.startswith("### Chat notifications\n")
    assert written.count("| sent |") == MESSAGES


def test_a_rerun_of_the_same_deploy_sends_nothing(
    sites: Sites, chat: ChatServer, tmp_path: Path
) -> None:
    file = snapshot(sites, sites.a / "site", tmp_path, chat)
    snap = json.loads(file.read_text())
    assert snap["state"] == "published" and len(snap["updates"]) == 3
    result = deploy(sites, sites.a, file, chat, T0)
    assert result.exit_code == 0, result.output
    assert chat.received == []
    assert "nothing new" in result.output


def test_a_new_deploy_announces_the_new_update_and_the_new_incident(
    sites: Sites, chat: ChatServer, tmp_path: Path
) -> None:
    file = snapshot(sites, sites.a / "site", tmp_path, chat)
    result = deploy(sites, sites.b, file, chat, T1)
    assert result.exit_code == 0, result.output
    slack = [r.json for r in chat.to("/slack/")]
    assert [b["blocks"][0]["text"]["text"] for b in slack] == [
        "WhatsApp messages not sending",
        PLAIN_TITLE,
    ]
    assert slack[0]["blocks"][1]["text"]["text"].startswith("Resolved\n")
    assert "Messages are sending again." in slack[0]["blocks"][2]["text"]["text"]
    # the WhatsApp-only channel gets the resolution, not the Facebook incident
    (whatsapp,) = [r.json for r in chat.to("/slack-whatsapp/")]
    assert whatsapp["blocks"][0]["text"]["text"] == "WhatsApp messages not sending"
    # the resolved incident, in Arabic, with its status word from the catalog
    arabic = [r.json["text"] for r in chat.to("/telegram/") if "واتساب" in r.json["text"]]
    assert len(arabic) == 1 and arabic[0].split("\n")[1] == "حُلّت المشكلة"
    hook = [r.json for r in chat.to("/hook")]
    assert [h["update"]["status"] for h in hook] == ["resolved", "investigating"]
    assert hook[0]["update"]["status_text"]["en"] == "Resolved"


# -- what each service receives --------------------------------------------------------------


def test_each_service_gets_the_payload_its_documentation_describes(
    sites: Sites, chat: ChatServer, tmp_path: Path
) -> None:
    file = snapshot(sites, None, tmp_path, chat)
    result = deploy(sites, sites.a, file, chat, T0)
    assert result.exit_code == 0, result.output
    link = f"http://127.0.0.1:{sites.live.server_port}/incidents/2026-11-29-whatsapp/"
    ar_link = f"http://127.0.0.1:{sites.live.server_port}/ar/incidents/2026-11-29-whatsapp/"

    telegram = chat.to("/telegram/")
    assert {r.path for r in telegram} == {f"/telegram/bot{TOKEN}/sendMessage"}
    english = telegram[0].json
    assert english["chat_id"] == "-1001234567890" and english["parse_mode"] == "HTML"
    assert english["link_preview_options"] == {"is_disabled": True}
    assert english["text"].split("\n") == [
        "<b>WhatsApp messages not sending</b>",
        "Investigating",
        "Affected platforms: WhatsApp",
        "",
        "Messages are not sending for many users.",  # the Markdown read, its marks dropped
        "",
        link,
    ]
    assert telegram[0].headers["Content-Type"] == "application/json; charset=utf-8"

    (slack,) = chat.to("/slack/")
    body = slack.json
    assert [b["type"] for b in body["blocks"]] == ["header", "section", "section", "section"]
    assert body["blocks"][0]["text"] == {
        "type": "plain_text",
        "text": "WhatsApp messages not sending",
        "emoji": False,
    }
    assert body["blocks"][3]["text"] == {"type": "mrkdwn", "text": link}
    assert body["text"].endswith(f"\n{link}")

    (discord,) = chat.to("/discord/")
    assert discord.json["allowed_mentions"] == {"parse": []}
    assert discord.json["content"].split("\n")[-1] == ar_link
    assert len(discord.json["content"]) <= 2000

    teams = chat.to("/teams/")[0].json
    assert teams["type"] == "message"
    (attachment,) = teams["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.5" and card["rtl"] is False
    first = card["body"][0]
    assert first["type"] == "RichTextBlock"
    assert first["inlines"][0]["text"] == "WhatsApp messages not sending"
    assert card["body"][-1] == {"type": "TextBlock", "text": link, "wrap": True}
    assert chat.to("/teams/")[1].json["attachments"][0]["content"]["rtl"] is True

    (hook,) = chat.to("/hook")
    payload = hook.json
    assert payload["event"] == "incident_update" and payload["languages"] == ["en", "ar"]
    assert payload["incident"]["title"] == {
        "en": "WhatsApp messages not sending",
        "ar": "تعذّر إرسال رسائل واتساب",
    }
    assert payload["incident"]["url"] == {"en": link, "ar": ar_link}
    assert payload["incident"]["kind"] == "incident"
    assert payload["update"]["status"] == "investigating"
    assert payload["update"]["status_text"] == {"en": "Investigating", "ar": "قيد التحقيق"}
    assert payload["update"]["published_at"] == "2026-11-29T10:00:00+00:00"
    assert payload["platforms"] == [{"id": "whatsapp", "name": {"en": "WhatsApp", "ar": "واتساب"}}]
    api = json.loads((sites.a / "site/api/v2/incidents.json").read_text("utf-8"))
    assert payload["update"]["id"] == api["incidents"][0]["incident_updates"][0]["id"]
    assert payload["incident"]["id"] == api["incidents"][0]["id"]


def test_the_webhook_signature_checks_with_the_shared_key(
    sites: Sites, chat: ChatServer, tmp_path: Path
) -> None:
    file = snapshot(sites, None, tmp_path, chat)
    assert deploy(sites, sites.a, file, chat, T0).exit_code == 0
    (hook,) = chat.to("/hook")
    stamp = hook.headers["X-Nabd-Timestamp"]
    assert abs(int(stamp) - time.time()) < 60
    expected = hmac.new(HOOK_KEY.encode(), stamp.encode() + b"." + hook.body, hashlib.sha256)
    assert hook.headers["X-Nabd-Signature"] == f"sha256={expected.hexdigest()}"
    wrong = hmac.new(b"another key", stamp.encode() + b"." + hook.body, hashlib.sha256)
    assert hook.headers["X-Nabd-Signature"] != f"sha256={wrong.hexdigest()}"


def test_arabic_messages_read_right_to_left(sites: Sites, chat: ChatServer, tmp_path: Path) -> None:
    file = snapshot(sites, None, tmp_path, chat)
    assert deploy(sites, sites.a, file, chat, T0).exit_code == 0
    (discord,) = chat.to("/discord/")
    lines = discord.json["content"].split("\n")
    *text, link = [line for line in lines if line]
    for line in text:
        first = next(c for c in line if unicodedata.bidirectional(c) in ("L", "R", "AL"))
        assert unicodedata.bidirectional(first) in ("R", "AL"), line
    # the line that starts with "WhatsApp" is marked; one that starts with a number before
    # Arabic words is right to left already (digits are not strong), and left as written
    assert f"{RLM}WhatsApp" in discord.json["content"]
    assert "\n100 ألف" in discord.json["content"]
    assert link.startswith("http://") and RLM not in link
    telegram = [r.json["text"] for r in chat.to("/telegram/")][1]
    assert telegram.startswith(
        "<b>تعذّر إرسال رسائل واتساب</b>\nقيد التحقيق\nالمنصات المتأثرة: واتساب"
    )


def test_a_hostile_title_and_text_arrive_inert_everywhere(
    sites: Sites, chat: ChatServer, tmp_path: Path
) -> None:
    file = snapshot(sites, sites.a / "site", tmp_path, chat)
    assert deploy(sites, sites.b, file, chat, T1).exit_code == 0
    telegram = [r.json["text"] for r in chat.to("/telegram/") if "Bold" in r.json["text"]]
    assert telegram[0].startswith(
        "<b>Bold &lt;@U024BE7LH&gt; https://evil.example|click @everyone &amp; a &lt; b</b>\n"
    )
    slack = chat.to("/slack/")[-1].json
    assert slack["blocks"][0]["text"]["type"] == "plain_text"
    assert slack["blocks"][2]["text"] == {
        "type": "plain_text",
        "text": PLAIN_TEXT,
        "emoji": False,
    }
    assert "<@U024BE7LH>" not in slack["text"] and "<https://evil" not in slack["text"]
    assert "&lt;@U024BE7LH&gt;" in slack["text"] and "&amp; a &lt; b" in slack["text"]
    discord = [r.json for r in chat.to("/discord/")][-1]
    assert discord["allowed_mentions"] == {"parse": []}
    assert "عريض \\@everyone \\<\\@U024BE7LH\\>" in discord["content"]
    assert "\\@here تفاصيل" in discord["content"]
    assert "@here" not in discord["content"].replace("\\@here", "")
    teams = chat.to("/teams/")[-2].json["attachments"][0]["content"]
    runs = [b["inlines"][0]["text"] for b in teams["body"] if b["type"] == "RichTextBlock"]
    assert runs[0] == PLAIN_TITLE and PLAIN_TEXT in runs
    hook = chat.to("/hook")[-1].json
    assert hook["incident"]["title"]["en"] == HOSTILE_TITLE
    assert hook["update"]["text"]["en"] == HOSTILE_TEXT


# -- failures --------------------------------------------------------------------------------


def test_a_failing_channel_is_retried_and_never_stops_the_others(
    sites: Sites, chat: ChatServer, tmp_path: Path
) -> None:
    chat.script["/slack/"] = [(500, {"error": "oops"}, {})]
    chat.script["/discord/"] = [(503, {"message": "down"}, {})] * ATTEMPTS
    chat.script["/telegram/"] = [
        (429, {"ok": False, "error_code": 429, "parameters": {"retry_after": 5}}, {})
    ]
    file = snapshot(sites, None, tmp_path, chat)
    summary = tmp_path / "summary.md"
    result = deploy(sites, sites.a, file, chat, T0, summary=summary)
    assert result.exit_code == 1
    # Slack: a 500, then the same message again, accepted
    assert len(chat.to("/slack/")) == 2
    assert chat.to("/slack/")[0].body == chat.to("/slack/")[1].body
    # Discord: three attempts, then given up
    assert len(chat.to("/discord/")) == ATTEMPTS
    # Telegram: 429, then the wait it asked for (5 s, scaled by 0.001 here), then both sent
    telegram = chat.to("/telegram/")
    assert len(telegram) == 3 and telegram[0].body == telegram[1].body
    assert telegram[1].at - telegram[0].at >= 0.005
    assert "asked to wait 5 s" in result.output
    # the others got theirs
    assert len(chat.to("/teams/")) == 2 and len(chat.to("/hook")) == 1
    assert "discord #3: ar «تعذّر إرسال رسائل واتساب» (investigating) failed: HTTP 503" in (
        result.output
    )
    assert "1 channel(s) failed: discord #3; the site is deployed all the same" in result.output
    written = summary.read_text("utf-8")
    assert "| discord \\#3 | ar |" in written and "failed\\: HTTP 503" in written
    assert "**Failed: discord \\#3** (the site is deployed all the same)" in written
    assert written.count("| sent |") == MESSAGES - 1  # all but Discord
    for secret in ("secret-token", "secretpath", TOKEN, "/workflows/secret"):
        assert secret not in result.output and secret not in written


def test_a_missing_secret_fails_its_channel_only(
    sites: Sites, chat: ChatServer, tmp_path: Path
) -> None:
    file = snapshot(sites, None, tmp_path, chat)
    result = deploy(sites, sites.a, file, chat, T0, env={"NABD_DISCORD_WEBHOOK": ""})
    assert result.exit_code == 1
    assert "discord #3: ar failed: the environment variable NABD_DISCORD_WEBHOOK is not set" in (
        result.output
    )
    assert chat.to("/discord/") == [] and len(chat.to("/telegram/")) == 2
    assert "Traceback" not in result.output


def test_a_dry_run_prints_and_sends_nothing_without_secrets(
    sites: Sites, chat: ChatServer, tmp_path: Path
) -> None:
    env = {"SOURCE_DATE_EPOCH": T0, "GITHUB_STEP_SUMMARY": ""}
    result = notify(sites.a, env, "--dry-run", "--site", str(sites.a / "site"))
    assert result.exit_code == 0, result.output
    assert chat.received == []
    assert "telegram #1: en «WhatsApp messages not sending» (investigating) would send:" in (
        result.output
    )
    assert '"chat_id": "-1001234567890"' in result.output
    assert "\\u200fWhatsApp" in result.output  # the mark is shown, not printed raw
    assert result.output.count("would send:") == MESSAGES


def test_the_snapshot_tells_the_workflow_whether_to_notify(
    sites: Sites, chat: ChatServer, tmp_path: Path
) -> None:
    sites.publish(sites.a / "site")
    output = tmp_path / "github_output"
    env = environment(chat, T0) | {"GITHUB_OUTPUT": str(output)}
    result = notify(sites.a, env, "--snapshot", str(tmp_path / "s.json"))
    assert result.exit_code == 0, result.output
    assert output.read_text() == f"channels={len(CHANNEL_LIST)}\n"


# -- configuration errors --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("channel", "message"),
    [
        (
            "{type: slack, languages: [de]}",
            "plugins: nabd: notify: channels[0]: languages: de is not a language of the site "
            "(its languages: en, ar)",
        ),
        (
            "{type: slack, platforms: [myspace]}",
            "notify: channels[0]: platforms: myspace is not a platform of the site",
        ),
        ("{type: slack, token_env: X}", "notify: channels[0]: token_env: not an option of a slack"),
        ("{type: telegram, chat_id: yes}", "channels[0]: chat_id: expected a chat such as"),
        (
            "{type: telegram, chat_id: '@a', chat_id_env: B}",
            "channels[0]: chat_id_env: give chat_id or chat_id_env, not both",
        ),
    ],
)
def test_a_wrong_channel_names_its_line(tmp_path: Path, channel: str, message: str) -> None:
    config = make_site(
        tmp_path,
        {},
        platforms_yaml=PLATFORMS_YAML,
        extra_plugin_yaml=f"      notify:\n        channels:\n          - {channel}\n",
    )
    line = config.read_text("utf-8").splitlines().index(f"          - {channel}") + 1
    for command in (["nabd", "notify", "--dry-run"], ["mkdocs", "build", "--strict"]):
        program = shutil.which(command[0], path=str(Path(sys.executable).parent))
        assert program is not None
        result = subprocess.run(
            [program, *command[1:], "-f", str(config)],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
            env=os.environ | {"NO_MKDOCS_2_WARNING": "1"},
        )
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert f"{config}:{line}: " in output and message in output, output
        assert "Traceback" not in output


@pytest.mark.parametrize(
    ("channel", "message"),
    [
        ("{type: irc}", "option 'notify': Sub-option 'channels': Sub-option 'type'"),
        ("{type: slack, url_evn: X}", "Unrecognised configuration name: url_evn"),
        ("{type: webhook, url_env: https://hooks.example}", "is not the name of an environment"),
    ],
)
def test_a_wrong_channel_is_a_clear_error(tmp_path: Path, channel: str, message: str) -> None:
    """MkDocs' own checks, which say the option but not its line."""
    config = make_site(
        tmp_path,
        {},
        platforms_yaml=PLATFORMS_YAML,
        extra_plugin_yaml=f"      notify:\n        channels:\n          - {channel}\n",
    )
    nabd = shutil.which("nabd", path=str(Path(sys.executable).parent))
    assert nabd is not None
    command = [nabd, "notify", "--dry-run", "-f", str(config)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert f"Error: {config}: " in output and message in output
    assert "Traceback" not in output


def test_no_channels_is_nothing_to_do(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    result = notify(tmp_path, {"GITHUB_STEP_SUMMARY": ""})
    assert result.exit_code == 0
    assert "no channels configured" in result.output


def test_a_live_site_that_cannot_be_read_announces_only_recent_updates(
    sites: Sites, chat: ChatServer, tmp_path: Path
) -> None:
    broken = tmp_path / "broken" / "api" / "v2"
    broken.mkdir(parents=True)
    (broken / "incidents.json").write_text("<html>not the API</html>", encoding="utf-8")
    file = snapshot(sites, tmp_path / "broken", tmp_path, chat)
    snap = json.loads(file.read_text())
    assert snap["state"] == "unknown" and "is not Nabd's API" in snap["note"]
    result = deploy(sites, sites.a, file, chat, T0)
    assert result.exit_code == 0, result.output
    assert "could not be read" in result.output
    assert len(chat.to("/slack/")) == 1 and "WhatsApp" in texts(chat.to("/slack/"))[0]


def test_a_refused_request_is_tried_again_a_bounded_number_of_times(
    sites: Sites, chat: ChatServer, tmp_path: Path
) -> None:
    chat.script["/discord/"] = [(404, {"message": "Unknown Webhook", "code": 10015}, {})] * ATTEMPTS
    chat.script["/teams/"] = [(400, {"error": "busy"}, {})]
    file = snapshot(sites, None, tmp_path, chat)
    result = deploy(sites, sites.a, file, chat, T0)
    assert result.exit_code == 1
    # a 4xx is not delivered, so trying again cannot post twice: Teams' second try is taken
    assert len(chat.to("/teams/")) == 3
    assert "teams #4: en «WhatsApp messages not sending» (investigating) sent" in result.output
    # a webhook that stays gone: three attempts (waits 2 s and 4 s), then the channel fails
    assert len(chat.to("/discord/")) == ATTEMPTS
    assert "attempt 2 of 3, trying again in 4 s" in result.output
    assert 'failed: HTTP 404: {"message": "Unknown Webhook", "code": 10015}' in result.output


def test_a_rerun_of_a_failed_notify_job_sends_only_what_failed(
    sites: Sites, chat: ChatServer, tmp_path: Path
) -> None:
    """GitHub's "Re-run failed jobs" reruns notify with the same snapshot: the record of what
    the first attempt sent keeps the channels that had it from getting it twice."""
    file = snapshot(sites, None, tmp_path, chat)
    sent = tmp_path / "sent"
    chat.script["/discord/"] = [(503, {"message": "down"}, {})] * ATTEMPTS
    first = deploy(sites, sites.a, file, chat, T0, sent=sent, env={"GITHUB_RUN_ATTEMPT": "1"})
    assert first.exit_code == 1
    assert len(chat.to("/discord/")) == ATTEMPTS and len(chat.to("/telegram/")) == 2
    recorded = (sent / "attempt-1.jsonl").read_text("utf-8").splitlines()
    assert len(recorded) == MESSAGES - 1  # everything but Discord's one message
    chat.received.clear()
    summary = tmp_path / "summary.md"
    second = deploy(
        sites, sites.a, file, chat, T0, sent=sent, summary=summary, env={"GITHUB_RUN_ATTEMPT": "2"}
    )
    assert second.exit_code == 0, second.output
    assert [r.path.split("/")[1] for r in chat.received] == ["discord"]
    assert "telegram #1: en «WhatsApp messages not sending» (investigating) sent by an earlier" in (
        second.output
    )
    assert len((sent / "attempt-2.jsonl").read_text("utf-8").splitlines()) == 1
    assert summary.read_text("utf-8").count("| sent by an earlier attempt |") == 7
    # a third attempt has nothing left to send
    chat.received.clear()
    third = deploy(sites, sites.a, file, chat, T0, sent=sent, env={"GITHUB_RUN_ATTEMPT": "3"})
    assert third.exit_code == 0 and chat.received == []


def test_a_damaged_record_names_its_file_and_line(
    sites: Sites, chat: ChatServer, tmp_path: Path
) -> None:
    file = snapshot(sites, None, tmp_path, chat)
    sent = tmp_path / "sent"
    sent.mkdir()
    (sent / "attempt-1.jsonl").write_text('{"channel": "slack #2"}\n\x1b[31m\n', "utf-8")
    result = deploy(sites, sites.a, file, chat, T0, sent=sent)
    assert result.exit_code == 1 and chat.received == []
    assert f"{sent / 'attempt-1.jsonl'}:1: not a line nabd notify --sent writes" in result.output
    assert "Traceback" not in result.output


MAINTENANCE = """\
title: {en: Database upgrade, ar: ترقية قاعدة البيانات}
kind: maintenance
scheduled: {from: 2026-12-10T01:00:00Z, to: 2026-12-10T03:00:00Z}
impacts:
  - platform: whatsapp
    status: under_maintenance
    from: 2026-12-10T01:00:00Z
    to: 2026-12-10T03:00:00Z
updates:
  - at: 2026-11-29T11:00:00Z
    status: scheduled
    text: {en: Messages may be delayed., ar: قد تتأخر الرسائل.}
"""


def test_a_maintenance_is_announced_with_its_window_in_the_sites_time(tmp_path: Path) -> None:
    """A reader must know when it happens: the planned window, in the site's zone, in each
    language; the webhook gets it as the API names it."""
    config = make_site(
        tmp_path,
        {"2026-12-10-database.yaml": MAINTENANCE},
        extra_plugin_yaml="      timezone: Asia/Dubai\n"
        "      notify:\n        channels:\n"
        "          - {type: telegram, languages: [en, ar], chat_id: '1'}\n"
        "          - {type: webhook}\n",
    )
    assert build_in_process(config, tmp_path / "site", now=T0).returncode == 0
    env = {"SOURCE_DATE_EPOCH": T0, "GITHUB_STEP_SUMMARY": ""}
    result = notify(tmp_path, env, "--dry-run", "--site", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    texts = [
        json.loads(line.strip().removeprefix('"text": ').rstrip(","))
        for line in result.output.splitlines()
        if line.strip().startswith('"text": "')
    ]
    english, arabic = (text.split("\n") for text in texts)
    assert english[:3] == [
        "<b>Database upgrade</b>",
        "Scheduled",
        "Planned window: Dec 10, 2026, 05:00 to 07:00 UTC+4",
    ]
    assert arabic[1] == "مجدولة"
    assert arabic[2] == "موعد الصيانة: 10 ديسمبر 2026، من 05:00 إلى 07:00 (UTC+4)"
    assert '"scheduled_for": "2026-12-10T01:00:00+00:00"' in result.output
    assert '"scheduled_until": "2026-12-10T03:00:00+00:00"' in result.output
