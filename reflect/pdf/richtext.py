"""User Markdown as PDF flowables, by way of :func:`reflect.common.markdown_render.render_markdown`.

The PDF shows exactly what the app's preview shows, because both start from the same
sanitised HTML. That HTML only ever holds the tags on the sanitiser's allow-list, so a small
tree walk is enough: headings, paragraphs, lists (numbered from where the writer started),
emphasis, code, quotes, rules and tables. Links keep their words and show the address after
them, since a printed page cannot be clicked.

Nothing the writer types can make the layout fail: the renderer already bounds nesting, quotes
stop indenting after a few levels, and tables are given the width actually left to them; a
table with more columns than fit at a readable width is printed as one paragraph per row
("heading: value · heading: value"), so every cell is still on the page.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Indenter,
    ListFlowable,
    ListItem,
    Paragraph,
    Table,
    TableStyle,
)

from reflect.common.markdown_render import render_markdown
from reflect.pdf.base import (
    CONTENT_WIDTH,
    RULE,
    SHADE,
    TABLE_FONT,
    Styles,
    TableCommand,
    make_styles,
)

MAX_LIST_DEPTH = 6  # deeper lists are drawn flat: reportlab recurses per level
MAX_QUOTE_INDENT = 6  # quotes deeper than this stop moving right (14 pt a level)
MAX_HEADING_CHARS = 300  # a longer "heading" is not kept with the next block
MIN_COLUMN_WIDTH = 36.0  # points; a table needing narrower columns is printed row by row
_QUOTE_INDENT = 14
_LIST_INDENT = 16
_BULLETS = ("•", "◦", "–")  # by nesting level, so a printed nested list still reads as one
_VOID = {"br", "hr"}
_BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "table",
          "hr", "li", "thead", "tbody", "tr", "th", "td"}


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """Sanitised HTML into a tree; unknown tags cannot occur, but are kept as plain groups."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(fragment: str) -> _Node:
    builder = _TreeBuilder()
    builder.feed(fragment)
    builder.close()
    return builder.root


def escape(text: str) -> str:
    """Text for reportlab's paragraph markup."""
    return html.escape(text, quote=False)


def plain_markup(text: str) -> str:
    """Plain user text (not Markdown) as paragraph markup; line breaks are kept."""
    return "<br/>".join(escape(line) for line in text.strip().split("\n"))


def _trim_breaks(markup: str) -> str:
    """Drop the line breaks nl2br leaves at the ends of a block (they would be empty lines)."""
    markup = markup.strip()
    while markup.startswith("<br/>"):
        markup = markup[5:].lstrip()
    while markup.endswith("<br/>"):
        markup = markup[:-5].rstrip()
    return markup


def _text_of(node: _Node | str) -> str:
    """All the words under ``node``; iterative, so no depth of nesting can overflow it."""
    parts: list[str] = []
    todo: list[_Node | str] = [node]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            parts.append(item)
        else:
            todo.extend(reversed(item.children))
    return "".join(parts)


_MAX_INLINE_NESTING = 24  # deeper inline markup (never made by the renderer) is plain words


def _inline(node: _Node | str, *, pre: bool = False, depth: int = 0) -> str:
    """Paragraph markup for inline content."""
    if isinstance(node, str):
        if pre:
            return "<br/>".join(escape(line).replace(" ", "&nbsp;")
                                for line in node.split("\n"))
        return escape(node.replace("\n", " "))
    if depth >= _MAX_INLINE_NESTING:
        return _inline(_text_of(node), pre=pre)
    inner = "".join(_inline(child, pre=pre, depth=depth + 1) for child in node.children)
    if node.tag == "br":
        return "<br/>"
    if node.tag == "strong":
        return f"<b>{inner}</b>"
    if node.tag == "em":
        return f"<i>{inner}</i>"
    if node.tag == "code" and not pre:
        return f'<font backColor="#EEF0F3">{inner}</font>'
    if node.tag == "a":
        href = node.attrs.get("href", "")
        label = _text_of(node).strip()
        shown = href.removeprefix("mailto:")
        if href and shown not in (label, ""):
            return f'{inner} <font color="#5A5A5A">({escape(shown)})</font>'
    return inner


