"""No broken link or anchor on the site, checked by LinkChecker over HTTP like a visitor's
browser follows them; links to other sites are never requested (the checks run offline)."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

from nabd.core.edition.routes import embed_path, page_url

from ..integration.sitebuild import REPO
from ..served import SITE_URL_LINE, ServedSite

CONFIG = """\
[checking]
# the local server sends the "LinkChecker" header that lets this rate apply
maxrequestspersecond=1000
[AnchorCheck]
"""
"""LinkChecker's settings; given with ``--config``, they replace the user's own."""

SYNTAX_ONLY = {"filtered", "ignored"}
"""LinkChecker's result for a URL it did not request (outside the site; a ``data:`` URL)."""


def check_links(site: ServedSite, config: Path) -> list[dict[str, str]]:
    """Every link LinkChecker found from the English and the Arabic overview, with its result."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "linkcheck",
            f"--config={config}",
            "--no-status",
            "--verbose",
            "--output=csv/utf-8",
            f"--ignore-url=^(?!{re.escape(site.url)})",
            site.url,
            site.url + "ar/",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "LANG": "C.UTF-8", "LANGUAGE": "C"},
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter=";"))
    assert rows, f"LinkChecker exited with {done.returncode}:\n{done.stderr}"
    return rows


def test_no_broken_link_or_anchor(example_site: ServedSite, tmp_path: Path) -> None:
    config = tmp_path / "linkcheckerrc"
    config.write_text(CONFIG, encoding="utf-8")
    rows = check_links(example_site, config)

    broken = [row for row in rows if row["valid"] != "True" or row["warningstring"]]
    assert not broken, "\n".join(
        f"{row['parentname']}:{row['line']}: {row['urlname']}: "
        f"{row['result']} {row['warningstring']}".strip()
        for row in broken
    )

    outside = [row for row in rows if not row["url"].startswith(example_site.url)]
    requested = [row["url"] for row in outside if row["result"] not in SYNTAX_ONLY]
    assert not requested, f"URLs outside the site were requested: {requested}"
    published = SITE_URL_LINE.search((REPO / "mkdocs.yml").read_text("utf-8"))
    assert published
    hard_coded = {row["url"] for row in outside if row["url"].startswith(published[1])}
    assert not hard_coded, f"links to the published site instead of site_url: {hard_coded}"

    checked = {row["url"] for row in rows}
    pages = (_url_of(page, example_site) for page in example_site.site_dir.rglob("index.html"))
    # The embed pages are for other sites' <iframe>s, not linked from the status site; their
    # links are checked in tests/integration/test_embed.py.
    embed = page_url(embed_path())
    unreachable = sorted(url for url in pages if url not in checked and not url.endswith(embed))
    assert not unreachable, f"pages no link leads to: {unreachable}"


def _url_of(page: Path, site: ServedSite) -> str:
    folder = page.parent.relative_to(site.site_dir).as_posix()
    return site.url if folder == "." else f"{site.url}{folder}/"
