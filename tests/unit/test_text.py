"""Incident text: Markdown rendered to safe HTML."""

from __future__ import annotations

from html.parser import HTMLParser

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nabd.core.present.text import (
    BLOCK_TAGS,
    INLINE_TAGS,
    is_safe_url,
    isolate_latin,
    render_inline,
    render_markdown,
    render_plain,
)

REL = 'rel="noopener nofollow"'


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add((tag, name))
            if name == "href":
                self.hrefs.append(value or "")


def parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def test_markdown_is_rendered() -> None:
    html = render_markdown(
        "WhatsApp is *down* for **many** users, see [Meta](https://metastatus.com).\n\n"
        "- messages\n- calls\n\n1. first\n2. second\n\n> quoted\n\nrun `ping`"
    )
    assert "<em>down</em>" in html
    assert "<strong>many</strong>" in html
    assert f'<a href="https://metastatus.com" {REL}>Meta</a>' in html
    assert "<ul>\n<li>messages</li>\n<li>calls</li>\n</ul>" in html
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in html
    assert "<blockquote>\n<p>quoted</p>\n</blockquote>" in html
    assert "<code>ping</code>" in html


def test_arabic_text() -> None:
    html = render_markdown("توقف **واتساب** في [المنطقة](https://example.com/ar)")
    assert html == (
        f'<p>توقف <strong>واتساب</strong> في <a href="https://example.com/ar" {REL}>المنطقة</a></p>'
    )


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "hi <img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<div onclick=alert(1)>\n\nblock\n\n</div>",
        "<style>body{display:none}</style>",
        "<!-- comment --> <iframe src=https://evil.example></iframe>",
        "`<script>` and <b>bold</b>",
    ],
)
def test_raw_html_is_escaped(source: str) -> None:
    for html in (render_markdown(source), render_inline(source)):
        lowered = html.lower()
        assert "<script" not in lowered
        assert "<img" not in lowered and "<iframe" not in lowered and "<div" not in lowered
        assert "<style" not in lowered and "<b>" not in lowered
        assert parse(html).attributes <= {("a", "href"), ("a", "title"), ("a", "rel")}


def test_raw_html_shows_as_text() -> None:
    assert render_markdown("a <b>b</b>") == "<p>a &lt;b&gt;b&lt;/b&gt;</p>"
    assert render_inline("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:x",
        "/relative/path",
        "//evil.example/x",
        "file:///etc/passwd",
    ],
)
def test_unsafe_links_become_text(target: str) -> None:
    html = render_markdown(f"[click]({target})")
    assert html == "<p>click</p>"
    assert render_inline(f"[click]({target})") == "click"


def test_safe_links() -> None:
    html = render_markdown(
        '[a](http://example.com "Title") [m](mailto:ops@example.com) <https://auto.example> '
        "<ops@example.com> and https://bare.example/x"
    )
    assert parse(html).hrefs == [
        "http://example.com",
        "mailto:ops@example.com",
        "https://auto.example",
        "mailto:ops@example.com",
        "https://bare.example/x",
    ]
    assert html.count(REL) == 5
    assert 'title="Title"' in html
    assert is_safe_url("HTTPS://EXAMPLE.COM")
    assert not is_safe_url("https:// space")


def test_images_become_their_alt_text() -> None:
    assert render_markdown("![a chart](https://example.com/c.png) below") == "<p>a chart below</p>"


def test_block_syntax_outside_the_allow_list_stays_text() -> None:
    assert render_markdown("# Not a heading") == "<p># Not a heading</p>"
    assert "<hr" not in render_markdown("above\n\n---\n\nbelow")


def test_bidi_controls_are_dropped() -> None:
    assert render_markdown("a\u202eb\u2067c\u2069") == "<p>abc</p>"


def test_output_does_not_depend_on_earlier_calls() -> None:
    first = render_markdown("[ref][1]")
    render_markdown("[x][1]\n\n[1]: https://example.com")
    assert render_markdown("[ref][1]") == first == "<p>[ref][1]</p>"


