"""An image never blocks an update: the page it illustrates is updated, the image is
stored under a name every file system takes, or its caption stands in its place."""

from __future__ import annotations

from pathlib import Path

from reader.content.library import load_library
from reader.render.document import ContentLinkPolicy, question_fragment
from reader.sync.refresh import refresh
from reader.sync.sources import Sources
from tests.sync.conftest import FAST, paths_of
from tests.sync.fake_wiki import FakeWiki

PAGES = ("faq-kit-durgence", "faq:livraison")
LONG = "faq:" + "une_photo_du_marche_de_producteurs_" * 9 + "au_printemps.png"  # 327 bytes


def add_question_with_image(wiki: FakeWiki, media_id: str, caption: str) -> None:
    wiki.pages["faq:livraison"] += (
        f"\n==== Et en photo ? ====\n\nVoici : {{{{{media_id}?100|{caption}}}}}\n".encode()
    )


def test_an_image_whose_name_is_too_long_for_a_file_is_kept_under_a_shorter_one(
    fake_wiki: FakeWiki, data_dir: Path
) -> None:
    assert len(LONG.rsplit(":", 1)[1].encode()) > 255
    fake_wiki.media[LONG] = fake_wiki.media["faq:logo.png"]
    add_question_with_image(fake_wiki, LONG, "Le marché")

    summary = refresh(Sources(fake_wiki.url, PAGES), paths_of(data_dir), limits=FAST)

    assert summary.committed and summary.warnings == ()
    loaded = load_library(paths_of(data_dir))
    [entry] = [m for m in loaded.content.manifest.media if m.id == LONG]  # the id is kept
    stored = loaded.content.root / entry.path
    assert len(stored.name.encode()) <= 120 and stored.suffix == ".png"
    assert stored.read_bytes() == fake_wiki.media[LONG]
    policy = ContentLinkPolicy(loaded.library, loaded.content.root, embed=True)
    assert (policy.media_url(LONG) or "").startswith("data:image/png;base64,")


def test_a_new_image_that_cannot_be_had_leaves_its_caption_and_the_page_is_updated(
    fake_wiki: FakeWiki, data_dir: Path
) -> None:
    fake_wiki.media["faq:marche.png"] = b"image"
    fake_wiki.faults["faq:marche.png"] = "html_as_image"
    add_question_with_image(fake_wiki, "faq:marche.png", "Le marché du samedi")

    summary = refresh(Sources(fake_wiki.url, PAGES), paths_of(data_dir), limits=FAST)

    assert summary.committed
    [warning] = summary.warnings
    assert warning == (
        "image « faq:marche.png » (page « faq:livraison ») : une page web a été reçue au "
        "lieu de l'image ; la réponse montre sa légende à la place"
    )
    assert f"Avertissement : {warning}" in summary.text()
    loaded = load_library(paths_of(data_dir))
    question = loaded.library.question("faq:livraison#et_en_photo")
    assert question is not None
    answer = question_fragment(loaded, question)
    assert '<span class="media-missing">Le marché du samedi</span>' in answer
