"""Run slow work (key derivation, opening the database) off the UI thread.

The window must never freeze, so the callable runs on Qt's global thread pool and its outcome
comes back as a queued signal: the callbacks always run on the UI thread, where touching
widgets is safe. If the widget that asked has been destroyed by then, nobody is left to take
the result, so ``discard`` gets it instead (to close a journal that was opened in vain).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

# Relays waiting for their result; kept here so Python does not collect them mid-flight.
_pending: set[_Relay] = set()


class _Relay(QObject):
    """Lives on the UI thread; the worker emits, Qt queues, the slots run on the UI thread."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, owner: QObject | None, on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None],
                 discard: Callable[[Any], None] | None) -> None:
        super().__init__()
        self._owner = owner
        self._on_success = on_success
        self._on_failure = on_failure
        self._discard = discard
        self.succeeded.connect(self._deliver_success, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._deliver_failure, Qt.ConnectionType.QueuedConnection)

    def _owner_alive(self) -> bool:
        return self._owner is None or shiboken6.isValid(self._owner)

    def _finish(self) -> None:
        _pending.discard(self)
        self.deleteLater()

    @Slot(object)
    def _deliver_success(self, result: Any) -> None:
        try:
            if self._owner_alive():
                self._on_success(result)
            elif self._discard is not None:
                self._discard(result)
        finally:
            self._finish()

    @Slot(object)
    def _deliver_failure(self, exc: BaseException) -> None:
        try:
            if self._owner_alive():
                self._on_failure(exc)
        finally:
            self._finish()


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:  # on a pool thread
        try:
            result = self._fn()
        except Exception as exc:  # every failure goes back to the UI as an object
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


def run_in_thread(fn: Callable[[], Any], *, on_success: Callable[[Any], None],
                  on_failure: Callable[[BaseException], None], owner: QObject | None = None,
                  discard: Callable[[Any], None] | None = None) -> None:
    """Call ``fn()`` on a pool thread; then ``on_success(result)`` or ``on_failure(exc)`` on
    the UI thread. Must be called from the UI thread.

    ``owner``: when it has been destroyed before the result arrives, the callbacks are skipped
    and ``discard(result)`` (if given) is called instead.
    """
    relay = _Relay(owner, on_success, on_failure, discard)
    _pending.add(relay)
    QThreadPool.globalInstance().start(_Task(fn, relay))


def wait_for_workers(timeout_ms: int = -1) -> bool:
    """Block until the pool is idle (used at shutdown so no key derivation outlives the app)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
