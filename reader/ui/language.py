"""The interface's language: French, or English for a user whose system speaks English,
and the translators (the app's own, Qt's, and the few Qt strings Qt's French lacks)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

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
