"""Content to pack and packs to import: user sets committed as a refresh commits them, the
command line run as its entry point runs it, and ZIP files rebuilt member by member to
make the packs a careless or hostile tool could write."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.cli import main
from reader.content.manifest import Manifest, MediaEntry, PageEntry, media_path, page_path
from reader.content.manifest import write_manifest as write_set_manifest
from reader.content.store import UserStore
from reader.paths import Paths

REPO = Path(__file__).resolve().parents[2]
WIKI = REPO / "tests" / "data" / "dokuwiki"
PAGES = {
    "faq-kit-durgence": (WIKI / "pages" / "faq-kit-durgence.txt").read_bytes(),
    "faq:livraison": (WIKI / "pages" / "faq" / "livraison.txt").read_bytes(),
    "faq:producteurs_étrangers": (
        WIKI / "pages" / "faq" / "producteurs_étrangers.txt"
    ).read_bytes(),
}
MEDIA = {
    "faq:logo.png": base64.b64decode((WIKI / "media" / "faq" / "logo.png.b64").read_bytes()),
    "faq:schema.svg": (WIKI / "media" / "faq" / "schema.svg").read_bytes(),
}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def install(
    paths: Paths,
    pages: dict[str, bytes],
    media: dict[str, bytes] | None = None,
    date: str = "2026-05-10T08:00:00Z",
    extra: dict[str, object] | None = None,
) -> Path:
    """Commit a user content set of ``pages`` and ``media`` (every page dated ``date``) in
    the store of ``paths``, as a refresh would (``extra``: what its manifest keeps beside
    the entries); returns its folder."""
    store = UserStore(paths.data)
    staged = store.stage()
    entries, media_entries = [], []
    for page_id, data in pages.items():
        path = page_path(page_id)
        (staged / path).parent.mkdir(parents=True, exist_ok=True)
        (staged / path).write_bytes(data)
        entries.append(PageEntry(page_id, path, sha(data), "1778400000", date, date))
    for media_id, data in (media or {}).items():
        path = media_path(media_id)
        (staged / path).parent.mkdir(parents=True, exist_ok=True)
        (staged / path).write_bytes(data)
        media_entries.append(MediaEntry(media_id, path, sha(data)))
    manifest = Manifest(
        "https://wiki.example/", tuple(entries), tuple(media_entries), date, extra=extra or {}
    )
    write_set_manifest(staged, manifest)
    return store.commit(staged)


def village_pack(folder: Path, name: str) -> Path:
    """A sound pack ``name`` in ``folder`` of the village's content (pages and media,
    refreshed on 1 June 2026), exported as the CLI exports it."""
    from reader.packs.export import export_pack

    village = Paths.under(folder / "village")
    install(village, PAGES, MEDIA, "2026-06-01T09:30:00Z")
    return export_pack(folder / name, village).path


@dataclass
class Run:
    """One run of the command line: its exit code and what it printed."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.strip().splitlines()


@pytest.fixture
def faq(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """``faq(*args, home=DIR)``: run ``faq-reader ARGS`` with ``FAQ_READER_HOME=DIR``."""

    def run(*args: str, home: Path) -> Run:
        monkeypatch.setenv("FAQ_READER_HOME", str(home))
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


# -- packs as other tools could write them --------------------------------------------------
def read_members(pack: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(pack) as archive:
        return [(i.filename, archive.read(i)) for i in archive.infolist()]


def write_zip(
    target: Path, members: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED
) -> None:
    """A ZIP of ``members`` in this order, names kept exactly as given."""
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members:
            archive.writestr(
                zipfile.ZipInfo(name, (2026, 3, 3, 0, 0, 0)), data, compress_type=method
            )


def manifest_of(members: list[tuple[str, bytes]]) -> dict:
    assert members[0][0] == "manifest.json"
    return json.loads(members[0][1])


def listed(path: str, data: bytes, kind: str = "media", item_id: str = "") -> dict:
    """A manifest entry for ``data`` with its right size and hash."""
    entry = {"path": path, "kind": kind, "id": item_id or path, "revision": ""}
    return {**entry, "size": len(data), "sha256": sha(data)}


def rebuilt(
    pack: Path,
    target: Path,
    *,
    edit: Callable[[list[tuple[str, bytes]]], list[tuple[str, bytes]]] = lambda m: m,
    manifest: Callable[[dict], None] = lambda m: None,
) -> Path:
    """``pack`` written again to ``target`` with its members edited, then its manifest."""
    members = read_members(pack)
    data = manifest_of(members)
    manifest(data)
    members = [("manifest.json", json.dumps(data, ensure_ascii=False).encode()), *members[1:]]
    write_zip(target, edit(members))
    return target
