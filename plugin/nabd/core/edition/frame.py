"""What the frame around every page says, in one language: the theme's header and footer
(``templates/theme/main.html``) show it on generated and hand-written pages alike."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nabd.core.analysis.analysis import Analysis
from nabd.core.edition.routes import Routes, overview_path, page_url
from nabd.core.edition.views import Feed, Moment
from nabd.core.present.formats import iso_utc
from nabd.core.present.language import Language


@dataclass(frozen=True)
class FrameWords:
    skip: str
    languages: str
    dark: str
    pages: str
    api: str
    credit: str
    not_found_title: str
    not_found_text: str
    not_found_link: str


@dataclass(frozen=True)
class Home:
    """A language's home page, for the switcher of a page that exists in one language only."""

    lang: str
    name: str
    link: str


@dataclass(frozen=True)
class Frame:
    lang: str
    site_name: str
    home: str
    homes: tuple[Home, ...]
    feed: Feed
    api: str
    built: Moment
    zone_sentence: str
    words: FrameWords


def frame(
    analysis: Analysis,
    language: Language,
    routes: Routes,
    site_name: str,
    prefix: str,
    homes: Sequence[Home] = (),
) -> Frame:
    """The frame of the language whose pages are under ``prefix`` (``ar/``, or "" for the
    default language): its links are from the site's root, for the theme's ``url`` filter."""
    gettext = language.gettext
    now = analysis.now
    built = gettext("Built on %(date)s at %(time)s.") % {
        "date": language.day_of(now),
        "time": language.clock(now),
    }
    return Frame(
        lang=language.code,
        site_name=site_name,
        home=(prefix + page_url(overview_path(), routes.directory_urls)) or "./",
        homes=tuple(homes),
        feed=Feed(prefix + "feed.rss", prefix + "feed.atom"),
        api=prefix + "api/v2/summary.json",
        built=Moment(iso_utc(now), built),
        zone_sentence=language.zone_sentence(now),
        words=FrameWords(
            skip=gettext("Skip to content"),
            languages=gettext("Languages"),
            dark=gettext("Dark scheme"),
            pages=gettext("Pages"),
            api=gettext("Statuspage-compatible API"),
            credit=gettext("Made with Nabd"),
            not_found_title=gettext("Page not found"),
            not_found_text=gettext("This page does not exist here. It may have moved."),
            not_found_link=gettext("Back to the current status"),
        ),
    )
