"""``faq-reader install-desktop``: put the reader in the Linux desktop's application menu.

A wheel cannot install into ``/usr/share/applications``, and a program folder copied from a
USB stick has no installer; so the reader writes, for the current user, the freedesktop.org
entry (``$XDG_DATA_HOME/applications/faq-reader.desktop``) and its icon
(``$XDG_DATA_HOME/icons/hicolor/scalable/apps/faq-reader.svg``), with ``Exec`` pointing at
the program that runs the command (installed script, ``python -m reader`` or the bundle).
``packaging/linux/faq-reader.desktop`` is the same entry with ``Exec=faq-reader``, for
distribution packages and the bundle's folder.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.cli.french import Subcommands
    from reader.paths import Paths

DESKTOP_ID = "faq-reader"
ICON_NAME = "faq-reader"

_ENTRY = """\
[Desktop Entry]
Type=Application
Version=1.4
Name=Cagette.net FAQ
Name[fr]=FAQ Cagette.net
GenericName=FAQ reader
GenericName[fr]=Lecteur de FAQ
Comment=Read the Cagette.net wiki FAQ offline and search it
Comment[fr]=Lire hors ligne la FAQ du wiki Cagette.net et y chercher une réponse
Exec={exec}
Icon={icon}
Terminal=false
Categories=Education;Office;
Keywords=FAQ;Cagette;wiki;help;
Keywords[fr]=FAQ;Cagette;wiki;aide;producteurs;
StartupNotify=true
StartupWMClass={wm_class}
"""

# Characters that make a desktop-entry Exec argument need quoting (Desktop Entry spec,
# "The Exec key"), and those to escape with a backslash inside the quotes.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED = set('"`$\\')


def quote_exec_arg(arg: str) -> str:
    """One Exec argument, quoted if needed, with ``%`` doubled and escapes for the file.

    Inside quotes, ``"``, `````, ``$`` and ``\\`` get a backslash; the value as a whole is a
    desktop-file string, where a backslash is written twice.
    """
    arg = arg.replace("%", "%%")
    if arg and not _RESERVED & set(arg):
        return arg
    inner = "".join(f"\\{c}" if c in _ESCAPED else c for c in arg)
    return f'"{inner}"'.replace("\\", "\\\\")


def program_command() -> list[str]:
    """The command that starts this very reader, for ``Exec``.

    Not resolved through symbolic links: a virtual environment's ``python`` is a link, and
    the environment is lost if it is followed.
    """
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).absolute())]
    launcher = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if launcher is not None and launcher.name != "__main__.py" and launcher.is_file():
        return [str(launcher.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "reader"]


def desktop_entry(command: Sequence[str], icon: str = ICON_NAME) -> str:
    """The text of the ``.desktop`` file that runs ``command``."""
    exec_line = " ".join(quote_exec_arg(arg) for arg in command)
    return _ENTRY.format(exec=exec_line, icon=icon, wm_class=DESKTOP_ID)


def data_home() -> Path:
    """``$XDG_DATA_HOME``, else ``~/.local/share`` (the freedesktop.org default)."""
    value = os.environ.get("XDG_DATA_HOME", "").strip()
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local/share"


def installed_paths(base: Path | None = None) -> tuple[Path, Path]:
    base = base or data_home()
    return (
        base / "applications" / f"{DESKTOP_ID}.desktop",
        base / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg",
    )


def install(
    resources: Path,
    base: Path | None = None,
    command: Sequence[str] | None = None,
    portable: bool = False,
) -> list[Path]:
    """Write the entry (a command that keeps ``--portable`` when ``portable``) and the icon
    from ``resources`` for the current user; return the files written."""
    from reader.fsutil import atomic_write_bytes, atomic_write_text

    entry_path, icon_path = installed_paths(base)
    command = list(command or program_command())
    if portable and "--portable" not in command:
        command.append("--portable")
    atomic_write_bytes(icon_path, (resources / "icons" / f"{ICON_NAME}.svg").read_bytes())
    atomic_write_text(entry_path, desktop_entry(command))
    entry_path.chmod(0o755)  # some desktops only trust executable launchers
    _refresh_menus(entry_path.parent)
    return [entry_path, icon_path]


def uninstall(base: Path | None = None) -> list[Path]:
    """Remove what ``install`` wrote; return the files removed."""
    removed = []
    for path in installed_paths(base):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def _refresh_menus(applications: Path) -> None:
    """Ask the desktop to rescan the menu when its tool is there (optional, quiet)."""
    import shutil
    import subprocess

    tool = shutil.which("update-desktop-database")
    if tool:
        subprocess.run([tool, str(applications)], capture_output=True, check=False, timeout=30)


def cmd_install_desktop(args: argparse.Namespace, paths: Paths) -> int:
    from reader.cli.common import CliError

    if args.print:
        sys.stdout.write(desktop_entry(program_command()))
        return 0
    try:
        written = (
            uninstall()
            if args.uninstall
            else install(paths.resources, portable=paths.mode == "portable")
        )
    except OSError as error:
        raise CliError(f"impossible d'écrire le raccourci : {error}") from error
    verb = "supprimé" if args.uninstall else "écrit"
    for path in written:
        print(f"{verb} : {path}")
    return 0


def add_parsers(subparsers: Subcommands) -> None:
    """Register ``install-desktop`` on the ``faq-reader`` command line."""
    p = subparsers.add_parser(
        "install-desktop",
        help="ajouter le lecteur au menu des applications (Linux, pour l'utilisateur)",
    )
    group = p.add_mutually_exclusive_group()
    group.add_argument("--uninstall", action="store_true", help="retirer le raccourci")
    group.add_argument("--print", action="store_true", help="afficher l'entrée sans l'écrire")
    p.set_defaults(func=cmd_install_desktop)
