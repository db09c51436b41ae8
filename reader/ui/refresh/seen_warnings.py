"""The warnings of the last refresh, remembered so that the next one tells only new ones.

A wiki often gives the same warning at every refresh (an image that is gone, a page the
FAQ links to but that is private): told once, it is not news the next time. The warnings
of the last refresh are kept in ``refresh-warnings.json`` in the per-user config folder;
a refresh tells those that were not in it. The file is written atomically; a missing or
unreadable one counts as empty (every warning is then new once more). Pure Python.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.fsutil import atomic_write_text, read_json_object

log = logging.getLogger(__name__)

FILE_NAME = "refresh-warnings.json"
LIMIT = 500  # warnings remembered at most (a wiki gone wrong can give many)


@dataclass(frozen=True)
class Warnings:
    """One refresh's warnings, split into those not told before and those told already."""

    new: tuple[str, ...] = ()
    known: tuple[str, ...] = ()


def _path(config_dir: Path) -> Path:
    return config_dir / FILE_NAME


def last_warnings(config_dir: Path) -> set[str]:
    """The warnings of the last refresh (empty when the file is missing or unreadable)."""
    raw = read_json_object(_path(config_dir), "refresh warnings", "all are new")
    warnings = raw.get("warnings")
    if not isinstance(warnings, list):
        return set()
    return {w for w in warnings if isinstance(w, str)}


def sort_out(config_dir: Path, warnings: Sequence[str]) -> Warnings:
    """Split ``warnings`` into new and known, and remember them as the last refresh's.

    A warning is new when the last refresh did not give it. Nothing is lost when the
    file cannot be written: the same warnings are then told again next time.
    """
    seen = last_warnings(config_dir)
    unique = list(dict.fromkeys(warnings))
    result = Warnings(
        tuple(w for w in unique if w not in seen), tuple(w for w in unique if w in seen)
    )
    try:
        text = json.dumps({"version": 1, "warnings": unique[:LIMIT]}, ensure_ascii=False)
        atomic_write_text(_path(config_dir), text)
    except OSError as error:
        log.warning("refresh warnings not remembered: %s", error)
    return result
