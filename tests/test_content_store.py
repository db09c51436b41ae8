"""Refreshed content wins when it is sound; anything broken falls back, with a warning."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from reader.content.library import load_library
from reader.content.manifest import page_path, read_manifest, write_manifest
from reader.content.store import UserStore, select_content
from reader.fsutil import sha256_bytes
from reader.paths import resources_dir
from tests.bundled import bundled_faq
from tests.home import content_paths, load_home_library


def make_user_set(store: UserStore, question: str) -> Path:
    """Stage and commit a set whose one page holds ``question``, like a refresh does."""
    staged = store.stage()
    text = f"====== Page ======\n===== S =====\n==== {question} ====\nréponse\n".encode()
    (staged / "pages").mkdir()
    (staged / page_path("faq-kit-durgence")).write_bytes(text)
    manifest = read_manifest(resources_dir())
    entry = replace(manifest.pages[0], sha256=sha256_bytes(text), revision="2000000000")
    write_manifest(staged, replace(manifest, pages=(entry,)))
    return store.commit(staged)


def test_reader_shows_bundled_content_before_any_refresh(faq_home: Path) -> None:
    loaded = load_home_library()
    assert loaded.origin == "bundled"
    assert loaded.warnings == ()


def test_refreshed_content_wins_over_the_bundled_one(faq_home: Path) -> None:
    make_user_set(UserStore(faq_home / "data"), "Nouvelle question ?")
    loaded = load_home_library()
    assert loaded.origin == "user"
    assert [q.title for q in loaded.library.questions()] == ["Nouvelle question ?"]


def test_rollback_brings_back_the_previous_set(faq_home: Path) -> None:
    store = UserStore(faq_home / "data")
    make_user_set(store, "Première ?")
    make_user_set(store, "Seconde ?")
    assert [q.title for q in load_home_library().library.questions()] == ["Seconde ?"]
    assert store.rollback()
    assert [q.title for q in load_home_library().library.questions()] == ["Première ?"]


def test_corrupt_refreshed_page_falls_back_to_previous_set_with_warning(faq_home: Path) -> None:
    store = UserStore(faq_home / "data")
    make_user_set(store, "Première ?")
    current = make_user_set(store, "Seconde ?")
    (current / page_path("faq-kit-durgence")).write_bytes(b"\x00garbage")
    loaded = load_home_library()
    assert [q.title for q in loaded.library.questions()] == ["Première ?"]
    assert any("abîmé" in w for w in loaded.warnings)


def test_unreadable_manifest_falls_back_to_bundled_with_warning(faq_home: Path) -> None:
    current = make_user_set(UserStore(faq_home / "data"), "Q ?")
    (current / "manifest.json").write_text("{not json", encoding="utf-8")
    loaded = load_home_library()
    assert loaded.origin == "bundled"
    assert any("illisible" in w for w in loaded.warnings)
    assert len(list(loaded.library.questions())) == bundled_faq().questions


def test_garbage_state_file_means_bundled_content(faq_home: Path) -> None:
    state = faq_home / "data" / "content" / "state.json"
    state.parent.mkdir(parents=True)
    state.write_bytes(b"\xff\xfe garbage")
    assert load_home_library().origin == "bundled"


def test_state_naming_a_folder_outside_the_store_is_ignored(faq_home: Path) -> None:
    state = faq_home / "data" / "content" / "state.json"
    state.parent.mkdir(parents=True)
    state.write_text('{"current": "../../etc"}', encoding="utf-8")
    assert load_home_library().origin == "bundled"


def test_half_done_staging_folder_is_cleaned_and_never_read(faq_home: Path) -> None:
    store = UserStore(faq_home / "data")
    make_user_set(store, "Gardée ?")
    leftover = store.stage()
    (leftover / "pages").mkdir()
    store.cleanup()
    assert not leftover.exists()
    assert [q.title for q in load_home_library().library.questions()] == ["Gardée ?"]


def test_damaged_bundled_page_still_shows_with_a_warning(tmp_path: Path) -> None:
    bundled = tmp_path / "resources"
    shutil.copytree(resources_dir(), bundled)
    path = bundled / "pages" / "faq-kit-durgence.txt"
    path.write_bytes(path.read_bytes() + b"\n==== Ajout ====\n")
    selection = select_content(bundled, None)
    assert selection.content.problems
    assert any("abîmé" in w for w in selection.warnings)
    loaded = load_library(content_paths(bundled, tmp_path / "none"))
    assert len(list(loaded.library.questions())) == 10


def test_missing_bundled_manifest_gives_an_empty_library_not_a_crash(tmp_path: Path) -> None:
    loaded = load_library(content_paths(tmp_path / "nothing", tmp_path / "data"))
    assert loaded.library.pages == ()
    assert loaded.warnings


def test_a_second_rollback_has_nothing_more_to_undo_and_redo_brings_the_update_back(
    faq_home: Path,
) -> None:
    store = UserStore(faq_home / "data")
    first = make_user_set(store, "Première ?")
    second = make_user_set(store, "Seconde ?")

    assert store.rollback() and store.current() == first
    assert not store.rollback() and store.current() == first
    assert store.history().undone == second.name

    assert store.redo() and store.current() == second
    assert not store.redo()
    assert store.previous() == first  # and the update can be undone again


def test_clean_up_keeps_every_set_while_the_state_cannot_be_read(faq_home: Path) -> None:
    store = UserStore(faq_home / "data")
    sets = [make_user_set(store, f"Q{n} ?").name for n in range(2)]
    store.state_file.write_text("", encoding="utf-8")
    leftover = store.stage()

    store.cleanup()

    assert sorted(p.name for p in store.sets_dir.iterdir()) == sorted(sets)
    assert not leftover.exists()
    assert store.history().current == sets[1] and store.history().warning


def test_clean_up_removes_sets_that_a_readable_state_no_longer_names(faq_home: Path) -> None:
    store = UserStore(faq_home / "data")
    sets = [make_user_set(store, f"Q{n} ?").name for n in range(3)]
    assert sorted(p.name for p in store.sets_dir.iterdir()) == sorted(sets[1:])


def test_long_or_reserved_names_become_names_every_file_system_takes() -> None:
    from reader.content.manifest import MAX_NAME_BYTES, media_path

    assert page_path("faq:livraison") == "pages/faq/livraison.txt"
    assert media_path("faq:logo.png") == "media/faq/logo.png"
    long_id = "faq:" + "é" * 200
    assert len(page_path(long_id).split("/")[-1].encode()) <= MAX_NAME_BYTES
    assert page_path(long_id) != page_path(long_id + "x")  # a hash keeps them apart
    assert media_path("faq:" + "x" * 300 + ".jpeg").endswith(".jpeg")
    assert media_path("faq:con.png") != "media/faq/con.png"  # a Windows device name
