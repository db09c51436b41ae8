"""pytest plugin: a real, throwaway DokuWiki for the ``dokuwiki`` integration tests.

Load it from ``tests/conftest.py`` with ``pytest_plugins = ["tests.dokuwiki_server"]``.
The ``dokuwiki_url`` fixture runs ``tools/dokuwiki/start-dokuwiki.sh -D -s
tests/data/dokuwiki`` once per session on a free loopback port and stops it afterwards.
Without ``/usr/share/dokuwiki/doku.php`` or ``php`` the tests are skipped, unless
``FAQ_READER_REQUIRE_DOKUWIKI=1`` (CI), in which case they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools" / "dokuwiki"
SEED = ROOT / "tests" / "data" / "dokuwiki"


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``dokuwiki`` marker."""
    config.addinivalue_line("markers", "dokuwiki: needs a real DokuWiki (php + Debian package)")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the conformance harness's figures (``tests/integration/test_fidelity.py``
    keeps them in its reports' ``fidelity`` property) when it ran."""
    from tests.fidelity import report_header

    tables = sorted(
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", "") == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == "fidelity"
    )
    if tables:
        terminalreporter.section("DokuWiki conformance (ours/DokuWiki)")
        for table in tables:
            title, _, rows = table.partition("\n")
            terminalreporter.write_line(f"\n{title}\n{report_header()}\n{rows}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _unavailable(reason: str) -> None:
    if os.environ.get("FAQ_READER_REQUIRE_DOKUWIKI") == "1":
        pytest.fail(f"DokuWiki required (FAQ_READER_REQUIRE_DOKUWIKI=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def dokuwiki_url() -> Iterator[str]:
    """Base URL (ending in ``/``) of a seeded DokuWiki on 127.0.0.1."""
    if not Path("/usr/share/dokuwiki/doku.php").is_file():
        _unavailable("DokuWiki is not installed (/usr/share/dokuwiki/doku.php missing)")
    if shutil.which("php") is None:
        _unavailable("php is not installed")
    port = _free_port()
    workdir = f"/tmp/faq-reader-dw-{port}"
    args = ["-p", str(port), "-w", workdir]
    started = subprocess.run(
        ["bash", str(TOOLS / "start-dokuwiki.sh"), "-D", "-s", str(SEED), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if started.returncode != 0:
        subprocess.run(["bash", str(TOOLS / "stop-dokuwiki.sh"), *args], check=False)
        _unavailable(f"start-dokuwiki.sh failed: {started.stderr.strip()[-500:]}")
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        subprocess.run(
            ["bash", str(TOOLS / "stop-dokuwiki.sh"), *args],
            capture_output=True,
            timeout=60,
            check=False,
        )


def fetch(base_url: str, page_id: str, action: str) -> str:
    """GET ``doku.php?id=<page_id>&do=<action>`` and return the body as text."""
    query = urllib.parse.urlencode({"id": page_id, "do": action})
    with urllib.request.urlopen(f"{base_url}doku.php?{query}", timeout=30) as response:
        return response.read().decode("utf-8")
