"""Media that are not on the wiki ({{data:…}}, {{file:…}}) are never fetched nor loaded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.content.dokuwiki import to_markdown
from reader.render.html import render_html
from reader.sync.fetch import page_media
from tests.dokuwiki_server import fetch

PAGE = "faq:medias_hors_wiki"
TEXT = (
    Path(__file__).resolve().parent.parent / "data/dokuwiki/pages/faq/medias_hors_wiki.txt"
).read_text("utf-8")
LABELS = ["Logo collé", "notice.pdf", "Tableur des commandes", "data:text/plain"]


@pytest.mark.dokuwiki
def test_dokuwiki_shows_them_as_links_to_missing_files(dokuwiki_url: str) -> None:
    xhtml = fetch(dokuwiki_url, PAGE, "export_xhtmlbody")
    links = re.findall(r'<a href="[^"]*media=(data|file):[^"]*" class="([^"]*)"', xhtml)
    assert len(links) == 4 and all("wikilink2" in css for _, css in links)  # missing
    assert "<img" not in xhtml


def test_the_reader_shows_their_labels_and_lists_no_media_to_fetch() -> None:
    conversion = to_markdown(TEXT, PAGE)
    assert conversion.media == ()
    assert page_media(TEXT, PAGE) == ()  # what a refresh would request
    out = render_html(conversion.markdown)
    for label in LABELS:
        assert f'<span class="media-missing">{label}</span>' in out
    assert "<img" not in out and "base64" not in out and "file:" not in out


def test_media_in_namespaces_named_data_or_file_are_still_media() -> None:
    conversion = to_markdown("{{data:graphique.png}} {{file:notice.pdf}}", "faq:p")
    assert conversion.media == ("data:graphique.png", "file:notice.pdf")
