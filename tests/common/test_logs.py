"""The support log holds events and error classes, never what the person wrote: a marker
word in a title, a body and the SQL parameters of a real SQLCipher error is nowhere in it."""

from __future__ import annotations

import ast
import logging
import logging.handlers
from pathlib import Path

import pytest
from sqlalchemy import text

from reflect.common import logs

ROOT = Path(__file__).resolve().parents[2]
MARKER = "Zanzibarquokka"
LEVELS = {"debug", "info", "warning", "error", "exception", "critical"}


@pytest.fixture
def log_folder(tmp_path, monkeypatch):
    folder = tmp_path / "logs"
    monkeypatch.setenv("REFLECT_LOG_DIR", str(folder))
    assert logs.configure() == folder / logs.LOG_NAME
    yield folder
    logs.close()


def _everything(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()))


def test_a_real_database_error_is_logged_as_its_class_without_its_parameters(log_folder,
                                                                            new_journal):
    entry = new_journal.add_entry(f"{MARKER} title", f"{MARKER} body")
    log = logging.getLogger("reflect.test")
    with pytest.raises(Exception) as caught, new_journal.vault.session() as session:
        session.execute(text("INSERT INTO entry (id, title, body) VALUES (:id, :t, :b)"),
                        {"id": entry.id, "t": MARKER, "b": MARKER})
    assert MARKER not in str(caught.value)  # the engine hides parameters (hide_parameters)
    try:
        raise RuntimeError(f"while saving {MARKER}") from caught.value
    except RuntimeError as exc:
        log.exception("an entry could not be saved")
        log.warning("a draft was not opened: %s", exc)  # as reflect/journal/drafts.py does
        log.error("page %s could not prepare for lock: %s", MARKER, exc)
        log.error("mapping %(name)s", {"name": MARKER})
        log.error(exc)  # not a string message at all
    logs.close()
    written = _everything(log_folder)
    assert MARKER not in written
    assert MARKER.lower() not in written.lower()
    assert "builtins.RuntimeError" in written and "IntegrityError" in written
    assert "at test_logs.py:" in written  # where it happened, for a bug report
    assert "a draft was not opened: <RuntimeError>" in written
    assert "page <str> could not prepare for lock" in written


def test_numbers_and_the_programs_own_words_are_kept(log_folder):
    logging.getLogger("reflect.test").info("started: version %s, %s entries, demo %s",
                                           logs.Known("1.2.3"), 42, True)
    logs.close()
    assert "started: version 1.2.3, 42 entries, demo True" in _everything(log_folder)


def test_the_file_rotates_at_a_megabyte_with_three_old_copies(log_folder):
    handlers = [h for h in logging.getLogger("reflect").handlers
                if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(handlers) == 1
    assert (handlers[0].maxBytes, handlers[0].backupCount) == (1_000_000, 3)
    assert logs.configure() == log_folder / logs.LOG_NAME  # twice is still one handler
    assert len([h for h in logging.getLogger("reflect").handlers
                if isinstance(h, logging.handlers.RotatingFileHandler)]) == 1


def test_the_default_folder_is_the_platforms_log_folder(monkeypatch, isolated_environment):
    monkeypatch.delenv("REFLECT_LOG_DIR", raising=False)
    import platformdirs

    assert logs.log_dir() == Path(platformdirs.user_log_dir("Reflect", appauthor=False))


def test_no_log_call_in_reflect_builds_its_message_from_values():
    """The formatter drops text arguments; a message built with an f-string, + or % would
    carry them past it, so every message is a plain string constant."""
    bad = []
    for path in (ROOT / "reflect").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in LEVELS and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in {"log", "logger", "logging"} and node.args
                    and not (isinstance(node.args[0], ast.Constant)
                             and isinstance(node.args[0].value, str))):
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bad == []
