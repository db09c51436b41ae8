"""Something unexpected goes wrong: it is logged with its traceback and told once, in French;
Qt's own warnings go to the log."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import QTimer

from reader.ui.crash import CrashReporter, install_message_handler


class Records(logging.Handler):
    """The records of one logger, kept for the test to read."""

    def __init__(self, name: str) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.logger = logging.getLogger(name)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def __enter__(self) -> Records:
        self.logger.addHandler(self)
        self._level = self.logger.level
        self.logger.setLevel(logging.DEBUG)
        return self

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self)
        self.logger.setLevel(self._level)

    def text(self) -> str:
        return "\n".join(self.format(r) for r in self.records)


@pytest.fixture
def reporter(qtbot, tmp_path, monkeypatch):
    """The reporter as the app installs it, the hooks put back after the test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    reporter = CrashReporter(tmp_path / "logs" / "faq-reader.log")
    reporter.install()
    yield reporter
    if reporter.dialog is not None:
        reporter.dialog.close()


def divide_by_zero() -> None:
    print(1 / 0)


def look_up_a_missing_key() -> None:
    print({}["absent"])


def read_a_missing_attribute() -> None:
    print(object().absent)  # type: ignore[attr-defined]


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_told_in_one_french_dialog(qtbot, reporter, tmp_path):
    with Records("reader.ui.crash") as log, qtbot.waitSignal(reporter.reported) as reported:
        QTimer.singleShot(0, divide_by_zero)  # a slot that fails, as a bug in the window would
    assert "ZeroDivisionError" in reported.args[0]
    assert "Traceback" in log.text() and "divide_by_zero" in log.text()

    dialog = reporter.dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    assert dialog.windowTitle() == "Erreur inattendue"
    assert dialog.text().startswith("Une erreur inattendue s'est produite")
    assert str(tmp_path / "logs" / "faq-reader.log") in dialog.informativeText()
    assert "ZeroDivisionError" in dialog.detailedText()  # folded behind "Afficher les détails"


@pytest.mark.qt_no_exception_capture
def test_a_burst_of_errors_gives_one_dialog(qtbot, reporter):
    from PySide6.QtWidgets import QApplication, QMessageBox

    told = []
    reporter.reported.connect(told.append)
    for failing in (
        divide_by_zero,
        look_up_a_missing_key,
        read_a_missing_attribute,
        divide_by_zero,
    ):
        QTimer.singleShot(0, failing)
    qtbot.waitUntil(lambda: len(told) == 3)  # the same error twice is told once

    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert [b for b in boxes if b.isVisible()] == [reporter.dialog]
    assert "2 autres erreurs depuis." in reporter.dialog.informativeText()
    assert "KeyError" in reporter.dialog.detailedText()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_another_thread_is_told_on_the_window_s_thread(qtbot, reporter):
    with Records("reader.ui.crash") as log, qtbot.waitSignal(reporter.reported) as reported:
        threading.Thread(target=look_up_a_missing_key, name="travail").start()
    assert "KeyError" in reported.args[0]
    assert "travail" in log.text()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())


def test_qt_warnings_go_to_the_log(qtbot):
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    previous = install_message_handler()
    try:
        with Records("reader.qt") as log:
            qWarning("le greffon fait des siennes")
    finally:
        qInstallMessageHandler(previous)
    assert [(r.levelno, r.getMessage()) for r in log.records] == [
        (logging.WARNING, "default: le greffon fait des siennes")
    ]
