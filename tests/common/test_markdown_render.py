"""render_markdown is the only door from user text to rich text; these tests try to break it.

Typed raw HTML is escaped (shown as the characters typed), so hostile words such as
``src=`` may appear as *text*. The safety checks therefore look at the markup: the tags and
attributes an HTML parser (and Qt) would act on. For hostile input written in Markdown syntax
the URL is consumed by the link or image, so there the whole output must be free of it.
"""

from __future__ import annotations

import threading
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect.common.markdown_render import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    plain_text,
    render_markdown,
)

FORBIDDEN_TAGS = {
    "img", "script", "style", "iframe", "object", "embed", "svg", "math", "form", "input",
    "link", "meta", "base", "frame", "frameset", "video", "audio", "source", "picture",
    "textarea", "button", "select",
}


class _Markup(HTMLParser):
    """Collects what a browser would act on: tags, attributes and raw start-tag text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.start_tags: list[str] = []
        self.comments: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.start_tags.append(self.get_starttag_text() or "")
        self.attrs.extend((tag, name, value or "") for name, value in attrs)

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def markup_of(rendered: str) -> _Markup:
    parser = _Markup()
    parser.feed(rendered)
    parser.close()
    return parser


def assert_safe_markup(rendered: str) -> None:
    """The invariants every output must satisfy, whatever went in."""
    assert isinstance(rendered, str)
    lowered = rendered.lower()
    # Escaped text is "&lt;img", so a literal "<img" or "<script" can only be a live tag.
    for tag in ("<img", "<script", "<iframe", "<svg", "<style", "<object", "<embed"):
        assert tag not in lowered
    markup = markup_of(rendered)
    assert not markup.comments
    assert not set(markup.tags) & FORBIDDEN_TAGS
    assert set(markup.tags) <= ALLOWED_TAGS
    for tag, name, value in markup.attrs:
        assert name in ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        assert not name.startswith("on")
        assert name not in {"src", "style", "srcset", "background", "action", "data"}
        if name == "href":
            assert_safe_href(value)
        elif name != "title":  # a title is shown as text, never followed
            low = value.lower()
            for bad in ("javascript:", "vbscript:", "file:", "data:"):
                assert bad not in low, (tag, name, value)
    tag_text = " ".join(markup.start_tags).lower()
    for bad in ("src=", "style=", "onerror", "onload", "class=", "id="):
        assert bad not in tag_text


def assert_safe_href(href: str) -> None:
    """http(s) with a host, or mailto with a plain address; a browser would find no scheme."""
    assert href == href.strip()
    low = href.lower()
    if low.startswith("mailto:"):
        address = low.removeprefix("mailto:").split("?")[0]
        assert "@" in address and not set(address) & set(":/\\"), href
    else:
        assert low.startswith(("http://", "https://")), href
        assert len(low.split("/")[2]) > 0, href  # a host, not "http:///etc/passwd"


def hrefs(rendered: str) -> list[str]:
    return [value for _tag, name, value in markup_of(rendered).attrs if name == "href"]


# --- What a journal writer expects ------------------------------------------------------


def test_headings_render_as_heading_tags():
    out = render_markdown("# Supervision\n\n## What went well\n\n### Next time")
    assert "<h1>Supervision</h1>" in out
    assert "<h2>What went well</h2>" in out
    assert "<h3>Next time</h3>" in out


def test_hash_without_space_is_not_a_heading():
    """Journal text like "#1 priority" or a #hashtag at a line start stays a paragraph."""
    out = render_markdown("#1 priority today\n\n#reflection")
    assert "<h1>" not in out
    assert "#1 priority today" in out
    assert "#reflection" in out


def test_emphasis_renders():
    out = render_markdown("Felt *uneasy* but **clear** about ***next steps***.")
    assert "<em>uneasy</em>" in out
    assert "<strong>clear</strong>" in out
    assert "next steps" in out and out.count("<strong>") == 2


def test_bullet_and_numbered_lists_render():
    out = render_markdown("- call the social worker\n- review the plan\n\n1. first\n2. second")
    markup = markup_of(out)
    assert markup.tags.count("ul") == 1
    assert markup.tags.count("ol") == 1
    assert markup.tags.count("li") == 4
    assert "<li>call the social worker</li>" in out


def test_numbered_list_keeps_its_starting_number():
    out = render_markdown("3. third\n4. fourth")
    assert '<ol start="3">' in out


def test_tables_render_with_alignment_but_no_style():
    out = render_markdown("| Attribute | Self | Others |\n|:--|:-:|--:|\n| Courage | 3 | 4 |")
    for tag in ("table", "thead", "tbody", "tr", "th", "td"):
        assert f"<{tag}" in out
    assert "<th align=\"left\">Attribute</th>" in out
    assert "<td align=\"right\">4</td>" in out
    assert "style" not in out


