"""Hostile markup (thousands of openers that never close, deep nesting, huge tables) reads
as DokuWiki shows it: what never closes stays literal text. Time is measured by
``bench/pathological_bench.py``, not here."""

from __future__ import annotations

import html
import re

import pytest

from reader.content.dokuwiki import to_markdown
from reader.content.outline import build_page
from reader.render.html import render_html

N = 3000


def shown(text: str, page: str = "faq:p") -> str:
    """The text a reader sees for ``text``: rendered, tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", render_html(to_markdown(text, page).markdown)))


@pytest.mark.parametrize(
    "text",
    [
        "{{" * N,
        "[[" * N,
        "((" * N,
        "{{x|" * N,
        "[[a[b]" * N,
        "<code" * N,
        "<file " * N,
        "<nowiki>" * N,
        "<a@" * N,
        "<wrap " * N,
        "~~A:" + "x" * N,
        "== a " + "=" * N + "a",
    ],
)
def test_markup_that_never_closes_stays_literal(text: str) -> None:
    assert shown(text).strip() == text.strip()


def test_thousands_of_openers_then_closers_stay_text() -> None:
    # A page that froze the window: '[[', then ']]', then ' {{', each thousands of times.
    for sep in ("", "\n"):
        text = sep.join(["[["] * N + ["]]"] * N + [" {{"] * N)
        conversion = to_markdown(text, "faq:p")
        assert conversion.media == ()
        assert shown(text).count("{{") == N
        assert shown(text).count("]]") >= N - 1  # the innermost pair may make one link


def test_unclosed_media_openers_never_list_media() -> None:
    conversion = to_markdown("{{ ((" * N + "{{image.png}}", "faq:p")
    assert conversion.media == ("faq:image.png",)


def test_unclosed_formatting_stays_literal_however_deep() -> None:
    assert shown("<del>" * N + "x") == "<del>" * N + "x"
    assert shown("<sub><sup>" * N + "**x") == "<sub><sup>" * N + "**x"


def test_formatting_closed_thousands_deep_stays_balanced() -> None:
    out = render_html(to_markdown("<del>" * N + "x" + "</del>" * N, "p").markdown)
    assert out.count("<del>") == out.count("</del>") == N


def test_url_followed_by_punctuation_ends_before_it() -> None:
    out = render_html(to_markdown("http://a.fr" + ".," * N + " fin", "p").markdown)
    assert '<a href="http://a.fr">http://a.fr</a>' + ".," * N + " fin" in out


def test_quotes_and_lists_nest_at_most_64_deep() -> None:
    quote = render_html(to_markdown(">" * N + " fond", "p").markdown)
    assert quote.count("<blockquote>") == 64 and "fond" in quote
    items = "\n".join("  " * (i + 1) + "* niveau" for i in range(200))
    assert render_html(to_markdown(items, "p").markdown).count("<ul>") == 64


def test_ten_thousand_cells_make_one_row() -> None:
    out = render_html(to_markdown("|" + " a |" * 10_000, "p").markdown)
    assert out.count("<td>a</td>") == 10_000 and out.count("<tr>") == 1


def test_a_row_of_separators_is_one_wide_cell() -> None:
    out = render_html(to_markdown("| x " + "|" * N, "p").markdown)
    assert f'colspan="{N}"' in out


def test_past_500_footnotes_the_rest_stand_in_parentheses() -> None:
    conversion = to_markdown("".join(f"mot(({i:04d})) " for i in range(600)), "faq:p")
    out = render_html(conversion.markdown)
    assert out.count('class="footnote-ref"') == 500
    assert "mot(0500) mot(0501)" in out and "(0599)" in out
    assert any("too many footnotes" in w for w in conversion.warnings)


def test_thousands_of_identical_questions_get_distinct_anchors() -> None:
    page = build_page("faq:p", "====== P ======\n" + "==== Q ====\noui\n" * N)
    anchors = [q.anchor for q in page.questions()]
    assert anchors[:3] == ["q", "q1", "q2"] and len(set(anchors)) == N


def test_html_shown_as_code_keeps_markdown_characters_literal() -> None:
    out = render_html(to_markdown("<html>*a* _b_ `c` [d](e)</html>", "p").markdown)
    assert "<code>*a* _b_ `c` [d](e)</code>" in out


def test_exclamation_mark_before_a_link_keeps_the_link() -> None:
    out = render_html(to_markdown("Vite ![[faq:page|la page]]", "faq:x").markdown)
    assert 'Vite !<a href="wiki:faq:page"' in out


def test_footnote_at_paragraph_start_followed_by_a_colon_stays_a_reference() -> None:
    out = render_html(to_markdown("((note)): la suite", "p").markdown)
    assert 'class="footnote-ref"' in out and ": la suite" in out


def test_past_200_smileys_the_rest_stay_text() -> None:
    conversion = to_markdown(":-) " * 300, "faq:p")
    out = render_html(conversion.markdown)
    assert out.count('class="icon smiley"') == 200 and out.count(":-)") == 300
    assert any("too many smileys" in w for w in conversion.warnings)


def test_a_long_narrow_table_under_a_wide_row_is_padded_only_so_far() -> None:
    out = render_html(to_markdown("|" + " a |" * 3000 + "\n" + "| b |\n" * 3000, "p").markdown)
    assert out.count("<td></td>") <= 3000 + 3000 + 1000
