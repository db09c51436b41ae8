"""A damaged, careless or hostile pack is refused with one clear line, and the farm's
content stays byte for byte as it was: whatever the ZIP's directory or the manifest claim."""

from __future__ import annotations

import json
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.content.library import load_library
from reader.paths import Paths
from tests.packs.conftest import (
    PAGES,
    Run,
    install,
    listed,
    read_members,
    rebuilt,
    village_pack,
    write_zip,
)
from tests.sync.conftest import snapshot

Faq = Callable[..., Run]
LIVRAISON = "pages/faq/livraison.txt"


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A sound pack of the village's content (1 June 2026)."""
    return village_pack(tmp_path, "bon.faqpack")


@pytest.fixture
def farm(tmp_path: Path) -> Path:
    """A farm machine's home, holding older content."""
    home = tmp_path / "farm"
    install(
        Paths.under(home), {"faq:livraison": PAGES["faq:livraison"]}, date="2026-05-10T08:00:00Z"
    )
    return home


def member_data_offset(pack: Path, name: str) -> tuple[int, int]:
    """Where a member's stored bytes start in the file, and how many there are."""
    with zipfile.ZipFile(pack) as archive:
        info = archive.getinfo(name)
    raw = pack.read_bytes()
    name_len, extra_len = struct.unpack_from("<HH", raw, info.header_offset + 26)
    return info.header_offset + 30 + name_len + extra_len, info.compress_size