def test_fenced_code_renders_escaped_in_pre():
    out = render_markdown("```python\nif a < b and c > d:\n    print('<b>')\n```")
    assert "<pre><code>" in out
    assert "if a &lt; b and c &gt; d:" in out
    assert "&lt;b&gt;" in out
    assert "class=" not in out


def test_inline_code_blockquote_and_rule():
    out = render_markdown("Use `notes` here.\n\n> It felt like a turning point.\n\n---")
    assert "<code>notes</code>" in out
    assert "<blockquote>" in out
    assert "<hr>" in out


def test_single_newline_is_a_line_break():
    """Pressing Enter in a journal starts a new line, as in any text editor."""
    out = render_markdown("First line\nSecond line")
    assert "<br>" in out


def test_safe_links_survive_with_rel():
    out = render_markdown(
        "[plan](https://example.org/plan?a=1&b=2) [site](http://example.org) "
        "[mail](mailto:lead@example.org) <https://auto.example> <me@example.org>"
    )
    assert hrefs(out) == [
        "https://example.org/plan?a=1&b=2",
        "http://example.org",
        "mailto:lead@example.org",
        "https://auto.example",
        "mailto:me@example.org",
    ]
    assert 'rel="noopener noreferrer nofollow"' in out
    assert_safe_markup(out)


def test_http_url_may_mention_file_in_its_path():
    """Only the scheme matters: a wiki "File:" page is an ordinary https link."""
    url = "https://en.wikipedia.org/wiki/File:Example.jpg"
    assert hrefs(render_markdown(f"[pic page]({url})")) == [url]


def test_email_autolink_must_be_an_address():
    out = render_markdown("<file:@x> <javascript:alert(1)@x> <a@b.example>")
    assert hrefs(out) == ["mailto:a@b.example"]
    assert_safe_markup(out)


def test_link_title_survives():
    out = render_markdown('[plan](https://example.org "The plan")')
    assert 'title="The plan"' in out


def test_empty_input():
    assert render_markdown("") == ""
    assert plain_text("") == ""


# --- Decisions about raw HTML and images ------------------------------------------------


def test_raw_html_is_escaped_so_the_typed_words_stay_visible():
    out = render_markdown("Asked <Name> about <b>bold</b> & it went well")
    assert "&lt;Name&gt;" in out
    assert "&lt;b&gt;bold&lt;/b&gt;" in out
    assert "<b>" not in out
    assert "&amp; it went well" in out


def test_raw_html_block_is_escaped():
    out = render_markdown('<div style="color:red">\n<p onclick="x()">hi</p>\n</div>')
    assert "<div" not in out
    assert "&lt;div" in out
    assert_safe_markup(out)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("![the team](/etc/passwd)", "[image: the team]"),
        ("![](https://example.org/a.png)", "[image]"),
        ("before ![a  b](x.png) after", "before [image: a b] after"),
        ("![ref image][r]\n\n[r]: /dev/zero", "[image: ref image]"),
        ("![short][]\n\n[short]: file:///etc/passwd", "[image: short]"),
    ],
)
def test_images_become_bracketed_alt_text(source, text):
    out = render_markdown(source)
    assert text in out
    assert "<img" not in out and "src=" not in out
    assert_safe_markup(out)


def test_linked_image_keeps_the_link_but_not_the_image():
    out = render_markdown("[![logo](/dev/zero)](https://example.org)")
    assert hrefs(out) == ["https://example.org"]
    assert "[image: logo]" in out
    assert "<img" not in out


# --- Hostile input ----------------------------------------------------------------------

# Written in Markdown syntax: the URL is consumed, so it must vanish from the output entirely.
MARKDOWN_HOSTILE = [
    "![x](/etc/passwd)",
    "![x](file:///etc/passwd)",
    "![x](data:image/png;base64,AAAA)",
    "![x](/dev/zero)",
    "[a](javascript:alert(1))",
    "[a](JaVaScRiPt:alert(1))",
    "[a](<javascript:alert(1)>)",
    "[a](java\tscript:alert(1))",
    "[a](&#106;avascript:alert(1))",
    "[a](vbscript:msgbox(1))",
    "[a](file:///etc/passwd)",
    "[a](FILE:///C:/Windows/win.ini)",
    "[a](../secret)",
    "[a](/etc/passwd)",
    "[a](secret.txt)",
    "[a](#top)",
    "[a](//evil.example/x)",
    "[a](\\\\server\\share)",
    "[a](C:\\Windows\\win.ini)",
    "[a](data:text/html;base64,PHNjcmlwdD4=)",
    "[a](http:/etc/passwd)",
    "[a][r]\n\n[r]: javascript:alert(1)",
    "[a][r]\n\n[r]: /etc/passwd",
    "[a][]\n\n[a]: file:///etc/passwd",
    "[a]\n\n[a]: ../secret",
    "![x][r]\n\n[r]: file:///etc/passwd",
    "<file:///etc/passwd>",
]


