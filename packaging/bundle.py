"""What goes into the PyInstaller bundle, and what is left out (used by ``build.spec``).

The app uses QtCore, QtGui, QtWidgets and QtPrintSupport from Python, and QtSvg through
Qt's SVG icon engine and image plugin (the app icon). Everything else that PySide6's hooks
would bring (QtNetwork's TLS backends, Wayland, OpenGL glue, input-device plugins, 40
languages of Qt's own translations) is filtered out of the analysis here, so the rules are
plain data that a unit test can check without building anything.

Names are matched on the destination path inside the bundle, which has the same shape on
Linux (``PySide6/Qt/plugins/platforms/libqxcb.so``) and Windows
(``PySide6/plugins/platforms/qwindows.dll``).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

Entry = tuple[str, str, str]  # a PyInstaller TOC entry: destination, source, type

APP_NAME = "faq-reader"
CLI_NAME = "faq-reader-cli"  # Windows only: the console twin of the windowed program

# Plugins kept, by plugin folder; names are stems without the ``lib``/``q`` prefix and the
# extension (``libqxcb.so``, ``qwindows.dll`` → ``xcb``, ``windows``). A folder not listed
# here is dropped whole.
KEEP_PLUGINS: dict[str, set[str]] = {
    # xcb also serves Wayland sessions through XWayland (the Wayland plugin and its shell,
    # decoration and graphics plugins cost 2.5 MiB for no gain to a widgets app);
    # offscreen/minimal serve tests and headless runs.
    "platforms": {"xcb", "offscreen", "minimal", "windows", "cocoa"},
    "platforminputcontexts": {
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    },
    "platformthemes": {"xdgdesktopportal"},  # not gtk3: it would pull GTK into the bundle
    "imageformats": {"gif", "ico", "jpeg", "svg"},  # PNG is built into QtGui
    "iconengines": {"svgicon"},
    "printsupport": {"cupsprintersupport", "windowsprintersupport"},
    "styles": {"modernwindowsstyle", "windowsvistastyle"},
}

# Qt's own translations: only those of the languages the interface has.
KEEP_TRANSLATIONS = {"qtbase_fr.qm", "qtbase_en.qm"}

# Qt libraries that PySide6's hooks may collect and that nothing in the app loads.
DROP_QT_LIBS = re.compile(
    r"Qt6(Network|Qml\w*|Quick\w*|OpenGL\w*|Pdf\w*|Designer\w*|Help|Test|Sql|Xml|UiTools|"
    r"Concurrent|Wayland\w*|Wl\w*|EglFS\w*|Lottie|Labs\w*|VirtualKeyboard\w*|"
    r"ShaderTools)\b",
    re.IGNORECASE,
)

# Loaded with dlopen(), so no binary names them: never dropped as an orphan.
ALWAYS_KEEP = {"libdbus-1.so.3"}

# Standard-library and tooling modules the reader never imports.
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "unittest",
    "doctest",
    "pydoc",
    "pydoc_data",
    "lib2to3",
    "distutils",
    "ensurepip",
    "venv",
    "test",
    "curses",
    "sqlite3",
    "xmlrpc",
    "setuptools",
    "pkg_resources",
    "pip",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "ruff",
    "PyInstaller",
    # Qt bindings the app does not use (PySide6's hooks stay on the modules imported).
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtOpenGL",
    "PySide6.QtDBus",
    "PyQt5",
    "PyQt6",
    "PySide2",
]


def _plugin_stem(filename: str) -> str:
    stem = filename.split(".", 1)[0]
    if stem.startswith("lib"):
        stem = stem[3:]
    if stem.startswith("q"):
        stem = stem[1:]
    return stem.removesuffix("d") if stem.endswith("svgd") else stem


def keep(dest: str) -> bool:
    """Whether a file (its destination path in the bundle) belongs in the bundle."""
    path = PurePosixPath(dest.replace("\\", "/"))
    parts = path.parts
    if DROP_QT_LIBS.search(path.name):  # also the copies PyInstaller puts at the top
        return False
    if "PySide6" not in parts:
        return True
    if "plugins" in parts:
        index = parts.index("plugins")
        if len(parts) <= index + 2:
            return True
        folder = parts[index + 1]
        return _plugin_stem(path.name) in KEEP_PLUGINS.get(folder, set())
    if "translations" in parts:
        return path.name in KEEP_TRANSLATIONS
    return not ("qml" in parts or "metatypes" in parts)


def trim(toc: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The entries of a PyInstaller TOC (dest, source, type) that ``keep`` accepts."""
    return [entry for entry in toc if keep(entry[0])]


