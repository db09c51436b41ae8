"""Background work: the one way the window runs a job off the UI thread.

A :class:`Job` wraps a callable. A :class:`JobRunner` runs it on one of its threads
(a ``QThreadPool``: one thread for a runner whose jobs must not overlap, like the search
index's); the callable gets a :class:`JobContext` to report progress and to see whether it
was cancelled. How it ended comes back as a signal of the job, always delivered on the UI
thread and after :meth:`JobRunner.start` has returned, so slots connected right after
starting a job never miss it:

- ``finished(result)``: the callable returned ``result``;
- ``failed(message, detail)``: it raised :class:`JobError` (a French sentence for the user
  and the details), or anything else (a bug: the traceback goes to the log and the
  details, the user reads a general sentence);
- ``cancelled(message)``: it raised :class:`JobCancelled`, or it was cancelled before it
  started (a callable turns its own layer's "cancelled" exception into JobCancelled);
- then ``done()``, whatever the ending.

The cancel token is the job's own (:class:`CancelToken`) unless the caller hands one in:
the refresh passes the HTTP layer's token, which also shuts down the socket being read.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)

log = logging.getLogger(__name__)


class JobError(Exception):
    """An expected failure: ``message`` is one sentence for the user, ``detail`` the rest."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class JobCancelled(Exception):
    """The job stopped because it was cancelled; ``message`` says so to the user."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class Cancellable(Protocol):
    """What a job needs of a cancel token."""

    @property
    def cancelled(self) -> bool: ...

    def cancel(self) -> None: ...


class CancelToken:
    """A thread-safe cancel flag (the default token of a job)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()

    def check(self) -> None:
        """Raise :class:`JobCancelled` when cancelled (a loop calls this between steps)."""
        if self._event.is_set():
            raise JobCancelled()


@dataclass(frozen=True)
class JobContext:
    """What the callable of a job is given: its cancel token and a progress reporter."""

    token: Any  # a Cancellable: the job's CancelToken or the one its caller handed in
    report: Callable[[object], None]

    @property
    def cancelled(self) -> bool:
        return bool(self.token.cancelled)


Work = Callable[[JobContext], object]


class Job(QObject):
    """One callable to run off the UI thread (see the module docstring).

    Signals:
        progress(object): what the callable reported (``JobContext.report``).
        finished(object): the callable's result.
        failed(str, str): a sentence for the user, and the details.
        cancelled(str): the job was cancelled (a sentence for the user, maybe empty).
        done(): after any of the three endings.
    """

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str, str)
    cancelled = Signal(str)
    done = Signal()
    # From the worker thread to this object's (the UI) thread, always queued.
    _reported = Signal(object)
    _ended = Signal(str, object)

    def __init__(
        self,
        work: Work,
        name: str = "job",
        token: Cancellable | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self.token: Cancellable = token if token is not None else CancelToken()
        self._work = work
        self._started = False
        self._ended_here = False  # the ending signals were emitted (UI thread)
        queued = Qt.ConnectionType.QueuedConnection
        self._reported.connect(self.progress, queued)
        self._ended.connect(self._on_ended, queued)

    @property
    def running(self) -> bool:
        """Started and not yet ended (as the UI thread sees it)."""
        return self._started and not self._ended_here

    def cancel(self) -> None:
        """Ask the job to stop; ``cancelled`` follows if the callable heeds it."""
        self.token.cancel()

    def run(self) -> None:
        """The worker side: run the callable and post how it ended (called by the runner)."""
        try:
            if self.token.cancelled:
                raise JobCancelled()
            context = JobContext(self.token, self._reported.emit)
            result = self._work(context)
        except JobCancelled as stop:
            self._ended.emit("cancelled", stop.message)
        except JobError as error:
            self._ended.emit("failed", (error.message, error.detail))
        except Exception:
            log.exception("job %s failed unexpectedly", self.name)
            message = QCoreApplication.translate(
                "Jobs", "An unexpected error stopped the task (details in the log)."
            )
            self._ended.emit("failed", (message, traceback.format_exc()))
        else:
            self._ended.emit("finished", result)

    @Slot(str, object)
    def _on_ended(self, how: str, value: object) -> None:
        self._ended_here = True
        if how == "finished":
            self.finished.emit(value)
        elif how == "failed":
            assert isinstance(value, tuple)
            self.failed.emit(str(value[0]), str(value[1]))
        else:
            self.cancelled.emit(str(value or ""))
        self.done.emit()


class JobRunner(QObject):
    """Runs jobs on its own threads; keeps each job alive until it has ended.

    ``threads=1`` runs the jobs one after the other, in the order they were started, on
    one thread: what a resource that is not thread-safe (the search index) needs.
    ``low_priority`` lowers the threads' priority, so the UI stays smooth on two cores.
    """

    def __init__(
        self,
        name: str,
        parent: QObject | None = None,
        threads: int = 1,
        low_priority: bool = False,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._pool.setObjectName(name)
        self._low_priority = low_priority
        self._jobs: set[Job] = set()

    def start(self, job: Job) -> Job:
        """Queue ``job``; its signals come on the UI thread once it has run."""
        if job._started:
            raise RuntimeError(f"job {job.name} already started")
        job._started = True
        self._jobs.add(job)  # alive until it has ended, whoever else holds it
        job.done.connect(self._forget)
        self._pool.start(lambda: self._run(job))
        return job

    def submit(self, work: Work, name: str = "job", token: Cancellable | None = None) -> Job:
        """Make a job of ``work`` and start it (connect to its signals right after)."""
        return self.start(Job(work, name, token))

    @Slot()
    def _forget(self) -> None:
        job = self.sender()
        if isinstance(job, Job):
            # Not from inside the job's own signal: its last reference may go with it.
            QTimer.singleShot(0, self, lambda: self._jobs.discard(job))

    def _run(self, job: Job) -> None:
        if self._low_priority:
            thread = QThread.currentThread()
            if thread is not None:
                thread.setPriority(QThread.Priority.LowPriority)
        job.run()

    def pending(self) -> int:
        """How many started jobs have not yet ended (as the UI thread sees it)."""
        return len(self._jobs)

    def cancel_all(self) -> None:
        for job in list(self._jobs):
            job.cancel()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel every job and wait for the threads; False if one is still busy."""
        self.cancel_all()
        finished = self._pool.waitForDone(timeout_ms)
        if not finished:
            log.warning("%s: a job is still running at exit", self.name)
        return finished
