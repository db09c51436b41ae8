"""A small disk for a test's per-user folder, that the test makes read-only or full.

A real tmpfs where the test may mount one (root with CAP_SYS_ADMIN, as here and in CI);
otherwise a plain folder whose writes are made to fail, in the ``faq-reader`` processes
the test starts, by ``disk_stub/`` (put first on their PYTHONPATH). Which of the two ran
is the :attr:`Disk.how` of the disk, and a stub run says so with a warning
(``FAQ_READER_TEST_STUB_DISK=1`` makes the stub run where mounting works).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

STUB = Path(__file__).resolve().parent / "disk_stub"
REPO = Path(__file__).resolve().parents[2]


@dataclass
class Disk:
    """A folder on a small disk: ``how`` is ``tmpfs`` or ``stub``."""

    root: Path
    how: str
    fault: str = ""

    def env(self) -> dict[str, str]:
        """What a ``faq-reader`` process needs in its environment to meet the fault."""
        if self.how == "tmpfs" or not self.fault:
            return {}
        return {
            "PYTHONPATH": f"{STUB}{os.pathsep}{REPO}",
            "FAQ_READER_TEST_DISK_FAULT": f"{self.fault}:{self.root}",
        }

    def make_read_only(self) -> None:
        if self.how == "tmpfs":
            subprocess.run(["mount", "-o", "remount,ro", str(self.root)], check=True)
        self.fault = "erofs"

    def fill(self) -> None:
        if self.how == "tmpfs":
            with contextlib.suppress(OSError), (self.root / "remplissage").open("wb") as handle:
                while True:
                    handle.write(b"\0" * (1 << 16))
                    handle.flush()
        self.fault = "enospc"


@contextlib.contextmanager
def small_disk(where: Path, size: str = "16m") -> Iterator[Disk]:
    """A disk of ``size`` at ``where`` (see the module's docstring)."""
    where.mkdir(parents=True, exist_ok=True)
    try:
        if os.environ.get("FAQ_READER_TEST_STUB_DISK") == "1":  # to try the stub here
            raise OSError("mounting not tried")
        mounted = (
            subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                capture_output=True,
                check=False,
            ).returncode
            == 0
        )
    except OSError:  # no mount command
        mounted = False
    if not mounted:
        warnings.warn(
            "cannot mount a tmpfs here: the disk faults are simulated in the reader's processes",
            stacklevel=3,
        )
        yield Disk(where, "stub")
        return
    try:
        yield Disk(where, "tmpfs")
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)
