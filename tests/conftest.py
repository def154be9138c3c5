import os
from collections.abc import Iterator
from datetime import date

import pytest

from nabd.core.model.models import LocalizedText, Platform
from tests.integration.sitebuild import REPO
from tests.served import ServedSite

# Tests build real sites with mkdocs 1.x; silence its notice about MkDocs 2.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def platforms() -> tuple[Platform, ...]:
    """The platforms the incident fixtures (tests/fixtures) use."""
    names = {
        "facebook": ("Facebook", "فيسبوك"),
        "instagram": ("Instagram", "إنستغرام"),
        "whatsapp": ("WhatsApp", "واتساب"),
        "messenger": ("Messenger", "ماسنجر"),
        "threads": ("Threads", "ثريدز"),
    }
    return tuple(
        Platform(
            id=key,
            name=LocalizedText({"en": en, "ar": ar}),
            url=f"https://www.{key}.com/",
            tracked_since=date(2010, 1, 1),
        )
        for key, (en, ar) in names.items()
    )


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The example site in this repository, built once and served on 127.0.0.1."""
    site = ServedSite()
    site.build(tmp_path_factory.mktemp("example"), REPO / "incidents")
    yield site
    site.close()
