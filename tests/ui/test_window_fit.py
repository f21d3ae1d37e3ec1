"""The window fits the screen at 100 %, 150 % and 200 % scaling, and scrolls rather than clips.

Qt reads ``QT_SCALE_FACTOR`` once, before the QApplication exists, so each factor runs
``window_fit_probe.py`` in its own process on an offscreen screen of a council laptop's size
(1366×768, and 1920×1080 at 200 %: 960×540 logical; the unit test below covers 1366×768
at 200 %, 683×384). The probe opens the real demo window,
visits every page at the opening size, maximised and at the minimum size, and lists every
button, label, date box and line edit that does not show its text whole. The processes run
side by side to keep this quick.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMargins, QRect, QSize

from reflect.ui import window_fit

PROBE = Path(__file__).with_name("window_fit_probe.py")
ROOT = Path(__file__).resolve().parents[2]
#: 100 % and 150 % on a 1366×768 laptop (911×512 logical), 200 % on 1920×1080 (960×540).
CASES = [(1366, 768, "1"), (1366, 768, "1.5"), (1920, 1080, "2")]


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[tuple[int, int, str], dict]:
    """Each case's report, the probes run side by side (PNGs: run the probe by hand)."""
    base = tmp_path_factory.mktemp("fit")
    running = {}
    for width, height, factor in CASES:
        case = base / f"{width}x{height}-{factor}"
        (case / "config").mkdir(parents=True)
        screen = case / "screen.json"
        screen.write_text(json.dumps({"screens": [{
            "name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1.0}]}))
        env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
               "QT_SCALE_FACTOR": factor, "XDG_CONFIG_HOME": str(case / "config"),
               "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
        running[(width, height, factor)] = subprocess.Popen(
            [sys.executable, str(PROBE)], env=env, cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    found = {}
    for key, process in running.items():
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        found[key] = json.loads(out.strip().splitlines()[-1])
    return found


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}x{c[1]}@{c[2]}")
def test_the_window_opens_within_the_screen(reports, case):
    report = reports[case]
    available = QRect(*report["available"])
    assert QRect(*report["frame"]).isValid() and report["fits"], report
    assert report["first_fits"], report  # the first run (Create your journal) too
    width, height = report["minimum"]  # and it can be made no bigger than the screen
    assert width <= available.width() and height <= available.height()


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}x{c[1]}@{c[2]}")
def test_no_text_is_cut_at_any_size_only_scrolled_to(reports, case):
    """Opening size, maximised and the smallest the window goes: "Hide preview", "Move to
    trash" and "17/11/2026" whole on every page, wrapped labels as tall as their text."""
    assert reports[case]["clipped"] == {}


def test_a_saved_geometry_is_used_only_if_it_still_fits():
    laptop = QRect(0, 0, 683, 384)  # 1366x768 at 200 %
    frame = QMargins(8, 36, 8, 8)
    monitor_size = QRect(100, 100, 1400, 900)  # saved on a big monitor
    placed = window_fit.choose_geometry(laptop, QSize(900, 600), monitor_size, frame)
    assert laptop.contains(placed.marginsAdded(frame))
    assert placed.size() == QSize(667, 340)
    kept = QRect(40, 60, 500, 300)
    assert window_fit.choose_geometry(laptop, QSize(900, 600), kept, frame) == kept
    assert window_fit.fitting_minimum(laptop, QSize(560, 420), frame) == QSize(560, 340)


def test_the_geometry_is_kept_between_runs(qtbot, tmp_path, cheap):
    from reflect.common.settings import Settings
    from reflect.ui.main_window import MainWindow

    window = MainWindow(tmp_path / "journal", kdf_params=cheap, settings=Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window._placed)
    window.setGeometry(QRect(30, 50, 610, 450))
    window.close()
    assert window_fit.load_placement() == window_fit.Placement(30, 50, 610, 450)
    again = MainWindow(tmp_path / "journal", kdf_params=cheap, settings=Settings())
    qtbot.addWidget(again)
    assert again.geometry() == QRect(30, 50, 610, 450)
    (window_fit.config_dir() / window_fit.GEOMETRY_NAME).write_text("{not json")
    assert window_fit.load_placement() is None


def test_tab_to_a_button_off_the_edge_scrolls_it_into_view(qtbot, tmp_path, cheap):
    """At the smallest size the Journal page is wider than the window: Tab to "Move to
    trash" and "Save" brings each into view, whole; back to "Hide preview", Space presses it."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtWidgets import QScrollArea

    from reflect.common.settings import Settings
    from reflect.ui.app import open_demo_window

    window = open_demo_window(tmp_path / "journal", kdf_params=cheap, settings=Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.resize(window.minimumSize())
    window.shell.show_page("Journal")
    page = window.shell.page("Journal")
    page.list_view.setCurrentIndex(page.model.index(0, 0))
    form = page.editor  # the entry form itself
    qtbot.wait(20)
    area = window.shell.findChild(QScrollArea, "pageScroll")
    viewport = area.viewport()

    def shown_whole(button) -> bool:
        corner = button.mapTo(viewport, QPoint(0, 0))
        return (QRect(corner, button.size()).intersected(viewport.rect()).size()
                == button.size() and button.width() >= button.sizeHint().width())

    assert not shown_whole(form.save_button)  # off the right-hand edge, as the page scrolls
    form.sensitive_box.setFocus()
    for button in (form.preview_button, form.trash_button, form.save_button):
        while not button.hasFocus():
            qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        assert shown_whole(button), button.text()
    qtbot.keyClick(form.save_button, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(form.trash_button, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert form.preview_button.hasFocus() and shown_whole(form.preview_button)
    qtbot.keyClick(form.preview_button, Qt.Key.Key_Space)
    assert form.preview.isHidden()  # "Hide preview" pressed
    qtbot.wait(20)
    assert form.preview_button.width() >= form.preview_button.sizeHint().width()  # "Show…"



def test_a_record_scrolls_inside_itself_not_with_its_page_too(qtbot, tmp_path, cheap):
    """Two scroll bars side by side (the page's around the record's) came from the page
    stack answering for its tallest page, the supervisee view, not the record on show."""
    from datetime import date

    from PySide6.QtWidgets import QScrollArea

    from reflect.common.settings import Settings
    from reflect.ui.app import open_demo_window

    window = open_demo_window(tmp_path / "journal", today=date(2026, 3, 18),
                              kdf_params=cheap, settings=Settings())
    qtbot.addWidget(window)
    window.resize(900, 496)
    window.show()
    qtbot.waitExposed(window)
    window.shell.show_page("Supervision")
    page = window.shell.page("Supervision")
    page.new_record("one_to_one")
    qtbot.wait(50)
    bars = {area.objectName() or "record": area.verticalScrollBar().isVisible()
            for area in window.findChildren(QScrollArea) if area.isVisible()}
    assert bars.get("pageScroll") is False and bars.get("record") is True
    window.close()
