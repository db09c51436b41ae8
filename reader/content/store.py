"""The content store: the bundled snapshot and the refreshed copies in the user data folder.

User content lives in ``<data>/content/``::

    state.json             {"current": "set-…", "previous": "set-…", "undone": "set-…"}
    sets/set-<n>-…/        one complete content set each (manifest.json, pages/, media/)
    sets/staging-<n>-…/    a set being prepared; removed at the next clean-up if left over
    .refresh.lock          held by whoever changes the store (:meth:`UserStore.lock`)

The sets on disk are the truth; ``state.json`` only says which of them is shown
(``current``), which one a rollback brings back (``previous``) and which one a rollback
put aside (``undone``, for a redo). A set folder is renamed from ``staging-`` to ``set-``
only once it is complete, and carries its manifest with the SHA-256 of every page, so
each set can be checked on its own; ``<n>`` numbers the sets in the order they were made,
whatever the computer's clock says.

Switching sets is one atomic replacement of ``state.json``, so a crash at any moment
leaves the old set or the new one, never a mix. When ``state.json`` is missing, empty,
unreadable or names a set that is not there, the store rebuilds the same facts from
disk (:mod:`reader.content.store_history`): the newest complete set is shown, the one
before it is kept for a rollback, a warning says so once, and the state is rewritten
when it can be. Clean-up deletes a set only when the state was read fine, names the
sets it keeps, and the current one is sound; staging leftovers always go.

The current user set wins when it is valid; otherwise the previous one, otherwise the
bundled snapshot, with a warning that says why.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.content.manifest import Manifest, ManifestError, read_manifest
from reader.content.store_history import (
    SET_PREFIX,
    STAGING_PREFIX,
    History,
    next_number,
    read_history,
    safe_set_name,
)
from reader.fsutil import LockBusy, atomic_write_text, exclusive_lock, sha256_file

log = logging.getLogger(__name__)

STATE_NAME = "state.json"
LOCK_NAME = ".refresh.lock"


@dataclass(frozen=True)
class ContentSet:
    """A readable content set: its folder, manifest and where it comes from."""

    root: Path
    manifest: Manifest
    origin: str  # "bundled" or "user"
    problems: tuple[str, ...] = ()  # files that failed their check (set still usable)


@dataclass(frozen=True)
class Selection:
    """The set chosen to read, and why the better ones were not.

    ``recovered`` repeats the warning about a state file rebuilt from disk ("" if none),
    for whoever reports on a refresh that started from it.
    """

    content: ContentSet
    warnings: tuple[str, ...] = field(default_factory=tuple)
    recovered: str = ""


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


def sound_set(root: Path) -> ContentSet | None:
    """The set in ``root`` when its manifest reads and every page matches it, else None."""
    try:
        checked = check_set(root, "user")
    except ManifestError as error:
        log.info("set %s unusable: %s", root.name, error)
        return None
    if checked.problems:
        log.info("set %s damaged: %s", root.name, "; ".join(checked.problems))
        return None
    return checked


def _sound_manifest(root: Path) -> Manifest | None:
    content = sound_set(root)
    return content.manifest if content is not None else None


class UserStore:
    """The refreshed content sets kept in the user data folder.

    Changes (:meth:`stage`, :meth:`commit`, :meth:`rollback`, :meth:`redo`,
    :meth:`cleanup`) are made by whoever holds :meth:`lock`; reading needs no lock.
    """

    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / "content"
        self.sets_dir = self.root / "sets"
        self.state_file = self.root / STATE_NAME

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store's lock: :class:`~reader.fsutil.LockBusy` when another holds
        it, :class:`OSError` when it cannot be made (read-only or full disk …)."""
        with exclusive_lock(self.root / LOCK_NAME):
            yield

    # -- state ---------------------------------------------------------------------------
    def history(self) -> History:
        """Which sets are shown and kept: the state file's word when it can be trusted,
        else what the sets on disk say (``History.warning`` then tells the user)."""
        return read_history(self.state_file, self.sets_dir, _sound_manifest)

    def _write_state(self, history: History) -> None:
        atomic_write_text(self.state_file, json.dumps(history.state(), indent=2) + "\n")

    def current(self) -> Path | None:
        name = self.history().current
        return self.sets_dir / name if name else None

    def previous(self) -> Path | None:
        name = self.history().previous
        return self.sets_dir / name if name else None

    def save_recovered(self) -> None:
        """Write down a state rebuilt from disk, if the store is free and writable, so
        that the warning is given once; not while newer sets are damaged (they stay until
        a state names others). Never raises."""
        try:
            with self.lock():
                history = self.history()
                if not history.warning or history.passed_over:
                    return
                if history.current is not None:
                    self._write_state(history)
                elif not history.sets_on_disk:  # the file names nothing that exists
                    self.state_file.unlink(missing_ok=True)
        except (LockBusy, OSError) as error:
            log.info("content state not rewritten: %s", error)

    # -- changes -------------------------------------------------------------------------
    def stage(self) -> Path:
        """Create an empty staging folder for a new set (in the same file system)."""
        self.sets_dir.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        number = next_number(self.sets_dir)
        prefix = f"{STAGING_PREFIX}{number:06d}-{stamp}-"
        return Path(tempfile.mkdtemp(prefix=prefix, dir=self.sets_dir))

    def commit(self, staged: Path) -> Path:
        """Make a fully written staging folder the current set; the old current becomes
        the previous one (kept for rollback). Returns the new set's folder.

        When the state cannot be written, the new set is removed again and the error
        raised: the content shown stays as it was.
        """
        if staged.parent != self.sets_dir or not staged.name.startswith(STAGING_PREFIX):
            raise ValueError(f"not a staging folder of this store: {staged}")
        final = staged.with_name(SET_PREFIX + staged.name.removeprefix(STAGING_PREFIX))
        history = self.history()
        staged.rename(final)
        try:
            self._write_state(History(current=final.name, previous=history.current))
        except BaseException:
            shutil.rmtree(final, ignore_errors=True)
            raise
        self.cleanup()
        return final

    def rollback(self) -> bool:
        """Go back to the previous set (one step); the set left is kept for :meth:`redo`.
        False when there is no sound previous set."""
        history = self.history()
        if not history.previous or sound_set(self.sets_dir / history.previous) is None:
            return False
        self._write_state(History(current=history.previous, undone=history.current))
        return True

    def redo(self) -> bool:
        """Bring back the set the last :meth:`rollback` left. False when there is none."""
        history = self.history()
        if not history.undone or sound_set(self.sets_dir / history.undone) is None:
            return False
        self._write_state(History(current=history.undone, previous=history.current))
        return True

    def cleanup(self) -> None:
        """Remove staging leftovers, and the sets the state no longer names when the
        state was read fine and its current set is sound. Never removes a set because
        the state could not be read."""
        if not self.sets_dir.is_dir():
            return
        children = list(self.sets_dir.iterdir())
        for child in children:
            if child.name.startswith(STAGING_PREFIX):
                _remove(child)
        history = self.history()
        if history.warning or history.current is None:
            if history.sets_on_disk:
                log.info("content state not trusted: no set removed")
            return
        unnamed = [
            c for c in children if c.name.startswith(SET_PREFIX) and c.name not in history.names
        ]
        if unnamed and sound_set(self.sets_dir / history.current) is not None:
            for child in unnamed:
                _remove(child)


