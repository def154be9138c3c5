"""``nabd notify``: announce in chat the incident updates a deploy publishes.

In the deploy workflow, in two steps around the deploy::

    nabd notify --snapshot published.json        # before: what the live site lists
    nabd notify --published published.json --sent sent/   # after: send what site/ adds

What was announced before is what the live site's API listed before the deploy (update ids are
stable and the same in every language), so no state is kept between deploys, and rerunning a
deploy sends nothing twice; within one deploy, ``--sent`` records each message sent, so that
rerunning a notify job that failed sends only what it could not send (``nabd.cli.sent``). An
update the live site did not list is sent if it is at most ``max_age`` old. A channel that
fails is reported (log, job summary, exit status 1) and the others still get theirs; the site
is deployed either way.

Environment: the secrets each channel names (see ``notify`` in the README);
``NABD_TELEGRAM_API`` replaces ``https://api.telegram.org`` (for tests, or a local Bot API
server); ``NABD_NOTIFY_TIME_SCALE`` shortens the waits between attempts (for tests).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from nabd.cli.app import CONFIG_OPTION, main, read_settings
from nabd.cli.markdown import markdown_text
from nabd.cli.published import read_snapshot, site_documents, write_snapshot
from nabd.cli.sending import Answer, Client
from nabd.cli.sent import Sent, SentRecord, run_attempt
from nabd.core.edition.notify import payloads
from nabd.core.edition.notify.channels import Channel, ChannelKind
from nabd.core.edition.notify.messages import Message, message
from nabd.core.edition.notify.updates import ApiError, Update, news, site_updates
from nabd.core.model.characters import printable
from nabd.core.model.clock import now_from_environment
from nabd.core.present.catalogs import CatalogError, Catalogs
from nabd.core.present.language import Language

TELEGRAM_API = "https://api.telegram.org"

Json = dict[str, Any]
Sign = Callable[[bytes], Mapping[str, str]]


@main.command()
@click.option(
    "--snapshot",
    "snapshot_file",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Before a deploy: fetch the live site's API and write the updates it lists to FILE.",
)
@click.option(
    "--published",
    "published_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="After the deploy: the snapshot taken before it. Without it, nothing counts as "
    "announced and only updates younger than max_age are sent.",
)
@click.option(
    "--site",
    "site_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="site",
    show_default=True,
    help="The built site whose updates are announced.",
)
@click.option(
    "--sent",
    "sent_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="A folder recording each message sent, one file per attempt of the workflow run; what "
    "it lists is not sent again, so a rerun of a failed notify job reaches only what failed.",
)
@click.option("--dry-run", is_flag=True, help="Print what each channel would get; send nothing.")
@CONFIG_OPTION
def notify(
    snapshot_file: Path | None,
    published_file: Path | None,
    site_dir: Path,
    sent_dir: Path | None,
    dry_run: bool,
    config_file: Path,
) -> None:
    """Announce the new incident updates in the chat channels of mkdocs.yml.

    With --snapshot, record what the live site lists (run it before deploying); else send each
    update of the built site that the snapshot did not list, to every channel that covers it.
    Exits with 1 when a channel failed after its attempts.
    """
    if snapshot_file is not None and published_file is not None:
        raise click.UsageError("--snapshot (before a deploy) and --published (after) go apart")
    settings = read_settings(config_file)
    setup = settings.notify
    if snapshot_file is not None:
        write_snapshot(snapshot_file, settings.site_url, settings.languages, len(setup.channels))
        return
    if not setup.channels:
        click.echo("notify: no channels configured (plugins: nabd: notify: channels): nothing sent")
        return
    if not settings.site_url:
        raise click.ClickException(f"{config_file}: set site_url: messages link to the site")
    announced, note = read_snapshot(published_file)
    click.echo(f"notify: {printable(note)}")
    codes = settings.languages.codes
    documents = site_documents(site_dir, codes, settings.languages.default)
    try:
        now = now_from_environment()
        updates = site_updates(documents, [p.id for p in settings.platforms])
    except (ValueError, ApiError) as error:
        raise click.ClickException(str(error)) from None
    fresh = news(updates, announced, now, setup.max_age)
    click.echo(f"notify: {len(fresh)} new update(s) of {len(updates)} on the built site")
    try:
        catalogs = Catalogs(settings.locale_dir)
        languages = {
            lang: Language(lang, catalogs.words(lang), settings.timezone) for lang in codes
        }
    except CatalogError as error:
        raise click.ClickException(str(error)) from None
    report = Report()
    record = SentRecord(None if dry_run else sent_dir, run_attempt())
    for channel in setup.channels:
        covered = [u for u in fresh if channel.covers(u.platforms)]
        _announce(channel, covered, languages, report, record, dry_run)
    report.write_summary(note, dry_run)
    if report.failed:
        click.echo(
            f"notify: {len(report.failed)} channel(s) failed: "
            f"{', '.join(sorted(report.failed))}; the site is deployed all the same",
            err=True,
        )
        raise SystemExit(1)


# -- sending ---------------------------------------------------------------------------------


@dataclass
class Report:
    """Every outcome, for the log and the job summary."""

    rows: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)

    def add(self, channel: Channel, lang: str, update: Update | None, result: str) -> None:
        title = update.title.get(lang) or next(iter(update.title.values()), "") if update else ""
        status = update.status if update else ""
        self.rows.append((channel.label, lang, title, status, result))
        about = f" {lang}" + (f" «{title}» ({status})" if update else "")
        click.echo(printable(f"{channel.label}:{about} {result}"))

    def write_summary(self, note: str, dry_run: bool) -> None:
        path = os.environ.get("GITHUB_STEP_SUMMARY")
        if not path:
            return
        heading = "### Chat notifications" + (" (dry run: nothing sent)" if dry_run else "")
        lines = [heading, "", markdown_text(note), ""]
        if self.failed:
            names = markdown_text(", ".join(sorted(self.failed)))
            lines += [
                f"**Failed: {names}** (the site is deployed all the same). Once the cause is "
                "fixed, *Re-run failed jobs* sends what did not go out, and only that.",
                "",
            ]
        if self.rows:
            lines += ["| Channel | Language | Incident | Status | Result |", "|---" * 5 + "|"]
            lines += [
                "| " + " | ".join(markdown_text(cell) or "-" for cell in row) + " |"
                for row in self.rows
            ]
        with open(path, "a", encoding="utf-8") as file:
            file.write("\n".join(lines) + "\n")


def _announce(
    channel: Channel,
    updates: list[Update],
    languages: Mapping[str, Language],
    report: Report,
    record: SentRecord,
    dry_run: bool,
) -> None:
    """Send ``updates`` to ``channel``, oldest first, but what an earlier attempt sent; after a
    message fails for good, the channel's later ones are not tried."""
    messages = _messages(channel, updates)
    for sent, update in messages:
        if sent in record:
            report.add(channel, sent.lang, update, "sent by an earlier attempt")
    pending = [(sent, update) for sent, update in messages if sent not in record]
    if not pending:
        if not messages:
            report.add(channel, ", ".join(channel.languages), None, "nothing new")
        return
    secrets = _secrets(channel, dry_run)
    if isinstance(secrets, str):
        report.add(channel, ", ".join(channel.languages), None, f"failed: {secrets}")
        report.failed.add(channel.label)
        return
    url, chat_id, key = secrets
    # the variable's own value too: Telegram's token sits inside its URL
    client = Client(log=click.echo, secrets=[url, key, os.environ.get(channel.url_env, "")])
    if channel.kind is ChannelKind.WEBHOOK and not key and not dry_run:
        click.echo(f"{channel.label}: unsigned, as {channel.secret_env} is not set")
    for index, (sent, update) in enumerate(pending):
        payload = _payload(channel, update, sent.lang, languages, chat_id)
        if dry_run:
            report.add(channel, sent.lang, update, "would send:")
            for line in json.dumps(payload, ensure_ascii=False, indent=1).splitlines():
                click.echo("  " + printable(line))
            continue
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        sign = _signer(key) if key else None
        answer = client.request(f"{channel.label} ({sent.lang})", url, body, sign=sign)
        if answer.ok and _accepted(channel, answer):
            record.add(sent)
            report.add(channel, sent.lang, update, "sent")
            continue
        report.add(channel, sent.lang, update, f"failed: {client.describe(answer)}")
        report.failed.add(channel.label)
        for left, later in pending[index + 1 :]:
            report.add(channel, left.lang, later, "not sent: the channel failed before")
        return


