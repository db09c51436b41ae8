"""The format as docs/PACK_FORMAT.md writes it down: another tool can write a pack with the
standard library, and the importer's rules about names and ZIP files hold."""

from __future__ import annotations

import json
import re
import shutil
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.packs.errors import PackError
from reader.packs.header import Caps, parse_header
from reader.packs.names import name_key, name_problem
from reader.packs.reading import read_header
from tests.packs.conftest import REPO, WIKI, Run, read_members, rebuilt, write_zip

Faq = Callable[..., Run]


def doc_example() -> dict[str, object]:
    """The Python example of docs/PACK_FORMAT.md, run: its functions."""
    text = (REPO / "docs" / "PACK_FORMAT.md").read_text(encoding="utf-8")
    code = re.findall(r"```python\n(.*?)```", text, re.DOTALL)[-1]
    namespace: dict[str, object] = {"__name__": "pack_example"}
    exec(compile(code, "PACK_FORMAT.md", "exec"), namespace)
    return namespace


def test_the_documented_example_writes_a_pack_the_reader_imports(tmp_path: Path, faq: Faq) -> None:
    data = tmp_path / "dokuwiki" / "data"
    shutil.copytree(WIKI / "pages", data / "pages")
    (data / "media" / "faq").mkdir(parents=True)
    shutil.copy(WIKI / "media" / "faq" / "schema.svg", data / "media" / "faq" / "schema.svg")
    pack = tmp_path / "contenu.faqpack"
    make_pack = doc_example()["make_pack"]
    pages = ["faq-kit-durgence", "faq:livraison"]
    make_pack(data, pages, ["faq:schema.svg"], "https://wiki.example/", pack)  # type: ignore[operator]
    farm = tmp_path / "farm"

    info = faq("pack", "info", str(pack), "--json", home=farm)
    result = faq("pack", "import", str(pack), home=farm)

    assert json.loads(info.out)["verified"] is True, info.err
    assert result.code == 0, result.err
    rows = json.loads(faq("list", "--json", home=farm).out)
    assert [r["page"] for r in rows][-1] == "faq:livraison"
    assert {r["page"] for r in rows} == set(pages)


@pytest.mark.parametrize(
    "name",
    [
        "pages/faq/livraison.txt",
        "pages/faq/producteurs_étrangers.txt",
        "media/faq/logo.png",
        "media/docs/bon-de-commande_2026(v2).pdf",
        "media/.htaccess",
    ],
)
def test_ordinary_names_are_accepted(name: str) -> None:
    assert name_problem(name) is None


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "vide"),
        ("../evil.txt", ".."),
        ("media/a/../../evil.txt", ".."),
        ("/etc/passwd", "absolu"),
        ("\\\\server\\share\\x", "absolu"),
        ("C:/Windows/x.txt", "lecteur"),
        ("c:x.txt", "lecteur"),
        ("media/a:b", "deux-points"),
        ("media\\x", "barre oblique inversée"),
        ("media//x", "vide"),
        ("media/./x", "« . »"),
        ("media/x.", "point"),
        ("media/a b.png", "caractère interdit"),
        ("media/x\x00.png", "contrôle"),
        ("media/x\x1b.png", "contrôle"),
        ("media/a\u200bb.png", "U+200B"),
        ("media/a\u202eb.png", "U+202E"),
        ("media/a\u00a0b.png", "U+00A0"),
        ("media/\uff0fetc", "U+FF0F"),
        ("media/a\u2215b", "U+2215"),
        ("media/x<y", "interdit"),
        ("media/x|y", "interdit"),
        ("media/x?", "interdit"),
        ("media/x*", "interdit"),
        ("media/CON", "réservé"),
        ("media/nul.txt", "réservé"),
        ("media/Com1.png", "réservé"),
        ("media/" + unicodedata.normalize("NFD", "été.png"), "NFC"),
        ("media/\ufb01n.png", "trompeur"),
        ("media/" + "a" * 256, "trop long"),
        ("/".join(["a"] * 40), "imbriqués"),
    ],
)
def test_dangerous_names_are_refused(name: str, reason: str) -> None:
    problem = name_problem(name)
    assert problem is not None and reason in problem


def test_names_equal_but_for_case_or_width_share_a_key() -> None:
    assert name_key("media/FAQ/Logo.PNG") == name_key("media/faq/logo.png")
    assert name_key("media/Straße.png") == name_key("media/strasse.png")


