"""Start-up of the window: the application, its translations and theme, then the window.

Order matters for a quick start: nothing heavy is imported at module level; the window is
shown first, and only after its first paint does it load the library and ask the search
thread to open (or build) the index. No network is touched at start.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from reader import APP_NAME, __version__
from reader.paths import Paths, resources_dir

log = logging.getLogger(__name__)

APP_TRANSLATION = "faq_reader"


def ui_language(locale: QLocale | None = None) -> str:
    """ "en" when the user's interface language is English, else "fr" (the FAQ's language)."""
    locale = locale or QLocale()
    languages = locale.uiLanguages() or [locale.name()]
    first = languages[0].replace("_", "-").lower()
    return "en" if first.startswith("en") else "fr"


def install_translators(app: QApplication, locale: QLocale | None = None) -> str:
    """Install the app's translation and Qt's own for the user's language; return it."""
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
        own = QTranslator(app)
        folder = str(resources_dir() / "translations")
        if own.load(f"{APP_TRANSLATION}_fr", folder):
            translators.append(own)
        else:
            log.warning("translation %s_fr.qm missing from %s", APP_TRANSLATION, folder)
    for translator in translators:
        app.installTranslator(translator)
    app._faq_translators = translators  # type: ignore[attr-defined]  # kept alive
    return language


def create_application(argv: list[str]) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME, *argv])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    install_translators(app)
    return app


def create_window(app: QApplication, paths: Paths):
    """The window, themed and shown (it loads its content after its first paint)."""
    from reader.ui import settings as keys
    from reader.ui.main_window import MainWindow
    from reader.ui.theme import apply_theme

    settings = keys.Settings(keys.settings_path(paths.config))
    apply_theme(app, settings.get(keys.THEME))
    window = MainWindow(settings, paths)
    # The refresh feature (menu entries, handler) is not needed to paint: plug it in just
    # after the first paint, so that its imports (HTTP client …) do not delay the window.
    window.firstPainted.connect(
        lambda: QTimer.singleShot(0, window, lambda: _after_paint(app, window))
    )
    window.show()
    return window


def _after_paint(app: QApplication, window) -> None:
    from reader.logs import setup_logging
    from reader.ui.window_parts import app_icon

    setup_logging(window.paths.log, console=False)
    # The SVG plugin loads here, not before the first paint.
    app.setWindowIcon(app_icon(window.paths.resources))
    try:
        from reader.ui.refresh_dialog import install_refresh
    except ImportError:
        log.exception("the refresh feature could not be loaded")
        return
    install_refresh(window)


def run(argv: list[str], paths: Paths) -> int:
    """Entry point of ``faq-reader`` with no arguments: the window on ``paths``."""
    app = create_application(argv)
    window = create_window(app, paths)
    log.info("window shown (%s %s)", APP_NAME, __version__)
    code = app.exec()
    del window
    return int(code)
