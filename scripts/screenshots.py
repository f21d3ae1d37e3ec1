"""Regenerate the README's screenshots from the demo journal: run after changing the UI.

    .venv/bin/python scripts/screenshots.py          # writes docs/screenshots/*.png

Windows are rendered offscreen at 1200x800 in the light palette (the Plan page too), then
Home, a supervision record and the Profile in a dark one; a second run at 200 % scaling
(QT_SCALE_FACTOR=2, in its own process since Qt reads it at start) adds the Journal and a
record as *-2x.png. The mentor pack's first page (the brief) is rendered with pdftoppm
(Debian: poppler-utils) if present.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
TODAY = date.today()  # Home counts from the real day: the demo must agree with it
SIZE = (1200, 800)


def dark_palette():
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, "#202124"), (roles.WindowText, "#e8eaed"),
                         (roles.Base, "#2b2c2f"), (roles.AlternateBase, "#303134"),
                         (roles.Text, "#e8eaed"), (roles.Button, "#303134"),
                         (roles.ButtonText, "#e8eaed"), (roles.Highlight, "#8ab4f8"),
                         (roles.HighlightedText, "#202124"), (roles.ToolTipBase, "#303134"),
                         (roles.ToolTipText, "#e8eaed"), (roles.PlaceholderText, "#9aa0a6"),
                         (roles.Link, "#8ab4f8")):
        palette.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f7378"))
    return palette


def settle(app, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def shoot(window, app, name: str) -> None:
    settle(app)
    window.grab().save(str(OUT / f"{name}.png"))
    print(f"wrote docs/screenshots/{name}.png")


def run_child(scale: int) -> None:
    """Shoot in a child process on an offscreen screen with room for the window at this
    scale: Qt reads the scale factor and the screen only at start, and offscreen's default
    screen is smaller than the window, which is fitted into the screen it opens on."""
    import json

    with tempfile.TemporaryDirectory(prefix="reflect-shots-screen-") as temp:
        screen = Path(temp) / "screen.json"
        screen.write_text(json.dumps({"screens": [{
            "name": f"{scale}x", "x": 0, "y": 0, "width": (SIZE[0] + 100) * scale,
            "height": (SIZE[1] + 100) * scale, "logicalDpi": 96, "logicalBaseDpi": 96,
            "dpr": 1.0}]}))
        env = {**os.environ, "QT_SCALE_FACTOR": str(scale),
               "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
        args = ["--child"] + (["--scaled"] if scale != 1 else [])
        subprocess.run([sys.executable, __file__, *args], check=True, env=env)


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    from reflect.common.settings import Settings
    from reflect.ui.app import open_demo_window

    OUT.mkdir(parents=True, exist_ok=True)
    args = sys.argv[1:] if argv is None else argv
    if "--child" not in args:
        run_child(1)
        run_child(2)
        return 0
    scaled = "--scaled" in args
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="reflect-shots-") as temp:
        window = open_demo_window(Path(temp) / "journal", today=TODAY, settings=Settings())
        window.resize(*SIZE)
        window.show()
        shell = window.shell
        if scaled:
            shell.show_page("Journal")
            shell.page("Journal").list_view.setCurrentIndex(
                shell.page("Journal").model.index(0, 0))
            shoot(window, app, "journal-2x")
            records = [e for e in window.journal.list_summaries(limit=50)
                       if e.kind == "supervision"]
            shell.open_entry(records[0].entry_id)
            shoot(window, app, "supervision-record-2x")
            window.close()
            return 0
        shoot(window, app, "home")
        shell.show_page("Journal")
        journal_page = shell.page("Journal")
        first = journal_page.model.index(0, 0)
        journal_page.list_view.setCurrentIndex(first)
        shoot(window, app, "journal")
        shell.show_page("Prompts")
        shoot(window, app, "prompts")
        dialog = window.open_search()
        dialog.search_edit.setText("threshold")
        dialog.run_search()  # without waiting for the typing pause
        settle(app, 10)
        dialog.grab().save(str(OUT / "search.png"))
        print("wrote docs/screenshots/search.png")
        dialog.close()
        records = [e for e in window.journal.list_summaries(limit=50) if e.kind == "supervision"]
        shell.open_entry(records[0].entry_id)
        shoot(window, app, "supervision-record")
        with_cases = next(e for e in records
                          if window.journal.get_entry(e.entry_id).sections.get("cases"))
        shell.open_entry(with_cases.entry_id)
        form = shell.page("Supervision").form
        settle(app)
        cases = form.body.case_groups[0]
        form.scroll_area.verticalScrollBar().setValue(cases.mapTo(form.body, QPoint(0, 0)).y())
        shoot(window, app, "supervision-cases")
        shell.show_page("Actions")
        shoot(window, app, "actions")
        shell.show_page("Profile")
        shoot(window, app, "profile")
        shell.show_page("Plan")
        shoot(window, app, "plan")
        app.setPalette(dark_palette())
        shell.show_page("Home")
        shoot(window, app, "home-dark")
        shell.open_entry(records[0].entry_id)
        shoot(window, app, "supervision-record-dark")
        shell.show_page("Profile")
        shoot(window, app, "profile-dark")
        pack = Path(temp) / "pack.pdf"
        from reflect.profile import mentor_pack

        options = mentor_pack.PackOptions(
            date_from=date(TODAY.year - 1, TODAY.month, TODAY.day), date_to=TODAY,
            leader_name="Sam Okafor", entry_ids=mentor_pack.default_selection(
                mentor_pack.candidates(window.journal)))
        mentor_pack.export(window.journal, options, pack)
        window.close()
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
                            str(pack), str(OUT / "mentor-pack-brief")], check=True)
            print("wrote docs/screenshots/mentor-pack-brief.png")
        else:
            print("pdftoppm not found (Debian: poppler-utils); the PDF page was not rendered")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
