"""Deep nesting is flattened by the shared renderer: every word kept, the depth bounded, so the
preview, the PDF and Qt never recurse without end on one entry (issue 10, case 6)."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect.common.markdown_render import (
    MAX_INLINE_DEPTH,
    MAX_LIST_DEPTH,
    MAX_QUOTE_DEPTH,
    plain_text,
    render_markdown,
)

# Quotes, lists (ul or ol and li: two elements a level) and emphasis, plus p, a and code.
BOUND = MAX_QUOTE_DEPTH + 2 * MAX_LIST_DEPTH + MAX_INLINE_DEPTH + 4

HOSTILE = {
    "quotes": "> " * 35 + "deepest quote",
    "quotes on lines": "\n".join(">" * level + f" level{level}" for level in range(1, 60)),
    "list": "\n".join("    " * level + f"- item{level}" for level in range(400)),
    "numbered": "\n".join("   " * level + f"1. step{level}" for level in range(60)),
    "emphasis": "*a " * 1000 + "core" + "*" * 1000,
    "strong": "**" * 2000 + "core" + "**" * 2000,
    "table": "|" + "|".join(f"h{i}" for i in range(300)) + "|\n|" + "---|" * 300 + "\n|"
             + "|".join(f"v{i}" for i in range(300)) + "|",
}


class _Depth(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = self.deepest = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in ("br", "hr"):
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag) -> None:
        if tag not in ("br", "hr"):
            self.depth -= 1


def depth(fragment: str) -> int:
    parser = _Depth()
    parser.feed(fragment)
    return parser.deepest


def test_hostile_nesting_renders_flat_with_every_word():
    for name, text in HOSTILE.items():
        fragment = render_markdown(text)
        assert depth(fragment) <= BOUND, name
        words = plain_text(text)
        for word in ("deepest", "level59", "item399", "step59", "core", "h299", "v299"):
            if word in text:
                assert word in words, (name, word)


def test_moderate_nesting_is_kept_and_only_the_excess_is_flattened():
    quotes = render_markdown("> " * 20 + "deep")
    assert quotes.count("<blockquote>") == MAX_QUOTE_DEPTH and "deep" in quotes
    listing = render_markdown("\n".join("    " * level + f"- item{level}" for level in range(12)))
    assert listing.count("<ul>") == MAX_LIST_DEPTH
    assert "<p>– item8</p>" in listing and "item11" in listing
    numbered = render_markdown("\n".join("    " * level + "1. x" for level in range(10)))
    assert numbered.count("<ol>") == MAX_LIST_DEPTH and "<p>1. x</p>" in numbered
    normal = render_markdown("- a\n    - b\n\n> q\n> > r\n\n***x***")
    assert normal.count("<ul>") == 2 and normal.count("<blockquote>") == 2
    assert "<strong><em>x</em></strong>" in normal


_PIECES = st.sampled_from(["> ", ">", "- ", "* ", "1. ", "    ", "  ", "*", "**", "_", "`",
                           "\n", "\n\n", "word ", "|", "|-", "# ", "[a](https://x.org)"])


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(_PIECES, st.integers(1, 80)), max_size=10))
def test_random_nesting_never_raises_and_stays_shallow(parts):
    text = "".join(piece * times for piece, times in parts)
    assert depth(render_markdown(text)) <= BOUND
    plain_text(text)


def test_text_after_one_too_deep_to_parse_renders_normally():
    """Python-markdown gives up (RecursionError) on 400 nested list levels; the entry after it
    must still be formatted, not shown as raw Markdown."""
    for text in (*HOSTILE.values(), "- " * 2000 + "x", "> " * 3000 + "x", "1. " * 2000 + "x"):
        render_markdown(text)
        assert render_markdown("the *H. family*") == "<p>the <em>H. family</em></p>"
