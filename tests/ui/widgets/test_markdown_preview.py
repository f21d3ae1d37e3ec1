"""The preview shows hostile Markdown as harmless text: no file read, nothing fetched, no link
followed without asking, and the app keeps running."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QTextCursor, QTextDocument
from PySide6.QtWidgets import QMessageBox

from reflect.ui.widgets.markdown_preview import (
    MAX_PREVIEW_CHARS,
    SYNC_CHARS,
    MarkdownPreview,
    is_openable,
    preview_html,
)
from reflect.ui.workers import wait_for_workers

HOSTILE = "\n\n".join([
    'Raw image: <img src="/dev/zero">',
    "Markdown image: ![x](/etc/passwd) and ![remote](https://example.org/track.png)",
    "Links: [passwd](file:///etc/passwd), [relative](../journal.db), "
    "[js](javascript:alert(1)), [data](data:text/html,hi)",
    "<script>alert('boo')</script>",
    '<link rel="stylesheet" href="/etc/passwd"><style>body{background:url(/etc/passwd)}</style>',
    '<iframe src="file:///etc/passwd"></iframe><object data="/dev/zero"></object>',
    '<a href="/dev/zero"><img src="qrc:/x.png"></a> <table background="/etc/passwd">',
])


@pytest.fixture
def preview(qtbot) -> MarkdownPreview:
    widget = MarkdownPreview()
    qtbot.addWidget(widget)
    widget.resize(500, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


class LinkCatcher(QObject):
    """Stands in for the desktop's browser: Qt hands it the URLs it would open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def browser() -> Iterator[LinkCatcher]:
    catcher = LinkCatcher()
    for scheme in ("http", "https", "mailto", "file"):
        QDesktopServices.setUrlHandler(scheme, catcher, "handle")
    try:
        yield catcher
    finally:
        for scheme in ("http", "https", "mailto", "file"):
            QDesktopServices.unsetUrlHandler(scheme)


def test_the_request_recorder_works(preview):
    """The control: given raw HTML directly (which the app never does), Qt asks for the image,
    the request is recorded and gets nothing, so an empty record below means something."""
    preview.setHtml('<p>canary <img src="canary-does-not-exist.png"></p>')
    preview.grab()
    assert any("canary-does-not-exist.png" in url for _kind, url in preview.resource_requests)
    assert preview.document().resource(QTextDocument.ResourceType.ImageResource,
                                       QUrl("canary-does-not-exist.png")) is None


def test_hostile_markdown_reads_no_file_and_keeps_the_app_alive(qtbot, preview):
    preview.set_markdown(HOSTILE)
    preview.grab()  # paint it: images would be loaded now
    qtbot.wait(50)
    assert preview.resource_requests == []
    html = preview.toHtml().split("<body", 1)[1]  # Qt's own <head> has a <style>
    for needle in ("<img", "<script", "<iframe", "<object", "<link", "<style", "<table"):
        assert needle not in html, needle  # typed tags stay escaped text
    formats = list(_char_formats(preview))
    assert not any(f.isImageFormat() for f in formats)
    text = preview.toPlainText()
    assert '<img src="/dev/zero">' in text  # typed HTML shows as the characters typed
    assert "<script>alert('boo')</script>" in text
    assert "[image: x]" in text and "[image: remote]" in text
    anchors = [f.anchorHref() for f in formats if f.isAnchor()]
    assert anchors == []  # none of those links is allowed

    preview.set_markdown("> " * 2_000 + "deep")  # deeply nested quotes: no crash either
    qtbot.waitUntil(lambda: not preview.rendering)  # that long, it renders on a worker
    preview.grab()
    assert "deep" in preview.toPlainText()
    assert preview.resource_requests == []


def _char_formats(preview):
    block = preview.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            yield iterator.fragment().charFormat()
            iterator += 1
        block = block.next()


def _click_text(qtbot, preview: MarkdownPreview, words: str) -> None:
    found = preview.document().find(words)
    assert not found.isNull(), words
    cursor = QTextCursor(found)
    cursor.setPosition(found.selectionStart() + 1)
    point = preview.cursorRect(cursor).center()
    qtbot.mouseClick(preview.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_a_web_link_opens_only_after_the_user_agrees(qtbot, preview, browser):
    preview.set_markdown("Read [the guidance](https://www.gov.uk/guidance) today.")
    _click_text(qtbot, preview, "the guidance")
    dialog = preview.link_dialog
    assert isinstance(dialog, QMessageBox)
    assert dialog.textFormat() == Qt.TextFormat.PlainText
    assert "https://www.gov.uk/guidance" in dialog.text()
    assert browser.opened == []  # nothing yet: the question is on screen
    dialog.button(QMessageBox.StandardButton.Cancel).click()
    assert browser.opened == []

    _click_text(qtbot, preview, "the guidance")
    preview.link_dialog.button(QMessageBox.StandardButton.Open).click()
    assert browser.opened == ["https://www.gov.uk/guidance"]
    assert preview.toPlainText() == "Read the guidance today."  # never navigated


def test_other_schemes_never_open_even_when_clicked(qtbot, preview, browser):
    for url in ("file:///etc/passwd", "/dev/zero", "javascript:alert(1)", "qrc:/x",
                "https://", "ftp://example.org/x"):
        assert not is_openable(QUrl(url)), url
        preview.anchorClicked.emit(QUrl(url))  # as if such a link had got through
        assert preview.link_dialog is None
    assert browser.opened == []
    assert is_openable(QUrl("mailto:mentor@example.org"))


# -- typing never waits for the preview (issue 10, case 6) ----------------------------------------
def test_long_text_renders_on_a_worker_and_only_the_latest_text_is_shown(qtbot, preview):
    preview.set_markdown("Short *text*")  # short text is rendered at once
    assert not preview.rendering and preview.toPlainText() == "Short text"
    nested = "1. " * 3_000 + "first"  # python-markdown spends most of a second on this
    preview.set_markdown(nested)
    assert len(nested) > SYNC_CHARS
    assert preview.rendering and preview.toPlainText() == "Short text"  # not on this thread
    latest = "word " * 1_000 + "latest"
    preview.set_markdown(latest)  # typed on while the first render runs
    qtbot.waitUntil(lambda: not preview.rendering, timeout=20_000)
    assert wait_for_workers(20_000)
    qtbot.wait(50)  # the stale result, if any, has been delivered by now and dropped
    assert preview.toPlainText().endswith("latest") and "first" not in preview.toPlainText()


def test_the_preview_renders_at_most_a_bounded_prefix_with_a_note():
    text = "paragraph words\n" * (MAX_PREVIEW_CHARS // 8)
    page = preview_html(text)
    assert f"of {len(text):,} characters" in page
    assert page.count("paragraph words") < MAX_PREVIEW_CHARS // 10
    assert preview_html("a *b*") == "<p>a <em>b</em></p>"


def test_deeply_nested_input_renders_flat_in_the_preview(qtbot, preview):
    preview.set_markdown("\n".join("    " * level + f"- item{level}" for level in range(150)))
    qtbot.waitUntil(lambda: not preview.rendering, timeout=20_000)
    assert "item149" in preview.toPlainText()
    deepest, block = 0, preview.document().begin()
    while block.isValid():
        if block.textList() is not None:
            deepest = max(deepest, block.textList().format().indent())
        block = block.next()
    assert 0 < deepest <= 8
