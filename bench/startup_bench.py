"""Cold start to a painted window: faq-reader against a bare PySide6 window with the same widgets.

Both are started as fresh processes, alternately, in the same run; the time is from
``Popen`` to the child's report of its first paint (interpreter start-up included).
Run under a real X server (Xvfb) for meaningful figures::

    Xvfb :99 -screen 0 1280x800x24 &
    DISPLAY=:99 /tmp/venv/bin/python bench/startup_bench.py --runs 15

Byte-code is cached for both (``PYTHONDONTWRITEBYTECODE`` is dropped for the children and
``PYTHONPYCACHEPREFIX`` points into a temp folder), as it is in an installed application.

Target (issue 4): faq-reader's median at most 1.25 × the bare window's median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = r"""
import os, sys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QLabel, QLineEdit, QMainWindow, QSplitter,
    QStackedWidget, QTextBrowser, QToolButton, QTreeView, QListView, QVBoxLayout,
    QHBoxLayout, QWidget)

class Window(QMainWindow):
    done = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.done:
            self.done = True
            print("painted", flush=True)
            os._exit(0)

app = QApplication(sys.argv)
w = Window()
for name in ("Fichier", "Contenu", "Affichage", "Aide"):
    w.menuBar().addMenu(name).addAction("…")
top = QWidget(); row = QHBoxLayout(top)
row.addWidget(QToolButton()); row.addWidget(QToolButton()); row.addWidget(QLineEdit(), 1)
left = QStackedWidget(); left.addWidget(QTreeView()); left.addWidget(QListView())
split = QSplitter(Qt.Orientation.Horizontal); split.addWidget(left); split.addWidget(QTextBrowser())
central = QWidget(); col = QVBoxLayout(central); col.addWidget(top); col.addWidget(split, 1)
w.setCentralWidget(central)
w.statusBar().addPermanentWidget(QLabel("Contenu"))
w.resize(1100, 720)
w.show()
app.exec()
"""

APP = r"""
import os, sys
import reader.cli  # what the faq-reader command imports first
from reader.logs import hold_early_records
hold_early_records()  # as reader.cli.main() does before the window (log file after paint)
from reader.paths import Paths
from reader.ui.app import create_application, create_window
paths = Paths.from_environment()
app = create_application([], paths)
window = create_window(app, paths)
def painted():
    print("painted", flush=True)
    os._exit(0)
window.firstPainted.connect(painted)
app.exec()
"""


def measure(code: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock ms to the first paint, and the CPU ms the child used up to it."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, env=env, text=True
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    _, _, usage = os.wait4(child.pid, 0)  # the child exits right after its report
    child.returncode = 0
    if "painted" not in line:
        raise RuntimeError(f"child did not report a paint: {line!r}")
    return elapsed * 1000, (usage.ru_utime + usage.ru_stime) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
        print("run under an X server (DISPLAY) or set QT_QPA_PLATFORM", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as home:
        # Byte-code cached as in an installed wheel or a PyInstaller bundle (pip compiles at
        # install); kept in a temp prefix so that the checkout is not littered.
        env = dict(os.environ, FAQ_READER_HOME=home, PYTHONPYCACHEPREFIX=f"{home}/pycache")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        measure(APP, env)  # warm the disk cache and write the settings once
        measure(BARE, env)
        bare, app = [], []
        for _ in range(args.runs):
            bare.append(measure(BARE, env))
            app.append(measure(APP, env))
    for label, index in (("wall", 0), ("CPU", 1)):
        b = statistics.median(run[index] for run in bare)
        a = statistics.median(run[index] for run in app)
        low_b, low_a = min(run[index] for run in bare), min(run[index] for run in app)
        print(f"{label:4} bare PySide6 window: median {b:6.1f} ms (min {low_b:6.1f})")
        print(f"{label:4} faq-reader window  : median {a:6.1f} ms (min {low_a:6.1f})")
        print(
            f"{label:4} ratio              : {a / b:.2f} median, {low_a / low_b:.2f} min"
            " (target ≤ 1.25)"
        )
    wall_ratio = statistics.median(r[0] for r in app) / statistics.median(r[0] for r in bare)
    return 0 if wall_ratio <= 1.25 else 1


if __name__ == "__main__":
    sys.exit(main())
