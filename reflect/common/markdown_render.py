"""Render the user's Markdown to sanitised HTML, the only way user text reaches rich text.

Both the Qt preview (``QTextBrowser``) and the PDF export show entries through
:func:`render_markdown`, so the safety rules live in one place:

* **Raw HTML is escaped, not stripped.** Python-markdown's raw-HTML handling is switched off,
  so ``<b>``, ``<script>`` or ``<Name>`` typed by the user show up as the literal characters
  they typed. Stripping would silently hide words (a placeholder such as ``<child's name>``
  would vanish from the preview); escaping keeps every word visible and still leaves no live
  markup. nh3 then cleans the result against an explicit allow-list as a second, independent
  layer.
* **No images.** Qt's rich-text widgets read any local file named in ``<img src>`` (a path like
  ``/dev/zero`` can hang the process) and may fetch remote ones. Every Markdown image becomes
  the text ``[image: alt]``; ``img`` is also absent from the sanitiser's allow-list.
* **Links only to http, https and mailto.** Relative URLs, absolute paths, ``file:``,
  ``javascript:``, ``data:`` and everything else lose their ``href`` (the link text stays).
* **Nesting is bounded.** Quotes deeper than :data:`MAX_QUOTE_DEPTH`, lists deeper than
  :data:`MAX_LIST_DEPTH` and emphasis deeper than :data:`MAX_INLINE_DEPTH` are drawn flat
  (every word kept), so no entry can make the preview, the PDF layout or Qt recurse without
  end or indent text off the page.
"""

from __future__ import annotations

import html
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from types import MappingProxyType
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.blockprocessors import HashHeaderProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

__all__ = ["ALLOWED_ATTRIBUTES", "ALLOWED_TAGS", "ALLOWED_URL_SCHEMES", "MAX_INLINE_DEPTH",
           "MAX_LIST_DEPTH", "MAX_QUOTE_DEPTH", "plain_text", "render_markdown"]

# Exactly the tags our Markdown configuration can emit, minus img. Anything else (style,
# script, iframe, object, embed, svg, math, form, input, span, div, ...) is unwrapped by nh3.
ALLOWED_TAGS: frozenset[str] = frozenset({
    "p", "br", "hr", "blockquote", "pre", "code",
    "h1", "h2", "h3", "h4", "h5", "h6",
    "strong", "em",
    "ul", "ol", "li",
    "table", "thead", "tbody", "tr", "th", "td",
    "a",
})

# No style, class or id anywhere, and no event handlers: presentation belongs to the app's
# stylesheet, not to entry text. ``align`` keeps table column alignment (the tables extension
# is told to emit it instead of inline style); ``start`` keeps "3." lists numbered from 3.
ALLOWED_ATTRIBUTES: Mapping[str, frozenset[str]] = MappingProxyType({
    "a": frozenset({"href", "title"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"align"}),
    "td": frozenset({"align"}),
})

ALLOWED_URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})

_LINK_REL = "noopener noreferrer nofollow"

# Deeper nesting is flattened: nobody writes a quote in a quote eight times over, and each
# level costs indentation on paper and recursion in every renderer after this one.
MAX_QUOTE_DEPTH = 8
MAX_LIST_DEPTH = 8
MAX_INLINE_DEPTH = 8
_LISTS = ("ul", "ol")
_INLINE_NESTING = ("em", "strong")