def flipped_byte(good: Path, out: Path) -> Path:
    raw = bytearray(good.read_bytes())
    start, size = member_data_offset(good, LIVRAISON)
    raw[start + size // 2] ^= 0x20
    out.write_bytes(bytes(raw))
    return out


def same_length_edit(good: Path, out: Path) -> Path:
    def edit(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        return [(n, d.replace(b"gratuit", b"payant!") if n == LIVRAISON else d) for n, d in members]

    return rebuilt(good, out, edit=edit)


def truncated(good: Path, out: Path) -> Path:
    raw = good.read_bytes()
    out.write_bytes(raw[: len(raw) * 2 // 3])
    return out


def missing_member(good: Path, out: Path) -> Path:
    return rebuilt(good, out, edit=lambda members: [m for m in members if m[0] != LIVRAISON])


def unlisted_member(good: Path, out: Path) -> Path:
    return rebuilt(good, out, edit=lambda members: [*members, ("media/en-plus.txt", b"surprise")])


def hostile_member(name: str) -> Callable[[Path, Path], Path]:
    """A member outside the data folder, listed in the manifest with its right hash."""
    data = b"====== Pirate ======\n\n==== Q ? ====\n\nR.\n"

    def make(good: Path, out: Path) -> Path:
        return rebuilt(
            good,
            out,
            edit=lambda members: [*members, (name, data)],
            manifest=lambda m: m["files"].append(listed(name, data)),
        )

    return make


def unknown_version(good: Path, out: Path) -> Path:
    return rebuilt(good, out, manifest=lambda m: m.update(version=2))


def no_manifest(good: Path, out: Path) -> Path:
    return rebuilt(good, out, edit=lambda members: members[1:])


# Incompressible bytes that make the pack as a whole big enough to pass the whole-pack
# ratio, so that the member's own check is what stops the bomb.
PADDING = random.Random(15).randbytes(600 * 1024)
ZEROS = bytes(40 * 1024 * 1024)  # 40 MiB, within the 64 MiB media cap: 40 KiB deflated


def compression_bomb(good: Path, out: Path) -> Path:
    added = [("media/bruit.bin", PADDING), ("media/zeros.bin", ZEROS)]
    return rebuilt(
        good,
        out,
        edit=lambda members: [*members, *added],
        manifest=lambda m: m["files"].extend(listed(n, d) for n, d in added),
    )


def small_pack_inflating_to_a_lot(good: Path, out: Path) -> Path:
    return rebuilt(
        good,
        out,
        edit=lambda members: [*members, ("media/zeros.bin", ZEROS)],
        manifest=lambda m: m["files"].append(listed("media/zeros.bin", ZEROS)),
    )


def not_a_zip(good: Path, out: Path) -> Path:
    out.write_bytes("Liste des producteurs du marché de samedi\n".encode() * 50)
    return out


def hidden_by_the_directory(good: Path, out: Path) -> Path:
    """The central directory, which ZIP tools read, names another file than the one stored."""
    with zipfile.ZipFile(good) as archive:
        start = archive.start_dir
    raw = good.read_bytes()
    out.write_bytes(raw[:start] + raw[start:].replace(b"faq/livraison", b"faq/livraisoN"))
    return out


def alias_out_of_the_pack(good: Path, out: Path) -> Path:
    return rebuilt(good, out, manifest=lambda m: m.update(page_aliases={"faq": "prive:comptes"}))


def unknown_reason_for_a_page(good: Path, out: Path) -> Path:
    return rebuilt(good, out, manifest=lambda m: m.update(unavailable_pages={"faq:x": "<b>"}))


CASES = {
    "flipped byte in a member's data": (flipped_byte, "livraison.txt"),
    "same-length edit of a page": (same_length_edit, "empreinte"),
    "truncated file": (truncated, "tronqué"),
    "missing member": (missing_member, "fichier manquant"),
    "unlisted member": (unlisted_member, "non listé"),
    "../ member listed with its hash": (hostile_member("../../evil.txt"), "sort du dossier"),
    "nested ../ member": (hostile_member("media/../../../evil.txt"), "sort du dossier"),
    "absolute member listed with its hash": (hostile_member("/tmp/evil.txt"), "absolu"),
    "drive letter": (hostile_member("C:/evil.txt"), "lecteur"),
    "backslash": (hostile_member("media\\..\\evil.txt"), "refusé"),
    "fullwidth dots": (hostile_member("media/\uff0e\uff0e/evil.txt"), "U+FF0E"),
    "ligature": (hostile_member("media/\ufb01chier.png"), "trompeur"),
    "right-to-left override": (hostile_member("media/evil\u202etxt.png"), "U+202E"),
    "same name but for case": (hostile_member("media/FAQ/Logo.png"), "deux fois"),
    "unknown format version": (unknown_version, "version de paquet 2 inconnue"),
    "no manifest": (no_manifest, "manifeste absent"),
    "compression bomb listed with its hash": (compression_bomb, "zeros.bin"),
    "small pack inflating to a lot": (small_pack_inflating_to_a_lot, "bombe"),
    "not a ZIP at all": (not_a_zip, "pas une archive ZIP"),
    "central directory disagreeing": (hidden_by_the_directory, "répertoire central"),
    "namespace link to a page not in the pack": (alias_out_of_the_pack, "hors du paquet"),
    "unknown reason a page is unavailable": (unknown_reason_for_a_page, "raison inconnue"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_pack_is_refused_in_one_line_and_nothing_changes(
    case: str, good: Path, farm: Path, tmp_path: Path, faq: Faq
) -> None:
    make, words = CASES[case]
    pack = make(good, tmp_path / "mauvais.faqpack")
    before = snapshot(farm / "data")

    result = faq("pack", "import", str(pack), home=farm)

    assert result.code == 1
    assert result.out == ""
    assert len(result.err_lines) == 1, result.err
    line = result.err_lines[0]
    assert line.startswith("faq-reader: Import impossible : ")
    assert line.endswith("Le contenu actuel est conservé.")
    assert words in line
    assert snapshot(farm / "data") == before
    assert [p.id for p in load_library(Paths.under(farm)).library.pages] == ["faq:livraison"]
    info = faq("pack", "info", str(pack), "--json", home=farm)
    assert info.code == 1 and json.loads(info.out)["verified"] is False
    assert len(info.err_lines) == 1 and words in info.err_lines[0]


def test_the_good_pack_behind_the_bad_ones_imports(good: Path, farm: Path, faq: Faq) -> None:
    assert faq("pack", "import", str(good), home=farm).code == 0


def test_a_pack_written_by_a_streaming_tool_with_data_descriptors_imports(
    good: Path, farm: Path, tmp_path: Path, faq: Faq
) -> None:
    pack = tmp_path / "flux.faqpack"

    class Stream:  # not seekable: zipfile writes data descriptors after each member
        def __init__(self, target: Path) -> None:
            self.handle = target.open("wb")

        def write(self, data: bytes) -> int:
            return self.handle.write(data)

        def flush(self) -> None:
            self.handle.flush()

    stream = Stream(pack)
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:  # type: ignore[arg-type]
        for name, data in read_members(good):
            archive.writestr(name, data)
    stream.handle.close()
    with zipfile.ZipFile(pack) as archive:
        assert all(i.flag_bits & 0x08 for i in archive.infolist())

    assert faq("pack", "import", str(pack), home=farm).code == 0


def test_a_bomb_behind_a_data_descriptor_is_stopped_while_inflating(
    good: Path, farm: Path, tmp_path: Path, faq: Faq
) -> None:
    members = read_members(good)
    manifest = json.loads(members[0][1])
    manifest["files"] += [listed("media/bruit.bin", PADDING), listed("media/zeros.bin", ZEROS)]
    pack = tmp_path / "bombe.faqpack"
    members = [("manifest.json", json.dumps(manifest).encode()), *members[1:]]
    write_zip(pack, [*members, ("media/bruit.bin", PADDING)])
    # The bomb, appended by hand: sizes left at zero in its header, a descriptor after it.
    raw = pack.read_bytes()
    directory = raw.index(b"PK\x01\x02")
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = deflater.compress(ZEROS) + deflater.flush()
    name = b"media/zeros.bin"
    header = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0x08, 8, 0, 33, 0, 0, 0, len(name), 0)
    descriptor = struct.pack("<4sIII", b"PK\x07\x08", zlib.crc32(ZEROS), len(body), len(ZEROS))
    pack.write_bytes(raw[:directory] + header + name + body + descriptor + raw[directory:])
    before = snapshot(farm / "data")

    result = faq("pack", "import", str(pack), home=farm)

    assert result.code == 1 and "bombe" in result.err
    assert snapshot(farm / "data") == before


def test_a_pack_that_is_not_there_or_a_folder_is_one_clear_line(
    farm: Path, tmp_path: Path, faq: Faq
) -> None:
    before = snapshot(farm / "data")
    for target, words in ((tmp_path / "absent.faqpack", "introuvable"), (tmp_path, "dossier")):
        result = faq("pack", "import", str(target), home=farm)
        assert result.code == 1 and len(result.err_lines) == 1
        assert words in result.err_lines[0]
    assert snapshot(farm / "data") == before


def test_an_export_to_a_folder_that_does_not_exist_fails_in_one_line(
    farm: Path, tmp_path: Path, faq: Faq
) -> None:
    result = faq("pack", "export", str(tmp_path / "pas-de-cle" / "contenu.faqpack"), home=farm)
    assert result.code == 1
    assert result.err_lines == [
        f"faq-reader: Export impossible : le dossier « {tmp_path / 'pas-de-cle'} » ne peut pas "
        "recevoir le paquet (fichier ou dossier introuvable)."
    ]
