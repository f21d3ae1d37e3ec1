"""Where Reflect keeps things: the default journal folder, settings and shipped resources."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Reflect"


def default_journal_dir() -> Path:
    """The platform's user data dir; ``REFLECT_JOURNAL`` overrides it (scripts, tests)."""
    override = os.environ.get("REFLECT_JOURNAL")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "journal"


def config_dir() -> Path:
    """Settings that hold no journal content (window sizes, auto-lock delay, remember flag)."""
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def resources_dir() -> Path:
    """Shipped content: ``reflect/resources`` in the wheel, ``resources/`` in a checkout."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "resources"
    if installed.is_dir():
        return installed
    return package.parent / "resources"


def user_content_dir() -> Path:
    """User copies of templates and prompt sets live beside the settings, never in the wheel."""
    return config_dir() / "content"
