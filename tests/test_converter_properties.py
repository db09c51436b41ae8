"""Property tests: the converter and renderer never raise and never emit unsafe HTML."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.content.dokuwiki import to_markdown
from reader.render.html import render_html

TOKENS = [
    "**", "//", "__", "''", "[[", "]]", "|", "^", "{{", "}}", "((", "))", "%%", "\\\\ ",
    "<code>", "</code>", "<nowiki>", "<html>", "</html>", "<del>", "</del>", "\n", "\n  * ",
    "\n  - ", "\n> ", "\n^ ", "\n| ", "====== ", " ======", ":::", "<script>", "onerror=",
    "javascript:", "[[javascript:alert(1)|x]]", "{{http://evil/x.png}}", "<WRAP>", "~~NOTOC~~",
    "http://a.b/c", "#", "*", "-", "1. ", "`", "<", ">", "&", '"', "wp>", "x.png?20x5",
]  # fmt: skip

dokuish = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)), max_size=40).map(
    "".join
)


@settings(max_examples=200, deadline=None)
@given(dokuish)
def test_to_markdown_never_raises(text: str) -> None:
    conv = to_markdown(text, "faq:page")
    assert isinstance(conv.markdown, str)


@settings(max_examples=200, deadline=None)
@given(dokuish)
def test_rendered_html_is_always_safe(text: str) -> None:
    out = render_html(to_markdown(text, "faq:page").markdown)
    assert "<script" not in out.lower()
    assert not re.search(r"<[^>]*\son\w+=", out)  # in a tag, not in the text
    assert not re.search(r'(href|src)="\s*javascript:', out, re.IGNORECASE)
    for src in re.findall(r'<img[^>]*\ssrc="([^"]*)"', out):
        assert src.startswith(("file:", "data:image/"))
