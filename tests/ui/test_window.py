"""The reader's story: the tree holds the FAQ, a question opens, links go where they should."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, QUrl

from reader.ui.places.tree_model import ANSWERED_ROLE, ID_ROLE, KIND_ROLE
from tests.bundled import bundled_faq
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
    model = window.places.model
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
    index = window.places.model.index_for(question.id)
    window.places.tree.scrollTo(index)
    rect = window.places.tree.visualRect(index)
    with qtbot.waitSignal(window.placeShown) as shown:
        qtbot.mouseClick(
            window.places.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
    assert shown.args == [f"q:{question.id}"]
    text = window.answer.view.toPlainText()
    assert question.title in text
    assert question.section_title in text
    assert "Ouvrir sur le wiki" in text
    assert bundled_faq().day_fr in text  # the date of the content
    anchor = question.anchor
    assert f"https://wiki.cagette.net/doku.php?id={question.page_id}#{anchor}" in (
        window.answer.view.toHtml()
    )


def test_arrow_keys_walk_the_tree(window, qtbot):
    window.places.tree.setFocus()
    first = window.places.model.index(0, 0)
    window.places.tree.setCurrentIndex(first)
    with qtbot.waitSignal(window.placeShown):
        qtbot.keyClick(window.places.tree, Qt.Key.Key_Down)
    assert window.places.tree.currentIndex().data(KIND_ROLE) == "section"


def test_unanswered_questions_are_shown_as_such(window, qtbot):
    unanswered = [i for i in _questions(window.places.model) if not i.data(ANSWERED_ROLE)]
    assert unanswered, "the bundled FAQ has unanswered questions"
    for index in unanswered:
        assert index.data().endswith("(sans réponse)")
    with qtbot.waitSignal(window.placeShown):
        window.places.tree.setCurrentIndex(unanswered[0])
    assert "(sans réponse)" in window.answer.view.toPlainText()


def test_back_and_forward(window, qtbot):
    questions = list(load_home_library().library.questions())
    for question in questions[:3]:
        window.places.open_question(question.id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    with qtbot.waitSignal(window.placeShown) as shown:
        qtbot.keyClick(window.answer, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert shown.args == [f"q:{questions[1].id}"]
    with qtbot.waitSignal(window.placeShown) as shown:
        window.commands.actions.back.trigger()
    assert shown.args == [f"q:{questions[0].id}"]
    with qtbot.waitSignal(window.placeShown) as shown:
        qtbot.keyClick(window.answer, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert shown.args == [f"q:{questions[1].id}"]
    assert questions[1].title in window.answer.view.toPlainText()
    assert window.commands.actions.forward.isEnabled()


def test_the_mouse_side_buttons_go_back_and_forward(window, qtbot):
    questions = list(load_home_library().library.questions())[:2]
    for question in questions:
        window.places.open_question(question.id)
    pane = window.answer.view.viewport()
    with qtbot.waitSignal(window.placeShown) as shown:
        qtbot.mouseClick(pane, Qt.MouseButton.BackButton)
    assert shown.args == [f"q:{questions[0].id}"]
    with qtbot.waitSignal(window.placeShown) as shown:
        qtbot.mouseClick(window.places.tree.viewport(), Qt.MouseButton.ForwardButton)
    assert shown.args == [f"q:{questions[1].id}"]
    assert window.places.back_button.isEnabled() and not window.places.forward_button.isEnabled()


def test_internal_link_opens_the_question_in_the_app(window, qtbot, desktop):
    target = list(load_home_library().library.questions())[-1]
    with qtbot.waitSignal(window.placeShown) as shown:
        window.answer.view.anchorClicked.emit(QUrl(f"wiki:{target.page_id}#{target.anchor}"))
    assert shown.args == [f"q:{target.id}"]
    assert target.title in window.answer.view.toPlainText()
    assert desktop.opened == []


def test_link_to_a_page_not_in_the_library_offers_the_wiki(window, qtbot, desktop):
    with qtbot.waitSignal(window.placeShown):
        window.answer.view.anchorClicked.emit(QUrl("wiki:cagette-pro:interface-producteur#x"))
    assert "pas disponible hors ligne" in window.answer.view.toPlainText()
    assert "doku.php?id=cagette-pro:interface-producteur" in window.answer.view.toHtml()
    assert desktop.opened == []


def test_external_link_goes_to_the_system_browser(window, qtbot, desktop):
    before = window.answer.view.toHtml()
    with qtbot.assertNotEmitted(window.placeShown):
        window.answer.view.anchorClicked.emit(QUrl("https://www.cagette.net/"))
    assert [u.toString() for u in desktop.opened] == ["https://www.cagette.net/"]
    assert window.answer.view.toHtml() == before


def test_ctrl_f_finds_in_the_answer(window, qtbot):
    question = load_home_library().library.pages[0].sections[0].questions[0]
    window.places.open_question(question.id)
    window.commands.actions.find.trigger()
    assert window.answer.find_bar.isVisible()
    qtbot.keyClicks(window.answer.find_bar.field, "Alilo")
    assert window.answer.view.textCursor().selectedText() == "Alilo"
    qtbot.keyClick(window.answer.find_bar.field, Qt.Key.Key_Escape)
    assert not window.answer.find_bar.isVisible()


def test_every_widget_has_an_accessible_name(window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLineEdit, QTextEdit

    for kind in (QLineEdit, QAbstractItemView, QTextEdit, QAbstractButton):
        for widget in window.findChildren(kind):
            if widget.parent() is not None and widget.objectName().startswith("qt_"):
                continue  # Qt's own inner parts
            name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
            assert name, f"{type(widget).__name__} in {type(widget.parent()).__name__}: no name"


def test_new_content_keeps_the_open_question(window, qtbot):
    question = list(load_home_library().library.questions())[2]
    window.places.open_question(question.id)
    with qtbot.waitSignal(window.contentLoaded):
        window.show_content(load_home_library())  # what a refresh does once it is done
    assert window.places.current == f"q:{question.id}"
    assert question.title in window.answer.view.toPlainText()


def test_long_question_titles_wrap_in_the_tree_and_follow_its_width(window, qtbot):
    """The whole title is readable: several lines, no "…" in the middle, no sideways scroll."""
    questions = list(_questions(window.places.model))
    longest = max(questions, key=lambda index: len(index.data()))
    shortest = min(questions, key=lambda index: len(index.data()))
    assert "…" not in longest.data()
    window.splitter.setSizes([300, 800])
    qtbot.waitUntil(lambda: window.places.tree.visualRect(longest).height() > 0, timeout=2000)
    one_line = window.places.tree.visualRect(shortest).height()
    qtbot.waitUntil(
        lambda: window.places.tree.visualRect(longest).height() >= 2 * one_line, timeout=2000
    )
    narrow = window.places.tree.visualRect(longest).height()
    assert window.places.tree.visualRect(longest).width() <= window.places.tree.viewport().width()
    assert not window.places.tree.horizontalScrollBar().isVisible()

    window.splitter.setSizes([700, 400])  # wider: fewer lines, laid out again
    qtbot.waitUntil(lambda: window.places.tree.visualRect(longest).height() < narrow, timeout=2000)


def test_clicking_a_marked_question_selects_that_row_not_the_next(qtbot, faq_home):
    """A refresh marks new questions "(nouveau)"; clicking low in such a row opens it, and
    the selection stays on it while the row loses its mark and gets shorter."""
    import json

    from reader.ui.places.tree_model import MARK_ROLE

    questions = list(load_home_library().library.questions())
    (faq_home / "data").mkdir(parents=True)
    marks = {question.id: "new" for question in questions}
    (faq_home / "data" / "marks.json").write_text(json.dumps(marks), encoding="utf-8")
    window = new_window()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.contentLoaded, timeout=10_000):
        window.show()
    tree, model = window.places.tree, window.places.model
    window.splitter.setSizes([260, 800])  # narrow: the mark's word wraps onto a line
    shrank = 0
    for question in questions:
        index = model.index_for(question.id)
        assert index.data(MARK_ROLE) == "new"
        tree.scrollTo(index)
        qtbot.waitUntil(lambda index=index: tree.visualRect(index).height() > 0, timeout=2000)
        rect = tree.visualRect(index)
        with qtbot.waitSignal(window.placeShown):
            qtbot.mouseClick(
                tree.viewport(),
                Qt.MouseButton.LeftButton,
                pos=rect.bottomLeft() + QPoint(rect.width() // 2, -2),
            )
        qtbot.waitUntil(lambda index=index: index.data(MARK_ROLE) == "", timeout=2000)
        shrank += tree.visualRect(index).height() < rect.height()
        assert tree.currentIndex() == index
        assert tree.selectionModel().selectedIndexes() == [index], question.title
    assert shrank, "no row got shorter when its mark went: the story was not told"
