"""Build the interface translations with Qt's own tools (lupdate, lrelease).

    python tools/build_translations.py            # .ts → .qm (what a build needs)
    python tools/build_translations.py --update   # first refresh the .ts from the sources

The sources are English; ``resources/translations/faq_reader_fr.ts`` holds the French
(edit it with ``pyside6-linguist`` or any text editor). ``qt_extra_fr.ts`` holds the few
strings of Qt's own dialogs that Qt's French lacks; lupdate leaves it alone. The ``.ts``
and the built ``.qm`` are committed, so a plain install has the French interface. The
tools come with PySide6-Essentials: ``pyside6-lupdate`` / ``pyside6-lrelease`` in the
environment's ``bin`` (``Scripts`` on Windows), else the ``lupdate`` / ``lrelease``
binaries inside the PySide6 package folder. The build is reproducible: the same .ts gives
the same .qm.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
SOURCES = sorted((ROOT / "reader" / "ui").rglob("*.py"))
LANGUAGES = ("fr",)


def tool(name: str) -> list[str]:
    """The command for Qt's ``lupdate`` or ``lrelease``, as shipped with PySide6."""
    scripts = Path(sys.executable).parent
    for candidate in (scripts / f"pyside6-{name}", scripts / f"pyside6-{name}.exe"):
        if candidate.is_file():
            return [str(candidate)]
    try:
        import PySide6

        package = Path(PySide6.__file__).parent
        for candidate in (package / name, package / f"{name}.exe"):
            if candidate.is_file():
                return [str(candidate)]
    except ImportError:
        pass
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if found:
        return [found]
    raise SystemExit(f"Qt's {name} not found: install PySide6-Essentials")


def update_sources() -> None:
    for language in LANGUAGES:
        ts = TS_DIR / f"faq_reader_{language}.ts"
        command = [
            *tool("lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *map(str, SOURCES),
            "-ts",
            str(ts),
        ]
        subprocess.run(command, check=True, cwd=ROOT)


def release() -> None:
    for language in LANGUAGES:
        for ts in sorted(TS_DIR.glob(f"*_{language}.ts")):
            qm = ts.with_suffix(".qm")
            subprocess.run([*tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
            print(f"{qm.relative_to(ROOT)}: {qm.stat().st_size} bytes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="run lupdate on the sources first")
    args = parser.parse_args(argv)
    TS_DIR.mkdir(parents=True, exist_ok=True)
    if args.update:
        update_sources()
    release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
