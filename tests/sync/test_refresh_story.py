"""A producer refreshes the FAQ from the wiki: what arrives, what is marked, what is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.content.library import load_library
from reader.content.store import UserStore
from reader.render.document import ContentLinkPolicy
from reader.sync.cancel import CancelToken
from reader.sync.changes import clear_mark, load_marks
from reader.sync.errors import RefreshCancelled, RefreshError
from reader.sync.history import cleanup, rollback
from reader.sync.lock import store_lock
from reader.sync.refresh import refresh
from reader.sync.sources import Sources
from tests.sync.conftest import FAST, paths_of, snapshot
from tests.sync.fake_wiki import LINKED, FakeWiki

PAGES = ("faq-kit-durgence", "faq:livraison")


def run(wiki: FakeWiki, data_dir: Path, cache_dir: Path, pages=PAGES, **kw):
    return refresh(Sources(wiki.url, tuple(pages)), paths_of(data_dir), limits=FAST, **kw)


def test_first_refresh_brings_the_pages_and_their_images_for_offline_reading(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path
) -> None:
    summary = run(fake_wiki, data_dir, cache_dir)

    assert summary.committed
    by_id = {p.page_id: p for p in summary.pages}
    assert by_id["faq:livraison"].status == "added"
    assert len(by_id["faq:livraison"].added) == 3
    assert by_id["faq-kit-durgence"].status == "unchanged"  # same text as the bundled copy
    loaded = load_library(paths_of(data_dir))
    assert loaded.origin == "user"
    assert [p.id for p in loaded.library.pages] == [*PAGES, *LINKED]  # the FAQ's first
    stored = loaded.content.root / "pages" / "faq" / "livraison.txt"
    assert stored.read_bytes() == fake_wiki.pages["faq:livraison"]
    policy = ContentLinkPolicy(loaded.library, loaded.content.root, embed=True)
    logo = policy.media_url("faq:logo.png")
    assert logo is not None and logo.startswith("data:image/png;base64,")
    assert summary.media_fetched == 1


def test_refresh_with_nothing_changed_rewrites_nothing(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path
) -> None:
    run(fake_wiki, data_dir, cache_dir)
    before = snapshot(data_dir)

    summary = run(fake_wiki, data_dir, cache_dir)

    assert not summary.committed
    assert "déjà à jour" in summary.text()
    assert snapshot(data_dir) == before


def test_an_edited_page_shows_what_changed_and_marks_it_until_opened(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path
) -> None:
    run(fake_wiki, data_dir, cache_dir)
    clear_mark(data_dir, "faq:livraison#comment_changer_de_point_de_retrait")
    text = fake_wiki.pages["faq:livraison"].decode()
    text = text.replace("choisissez un autre point.", "choisissez un autre point de retrait.")
    text = text.replace("==== Peut-on livrer le dimanche ? ====\n\n?\n", "")
    text += "\n==== Les frais de livraison ? ====\n\nGratuits.\n"
    fake_wiki.pages["faq:livraison"] = text.encode()

    summary = run(fake_wiki, data_dir, cache_dir)

    page = next(p for p in summary.pages if p.page_id == "faq:livraison")
    assert page.status == "changed"
    assert [t for _, t in page.changed] == ["Comment changer de point de retrait ?"]
    assert [t for _, t in page.removed] == ["Peut-on livrer le dimanche ?"]
    assert [t for _, t in page.added] == ["Les frais de livraison ?"]
    assert "1 ajoutée(s), 1 modifiée(s), 1 retirée(s)" in summary.text()
    marks = load_marks(data_dir)
    assert marks["faq:livraison#comment_changer_de_point_de_retrait"] == "changed"
    assert marks["faq:livraison#les_frais_de_livraison"] == "new"
    assert "faq:livraison#peut-on_livrer_le_dimanche" not in marks
    assert clear_mark(data_dir, "faq:livraison#les_frais_de_livraison")
    assert "faq:livraison#les_frais_de_livraison" not in load_marks(data_dir)


def test_unchanged_images_cost_a_304_and_the_new_text_is_searchable(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path
) -> None:
    run(fake_wiki, data_dir, cache_dir)
    fake_wiki.pages["faq:livraison"] += b"\n==== Livre-t-on en tracteur ? ====\n\nParfois.\n"
    fake_wiki.requests.clear()

    summary = run(fake_wiki, data_dir, cache_dir)

    assert summary.committed and summary.media_fetched == 0
    assert any("fetch.php" in r for r in fake_wiki.requests)
    loaded = load_library(paths_of(data_dir))
    assert (loaded.content.root / "media" / "faq" / "logo.png").is_file()
    from reader.search.index import SearchIndex

    index = SearchIndex.open(loaded.library, cache_dir)
    try:
        hits = index.search("tracteur").hits
        assert hits and hits[0].id == "faq:livraison#livre-t-on_en_tracteur"
    finally:
        index.close()


def test_a_page_added_to_the_sources_and_one_removed(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path
) -> None:
    run(fake_wiki, data_dir, cache_dir)

    summary = run(fake_wiki, data_dir, cache_dir, pages=("faq-kit-durgence", "faq:commandes"))

    status = {p.page_id: p.status for p in summary.pages}
    assert status == {
        "faq-kit-durgence": "unchanged",
        "faq:commandes": "added",
        "faq:livraison": "removed",
    }
    loaded = load_library(paths_of(data_dir))
    assert [p.id for p in loaded.library.pages] == ["faq-kit-durgence", "faq:commandes", *LINKED]
    assert not (loaded.content.root / "media" / "faq" / "logo.png").exists()


def test_rollback_brings_back_the_content_before_the_last_refresh(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path
) -> None:
    run(fake_wiki, data_dir, cache_dir)
    first = load_library(paths_of(data_dir)).content.root
    fake_wiki.pages["faq:livraison"] += b"\n==== Une question de plus ? ====\n\nOui.\n"
    run(fake_wiki, data_dir, cache_dir)

    assert rollback(data_dir)

    loaded = load_library(paths_of(data_dir))
    assert loaded.content.root == first
    assert loaded.library.question("faq:livraison#une_question_de_plus") is None


def test_rollback_without_a_previous_refresh_says_so(data_dir: Path) -> None:
    assert rollback(data_dir) is False


def test_a_page_without_any_question_is_refused(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path
) -> None:
    with pytest.raises(RefreshError, match=r"« brouillon » : la page ne contient aucune question"):
        run(fake_wiki, data_dir, cache_dir, pages=("faq:livraison", "brouillon"))
    assert snapshot(data_dir) == {}


def test_an_image_missing_from_the_wiki_is_a_warning_not_a_failure(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path
) -> None:
    del fake_wiki.media["faq:logo.png"]

    summary = run(fake_wiki, data_dir, cache_dir)

    assert summary.committed
    assert any("faq:logo.png" in w for w in summary.warnings)


def test_progress_reports_each_page_and_the_bytes_received(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path
) -> None:
    seen = []
    run(fake_wiki, data_dir, cache_dir, progress=seen.append)

    pages = [(p.done, p.total, p.item) for p in seen if p.step == "page"]
    assert pages == [(1, 2, "faq-kit-durgence"), (2, 2, "faq:livraison")]
    assert seen[-1].step == "commit"
    assert seen[-1].bytes_received >= sum(len(fake_wiki.pages[p]) for p in PAGES)


@pytest.mark.parametrize("step", ["page", "media", "index", "commit"])
def test_cancel_at_any_step_changes_nothing(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path, step: str
) -> None:
    run(fake_wiki, data_dir, cache_dir)
    before = snapshot(data_dir)
    fake_wiki.pages["faq:livraison"] += b"\n==== Encore une ? ====\n\nOui.\n"
    token = CancelToken()

    def progress(p) -> None:
        if p.step == step:
            token.cancel()

    with pytest.raises(RefreshCancelled, match="annulée"):
        run(fake_wiki, data_dir, cache_dir, cancel=token, progress=progress)
    assert snapshot(data_dir) == before


def test_a_half_done_staging_folder_is_cleaned_at_the_next_start(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path
) -> None:
    run(fake_wiki, data_dir, cache_dir)
    before = snapshot(data_dir)
    leftover = UserStore(data_dir).stage()
    (leftover / "pages").mkdir()
    (leftover / "pages" / "half.txt").write_bytes(b"== moiti")

    cleanup(data_dir)

    assert not leftover.exists()
    assert snapshot(data_dir) == before


def test_a_second_refresh_at_the_same_time_is_refused(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path
) -> None:
    with (
        store_lock(UserStore(data_dir).root),
        pytest.raises(RefreshError, match="déjà en cours"),
    ):
        run(fake_wiki, data_dir, cache_dir)


def test_each_changed_page_is_converted_once_and_its_images_still_come(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.content.outline as outline
    import reader.sync.fetch as fetch_module

    builds: list[str] = []
    real_build = outline.build_page

    def counting_build(page_id, text, source=None, **options):
        builds.append(page_id)
        return real_build(page_id, text, source, **options)

    def no_second_conversion(*args, **kwargs):
        raise AssertionError("the refresh converted a page a second time")

    monkeypatch.setattr(outline, "build_page", counting_build)
    monkeypatch.setattr(fetch_module, "to_markdown", no_second_conversion)
    summary = run(fake_wiki, data_dir, cache_dir, pages=("faq:livraison",))

    assert summary.committed and summary.media_fetched == 1
    assert builds.count("faq:livraison") <= 1  # none when the page cache had it
    assert load_library(paths_of(data_dir)).library.page("faq:livraison").media == ("faq:logo.png",)


class _CancelInsideConversion(CancelToken):
    """The user presses Annuler while a big page is being converted: the token turns
    cancelled the first time it is checked from inside the converter."""

    def __init__(self) -> None:
        super().__init__()
        self.cancelled_while_converting = False
        self.checks_after_cancel = 0

    def check(self) -> None:
        import inspect

        if self.cancelled:
            self.checks_after_cancel += 1
        elif any(frame.function == "build_page" for frame in inspect.stack()):
            self.cancelled_while_converting = True
            self.cancel()
        super().check()


def test_cancel_during_the_conversion_of_a_big_page_stops_it_at_once(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path
) -> None:
    big = "====== Livraison ======\n" + "".join(
        f"===== Partie {n} =====\n==== Question {n} ? ====\n" + "Texte [[a]] {{b}} " * 100 + "\n"
        for n in range(100)
    )
    fake_wiki.pages["faq:livraison"] = big.encode()
    token = _CancelInsideConversion()
    with pytest.raises(RefreshCancelled):
        run(fake_wiki, data_dir, cache_dir, cancel=token)
    assert token.cancelled_while_converting
    assert token.checks_after_cancel == 0  # the first check after the cancel raised
    assert snapshot(data_dir) == {}  # nothing was written
