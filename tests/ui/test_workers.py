"""Work off the UI thread, results back on it."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject

from reflect.ui.workers import run_in_thread


def test_success_arrives_on_the_ui_thread(qtbot):
    ui_thread = threading.get_ident()
    seen = {}

    def work():
        seen["worker"] = threading.get_ident()
        return 42

    def done(result):
        seen["result"] = result
        seen["callback"] = threading.get_ident()

    run_in_thread(work, on_success=done, on_failure=lambda exc: seen.update(error=exc))
    qtbot.waitUntil(lambda: "result" in seen, timeout=5_000)
    assert seen["result"] == 42
    assert seen["worker"] != ui_thread
    assert seen["callback"] == ui_thread


def test_an_exception_becomes_the_failure_callback(qtbot):
    seen = {}
    problem = ValueError("no")

    def work():
        raise problem

    run_in_thread(work, on_success=lambda r: seen.update(result=r),
                  on_failure=lambda exc: seen.update(error=exc,
                                                     thread=threading.get_ident()))
    qtbot.waitUntil(lambda: "error" in seen, timeout=5_000)
    assert seen["error"] is problem
    assert seen["thread"] == threading.get_ident()
    assert "result" not in seen


def test_a_result_for_a_destroyed_owner_is_discarded(qtbot):
    owner = QObject()
    release = threading.Event()
    seen = {}
    run_in_thread(lambda: release.wait(5) and "opened",
                  on_success=lambda r: seen.update(result=r),
                  on_failure=lambda exc: seen.update(error=exc),
                  owner=owner, discard=lambda r: seen.update(discarded=r))
    shiboken6.delete(owner)
    release.set()
    qtbot.waitUntil(lambda: "discarded" in seen, timeout=5_000)
    assert seen == {"discarded": "opened"}


def test_a_cancelled_job_stops_at_its_next_safe_point_and_idle_waiters_run_after(qtbot):
    from reflect.ui.workers import JobCancelled, run_job, running_jobs, when_idle

    started, go_on = threading.Event(), threading.Event()
    steps: list[int] = []
    seen: dict = {}

    def work(job):
        for step in range(100):
            job.safe_point()
            steps.append(step)
            if step == 0:
                started.set()
                go_on.wait(5)
        return "finished"

    job = run_job(work, name="the test work", cancellable=True,
                  on_success=lambda r: seen.update(result=r),
                  on_failure=lambda exc: seen.update(error=exc))
    assert job in running_jobs() and job.working
    when_idle(lambda: seen.update(idle_after=sorted(seen)))
    assert started.wait(5)
    job.cancel()
    go_on.set()
    qtbot.waitUntil(lambda: "idle_after" in seen, timeout=5_000)
    assert steps == [0]  # stopped at the very next safe point
    assert isinstance(seen["error"], JobCancelled)
    assert "The test work was stopped" in str(seen["error"])
    assert seen["idle_after"] == ["error"]  # the job's own callback came first
    assert job not in running_jobs() and not job.working


def test_when_idle_with_nothing_running_calls_at_once(qtbot):
    from reflect.ui.workers import running_jobs, when_idle

    qtbot.waitUntil(lambda: not running_jobs(), timeout=5_000)
    seen = []
    when_idle(lambda: seen.append("now"))
    assert seen == ["now"]
