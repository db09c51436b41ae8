"""Pages of every shape load into a sensible tree, and bad text never raises."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from reader.content.dokuwiki import to_markdown
from reader.content.library import decode_page
from reader.content.outline import build_page


def titles(page) -> list[tuple[str, list[str]]]:
    return [(s.title, [q.title for q in s.questions]) for s in page.sections]


def test_headings_below_the_question_level_stay_inside_the_answer() -> None:
    page = build_page(
        "p",
        "====== T ======\n===== S =====\n==== Q ====\nintro\n=== Détail ===\ntexte\n"
        "==== Q2 ====\nr\n",
    )
    assert titles(page) == [("S", ["Q", "Q2"])]
    answer = next(page.questions()).answer
    assert "Détail" in answer and "texte" in answer


def test_headings_that_start_lower_and_skip_levels_still_make_a_tree() -> None:
    page = build_page("p", "=== Titre ===\nintro\n== Partie ==\n\nx\n== Partie 2 ==\n\ny\n")
    assert page.title == "Titre"
    assert titles(page) == [("Titre", ["Partie", "Partie 2"])]


def test_page_with_several_top_headings_is_titled_after_its_id() -> None:
    page = build_page("faq:mon_guide", "== A ==\nx\n== B ==\ny\n")
    assert page.title == "Mon guide"
    assert titles(page) == [("Mon guide", ["A", "B"])]


def test_skipped_levels_rank_as_section_and_question() -> None:
    page = build_page("ns:p", "====== T ======\n==== S ====\n== Q ==\nréponse\n")
    assert page.title == "T"
    assert titles(page) == [("S", ["Q"])]
    assert next(page.questions()).id == "ns:p#q"


def test_questions_without_sections_go_in_a_section_named_after_the_page() -> None:
    page = build_page("faq:x", "====== Ma FAQ ======\nbonjour\n==== Q1 ====\nr1\n==== Q2 ====\n")
    assert titles(page) == [("Ma FAQ", ["Q1", "Q2"])]
    assert page.intro == "bonjour"


def test_text_before_first_section_is_the_intro_and_section_text_is_kept() -> None:
    page = build_page("p", "avant\n====== T ======\nintro\n===== S =====\nchapeau\n==== Q ====\n")
    assert "avant" in page.intro and "intro" in page.intro
    assert page.sections[0].intro == "chapeau"


def test_duplicate_headings_get_unique_ids_like_dokuwiki() -> None:
    page = build_page("p", "====== T ======\n===== S =====\n==== Q ====\na\n==== Q ====\nb\n")
    assert [q.id for q in page.questions()] == ["p#q", "p#q1"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "juste du texte, aucun titre",
        "====== A ======\n===== B =====\n==== C ====",
        "\ufeff====== T ======\r\n==== Q ====\r\nréponse\r\n",
        "==== Q ====\n<code>\n==== pas un titre ====\n",
        "====== T ======\n**jamais fermé\n[[jamais fermé\n^ a ^ b ^\n| 1 |\n<code>\nsans fin",
        "\n".join("  " * i + "* niveau" for i in range(1, 51)),
    ],
    ids=["empty", "no-headings", "headings-only", "crlf-bom", "code", "unbalanced", "deep-lists"],
)
def test_bad_pages_load_without_exception(text: str) -> None:
    page = build_page("p", text)
    assert page.id == "p"


def test_heading_inside_a_code_block_is_not_a_question() -> None:
    page = build_page("p", "====== T ======\n==== Q ====\n<code>\n==== X ====\n</code>\n")
    assert [q.title for q in page.questions()] == ["Q"]


def test_crlf_and_bom_are_read_like_plain_text() -> None:
    page = build_page("p", "\ufeff====== T ======\r\n==== Q ====\r\nréponse\r\n")
    assert page.title == "T"
    assert next(page.questions()).answer == "réponse"


def test_empty_page_and_page_without_headings_say_so(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="reader"):
        assert build_page("p", "").warnings
        page = build_page("p", "du texte")
    assert page.intro == "du texte" and page.warnings
    assert "aucun titre" in caplog.text


def test_latin1_page_is_decoded_with_a_warning() -> None:
    text, warning = decode_page("====== Été ======\n==== Qué ? ====\n".encode("latin-1"))
    assert "Été" in text and warning
    assert decode_page("\ufeffabc".encode())[0] == "abc"


def test_five_megabyte_page_loads() -> None:
    block = "==== Question {n} ====\n" + "Une réponse **assez** longue avec un [[lien]]. " * 40
    text = "====== Grande ======\n===== S =====\n" + "\n".join(
        block.format(n=n) for n in range(2600)
    )
    assert len(text.encode()) > 5_000_000
    page = build_page("p", text)
    assert sum(1 for _ in page.questions()) == 2600


class Cancelled(Exception):
    """What a refresh's cancel token raises from its ``check``."""


def cancel_on_call(k: int) -> tuple[list[int], Callable[[], None]]:
    """A ``check`` that raises on its k-th call, and the list of its calls."""
    calls: list[int] = []

    def check() -> None:
        calls.append(len(calls) + 1)
        if len(calls) == k:
            raise Cancelled

    return calls, check


def test_a_cancel_while_a_huge_page_is_built_stops_it_at_once() -> None:
    page = "====== P ======\n===== S =====\n" + "==== Question ? ====\nRéponse **oui**.\n" * 5000
    calls, check = cancel_on_call(3)
    with pytest.raises(Cancelled):
        build_page("faq:p", page, check=check)
    assert calls == [1, 2, 3]  # nothing converted after the cancel, not even a check


def test_a_cancel_inside_one_huge_answer_stops_its_conversion() -> None:
    calls, check = cancel_on_call(2)
    with pytest.raises(Cancelled):  # not swallowed like a conversion failure
        to_markdown("mot **gras** [[lien]] " * 100_000, "faq:p", check=check)
    assert calls == [1, 2]


def test_a_check_that_never_cancels_changes_nothing() -> None:
    text = "====== P ======\n==== Q ====\n" + "ligne **gras** ((note))\n" * 5000
    calls, check = cancel_on_call(0)
    assert build_page("faq:p", text, check=check) == build_page("faq:p", text)
    assert calls


def test_hostile_titles_lose_controls_and_invisible_characters() -> None:
    page = build_page(
        "faq:p",
        "====== Ti\x00tre \u202eemmoc\u202c ======\n===== Sec\u200btion =====\n"
        "==== Ques\xadtion\x07 ? ====\noui\n==== Cafe\u0301 ====\nnon\n",
    )
    assert page.title == "Titre emmoc"
    assert [s.title for s in page.sections] == ["Section"]
    assert [q.title for q in page.questions()] == ["Question ?", "Café"]  # NFC
    # Anchors as DokuWiki makes them where it can: NUL and soft hyphen become '_'.
    assert page.title_anchor == "ti_tre_emmoc"
    assert [q.anchor for q in page.questions()] == ["ques_tion", "cafe"]


def test_a_heading_of_invisible_characters_only_is_no_heading() -> None:
    page = build_page("faq:p", "====== P ======\n==== Q ====\noui\n==== \u200b\u202e ====\nsuite\n")
    assert [q.title for q in page.questions()] == ["Q"]