def _is_allowed_url(url: str) -> bool:
    """True for absolute http(s) URLs with a host and for mailto: addresses; nothing else.

    A mailto address must look like one (``who@where``), so "mailto:file:@x", which the email
    autolink makes of ``<file:@x>``, does not smuggle another scheme into an href.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return bool(parts.netloc)
    if scheme == "mailto":
        return "@" in parts.path and not any(c in parts.path for c in ":/\\")
    return False


# Hash headings need whitespace (or the line end) after the hashes, as in CommonMark, so
# "#1 priority" and "#hashtag" at the start of a line stay ordinary text in a journal.
# Otherwise python-markdown's own pattern, so its run() (loose-list handling) still applies.
_HASH_HEADING_RE = re.compile(
    r"(?:^|\n)(?P<level>#{1,6})(?=[ \t]|\n|$)"
    r"(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)"
)

_WHITESPACE_RE = re.compile(r"\s+")
_BLOCK_BOUNDARY_RE = re.compile(r"<(?:br|hr)\b[^>]*>|</(?:p|li|h[1-6]|t[dh]|pre|blockquote)>")


class _SpacedHashHeaderProcessor(HashHeaderProcessor):
    """A hash heading only when the hashes are followed by whitespace or end the line."""

    RE = _HASH_HEADING_RE


class _ImagesToText(Treeprocessor):
    """Replace every ``<img>`` with the text ``[image: alt]`` so no src ever reaches Qt."""

    def run(self, root: ET.Element) -> None:
        for parent in list(root.iter()):
            for index, child in reversed(list(enumerate(parent))):
                if child.tag != "img":
                    continue
                alt = " ".join((child.get("alt") or "").split())
                text = (f"[image: {alt}]" if alt else "[image]") + (child.tail or "")
                if index > 0:
                    previous = parent[index - 1]
                    previous.tail = (previous.tail or "") + text
                else:
                    parent.text = (parent.text or "") + text
                parent.remove(child)


class _UnsafeLinksToText(Treeprocessor):
    """Unwrap links whose URL is not allowed, so the words stay but no dead anchor is left.

    Runs after "unescape" so backslash escapes in URLs are resolved; nh3's attribute filter
    still checks every href afterwards, this step only tidies the output.
    """

    def run(self, root: ET.Element) -> None:
        for element in root.iter("a"):
            href = element.get("href", "")
            # Email autolinks are entity-obfuscated with markdown's "&" placeholder.
            href = html.unescape(href.replace(AMP_SUBSTITUTE, "&"))
            if not _is_allowed_url(href):
                element.tag = "span"  # Not on the allow-list: nh3 keeps only its text.
                element.attrib.clear()


def _unwrap(parent: ET.Element, index: int) -> None:
    """Replace ``parent[index]`` by its text and children, in place (nothing is lost)."""
    child = parent[index]
    kids = list(child)
    before = (child.text or "") + ("" if kids else child.tail or "")
    if before:
        if index > 0:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + before
        else:
            parent.text = (parent.text or "") + before
    if kids and child.tail:
        kids[-1].tail = (kids[-1].tail or "") + child.tail
    del parent[index]
    for offset, kid in enumerate(kids):
        parent.insert(index + offset, kid)


def _list_as_paragraphs(parent: ET.Element, index: int) -> None:
    """A list past the depth limit becomes one paragraph per item, marker written in front."""
    listing = parent[index]
    start_text = listing.get("start", "1")
    number = int(start_text) if start_text.isdigit() else 1
    for item in list(listing):
        marker = f"{number}. " if listing.tag == "ol" else "– "
        number += 1
        if item.tag != "li":
            continue
        first = item[0] if len(item) and not (item.text or "").strip() else None
        if first is not None and first.tag == "p":  # a loose list: items hold paragraphs
            first.text = marker + (first.text or "")
            item.text = None
        else:
            item.text = marker + (item.text or "").lstrip()
        item.tag = "p"
        blocks = [kid for kid in item if kid.tag in _FLAT_BLOCKS]
        for kid in blocks:  # blocks move out of the paragraph, after it
            item.remove(kid)
        position = list(listing).index(item) + 1
        for offset, kid in enumerate(blocks):
            listing.insert(position + offset, kid)
    _unwrap(parent, index)


_FLAT_BLOCKS = frozenset({"p", "ul", "ol", "blockquote", "pre", "table", "hr",
                          "h1", "h2", "h3", "h4", "h5", "h6"})


class _BoundNesting(Treeprocessor):
    """Flatten quotes, lists and emphasis past their depth limit; iterative, so it copes with
    any depth python-markdown managed to parse."""

    def run(self, root: ET.Element) -> None:
        todo: list[tuple[ET.Element, int, int, int]] = [(root, 0, 0, 0)]
        while todo:
            parent, quotes, lists, inline = todo.pop()
            index = 0
            while index < len(parent):
                child = parent[index]
                tag = child.tag
                if tag == "blockquote" and quotes >= MAX_QUOTE_DEPTH:
                    _unwrap(parent, index)
                elif tag in _LISTS and lists >= MAX_LIST_DEPTH:
                    _list_as_paragraphs(parent, index)
                elif tag in _INLINE_NESTING and inline >= MAX_INLINE_DEPTH:
                    _unwrap(parent, index)
                else:
                    todo.append((child, quotes + (tag == "blockquote"),
                                 lists + (tag in _LISTS), inline + (tag in _INLINE_NESTING)))
                    index += 1
                # An unwrapped element's children now sit at ``index``: look at them next.


class _JournalSafety(Extension):
    """Escape raw HTML, turn images into text, unwrap unsafe links, tidy hash headings."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.parser.blockprocessors.register(_SpacedHashHeaderProcessor(md.parser), "hashheader", 70)
        # Images: after inline parsing (20) and prettify (10), before "unescape" (0) so
        # backslash escapes in the alt text moved into the text are still resolved.
        md.treeprocessors.register(_ImagesToText(md), "reflect_images_to_text", 5)
        # Links: after "unescape", so the URL checked is the URL that will be emitted.
        md.treeprocessors.register(_UnsafeLinksToText(md), "reflect_unsafe_links", -5)
        # Nesting: after inline parsing (20), so emphasis exists, and before prettify (10) and
        # serialising, which recurse per level.
        md.treeprocessors.register(_BoundNesting(md), "reflect_bound_nesting", 15)


