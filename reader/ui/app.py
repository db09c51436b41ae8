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

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from reader import APP_NAME, __version__

if TYPE_CHECKING:
    from pathlib import Path

    from reader.paths import Paths
    from reader.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)

APP_TRANSLATION = "faq_reader"
QT_EXTRA_TRANSLATION = "qt_extra"  # Qt's own strings that Qt's French lacks (file dialog)


def ui_language(locale: QLocale | None = None) -> str:
    """ "en" when the user's interface language is English, else "fr" (the FAQ's language)."""
    locale = locale or QLocale()
    languages = locale.uiLanguages() or [locale.name()]
    first = languages[0].replace("_", "-").lower()
    return "en" if first.startswith("en") else "fr"


def install_translators(app: QApplication, resources: Path, locale: QLocale | None = None) -> str:
    """Install the app's translation (from ``resources``) and Qt's own for the user's
    language; return the language."""
    language = ui_language(locale)
    for old in getattr(app, "_faq_translators", []):
        app.removeTranslator(old)
    translators = []
    if language == "fr" and QLocale().language() != QLocale.Language.French:
        # Dates and numbers in the interface's language, not the system's ("C", …).
        QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    if language == "fr":
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt_translator = QTranslator(app)
        if qt_translator.load("qtbase_fr", qt_dir):
            translators.append(qt_translator)
        else:
            log.info("Qt's French translation not found in %s", qt_dir)
        folder = str(resources / "translations")
        # Installed after Qt's, so looked up before it.
        for name in (QT_EXTRA_TRANSLATION, APP_TRANSLATION):
            own = QTranslator(app)
            if own.load(f"{name}_fr", folder):
                translators.append(own)
            else:
                log.warning("translation %s_fr.qm missing from %s", name, folder)
    for translator in translators:
        app.installTranslator(translator)
    app._faq_translators = translators  # type: ignore[attr-defined]  # kept alive
    return language


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
