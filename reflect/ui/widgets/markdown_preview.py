"""The live Markdown preview: a QTextBrowser that can show entry text and nothing else.

Qt's rich-text widgets load whatever a document names (``<img src="/dev/zero">`` reads a
device file until memory runs out) and a browser follows links by itself. So this preview:

* only ever receives :func:`reflect.common.markdown_render.render_markdown` output (escaped
  raw HTML, no images, links only to http, https and mailto);
* answers every resource request with nothing, and remembers the request, so a test can prove
  no file was asked for;
* never navigates: a click on a link asks the user first, and only then hands an
  http/https/mailto URL to the desktop's browser or mail program;
* never stalls typing: text longer than :data:`SYNC_CHARS` is rendered on a worker thread
  (python-markdown can take most of a second on deeply nested input, and 200 ms on a
  12,000-word entry), a result for text that has since changed is dropped, and only the first
  :data:`MAX_PREVIEW_CHARS` characters are rendered at all, with a note saying so.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

from reflect.common.markdown_render import ALLOWED_URL_SCHEMES, render_markdown
from reflect.ui.workers import run_in_thread

SYNC_CHARS = 2_000  # rendered at once: a few tens of milliseconds whatever the nesting
MAX_PREVIEW_CHARS = 100_000  # about 15,000 words; the rest is saved but not previewed


def preview_html(text: str) -> str:
    """The preview's HTML for ``text``: at most :data:`MAX_PREVIEW_CHARS` of it (cut at a line
    break where there is one), then a note that the rest is not shown. No Qt: runs anywhere."""
    if len(text) <= MAX_PREVIEW_CHARS:
        return render_markdown(text)
    cut = text.rfind("\n", MAX_PREVIEW_CHARS // 2, MAX_PREVIEW_CHARS)
    cut = cut if cut > 0 else MAX_PREVIEW_CHARS
    return render_markdown(text[:cut]) + (
        f"<p><em>The preview shows the first {cut:,} of {len(text):,} characters; the whole "
        "entry is kept.</em></p>")


def is_openable(url: QUrl) -> bool:
    """Only web and mail links ever leave the app; everything else is inert text."""
    return url.isValid() and url.scheme().lower() in ALLOWED_URL_SCHEMES and (
        url.scheme().lower() == "mailto" or bool(url.host()))


def _plain_page(text: str) -> str:
    """The words as escaped text, should rendering ever fail."""
    shown = html.escape(text[:MAX_PREVIEW_CHARS], quote=False)
    return "<p>" + shown.replace("\n", "<br>") + "</p>"


class MarkdownPreview(QTextBrowser):
    """Read-only rendering of sanitised Markdown that loads nothing and opens nothing alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Preview")
        self.setAccessibleDescription("How the entry text looks when formatted")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setPlaceholderText("The formatted entry appears here as you type.")
        #: Every (resource type, URL) Qt asked for; it always got nothing back.
        self.resource_requests: list[tuple[int, str]] = []
        #: The link confirmation currently on screen, if any (tests answer it).
        self.link_dialog: QMessageBox | None = None
        self._markdown = ""
        self._generation = 0  # counts texts asked for; only the latest one's result is shown
        #: True while a worker renders the latest text (the old rendering stays on screen).
        self.rendering = False
        self.anchorClicked.connect(self._link_clicked)
        self._restyle()

    # -- content -------------------------------------------------------------------------------
    def set_markdown(self, text: str) -> None:
        """Show ``text`` rendered; the scroll position is kept so live typing does not jump."""
        if text == self._markdown:
            return
        self._markdown = text
        self._render()

    def _render(self) -> None:
        """Render the current text: at once when short, else on a worker thread."""
        self._generation += 1
        generation, text = self._generation, self._markdown
        if len(text) <= SYNC_CHARS:
            self._show(generation, preview_html(text))
            return
        self.rendering = True
        run_in_thread(lambda: preview_html(text),
                      on_success=lambda page: self._show(generation, page),
                      on_failure=lambda _exc: self._show(generation, _plain_page(text)),
                      owner=self)

    def _show(self, generation: int, page: str) -> None:
        if generation != self._generation:
            return  # the text changed while this was rendered: a newer result is coming
        self.rendering = False
        bar = self.verticalScrollBar()
        position = bar.value()
        self.setHtml(page)
        bar.setValue(min(position, bar.maximum()))

    def markdown(self) -> str:
        return self._markdown

    def loadResource(self, resource_type: int, name: QUrl | str) -> Any:
        """Nothing is ever loaded: no files, no network, no images, no style sheets."""
        url = name.toString() if isinstance(name, QUrl) else str(name)
        self.resource_requests.append((int(resource_type), url))
        return None

    def doSetSource(self, *_args: Any) -> None:
        """Never navigate to another document, whatever asks."""

    # -- links ---------------------------------------------------------------------------------
    def _link_clicked(self, url: QUrl) -> None:
        if not is_openable(url):
            return
        dialog = QMessageBox(self)
        dialog.setIcon(QMessageBox.Icon.Question)
        dialog.setWindowTitle("Open link")
        dialog.setTextFormat(Qt.TextFormat.PlainText)
        dialog.setText(f"Open this link outside Reflect?\n\n{url.toString()}")
        dialog.setStandardButtons(QMessageBox.StandardButton.Open
                                  | QMessageBox.StandardButton.Cancel)
        dialog.setDefaultButton(QMessageBox.StandardButton.Cancel)
        dialog.finished.connect(lambda result: self._link_answered(url, result))
        dialog.finished.connect(dialog.deleteLater)
        self.link_dialog = dialog
        dialog.open()

    def _link_answered(self, url: QUrl, result: int) -> None:
        self.link_dialog = None
        if result == QMessageBox.StandardButton.Open and is_openable(url):
            QDesktopServices.openUrl(url)

    # -- looks ---------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._restyle()
        super().changeEvent(event)

    def _restyle(self) -> None:
        """Spacing and link colour from the palette, so the preview reads in dark mode too."""
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        link = "#8ab4f8" if dark else palette.color(QPalette.ColorRole.Link).name()
        rule = palette.color(QPalette.ColorRole.PlaceholderText).name()
        self.document().setDefaultStyleSheet(
            f"a {{ color: {link}; }}"
            "p, li { line-height: 130%; }"
            "h1, h2, h3 { margin-top: 10px; margin-bottom: 4px; }"
            f"blockquote {{ color: {rule}; margin-left: 12px; }}"
            "pre, code { font-family: monospace; }"
            "th, td { padding: 3px 6px; }"
        )
        self.document().setDocumentMargin(10)
        if self._markdown:
            self._render()
