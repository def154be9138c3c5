"""Build real sites with the real ``mkdocs`` command, as a maintainer or CI would."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
import traceback
from dataclasses import dataclass
from pathlib import Path

import lxml.html

REPO = Path(__file__).resolve().parents[2]

FIXED_NOW = "1795953600"  # 2026-11-29T12:00:00Z, after every example incident: builds are
# reproducible with SOURCE_DATE_EPOCH

PLATFORMS_YAML = """\
      platforms:
        - id: facebook
          name: {en: Facebook, ar: فيسبوك}
          url: https://www.facebook.com/
          tracked_since: 2010-01-01
        - id: whatsapp
          name: {en: WhatsApp, ar: واتساب}
          url: https://www.whatsapp.com/
          tracked_since: 2014-02-19
"""


@dataclass
class Build:
    returncode: int
    output: str
    site_dir: Path

    def page(self, url_path: str) -> lxml.html.HtmlElement:
        """The parsed HTML of the page at ``url_path`` (``"ar/incidents/x/"``)."""
        path = self.site_dir / url_path
        if url_path == "" or url_path.endswith("/"):
            path = path / "index.html"
        return lxml.html.fromstring(path.read_bytes())


def shown(element: lxml.html.HtmlElement) -> str:
    """An element's text as a reader sees it: a no-break space is a space."""
    return element.text_content().replace("\u00a0", " ")


def mkdocs_build(
    config_file: Path, site_dir: Path, *, strict: bool = True, now: str = FIXED_NOW
) -> Build:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": now}
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    return Build(done.returncode, done.stdout + done.stderr, site_dir)


def build_in_process(
    config_file: Path, site_dir: Path, *, strict: bool = True, now: str = FIXED_NOW
) -> Build:
    """As ``mkdocs_build``, without starting an interpreter: for tests that build many sites.

    ``output`` holds what MkDocs logged, and the traceback of anything raised that is not one
    of MkDocs' own clean failures (which a user would see as a traceback too)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(f"{record.levelname} - {record.getMessage()}")

    handler = Collect(logging.INFO)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = now
    returncode = 0
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict)
        build(config)
    except MkDocsException as error:
        lines.append(f"ERROR - {error}")
        returncode = 1
    except Exception:  # a traceback: the tests that use this fail on it
        lines.append("Traceback (most recent call last):\n" + traceback.format_exc())
        returncode = 2
    finally:
        logger.removeHandler(handler)
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return Build(returncode, "\n".join(lines), site_dir)


def make_site(
    root: Path,
    incidents: dict[str, str],
    *,
    extra_plugin_yaml: str = "",
    platforms_yaml: str = PLATFORMS_YAML,
    extra_yaml: str = "",
    languages: tuple[str, ...] = ("en", "ar"),
) -> Path:
    """A small site in ``root`` with the given incident files; returns mkdocs.yml.

    ``languages``, the default first: one language is a site without the i18n plugin, in its
    theme's language; more use mkdocs-static-i18n's folders (``docs/<lang>/``)."""
    (root / "incidents").mkdir(parents=True, exist_ok=True)
    for name, text in incidents.items():
        (root / "incidents" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    if len(languages) == 1:
        (root / "docs").mkdir(parents=True, exist_ok=True)
        (root / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
        site_languages = f"  language: {languages[0]}\nplugins:\n"
    else:
        entries = []
        for index, lang in enumerate(languages):
            (root / "docs" / lang).mkdir(parents=True, exist_ok=True)
            (root / "docs" / lang / "about.md").write_text("# About\n", encoding="utf-8")
            default = ", default: true" if index == 0 else ""
            entries.append(f"        - {{locale: {lang}{default}, name: {lang}, build: true}}\n")
        site_languages = (
            "plugins:\n  - i18n:\n      docs_structure: folder\n      languages:\n"
            + "".join(entries)
        )
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Test status\n"
        "site_url: https://status.example.org/\n"
        "theme:\n  name: material\n  font: false\n"
        + site_languages
        + "  - nabd:\n"
        + platforms_yaml
        + extra_plugin_yaml
        + "nav:\n  - index.md\n  - history.md\n  - compare.md\n  - about.md\n"
        + extra_yaml,
        encoding="utf-8",
    )
    return config


ALL_PLATFORMS_YAML = """\
      platforms:
        - {id: facebook, name: {en: Facebook, ar: فيسبوك}, tracked_since: 2010-01-01}
        - {id: instagram, name: {en: Instagram, ar: إنستغرام}, tracked_since: 2010-01-01}
        - {id: whatsapp, name: {en: WhatsApp, ar: واتساب}, tracked_since: 2010-01-01}
        - {id: messenger, name: {en: Messenger, ar: ماسنجر}, tracked_since: 2010-01-01}
        - {id: threads, name: {en: Threads, ar: ثريدز}, tracked_since: 2023-07-05}
"""
"""The five platforms the incident fixtures (tests/fixtures) name."""

GOOD_INCIDENT = """\
    title:
      en: WhatsApp messages not sending
      ar: تعذّر إرسال رسائل واتساب
    impacts:
      - platform: whatsapp
        status: major_outage
        from: 2024-04-03T18:00:00Z
        to: 2024-04-03T19:30:00Z
      - platform: facebook
        status: degraded_performance
        from: 2024-04-03T18:10:00Z
        to: 2024-04-03T18:40:00Z
    updates:
      - at: 2024-04-03T18:05:00Z
        status: investigating
        text:
          en: Messages are **not sending** for many users.
          ar: تتعذّر **رسائل** كثير من المستخدمين.
      - at: 2024-04-03T19:35:00Z
        status: resolved
        text:
          en: Messages are sending again.
          ar: عادت الرسائل إلى الإرسال.
        sources:
          - url: https://example.org/report
            title: WhatsApp restored
            kind: press
"""
