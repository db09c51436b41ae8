"""Start to a visible window: the PyInstaller bundle against the installed package.

Both programs are started alternately as a user would (no injected code), under a real X
server; the time is from ``Popen`` to the moment ``xdotool`` sees a visible window of the
child's process id (polled every 20 ms). Needs Xvfb and xdotool::

    Xvfb :99 -noreset -screen 0 1280x800x24 &  # -noreset: no reset between runs
    DISPLAY=:99 python packaging/startup_compare.py dist/faq-reader/faq-reader --runs 9

Target (issue 6): the bundle's median no slower than the installed package's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_ERRORS = open(os.environ.get("STARTUP_COMPARE_ERRORS", os.devnull), "w")  # noqa: SIM115


def time_to_window(command: list[str], env: dict[str, str], timeout: float = 30) -> float:
    """Milliseconds from start to a visible window of the started process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=_ERRORS)
    try:
        while time.perf_counter() - started < timeout:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--pid", str(child.pid)],
                capture_output=True,
                check=False,
            )
            if found.stdout.strip():
                return (time.perf_counter() - started) * 1000
            if child.poll() is not None:
                raise RuntimeError(f"{command[0]} exited with {child.returncode}")
            time.sleep(0.02)  # faster polling starves the X server of connections
        raise RuntimeError(f"no window from {command[0]} in {timeout} s")
    finally:
        child.terminate()
        child.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the bundle's program (dist/faq-reader/…)")
    parser.add_argument("--installed", default=shutil.which("faq-reader") or "faq-reader")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") or not shutil.which("xdotool"):
        print("run under an X server (DISPLAY) with xdotool installed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, FAQ_READER_HOME=home)
        env.pop("QT_QPA_PLATFORM", None)
        commands = {"bundle": [str(args.bundle)], "installed": [args.installed]}
        for command in commands.values():
            time_to_window(command, env)  # warm the disk cache, write the settings and index
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(time_to_window(command, env))
    for name, values in times.items():
        print(f"{name:9}: median {statistics.median(values):6.0f} ms (min {min(values):6.0f})")
    ratio = statistics.median(times["bundle"]) / statistics.median(times["installed"])
    print(f"bundle / installed: {ratio:.2f} (target ≤ 1.00)")
    return 0 if ratio <= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