def _remove(path: Path) -> None:
    try:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    except OSError as error:
        log.warning("could not remove %s: %s", path, error)


def select_content(bundled_root: Path, data_dir: Path | None) -> Selection:
    """Choose the set to read: current user set, else previous, else the bundled one."""
    warnings: list[str] = []
    recovered = ""
    if data_dir is not None:
        store = UserStore(data_dir)
        history = store.history()
        if history.warning:
            recovered = history.warning
            warnings.append(history.warning)
            store.save_recovered()
        for label, name in (("actuel", history.current), ("précédent", history.previous)):
            if name is None or not safe_set_name(name):
                continue
            try:
                candidate = check_set(store.sets_dir / name, "user")
            except ManifestError as error:
                warnings.append(f"Contenu mis à jour ({label}) illisible : {error}")
                continue
            if candidate.problems:
                warnings.append(
                    f"Contenu mis à jour ({label}) abîmé : " + "; ".join(candidate.problems)
                )
                continue
            return Selection(candidate, tuple(warnings), recovered)
    try:
        bundled = check_set(bundled_root, "bundled")
    except ManifestError as error:
        warnings.append(f"Contenu fourni illisible : {error}")
        empty = ContentSet(bundled_root, Manifest(wiki=""), "bundled", (str(error),))
        return Selection(empty, tuple(warnings), recovered)
    if bundled.problems:
        warnings.append("Contenu fourni abîmé : " + "; ".join(bundled.problems))
    if warnings:
        warnings.append("Le contenu fourni avec l'application est affiché.")
    return Selection(bundled, tuple(warnings), recovered)
