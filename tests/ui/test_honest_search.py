"""An honest search: the reader says when it has no answer, shows what it searched, and
marks only the words that matched (each as what it is).

A producer types a word the FAQ never speaks of ("tracteur") and is told so first, with
nothing preselected: Enter opens no answer. Partial answers are offered as such, each
with what it lacks. A typo's correction is shown as a correction, with a way back to
the words as typed; the words typed are never replaced by what the reader made of them.
When the reader has no answer and the wiki answers, it offers the wiki's own search;
offline, it says how old its content is.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QUrl
from PySide6.QtGui import QHelpEvent, QTextCursor, QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QToolTip

from reader.packs.dates import french_date
from reader.sync.refresh import refresh
from reader.sync.sources import Sources
from reader.sync.urls import search_url
from reader.ui.search.results_model import HTML_ROLE
from reader.ui.text import fold_keeping_positions
from tests.bundled import bundled_faq
from tests.home import home_paths
from tests.sync.conftest import FAST
from tests.sync.fake_wiki import FakeWiki


def plain(label) -> str:
    """What a label says, as read (no-break spaces as spaces)."""
    return QTextDocumentFragment.fromHtml(label.text()).toPlainText().replace("\xa0", " ")


def search(window, qtbot, query: str):
    """Type ``query`` in the search field and wait for its results; the outcome."""
    window.search.field.clear()
    with qtbot.waitSignal(window.resultsShown, timeout=5000) as shown:
        qtbot.keyClicks(window.search.field, query)
    return shown.args[0]


def keyboard_in(window, qtbot, widget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    widget.setFocus()


# -- abstention ------------------------------------------------------------------------------
def test_a_word_the_faq_never_speaks_of_is_answered_by_no_answer_and_enter_opens_nothing(
    window, qtbot
):
    outcome = search(window, qtbot, "tracteur")

    results = window.search.results
    assert outcome.abstains
    said = plain(results.header)
    assert said.startswith("Aucune réponse ne parle de « tracteur ».")
    when = bundled_faq().day_fr
    assert f"Le contenu hors ligne n'a pas de réponse (mis à jour le {when})." in said
    assert "Questions proches" not in said + plain(results.partial)
    assert "Essayez d'autres mots" in plain(results.partial)
    assert not results.list.currentIndex().isValid()
    assert not results.list.selectionModel().hasSelection()
    keyboard_in(window, qtbot, window.search.field)
    # A fixed wait: nothing is to open, and no signal says "nothing opened".
    with qtbot.assertNotEmitted(window.placeShown, wait=300):
        qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    assert window.windowTitle() == "FAQ Cagette.net"  # still the welcome page


def test_enter_pressed_before_the_results_of_an_abstention_opens_nothing(window, qtbot):
    with (
        # A fixed wait after the results: an early Enter must not open one once they come.
        qtbot.assertNotEmitted(window.placeShown, wait=300),
        qtbot.waitSignal(window.resultsShown, timeout=5000),
    ):
        qtbot.keyClicks(window.search.field, "tracteur")
        qtbot.keyClick(window.search.field, Qt.Key.Key_Return)  # before the debounce
    assert window.search.last_outcome.abstains


def test_partial_answers_come_after_the_no_answer_and_say_what_they_lack(window, qtbot):
    outcome = search(window, qtbot, "payer en ligne")

    results = window.search.results
    assert outcome.abstains and outcome.hits
    assert plain(results.header).startswith("Aucune réponse ne parle de « payer ».")
    assert plain(results.partial) == "Réponses partielles pour « payer en ligne » :"
    qtbot.waitUntil(lambda: results.partial.y() > results.header.y())
    assert results.header.y() < results.partial.y() < results.list.y()  # the no-answer first
    row = results.model.index(0)
    assert "Ne contient pas : payer" in row.data(HTML_ROLE).replace("\xa0", " ")
    assert "Ne contient pas : payer" in row.data(Qt.ItemDataRole.ToolTipRole).replace("\xa0", " ")
    assert not results.list.currentIndex().isValid()
    keyboard_in(window, qtbot, window.search.field)
    # A fixed wait: nothing is to open, and no signal says "nothing opened".
    with qtbot.assertNotEmitted(window.placeShown, wait=300):
        qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    # A partial answer opens when the reader chooses it: Down into the list, then Enter.
    qtbot.keyClick(window.search.field, Qt.Key.Key_Down)
    assert results.list.hasFocus() and results.list.currentIndex().row() == 0
    with qtbot.waitSignal(window.placeShown) as shown:
        qtbot.keyClick(results.list, Qt.Key.Key_Return)
    assert shown.args == [f"q:{outcome.hits[0].id}"]


def test_complete_answers_keep_the_best_one_ready_for_enter(window, qtbot):
    outcome = search(window, qtbot, "livraison")

    assert not outcome.abstains
    assert window.search.results.list.currentIndex().row() == 0
    assert not window.search.results.partial.isVisible()
    assert not window.search.results.wiki_button.isVisible()


# -- what was searched -----------------------------------------------------------------------
def test_a_corrected_typo_says_so_and_one_click_searches_the_words_as_typed(window, qtbot):
    outcome = search(window, qtbot, "formaton")

    results = window.search.results
    assert outcome.corrected == "formation" and outcome.hits
    assert plain(results.header) == "Résultats pour « formation » · Rechercher plutôt « formaton »"
    with qtbot.waitSignal(window.resultsShown, timeout=5000) as shown:
        results.header.linkActivated.emit("alternative:")  # the link, clicked
    as_typed = shown.args[0]
    assert (as_typed.query, as_typed.correct, as_typed.corrected) == ("formaton", False, None)
    assert plain(results.header).startswith("Aucune réponse ne parle de « formaton ».")
    assert plain(results.partial).endswith("Rechercher plutôt « formation »")
    assert window.search.field.text() == "formaton"  # what the user typed stays


def test_alt_shift_r_switches_between_the_correction_and_the_words_as_typed(window, qtbot):
    search(window, qtbot, "formaton")
    results = window.search.results
    assert "Alt+Maj+R" in results.header.toolTip()
    keyboard_in(window, qtbot, window.search.field)
    alt_shift = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    with qtbot.waitSignal(window.resultsShown, timeout=5000) as shown:
        qtbot.keyClick(window.search.field, Qt.Key.Key_R, alt_shift)
    assert shown.args[0].correct is False
    with qtbot.waitSignal(window.resultsShown, timeout=5000) as shown:
        qtbot.keyClick(window.search.field, Qt.Key.Key_R, alt_shift)
    assert shown.args[0].corrected == "formation"
    assert plain(results.header).startswith("Résultats pour « formation »")


def test_the_results_line_shows_the_words_as_typed_not_what_they_stand_for(window, qtbot):
    search(window, qtbot, "crise sanitaire covid")
    assert plain(window.search.results.header) == "1 résultat pour « crise sanitaire covid »"

    search(window, qtbot, "fermier")  # found through its synonym "producteur"
    header = plain(window.search.results.header)
    assert header.endswith("résultats pour « fermier »")
    assert "producteur" not in header


def test_editing_the_query_searches_with_corrections_again(window, qtbot):
    search(window, qtbot, "formaton")
    with qtbot.waitSignal(window.resultsShown, timeout=5000):
        window.search.results.header.linkActivated.emit("alternative:")
    outcome = search(window, qtbot, "livrason")
    assert outcome.correct and outcome.corrected == "livraison"


# -- highlighting ----------------------------------------------------------------------------
def test_an_answer_highlights_only_the_words_that_matched(window, qtbot):
    outcome = search(window, qtbot, "Cagette")
    keyboard_in(window, qtbot, window.search.field)
    with qtbot.waitSignal(window.placeShown, timeout=5000):
        qtbot.keyClick(window.search.field, Qt.Key.Key_Return)

    marked = window.answer.view.hit_selections()
    assert marked
    assert {fold_keeping_positions(word) for word, _ in marked} == {"cagette"}
    assert all(tip == "" for _, tip in marked)  # the word itself, not a synonym
    assert {m.word for m in outcome.hits[0].matched} == {"Cagette"}


def synonym_point(view, index, word: str) -> QPoint:
    """Where ``word`` is drawn marked in a row of the results list (in the viewport)."""
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    doc = view.itemDelegate()._document(option, index)
    cursor = doc.find(word)
    while not cursor.isNull() and not cursor.charFormat().toolTip():  # not the title's
        cursor = doc.find(word, cursor)
    assert not cursor.isNull()
    block = cursor.block()
    position = cursor.selectionStart() - block.position() + 1
    corner = doc.documentLayout().blockBoundingRect(block).topLeft()  # lays the block out
    line = block.layout().lineForTextPosition(position)
    assert line.isValid()
    x = corner.x() + line.cursorToX(position)[0]
    y = corner.y() + line.y() + line.height() / 2
    return option.rect.topLeft() + QPoint(int(x), int(y))


def tooltip_at(widget, point: QPoint) -> str:
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point))
    QApplication.sendEvent(widget, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_a_synonym_is_marked_apart_with_the_word_it_stands_for(window, qtbot):
    outcome = search(window, qtbot, "covid")  # the FAQ says "crise sanitaire"

    results = window.search.results
    assert [m.kind for m in outcome.hits[0].matched] == ["synonym", "synonym"]
    row = results.model.index(0)
    html = row.data(HTML_ROLE)
    assert 'title="synonyme de « covid »"' in html and "text-underline-style:dotted" in html
    qtbot.waitUntil(lambda: results.list.visualRect(row).height() > 0)
    point = synonym_point(results.list, row, "crise")
    assert tooltip_at(results.list.viewport(), point) == "synonyme de « covid »"

    keyboard_in(window, qtbot, window.search.field)
    with qtbot.waitSignal(window.placeShown, timeout=5000):
        qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    view = window.answer.view
    marked = view.hit_selections()
    assert {fold_keeping_positions(word) for word, _ in marked} == {"crise", "sanitaire"}
    assert {tip.replace("\xa0", " ") for _, tip in marked} == {"synonyme de « covid »"}
    selection = view.extraSelections()[0]
    assert selection.format.underlineStyle() == selection.format.UnderlineStyle.DotLine
    inside = QTextCursor(selection.cursor)
    inside.setPosition(selection.cursor.selectionStart() + 2)
    point = view.cursorRect(inside).center()
    assert tooltip_at(view.viewport(), point).replace("\xa0", " ") == "synonyme de « covid »"


# -- beyond the offline content --------------------------------------------------------------
@pytest.fixture
def wiki():
    """A local wiki the reader's content was refreshed from (so it is the content's wiki)."""
    with FakeWiki() as fake:
        refresh(Sources(fake.url, ("faq-kit-durgence",)), home_paths(), limits=FAST)
        yield fake


def test_with_no_answer_the_wiki_s_own_search_is_offered_when_the_wiki_answers(
    wiki, open_window, qtbot, desktop
):
    refreshed = len(wiki.requests)
    window = open_window()
    search(window, qtbot, "livraison")
    assert len(wiki.requests) == refreshed  # nothing asked at start-up, nor for an answer
    with qtbot.waitSignal(window.search.reach.checked, timeout=10_000) as checked:
        search(window, qtbot, "tracteur")
    assert checked.args == [wiki.url, True]
    assert len(wiki.requests) == refreshed + 1
    button = window.search.results.wiki_button
    assert button.isVisible() and button.text().replace("&", "") == "Chercher sur le wiki"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert desktop.opened == [QUrl(search_url(wiki.url, "tracteur"))]
    assert desktop.opened[0].toString().endswith("doku.php?do=search&q=tracteur")

    asked = len(wiki.requests)
    search(window, qtbot, "moissonneuse")  # the wiki's answer is kept a while
    assert window.search.results.wiki_button.isVisible()
    assert len(wiki.requests) == asked
    keyboard_in(window, qtbot, window.search.field)
    qtbot.keyClick(window.search.field, Qt.Key.Key_Tab)  # the next stop is the offer
    assert QApplication.focusWidget() is window.search.results.wiki_button
    qtbot.keyClick(window.search.field, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    wanted = QUrl(search_url(wiki.url, "moissonneuse"))
    qtbot.waitUntil(lambda: desktop.opened[-1] == wanted, timeout=2000)  # the button's click


def test_offline_the_reader_says_its_content_has_no_answer_and_how_old_it_is(
    open_window, qtbot, desktop
):
    with FakeWiki() as gone:
        pages = ("faq-kit-durgence", "faq:livraison")  # a new page: downloaded today
        refresh(Sources(gone.url, pages), home_paths(), limits=FAST)
    today = french_date(datetime.now(UTC).isoformat())  # the refresh's day
    window = open_window()  # the wiki has gone: nothing answers at its address
    with qtbot.waitSignal(window.search.reach.checked, timeout=10_000) as checked:
        search(window, qtbot, "tracteur")
    assert checked.args == [gone.url, False]
    results = window.search.results
    assert not results.wiki_button.isVisible()
    said = plain(results.header)
    assert said.startswith("Aucune réponse ne parle de « tracteur ».")
    assert f"Le contenu hors ligne n'a pas de réponse (mis à jour le {today})." in said
    assert desktop.opened == []


def test_with_no_browser_the_wiki_search_shows_its_address_to_copy(
    wiki, open_window, qtbot, desktop
):
    desktop.works = False
    window = open_window()
    with qtbot.waitSignal(window.search.reach.checked, timeout=10_000):
        search(window, qtbot, "tracteur")
    qtbot.mouseClick(window.search.results.wiki_button, Qt.MouseButton.LeftButton)
    dialog = window.search.address_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.address.text() == search_url(wiki.url, "tracteur")
    dialog.close()