def _new_markdown() -> markdown.Markdown:
    """The extensions a journal writer expects, without "extra"'s raw-HTML features.

    From "extra" only tables and fenced code: md_in_html passes raw HTML blocks through,
    attr_list lets text set arbitrary attributes, footnotes rely on same-page links (which the
    URL rules drop), and def_list/abbr turn ordinary lines such as "Outcome" followed by
    ": agreed" into markup nobody meant. sane_lists: "3." starts a list at 3 and bullets do not
    merge into numbered lists. nl2br: pressing Enter starts a new line, as in a text editor.
    """
    return markdown.Markdown(
        extensions=["tables", "fenced_code", "sane_lists", "nl2br", _JournalSafety()],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )


_local = threading.local()


def _markdown_instance() -> markdown.Markdown:
    """One Markdown object per thread: they keep parse state, so they are not thread-safe."""
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = _new_markdown()
    return md


def _markdown_to_html(text: str) -> str:
    md = _markdown_instance()
    try:
        return md.reset().convert(text)
    except RecursionError:
        # Python-markdown recurses per nesting level (a few hundred nested list levels are
        # enough); the preview must not crash, so show the words as escaped plain text. The
        # object is dropped: its block parser's state is left mid-parse, and reset() does not
        # clear it, so every later text would come out unparsed.
        _local.md = None
        return "<p>" + html.escape(text, quote=False).replace("\n", "<br>\n") + "</p>"


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Drop hrefs nh3 would pass through: relative URLs and local paths have no scheme."""
    if attribute == "href":
        return value if _is_allowed_url(value) else None
    return value


def _sanitise(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=_LINK_REL,
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """Return sanitised HTML for ``text``, safe to give to a QTextBrowser or the PDF writer."""
    if not text:
        return ""
    return _sanitise(_markdown_to_html(text))


def plain_text(markdown_text: str) -> str:
    """Return the words of ``markdown_text`` without markup, on one line (snippets, labels).

    Goes through the same Markdown pass as :func:`render_markdown`, so a snippet shows what the
    preview shows: link text without URLs, images as ``[image: alt]``, typed HTML literally.
    """
    if not markdown_text:
        return ""
    fragment = _markdown_to_html(markdown_text)
    # Block boundaries become spaces; inline boundaries (``<em>a</em>b``) must not.
    fragment = _BLOCK_BOUNDARY_RE.sub(" ", fragment)
    text = html.unescape(nh3.clean(fragment, tags=set(), attributes={}, strip_comments=True))
    return _WHITESPACE_RE.sub(" ", text).strip()
