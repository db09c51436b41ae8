"""Regenerate ``docs/screenshots/*.png``: the tree and a search, in the light and dark themes.

Run under an X server so that fonts and the style are the real ones::

    Xvfb :99 -screen 0 1280x800x24 &
    DISPLAY=:99 python tools/take_screenshots.py

Each shot is a fresh window of 1200 × 760 on the bundled FAQ, with its own settings in a
temporary ``FAQ_READER_HOME``; the picture is the window's own rendering (``grab``).
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
QUERY = "producteurs"


def _wait(app, condition, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end and not condition():
        app.processEvents()
        time.sleep(0.01)


def shoot(app, paths, theme: str, kind: str) -> Path:
    from reader.ui import settings as keys
    from reader.ui.theme import apply_theme
    from reader.ui.window.main_window import MainWindow

    settings = keys.Settings(keys.settings_path(paths.config))
    settings.set(keys.THEME, theme)
    apply_theme(app, theme)
    window = MainWindow(settings, paths)
    window.resize(1200, 760)
    window.show()
    _wait(app, lambda: window.loaded is not None and window.search.ready)
    question = next(q for q in window.loaded.library.questions() if q.title.startswith(QUESTION))
    window.places.open_question(question.id)
    if kind == "search":
        window.search.field.setText(QUERY)
        _wait(app, lambda: window.search.last_outcome is not None)
        window.search.results.list.setFocus()
    _wait(app, lambda: False, 0.5)
    path = OUT / f"{kind}-{theme}.png"
    window.grab().save(str(path))
    window.close()
    return path


def main() -> int:
    os.environ["FAQ_READER_HOME"] = tempfile.mkdtemp(prefix="faq-shots-")
    from PySide6.QtCore import QLocale

    from reader.paths import Paths
    from reader.ui.app import create_application

    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    paths = Paths.from_environment()
    app = create_application([], paths)
    OUT.mkdir(parents=True, exist_ok=True)
    for theme in ("light", "dark"):
        for kind in ("tree", "search"):
            print(shoot(app, paths, theme, kind).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