@pytest.mark.parametrize("source", MARKDOWN_HOSTILE)
def test_markdown_hostile_urls_leave_no_trace(source):
    out = render_markdown(source)
    assert_safe_markup(out)
    assert hrefs(out) == []
    lowered = out.lower()
    for bad in ("<img", "src=", "<script", "javascript:", "vbscript:", "data:", "href="):
        assert bad not in lowered
    if not source.startswith("<file:"):  # an autolink's URL is also its visible text
        assert "file:" not in lowered
        assert "/etc/passwd" not in out
        assert "../secret" not in out


def test_unsafe_link_keeps_its_words_without_an_anchor():
    out = render_markdown("see [the notes](../secret) please")
    assert out == "<p>see the notes please</p>"


# Written as raw HTML: escaped, so no live markup, but the characters stay readable.
HTML_HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src="/dev/zero">',
    "<img src=x onerror=alert(1)>",
    '<a href="/etc/passwd">x</a>',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="file:///etc/passwd"></iframe>',
    '<p style="position:fixed" onmouseover="x()">hi</p>',
    "<!-- hidden comment -->",
    "text <!-- inline comment --> text",
    "<svg onload=alert(1)><circle/></svg>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    '<object data="file:///etc/passwd"></object>',
    '<embed src="/dev/zero">',
    '<form action="javascript:x"><input onfocus=alert(1) autofocus></form>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<div markdown="1">[a](javascript:x)</div>',
    "<style>body{background:url(file:///x)}</style>",
    '<base href="file:///">',
    "<<script>script>alert(1)<</script>/script>",
]


@pytest.mark.parametrize("source", HTML_HOSTILE)
def test_html_hostile_input_is_inert(source):
    out = render_markdown(source)
    assert_safe_markup(out)
    assert hrefs(out) == []
    assert "&lt;" in out  # escaped, i.e. shown to the user as typed


@pytest.mark.parametrize("source", MARKDOWN_HOSTILE + HTML_HOSTILE)
def test_hostile_input_inside_a_realistic_entry(source):
    entry = (
        f"# Notes\n\nToday:\n\n- item {source} here\n\n> quote {source}\n\n"
        f"| a |\n|---|\n| {source} |"
    )
    assert_safe_markup(render_markdown(entry))


def test_deeply_nested_input_still_renders_words():
    """python-markdown recurses per nesting level; the preview must not crash on it."""
    source = "\n".join("    " * level + "- deep <b>" for level in range(600))
    out = render_markdown(source)
    assert "deep &lt;b&gt;" in out
    assert_safe_markup(out)
    assert plain_text(source).startswith("- deep <b>")
    # The per-thread Markdown instance is still usable afterwards.
    assert render_markdown("*ok*") == "<p><em>ok</em></p>"


# --- Qt: the sanitised output makes a QTextBrowser load nothing --------------------------


def test_qt_text_browser_requests_no_resources(qtbot):
    qtwidgets = pytest.importorskip("PySide6.QtWidgets")

    class RecordingBrowser(qtwidgets.QTextBrowser):
        def __init__(self) -> None:
            super().__init__()
            self.requests: list[str] = []

        def loadResource(self, kind, name):
            self.requests.append(name.toString())
            return None

    def show_and_paint(html: str) -> None:
        """Qt fetches images when it lays out and paints the document, not on setHtml."""
        browser.setHtml(html)
        browser.grab()

    browser = RecordingBrowser()
    qtbot.addWidget(browser)
    browser.resize(500, 400)
    browser.show()
    qtbot.waitExposed(browser)
    # Control: unsanitised HTML does make Qt ask for the file, so the recorder works.
    show_and_paint('<p><img src="/nonexistent/reflect-test.png"></p>')
    assert "/nonexistent/reflect-test.png" in browser.requests
    browser.requests.clear()

    hostile = "\n\n".join(MARKDOWN_HOSTILE + HTML_HOSTILE) + "\n\n![pic](/dev/zero)"
    show_and_paint(render_markdown(hostile))
    assert browser.requests == []
    assert "[image: pic]" in browser.toPlainText()


