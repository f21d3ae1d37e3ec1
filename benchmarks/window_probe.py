"""Drive the real window over a benchmark journal and time what the user waits for.

Run by ``scale_bench.py`` in its own process (so that its peak memory is the window's):

    python benchmarks/window_probe.py JOURNAL_FOLDER --runs 3 --scroll-budget 120

Offscreen (``QT_QPA_PLATFORM=offscreen``), with the real :class:`MainWindow`, its pages and
widgets, and real key events sent with ``QTest``. Every wait is "until it is painted": a
filter on the widget the user looks at notes the first paint at which the awaited state
holds, and the clock stops when that paint has finished. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import bench

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

CTRL = Qt.KeyboardModifier.ControlModifier
TYPED_QUERY = bench.COMMON
SEARCHES = {"a common word": bench.COMMON, "a three-word query": "supervision team practice",
            "a phrase": '"agreed way forward"'}
TIMEOUT = 120.0


class Failed(RuntimeError):
    """The window did not reach the awaited state: the benchmark cannot go on."""


def peak_rss_mb() -> float:
    """This process's own peak resident memory. On Linux ``ru_maxrss`` keeps the parent's
    peak across fork and exec (the benchmark's parent held the generated 100,000 entries), so
    the memory map's own high-water mark is read instead."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def rss_now_mb() -> float:
    """Resident memory now (Linux); 0 where /proc is not there."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class PaintWatch(QObject):
    """Notes a paint of ``widget`` at which ``condition()`` holds."""

    def __init__(self, widget: QWidget, condition: Callable[[], bool]) -> None:
        super().__init__()
        self.widget, self.condition, self.seen = widget, condition, False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = bool(self.condition())
        return False

    def close(self) -> None:
        self.widget.removeEventFilter(self)


class AnyPaintWatch(QObject):
    """Notes a paint of any widget inside ``root()`` (once there is one) at which
    ``condition()`` holds: for a screen that does not exist yet when the key is pressed."""

    def __init__(self, root: Callable[[], QWidget | None], condition: Callable[[], bool]) -> None:
        super().__init__()
        self.root, self.condition, self.seen = root, condition, False
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.seen and isinstance(watched, QWidget):
            root = self.root()
            if root is not None and (watched is root or root.isAncestorOf(watched)):
                self.seen = bool(self.condition())
        return False

    def close(self) -> None:
        QApplication.instance().removeEventFilter(self)


def until_painted(widget: QWidget, condition: Callable[[], bool], start: float,
                  what: str) -> float:
    """Seconds from ``start`` until a paint of ``widget`` showing ``condition`` finished."""
    watch = PaintWatch(widget, condition)
    try:
        if condition():
            widget.update()  # the state may already be there; the paint must still happen
        while not watch.seen:
            QApplication.processEvents()
            if time.perf_counter() - start > TIMEOUT:
                raise Failed(f"{what}: not painted within {TIMEOUT:.0f} s")
        return time.perf_counter() - start
    finally:
        watch.close()


def wait_for(condition: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
    end = time.perf_counter() + timeout
    while not condition():
        QApplication.processEvents()
        if time.perf_counter() > end:
            raise Failed(f"{what}: not reached within {timeout:.0f} s")


def settle(ms: int = 50) -> None:
    QTest.qWait(ms)


def one(parent: QWidget, kind: type, name: str | None = None):
    """The one visible child of ``kind`` (with accessible name ``name``), or a clear error."""
    found = [w for w in parent.findChildren(kind)
             if w.isVisible() and (name is None or w.accessibleName() == name)]
    if not found:
        raise Failed(f"no visible {kind.__name__} {name or ''} in {type(parent).__name__}")
    return found[0]


def attribute(owner: object, name: str):
    if not hasattr(owner, name):
        raise Failed(f"{type(owner).__name__} has no '{name}': the benchmark needs updating")
    return getattr(owner, name)


class Probe:
    def __init__(self, folder: Path, runs: int, scroll_budget: float) -> None:
        import keyring

        from reflect.common.settings import Settings
        from reflect.ui.app import set_identity
        from reflect.ui.main_window import MainWindow

        keyring.set_keyring(_MemoryKeyring())  # offscreen there is no system keychain
        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        set_identity(self.app)
        self.runs, self.budget = runs, scroll_budget
        self.window = MainWindow(folder, settings=Settings())
        self.window.resize(1200, 800)
        self.window.show()
        QTest.qWaitForWindowExposed(self.window)
        settle(200)
        self.out: dict[str, object] = {}

    # -- unlock ----------------------------------------------------------------------------
    def home_shown(self) -> bool:
        shell = self.window.shell
        if shell is None or not shell.isVisible():
            return False
        return attribute(shell, "current_page_name") == "Home"

    def unlock_once(self) -> float:
        self.unlock_parts: dict[str, float] = {}
        view = self.window.unlock_view
        edit = one(view, QLineEdit, "Passphrase")
        wait_for(lambda: view.isVisible() and edit.isEnabled(), "the unlock screen")
        settle(100)  # the remembered-key look-up at start has finished
        edit.setFocus()
        edit.clear()
        QTest.keyClicks(edit, bench.PASSPHRASE)
        # The shell does not exist yet: watch every paint inside it once it does.
        watch = AnyPaintWatch(lambda: self.window.shell, self.home_shown)
        try:
            start = time.perf_counter()
            QTest.keyClick(edit, Qt.Key.Key_Return)
            while not watch.seen:
                QApplication.processEvents()
                if self.window.shell is not None and "shell_s" not in self.unlock_parts:
                    self.unlock_parts["shell_s"] = time.perf_counter() - start
                if time.perf_counter() - start > TIMEOUT:
                    raise Failed(f"Home not painted within {TIMEOUT:.0f} s of unlocking")
            return time.perf_counter() - start
        finally:
            watch.close()

    def lock(self) -> None:
        self.window.lock()
        wait_for(lambda: self.window.is_locked, "locked")
        settle(100)

    def measure_unlock(self) -> None:
        times, shells = [], []
        for i in range(self.runs):
            times.append(self.unlock_once())
            shells.append(self.unlock_parts.get("shell_s", times[-1]))
            if i < self.runs - 1:
                self.lock()
        self.out["unlock_s"] = statistics.median(times)
        self.out["unlock_shell_s"] = statistics.median(shells)  # Enter → the shell is built
        settle(300)
        self.out["rss_after_unlock_mb"] = peak_rss_mb()
        self.out["rss_now_after_unlock_mb"] = rss_now_mb()

    # -- the Journal page ------------------------------------------------------------------
    def journal_page(self) -> QWidget:
        shell = self.window.shell
        QTest.keyClick(self.window, Qt.Key.Key_2, CTRL)  # Ctrl+2: the second page, Journal
        settle(50)
        if attribute(shell, "current_page_name") != "Journal":
            shell.show_page("Journal")
        wait_for(lambda: shell.current_page_name == "Journal", "the Journal page")
        page = shell.stack.currentWidget()
        settle(200)
        return page

    def entry_list(self, page: QWidget) -> QAbstractItemView:
        return one(page, QAbstractItemView, "Entries")  # a list or a one-column table

    def measure_save(self, page: QWidget) -> None:
        entries = self.entry_list(page)
        title_edit = one(page, QLineEdit, "Title")  # found as a screen reader finds them
        body_edit = one(page, QWidget, "Entry text")
        if not isinstance(body_edit, (QPlainTextEdit, QTextEdit)):
            raise Failed("the editor's 'Entry text' is not a text edit")
        times = []
        for run in range(self.runs):
            QTest.keyClick(self.window, Qt.Key.Key_N, CTRL)  # a new entry
            settle(100)
            title = f"Benchmark save {run} {time.time_ns()}"
            title_edit.setFocus()
            QTest.keyClicks(title_edit, title)
            body_edit.setFocus()
            QTest.keyClicks(body_edit, "A short reflection typed in the benchmark. " * 3)
            settle(50)

            def shown(title=title) -> bool:
                index = entries.model().index(0, 0)
                return title in str(index.data(Qt.ItemDataRole.DisplayRole) or "")

            start = time.perf_counter()
            QTest.keyClick(body_edit, Qt.Key.Key_S, CTRL)
            times.append(until_painted(entries.viewport(), shown, start, "the saved entry"))
            settle(300)  # the queued re-read after the write is not the user's wait here
        self.out["save_s"] = statistics.median(times)

    # -- scrolling -------------------------------------------------------------------------
    def page_down(self, entries: QAbstractItemView, fraction: float, label: str) -> float:
        """Put the list at ``fraction`` of its length and time one Page Down on its scroll bar
        until painted; with a list that loads as it goes, the page below the last loaded."""
        bar = entries.verticalScrollBar()
        model = entries.model()
        total = self.total
        deadline = time.perf_counter() + self.budget
        # A list that loads as it goes is loaded to just short of the fraction (two pages
        # short at the end, so that there is still one to load); one that knows its length
        # jumps there.
        while (model.rowCount() + 200 < fraction * total and model.canFetchMore(QModelIndex())
               and time.perf_counter() < deadline):
            bar.setValue(bar.maximum())
            QApplication.processEvents()
        reached = not (model.rowCount() + 200 < fraction * total
                       and model.canFetchMore(QModelIndex()))
        below = bar.maximum() - bar.pageStep() // 2  # Page Down from here reaches the bottom
        loads_more = model.canFetchMore(QModelIndex())
        bar.setValue(max(0, below if loads_more else min(round(fraction * bar.maximum()), below)))
        settle(100)
        before = bar.value()
        start = time.perf_counter()
        QTest.keyClick(bar, Qt.Key.Key_PageDown)
        elapsed = until_painted(entries.viewport(), lambda: bar.value() != before, start,
                                f"a page down at {label}")
        top = entries.indexAt(QPoint(4, 4)).row()  # the first row shown after the press
        self.out.setdefault("page_rows", {})[label] = top  # type: ignore[index]
        if not reached:
            self.out.setdefault("page_short", []).append(label)  # type: ignore[union-attr]
        return elapsed

    def measure_scrolling(self, page: QWidget) -> None:
        entries = self.entry_list(page)
        model = entries.model()
        self.total = int(self.window.journal.count_entries())
        pages = {}
        for fraction, label in ((0.0, "the start"), (1 / 3, "a third"), (1.0, "the end")):
            pages[label] = self.page_down(entries, fraction, label)
        self.out["page_s"] = pages
        # The whole list: End on the scroll bar until the last entry is shown.
        model_reload = getattr(model, "reload", None)
        if callable(model_reload):
            model_reload()  # back to the first page, as after opening the page
        bar = entries.verticalScrollBar()
        bar.setValue(0)
        settle(200)

        def at_the_end() -> bool:
            return (bar.value() == bar.maximum() and not model.canFetchMore(QModelIndex())
                    and model.rowCount() > 0)

        presses, start = 0, time.perf_counter()
        deadline = start + self.budget
        while True:
            presses += 1
            QTest.keyClick(bar, Qt.Key.Key_End)
            until_painted(entries.viewport(), lambda: True, time.perf_counter(), "End")
            if at_the_end() or time.perf_counter() > deadline:
                break
        elapsed = time.perf_counter() - start
        finished = at_the_end()
        self.out["scroll"] = {"seconds": elapsed, "finished": finished, "presses": presses,
                              "rows": model.rowCount(), "total": self.total}
        last = model.index(model.rowCount() - 1, 0)
        if finished and not entries.visualRect(last).intersects(entries.viewport().rect()):
            raise Failed("scrolled to the end but the last entry is not shown")
        settle(300)
        self.out["rss_after_scroll_mb"] = peak_rss_mb()
        self.out["rss_now_after_scroll_mb"] = rss_now_mb()

    # -- search ----------------------------------------------------------------------------
    def measure_typed_query(self) -> None:
        QTest.keyClick(self.window, Qt.Key.Key_F, CTRL)
        wait_for(lambda: any(d.isVisible() for d in self.window.findChildren(QDialog)),
                 "the search box")
        dialog = next(d for d in self.window.findChildren(QDialog) if d.isVisible())
        box = one(dialog, QLineEdit, "Search")
        results = one(dialog, QAbstractItemView, "Results")  # a QListWidget today; any list view

        def shown() -> int:
            return results.model().rowCount()

        times = []
        for _ in range(self.runs):
            box.setFocus()
            box.selectAll()
            QTest.keyClick(box, Qt.Key.Key_Backspace)
            wait_for(lambda: shown() == 0, "results cleared")
            settle(400)
            QTest.keyClicks(box, TYPED_QUERY[:-1])
            start = time.perf_counter()  # from the last key: the typing delay is included
            QTest.keyClick(box, TYPED_QUERY[-1])
            times.append(until_painted(results.viewport(), lambda: shown() > 0, start,
                                       "search results"))
        self.out["typed_query_s"] = statistics.median(times)
        dialog.reject()
        settle(100)

    def measure_searches(self) -> None:
        journal = self.window.journal
        found = {}
        for label, query in SEARCHES.items():
            result = journal.search(query)
            times = []
            for _ in range(max(self.runs, 5)):
                start = time.perf_counter()
                journal.search(query)
                times.append(time.perf_counter() - start)
            found[label] = {"query": query, "seconds": statistics.median(times),
                            "total": result.total,
                            "capped": bool(getattr(result, "capped", False))}
        self.out["search"] = found

    def run(self) -> dict[str, object]:
        self.measure_unlock()
        page = self.journal_page()
        self.measure_save(page)
        self.measure_scrolling(page)
        self.measure_typed_query()
        self.measure_searches()
        self.out["peak_rss_mb"] = peak_rss_mb()
        self.window.close()
        return self.out


class _MemoryKeyring:
    """Stands in for the system keychain, which an offscreen session does not have."""

    def __new__(cls):
        from keyring.backend import KeyringBackend

        class Memory(KeyringBackend):
            priority = 1  # type: ignore[assignment]

            def __init__(self) -> None:
                super().__init__()
                self.store: dict[tuple[str, str], str] = {}

            def get_password(self, service, username):
                return self.store.get((service, username))

            def set_password(self, service, username, password):
                self.store[(service, username)] = password

            def delete_password(self, service, username):
                self.store.pop((service, username), None)

        return Memory()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("journal", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scroll-budget", type=float, default=120.0)
    args = parser.parse_args(argv)
    try:
        out = Probe(args.journal, args.runs, args.scroll_budget).run()
    except Failed as exc:
        print(f"window benchmark: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
