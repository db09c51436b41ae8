"""When the wiki or the network misbehaves, the refresh gives up in bounded time with one
clear sentence, and the reader's content stays byte for byte as it was."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader.cli import main
from reader.content.library import load_library
from reader.sync.errors import RefreshCancelled, RefreshError
from reader.sync.http import Limits
from reader.sync.refresh import refresh
from reader.sync.sources import Sources
from tests.sync.conftest import FAST, paths_of, snapshot
from tests.sync.fake_wiki import FakeWiki, refused_url

PAGES = ("faq-kit-durgence", "faq:livraison", "faq:commandes")
GIVE_UP_SECONDS = 90

# fault → words the one-line message must contain
FAULTS = {
    "500": "erreur 500",
    "404": "n'existe pas",
    "html": "page web",
    "truncated": "tronquée",
    "endless": "trop volumineuse",
    "stall": "ne répond plus",
    "stall_headers": "ne répond plus",
    "latin1": "UTF-8",
    "empty": "vide",
    "redirect_loop": "redirections",
    "missing": "n'existe pas",
    "login": "connecter",
}


def run(wiki_url: str, data_dir: Path, cache_dir: Path, **kw):
    return refresh(Sources(wiki_url, PAGES), paths_of(data_dir), limits=FAST, **kw)


@pytest.fixture
def refreshed(fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path) -> dict[str, bytes]:
    """The reader already holds refreshed content; the wiki has changed since."""
    run(fake_wiki.url, data_dir, cache_dir)
    fake_wiki.pages["faq-kit-durgence"] += "\n==== Une nouveauté ? ====\n\nOui.\n".encode()
    return snapshot(data_dir)


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_misbehaving_page_fails_the_refresh_and_keeps_the_content(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path, refreshed: dict, fault: str
) -> None:
    fake_wiki.faults["faq:livraison"] = fault
    start = time.monotonic()

    with pytest.raises(RefreshError) as caught:
        run(fake_wiki.url, data_dir, cache_dir)

    assert time.monotonic() - start < GIVE_UP_SECONDS
    message = caught.value.message
    assert "« faq:livraison »" in message and FAULTS[fault] in message, message
    assert message.endswith("Le contenu actuel est conservé.") and "\n" not in message
    assert snapshot(data_dir) == refreshed


# image fault → words its warning must contain
IMAGE_FAULTS = {
    "500": "erreur 500",
    "truncated": "tronquée",
    "stall": "ne répond plus",
    "html": "page web",
    "html_as_image": "page web",  # an HTML page served as image/png: told by its bytes
    "404": "absente",
    "login": "page web",
    "oversize": "trop volumineuse",
}


@pytest.mark.parametrize("fault", list(IMAGE_FAULTS))
def test_a_misbehaving_image_is_a_warning_the_page_is_updated_and_the_old_copy_kept(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path, refreshed: dict, fault: str
) -> None:
    old_logo = fake_wiki.media["faq:logo.png"]
    fake_wiki.pages["faq:livraison"] += b"\n==== Une autre ? ====\n\nOui.\n"
    if fault == "oversize":  # the image grew past the size cap
        fake_wiki.media["faq:logo.png"] = old_logo + bytes(FAST.max_media_bytes)
    else:
        fake_wiki.media["faq:logo.png"] += b"(une nouvelle version)"
        fake_wiki.faults["faq:logo.png"] = fault

    summary = run(fake_wiki.url, data_dir, cache_dir)

    assert summary.committed
    [warning] = [w for w in summary.warnings if "logo" in w]
    assert "image « faq:logo.png » (page « faq:livraison »)" in warning
    assert IMAGE_FAULTS[fault] in warning and "copie déjà enregistrée est gardée" in warning
    loaded = load_library(paths_of(data_dir))
    assert loaded.library.question("faq:livraison#une_autre") is not None
    assert (loaded.content.root / "media" / "faq" / "logo.png").read_bytes() == old_logo


def test_refresh_keeps_the_bundled_content_when_the_wiki_is_down(
    data_dir: Path, cache_dir: Path
) -> None:
    with pytest.raises(RefreshError, match="connexion refusée"):
        run(refused_url(), data_dir, cache_dir)
    assert snapshot(data_dir) == {}


def test_refresh_keeps_the_refreshed_content_when_the_wiki_is_down(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path, refreshed: dict
) -> None:
    with pytest.raises(RefreshError, match="« faq-kit-durgence » : connexion refusée"):
        run(refused_url(), data_dir, cache_dir)
    assert snapshot(data_dir) == refreshed


def test_an_endless_trickle_gives_up_at_the_request_bound(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path, refreshed: dict
) -> None:
    fake_wiki.faults["faq:livraison"] = "trickle"
    limits = Limits(read_timeout=1, request_timeout=1.5)
    start = time.monotonic()
    with pytest.raises(RefreshError, match=r"n'en finit pas|délai"):
        refresh(Sources(fake_wiki.url, PAGES), paths_of(data_dir), limits=limits)
    assert time.monotonic() - start < 10
    assert snapshot(data_dir) == refreshed


def test_cancel_while_the_wiki_is_silent_stops_at_once(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path, refreshed: dict
) -> None:
    fake_wiki.faults["faq:livraison"] = "stall"
    patient = Limits(read_timeout=60, request_timeout=80)  # only the cancel can end it
    token = fake_wiki.cancel_once_stalled()
    start = time.monotonic()
    with pytest.raises(RefreshCancelled):
        refresh(
            Sources(fake_wiki.url, PAGES),
            paths_of(data_dir),
            limits=patient,
            cancel=token,
        )
    assert time.monotonic() - start < 15
    assert snapshot(data_dir) == refreshed


# -- the same faults through the command line ------------------------------------------------
@pytest.mark.parametrize("fault", list(FAULTS))
def test_cli_refresh_exits_1_with_one_line_and_keeps_the_content(
    fake_wiki: FakeWiki, data_dir: Path, refreshed: dict, fault: str, capsys
) -> None:
    fake_wiki.faults["faq:livraison"] = fault
    capsys.readouterr()
    args = ["refresh", "--wiki", fake_wiki.url, "--timeout", "1"]
    for page in PAGES:
        args += ["--page", page]

    code = main(args)

    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("faq-reader: Mise à jour impossible"), err
    assert FAULTS[fault] in err
    assert snapshot(data_dir) == refreshed


def test_cli_refresh_when_the_wiki_is_unreachable(data_dir: Path, capsys) -> None:
    code = main(["refresh", "--wiki", refused_url(), "--page", "faq-kit-durgence"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "connexion refusée" in err
    assert snapshot(data_dir) == {}
