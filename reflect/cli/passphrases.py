"""Getting passphrases and recovery keys for the command line: environment first, then a
prompt on the terminal. Never from a plaintext file, never echoed."""

from __future__ import annotations

import getpass
import os
import sys

from reflect.common.errors import ReflectError
from reflect.safety import passphrase as rules


class SecretUnavailable(ReflectError):
    exit_code = 2


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty() and not _has_tty():
        raise SecretUnavailable(
            f"{prompt.rstrip(': ')} is needed; set it in the environment when no terminal is "
            "available (see 'reflect --help')."
        )
    return getpass.getpass(prompt)


def _has_tty() -> bool:
    try:
        with open("/dev/tty"):
            return True
    except OSError:
        return False


def current_passphrase() -> str:
    return os.environ.get("REFLECT_PASSPHRASE") or _ask("Passphrase: ")


def recovery_key() -> str:
    return os.environ.get("REFLECT_RECOVERY_KEY") or _ask("Recovery key: ")


def new_passphrase(env_name: str) -> str:
    """From ``env_name`` or asked twice; must pass the passphrase rules either way."""
    value = os.environ.get(env_name)
    if value is None:
        value = _ask("New passphrase: ")
        if _ask("Repeat the new passphrase: ") != value:
            raise SecretUnavailable("The two passphrases do not match; nothing was changed.")
    issue = rules.problem(value)
    if issue:
        raise SecretUnavailable(f"{issue} Nothing was changed.")
    return value
