"""Rendering generated pages with Jinja: the filters that localize, link and format.

Templates live in ``plugin/nabd/templates/nabd/``; a site overrides one by putting a file of
the same name in an earlier search directory (MkDocs' ``theme.custom_dir``).
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from nabd.core.analysis.comparisons import Comparison
from nabd.core.analysis.ranking import Rank
from nabd.core.analysis.site import Site
from nabd.core.edition.outage_timeline import Chart, outage_timeline
from nabd.core.edition.pages import PageSpec
from nabd.core.edition.routes import page_url
from nabd.core.model.models import (
    ComponentStatus,
    ImpactLevel,
    Incident,
    LocalizedText,
    UpdateStatus,
)
from nabd.core.present import l10n
from nabd.core.present.labels import NOT_TRANSLATED
from nabd.core.present.sentences import comparison_sentence
from nabd.core.present.text import render_inline, render_markdown

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"


@cache  # the same few links are made from thousands of pages
def relative_url(target: str, base: str) -> str:
    """The link from the page at URL ``base`` to the URL ``target`` (both site-relative)."""
    base_dir = base if base.endswith("/") else posixpath.dirname(base)
    relative = posixpath.relpath(target or ".", base_dir or ".")
    if relative == ".":
        return "./"
    return relative + "/" if target.endswith("/") else relative


class Renderer:
    """Renders the generated pages of one site in one language."""

    def __init__(
        self,
        site: Site,
        lang: str,
        search_dirs: Sequence[str | Path] = (),
        directory_urls: bool = True,
    ) -> None:
        self.site = site
        self.lang = lang
        self.directory_urls = directory_urls
        self.translations = l10n.translations(lang)
        self.env = Environment(
            loader=FileSystemLoader([*map(str, search_dirs), str(TEMPLATES_DIR)]),
            autoescape=True,
            undefined=StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.install_gettext_translations(self.translations, newstyle=True)  # type: ignore[attr-defined]
        self.env.filters.update(
            loc=self.localized,
            md=self.markdown,
            time=self.time,
            date=self.date,
            duration=self.duration,
            clock=self.clock,
            plain_date=self.plain_date,
        )
        # Status words and badges depend on the language alone: rendered once from the macros
        # (so a theme can still override them), not on every use across thousands of pages.
        macros = self.env.get_template("nabd/macros.html").module
        self.env.globals.update(
            status_html={s.value: Markup(macros.status(s.value)) for s in ComponentStatus},
            phase_html={s.value: Markup(macros.update_status(s.value)) for s in UpdateStatus},
            impact_text={
                level.value: str(macros.impact_label(level.value)) for level in ImpactLevel
            },
        )
        self.env.globals.update(
            site=site,
            lang=lang,
            direction=l10n.direction(lang),
            url=self._url,
            file_url=self._file_url,
            url_of=self.url_of,
            month_name=lambda year, month: l10n.format_month(year, month, lang),
            by_month=self.by_month,
            number=lambda value: l10n.format_number(value, lang),
            figure_value=lambda value: l10n.format_figure(value, lang),
            day=lambda value: l10n.format_date(value, lang),
            percent=self.percent,
            seconds=lambda value: timedelta(seconds=value),
            compare_sentence=self.compare_sentence,
            ratio=self.ratio,
            rank_sentence=self.rank_sentence,
            timeline=self.timeline,
            describe=self.describe,
        )

    def render(self, page: PageSpec) -> str:
        """The HTML of ``page``'s content (MkDocs and the theme put it in the page's frame)."""
        template = self.env.get_template(page.template)
        return template.render(page=page, page_url=self.url_of(page.path), **page.context)

    def timeline(self) -> Chart:
        return outage_timeline(self.site, self.lang, rtl=l10n.direction(self.lang) == "rtl")

    def render_built(self, page_path: str) -> str:
        """The "built at" line that ends every page, hand-written ones too."""
        return self.env.get_template("nabd/built.html").render(page_url=self.url_of(page_path))

    def url_of(self, path: str) -> str:
        return page_url(path, self.directory_urls)

    @pass_context
    def _url(self, context: Context, path: str) -> str:
        """A link from the page being rendered to the page at source ``path``."""
        return relative_url(self.url_of(path), context["page_url"])

    @pass_context
    def _file_url(self, context: Context, path: str) -> str:
        """A link from the page being rendered to a generated file (``feed.rss``)."""
        return relative_url(path, context["page_url"])

    def localized(self, text: LocalizedText) -> Markup:
        """Plain text in the page's language, or in another one with a visible marker."""
        found = text.get(self.lang)
        if not found.is_fallback:
            return escape(found.text)
        return self._fallback(found.lang, escape(found.text), "span")

    def markdown(self, text: LocalizedText) -> Markup:
        """Markdown in the page's language, rendered safely, or a marked fallback."""
        found = text.get(self.lang)
        html = Markup(render_markdown(found.text))
        return self._fallback(found.lang, html, "div") if found.is_fallback else html

    def _fallback(self, lang: str, html: Markup, tag: str) -> Markup:
        marker = self.translations.gettext(NOT_TRANSLATED[self.lang])
        direction = l10n.direction(lang)
        return Markup(
            f'<{tag} class="nabd-fallback" lang="{lang}" dir="{direction}">{html}</{tag}>'
            f' <span class="nabd-fallback-marker">({escape(marker)})</span>'
        )

    def time(self, moment: datetime) -> Markup:
        """A moment in the site's timezone, machine-readable in UTC."""
        shown = l10n.format_datetime(moment, self.lang, self.site.timezone)
        return Markup(f'<time datetime="{_utc(moment)}">{escape(shown)}</time>')

    def clock(self, moment: datetime, day_of: datetime) -> Markup:
        """A moment as its time of day when it falls on the same local day as ``day_of``,
        else as date and time: the compact form for tables, whose zone is said once."""
        zone = ZoneInfo(self.site.timezone)
        tz = self.site.timezone
        if moment.astimezone(zone).date() == day_of.astimezone(zone).date():
            shown = l10n.format_time(moment, self.lang, tz)
        else:
            shown = l10n.format_datetime(moment, self.lang, tz, zone=False)
        return Markup(f'<time datetime="{_utc(moment)}">{escape(shown)}</time>')

    def date(self, moment: datetime) -> Markup:
        """The day of a moment, in the site's timezone."""
        local = moment.astimezone(ZoneInfo(self.site.timezone))
        shown = l10n.format_date(local.date(), self.lang)
        return Markup(f'<time datetime="{local.date().isoformat()}">{escape(shown)}</time>')

    def by_month(
        self, incidents: Sequence[Incident]
    ) -> list[tuple[int, list[tuple[int, list[Incident]]]]]:
        """Incidents (newest first) grouped by year, then month, in the site's timezone."""
        zone = ZoneInfo(self.site.timezone)
        years: dict[int, dict[int, list[Incident]]] = {}
        for incident in incidents:
            local = incident.started_at.astimezone(zone)
            years.setdefault(local.year, {}).setdefault(local.month, []).append(incident)
        return [(year, list(months.items())) for year, months in years.items()]

    def percent(self, fraction: float | None) -> str:
        """Uptime floored, never rounded up: any downtime shows below 100.00 %."""
        if fraction is None:
            return self.translations.gettext("No data")
        return l10n.format_percent_floor(fraction, self.lang)

    def describe(self, description: str) -> Markup:
        """A reference entry's description, translated (it is a catalog msgid) and rendered."""
        return Markup(render_inline(self.translations.gettext(description)))

    def plain_date(self, moment: datetime) -> str:
        """The local day of a moment as text (for attributes and tooltips)."""
        return l10n.format_date(moment.astimezone(self.site.zone).date(), self.lang)

    def ratio(self, value: float | None) -> str:
        """ "0.33×": this incident's measure over the other's; "—" when undefined."""
        if value is None:
            return "—"
        number = l10n.format_number(round(value, 2), self.lang)
        return self.translations.gettext("%(ratio)s×") % {"ratio": number}

    def compare_sentence(self, incident: Incident, comparison: Comparison) -> str:
        """ "2 h 15 min: about a third as long as the 4 October 2021 outage (6 h 51 min), ..." """
        zone = self.site.zone
        return comparison_sentence(
            self.site.measures[incident.id],
            self.site.measures[comparison.other_id],
            comparison,
            self.lang,
            platforms=self.site.platform_by_id,
            format_duration=self.duration,
            format_date=lambda moment: l10n.format_date(moment.astimezone(zone).date(), self.lang),
        )

    def rank_sentence(self, rank: Rank, incident: Incident) -> str:
        """Where the incident stands: its rank by duration, and "the longest since <year>"."""
        gettext = self.translations.gettext
        values = {"position": rank.by_duration, "total": rank.of}
        parts = [gettext("Ranked %(position)s of %(total)s by duration.") % values]
        year = incident.started_at.astimezone(self.site.zone).year
        if rank.since is None and rank.of > 1:
            parts.append(gettext("The longest on record when it happened."))
        elif rank.since_year is not None and rank.since_year < year - 1:
            parts.append(gettext("The longest since %(year)s.") % {"year": rank.since_year})
        for platform_rank in rank.platforms:
            name = self.site.platform_by_id[platform_rank.platform].name.get(self.lang).text
            parts.append(
                gettext("%(platform)s: ranked %(position)s of %(total)s.")
                % {"platform": name, "position": platform_rank.position, "total": platform_rank.of}
            )
        return " ".join(parts)

    def duration(self, span: timedelta) -> str:
        return l10n.format_duration(span, self.lang)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
