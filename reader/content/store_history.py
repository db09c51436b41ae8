"""Which of the store's sets is shown, kept for a rollback or put aside by one: read from
``state.json`` when it can be trusted, else rebuilt from the sets on disk.

``state.json`` is a hint, never the only truth (see :mod:`reader.content.store`). It is
trusted when it is a JSON object whose ``current`` names a set folder that exists. Any
other state file (empty, cut short, not JSON, naming a folder outside the store or one
that is gone), or none while sets exist, is rebuilt from disk: the newest set whose
manifest reads and whose pages match their SHA-256 becomes the current one and the next
newest sound one the previous; :attr:`History.warning` says so in one French sentence.
Sets are ordered by the number in their name (``set-<n>-<stamp>-…``), which the store
gives in the order it makes them; older names without a number sort by their stamp.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.content.manifest import Manifest, french_date

log = logging.getLogger(__name__)

SET_PREFIX = "set-"
STAGING_PREFIX = "staging-"
_NUMBER = re.compile(r"(?:set|staging)-(\d{6,})-")
_STAMP = re.compile(r"(\d{8}T\d{6})")

MISSING = "Le fichier d'état du contenu manquait"
UNREADABLE = "Le fichier d'état du contenu était illisible"
ABSENT = "Le fichier d'état du contenu nommait un contenu absent"

# Reads a set folder's manifest and checks its pages: the manifest if all is sound.
SetCheck = Callable[[Path], Manifest | None]


@dataclass(frozen=True)
class History:
    """The set shown (``current``), the one a rollback brings back (``previous``) and the
    one a rollback put aside (``undone``): folder names in the store's ``sets/``.

    ``warning`` is "" when the state file was read fine; otherwise it says, in French,
    that the facts were rebuilt from disk and what was found. ``sets_on_disk`` tells
    whether any set folder exists at all; ``passed_over`` names the newer sets that the
    rebuilding left out because they are damaged (a state naming none of them would let
    a clean-up delete them, so it is not written).
    """

    current: str | None = None
    previous: str | None = None
    undone: str | None = None
    warning: str = ""
    sets_on_disk: bool = False
    passed_over: tuple[str, ...] = ()

    @property
    def names(self) -> set[str]:
        return {n for n in (self.current, self.previous, self.undone) if n}

    def state(self) -> dict[str, str]:
        """What ``state.json`` holds for this history."""
        keys = ("current", "previous", "undone")
        return {k: v for k in keys if (v := getattr(self, k))}


def safe_set_name(name: str) -> bool:
    """A plain set folder name: no way out of ``sets/``."""
    return (
        name.startswith(SET_PREFIX)
        and "/" not in name
        and "\\" not in name
        and name not in (".", "..")
    )


def _number(name: str) -> int:
    match = _NUMBER.match(name)
    return int(match.group(1)) if match else 0


def _order(folder: Path) -> tuple[int, str]:
    stamp = _STAMP.search(folder.name)
    return _number(folder.name), stamp.group(1) if stamp else ""


def next_number(sets_dir: Path) -> int:
    """The number for the next set made in ``sets_dir``: one past every set's and
    staging folder's there."""
    try:
        names = [p.name for p in sets_dir.iterdir()]
    except OSError:
        names = []
    return max((_number(n) for n in names), default=0) + 1


def set_folders(sets_dir: Path) -> list[Path]:
    """The complete-looking set folders (``set-…``) in ``sets_dir``, newest first."""
    try:
        folders = [p for p in sets_dir.iterdir() if p.name.startswith(SET_PREFIX) and p.is_dir()]
    except OSError:
        return []
    return sorted(folders, key=_order, reverse=True)


def recover(sets_dir: Path, check: SetCheck, reason: str) -> History:
    """The history the sets on disk tell: the newest sound set as the current one, the
    next newest sound one as the previous; ``reason`` opens the warning."""
    folders = set_folders(sets_dir)
    found: list[tuple[str, Manifest]] = []
    passed_over: list[str] = []
    for folder in folders:
        manifest = check(folder)
        if manifest is None:
            if not found:
                passed_over.append(folder.name)
            continue
        found.append((folder.name, manifest))
        if len(found) == 2:
            break
    if not found:
        warning = f"{reason} ; aucun contenu mis à jour complet n'a été retrouvé."
        log.warning("%s", warning)
        return History(warning=warning, sets_on_disk=bool(folders))
    name, manifest = found[0]
    stamp = _STAMP.search(name)
    when = manifest.created or (stamp.group(1) if stamp else "")
    date = french_date(when) if when else "à une date inconnue"
    warning = f"{reason} : le contenu mis à jour le {date} a été retrouvé."
    log.warning("%s (%s)", warning, name)
    previous = found[1][0] if len(found) > 1 else None
    return History(name, previous, None, warning, True, tuple(passed_over))


def read_history(state_file: Path, sets_dir: Path, check: SetCheck) -> History:
    """The history ``state_file`` gives when it can be trusted, else :func:`recover`'s."""
    try:
        raw = json.loads(state_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return recover(sets_dir, check, MISSING) if set_folders(sets_dir) else History()
    except (OSError, ValueError) as error:  # UnicodeDecodeError is a ValueError
        log.warning("content state %s unreadable: %s", state_file, error)
        return recover(sets_dir, check, UNREADABLE)
    if not isinstance(raw, dict):
        log.warning("content state %s is not an object", state_file)
        return recover(sets_dir, check, UNREADABLE)
    names: dict[str, str] = {}
    for key in ("current", "previous", "undone"):
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not safe_set_name(value):
            log.warning("content state %s invalid: %r", state_file, raw)
            return recover(sets_dir, check, UNREADABLE)
        names[key] = value
    current = names.pop("current", None)
    if current is None:
        return recover(sets_dir, check, UNREADABLE) if set_folders(sets_dir) else History()
    if not (sets_dir / current).is_dir():
        log.warning("content state names a missing set: %s", current)
        return recover(sets_dir, check, ABSENT)
    kept = {k: v for k, v in names.items() if v != current and (sets_dir / v).is_dir()}
    return History(current, kept.get("previous"), kept.get("undone"), sets_on_disk=True)
