"""The wiki's address and its pages, however the user gives them."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.paths import resources_dir
from reader.sync.http import Response
from reader.sync.sources import Sources, load_sources, make_sources, save_sources
from reader.sync.urls import UrlError, export_raw_url, media_url, page_id_from, parse_wiki_url
from reader.sync.wiki import WikiError, check_page
from tests.sync.fake_wiki import LOGIN_HTML, MISSING_HTML


@pytest.mark.parametrize(
    ("url", "base", "page"),
    [
        ("https://wiki.cagette.net/", "https://wiki.cagette.net/", ""),
        ("https://wiki.cagette.net", "https://wiki.cagette.net/", ""),
        ("wiki.cagette.net/faq-kit-durgence", "https://wiki.cagette.net/", "faq-kit-durgence"),
        (
            "https://wiki.cagette.net/doku.php?id=faq-kit-durgence&do=export_raw",
            "https://wiki.cagette.net/",
            "faq-kit-durgence",
        ),
        (
            "https://wiki.cagette.net/faq-kit-durgence?rev=1586336672",
            "https://wiki.cagette.net/",
            "faq-kit-durgence",
        ),
        ("http://h/wiki/doku.php/faq:livraison?do=export_raw", "http://h/wiki/", "faq:livraison"),
        ("http://h/wiki/_export/raw/faq:livraison", "http://h/wiki/", "faq:livraison"),
        ("http://h/wiki/faq:livraison#modes", "http://h/wiki/", "faq:livraison"),
        (
            "http://h/doku.php?id=FAQ:Producteurs_%C3%89trangers",
            "http://h/",
            "faq:producteurs_etrangers",
        ),
        ("http://h/wiki/lib/exe/fetch.php?media=faq:logo.png", "http://h/wiki/", ""),
        ("http://h/?id=start", "http://h/", "start"),
    ],
)
def test_any_dokuwiki_url_gives_the_wiki_and_the_page(url: str, base: str, page: str) -> None:
    location = parse_wiki_url(url)
    assert (location.base, location.page_id) == (base, page)


def test_a_page_is_added_by_id_or_by_url() -> None:
    assert page_id_from(" FAQ:Livraison ") == "faq:livraison"
    assert page_id_from("https://w/doku.php?id=faq:commandes") == "faq:commandes"
    with pytest.raises(UrlError):
        page_id_from("https://w/")
    sources = Sources("https://w/", ("a",)).with_page("https://w/b").with_page("a")
    assert sources.pages == ("a", "b")


def test_sources_default_to_the_bundled_manifest_and_are_saved(tmp_path: Path) -> None:
    assert load_sources(tmp_path, resources_dir()) == Sources(
        "https://wiki.cagette.net/", ("faq-kit-durgence",)
    )
    chosen = make_sources("http://127.0.0.1:8/faq:livraison", ["faq:livraison", "x"])
    save_sources(tmp_path, chosen)
    assert load_sources(tmp_path, resources_dir()) == Sources(
        "http://127.0.0.1:8/", ("faq:livraison", "x")
    )
    (tmp_path / "sources.json").write_text("{broken", encoding="utf-8")
    assert load_sources(tmp_path, resources_dir()).wiki == "https://wiki.cagette.net/"


def test_endpoints() -> None:
    assert export_raw_url("http://h/w/", "faq:été") == (
        "http://h/w/doku.php?id=faq:%C3%A9t%C3%A9&do=export_raw"
    )
    assert media_url("http://h/", "faq:logo.png") == "http://h/lib/exe/fetch.php?media=faq:logo.png"


def _response(status: int, ctype: str, body: bytes) -> Response:
    return Response("http://h/", status, {"content-type": ctype}, body)


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        (_response(200, "text/html; charset=utf-8", MISSING_HTML), "missing"),
        (_response(404, "text/html; charset=utf-8", MISSING_HTML), "missing"),  # send404=1
        (_response(200, "text/html; charset=utf-8", LOGIN_HTML), "login"),
        (_response(200, "text/plain; charset=utf-8", b"<!DOCTYPE html><html>"), "html"),
        (_response(200, "application/json", b"{}"), "type"),
        (_response(200, "text/plain", b" \n"), "empty"),
        (_response(200, "text/plain", b"caf\xe9"), "encoding"),
        (_response(200, "text/plain; charset=iso-8859-1", b"cafe"), "encoding"),
        (_response(503, "text/html", b"<h1>busy</h1>"), "status"),
    ],
)
def test_what_is_not_a_page_is_recognised_by_its_structure(response: Response, kind: str) -> None:
    with pytest.raises(WikiError) as caught:
        check_page(response)
    assert caught.value.kind == kind


def test_a_page_is_kept_exactly() -> None:
    assert check_page(_response(200, "text/plain; charset=utf-8", b"==== Q ====\n")) == (
        "==== Q ====\n"
    )
