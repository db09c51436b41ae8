"""Bad content: the window still opens and shows what it can, with a note."""

from __future__ import annotations

import hashlib
import json

import pytest

from reader.content.library import load_library
from tests.bundled import bundled_faq
from tests.home import content_paths


def _content_set(root, pages: dict[str, str]):
    entries = []
    for page_id, text in pages.items():
        path = f"pages/{page_id}.txt"
        (root / "pages").mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
        sha = hashlib.sha256(text.encode()).hexdigest()
        entries.append(
            {
                "id": page_id,
                "path": path,
                "sha256": sha,
                "revision": "1",
                "last_modified": "2024-01-02T03:04:05Z",
            }
        )
    (root / "media").mkdir(exist_ok=True)
    manifest = {"format": 1, "wiki": "https://wiki.example.org/", "pages": entries}
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return load_library(content_paths(root, root / "no-user-data"))


LONG_TITLE = "Pourquoi " + "très " * 58 + "long ?"
TABLE = "\n".join(["^ Produit ^ Prix ^"] + [f"| légume {i} | {i},00 € |" for i in range(500)])
BAD_PAGE = f"""====== Page difficile ======

===== Cas limites =====

==== {LONG_TITLE} ====

Une réponse.

==== Un grand tableau ====

{TABLE}

==== Une image absente ====

Voici le schéma : {{{{faq:absent.png|schéma}}}}
"""
EMPTY_PAGE = "====== Page sans sections ======\n\nJuste une introduction.\n"


@pytest.fixture
def bad_window(window, tmp_path, qtbot):
    loaded = _content_set(tmp_path / "content", {"difficile": BAD_PAGE, "vide": EMPTY_PAGE})
    with qtbot.waitSignal(window.contentLoaded):
        window.show_content(loaded)
    return window


def test_a_300_character_title_is_clipped_in_the_tree_and_whole_in_the_pane(bad_window, qtbot):
    assert len(LONG_TITLE) >= 300
    question = next(q for q in bad_window.loaded.library.questions() if q.title == LONG_TITLE)
    index = bad_window.places.model.index_for(question.id)
    assert len(index.data()) < 200 and index.data().endswith("…")
    assert bad_window.places.open_question(question.id)
    assert LONG_TITLE in bad_window.answer.view.toPlainText()
    assert len(bad_window.windowTitle()) <= 90


def test_an_answer_with_a_500_row_table_opens(bad_window):
    question = next(q for q in bad_window.loaded.library.questions() if "tableau" in q.title)
    assert bad_window.places.open_question(question.id)
    text = bad_window.answer.view.toPlainText()
    assert "légume 0" in text and "légume 499" in text


def test_a_missing_image_leaves_a_note(bad_window, qtbot):
    question = next(q for q in bad_window.loaded.library.questions() if "image" in q.title)
    assert bad_window.places.open_question(question.id)
    qtbot.waitUntil(lambda: "Voici le schéma" in bad_window.answer.view.toPlainText())
    message = bad_window.statusBar().currentMessage()
    html = bad_window.answer.view.toHtml()
    # the renderer drops a missing image (alt text) or the pane reports it
    assert "absent.png" in message or "schéma" in html


def test_a_page_with_no_sections_is_listed_and_opens(bad_window, qtbot):
    index = bad_window.places.model.index_for("vide#page_sans_sections")
    if not index.isValid():
        index = bad_window.places.model.index(1, 0)
    assert bad_window.places.model.rowCount(index) == 0
    with qtbot.waitSignal(bad_window.placeShown):
        bad_window.places.tree.setCurrentIndex(index)
    text = bad_window.answer.view.toPlainText()
    assert "Page sans sections" in text
    assert "pas de sections" in text


def test_an_unreadable_content_folder_still_gives_a_window(window, tmp_path, qtbot):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "manifest.json").write_text("{not json", encoding="utf-8")
    loaded = load_library(content_paths(broken, tmp_path / "none"))
    with qtbot.waitSignal(window.contentLoaded):
        window.show_content(loaded)
    assert window.places.model.rowCount() == 0
    assert window.isVisible()


def test_a_folder_that_cannot_be_written_is_said_once_and_the_faq_still_shows(
    tmp_path, monkeypatch, open_window
):
    blocker = tmp_path / "clé en lecture seule"
    blocker.write_text("a file where the per-user folder should be", encoding="utf-8")
    monkeypatch.setenv("FAQ_READER_HOME", str(blocker / "faq-reader"))
    window = open_window(wait_index=False)
    assert window.places.model.question_count() == bundled_faq().questions
    assert window.status.warning_label.isVisible()
    assert "impossible d'enregistrer" in window.status.warning_label.text()
    assert window.status.warning_label.toolTip().count("impossible d'enregistrer") == 1


def test_damaged_refreshed_content_is_shown_as_a_lasting_warning(faq_home, open_window):
    from reader.content.store import UserStore

    store = UserStore(faq_home / "data")
    staged = store.stage()
    (staged / "manifest.json").write_text("{broken", encoding="utf-8")
    store.commit(staged)
    window = open_window(wait_index=False)
    assert window.places.model.question_count() == bundled_faq().questions
    assert window.status.warning_label.isVisible()
    assert "illisible" in window.status.warning_label.toolTip()
