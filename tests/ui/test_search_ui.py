"""Searching as you type: results replace the tree, Enter opens the best one highlighted."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import Qt

from reader.ui.search.results_model import HTML_ROLE, ID_ROLE
from reader.ui.search.service import SearchService


def test_typing_a_query_shows_results_best_first(window, qtbot):
    with qtbot.waitSignal(window.resultsShown, timeout=5000) as shown:
        qtbot.keyClicks(window.search.field, "producteurs")
    outcome = shown.args[0]
    assert outcome.query == "producteurs"
    assert window.left.currentWidget() is window.search.results
    model = window.search.results.model
    assert model.rowCount() == len(outcome.hits) > 1
    scores = [hit.score for hit in outcome.hits]
    assert scores == sorted(scores, reverse=True)
    first = model.index(0)
    assert "<b>" in first.data(HTML_ROLE)  # question in bold
    assert "background-color:#ffe066" in first.data(HTML_ROLE)  # hit words marked
    assert "résultat" in window.search.results.header.text()


def test_results_found_through_an_everyday_word_mark_it_as_a_synonym(window, qtbot):
    with qtbot.waitSignal(window.resultsShown, timeout=5000) as shown:
        qtbot.keyClicks(window.search.field, "fermier")
    assert shown.args[0].hits
    assert "résultats pour «\xa0fermier\xa0»" in window.search.results.header.text()
    first = window.search.results.model.index(0).data(HTML_ROLE)
    assert 'title="synonyme de « fermier »">producteur' in first


def test_enter_opens_the_best_answer_with_its_words_highlighted(window, qtbot):
    qtbot.keyClicks(window.search.field, "formation")
    with qtbot.waitSignal(window.placeShown, timeout=5000) as shown:
        qtbot.keyClick(window.search.field, Qt.Key.Key_Return)  # before the debounce ends
    best = window.search.results.model.index(0)
    assert shown.args == [f"q:{best.data(ID_ROLE)}"]
    assert window.answer.view.hit_count() >= 1
    selection = window.answer.view.extraSelections()[0]
    assert selection.cursor.selectedText().lower().startswith("formation")


def test_down_arrow_moves_into_the_results_and_enter_opens_one(window, qtbot):
    with qtbot.waitSignal(window.resultsShown, timeout=5000):
        qtbot.keyClicks(window.search.field, "producteurs")
    window.activateWindow()
    window.search.field.setFocus()
    qtbot.keyClick(window.search.field, Qt.Key.Key_Down)
    assert window.search.results.list.hasFocus()
    qtbot.keyClick(window.search.results.list, Qt.Key.Key_Down)
    second = window.search.results.list.currentIndex()
    assert second.row() == 1
    with qtbot.waitSignal(window.placeShown) as shown:
        qtbot.keyClick(window.search.results.list, Qt.Key.Key_Return)
    assert shown.args == [f"q:{second.data(ID_ROLE)}"]


def test_escape_clears_the_query_and_brings_the_tree_back(window, qtbot):
    with qtbot.waitSignal(window.resultsShown, timeout=5000):
        qtbot.keyClicks(window.search.field, "compte")
    qtbot.keyClick(window.search.field, Qt.Key.Key_Escape)
    assert window.search.field.text() == ""
    assert window.left.currentWidget() is window.places.tree


def test_no_result_is_never_a_bare_empty_list(window, qtbot):
    with qtbot.waitSignal(window.resultsShown, timeout=5000) as shown:
        qtbot.keyClicks(window.search.field, "zzzqqq")
    assert shown.args[0].hits == ()
    header = window.search.results.header.text()
    assert "Aucune réponse ne parle de «\xa0zzzqqq\xa0»" in header
    assert "Essayez d'autres mots" in window.search.results.partial.text()


@dataclass(frozen=True)
class _Hit:
    id: str
    page: str = "p"
    section: str = "Section"
    question: str = "Question"
    score: float = 1.0
    snippet: str = ""
    answered: bool = True
    missing: tuple[str, ...] = ()
    matched: tuple = ()


class _SlowIndex:
    """A fake index that takes its time, to show stale answers are dropped."""

    warnings: list[str] = []  # noqa: RUF012

    def __init__(self, library, delay=0.15):
        self.delay = delay
        self.asked: list[str] = []

    def search(self, query, limit=20, correct=True):
        self.asked.append(query)
        time.sleep(self.delay)

        @dataclass
        class Result:
            query: str
            hits: tuple
            corrected: None = None
            correct: bool = True
            words: tuple = ()
            uncovered: tuple = ()

        return Result(query, (_Hit(f"p#{query}"),), correct=correct, words=(query,))

    def close(self):
        pass


def test_stale_results_are_dropped_and_the_ui_does_not_wait(qtbot):
    from reader.content.model import Library

    made = []
    service = SearchService(index_factory=lambda lib: made.append(_SlowIndex(lib)) or made[-1])
    try:
        with qtbot.waitSignal(service.indexReady):
            service.open(Library())
        received = []
        service.resultsReady.connect(received.append)
        started = time.perf_counter()
        for query in ("f", "fo", "for", "form"):
            service.search(query)
        assert time.perf_counter() - started < 0.05  # asking never blocks the UI thread
        qtbot.waitUntil(service.idle, timeout=3000)  # every query answered or skipped
        assert [o.query for o in received] == ["form"]
        assert "form" in made[0].asked and len(made[0].asked) < 4
    finally:
        service.shutdown()
