"""Start-up of the window: the application, its translations and theme, then the window.

Order matters for a quick start: nothing heavy is imported at module level; the window is
shown first, and only after its first paint does it load the library, ask the search
service to open (or build) the index, open the log file and make its refresh part. No
network is touched at start. Before the application exists, Qt's messages are routed to
the log, so that a start with no screen ends in one French line (:mod:`reader.ui.crash`);
once it exists, an unexpected exception is logged and told in one dialog.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from reader import APP_NAME, __version__
from reader.ui.language import install_translators

if TYPE_CHECKING:
    from reader.paths import Paths
    from reader.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)


def create_application(argv: list[str], paths: Paths) -> QApplication:
    """The application, translated; exits with one French line when there is no screen."""
    from reader.ui import crash

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        crash.install_message_handler(starting=True)
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME, *argv])
        crash.started()
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    install_translators(app, paths.resources)
    return app


def create_window(app: QApplication, paths: Paths) -> MainWindow:
    """The window, themed and shown (it loads its content after its first paint); from
    now on an unexpected exception is logged and told in one dialog."""
    from reader.logs import log_file
    from reader.ui import settings as keys
    from reader.ui.crash import CrashReporter
    from reader.ui.window.look import apply_at_start
    from reader.ui.window.main_window import MainWindow

    reporter = CrashReporter(log_file(paths.log), app)
    reporter.install()
    settings = keys.Settings(keys.settings_path(paths.config))
    apply_at_start(settings)
    window = MainWindow(settings, paths)
    window.firstPainted.connect(lambda: QTimer.singleShot(0, lambda: _after_paint(app, paths)))
    window.show()
    return window


def _after_paint(app: QApplication, paths: Paths) -> None:
    from PySide6.QtGui import QIcon

    from reader.logs import setup_logging

    setup_logging(paths.log, console=False)
    # The SVG plugin loads here, not before the first paint.
    app.setWindowIcon(QIcon(str(paths.resources / "icons" / "faq-reader.svg")))


def run(argv: list[str], paths: Paths) -> int:
    """Entry point of ``faq-reader`` with no arguments: the window on ``paths``."""
    app = create_application(argv, paths)
    window = create_window(app, paths)
    log.info("window shown (%s %s)", APP_NAME, __version__)
    code = app.exec()
    del window
    return int(code)
