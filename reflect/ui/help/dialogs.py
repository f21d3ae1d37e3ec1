"""Help > About Reflect and Help > Using Reflect.

About says what a person or their IT team needs to know without opening the journal: the
version, the licence, where the journal, its backups, the settings and the log live, the
third-party notices (plain text, never read as HTML) and a button that copies diagnostic
information (versions and folders, no content; see diagnostics.py). The help page is
``resources/help.md`` rendered through the journal's own sanitiser.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reflect import __version__
from reflect.common.markdown_render import render_markdown
from reflect.common.paths import resources_dir
from reflect.ui.help.diagnostics import diagnostic_text, where_things_live
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.feedback import hint_label, plain_label

LICENCE = "MIT"
NOTICES_NAME = "THIRD_PARTY_NOTICES.md"
LICENSE_NAME = "LICENSE"


def shipped_text(name: str) -> str | None:
    """A file from the wheel's ``reflect/resources`` or, in a checkout, the repository root."""
    for folder in (resources_dir(), resources_dir().parent):
        path = folder / name
        if path.is_file():
            return path.read_text(encoding="utf-8", errors="replace")
    return None


class TextDialog(QDialog):
    """A long text shown as it is: plain, read-only, selectable."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.view = QPlainTextEdit()
        self.view.setReadOnly(True)
        self.view.setPlainText(text)
        self.view.setAccessibleName(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(640, 560)


class AboutDialog(QDialog):
    def __init__(self, journal_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Reflect")
        self.journal_folder = Path(journal_folder)
        self.text_dialog: TextDialog | None = None
        title = heading(f"Reflect {__version__}")
        intro = plain_label("An encrypted reflective journal for leaders in children's social "
                            f"care. Free software under the {LICENCE} licence.")
        where = "\n".join(f"{name}: {folder}"
                          for name, folder in where_things_live(self.journal_folder))
        self.where_label = plain_label(where, selectable=True)
        self.where_label.setAccessibleName("Where Reflect keeps its files")
        self.copied_label = hint_label()

        self.notices_button = QPushButton("Third-party notices…")
        self.notices_button.clicked.connect(self.show_notices)
        self.notices_button.setEnabled(shipped_text(NOTICES_NAME) is not None)
        self.licence_button = QPushButton("Licence…")
        self.licence_button.clicked.connect(self.show_licence)
        self.licence_button.setEnabled(shipped_text(LICENSE_NAME) is not None)
        self.copy_button = QPushButton("Copy diagnostic information")
        self.copy_button.setToolTip("Versions and folders for a support request; nothing "
                                    "from your journal")
        self.copy_button.clicked.connect(self.copy_diagnostics)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.licence_button, self.notices_button, self.copy_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (title, intro, self.where_label, self.copied_label, buttons):
            layout.addWidget(widget)

    def copy_diagnostics(self) -> None:
        QGuiApplication.clipboard().setText(diagnostic_text(self.journal_folder))
        self.copied_label.setText("Copied: versions and folders only, nothing from your "
                                  "journal. Paste it into your message to support.")

    def show_notices(self) -> None:
        self._show_text("Third-party notices", NOTICES_NAME)

    def show_licence(self) -> None:
        self._show_text("Licence", LICENSE_NAME)

    def _show_text(self, title: str, name: str) -> None:
        text = shipped_text(name)
        if text is None:
            return
        self.text_dialog = TextDialog(title, text, self)
        self.text_dialog.show()


class HelpDialog(QDialog):
    """Markdown and keyboard shortcuts, from ``resources/help.md``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Using Reflect")
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.setOpenExternalLinks(False)
        self.view.setAccessibleName("Using Reflect")
        text = shipped_text("help.md") or "# Using Reflect\n\nThe help page is missing."
        self.view.setHtml(render_markdown(text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(620, 640)