class _Converter:
    def __init__(self, styles: Styles, heading_offset: int) -> None:
        self.styles = styles
        self.offset = heading_offset
        self.body = styles.body  # the quote style inside a blockquote
        self.quotes = 0  # blockquotes around the current block

    def blocks(self, node: _Node, depth: int = 0) -> list[Flowable]:
        out: list[Flowable] = []
        run: list[_Node | str] = []

        def flush() -> None:
            markup = _trim_breaks("".join(_inline(item) for item in run))
            if markup:
                out.append(Paragraph(markup, self.body))
            run.clear()

        for child in node.children:
            if isinstance(child, _Node) and child.tag in _BLOCK:
                flush()
                out.extend(self.block(child, depth))
            else:
                run.append(child)
        flush()
        return out

    def block(self, node: _Node, depth: int) -> list[Flowable]:
        s = self.styles
        tag = node.tag
        if tag == "p":
            markup = _trim_breaks("".join(_inline(c) for c in node.children))
            return [Paragraph(markup, self.body)] if markup else []
        if tag[0] == "h" and tag[1:].isdigit():
            style = s.heading(int(tag[1:]) + self.offset)
            if len(_text_of(node)) > MAX_HEADING_CHARS:
                # A heading kept with what follows must fit on a page with it; a paragraph
                # typed after "#" by mistake need not, and reportlab can spin on one that
                # does not.
                style = ParagraphStyle(style.name + "Long", parent=style, keepWithNext=0)
            return [Paragraph("".join(_inline(c) for c in node.children), style)]
        if tag in ("ul", "ol"):
            return self.listing(node, depth)
        if tag == "blockquote":
            outer, self.body = self.body, s.quote
            indent = _QUOTE_INDENT if self.quotes < MAX_QUOTE_INDENT else 0
            self.quotes += 1
            try:
                return [Indenter(left=indent), *self.blocks(node, depth),
                        Indenter(left=-indent)]
            finally:
                self.body = outer
                self.quotes -= 1
        if tag == "pre":
            return [Paragraph(_trim_breaks(_inline(node, pre=True)), s.code)]
        if tag == "hr":
            return [HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=4,
                               spaceAfter=8)]
        if tag == "table":
            return self.table(node, depth)
        return self.blocks(node, depth)

    def listing(self, node: _Node, depth: int) -> list[Flowable]:
        items = [c for c in node.children if isinstance(c, _Node) and c.tag == "li"]
        ordered = node.tag == "ol"
        start_text = node.attrs.get("start", "1")
        start = int(start_text) if start_text.isdigit() else 1
        if depth >= MAX_LIST_DEPTH:  # flat, with the marker written in front
            flat: list[Flowable] = []
            for number, item in enumerate(items, start=start):
                marker = f"{number}." if ordered else "–"
                flat.append(Paragraph(f"{marker} " + _inline(item), self.styles.body))
            return flat
        list_items = [ListItem(self.blocks(item, depth + 1) or [Paragraph("", self.styles.body)])
                      for item in items]
        if not list_items:
            return []
        return [ListFlowable(
            list_items,  # type: ignore[arg-type]  # the stubs miss that ListItem is accepted
            bulletType="1" if ordered else "bullet",
            start=start if ordered else _BULLETS[min(depth, len(_BULLETS) - 1)],
            bulletFontName=self.styles.body.fontName, bulletFontSize=self.body.fontSize,
            leftIndent=_LIST_INDENT, bulletDedent=13, spaceAfter=4,
            bulletFormat="%s." if ordered else None,
        )]

    def width(self, depth: int) -> float:
        """The width left for a block inside ``depth`` lists and the current quotes."""
        quotes = min(self.quotes, MAX_QUOTE_INDENT) * _QUOTE_INDENT
        return CONTENT_WIDTH - quotes - min(depth, MAX_LIST_DEPTH) * _LIST_INDENT

    def table(self, node: _Node, depth: int = 0) -> list[Flowable]:
        rows: list[list[Paragraph]] = []
        texts: list[list[str]] = []
        header_rows = 0
        for section in node.children:
            if not isinstance(section, _Node):
                continue
            for row in (section.children if section.tag in ("thead", "tbody") else [section]):
                if not isinstance(row, _Node) or row.tag != "tr":
                    continue
                cells = [c for c in row.children if isinstance(c, _Node) and c.tag in ("th", "td")]
                style = self.styles.cell_head if section.tag == "thead" else self.styles.cell
                texts.append(["".join(_inline(x) for x in c.children) for c in cells])
                rows.append([Paragraph(markup, style) for markup in texts[-1]])
                header_rows += section.tag == "thead"
        if not rows:
            return []
        columns = max(len(r) for r in rows)
        width = self.width(depth)
        if columns > max(1, int(width // MIN_COLUMN_WIDTH)):
            return self.rows_as_paragraphs(texts, header_rows)
        for cells_of_row in rows:
            cells_of_row.extend(Paragraph("", self.styles.cell)
                                for _ in range(columns - len(cells_of_row)))
        table = Table(rows, colWidths=[width / columns] * columns,
                      repeatRows=header_rows, splitInRow=1, hAlign="LEFT", spaceBefore=2,
                      spaceAfter=8)
        commands: list[TableCommand] = [
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            *TABLE_FONT,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        if header_rows:
            commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE))
        table.setStyle(TableStyle(commands))
        return [table]

    def rows_as_paragraphs(self, texts: list[list[str]], header_rows: int) -> list[Flowable]:
        """A table too wide for the page: one paragraph per row, each cell after its column
        heading, so nothing is cut off or squeezed into unreadable slivers."""
        heads = texts[header_rows - 1] if header_rows else []
        out: list[Flowable] = []
        if heads:
            out.append(Paragraph("<b>Table:</b> " + " · ".join(h or "–" for h in heads),
                                 self.styles.cell))
        for number, cells in enumerate(texts[header_rows:], start=1):
            shown = [f"<b>{heads[i]}:</b> {cell}" if i < len(heads) and heads[i] else cell
                     for i, cell in enumerate(cells)]
            out.append(Paragraph(f"<b>Row {number}.</b> " + " · ".join(shown),
                                 self.styles.cell))
        return out


def markdown_flowables(text: str, styles: Styles | None = None, *,
                       heading_offset: int = 2) -> list[Flowable]:
    """Flowables for the user's Markdown ``text``. ``heading_offset`` pushes the writer's
    headings below the document's own (a '#' inside a reflection is not a chapter)."""
    fragment = render_markdown(text)
    if not fragment.strip():
        return []
    return html_flowables(fragment, styles or make_styles(), heading_offset=heading_offset)


def html_flowables(fragment: str, styles: Styles, *, heading_offset: int = 2) -> list[Flowable]:
    """Flowables for already-sanitised HTML from :func:`render_markdown`."""
    return _Converter(styles, heading_offset).blocks(parse_html(fragment))
