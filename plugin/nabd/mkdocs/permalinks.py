"""Heading anchors that speak the page's language.

Python-Markdown's ``toc`` extension gives every heading's permalink one tooltip for the whole
site (``permalink_title``, "Permanent link" by default), and mkdocs-static-i18n cannot change
an extension's options per language: the tooltip is set again on each page, in its language.
"""

from __future__ import annotations

import re

from markupsafe import escape

HEADERLINK = re.compile(r'(<a class="headerlink" href="#[^"]*") title="[^"]*"')


def translated_permalinks(html: str, title: str) -> str:
    """``html`` with every heading permalink's tooltip set to ``title``."""
    return HEADERLINK.sub(lambda found: f'{found.group(1)} title="{escape(title)}"', html)
