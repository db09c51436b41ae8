"""Smileys show as DokuWiki shows them: small pictures, the wiki's own when fetched."""

from __future__ import annotations

import re
from pathlib import Path

from reader.content.dokuwiki import to_markdown
from reader.content.dokuwiki.smileys import SMILEY_FILES, SMILEYS, smiley_files, smiley_path
from reader.content.model import Library
from reader.paths import resources_dir
from reader.render.document import ContentLinkPolicy
from reader.render.html import render_html


def pictures(html: str) -> list[str]:
    """The alt texts of the smileys shown as pictures, in order."""
    return re.findall(
        r'<img src="data:image/svg\+xml;base64,[^"]*" class="icon smiley" alt="([^"]*)"', html
    )


def test_every_smiley_of_dokuwikis_table_shows_its_picture() -> None:
    text = " ".join(SMILEYS)
    out = render_html(to_markdown(text, "faq:p").markdown)
    assert pictures(out) == list(SMILEYS)
    assert all((resources_dir() / "smileys" / f).is_file() for f in SMILEY_FILES)


def test_a_smiley_touching_a_letter_or_a_digit_stays_text() -> None:
    out = render_html(to_markdown("mot:-) FIXMEs LOLA 8-)8 (:-) FIXME, «:-(»", "faq:p").markdown)
    assert pictures(out) == [":-)", "FIXME", ":-("]
    assert "mot:-) FIXMEs LOLA 8-)8" in out


def test_smileys_in_tables_lists_and_formatting_but_not_in_code_titles_or_nowiki() -> None:
    text = (
        "===== Titre :-) =====\n| a | ;-) |\n  * liste :-D\n**gras 8-)**\n"
        "[[start|lien :-)]] %%:-)%%\n<code>\n:-)\n</code>\n"
    )
    conversion = to_markdown(text, "faq:p")
    assert pictures(render_html(conversion.markdown)) == [";-)", ":-D", "8-)"]
    assert conversion.smileys == ("wink.svg", "biggrin.svg", "cool.svg")


def test_the_refreshed_wikis_own_picture_wins_over_the_bundled_one(tmp_path: Path) -> None:
    (tmp_path / "smileys").mkdir()
    (tmp_path / "smileys" / "fixme.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    policy = ContentLinkPolicy(Library(()), tmp_path)
    own, bundled = policy.smiley_url("fixme.svg"), policy.smiley_url("smile.svg")
    assert (
        own == "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4="
    )
    assert bundled is not None and bundled.startswith("data:image/svg+xml;base64,")
    assert policy.smiley_url("../../etc/passwd") is None


def test_a_smiley_without_a_picture_shows_its_text() -> None:
    class NoPictures:
        def page_known(self, page_id: str) -> bool:
            return True

        def media_url(self, media_id: str) -> str | None:
            return None

        def smiley_url(self, file: str) -> str | None:
            return None

    out = render_html(to_markdown("bien :-) ^_^", "faq:p").markdown, NoPictures())
    assert out == "<p>bien :-) ^_^</p>"


def test_the_refresh_knows_which_pictures_a_page_uses_and_where_the_wiki_has_them() -> None:
    assert smiley_files("a :-) b FIXME c :-) mot:-)") == ("smile.svg", "fixme.svg")
    assert smiley_files("rien ici") == ()
    assert smiley_path("fixme.svg") == "lib/images/smileys/fixme.svg"


def test_in_a_terminal_a_smiley_reads_as_typed() -> None:
    from reader.render.text import html_to_text

    out = html_to_text(render_html(to_markdown("Attention :!: FIXME", "faq:p").markdown), 80)
    assert out.strip() == "Attention :!: FIXME"
