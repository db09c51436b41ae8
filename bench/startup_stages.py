"""Where the window's start-up time goes, stage by stage, in one process.

Complements ``startup_bench.py`` (which compares whole starts with a bare PySide6 window):
prints the time spent importing the CLI and logging, PySide6's widgets, the window's
modules, building the window, and painting it. Under Xvfb, with byte-code cached::

    Xvfb :99 -noreset -screen 0 1280x800x24 &
    for i in 1 2 3 4 5; do DISPLAY=:99 PYTHONDONTWRITEBYTECODE= \
        PYTHONPYCACHEPREFIX=/tmp/pyc python bench/startup_stages.py; done
"""

import os
import time

t0 = time.perf_counter()
import reader.cli  # noqa: E402, F401 - what the faq-reader command imports first
from reader.logs import hold_early_records  # noqa: E402
from reader.paths import Paths  # noqa: E402

hold_early_records()
t1 = time.perf_counter()
from PySide6.QtWidgets import QApplication  # noqa: E402, F401

t2 = time.perf_counter()
from reader.ui.app import create_application, create_window  # noqa: E402

paths = Paths.from_environment()
app = create_application([], paths)
t3 = time.perf_counter()
from reader.ui.window import main_window  # noqa: E402, F401

t4 = time.perf_counter()
window = create_window(app, paths)
t5 = time.perf_counter()


def painted() -> None:
    t6 = time.perf_counter()
    stages = (
        ("reader.cli + logs", t1 - t0),
        ("PySide6.QtWidgets", t2 - t1),
        ("QApplication", t3 - t2),
        ("window modules", t4 - t3),
        ("build the window", t5 - t4),
        ("to first paint", t6 - t5),
    )
    print("  ".join(f"{name} {1000 * seconds:.0f} ms" for name, seconds in stages), flush=True)
    os._exit(0)


window.firstPainted.connect(painted)
app.exec()
