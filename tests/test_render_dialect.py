"""The converter's Markdown renders in one linear pass to the HTML python-markdown gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings

from reader.content.dokuwiki import to_markdown
from reader.content.model import Page
from reader.content.outline import build_page
from reader.render.dialect import render_dialect
from reader.render.html import _markdown, _sanitise, render_html
from tests.test_converter_properties import dokuish

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(
    [
        *ROOT.glob("tests/data/*/pages/**/*.txt"),
        ROOT / "resources" / "pages" / "faq-kit-durgence.txt",
        *Path("/usr/share/dokuwiki/data/pages/wiki").glob("*.txt"),  # syntax, welcome …
    ]
)


def texts(page: Page) -> list[str]:
    """Every Markdown text of a page: its intro, section intros and answers."""
    return [page.intro, *(s.intro for s in page.sections), *(q.answer for q in page.questions())]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(p.parents[1]).as_posix())
def test_wiki_pages_render_as_python_markdown_renders_them(path: Path) -> None:
    page = build_page(path.stem, path.read_text("utf-8"))
    for markdown in texts(page):
        fast = render_dialect(markdown)
        assert fast is not None, markdown
        assert _sanitise(fast) == _sanitise(_markdown(markdown))


@settings(max_examples=300, deadline=None)
@given(dokuish)
def test_whatever_the_wiki_text_the_converter_writes_the_dialect(text: str) -> None:
    assert render_dialect(to_markdown(text, "faq:page").markdown) is not None


@settings(max_examples=200, deadline=None)
@given(dokuish)
@example("**\n\x03")  # python-markdown's placeholder after a space: once a trailing space
def test_whatever_the_wiki_text_the_dialect_renders_as_python_markdown(text: str) -> None:
    markdown = to_markdown(text, "faq:page").markdown
    assert _sanitise(render_dialect(markdown) or "") == _sanitise(_markdown(markdown))


def test_markdown_the_converter_never_writes_goes_to_python_markdown() -> None:
    for markdown in ("* un\n* deux", "*em*", "a\nb", "    code", "![x](y.png)", "<div>x</div>"):
        assert render_dialect(markdown) is None
    assert "<li>un</li>" in render_html("* un\n* deux")


def test_footnotes_get_numbers_and_links_back_to_every_reference() -> None:
    out = render_html(to_markdown("a((même)) b((même)) c((autre))", "p").markdown)
    assert out.count('class="footnote-ref"') == 3
    assert 'id="fnref2:1-' in out and 'href="#fnref2:1-' in out
    assert "Retour à l'appel de note 2" in out


def test_a_heading_anchor_stays_an_id_where_python_markdown_read_emphasis() -> None:
    markdown = to_markdown("==== ˞ a b ˾ ====", "p").markdown  # ˞, ˾: not word characters
    assert render_html(markdown) == '<h3 id="˞_a_b_˾">˞ a b ˾</h3>'
    assert "{#˞<em>a_b</em>˾}" in _markdown(markdown)  # python-markdown lost the anchor
