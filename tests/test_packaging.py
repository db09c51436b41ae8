"""The program folder users get: what goes in, desktop integration, and a built bundle.

The quick tests check the rules of ``packaging/bundle.py``, the icons and the desktop
entry. ``test_bundle_smoke`` builds ``build.spec`` with PyInstaller and runs the result as
a user would (``./faq-reader …``); it takes about a minute, so it runs only with
``FAQ_READER_SMOKE=1`` (``.ci/run`` sets it), and then fails rather than skips if
PyInstaller is missing.
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "packaging"))

import bundle  # noqa: E402

from reader import __version__, paths  # noqa: E402
from reader.cli import desktop as desktop_cli  # noqa: E402

MIB = 1 << 20
MAX_UNPACKED = 140 * MIB


# -- what goes into the bundle -------------------------------------------------------------
@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/plugins/imageformats/qjpeg.dll",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt/translations/qtbase_fr.qm",
        "PySide6/Qt/lib/libQt6PrintSupport.so.6",
        "PySide6/Qt6Svg.dll",
        "resources/pages/faq-kit-durgence.txt",
        "resources/translations/faq_reader_fr.qm",
        "libicudata.so.73",
    ],
)
def test_what_the_app_uses_goes_in(dest: str) -> None:
    assert bundle.keep(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/imageformats/libqwebp.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/plugins/generic/qtuiotouchplugin.dll",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/translations/qt_help_fr.qm",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "libQt6Network.so.6",
        "PySide6/Qt6Quick.dll",
        "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6",
        "PySide6/Qt/qml/QtQuick/qmldir",
    ],
)
def test_what_the_app_does_not_use_stays_out(dest: str) -> None:
    assert not bundle.keep(dest)


def test_libraries_only_dropped_plugins_need_go_too() -> None:
    toc = [
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/s/libqgtk3.so", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/libqxcb.so", "BINARY"),
        ("libgtk-3.so.0", "/s/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/s/libcairo.so.2", "BINARY"),
        ("libxcb.so.1", "/s/libxcb.so.1", "BINARY"),
        ("libdbus-1.so.3", "/s/libdbus-1.so.3", "BINARY"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/s/libQt6Core.so.6", "BINARY"),
    ]
    graph = {
        "/s/libqgtk3.so": ["libgtk-3.so.0", "libcairo.so.2", "libxcb.so.1", "libdbus-1.so.3"],
        "/s/libgtk-3.so.0": ["libcairo.so.2"],
        "/s/libqxcb.so": ["libxcb.so.1", "libQt6Core.so.6"],
    }
    kept = {entry[0] for entry in bundle.trim_binaries(toc, lambda src: graph.get(src, []))}
    assert kept == {
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "libxcb.so.1",  # still needed by xcb
        "libdbus-1.so.3",  # loaded with dlopen() by QtDBus
        "libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6Core.so.6",
    }


def test_windows_version_resource_comes_from_the_package_version(monkeypatch) -> None:
    assert bundle.read_version(str(REPO / "reader" / "__init__.py")) == __version__
    assert bundle.version_tuple("1.2.3") == (1, 2, 3, 0)
    assert bundle.version_tuple("0.1.0rc2+local.5") == (0, 1, 0, 2)
    compat = pytest.importorskip("PyInstaller.compat")
    # PyInstaller's version-resource module imports Windows-only helpers it does not need
    # to build and serialise the structure: stand-ins let the test run on Linux.
    monkeypatch.setitem(sys.modules, "pefile", sys.modules.get("pefile", ModuleType("pefile")))
    monkeypatch.setattr(compat, "win32api", getattr(compat, "win32api", None), raising=False)
    resource = bundle.version_info("1.2.3", "faq-reader", "Lecteur FAQ Cagette.net")
    assert "filevers=(1, 2, 3, 0)" in str(resource) and "faq-reader.exe" in str(resource)
    assert len(resource.toRaw()) > 500


def test_resources_are_found_first_in_the_bundle(tmp_path, monkeypatch) -> None:
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "manifest.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"
    monkeypatch.delattr(sys, "_MEIPASS")
    assert (paths.resources_dir() / "manifest.json").is_file()


def test_only_paths_py_finds_bundled_files_from_the_module_file() -> None:
    """``__file__`` differs between a checkout, a wheel and a bundle: one place handles it.

    Other uses of ``__file__`` (hashing the package's own sources) are not lookups of
    bundled files; a module that names resources, translations or icons must go through
    ``resources_dir()``.
    """
    offenders = []
    for path in (REPO / "reader").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names_bundled_files = any(w in text for w in ('"resources"', "translations", '"icons"'))
        if path.name != "paths.py" and "__file__" in text and names_bundled_files:
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


# -- icons --------------------------------------------------------------------------------
def test_icons_are_rendered_from_the_svg_with_a_windows_ico(tmp_path: Path) -> None:
    script = REPO / "packaging" / "icons.py"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, env=env, timeout=60)
    ico = (tmp_path / "faq-reader.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind, count) == (0, 1, 7)
    sizes = [struct.unpack_from("<B", ico, 6 + 16 * i)[0] for i in range(count)]
    assert sizes == [16, 24, 32, 48, 64, 128, 0]  # 0 is 256
    assert (tmp_path / "faq-reader-256.png").read_bytes().startswith(b"\x89PNG")


# -- desktop integration -------------------------------------------------------------------
def test_shipped_desktop_file_is_the_generated_entry() -> None:
    shipped = (REPO / "packaging" / "linux" / "faq-reader.desktop").read_text(encoding="utf-8")
    assert shipped == desktop_cli.desktop_entry(["faq-reader"])
    entry = configparser.RawConfigParser()
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read_string(shipped)
    section = entry["Desktop Entry"]
    assert section["Categories"] == "Education;Office;"
    assert section["Name[fr]"] and section["Comment[fr]"] and section["Comment"]
    assert section["Icon"] == "faq-reader"


@pytest.mark.parametrize(
    ("arg", "quoted"),
    [
        ("/opt/faq-reader/faq-reader", "/opt/faq-reader/faq-reader"),
        (
            "/media/clé USB/Lecteur FAQ éleveurs/faq-reader",
            '"/media/clé USB/Lecteur FAQ éleveurs/faq-reader"',
        ),
        ("/home/a$b", '"/home/a\\\\$b"'),
        ("50%", "50%%"),
    ],
)
def test_exec_arguments_are_quoted_as_the_spec_says(arg: str, quoted: str) -> None:
    assert desktop_cli.quote_exec_arg(arg) == quoted


def test_install_desktop_writes_entry_and_icon_for_the_user(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    program = "/media/clé USB/Lecteur FAQ éleveurs/faq-reader"
    entry_path, icon_path = desktop_cli.install(paths.resources_dir(), command=[program])
    assert entry_path == tmp_path / "share/applications/faq-reader.desktop"
    assert icon_path == tmp_path / "share/icons/hicolor/scalable/apps/faq-reader.svg"
    assert f'Exec="{program}"\n' in entry_path.read_text(encoding="utf-8")
    assert icon_path.read_bytes().startswith(b"<svg")
    validate = shutil.which("desktop-file-validate")
    if validate:
        result = subprocess.run([validate, str(entry_path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    assert desktop_cli.uninstall() == [entry_path, icon_path]
    assert not entry_path.exists() and not icon_path.exists()


def test_install_desktop_command(tmp_path, monkeypatch, capsys) -> None:
    import argparse

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    parser = argparse.ArgumentParser()
    desktop_cli.add_parsers(parser.add_subparsers())
    folders = paths.Paths.under(tmp_path / "home")
    args = parser.parse_args(["install-desktop"])
    assert args.func(args, folders) == 0
    out = capsys.readouterr().out
    assert "faq-reader.desktop" in out and (tmp_path / "applications").is_dir()
    args = parser.parse_args(["install-desktop", "--print"])
    assert args.func(args, folders) == 0
    assert capsys.readouterr().out.startswith("[Desktop Entry]\n")


# -- the built bundle ----------------------------------------------------------------------
SMOKE = os.environ.get("FAQ_READER_SMOKE") == "1"


def tree_size(folder: Path) -> int:
    """Bytes of the files and links under ``folder`` (``du -sb`` without the directories)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir() or p.is_symlink())


