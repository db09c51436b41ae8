"""Reading DokuWiki's page-list feed: a real capture, hostile and broken feeds, and when
a date may label the text that was fetched.

``tests/data/feeds/list_ns_faq.*`` is ``feed.php?mode=list&ns=faq&type=rss2`` as Debian's
DokuWiki 2022-07-31b served it (from the shared captures), headers and body.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.sync.feed import FeedError, NamespaceFeed, PageDate, WikiDates, check_feed, parse_feed
from reader.sync.http import Response
from tests.sync.fake_wiki import ATOM, EXTERNAL, LAUGHS, LOGIN_HTML

FEEDS = Path(__file__).resolve().parent.parent / "data" / "feeds"
CAPTURED_WIKI = "http://127.0.0.1:8088/"


def captured(name: str) -> Response:
    """A captured answer: ``NAME.headers.txt`` (request line, status, headers) and body."""
    lines = (FEEDS / f"{name}.headers.txt").read_text("utf-8").splitlines()
    status = int(lines[1].split()[1])
    headers = {}
    for line in lines[2:]:
        name_, _, value = line.partition(":")
        if value:
            headers[name_.strip().lower()] = value.strip()
    body = (FEEDS / f"{name}.rss2.xml").read_bytes()
    return Response(CAPTURED_WIKI + "feed.php", status, headers, body)


def test_the_captured_feed_gives_each_pages_revision_and_date() -> None:
    feed = parse_feed(check_feed(captured("list_ns_faq")), CAPTURED_WIKI)

    assert feed.pages == {
        "faq:livraison": PageDate("1795841964", "2026-11-28T04:59:24Z"),
        "faq:producteurs_etrangers": PageDate("1795841964", "2026-11-28T04:59:24Z"),
    }
    assert feed.built == 1795841966  # lastBuildDate: Sat, 28 Nov 2026 04:59:26 +0000


@pytest.mark.parametrize(
    ("link", "page_id"),
    [
        ("http://wiki.example/doku.php?id=faq:livraison&rev=1700000000", "faq:livraison"),
        ("http://wiki.example/faq:livraison?rev=1700000000", "faq:livraison"),
        ("http://wiki.example/doku.php/faq:livraison?rev=1700000000", "faq:livraison"),
        ("https://other.host/doku.php?id=FAQ:Livraison&rev=1700000000", "faq:livraison"),
        ("http://wiki.example/lib/exe/detail.php?media=x.png&rev=1700000000", None),
    ],
    ids=["userewrite0", "userewrite1", "userewrite2", "other-host-and-case", "not-a-page"],
)
def test_every_link_form_names_its_page(link: str, page_id: str | None) -> None:
    body = feed_of(f"<item><link>{link.replace('&', '&amp;')}</link></item>")
    pages = parse_feed(body, "http://wiki.example/").pages
    expected = {page_id: PageDate("1700000000", "2023-11-14T22:13:20Z")} if page_id else {}
    assert pages == expected


def test_a_wiki_in_a_folder_keeps_only_its_own_pages() -> None:
    body = feed_of(
        "<item><link>https://example.org/wiki/doku.php?id=a&amp;rev=1700000000</link></item>"
        "<item><link>https://example.org/autre/doku.php?id=b&amp;rev=1700000000</link></item>"
    )
    assert list(parse_feed(body, "https://example.org/wiki/").pages) == ["a"]


def test_a_revision_that_contradicts_its_date_or_is_listed_twice_is_dropped() -> None:
    body = feed_of(
        "<item><link>http://w/doku.php?id=a&amp;rev=1700000000</link>"
        "<pubDate>Tue, 14 Nov 2023 22:13:21 +0000</pubDate></item>"
        "<item><link>http://w/doku.php?id=b&amp;rev=1700000000</link></item>"
        "<item><link>http://w/doku.php?id=b&amp;rev=1700000001</link></item>"
        "<item><link>http://w/doku.php?id=c</link>"
        "<pubDate>Tue, 14 Nov 2023 22:13:20 +0000</pubDate></item>"
    )
    assert parse_feed(body, "http://w/").pages == {
        "c": PageDate("1700000000", "2023-11-14T22:13:20Z")
    }


@pytest.mark.parametrize(
    "body",
    [LAUGHS, EXTERNAL, LOGIN_HTML, ATOM, b"", b"Not Found\n", b"<rss><channel><item>"],
    ids=["billion-laughs", "external-entity", "login-page", "atom", "empty", "text", "truncated"],
)
def test_a_hostile_or_broken_feed_is_refused(body: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(body, "http://127.0.0.1/")


@pytest.mark.parametrize(
    ("status", "content_type"),
    [(404, "application/xml"), (500, "text/html"), (200, "text/html"), (200, "text/plain")],
)
def test_an_error_or_a_web_page_is_not_a_feed(status: int, content_type: str) -> None:
    response = Response("http://w/feed.php", status, {"content-type": content_type}, b"<rss/>")
    with pytest.raises(FeedError):
        check_feed(response)


# -- when the feed may date the fetched text ---------------------------------------------------
SERVED = 1_800_000_000  # when the wiki sent the page (its Date header)


def dates(built: int | None, revision: int) -> WikiDates:
    pages = {"faq:livraison": PageDate.at(revision)}
    return WikiDates({"faq": NamespaceFeed(built, pages)})


def test_a_fresh_feed_dates_the_page_it_lists() -> None:
    date = dates(SERVED + 1, SERVED - 3600).date_for("faq:livraison", SERVED, "1700000000")
    assert date == PageDate.at(SERVED - 3600)


def test_a_feed_built_before_the_page_was_fetched_dates_nothing() -> None:
    # DokuWiki caches feeds: this one may predate an edit that the fetched text has.
    assert dates(SERVED - 1, SERVED - 3600).date_for("faq:livraison", SERVED) is None


def test_a_revision_newer_than_the_fetched_text_dates_nothing() -> None:
    # The page was edited between its fetch and the feed: the date is the next text's.
    assert dates(SERVED + 5, SERVED + 2).date_for("faq:livraison", SERVED) is None


def test_a_changed_page_is_never_dated_as_old_as_the_copy_it_replaces() -> None:
    feed = dates(SERVED + 1, SERVED - 3600)
    assert feed.date_for("faq:livraison", SERVED, str(SERVED - 3600)) is None
    assert feed.date_for("faq:livraison", SERVED, str(SERVED - 3601)) is not None


def test_without_the_wikis_clock_or_the_page_in_the_feed_nothing_is_dated() -> None:
    assert dates(None, SERVED - 3600).date_for("faq:livraison", SERVED) is None
    assert dates(SERVED, SERVED - 3600).date_for("faq:livraison", None) is None
    assert dates(SERVED, SERVED - 3600).date_for("faq:commandes", SERVED) is None
    assert WikiDates().date_for("faq:livraison", SERVED) is None


def feed_of(items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<lastBuildDate>Sat, 28 Nov 2026 04:59:26 +0000</lastBuildDate>{items}"
        "</channel></rss>\n"
    ).encode()