def _key(dest: str) -> str:
    return PurePosixPath(dest.replace("\\", "/")).name.lower()


def _link_target(entry: Entry) -> str:
    dest, src, _ = entry
    return posixpath.normpath(posixpath.join(posixpath.dirname(dest.replace("\\", "/")), src))


def trim_binaries(toc: Iterable[Entry], needs: Callable[[str], Iterable[str]]) -> list[Entry]:
    """``trim`` for binaries, also dropping what only the dropped files needed.

    PyInstaller collects the libraries that every plugin links to (the GTK theme plugin
    brings GTK, Pango, Cairo …) before the spec can filter the plugins. A library is
    dropped when something dropped needs it and nothing kept does. ``needs(source)``
    gives the names of the libraries a binary links to (``bindepend.get_imports``).
    Symbolic links to dropped files go too.
    """
    toc = list(toc)
    files = [e for e in toc if e[2] != "SYMLINK"]
    by_name = {_key(e[0]): e for e in files}

    def closure(roots: Iterable[Entry]) -> set[str]:
        seen: set[str] = set()
        todo = list(roots)
        while todo:
            entry = todo.pop()
            for name in needs(entry[1]):
                key = _key(name)
                if key in by_name and key not in seen:
                    seen.add(key)
                    todo.append(by_name[key])
        return seen

    dropped = [e for e in files if not keep(e[0])]
    kept = [e for e in files if keep(e[0])]
    candidates = closure(dropped) - {_key(e[0]) for e in dropped} - ALWAYS_KEEP
    needed = closure(e for e in kept if _key(e[0]) not in candidates)
    orphans = candidates - needed
    kept = [e for e in kept if _key(e[0]) not in orphans]
    kept_dests = {e[0].replace("\\", "/") for e in kept}
    links = [e for e in toc if e[2] == "SYMLINK" and _link_target(e) in kept_dests]
    return kept + links


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``"0.1.0"`` → ``(0, 1, 0, 0)``: Windows' fixed file version (local part dropped)."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:4]]
    return tuple([*numbers, 0, 0, 0, 0][:4])  # type: ignore[return-value]


def read_version(init_file: str) -> str:
    """The package's ``__version__``, read from ``reader/__init__.py`` without importing it."""
    with open(init_file, encoding="utf-8") as handle:
        match = re.search(r'^__version__ = "([^"]+)"', handle.read(), re.MULTILINE)
    if not match:
        raise ValueError(f"no __version__ in {init_file}")
    return match.group(1)


def version_info(version: str, exe_name: str, description: str):
    """A Windows version resource (``VSVersionInfo``) for one executable."""
    from PyInstaller.utils.win32 import versioninfo as vi

    numbers = version_tuple(version)
    strings = {
        "CompanyName": "faq-reader developers",
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": exe_name,
        "LegalCopyright": "GPL-3.0-or-later",
        "OriginalFilename": f"{exe_name}.exe",
        "ProductName": "Lecteur FAQ Cagette.net",
        "ProductVersion": version,
    }
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            # 040C04B0: French (France), Unicode.
            vi.StringFileInfo(
                [vi.StringTable("040C04B0", [vi.StringStruct(k, v) for k, v in strings.items()])]
            ),
            vi.VarFileInfo([vi.VarStruct("Translation", [0x040C, 1200])]),
        ],
    )
