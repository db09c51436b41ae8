"""The village machine exports its content to a stick; the farm machines import it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from reader.content.library import load_library
from reader.content.store import UserStore, select_content
from reader.packs.offer import newer_pack_beside
from reader.paths import Paths
from reader.sync.changes import load_marks
from tests.bundled import bundled_faq
from tests.packs.conftest import MEDIA, PAGES, Run, install, read_members
from tests.sync.conftest import snapshot

Faq = Callable[..., Run]
NEWER, OLDER = "2026-06-01T09:30:00Z", "2026-03-03T10:00:00Z"


def village(tmp_path: Path, date: str = NEWER) -> Path:
    """A connected machine's home, its content refreshed from the wiki on ``date``."""
    home = tmp_path / "village"
    install(Paths.under(home), PAGES, MEDIA, date)
    return home


def test_export_then_import_into_an_empty_home_gives_the_same_questions_and_search(
    tmp_path: Path, faq: Faq
) -> None:
    home, farm = village(tmp_path), tmp_path / "farm"
    pack = tmp_path / "stick" / "contenu.faqpack"
    pack.parent.mkdir()

    exported = faq("pack", "export", str(pack), home=home)
    imported = faq("pack", "import", str(pack), home=farm)

    assert exported.code == 0, exported.err
    assert "3 page(s), 2 fichier(s) joint(s), contenu du 1 juin 2026" in exported.out
    assert imported.code == 0, imported.err
    assert "Contenu importé depuis « contenu.faqpack »" in imported.out
    assert "faq:livraison : page ajoutée" in imported.out
    for command in (("list", "--json"), ("search", "livraison", "--json")):
        there, here = faq(*command, home=home), faq(*command, home=farm)
        assert here.code == there.code == 0
        assert json.loads(here.out) == json.loads(there.out) != []
    loaded = load_library(Paths.under(farm))
    assert loaded.origin == "user"
    for media_id, data in MEDIA.items():
        entry = next(m for m in loaded.content.manifest.media if m.id == media_id)
        assert (loaded.content.root / entry.path).read_bytes() == data
    assert loaded.content.manifest.note == "Importé depuis contenu.faqpack."
    page = loaded.library.page("faq:livraison")
    assert page is not None and page.source.last_modified == NEWER


def test_two_exports_of_the_same_content_are_byte_identical(tmp_path: Path, faq: Faq) -> None:
    home, farm = village(tmp_path), tmp_path / "farm"
    first, second, again = (tmp_path / name for name in ("a.faqpack", "b.faqpack", "c.faqpack"))

    faq("pack", "export", str(first), home=home)
    faq("pack", "export", str(second), home=home)
    faq("pack", "import", str(first), home=farm)
    faq("pack", "export", str(again), home=farm)  # the imported content, exported again

    assert first.read_bytes() == second.read_bytes() == again.read_bytes()
    names = [name for name, _ in read_members(first)]
    assert names[0] == "manifest.json"
    assert names[1:] == sorted(names[1:], key=str.encode)
    manifest = json.loads(read_members(first)[0][1])
    assert manifest["created"] == NEWER  # the content's date, not the export's
    assert [f["id"] for f in manifest["files"] if f["kind"] == "page"] == list(PAGES)


def test_an_import_marks_what_changed_and_can_be_rolled_back(tmp_path: Path, faq: Faq) -> None:
    home, farm = village(tmp_path), tmp_path / "farm"
    old_pages = {"faq-kit-durgence": PAGES["faq-kit-durgence"].replace(b"SCOP", b"Scop")}
    install(Paths.under(farm), old_pages, date=OLDER)
    before = select_content(Paths.under(farm).resources, Paths.under(farm).data).content.root
    pack = tmp_path / "contenu.faqpack"
    faq("pack", "export", str(pack), home=home)

    result = faq("pack", "import", str(pack), home=farm)

    assert result.code == 0, result.err
    assert "faq-kit-durgence : modifiée — questions : 0 ajoutée(s), 1 modifiée(s)" in result.out
    marks = load_marks(Paths.under(farm).data)
    assert "new" in marks.values() and "changed" in marks.values()
    assert faq("rollback", home=farm).code == 0
    assert UserStore(Paths.under(farm).data).current() == before


def test_a_pack_of_the_content_already_held_changes_nothing(tmp_path: Path, faq: Faq) -> None:
    home = village(tmp_path)
    pack = tmp_path / "contenu.faqpack"
    faq("pack", "export", str(pack), home=home)
    before = snapshot(home / "data")

    result = faq("pack", "import", str(pack), home=home)

    assert result.code == 0, result.err
    assert "rien n'a changé" in result.out
    assert snapshot(home / "data") == before


