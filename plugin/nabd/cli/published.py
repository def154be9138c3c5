"""What ``nabd notify`` compares: the snapshot of the live site taken before a deploy (the
update ids its API lists) and the new site's API files."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import click

from nabd.cli.sending import Client
from nabd.core.edition.notify.updates import API_LISTS, ApiError, incidents_of, update_ids
from nabd.core.model.characters import printable
from nabd.core.model.languages import Languages

SNAPSHOT_FORMAT = 1

Json = dict[str, Any]


def write_snapshot(path: Path, site_url: str, languages: Languages, channels: int) -> None:
    """Fetch the live site's lists of updates (nothing when no channel is configured) and write
    them to ``path``; tell GitHub Actions whether the notify job has anything to do."""
    if not channels:
        state, note, ids = "skipped", "no channels configured: the live site was not read", set()
    elif not site_url:
        raise click.ClickException("set site_url in mkdocs.yml: the live site is read from it")
    else:
        state, note, ids = _fetch_published(site_url, languages.codes, languages.default)
    document = {
        "nabd_snapshot": SNAPSHOT_FORMAT,
        "site_url": site_url,
        "state": state,
        "note": note,
        "updates": sorted(ids),
    }
    try:
        path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    except OSError as error:
        raise click.ClickException(f"cannot write {path}: {error}") from None
    click.echo(f"notify: snapshot {state}: {printable(note)}")
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as file:
            file.write(f"channels={channels}\n")


def _fetch_published(
    site_url: str, codes: tuple[str, ...], default: str
) -> tuple[str, str, set[str]]:
    """``(state, note, update ids)`` of the live site: ``published``; ``none`` when it has no
    API yet (404); ``unknown`` when it could not be read (then nothing counts as announced)."""
    client = Client(log=click.echo)
    ids: set[str] = set()
    stamp = int(time.time())
    for lang in codes:
        base = site_url.rstrip("/") + ("/" if lang == default else f"/{lang}/")
        for path, (list_name, _) in API_LISTS.items():
            url = f"{base}{path}?nabd={stamp}"  # past any cache of the previous version
            answer = client.request(f"GET {base}{path}", url)
            if answer.status == 404:
                if lang == default and list_name == "incidents":
                    return "none", f"{base}{path} is not published yet (404)", set()
                continue
            if not answer.ok:
                return "unknown", f"{base}{path}: {client.describe(answer)}", set()
            try:
                ids |= update_ids(incidents_of(json.loads(answer.body), list_name))
            except (ValueError, ApiError) as error:
                return "unknown", f"{base}{path} is not Nabd's API: {error}", set()
    return "published", f"the live site lists {len(ids)} update(s)", ids


def read_snapshot(path: Path | None) -> tuple[frozenset[str], str]:
    """The ids announced before, and a sentence saying where they come from."""
    if path is None:
        return frozenset(), "no --published snapshot: only updates younger than max_age are new"
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise click.ClickException(f"{path}: not a snapshot ({error})") from None
    if not isinstance(document, dict) or document.get("nabd_snapshot") != SNAPSHOT_FORMAT:
        raise click.ClickException(f"{path}: not a snapshot written by nabd notify --snapshot")
    ids = document.get("updates")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise click.ClickException(f"{path}: updates: expected a list of ids")
    state = document.get("state")
    if state == "published":
        return frozenset(ids), f"the site published before listed {len(ids)} update(s)"
    if state == "unknown":
        return frozenset(), (
            f"the site published before could not be read ({document.get('note')}): "
            "updates younger than max_age are sent, some perhaps again"
        )
    return frozenset(), "nothing was published before: only updates younger than max_age are new"


def site_documents(
    site_dir: Path, codes: tuple[str, ...], default: str
) -> dict[str, list[tuple[str, Json]]]:
    """Each language's incidents and maintenances, from the built site's API files."""
    documents: dict[str, list[tuple[str, Json]]] = {}
    for lang in codes:
        folder = site_dir if lang == default else site_dir / lang
        found: list[tuple[str, Json]] = []
        for path, (list_name, kind) in API_LISTS.items():
            file = folder / path
            try:
                document = json.loads(file.read_text(encoding="utf-8"))
                found += [(kind, i) for i in incidents_of(document, list_name)]
            except FileNotFoundError:
                raise click.ClickException(
                    f"{file} not found: build the site first (mkdocs build), or give --site"
                ) from None
            except (OSError, ValueError, ApiError) as error:
                raise click.ClickException(f"{file}: {error}") from None
        documents[lang] = found
    return documents
