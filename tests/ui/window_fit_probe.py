"""Open the real window at one scale factor and say, as JSON, whether it fits and what clips.

Run as a subprocess, because Qt reads ``QT_SCALE_FACTOR`` once, before the QApplication
starts: ``test_window_fit.py`` runs it once per factor with the offscreen platform and a
screen of the size a council laptop has (``offscreen:configfile=…``)::

    QT_QPA_PLATFORM=offscreen:configfile=screen.json QT_SCALE_FACTOR=2 \\
        python tests/ui/window_fit_probe.py [PNG_DIR]

It builds the demo journal, opens the window as ``run_app`` does (``show()``), visits every
page and the lock screen at the opening size, maximised and at the window's minimum size,
and writes a PNG of each to PNG_DIR if given. A widget "clips" when it is narrower or shorter
than it needs for its text (buttons, date boxes and one-line labels below their size hint, wrapped
labels below their height for the width), or when an ancestor cuts it off without a scroll
bar to reach the rest (the window edge, a parent too small).
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 20)


def _scroll_area(widget):
    """The scroll area whose viewport ``widget`` is, or None."""
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = widget.parentWidget()
    if isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget:
        return parent
    return None


def _cut_off(widget, window) -> bool:
    """An ancestor (up to the window, or the nearest scroll area) hides part of it."""
    from PySide6.QtCore import QPoint, QRect, Qt

    shown = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    full = QRect(shown)
    ancestor = widget.parentWidget()
    while ancestor is not None:
        edge = QRect(ancestor.mapTo(window, QPoint(0, 0)), ancestor.size())
        area = _scroll_area(ancestor)
        if area is not None:  # what it hides can be scrolled to, unless that bar is off
            off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            if area.horizontalScrollBarPolicy() != off:
                edge.setLeft(-10**6), edge.setRight(10**6)
            if area.verticalScrollBarPolicy() != off:
                edge.setTop(-10**6), edge.setBottom(10**6)
        shown = shown.intersected(edge)
        if ancestor is window or area is not None:
            break
        ancestor = ancestor.parentWidget()
    return shown.width() < full.width() - 1 or shown.height() < full.height() - 1


def _needs(widget) -> tuple[int, int] | None:
    """The size the widget needs to show its text whole, or None if it has none to show."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QLabel, QLineEdit

    from reflect.ui.widgets.date_box import DateBox

    if isinstance(widget, QLabel):
        if not widget.text().strip():
            return None
        if widget.wordWrap():
            width = widget.width()
            return widget.minimumSizeHint().width(), widget.heightForWidth(width)
        hint = widget.sizeHint()
        return hint.width(), hint.height()
    if isinstance(widget, QAbstractButton):
        if not widget.text() or isinstance(widget.parent(), QLineEdit):
            return None  # an icon inside a line edit (a date box's calendar): it places them
        hint = widget.sizeHint()
        return hint.width(), hint.height()
    if isinstance(widget, QAbstractSpinBox | DateBox):  # the whole date and its button
        hint = widget.sizeHint()
        return hint.width(), hint.height()
    if isinstance(widget, QLineEdit):  # text scrolls inside; the box must not be squashed
        hint = widget.minimumSizeHint()
        return hint.width(), hint.height()
    return None


def _describe(widget) -> str:
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

    text = ""
    if isinstance(widget, QAbstractButton | QLabel):
        text = widget.text()
    elif isinstance(widget, QLineEdit):
        text = widget.placeholderText()
    name = widget.accessibleName() or widget.objectName()
    return f"{type(widget).__name__} {name!r} {text[:40]!r}"


def clipped(window) -> list[str]:
    """Every visible text widget of the window that does not show its text whole."""
    from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QWidget

    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.window() is not window:
            continue
        if any(isinstance(a, QAbstractItemView | QAbstractSpinBox)
               for a in _ancestors(widget, window)):
            continue  # editors in lists, a date box's own line: their owner is checked
        needs = _needs(widget)
        if needs is None:
            continue
        width, height = needs
        short = widget.width() < width - 1 or (height > 0 and widget.height() < height - 1)
        if short or _cut_off(widget, window):
            why = (f"{widget.width()}x{widget.height()} < {width}x{height}" if short
                   else "cut off")
            found.append(f"{_describe(widget)}: {why}")
    return found


def _ancestors(widget, window):
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        yield parent
        parent = parent.parentWidget()


def _rect(rect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def main(out: Path | None) -> int:
    from PySide6.QtWidgets import QApplication

    from reflect.common.settings import Settings
    from reflect.ui.app import open_demo_window, set_identity
    from reflect.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    set_identity(app)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)

    def shoot(window, name: str) -> None:
        if out is not None:
            window.grab().save(str(out / f"{name}.png"))
    report: dict[str, object] = {}

    def settle() -> None:
        for _ in range(6):
            app.processEvents()

    with tempfile.TemporaryDirectory(prefix="reflect-fit-") as temp:
        window = open_demo_window(Path(temp) / "journal", today=TODAY, settings=Settings())
        window.show()
        settle()
        screen = window.screen()
        available = screen.availableGeometry()
        frame = window.frameGeometry()
        report["available"] = _rect(available)
        report["frame"] = _rect(frame)
        report["fits"] = available.contains(frame)
        minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
        report["minimum"] = [minimum.width(), minimum.height()]
        shell = window.shell
        records = [e for e in window.journal.list_summaries(limit=50) if e.kind == "supervision"]
        problems: dict[str, list[str]] = {}

        def visit(size_name: str) -> None:
            settle()
            for name in shell.page_names:
                shell.show_page(name)
                if name == "Journal":
                    page = shell.page("Journal")
                    page.list_view.setCurrentIndex(page.model.index(0, 0))
                elif name == "Supervision" and records:
                    shell.open_entry(records[0].entry_id)
                settle()
                key = f"{size_name}/{name}"
                problems[key] = clipped(window)
                shoot(window, f"{size_name}-{name.lower()}")

        visit("opening")
        window.showMaximized()
        visit("maximised")
        window.showNormal()
        settle()
        window.resize(window.minimumSize())
        visit("minimum")
        report["minimum_frame"] = [window.frameGeometry().width(),
                                   window.frameGeometry().height()]
        window.lock()
        settle()
        problems["minimum/Locked"] = clipped(window)
        shoot(window, "minimum-locked")
        window.close()
        first = MainWindow(Path(temp) / "new", settings=Settings())  # the first run
        first.show()
        settle()
        report["first_frame"] = _rect(first.frameGeometry())
        report["first_fits"] = available.contains(first.frameGeometry())
        problems["opening/Create"] = clipped(first)
        shoot(first, "opening-create")
        first.resize(first.minimumSize())
        settle()
        problems["minimum/Create"] = clipped(first)
        shoot(first, "minimum-create")
        first.close()
        report["clipped"] = {key: found for key, found in problems.items() if found}
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
