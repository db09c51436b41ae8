"""The content store: the bundled snapshot and the refreshed copies in the user data folder.

User content lives in ``<data>/content/``::

    state.json             {"current": "set-…", "previous": "set-…"}  (replaced atomically)
    sets/set-…/            one complete content set each (manifest.json, pages/, media/)
    sets/staging-…/        a refresh being prepared; removed at the next start if left over

Switching sets is one atomic replacement of ``state.json``, so a crash at any moment
leaves the old set or the new one, never a mix. The current user set wins when it is
valid; otherwise the previous one, otherwise the bundled snapshot, with a warning that
says why.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from reader.content.manifest import Manifest, ManifestError, read_manifest
from reader.fsutil import atomic_write_text, read_json_object, sha256_file

log = logging.getLogger(__name__)

STATE_NAME = "state.json"


@dataclass(frozen=True)
class ContentSet:
    """A readable content set: its folder, manifest and where it comes from."""

    root: Path
    manifest: Manifest
    origin: str  # "bundled" or "user"
    problems: tuple[str, ...] = ()  # files that failed their check (set still usable)


@dataclass(frozen=True)
class Selection:
    """The set chosen to read, and why the better ones were not."""

    content: ContentSet
    warnings: tuple[str, ...] = field(default_factory=tuple)


def check_set(root: Path, origin: str) -> ContentSet:
    """Read a set's manifest and check each page file's size and SHA-256.

    Raises :class:`ManifestError` when the manifest itself is unusable; mismatching or
    missing files are listed in ``problems``.
    """
    manifest = read_manifest(root)
    problems: list[str] = []
    for entry in manifest.pages:
        path = root / entry.path
        try:
            if sha256_file(path) != entry.sha256:
                problems.append(f"{entry.id} : contenu modifié ou abîmé ({entry.path})")
        except OSError as error:
            problems.append(f"{entry.id} : fichier illisible ({error.strerror or error})")
    return ContentSet(root, manifest, origin, tuple(problems))


class UserStore:
    """The refreshed content sets kept in the user data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / "content"
        self.sets_dir = self.root / "sets"

    # -- state ---------------------------------------------------------------------------
    def _state(self) -> dict[str, str]:
        raw = read_json_object(self.root / STATE_NAME, "content state", "using the bundled content")
        return {k: v for k, v in raw.items() if isinstance(v, str) and _safe_name(v)}

    def _write_state(self, state: dict[str, str]) -> None:
        atomic_write_text(self.root / STATE_NAME, json.dumps(state, indent=2) + "\n")

    def current(self) -> Path | None:
        name = self._state().get("current")
        return self.sets_dir / name if name else None

    def previous(self) -> Path | None:
        name = self._state().get("previous")
        return self.sets_dir / name if name else None

    # -- changes -------------------------------------------------------------------------
    def stage(self) -> Path:
        """Create an empty staging folder for a refresh (in the same file system)."""
        self.sets_dir.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        return Path(tempfile.mkdtemp(prefix=f"staging-{stamp}-", dir=self.sets_dir))

    def commit(self, staged: Path) -> Path:
        """Make a fully written staging folder the current set; the old current becomes
        the previous one (kept for rollback). Returns the new set's folder."""
        if staged.parent != self.sets_dir or not staged.name.startswith("staging-"):
            raise ValueError(f"not a staging folder of this store: {staged}")
        final = staged.with_name("set-" + staged.name.removeprefix("staging-"))
        staged.rename(final)
        state = self._state()
        new_state = {"current": final.name}
        if state.get("current"):
            new_state["previous"] = state["current"]
        self._write_state(new_state)
        self.cleanup()
        return final

    def rollback(self) -> bool:
        """Go back to the previous set (one step). False when there is none."""
        state = self._state()
        previous = state.get("previous")
        if not previous or not (self.sets_dir / previous).is_dir():
            return False
        new_state = {"current": previous}
        if state.get("current"):
            new_state["previous"] = state["current"]
        self._write_state(new_state)
        return True

    def cleanup(self) -> None:
        """Remove staging folders and sets that the state no longer names."""
        if not self.sets_dir.is_dir():
            return
        keep = set(self._state().values())
        for child in self.sets_dir.iterdir():
            if child.name in keep:
                continue
            try:
                shutil.rmtree(child) if child.is_dir() else child.unlink()
            except OSError as error:
                log.warning("could not remove %s: %s", child, error)


def _safe_name(name: str) -> bool:
    return bool(name) and "/" not in name and "\\" not in name and name not in (".", "..")


def select_content(bundled_root: Path, data_dir: Path | None) -> Selection:
    """Choose the set to read: current user set, else previous, else the bundled one."""
    warnings: list[str] = []
    if data_dir is not None:
        store = UserStore(data_dir)
        for label, folder in (("actuel", store.current()), ("précédent", store.previous())):
            if folder is None:
                continue
            try:
                candidate = check_set(folder, "user")
            except ManifestError as error:
                warnings.append(f"Contenu mis à jour ({label}) illisible : {error}")
                continue
            if candidate.problems:
                warnings.append(
                    f"Contenu mis à jour ({label}) abîmé : " + "; ".join(candidate.problems)
                )
                continue
            return Selection(candidate, tuple(warnings))
    try:
        bundled = check_set(bundled_root, "bundled")
    except ManifestError as error:
        warnings.append(f"Contenu fourni illisible : {error}")
        empty = ContentSet(bundled_root, Manifest(wiki=""), "bundled", (str(error),))
        return Selection(empty, tuple(warnings))
    if bundled.problems:
        warnings.append("Contenu fourni abîmé : " + "; ".join(bundled.problems))
    if warnings:
        warnings.append("Le contenu fourni avec l'application est affiché.")
    return Selection(bundled, tuple(warnings))
