"""Where everything of one language's site lives: the only place that makes an address.

A generated page has a *source path* (``incidents/<id>.md``), the same in every language, as
MkDocs knows it; the language's prefix (``ar/``) is the adapter's business. Its *URL* follows
MkDocs' rule: ``incidents/<id>/`` with ``use_directory_urls`` (the default), else
``incidents/<id>.html``. Files (feeds, API, badges) have one path in every case.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


def overview_path() -> str:
    return "index.md"


def history_path(year: int | None = None) -> str:
    """The history: the latest year at ``history/``, each earlier one at ``history/<year>/``."""
    return "history.md" if year is None else f"history/{year}.md"


def compare_path() -> str:
    return "compare.md"


def reference_path() -> str:
    return "reference.md"


def platform_path(platform_id: str) -> str:
    return f"platforms/{platform_id}.md"


def platform_year_path(platform_id: str, year: int) -> str:
    return f"platforms/{platform_id}/{year}.md"


def incident_path(incident_id: str) -> str:
    return f"incidents/{incident_id}.md"


def embed_path() -> str:
    """The page meant for an ``<iframe>``: written as a file, outside MkDocs' pages (no theme
    frame, nav or sitemap entry), at the address a page of this path would have."""
    return "embed.md"


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL of a source path, as MkDocs gives it (``incidents/x.md`` -> ``incidents/x/``)."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index") if directory_urls else f"{stem}.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def page_file(path: str, directory_urls: bool = True) -> str:
    """The file that serves the page at source ``path`` (``embed.md`` -> ``embed/index.html``)."""
    url = page_url(path, directory_urls)
    return url + "index.html" if url.endswith("/") or not url else url


@dataclass(frozen=True)
class Routes:
    """The absolute addresses of one language's site.

    ``base_url`` is the language's root (``https://status.example.org/ar/``), ending with "/";
    ``directory_urls`` is MkDocs' ``use_directory_urls``.
    """

    base_url: str
    directory_urls: bool = True

    def __post_init__(self) -> None:
        if not urlsplit(self.base_url).netloc or not self.base_url.endswith("/"):
            raise ValueError(f"base_url must be an absolute URL ending with '/': {self.base_url!r}")

    def page(self, path: str) -> str:
        """The absolute URL of the page at source ``path``."""
        return self.base_url + page_url(path, self.directory_urls)

    def file(self, path: str) -> str:
        """The absolute URL of a generated file, such as ``feed.rss``."""
        return self.base_url + path

    def overview(self) -> str:
        return self.page(overview_path())

    def incident(self, incident_id: str) -> str:
        return self.page(incident_path(incident_id))

    def platform(self, platform_id: str) -> str:
        return self.page(platform_path(platform_id))