def test_the_manifest_with_a_key_twice_is_refused() -> None:
    text = '{"format": "faq-reader-pack", "version": 1, "version": 2, "files": []}'
    with pytest.raises(PackError, match="deux fois"):
        parse_header(text.encode(), Caps())


def test_sizes_beyond_the_caps_are_refused_before_reading_any_member(tmp_path: Path) -> None:
    caps = Caps(max_page_bytes=10)
    data = b"====== T ======\n"
    manifest = {
        "format": "faq-reader-pack",
        "version": 1,
        "created": "2026-03-03T10:00:00Z",
        "app": "test",
        "wiki": "",
        "files": [{"path": "pages/t.txt", "kind": "page", "id": "t", "revision": "", "size": 16}],
    }
    manifest["files"][0]["sha256"] = "0" * 64
    with pytest.raises(PackError, match="trop gros"):
        parse_header(json.dumps(manifest).encode(), caps)
    pack = tmp_path / "p.faqpack"
    write_zip(pack, [("manifest.json", json.dumps(manifest).encode()), ("pages/t.txt", data)])
    with pytest.raises(PackError, match="trop gros"):
        read_header(pack, caps)


def export_of_bundled(tmp_path: Path, faq: Faq) -> Path:
    pack = tmp_path / "fourni.faqpack"
    assert faq("pack", "export", str(pack), home=tmp_path / "home").code == 0
    return pack


def test_stored_members_are_accepted(tmp_path: Path, faq: Faq) -> None:
    members = read_members(export_of_bundled(tmp_path, faq))
    pack = tmp_path / "stocke.faqpack"
    write_zip(pack, members, zipfile.ZIP_STORED)
    assert read_header(pack).pages[0].id == "faq-kit-durgence"
    assert faq("pack", "info", str(pack), home=tmp_path / "home").code == 0


FIRST_HEADER = b"PK\x03\x04\x14\x00\x00\x00\x08"  # version 2.0, no flag, deflated


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda raw: b"MZ self-extracting stub" + raw, "pas une archive ZIP"),
        (lambda raw: raw + b"trailing", "après la fin"),
        (lambda raw: raw.replace(FIRST_HEADER, FIRST_HEADER[:6] + b"\x01\x00\x08", 1), "chiffré"),
        (lambda raw: raw.replace(FIRST_HEADER, FIRST_HEADER[:8] + b"\x0c", 1), "méthode"),
    ],
    ids=["data before", "data after", "encrypted", "bzip2"],
)
def test_archives_with_more_than_a_plain_zip_are_refused(
    damage: Callable[[bytes], bytes], reason: str, tmp_path: Path, faq: Faq
) -> None:
    pack = tmp_path / "abime.faqpack"
    pack.write_bytes(damage(export_of_bundled(tmp_path, faq).read_bytes()))
    result = faq("pack", "info", str(pack), home=tmp_path / "home")
    assert result.code == 1 and reason in result.err


def test_a_member_of_another_size_than_listed_is_refused(tmp_path: Path, faq: Faq) -> None:
    good = export_of_bundled(tmp_path, faq)

    def smaller(manifest: dict) -> None:
        manifest["files"][0]["size"] -= 1

    pack = rebuilt(good, tmp_path / "menteur.faqpack", manifest=smaller)
    result = faq("pack", "info", str(pack), home=tmp_path / "home")
    assert result.code == 1 and "taille différente de celle du manifeste" in result.err


def test_a_member_with_a_second_name_for_unzip_tools_is_refused(tmp_path: Path, faq: Faq) -> None:
    members = read_members(export_of_bundled(tmp_path, faq))
    pack = tmp_path / "double-nom.faqpack"
    other = b"../../evil.txt"
    unicode_path = b"\x01" + struct.pack("<I", zlib.crc32(members[1][0].encode())) + other
    with zipfile.ZipFile(pack, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(*members[0])
        info = zipfile.ZipInfo(members[1][0], (2026, 3, 3, 0, 0, 0))
        info.extra = struct.pack("<HH", 0x7075, len(unicode_path)) + unicode_path
        archive.writestr(info, members[1][1])
    result = faq("pack", "info", str(pack), home=tmp_path / "home")
    assert result.code == 1 and "second nom" in result.err
