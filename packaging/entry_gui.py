"""PyInstaller entry point of the windowed ``reflect-app`` program (Windows builds it with no
console). ``gui_main`` is the ``[project.gui-scripts]`` entry; ``main`` is the fallback for a
tree that predates it, so the spec builds on either."""

from reflect.cli import main as cli

raise SystemExit(getattr(cli, "gui_main", cli.main)())
