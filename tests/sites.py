"""Analysis configurations the tests share."""

from nabd.core.model.languages import Languages
from nabd.core.present.catalogs import Catalogs
from nabd.core.present.language import Language

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

EXAMPLE = Languages(("en", "ar", "fr"))
"""The example site's languages, which its incidents in ``incidents/`` are written in."""

CATALOGS = Catalogs()


def language(code: str, timezone: str = "UTC") -> Language:
    """A language with Nabd's own catalogs, as a site without a ``locale_dir`` speaks it."""
    return Language(code, CATALOGS.words(code), timezone)
