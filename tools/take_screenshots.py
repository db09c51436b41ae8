"""Regenerate ``docs/screenshots/*.png``: the tree, a search, and a search the FAQ has no
whole answer to (partial answers), in the light and dark themes, at 150 % zoom (what a
reader on an old screen uses), and the "Export as PDF" file dialog.

Run under an X server so that fonts and the style are the real ones::

    Xvfb :99 -screen 0 1280x800x24 &
    DISPLAY=:99 python tools/take_screenshots.py

Each shot is a fresh window of 1200 × 760 on the bundled FAQ, with its own settings in a
temporary ``FAQ_READER_HOME`` (and a temporary home folder, so that the file dialog shows
no real files); the picture is the window's own rendering (``grab``).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
QUESTION = "Peut-on créer un compte pour plusieurs producteurs"
QUERIES = {"search": "producteurs", "search-partial": "payer en ligne"}
ZOOM_STEP = 5  # 150 %: each step is 10 % (reader.ui.zoom)


def _wait(app, condition, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end and not condition():
        app.processEvents()
        time.sleep(0.01)


def _window(app, paths, theme: str):
    from reader.ui import settings as keys
    from reader.ui.window.look import apply_at_start
    from reader.ui.window.main_window import MainWindow

    settings = keys.Settings(keys.settings_path(paths.config))
    settings.set(keys.THEME, theme)
    settings.set(keys.ZOOM, ZOOM_STEP)
    apply_at_start(settings)
    window = MainWindow(settings, paths)
    window.resize(1200, 760)
    window.show()
    _wait(app, lambda: window.loaded is not None and window.search.ready)
    question = next(q for q in window.loaded.library.questions() if q.title.startswith(QUESTION))
    window.places.open_question(question.id)
    return window


def shoot(app, paths, theme: str, kind: str) -> Path:
    window = _window(app, paths, theme)
    if kind in QUERIES:
        window.search.field.setText(QUERIES[kind])
        _wait(app, lambda: window.search.last_outcome is not None)
        if kind == "search":
            window.search.results.list.setFocus()
        else:  # "Search the wiki" shows once the wiki has answered (offline: a note)
            wiki = window.loaded.library.wiki
            _wait(app, lambda: window.search.reach.known(wiki) is not None, 8.0)
    _wait(app, lambda: False, 0.5)
    path = OUT / f"{kind}-{theme}.png"
    window.grab().save(str(path))
    window.close()
    return path


def shoot_file_dialog(app, paths) -> Path:
    """Fichier → Exporter en PDF…: Qt's own dialog, in French."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog

    window = _window(app, paths, "light")
    path = OUT / "export-pdf-dialog.png"

    def grab() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(100, grab)
            return
        _wait(app, lambda: False, 1.0)  # the folder is read in a thread
        dialog.grab().save(str(path))
        dialog.reject()

    QTimer.singleShot(100, grab)
    window.places.show_welcome()  # no "the answer or the page?" before the dialog
    window.commands.actions.export_pdf.trigger()
    window.close()
    return path


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="faq-shots-"))
    os.environ["FAQ_READER_HOME"] = str(scratch / "reader")
    os.environ["HOME"] = str(scratch / "home")
    # A French system, as the readers' (sizes and dates in the file dialog follow the
    # system's locale, not the interface's language).
    os.environ["LC_ALL"] = "fr_FR.UTF-8"
    documents = scratch / "home" / "Documents"
    (documents / "Factures").mkdir(parents=True)
    (documents / "Bon de commande.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    from PySide6.QtCore import QLocale

    from reader.paths import Paths
    from reader.ui.app import create_application

    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    paths = Paths.from_environment()
    app = create_application([], paths)
    OUT.mkdir(parents=True, exist_ok=True)
    for theme in ("light", "dark"):
        for kind in ("tree", "search", "search-partial"):
            print(shoot(app, paths, theme, kind).relative_to(ROOT))
    print(shoot_file_dialog(app, paths).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