# --- plain_text -------------------------------------------------------------------------


def test_plain_text_strips_markup_and_collapses_whitespace():
    source = (
        "# Supervision\n\nWe talked about **the plan** and [the notes](https://example.org).\n\n"
        "- one\n- two\n\n![team](x.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode  here\n```"
    )
    assert plain_text(source) == (
        "Supervision We talked about the plan and the notes. one two [image: team] a b 1 2 "
        "code here"
    )


def test_plain_text_keeps_typed_html_and_entities_literally():
    assert plain_text('Ask <Name> & "why" &amp; <script>x</script>') == (
        'Ask <Name> & "why" & <script>x</script>'
    )


def test_plain_text_does_not_split_inline_words():
    assert plain_text("un*believ*able and **bo**ld") == "unbelievable and bold"


# --- Concurrency ------------------------------------------------------------------------


def test_concurrent_rendering_matches_sequential():
    sources = [f"# Entry {i}\n\n*{i}* [x](https://e.org/{i})\n\n- a\n- b" for i in range(40)]
    expected = [render_markdown(s) for s in sources]
    results: dict[int, list[str]] = {}
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            results[worker] = [render_markdown(s) for s in sources for _ in range(5)][::5]
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert all(result == expected for result in results.values())


# --- Properties -------------------------------------------------------------------------

HOSTILE_URLS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:x", " javascript:x",
    "&#106;avascript:x", "&#x6A;avascript:x", "vbscript:x", "file:///etc/passwd",
    "FILE://localhost/C:/x", "file:x", "/dev/zero", "/etc/passwd", "../secret", "./a",
    "//evil.example/x", "\\\\server\\share", "C:\\Windows", "data:text/html,<script>x</script>",
    "data:image/png;base64,AAAA", "#frag", "?q=1", "http:/x", "https:", "mailto:",
    "mailto:a@b.example", "http://ok.example", "https://ok.example/a?b=c&d=e", "ftp://x",
    "", " ", "<", ">", '"', "'", "x onerror=alert(1)",
]
MARKDOWN_BITS = [
    "# ", "## ", "###### ", "#", "*", "**", "_", "__", "`", "```\n", "~~~\n", "> ", "- ", "* ",
    "1. ", "3) ", "|", "|---|", ":--", "---", "\n", "\n\n", "    ", "\t", "[", "]", "(", ")",
    "![", "]:", "<", ">", '"', "'", "=", " ", "&", "&#", "&amp;", ";", ":", "\\", "word",
    "Ümlaut", "😀", "\x00", "\r\n",
]
HTML_BITS = [
    "<script>", "</script>", "<img src=x onerror=alert(1)>", '<a href="', '">', "</a>",
    "<iframe src=", "<svg onload=alert(1)>", "<!--", "-->", ' style="color:red"',
    "<object data=", "<math>", "<form action=", "<input ", "<embed src=", "<div>", "</div>",
    '<div markdown="1">', "<p>", "<b>", "<style>", "<base href=", "<![CDATA[", "<?php ?>",
]
URL_TEMPLATES = [
    "[{t}]({u})", "![{t}]({u})", "<{u}>", "[{t}](<{u}>)", '[{t}]({u} "ti")',
    "[{t}][r]\n\n[r]: {u}\n", "![{t}][r]\n\n[r]: {u}\n", "[{t}]\n\n[{t}]: {u}\n",
    '<a href="{u}">{t}</a>', '<img src="{u}" alt="{t}">', "[![{t}]({u})]({u})",
]

urls = st.sampled_from(HOSTILE_URLS) | st.text(max_size=12).map(lambda s: "file:" + s)
words = st.text(alphabet=st.characters(codec="utf-8"), max_size=8)
links = st.builds(
    lambda tpl, t, u: tpl.format(t=t, u=u), st.sampled_from(URL_TEMPLATES), words, urls
)
fragments = st.one_of(
    st.sampled_from(MARKDOWN_BITS), st.sampled_from(HTML_BITS), links, urls, words
)
mixed_documents = st.lists(fragments, max_size=40).map("".join)

PROPERTY_SETTINGS = settings(
    max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(st.text())
def test_property_arbitrary_text_renders_safely(text):
    assert_safe_markup(render_markdown(text))
    assert isinstance(plain_text(text), str)


@PROPERTY_SETTINGS
@given(mixed_documents)
def test_property_markdown_html_and_hostile_urls_render_safely(text):
    assert_safe_markup(render_markdown(text))
    flat = plain_text(text)
    assert isinstance(flat, str)
    assert "\n" not in flat and "  " not in flat and flat == flat.strip()
