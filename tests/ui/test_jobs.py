"""Background work: a long task runs off the window's thread, reports its progress, can be
cancelled, and its ending comes back on the window's thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from reader.ui.jobs import Job, JobCancelled, JobContext, JobError, JobRunner


def test_a_task_reports_progress_and_its_result_on_the_window_thread(qtbot):
    runner = JobRunner("test")
    ui_thread = QThread.currentThread()
    seen: list[tuple[str, object, bool]] = []

    def count(context: JobContext) -> int:
        assert threading.current_thread() is not threading.main_thread()
        for step in range(1, 4):
            context.report(step)
        return 42

    job = runner.submit(count, "count")
    job.progress.connect(lambda step: seen.append(("progress", step, ui_thread.isCurrentThread())))
    job.finished.connect(lambda result: seen.append(("finished", result, True)))
    with qtbot.waitSignal(job.done):
        pass  # connected after start: nothing is missed
    assert seen == [
        ("progress", 1, True),
        ("progress", 2, True),
        ("progress", 3, True),
        ("finished", 42, True),
    ]
    qtbot.waitUntil(lambda: runner.pending() == 0)


def test_a_cancelled_task_stops_and_says_so(qtbot):
    runner = JobRunner("test")
    started = threading.Event()

    def wait_for_cancel(context: JobContext) -> None:
        started.set()
        while not context.cancelled:
            QThread.msleep(5)
        raise JobCancelled("Arrêté à la demande.")

    job = runner.submit(wait_for_cancel)
    assert started.wait(5)
    with qtbot.waitSignal(job.cancelled) as cancelled, qtbot.assertNotEmitted(job.finished):
        job.cancel()
    assert cancelled.args == ["Arrêté à la demande."]


def test_a_task_cancelled_before_its_turn_never_runs(qtbot):
    runner = JobRunner("one at a time", threads=1)
    gate = threading.Event()
    ran = []
    runner.submit(lambda context: gate.wait(5))
    second = runner.submit(lambda context: ran.append("second"))
    second.cancel()
    with qtbot.waitSignal(second.cancelled):
        gate.set()
    qtbot.waitUntil(lambda: runner.pending() == 0)
    assert ran == []


def test_an_expected_failure_and_a_bug_both_end_in_one_sentence(qtbot):
    runner = JobRunner("test")

    def refuse(context: JobContext) -> None:
        raise JobError("Le wiki ne répond pas.", "délai dépassé")

    def bug(context: JobContext) -> None:
        raise ZeroDivisionError("division by zero")

    expected = runner.submit(refuse)
    with qtbot.waitSignal(expected.failed) as failed:
        pass
    assert failed.args == ["Le wiki ne répond pas.", "délai dépassé"]

    unexpected = runner.submit(bug)
    with qtbot.waitSignal(unexpected.failed) as failed:
        pass
    message, detail = failed.args
    assert message == "Une erreur inattendue a interrompu la tâche (le détail est dans le journal)."
    assert "ZeroDivisionError" in detail and "Traceback" in detail


def test_a_job_starts_only_once(qtbot):
    runner = JobRunner("test")
    job = Job(lambda context: None)
    runner.start(job)
    with pytest.raises(RuntimeError):
        runner.start(job)
    qtbot.waitUntil(lambda: runner.pending() == 0)
    assert runner.shutdown(5000)
