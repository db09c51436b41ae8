"""Page and section ids come out as DokuWiki makes them, so deep links reach the wiki."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from reader.content.chars import FORMAT
from reader.content.ids import clean_id, resolve_media_id, resolve_page_id, section_id


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("FAQ:Producteurs Étrangers", "faq:producteurs_etrangers"),
        ("  Kit d'urgence ?  ", "kit_d_urgence"),
        ("a//b", "a_b"),
        ("ns;;page", "ns:page"),
        ("Übergröße", "uebergroesse"),
        (":__x__:", "x"),
        ("a:_b_:c", "a:b:c"),
    ],
)
def test_clean_id_matches_dokuwiki(raw: str, expected: str) -> None:
    assert clean_id(raw) == expected


def test_section_ids_are_unique_per_page_like_dokuwiki() -> None:
    used: list[str] = []
    assert section_id("Comment ça se passera ?", used) == "comment_ca_se_passera"
    assert section_id("Comment ça se passera ?", used) == "comment_ca_se_passera1"
    assert section_id("2020", used) == "section2020"
    assert section_id("v1.2 : notes", used) == "v12notes"  # as PHP sectionID() gives


@pytest.mark.parametrize(
    ("link", "context", "expected"),
    [
        (
            "faq-kit-durgence#Modes de livraison",
            "faq:livraison",
            ("faq:faq-kit-durgence", "modes_de_livraison"),
        ),
        (":faq-kit-durgence", "faq:livraison", ("faq-kit-durgence", "")),
        ("FAQ:Livraison", "faq:x", ("faq:livraison", "")),
        (".:livraison#x", "faq:producteurs_etrangers", ("faq:livraison", "x")),
        ("..:start", "faq:x", ("start", "")),
        ("~sous", "faq:x", ("faq:x:sous", "")),
        ("faq:", "start", ("faq:start", "")),
        ("#ancre", "faq:x", ("faq:x", "ancre")),
        ("page", "start", ("page", "")),
    ],
)
def test_links_resolve_like_dokuwiki(link: str, context: str, expected: tuple[str, str]) -> None:
    assert resolve_page_id(link, context) == expected


def test_media_ids_resolve_against_the_page_namespace() -> None:
    assert resolve_media_id("logo.png", "faq:livraison") == "faq:logo.png"
    assert resolve_media_id(":logo.png", "faq:livraison") == "logo.png"
    assert resolve_media_id("..:img:Schéma.svg", "faq:livraison") == "img:schema.svg"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ques\u202etion\u202c", "question"),  # bidi override and pop: removed
        ("zéro\u200blargeur", "zerolargeur"),  # zero-width space
        ("\ufeffBOM \u2066isolé\u2069", "bom_isole"),
        ("ex\xadample", "ex_ample"),  # soft hyphen: DokuWiki's table makes it '_'
        ("a\u200db \u200eg", "a_b_g"),  # joiner, left-to-right mark: '_' as on DokuWiki
        ("nul\x00le\x07", "nul_le"),  # controls: '_' as on DokuWiki, then trimmed
    ],
)
def test_ids_lose_controls_and_invisible_format_characters(raw: str, expected: str) -> None:
    assert clean_id(raw) == expected
    assert section_id(raw) == expected


def test_the_format_characters_are_unicodes_category_cf() -> None:
    cf = {c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"}
    assert {c for c in range(sys.maxunicode + 1) if FORMAT.match(chr(c))} == cf