def test_an_older_pack_is_refused_naming_both_dates_unless_forced(tmp_path: Path, faq: Faq) -> None:
    home, farm = village(tmp_path, OLDER), tmp_path / "farm"
    install(
        Paths.under(farm), {"faq:livraison": PAGES["faq:livraison"]}, date="2026-05-10T08:00:00Z"
    )
    pack = tmp_path / "ancien.faqpack"
    faq("pack", "export", str(pack), home=home)
    before = snapshot(farm / "data")

    refused = faq("pack", "import", str(pack), home=farm)

    assert refused.code == 1
    assert refused.err_lines == [
        "faq-reader: Ce paquet date du 3 mars 2026, plus ancien que le contenu affiché "
        "(10 mai 2026) : ajoutez --force pour l'importer quand même."
    ]
    assert snapshot(farm / "data") == before
    forced = faq("pack", "import", str(pack), "--force", home=farm)
    assert forced.code == 0, forced.err
    assert len(load_library(Paths.under(farm)).library.pages) == 3


def test_pack_info_says_what_a_pack_holds_and_that_it_verifies(tmp_path: Path, faq: Faq) -> None:
    home, farm = village(tmp_path), tmp_path / "farm"
    pack = tmp_path / "contenu.faqpack"
    faq("pack", "export", str(pack), home=home)

    info = faq("pack", "info", str(pack), "--json", home=farm)
    text = faq("pack", "info", str(pack), home=farm)

    assert info.code == 0, info.err
    data = json.loads(info.out)
    assert data["verified"] is True and data["problem"] is None
    assert data["created"] == NEWER and data["wiki"] == "https://wiki.example/"
    assert [p["id"] for p in data["pages"]] == list(PAGES)
    assert {m["id"] for m in data["media"]} == set(MEDIA)
    assert data["questions"] == len(json.loads(faq("list", "--json", home=home).out))
    bundled = bundled_faq()  # what the farm shows
    assert data["newer_than_content"] is True and data["content_date"] == bundled.dated
    assert text.code == 0 and f"Contenu du 1 juin 2026 (affiché : {bundled.day_fr})" in text.out
    assert "Vérification : réussie" in text.out
    assert not (farm / "data" / "content" / "sets").exists()  # info changes nothing


def test_a_newer_pack_beside_the_program_is_offered_an_older_one_is_not(
    tmp_path: Path, faq: Faq
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    faq("pack", "export", str(stick / "nouveau.faqpack"), home=village(tmp_path))
    (stick / "abime.faqpack").write_bytes(b"pas un paquet")
    farm = Paths.under(tmp_path / "farm")
    install(farm, {"faq:livraison": PAGES["faq:livraison"]}, date="2026-05-10T08:00:00Z")
    shown = select_content(farm.resources, farm.data).content

    offer = newer_pack_beside(stick, shown)

    assert offer is not None and offer.path == stick / "nouveau.faqpack"
    assert (offer.created, offer.held) == (NEWER, "2026-05-10T08:00:00Z")
    install(farm, {"faq:livraison": PAGES["faq:livraison"]}, date="2026-07-01T08:00:00Z")
    assert newer_pack_beside(stick, select_content(farm.resources, farm.data).content) is None


def test_an_exported_pack_can_be_read_by_the_other_accounts_of_the_machine(
    tmp_path: Path, faq: Faq
) -> None:
    import os
    import stat

    home, target = village(tmp_path), tmp_path / "partage.faqpack"
    faq("pack", "export", str(target), home=home)
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # as open() would make it


def test_what_a_refresh_learnt_about_the_wiki_travels_with_the_pack(
    tmp_path: Path, faq: Faq
) -> None:
    """The village's refresh followed a namespace link (``faq:`` is the page
    faq:livraison), was told a document is missing from the wiki and was refused a page:
    the farm reads the same, with no connection to learn it again."""
    learnt = {
        "page_aliases": {"faq": "faq:livraison"},
        "missing_media": ["faq:tarifs.pdf"],
        "unavailable_pages": {"prive:comptes": "login"},
    }
    home, farm = tmp_path / "village", tmp_path / "farm"
    install(Paths.under(home), PAGES, MEDIA, NEWER, extra=learnt)
    pack = tmp_path / "contenu.faqpack"

    assert faq("pack", "export", str(pack), home=home).code == 0
    imported = faq("pack", "import", str(pack), home=farm)

    assert imported.code == 0, imported.err
    manifest = load_library(Paths.under(farm)).content.manifest
    assert manifest.aliases() == {"faq": "faq:livraison"}
    assert manifest.missing_media() == {"faq:tarifs.pdf"}
    assert manifest.unavailable_pages() == {"prive:comptes": "login"}
    farm_library = load_library(Paths.under(farm)).library
    assert farm_library.page("faq") is farm_library.page("faq:livraison") is not None
    again = faq("pack", "import", str(pack), home=farm)
    assert again.code == 0 and "rien n'a changé" in again.out  # the same content: no new set
