"""The refresh summary on its own: sentences in words, titles not ids, warnings told once."""

from __future__ import annotations

import json

from reader.content.model import Library, Page, Question, Section
from reader.sync.changes import PageChanges, Summary
from reader.ui.refresh.seen_warnings import FILE_NAME, Warnings, last_warnings, sort_out
from reader.ui.refresh.summary import SummaryDialog


def library() -> Library:
    question = Question("faq:a#prix", "Quels prix ?", "Libres.", "faq:a", "Tarifs")
    page = Page(
        "faq:a", "FAQ Tarifs", sections=(Section("Tarifs", "tarifs", questions=(question,)),)
    )
    return Library((page, Page("faq:b", "FAQ Boutique")))


def test_a_refresh_that_found_nothing_new_says_so_in_one_sentence(qtbot):
    summary = Summary((PageChanges("faq:b", "faq:b", "unchanged"),), committed=False)
    dialog = SummaryDialog(summary, library(), Warnings())
    qtbot.addWidget(dialog)
    assert dialog.text() == (
        "Rien n'a changé sur le wiki : le contenu est déjà à jour.\nInchangées : FAQ Boutique"
    )
    assert not dialog.details_button.isVisibleTo(dialog)


def test_changed_and_removed_questions_are_told_by_title_in_words(qtbot):
    page = PageChanges(
        "faq:a",
        "FAQ Tarifs",
        "changed",
        changed=(("faq:a#prix", "Quels prix ?"),),
        removed=(("faq:a#frais", "Des frais ?"), ("faq:a#tva", "La TVA ?")),
    )
    dialog = SummaryDialog(Summary((page,), committed=True), library(), Warnings())
    qtbot.addWidget(dialog)
    text = dialog.text()
    assert text.startswith("Contenu mis à jour : 1 question modifiée, 2 questions retirées.")
    assert "FAQ Tarifs (page modifiée)" in text
    assert "Questions modifiées :\nQuels prix ?" in text
    assert "Questions retirées :\nDes frais ?\nLa TVA ?" in text
    html = dialog.view.toHtml()
    assert html.count("<a href=") == 1  # only what is still there can be opened


def test_old_warnings_are_not_told_again(qtbot):
    warnings = Warnings(new=("image « a.png » : absente",), known=("image « b.png » : absente",))
    dialog = SummaryDialog(Summary(committed=False), None, warnings)
    qtbot.addWidget(dialog)
    assert dialog.details_button.text() == "&Détails (1 avertissement)"
    assert dialog.details.toPlainText().splitlines() == [
        "image « a.png » : absente",
        "(1 avertissement déjà signalé la dernière fois, dans le journal)",
    ]


def test_the_warnings_of_the_last_refresh_are_remembered(tmp_path):
    first = sort_out(tmp_path, ["a", "b", "a"])
    assert first == Warnings(new=("a", "b"))
    second = sort_out(tmp_path, ["b", "c"])
    assert second == Warnings(new=("c",), known=("b",))
    assert last_warnings(tmp_path) == {"b", "c"}
    third = sort_out(tmp_path, ["a"])  # "a" was not in the last refresh: news again
    assert third.new == ("a",)


def test_an_unreadable_memory_counts_as_empty(tmp_path):
    (tmp_path / FILE_NAME).write_bytes(b"\xff{not json")
    assert sort_out(tmp_path, ["a"]) == Warnings(new=("a",))
    assert json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))["warnings"] == ["a"]
    (tmp_path / FILE_NAME).write_text('{"warnings": "a"}', encoding="utf-8")
    assert last_warnings(tmp_path) == set()


def test_a_folder_that_cannot_be_written_loses_nothing(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    assert sort_out(blocked, ["a"]) == Warnings(new=("a",))  # told, just not remembered
