"""Readable on an old screen: every text of the window stands out from what it is drawn
on by WCAG AA's 4.5:1 (3:1 for the tree's coloured dots), in the light and dark themes
and in the system's own look (here Fusion's default palette, whose grey and selection
fall short until the reader makes them readable)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from reader.ui.places.tree_model import ANSWERED_ROLE, FOREGROUND_ROLE, ID_ROLE, KIND_ROLE
from reader.ui.theme import TEXT_CONTRAST, TEXT_PAIRS, contrast, is_dark

RULE = re.compile(r"([^{}]+)\{([^}]*)\}")
COLOUR = re.compile(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})")
BACKGROUND = re.compile(r"background-color:\s*(#[0-9a-fA-F]{6})")


@pytest.fixture(params=["light", "dark", "system"])
def themed(request, window):
    window.set_theme(request.param)
    yield window
    window.set_theme("system")


def palette() -> QPalette:
    return QApplication.palette()


def base() -> object:
    return palette().color(QPalette.ColorRole.Base)


def questions(model, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if index.data(KIND_ROLE) == "question":
            yield index
        yield from questions(model, index)


def test_the_palettes_texts_read_on_their_backgrounds(themed):
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for text, back in TEXT_PAIRS:
            ratio = contrast(palette().color(group, text), palette().color(group, back))
            assert ratio >= TEXT_CONTRAST, f"{group.name} {text.name} on {back.name}: {ratio:.2f}"


def test_unanswered_questions_are_grey_but_readable(themed):
    unanswered = [i for i in questions(themed.places.model) if not i.data(ANSWERED_ROLE)]
    assert unanswered
    for index in unanswered:
        colour = index.data(FOREGROUND_ROLE)
        assert colour.rgb() != palette().color(QPalette.ColorRole.Text).rgb()  # set apart
        assert contrast(colour, base()) >= TEXT_CONTRAST, colour.name()


def test_new_and_changed_marks_read_and_their_dots_show(themed):
    from PySide6.QtCore import Qt

    model = themed.places.model
    first, second = list(questions(model))[:2]
    model.set_marks({first.data(ID_ROLE): "new", second.data(ID_ROLE): "changed"})
    for index in (first, second):
        assert index.data().endswith(("(nouveau)", "(modifié)"))
        colour = index.data(FOREGROUND_ROLE) or palette().color(QPalette.ColorRole.Text)
        assert contrast(colour, base()) >= TEXT_CONTRAST
        dot = index.data(Qt.ItemDataRole.DecorationRole).pixmap(10, 10).toImage()
        assert contrast(dot.pixelColor(5, 5), base()) >= 3.0, dot.pixelColor(5, 5).name()


def test_the_status_bars_warnings_read(themed):
    themed.status.show_warnings(["Page faq:x : conversion impossible (voir le journal)"])
    label = themed.status.warning_label
    colour = label.palette().color(label.foregroundRole())
    window_colour = palette().color(QPalette.ColorRole.Window)
    assert contrast(colour, window_colour) >= TEXT_CONTRAST, colour.name()
    assert label.font().bold()


def test_every_colour_of_the_answer_reads(themed):
    from reader.ui.answer.view import style_sheet

    sheet = style_sheet(is_dark(palette()))
    assert themed.answer.view.document().defaultStyleSheet() == sheet
    checked = 0
    for selector, body in RULE.findall(sheet):
        back = BACKGROUND.search(body)
        for colour in COLOUR.findall(body):
            ratio = contrast(colour, back.group(1) if back else base())
            assert ratio >= TEXT_CONTRAST, f"{selector.strip()}: {colour} {ratio:.2f}"
            checked += 1
    assert checked >= 6  # headings, section, meta, notes, missing links, hit marks


def test_the_results_marks_read_the_words_and_their_synonyms_alike():
    from types import SimpleNamespace

    from reader.ui.search.results_model import ResultsModel

    hit = SimpleNamespace(
        question="Livrer ?",
        section="Livraison",
        answered=False,
        missing=("payer",),
        snippet='la <mark>livraison</mark> par <mark class="synonym" title="synonyme de '
        '« livraison »">transporteur</mark>',
    )
    html = ResultsModel()._html(hit)
    spans = re.findall(r'style="([^"]*)"', html)
    coloured = [s for s in spans if "background-color" in s]
    assert len(coloured) == 2 and len(set(coloured)) == 2  # a synonym looks different
    for style in coloured:
        back, fore = BACKGROUND.search(style).group(1), COLOUR.search(style).group(1)
        assert contrast(fore, back) >= TEXT_CONTRAST
    assert "Ne contient pas" in html  # drawn in the row's own text colour


def test_the_answers_marks_read(themed, qtbot):
    """A question opened from the results: its words and a synonym marked, in each theme."""
    from reader.search import MatchedWord

    question = next(themed.loaded.library.questions())
    own, other = question.title.split()[:2]
    matched = [MatchedWord(own, "exact", own), MatchedWord(other, "synonym", "autre")]
    with qtbot.waitSignal(themed.placeShown):
        themed.places.open_question(question.id, matched)
    selections = themed.answer.view.extraSelections()
    kinds = {s.format.underlineStyle() for s in selections}
    assert len(kinds) == 2  # the synonym is underlined with dots, the word is not
    for selection in selections:
        fore, back = selection.format.foreground().color(), selection.format.background().color()
        assert contrast(fore, back) >= TEXT_CONTRAST, (fore.name(), back.name())
