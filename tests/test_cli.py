"""The command-line contracts other tools rely on (DESIGN.md), run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bundled import bundled_faq

REPO = Path(__file__).resolve().parent.parent


def faq(*args: str, home: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FAQ_READER_HOME": str(home), "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_list_json_gives_every_question_in_page_order(faq_home: Path) -> None:
    bundled = bundled_faq()
    result = faq("list", "--json", home=faq_home)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {"id", "page", "section", "question", "answered"} <= set(rows[0])
    assert tuple(r["question"] for r in rows) == bundled.question_titles
    assert tuple(r["answered"] for r in rows) == bundled.answered
    assert False in bundled.answered  # the FAQ has unanswered questions, said as such
    assert {r["page"] for r in rows} == set(bundled.page_ids)


def test_show_prints_a_question_and_its_answer(faq_home: Path) -> None:
    qid = json.loads(faq("list", "--json", home=faq_home).stdout)[0]["id"]
    text = faq("show", qid, home=faq_home)
    assert text.returncode == 0
    assert "SCOP Alilo" in text.stdout
    html = faq("show", qid, "--html", home=faq_home)
    assert html.returncode == 0
    assert "<h1" in html.stdout and "<strong>un engagement de principe</strong>" in html.stdout


def test_show_unknown_id_fails_with_one_clear_line(faq_home: Path) -> None:
    result = faq("show", "nope#nothing", home=faq_home)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "nope#nothing" in lines[0]


@pytest.mark.parametrize(
    "args", [("frobnicate",), ("list", "--bogus"), ("show",), ("export",), ("search", "--limit")]
)
def test_bad_usage_exits_2_with_the_usage_line(args: tuple[str, ...], faq_home: Path) -> None:
    result = faq(*args, home=faq_home)
    assert result.returncode == 2
    assert "utilisation :" in result.stderr  # argparse speaks French too


def test_version(faq_home: Path) -> None:
    result = faq("--version", home=faq_home)
    assert result.returncode == 0
    assert result.stdout.startswith("faq-reader ")


def test_export_gives_one_standalone_html_document(faq_home: Path) -> None:
    (page,) = bundled_faq().page_ids
    result = faq("export", page, "--html", home=faq_home)
    assert result.returncode == 0, result.stderr
    doc = result.stdout
    assert doc.startswith("<!DOCTYPE html>") and doc.rstrip().endswith("</html>")
    assert doc.count("<h3") == bundled_faq().questions  # one heading a question
    assert "<script" not in doc and "http://" not in doc.split("<body>")[0].replace(
        "http-equiv", ""
    )


def test_export_unknown_page_fails_cleanly(faq_home: Path) -> None:
    result = faq("export", "nope", "--html", home=faq_home)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1


def test_info_says_where_content_and_per_user_files_are(faq_home: Path) -> None:
    result = faq("info", "--json", home=faq_home)
    assert result.returncode == 0
    info = json.loads(result.stdout)
    bundled = bundled_faq()
    assert info["content"]["origin"] == "bundled"
    assert {p["id"]: p["revision"] for p in info["content"]["pages"]} == bundled.revisions
    assert info["content"]["questions"] == bundled.questions
    assert info["user_files"]["mode"] == "FAQ_READER_HOME"
    for key in ("data", "cache", "config", "log"):
        assert info["user_files"][key].startswith(str(faq_home.resolve()))
    human = faq("info", home=faq_home)
    for page, revision in bundled.revisions.items():
        assert f"{page} : révision {revision}," in human.stdout
    assert str(faq_home.resolve()) in human.stdout


def test_faq_reader_home_keeps_every_per_user_file_inside(faq_home: Path, tmp_path: Path) -> None:
    faq("list", home=faq_home)
    faq("search", "compte", "--json", home=faq_home)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written, "the run should have written its log or index"
    assert all(faq_home in p.parents for p in written)


def test_export_embeds_the_pages_images_so_the_document_reads_offline(faq_home: Path) -> None:
    import base64
    from dataclasses import replace

    from reader.content.manifest import MediaEntry, read_manifest, write_manifest
    from reader.content.store import UserStore
    from reader.fsutil import sha256_bytes
    from reader.paths import resources_dir

    logo = REPO / "tests" / "data" / "dokuwiki" / "media" / "faq" / "logo.png.b64"
    png = base64.b64decode(logo.read_text())
    text = (
        b"====== Livraison ======\n===== Modes =====\n==== Et le logo ? ====\n"
        b"Voici {{faq:logo.png?40|le logo}} et {{faq:absent.png|une image absente}}.\n"
    )
    store = UserStore(faq_home / "data")
    staged = store.stage()
    (staged / "pages" / "faq").mkdir(parents=True)
    (staged / "pages" / "faq" / "livraison.txt").write_bytes(text)
    (staged / "media" / "faq").mkdir(parents=True)
    (staged / "media" / "faq" / "logo.png").write_bytes(png)
    bundled = read_manifest(resources_dir())
    page = replace(
        bundled.pages[0],
        id="faq:livraison",
        path="pages/faq/livraison.txt",
        sha256=sha256_bytes(text),
    )
    media = MediaEntry("faq:logo.png", "media/faq/logo.png", sha256_bytes(png))
    write_manifest(staged, replace(bundled, pages=(page,), media=(media,)))
    store.commit(staged)

    result = faq("export", "faq:livraison", "--html", home=faq_home)
    assert result.returncode == 0, result.stderr
    document = result.stdout
    assert '<img alt="le logo"' in document or "le logo" in document
    assert "data:image/png;base64," + base64.b64encode(png).decode()[:40] in document
    assert "file:" not in document  # nothing that points back into the user's folders
    assert "une image absente" in document  # a missing image keeps its caption


def test_what_the_window_logs_before_its_log_file_opens_is_kept(faq_home: Path) -> None:
    code = (
        "import logging\n"
        "from reader.logs import hold_early_records, setup_logging\n"
        "hold_early_records()\n"
        "logging.getLogger('reader.ui').warning('réglages illisibles, valeurs par défaut')\n"
        "from reader.paths import Paths\n"
        "print(setup_logging(Paths.from_environment().log))\n"
    )
    env = {**os.environ, "FAQ_READER_HOME": str(faq_home), "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    log = Path(result.stdout.strip()).read_text(encoding="utf-8")
    assert "réglages illisibles, valeurs par défaut" in log
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("rollback",), "Rien à annuler : aucune mise à jour n'a remplacé le contenu."),
        (("rollback", "--redo"), "Rien à rétablir : aucune mise à jour n'a été annulée."),
    ],
)
def test_rollback_on_the_bundled_faq_says_there_is_nothing_to_undo(
    args: tuple[str, ...], line: str, faq_home: Path
) -> None:
    done = faq(*args, home=faq_home)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"faq-reader: {line}"]
    assert faq("list", "--json", home=faq_home).returncode == 0  # the FAQ still reads