def test_inline() -> None:
    assert render_inline("Outage in *Europe*\nand `Asia`") == (
        "Outage in <em>Europe</em> and <code>Asia</code>"
    )
    assert render_inline("1. not a list") == "1. not a list"
    assert render_inline("# not a heading") == "# not a heading"
    assert render_inline("> not a quote") == "&gt; not a quote"
    assert render_inline("[Meta](https://meta.com)") == f'<a href="https://meta.com" {REL}>Meta</a>'


@given(st.text(alphabet=st.sampled_from(list("<>/\"'=&[]()*`!:# \n-ajscriptvhrefimgonx1"))))
def test_only_allowed_markup_comes_out(source: str) -> None:
    outputs = ((render_markdown(source), BLOCK_TAGS), (render_inline(source), INLINE_TAGS))
    for html, allowed in outputs:
        tags = parse(html)
        assert tags.tags <= allowed
        assert tags.attributes <= {("a", "href"), ("a", "title"), ("a", "rel")}
        assert all(is_safe_url(href) for href in tags.hrefs)
        assert render_markdown(source) == render_markdown(source)


def test_latin_runs_in_an_arabic_text_are_isolated_with_their_language() -> None:
    html = render_markdown(
        "عرض إنستغرام «خطأ في الخادم» (5xx Server Error) وفق **Downdetector** و`code x`.", "en"
    )
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    runs = [(b.text, b.get("lang"), b.get("dir")) for b in root.iter("bdi")]
    assert runs == [("5xx Server Error", "en", "ltr"), ("Downdetector", "en", "ltr")]
    assert root.find(".//code").text == "code x"  # code keeps its own direction (CSS)
    assert "(<bdi" in html and "</bdi>)" in html  # the brackets stay outside, in Arabic


def test_latin_runs_are_left_alone_without_a_language_for_them() -> None:
    assert "<bdi" not in render_markdown("عرض «Sorry» هنا.")


def test_latin_runs_never_break_an_escape_or_an_entity() -> None:
    html = render_markdown(r"نص \*Escaped\* و AT&T", "en")
    assert "*<bdi" in html and "AT&amp;T</bdi>" in html


def test_isolate_latin_escapes_the_rest() -> None:
    assert isolate_latin("بلاغات Downdetector <b>", "en") == (
        'بلاغات <bdi dir="ltr" lang="en">Downdetector</bdi> &lt;'
        '<bdi dir="ltr" lang="en">b</bdi>&gt;'
    )


def test_an_inline_text_keeps_its_no_break_spaces_and_collapses_the_others() -> None:
    rendered = render_inline("Panne\u00a0:  connexion\n\tperdue\u202f;")
    assert lxml.html.fragment_fromstring(rendered, create_parent="span").text_content() == (
        "Panne\u00a0: connexion perdue\u202f;"
    )


def test_plain_text_reads_as_the_page_shows_it_without_marks() -> None:
    source = (
        "Messages are **not sending** for *many* users; see [the notice](https://x.example/n)"
        " or <https://x.example/a?b=1&c=2>.\n\n"
        "- one  \n  continued\n- two `code`\n    - nested\n\n1. first\n2. second\n\n> quoted"
    )
    assert render_plain(source) == (
        "Messages are not sending for many users; see the notice (https://x.example/n)"
        " or https://x.example/a?b=1&c=2.\n\n"
        "• one\n  continued\n• two code\n  • nested\n\n1. first\n2. second\n\nquoted"
    )


def test_plain_text_keeps_what_is_not_markup_as_typed() -> None:
    source = "<@U024BE7LH> & a < b <script>x</script> [x](javascript:alert(1)) # Big"
    assert render_plain(source) == "<@U024BE7LH> & a < b <script>x</script> x # Big"
    assert render_plain("**Payments** fail\n# on web", inline=True) == "Payments fail # on web"
