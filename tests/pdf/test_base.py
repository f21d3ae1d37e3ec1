"""The shared PDF template and user Markdown on paper, read back with pypdf."""

import io
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.platypus import PageBreak, Paragraph

from reflect.common.dates import uk_date, uk_numeric, uk_period
from reflect.pdf.base import DocumentInfo, build_pdf, make_styles
from reflect.pdf.richtext import markdown_flowables


def read(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def fonts_used(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_uk_dates():
    assert uk_date(date(2026, 3, 5)) == "5 March 2026"
    assert uk_numeric(date(2026, 3, 5)) == "05/03/2026"
    assert uk_date(date(2026, 3, 5), short=True) == "5 Mar 2026"
    assert uk_date(None) == ""
    assert uk_period(date(2026, 1, 1), date(2026, 3, 31)) == "1 January 2026 to 31 March 2026"
    assert uk_period(None, date(2026, 3, 31)) == "up to 31 March 2026"
    assert uk_period(date(2026, 1, 1), None) == "from 1 January 2026"
    assert uk_period(None, None) == "all dates"


def test_running_header_and_page_x_of_y():
    s = make_styles()
    story = [Paragraph("Cover words", s.title), PageBreak(), Paragraph("Second", s.body),
             PageBreak(), Paragraph("Third", s.body)]
    pages = read(build_pdf(story, DocumentInfo("Supervision record — Příliš žluťoučký",
                                               "Jana Nováková")))
    assert len(pages) == 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of 3" in text
    assert "Jana Nováková" not in pages[0]  # the cover has no running header
    for text in pages[1:]:
        assert "Supervision record — Příliš žluťoučký" in text and "Jana Nováková" in text
    no_cover = read(build_pdf(story, DocumentInfo("Record", "Jo", cover_page=False)))
    assert "Record" in no_cover[0]


def test_document_properties_and_embedded_fonts():
    s = make_styles()
    pdf = build_pdf([Paragraph("<b>bold</b> <i>italic</i> plain", s.body)],
                    DocumentInfo("A title", "A leader", subject="Mentor pack"))
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert (meta.title, meta.author, meta.subject) == ("A title", "A leader", "Mentor pack")
    assert fonts_used(pdf) == {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}


MARKDOWN = """# A heading
Some **strong words** and *leaning words*, `a code span`, and <b>typed tags</b>.

- first point
- second point
    - nested point

3. third step
4. fourth step

> A quotation from the coach.

Read [the framework](https://example.org/framework) or [this](javascript:alert(1)).

| Who | What |
|-----|------|
| Peer | Feedback |

```
line one
    indented line
```

---

![chart](/dev/zero)
"""


def test_markdown_keeps_structure_and_shows_links_as_text():
    s = make_styles()
    story = markdown_flowables(MARKDOWN, s)
    pdf = build_pdf(story, DocumentInfo("Markdown", cover_page=False))
    text = read(pdf)[0]
    lines = [line.strip() for line in text.splitlines()]
    assert "A heading" in lines
    assert "Some strong words and leaning words, a code span, and <b>typed tags</b>." in lines
    assert "• first point" in text.replace("\n", " ") or "first point" in lines
    assert "nested point" in text
    assert "3." in text and "4." in text and "third step" in text
    assert "A quotation from the coach." in text
    assert "the framework (https://example.org/framework)" in text
    assert "javascript" not in text
    assert "Peer" in text and "Feedback" in text
    assert "line one" in text and "indented line" in text
    assert "[image: chart]" in text
    assert {"DejaVuSans-Bold", "DejaVuSans-Oblique"} <= fonts_used(pdf)


def test_lists_keep_their_kind_of_marker():
    s = make_styles()
    bullets, numbers = (markdown_flowables(text, s)[0] for text in ("- a\n- b\n", "3. a\n4. b\n"))
    assert (bullets._bulletType, bullets._start) == ("bullet", "•")
    assert (numbers._bulletType, numbers._start) == ("1", 3)


def test_user_headings_sit_below_the_documents_own():
    s = make_styles()
    heading = markdown_flowables("# Mine", s, heading_offset=2)[0]
    assert heading.style is s.h3
    assert markdown_flowables("", s) == []


@pytest.mark.parametrize("text", [
    "- a\n" + "".join("    " * depth + "- deeper\n" for depth in range(1, 30)),
    "x" * 20000,
    "| a |\n|---|\n| " + "long cell " * 2000 + "|\n",
    "```\n" + "code\n" * 3000 + "```\n",
])
def test_awkward_markdown_still_lays_out(text):
    s = make_styles()
    pdf = build_pdf(markdown_flowables(text, s), DocumentInfo("Awkward", cover_page=False))
    assert read(pdf)
