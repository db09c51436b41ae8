"""Property tests: the converter and renderer never raise and never emit unsafe HTML."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.content.dokuwiki import inline as dokuwiki_inline
from reader.content.dokuwiki import to_markdown
from reader.render.html import render_html

TOKENS = [
    "**", "//", "__", "''", "[[", "]]", "|", "^", "{{", "}}", "((", "))", "%%", "\\\\ ",
    "<code>", "</code>", "<nowiki>", "<html>", "</html>", "<del>", "</del>", "\n", "\n  * ",
    "\n  - ", "\n> ", "\n^ ", "\n| ", "====== ", " ======", ":::", "<script>", "onerror=",
    "javascript:", "[[javascript:alert(1)|x]]", "{{http://evil/x.png}}", "<WRAP>", "~~NOTOC~~",
    "http://a.b/c", "#", "*", "-", "1. ", "`", "<", ">", "&", '"', "wp>", "x.png?20x5",
    ":-)", "FIXME", "^_^", "\\\\srv\\share", "<file csv a.csv>", "</file>", "<code\n", "\n>> ",
    "((\n", "\n\n", "\n  ", "{{rss>http://f.org/r 3}}", "\n----", "\t", "[[\\\\s\\x|t]]",
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


WORD_TOKENS = [
    "www.a.fr", "FTP.b.org/x", "ftp.b.org/x", "3x4", "10X20", "https://c.d/e", "p.", "x9", "w.",
    "www.",
]  # fmt: skip
with_words = st.lists(
    st.one_of(st.sampled_from(TOKENS + WORD_TOKENS), st.text(max_size=8)), max_size=40
).map("".join)


@settings(max_examples=300, deadline=None)
@given(with_words)
def test_fast_inline_scan_finds_the_tokens_of_the_full_scan(text: str) -> None:
    # The converter scans text without urls, www links or multiplications with a regex
    # that leaves those tokens out; it must find exactly what the full regex finds.
    def tokens(pattern: re.Pattern[str]) -> list[tuple[tuple[int, int], str | None]]:
        return [(m.span(), m.lastgroup) for m in pattern.finditer(text)]

    assert tokens(dokuwiki_inline._scanner(text)) == tokens(dokuwiki_inline._INLINE)
