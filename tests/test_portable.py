"""Portable mode: a reader that lives on a USB stick keeps its files beside itself.

Each story runs the real command from a launcher copied into a folder whose name has
spaces and accents, with a fake user profile (``HOME``, ``XDG_*``) to check that nothing
lands there. Read-only and full sticks are real tmpfs mounts when the tests may mount
(root in a container); otherwise a file standing where the data folder should be plays
the read-only stick (root can write anywhere else, so ``chmod`` proves nothing).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader import paths

REPO = Path(__file__).resolve().parent.parent
LAUNCHER = f"""#!{sys.executable}
import sys
from reader.cli import main
sys.exit(main())
"""


@pytest.fixture
def program(tmp_path: Path) -> Path:
    """A copied launcher in ``Lecteur FAQ éleveurs/``; returns the launcher."""
    folder = tmp_path / "clé USB" / "Lecteur FAQ éleveurs"
    folder.mkdir(parents=True)
    launcher = folder / "faq-reader"
    launcher.write_text(LAUNCHER, encoding="utf-8")
    launcher.chmod(0o755)
    return launcher


@pytest.fixture
def profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake user profile for platformdirs, and no FAQ_READER_HOME."""
    home = tmp_path / "profil"
    home.mkdir()
    monkeypatch.delenv("FAQ_READER_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    for name, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    return home


def run(launcher: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [str(launcher), *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def info(launcher: Path, *args: str) -> dict:
    result = run(launcher, *args, "info", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_portable_marker_keeps_every_file_beside_the_program(program: Path, profile: Path) -> None:
    (program.parent / "portable").touch()
    data_root = program.parent / paths.PORTABLE_DATA
    described = info(program)["user_files"]
    assert described["mode"] == "portable"
    assert described["writable"] is True
    for key in ("data", "cache", "config", "log"):
        assert Path(described[key]).is_relative_to(data_root)
    result = run(program, "search", "livraison", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["question"].startswith("Puis-je faire de la livraison")
    assert any("cache" in p.parts for p in files_under(data_root))  # the index is on the stick
    assert files_under(profile) == []


def test_info_says_which_mode_is_active(program: Path, profile: Path) -> None:
    text = run(program, "--portable", "info").stdout
    assert "mode portable" in text and str(program.parent / paths.PORTABLE_DATA) in text
    text = run(program, "info").stdout
    assert "dossiers habituels" in text and str(profile) in text


def test_portable_option_without_marker(program: Path, profile: Path) -> None:
    assert info(program, "--portable")["user_files"]["mode"] == "portable"
    assert info(program)["user_files"]["mode"] == "platformdirs"
    assert Path(info(program)["user_files"]["data"]).is_relative_to(profile)


def test_marker_made_in_windows_explorer_counts_too(program: Path, profile: Path) -> None:
    (program.parent / "portable.txt").write_text("", encoding="utf-8")
    assert info(program)["user_files"]["mode"] == "portable"


def test_faq_reader_home_wins_over_portable(program: Path, profile: Path, tmp_path: Path) -> None:
    (program.parent / "portable").touch()
    chosen = tmp_path / "choisi"
    os.environ["FAQ_READER_HOME"] = str(chosen)
    try:
        described = info(program)["user_files"]
    finally:
        del os.environ["FAQ_READER_HOME"]
    assert described["mode"] == "FAQ_READER_HOME"
    assert Path(described["data"]).is_relative_to(chosen)


def _cli_has_storage_hook() -> bool:
    return "storage_problem" in (REPO / "reader" / "cli" / "__init__.py").read_text(
        encoding="utf-8"
    )


def assert_reads_bundled_faq_and_says_once(
    program: Path, reason: str, *, blocked: bool = True
) -> None:
    """The reader still lists and searches the bundled FAQ; info tells what cannot be saved."""
    listed = run(program, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) >= 9
    found = run(program, "search", "livraison", "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout), "search works from an index kept in memory"
    if blocked:  # a full disk still lets ``info`` create an empty probe file
        assert info(program)["user_files"]["writable"] is False
    if _cli_has_storage_hook():
        lines = [line for line in listed.stderr.splitlines() if "impossible d'enregistrer" in line]
        assert len(lines) == 1 and reason in lines[0], listed.stderr


def problem_for(program: Path) -> str | None:
    """``storage_problem()`` as the program in that folder, in portable mode, sees it."""
    code = (
        "import sys; sys.argv = [sys.argv[1]]\n"
        "from reader import paths\n"
        "print(paths.storage_problem(paths.Paths.from_environment(portable=True)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("FAQ_READER_HOME", None)
    out = subprocess.run(
        [sys.executable, "-c", code, str(program)], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    return None if out.stdout.strip() == "None" else out.stdout.strip()


def test_data_folder_blocked_by_a_file_still_opens_and_says_why(
    program: Path, profile: Path
) -> None:
    (program.parent / "portable").touch()
    (program.parent / paths.PORTABLE_DATA).write_text("pas un dossier", encoding="utf-8")
    problem = problem_for(program)
    assert problem is not None
    assert "pas un dossier" in problem and "la FAQ fournie reste lisible" in problem
    assert "\n" not in problem
    assert_reads_bundled_faq_and_says_once(program, "pas un dossier")
    assert files_under(profile) == []


@contextlib.contextmanager
def tmpfs(where: Path, size: str = "256k") -> Iterator[Path]:
    """A small tmpfs mounted at ``where`` (skips the test when mounting is not allowed)."""
    where.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)


def _copy_program_to(stick: Path) -> Path:
    folder = stick / "Lecteur FAQ éleveurs"
    folder.mkdir()
    launcher = folder / "faq-reader"
    launcher.write_text(LAUNCHER, encoding="utf-8")
    launcher.chmod(0o755)
    (folder / "portable").touch()
    return launcher


def test_read_only_stick(tmp_path: Path, profile: Path) -> None:
    with tmpfs(tmp_path / f"stick-{uuid.uuid4().hex[:6]}") as stick:
        program = _copy_program_to(stick)
        subprocess.run(["mount", "-o", "remount,ro", str(stick)], check=True)
        problem = problem_for(program)
        assert problem is not None and "lecture seule" in problem
        assert str(program.parent / paths.PORTABLE_DATA) in problem
        assert_reads_bundled_faq_and_says_once(program, "lecture seule")
    assert files_under(profile) == []


def test_full_stick(tmp_path: Path, profile: Path) -> None:
    with tmpfs(tmp_path / f"stick-{uuid.uuid4().hex[:6]}") as stick:
        program = _copy_program_to(stick)
        with contextlib.suppress(OSError), (stick / "remplissage").open("wb") as handle:
            handle.write(b"\0" * (1 << 20))
        problem = problem_for(program)
        assert problem is not None and "plein" in problem
        assert_reads_bundled_faq_and_says_once(program, "plein", blocked=False)


def test_no_problem_reported_and_nothing_created_when_all_is_well(tmp_path: Path) -> None:
    root = tmp_path / "neuf"
    dirs = paths.Paths(
        REPO / "resources", root / "d", root / "c", root / "f", root / "l", "FAQ_READER_HOME"
    )
    assert paths.storage_problem(dirs) is None
    assert list(tmp_path.iterdir()) == []


def test_full_disk_is_told_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Usage:
        free = 10

    monkeypatch.setattr(paths.shutil, "disk_usage", lambda _path: Usage())
    assert paths.write_problem(tmp_path / "x") == "le disque est plein"


def test_only_the_unwritable_part_is_named(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("", encoding="utf-8")
    dirs = paths.Paths(
        REPO / "resources",
        tmp_path / "data",
        tmp_path / "cache" / "faq",
        tmp_path / "config",
        tmp_path / "log",
        "platformdirs",
    )
    problem = paths.storage_problem(dirs)
    assert problem is not None
    assert "sans garder l'index de recherche (" in problem
    assert "réglages" not in problem
