"""``faq-reader`` started where no window can open (over SSH, a broken Qt platform): one French
line that points to the command line, and exit code 1, not Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

NO_SCREEN = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}


def start_reader(tmp_path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in NO_SCREEN}
    environment.update(env, FAQ_READER_HOME=str(tmp_path / "home"))
    return subprocess.run(
        [sys.executable, "-m", "reader"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def assert_one_french_line(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    line = lines[0]
    assert line.startswith("faq-reader: la fenêtre a besoin d'une session graphique")
    assert "faq-reader search" in line and "faq-reader show" in line
    assert "Traceback" not in done.stderr and "xcb" not in line
    assert done.stdout == ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland are Linux's")
def test_over_ssh_without_a_display_one_french_line(tmp_path):
    assert_one_french_line(start_reader(tmp_path))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland are Linux's")
def test_a_display_that_does_not_answer_gives_the_same_line(tmp_path):
    assert_one_french_line(start_reader(tmp_path, QT_QPA_PLATFORM="xcb", DISPLAY=":9999"))


def test_a_qt_platform_that_does_not_exist_gives_the_same_line(tmp_path):
    assert_one_french_line(start_reader(tmp_path, QT_QPA_PLATFORM="nonexistent"))
