"""The reader's story: the tree holds the FAQ, a question opens, links go where they should."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QUrl

from reader.ui.tree_model import ANSWERED_ROLE, ID_ROLE, KIND_ROLE
from tests.home import load_home_library, new_window


def _questions(model, parent=None):
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if index.data(KIND_ROLE) == "question":
            yield index
        yield from _questions(model, index)


def test_tree_holds_the_bundled_faq(window):
    library = load_home_library().library
    model = window.tree_model
    assert model.rowCount() == len(library.pages)
    page = model.index(0, 0)
    assert page.data() == library.pages[0].title
    assert model.rowCount(page) == len(library.pages[0].sections)
    ids = [index.data(ID_ROLE) for index in _questions(model)]
    assert ids == [q.id for q in library.questions()]


def test_window_paints_before_the_content_is_loaded(qtbot):

    window = new_window()
    qtbot.addWidget(window)
    seen = []
    window.firstPainted.connect(lambda: seen.append(("painted", window.loaded is None)))
    window.contentLoaded.connect(lambda: seen.append(("loaded", window.loaded is not None)))
    with qtbot.waitSignal(window.contentLoaded, timeout=10_000):
        window.show()
    assert seen[0] == ("painted", True)
    assert seen[-1] == ("loaded", True)


def test_selecting_a_question_shows_its_answer(window, qtbot):
    question = load_home_library().library.pages[0].sections[0].questions[0]
    index = window.tree_model.index_for(question.id)
    window.tree.scrollTo(index)
    rect = window.tree.visualRect(index)
    with qtbot.waitSignal(window.placeShown) as shown:
        qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert shown.args == [f"q:{question.id}"]
    text = window.answer.toPlainText()
    assert question.title in text
    assert question.section_title in text
    assert "Ouvrir sur le wiki" in text
    assert "8 avril 2020" in text
    anchor = question.anchor
    assert f"https://wiki.cagette.net/doku.php?id={question.page_id}#{anchor}" in (
        window.answer.toHtml()
    )


def test_arrow_keys_walk_the_tree(window, qtbot):
    window.tree.setFocus()
    first = window.tree_model.index(0, 0)
    window.tree.setCurrentIndex(first)
    with qtbot.waitSignal(window.placeShown):
        qtbot.keyClick(window.tree, Qt.Key.Key_Down)
    assert window.tree.currentIndex().data(KIND_ROLE) == "section"


def test_unanswered_questions_are_shown_as_such(window, qtbot):
    unanswered = [i for i in _questions(window.tree_model) if not i.data(ANSWERED_ROLE)]
    assert unanswered, "the bundled FAQ has unanswered questions"
    for index in unanswered:
        assert index.data().endswith("(sans réponse)")
    with qtbot.waitSignal(window.placeShown):
        window.tree.setCurrentIndex(unanswered[0])
    assert "(sans réponse)" in window.answer.toPlainText()


def test_back_and_forward(window, qtbot):
    questions = list(load_home_library().library.questions())
    for question in questions[:3]:
        window.open_question(question.id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    with qtbot.waitSignal(window.placeShown) as shown:
        qtbot.keyClick(window.answer, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert shown.args == [f"q:{questions[1].id}"]
    with qtbot.waitSignal(window.placeShown) as shown:
        window.commands.back.trigger()
    assert shown.args == [f"q:{questions[0].id}"]
    with qtbot.waitSignal(window.placeShown) as shown:
        qtbot.keyClick(window.answer, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert shown.args == [f"q:{questions[1].id}"]
    assert questions[1].title in window.answer.toPlainText()
    assert window.commands.forward.isEnabled()


def test_internal_link_opens_the_question_in_the_app(window, qtbot, desktop):
    target = list(load_home_library().library.questions())[-1]
    with qtbot.waitSignal(window.placeShown) as shown:
        window.answer.anchorClicked.emit(QUrl(f"wiki:{target.page_id}#{target.anchor}"))
    assert shown.args == [f"q:{target.id}"]
    assert target.title in window.answer.toPlainText()
    assert desktop.opened == []


def test_link_to_a_page_not_in_the_library_offers_the_wiki(window, qtbot, desktop):
    with qtbot.waitSignal(window.placeShown):
        window.answer.anchorClicked.emit(QUrl("wiki:cagette-pro:interface-producteur#x"))
    assert "pas disponible hors ligne" in window.answer.toPlainText()
    assert "doku.php?id=cagette-pro:interface-producteur" in window.answer.toHtml()
    assert desktop.opened == []


def test_external_link_goes_to_the_system_browser(window, qtbot, desktop):
    before = window.answer.toHtml()
    with qtbot.assertNotEmitted(window.placeShown):
        window.answer.anchorClicked.emit(QUrl("https://www.cagette.net/"))
    assert [u.toString() for u in desktop.opened] == ["https://www.cagette.net/"]
    assert window.answer.toHtml() == before


def test_ctrl_f_finds_in_the_answer(window, qtbot):
    question = load_home_library().library.pages[0].sections[0].questions[0]
    window.open_question(question.id)
    window.commands.find.trigger()
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.field, "Alilo")
    assert window.answer.textCursor().selectedText() == "Alilo"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


def test_every_widget_has_an_accessible_name(window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLineEdit, QTextEdit

    for kind in (QLineEdit, QAbstractItemView, QTextEdit, QAbstractButton):
        for widget in window.findChildren(kind):
            if widget.parent() is not None and widget.objectName().startswith("qt_"):
                continue  # Qt's own inner parts
            name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
            assert name, f"{type(widget).__name__} in {type(widget.parent()).__name__}: no name"


def test_refresh_hook_and_reload_keep_the_open_question(window, qtbot):
    question = list(load_home_library().library.questions())[2]
    window.open_question(question.id)
    calls = []
    window.set_refresh_handler(calls.append)
    window.commands.refresh.trigger()
    assert calls == [window]
    with qtbot.waitSignal(window.contentLoaded):
        window.reload_library(load_home_library())
    assert window.history.current == f"q:{question.id}"
    assert question.title in window.answer.toPlainText()


def test_long_question_titles_wrap_in_the_tree_and_follow_its_width(window, qtbot):
    """The whole title is readable: several lines, no "…" in the middle, no sideways scroll."""
    questions = list(_questions(window.tree_model))
    longest = max(questions, key=lambda index: len(index.data()))
    shortest = min(questions, key=lambda index: len(index.data()))
    assert "…" not in longest.data()
    window.splitter.setSizes([300, 800])
    qtbot.waitUntil(lambda: window.tree.visualRect(longest).height() > 0, timeout=2000)
    one_line = window.tree.visualRect(shortest).height()
    qtbot.waitUntil(lambda: window.tree.visualRect(longest).height() >= 2 * one_line, timeout=2000)
    narrow = window.tree.visualRect(longest).height()
    assert window.tree.visualRect(longest).width() <= window.tree.viewport().width()
    assert not window.tree.horizontalScrollBar().isVisible()

    window.splitter.setSizes([700, 400])  # wider: fewer lines, laid out again
    qtbot.waitUntil(lambda: window.tree.visualRect(longest).height() < narrow, timeout=2000)
