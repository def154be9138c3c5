"""Analysis configurations the tests share."""

from functools import cache
from pathlib import Path

from nabd.core.model.languages import Languages
from nabd.core.present.catalogs import Catalogs
from nabd.core.present.language import Language
from nabd.mkdocs.settings import site_settings

REPO = Path(__file__).resolve().parents[1]

CLI_MKDOCS_YML = """\
site_name: Test status
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - {locale: en, default: true, name: English, build: true}
        - {locale: ar, name: العربية, build: true}
  - nabd:
      platforms:
        - {id: facebook, name: {en: Facebook, ar: فيسبوك}, tracked_since: 2010-01-01}
        - {id: instagram, name: {en: Instagram, ar: إنستغرام}, tracked_since: 2010-01-01}
        - {id: whatsapp, name: {en: WhatsApp, ar: واتساب}, tracked_since: 2010-01-01}
        - {id: messenger, name: {en: Messenger, ar: ماسنجر}, tracked_since: 2010-01-01}
        - {id: threads, name: {en: Threads, ar: ثريدز}, tracked_since: 2023-07-05}
"""
"""A minimal mkdocs.yml for the ``nabd`` commands: English and Arabic, the five Meta platforms."""

EN_AR = Languages(("en", "ar"))
"""English the default and Arabic: the languages the incident fixtures are in."""


@cache
def example_languages() -> Languages:
    """The example site's languages, as its ``mkdocs.yml`` configures them: the incidents in
    ``incidents/`` are written in each."""
    return site_settings(REPO / "mkdocs.yml").languages


CATALOGS = Catalogs()


def language(code: str, timezone: str = "UTC") -> Language:
    """A language with Nabd's own catalogs, as a site without a ``locale_dir`` speaks it."""
    return Language(code, CATALOGS.words(code), timezone)
