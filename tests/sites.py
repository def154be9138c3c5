"""Site configurations the tests share."""

CLI_MKDOCS_YML = """\
site_name: Test status
plugins:
  - nabd:
      platforms:
        - {id: facebook, name: {en: Facebook, ar: فيسبوك}, tracked_since: 2010-01-01}
        - {id: instagram, name: {en: Instagram, ar: إنستغرام}, tracked_since: 2010-01-01}
        - {id: whatsapp, name: {en: WhatsApp, ar: واتساب}, tracked_since: 2010-01-01}
        - {id: messenger, name: {en: Messenger, ar: ماسنجر}, tracked_since: 2010-01-01}
        - {id: threads, name: {en: Threads, ar: ثريدز}, tracked_since: 2023-07-05}
"""
"""A minimal mkdocs.yml for the ``nabd`` commands: the plugin and the five Meta platforms."""