def installed_command() -> list[str]:
    script = Path(sys.executable).parent / "faq-reader"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "reader"]


def run_cli(command: list[str], args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FAQ_READER_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


@pytest.mark.slow
@pytest.mark.skipif(not SMOKE, reason="builds the bundle: set FAQ_READER_SMOKE=1")
def test_bundle_smoke(tmp_path: Path) -> None:
    figures: dict[str, str] = {}
    test_started = time.perf_counter()
    # A folder name with spaces and accents, as on a French Windows (Programmes, éleveurs).
    dist = tmp_path / "Lecteur FAQ éleveurs"
    started = time.perf_counter()
    build = subprocess.run(
        [
            *(sys.executable, "-m", "PyInstaller", "--noconfirm"),
            *("--distpath", str(dist), "--workpath", str(tmp_path / "build")),
            str(REPO / "build.spec"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
        check=False,
    )
    figures["build"] = f"{time.perf_counter() - started:.0f} s"
    assert build.returncode == 0, build.stderr[-3000:]
    folder = dist / "faq-reader"
    program = folder / "faq-reader"
    internal = folder / "_internal"

    # Contents: resources where resources_dir() looks, only the Qt parts the app uses.
    assert (internal / "resources" / "manifest.json").is_file()
    assert (internal / "resources" / "translations" / "faq_reader_fr.qm").is_file()
    assert (internal / "resources" / "icons" / "faq-reader.svg").is_file()
    assert (folder / "faq-reader.desktop").is_file() and (folder / "faq-reader.svg").is_file()
    qt = internal / "PySide6" / "Qt"
    assert sorted(p.name for p in (qt / "translations").iterdir()) == [
        "qtbase_en.qm",
        "qtbase_fr.qm",
    ]
    assert not (qt / "qml").exists()
    assert [p for p in folder.rglob("*") if p.is_symlink() and not p.exists()] == []
    size = tree_size(folder)
    figures["unpacked"] = f"{size / MIB:.1f} MiB"
    assert size <= MAX_UNPACKED

    # The command line answers exactly as the installed package does.
    for args in (
        ["--version"],
        ["list", "--json"],
        ["search", "livraison", "--json"],
        ["search", "formation des producteurs", "--limit", "3"],
        ["search", "fromaiton", "--json"],  # two edits from "formation": rapidfuzz
    ):
        ours = run_cli([str(program)], args, tmp_path / "home-bundle")
        theirs = run_cli(installed_command(), args, tmp_path / "home-installed")
        assert ours.returncode == theirs.returncode == 0, ours.stderr
        assert ours.stdout == theirs.stdout, args
    described = json.loads(run_cli([str(program)], ["info", "--json"], tmp_path / "h").stdout)
    assert described["resources"] == str(internal / "resources")

    # Portable mode beside the bundle's program.
    (folder / "portable").touch()
    env_home = os.environ.pop("FAQ_READER_HOME", None)
    try:
        result = subprocess.run(
            [str(program), "info", "--json"], capture_output=True, text=True, timeout=60
        )
    finally:
        if env_home is not None:
            os.environ["FAQ_READER_HOME"] = env_home
        (folder / "portable").unlink()
    user_files = json.loads(result.stdout)["user_files"]
    assert user_files["mode"] == "portable"
    assert user_files["data"] == str(folder / "faq-reader-data" / "data")

    # The window: starts offscreen, in French, finds its translations and stays up.
    home = tmp_path / "home-window"
    env = {
        **os.environ,
        "FAQ_READER_HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "fr_FR.UTF-8",
        "LANGUAGE": "fr_FR",
    }
    env.pop("LC_ALL", None)
    started = time.perf_counter()
    window = subprocess.Popen(
        [str(program)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        log = home / "logs" / "faq-reader.log"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and "window shown" not in _read(log):
            assert window.poll() is None, window.communicate()[1]
            time.sleep(0.05)
        figures["window shown"] = f"{time.perf_counter() - started:.2f} s"
        time.sleep(3)  # a fixed wait: the window must not die soon after it is shown
        assert window.poll() is None, window.communicate()[1]
    finally:
        window.terminate()
        _out, errors = window.communicate(timeout=30)
    text = _read(log)
    assert "window shown" in text, errors
    assert "Traceback" not in text and "Traceback" not in errors
    assert "translation" not in text.lower(), text  # both French catalogues were found
    assert "platform plugin" not in errors

    figures["smoke test"] = f"{time.perf_counter() - test_started:.0f} s"
    print("\nbundle smoke: " + ", ".join(f"{k} {v}" for k, v in figures.items()))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def test_every_package_of_the_source_tree_is_installed() -> None:
    """pyproject's explicit package list names every folder of ``reader/`` (a wheel
    without one would fail only on the user's machine)."""
    import tomllib

    listed = set(
        tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "reader").rglob("__init__.py")
    }
    assert found <= listed, sorted(found - listed)
