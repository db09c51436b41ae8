"""The window reaches its first paint without building the Qt types it does not draw with.

PySide6 builds a type, with all its enums, the first time Python reads it: the ``Qt``
namespace alone costs tens of milliseconds on an old machine, ``QStyle`` a dozen more. The
window keeps them for after its first paint (see reader.ui.window.main_window); these tests keep
it so. They look at which names PySide6 has built, not at any time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from reader.ui.places import tree_model

# Built by the code that runs before the first paint (what reader.ui.app.run does), in a
# fresh interpreter; printed as JSON: the PySide6 names built by then.
BEFORE_PAINT = r"""
import json, sys
import reader.cli
from reader.paths import Paths
from reader.ui.app import create_application, create_window
paths = Paths.from_environment()
app = create_application([], paths)
window = create_window(app, paths)
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
built = sorted(
    name
    for module in (PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets)
    for name, value in vars(module).items()
    if name.startswith("Q") and value is not None
)
print(json.dumps(built))
"""

# What the first paint does not need, and what each one costs it when read early.
NOT_BEFORE_PAINT = {
    "Qt": "the Qt namespace and its ~100 enums",
    "QStyle": "the style's enums",
    "QKeySequence": "the standard keys (the menus' actions come after the paint)",
    "QAction": "the menus' actions",
    "QMessageBox": "a dialog",
    "QIcon": "icons (the theme icon enum)",
    "QPainter": "painting the tree's marks",
    "QFont": "zoom and bold rows",
    "QTextCharFormat": "highlighting hit words",
    "QDesktopServices": "opening links",
    "QStyleOptionViewItem": "sizing the tree's rows",
}


def fresh_window(script: str, home: Path) -> tuple[Any, str]:
    """Run ``script`` (a window made in a fresh interpreter) with its own home: the JSON
    it prints last, and what it wrote on stderr."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FAQ_READER_HOME=str(home))
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def test_the_first_paint_builds_no_qt_type_it_does_not_draw_with(tmp_path):
    names, _ = fresh_window(BEFORE_PAINT, tmp_path)
    built = set(names)
    assert "QMainWindow" in built and "QTreeView" in built  # the check does see types
    early = {name: why for name, why in NOT_BEFORE_PAINT.items() if name in built}
    assert not early, f"read before the first paint: {early}"


# The window set up in full (its refresh and packs parts made, the index opened), idle.
SET_UP = r"""
import json, sys
from PySide6.QtCore import QDeadlineTimer, QEventLoop
from reader.paths import Paths
from reader.ui.app import create_application, create_window
paths = Paths.from_environment()
app = create_application([], paths)
window = create_window(app, paths)
window.show()
def ready():
    service = window.search.service
    return bool(window.refresh and window.packs and service and service.ready)
deadline = QDeadlineTimer(150_000)
while not ready() and not deadline.hasExpired():
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
print(json.dumps({"ready": ready(), "modules": sorted(sys.modules)}))
"""

# Modules a window that only reads never needs: each comes with the first refresh.
NOT_UNTIL_A_REFRESH = {
    "reader.sync.http": "the wiki's HTTP client",
    "ssl": "OpenSSL (about 5 MB)",
    "http.client": "the HTTP protocol",
}


def test_a_window_that_only_reads_never_loads_the_http_stack(tmp_path):
    state, stderr = fresh_window(SET_UP, tmp_path)
    assert state["ready"], f"the window did not finish setting up: {stderr[-2000:]}"
    loaded = {name: why for name, why in NOT_UNTIL_A_REFRESH.items() if name in state["modules"]}
    assert not loaded, f"loaded by a window that only reads: {loaded}"


def test_the_tree_roles_are_qt_own_values():
    ours = {
        "DisplayRole": tree_model.DISPLAY_ROLE,
        "DecorationRole": tree_model.DECORATION_ROLE,
        "ToolTipRole": tree_model.TOOLTIP_ROLE,
        "FontRole": tree_model.FONT_ROLE,
        "ForegroundRole": tree_model.FOREGROUND_ROLE,
        "AccessibleTextRole": tree_model.ACCESSIBLE_TEXT_ROLE,
        "UserRole": tree_model.USER_ROLE,
    }
    qt = {name: getattr(Qt.ItemDataRole, name).value for name in ours}
    assert ours == qt
