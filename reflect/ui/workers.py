"""Run slow work (key derivation, opening the database) off the UI thread.

The window must never freeze, so the callable runs on Qt's global thread pool and its outcome
comes back as a queued signal: the callbacks always run on the UI thread, where touching
widgets is safe. If the widget that asked has been destroyed by then, nobody is left to take
the result, so ``discard`` gets it instead (to close a journal that was opened in vain).

Every piece of work is a named :class:`Job` in a registry, so that locking can see what is
still running on the open journal: it waits for the jobs that must finish (a backup, a check)
and cancels those that may stop (an export), then closes the journal when the last one has
reported back (:func:`when_idle`). Cancelling only sets a flag; the work stops at its next
safe point (:meth:`Job.safe_point`), where the domain leaves nothing half-written.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

# Relays waiting for their result; kept here so Python does not collect them mid-flight.
_pending: set[_Relay] = set()
# Jobs started and not yet reported back, in start order; and who waits for none to be left.
_running: list[Job] = []
_idle_waiters: list[tuple[QObject | None, Callable[[], None]]] = []

GENERIC_JOB = "the work in progress"


class JobCancelled(Exception):
    """Raised at a safe point of a job that was asked to stop (the journal is locking)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name[:1].upper()}{name[1:]} was stopped because the journal "
                         "was locked.")


class Job:
    """A named piece of background work. ``name`` completes "Finishing …" (``"the backup"``);
    a ``cancellable`` job is stopped by lock instead of waited for."""

    def __init__(self, name: str = GENERIC_JOB, *, cancellable: bool = False) -> None:
        self.name = name
        self.cancellable = cancellable
        self._cancel = threading.Event()
        self._worked = threading.Event()  # set when the work has returned or raised

    def cancel(self) -> None:
        """Ask the work to stop at its next safe point (thread-safe; it may already be done)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def working(self) -> bool:
        """Still running (or queued) on its thread; its callback may still be on its way."""
        return not self._worked.is_set()

    def safe_point(self, *_progress: object) -> None:
        """Called by the work (from its thread) where stopping leaves nothing half-done; raises
        JobCancelled once cancel() was called. Takes and ignores progress arguments so it can
        be chained into a domain progress callback."""
        if self._cancel.is_set():
            raise JobCancelled(self.name)

    def __repr__(self) -> str:
        return f"Job({self.name!r}, cancellable={self.cancellable})"


def running_jobs() -> list[Job]:
    """The jobs started and not yet reported back (their callbacks have not run)."""
    return list(_running)


def wait_for_jobs(jobs: list[Job], timeout_s: float) -> list[Job]:
    """Block for at most ``timeout_s`` in all until the work of ``jobs`` has returned; the
    jobs still working then. Only for a brief grace (a lock that need not show a message)."""
    deadline = time.monotonic() + timeout_s
    for job in jobs:
        job._worked.wait(max(0.0, deadline - time.monotonic()))
    return [job for job in jobs if job.working]


def when_idle(callback: Callable[[], None], owner: QObject | None = None) -> None:
    """Call ``callback()`` on the UI thread once no job is running: now if none is, else right
    after the last one has reported back. Skipped if ``owner`` has been destroyed by then."""
    if not _running:
        callback()
    else:
        _idle_waiters.append((owner, callback))


def _job_done(job: Job) -> None:
    if job in _running:
        _running.remove(job)
    if _running:
        return
    waiters = list(_idle_waiters)
    _idle_waiters.clear()
    for owner, callback in waiters:
        if owner is None or shiboken6.isValid(owner):
            try:
                callback()
            except Exception:  # one waiter must not stop the others
                log.exception("a when_idle callback failed")


class _Relay(QObject):
    """Lives on the UI thread; the worker emits, Qt queues, the slots run on the UI thread."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Job, owner: QObject | None, on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None],
                 discard: Callable[[Any], None] | None) -> None:
        super().__init__()
        self._job = job
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
        _job_done(self._job)

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
    def __init__(self, fn: Callable[[Job], Any], job: Job, relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._job = job
        self._relay = relay

    def run(self) -> None:  # on a pool thread
        try:
            self._job.safe_point()  # cancelled while it waited for a thread: never start
            result = self._fn(self._job)
        except Exception as exc:  # every failure goes back to the UI as an object
            self._job._worked.set()
            self._relay.failed.emit(exc)
        else:
            self._job._worked.set()
            self._relay.succeeded.emit(result)


def run_in_thread(fn: Callable[[], Any], *, on_success: Callable[[Any], None],
                  on_failure: Callable[[BaseException], None], owner: QObject | None = None,
                  discard: Callable[[Any], None] | None = None) -> None:
    """Call ``fn()`` on a pool thread; then ``on_success(result)`` or ``on_failure(exc)`` on
    the UI thread. Must be called from the UI thread.

    ``owner``: when it has been destroyed before the result arrives, the callbacks are skipped
    and ``discard(result)`` (if given) is called instead.
    """
    run_job(lambda _job: fn(), on_success=on_success, on_failure=on_failure, owner=owner,
            discard=discard)


def run_job(fn: Callable[[Job], Any], *, on_success: Callable[[Any], None],
            on_failure: Callable[[BaseException], None], name: str = GENERIC_JOB,
            cancellable: bool = False, owner: QObject | None = None,
            discard: Callable[[Any], None] | None = None) -> Job:
    """:func:`run_in_thread` for work that takes its :class:`Job`: ``fn(job)`` should call
    ``job.safe_point()`` (or pass it on as a progress callback) where it may stop. A cancelled
    job fails with JobCancelled. The job counts as running until its callback has run."""
    job = Job(name, cancellable=cancellable)
    relay = _Relay(job, owner, on_success, on_failure, discard)
    _pending.add(relay)
    _running.append(job)
    QThreadPool.globalInstance().start(_Task(fn, job, relay))
    return job


def wait_for_workers(timeout_ms: int = -1) -> bool:
    """Block until the pool is idle (used at shutdown so no key derivation outlives the app)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
