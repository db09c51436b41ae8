"""A code block with a file name is offered as that file; outside the window, its name."""

from __future__ import annotations

import re

from reader.content.dokuwiki import to_markdown
from reader.render.code_files import CodeFile, code_file, without_downloads
from reader.render.html import render_html
from reader.render.text import html_to_text

PAGE = "<file csv conf/export.csv>\na;b\n<x> & y\n</file>\n\n<code php test.php>\n<?php\n</code>"


def rendered() -> str:
    return render_html(to_markdown(PAGE, "faq:p").markdown)


def keys(html: str) -> list[str]:
    return re.findall(r'href="download:[^"#]*#([0-9a-f]+)"', html)


def test_each_named_block_is_found_again_by_its_link() -> None:
    html = rendered()
    assert [code_file(html, key) for key in keys(html)] == [
        CodeFile("export.csv", "a;b\n<x> & y\n"),  # the name's last part, the text as typed
        CodeFile("test.php", "<?php\n"),
    ]
    assert code_file(html, "0123456789ab") is None


def test_a_block_without_a_name_offers_nothing() -> None:
    assert keys(render_html(to_markdown("<code csv>\na;b\n</code>", "p").markdown)) == []


def test_outside_the_window_the_name_is_plain_text() -> None:
    html = rendered()
    assert "download:" not in without_downloads(html)
    assert '<div class="code-filename">conf/export.csv</div>' in without_downloads(html)
    text = html_to_text(html, 80)
    assert "conf/export.csv\n" in text and "download:" not in text