def _messages(channel: Channel, updates: list[Update]) -> list[tuple[Sent, Update]]:
    """The messages ``updates`` make in ``channel``: one per update and language, or one per
    update in all the channel's languages for a webhook."""
    if channel.kind is ChannelKind.WEBHOOK:
        every = ", ".join(channel.languages)
        return [(Sent(channel.label, u.id, every), u) for u in updates]
    return [(Sent(channel.label, u.id, lang), u) for u in updates for lang in channel.languages]


def _payload(
    channel: Channel,
    update: Update,
    lang: str,
    languages: Mapping[str, Language],
    chat_id: str,
) -> Json:
    """What ``channel`` is sent of ``update`` in ``lang`` (every language, for a webhook)."""
    if channel.kind is ChannelKind.WEBHOOK:
        return payloads.webhook(update, [languages[code] for code in channel.languages])
    said = message(update, languages[lang])
    if channel.kind is ChannelKind.TELEGRAM:
        return payloads.telegram(said, chat_id)
    build: Callable[[Message], Json] = {
        ChannelKind.SLACK: payloads.slack,
        ChannelKind.DISCORD: payloads.discord,
        ChannelKind.TEAMS: payloads.teams,
    }[channel.kind]
    return build(said)


def _secrets(channel: Channel, dry_run: bool) -> tuple[str, str, str] | str:
    """``(url, chat id, signing key)`` from the environment, or why they cannot be had. A dry
    run needs none: it shows the variables' names instead."""
    env = os.environ
    token_or_url = env.get(channel.url_env, "")
    chat_id = channel.chat_id or env.get(channel.chat_id_env, "")
    key = env.get(channel.secret_env, "") if channel.secret_env else ""
    if dry_run:
        return f"${channel.url_env}", chat_id or f"${channel.chat_id_env}", ""
    missing = [channel.url_env] if not token_or_url else []
    if channel.chat_id_env and not chat_id:
        missing.append(channel.chat_id_env)
    if channel.secret_required and not key:
        missing.append(channel.secret_env)
    if missing:
        return (
            f"the environment variable {', '.join(missing)} is not set (create the secret in "
            "Settings → Secrets and variables → Actions and pass it to the notify step)"
        )
    if channel.kind is ChannelKind.TELEGRAM:
        api = env.get("NABD_TELEGRAM_API", TELEGRAM_API).rstrip("/")
        return f"{api}/bot{token_or_url}/sendMessage", chat_id, ""
    if not token_or_url.startswith(("https://", "http://")):
        return f"{channel.url_env} is not a web address (https://...)"
    return token_or_url, "", key


def _accepted(channel: Channel, answer: Answer) -> bool:
    """Telegram answers ``{"ok": true}``; the others' 2xx is enough."""
    if channel.kind is not ChannelKind.TELEGRAM:
        return True
    try:
        return json.loads(answer.body).get("ok") is True
    except (ValueError, AttributeError):
        return False


def _signer(key: str) -> Sign:
    """The webhook's signature headers for a body: HMAC-SHA256, keyed with ``key``, of the
    timestamp, a dot and the body, so that a recorded request cannot be replayed later."""

    def sign(body: bytes) -> Mapping[str, str]:
        stamp = str(int(time.time()))
        digest = hmac.new(key.encode("utf-8"), stamp.encode() + b"." + body, hashlib.sha256)
        return {"X-Nabd-Timestamp": stamp, "X-Nabd-Signature": f"sha256={digest.hexdigest()}"}

    return sign
