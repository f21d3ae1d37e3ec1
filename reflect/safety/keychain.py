"""'Remember on this device': the data key in the operating system's keyring.

Never a plaintext fallback: when no usable keyring backend exists the option is simply not
offered, with the reason. A key is reported remembered only after reading it back.
"""

from __future__ import annotations

import contextlib

SERVICE = "Reflect journal"


def _keyring():
    import keyring

    return keyring


def availability() -> tuple[bool, str]:
    """Whether a real keyring backend works here, and if not, why (shown beside the option)."""
    try:
        keyring = _keyring()
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring install must not stop the app
        return False, f"The system keyring cannot be used ({type(exc).__name__})."
    name = type(backend).__module__ + "." + type(backend).__name__
    if "fail" in name or "null" in name.lower() or getattr(backend, "priority", 1) <= 0:
        return False, "No system keyring is available on this computer."
    if "plaintext" in name.lower() or "file" in type(backend).__module__.split(".")[-1]:
        return False, "The only keyring here stores keys in a plain file, so it is not used."
    return True, ""


def remember(journal_id: str, data_key: bytes) -> bool:
    """Store and read back; True only if the keyring really holds the key now."""
    ok, _reason = availability()
    if not ok:
        return False
    keyring = _keyring()
    try:
        keyring.set_password(SERVICE, journal_id, data_key.hex())
        return keyring.get_password(SERVICE, journal_id) == data_key.hex()
    except Exception:
        return False


def recall(journal_id: str) -> bytes | None:
    ok, _reason = availability()
    if not ok:
        return None
    try:
        value = _keyring().get_password(SERVICE, journal_id)
        return bytes.fromhex(value) if value else None
    except Exception:
        return None


def forget(journal_id: str) -> None:
    ok, _reason = availability()
    if not ok:
        return
    with contextlib.suppress(Exception):
        _keyring().delete_password(SERVICE, journal_id)
