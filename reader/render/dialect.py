"""The converter's Markdown → HTML in one linear pass, as python-markdown renders it.

:mod:`reader.content.dokuwiki` writes a small, regular subset of Markdown: ATX headings
ending in ``{#anchor}``, one-line paragraphs, ``---``, fenced code, raw HTML blocks
(lists, tables, quotes, code captions) and footnote definitions at the end; inline,
backslash escapes, entities, its own HTML tags, ``[text](url)`` links and ``[^label]``
footnote references. python-markdown scans a paragraph again from its
start after each inline match, so a paragraph of ten thousand escapes or links takes
seconds; this module renders that subset in linear time to the HTML python-markdown gives
(``extra`` + ``sane_lists``; checked by ``tests/test_render_dialect.py``). Text outside the
subset makes :func:`render_dialect` return None, and python-markdown renders it.
"""

from __future__ import annotations

import html
import re

__all__ = ["BACKLINK_TITLE", "render_dialect"]

#: The title of a footnote's link back to its reference (python-markdown's setting too).
BACKLINK_TITLE = "Retour à l'appel de note {}"


class _Outside(Exception):
    """The text holds something outside the converter's subset."""


_CODE_FENCE = re.compile(r"(`{3,})([\w#.+-]*)")
_HEADING = re.compile(r"(#{1,6}) (.*?) \{#([^ =}]+)\}")
_FOOTNOTE_DEFINITION = re.compile(r"\[\^([^\]]*)\]:[ ]*(.*)")
_RAW_BLOCK = re.compile(r'<(ul|ol|table class="inline"|div class="code-filename"|blockquote)>')
# A paragraph starting like this would be another block for python-markdown.
_NOT_PARAGRAPH = re.compile(
    r"[\s#>*+\-=_:|~`]|\d+[.)]|\[\^?[^\]]*\]:"
    r"|<(?!/?(?:strong|em|u|code|del|sub|sup|a|img|br|span)\b)"
)
# The same in a footnote, whose blocks (lists, tables, quotes, code) are inline HTML: only
# the document is searched for raw HTML blocks, never a footnote's text.
_NOT_NOTE_PARAGRAPH = re.compile(r"[\s#>*+\-=_:|~`]|\d+[.)]|\[\^?[^\]]*\]:")
_ESCAPE_OR_ENTITY = r"\\[\\`*_\[\]{}#!]|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z0-9]+);"
_INLINE = re.compile(
    # text: plain characters, escapes and entities, in one run (rendered by _text)
    rf"(?P<text>(?:{_ESCAPE_OR_ENTITY}|[^\\`*_\[\]{{}}<>&\n!]|!(?!\[))+)"
    r"|(?P<tag></?(?:strong|em|u|code|del|sub|sup)>|<br />|<img [^<>]*/>|<a [^<>]*>|</a>"
    r'|<span class="media-missing">|</span>'
    # the blocks of a footnote over several lines, written inline (reader.content.dokuwiki.notes)
    r'|</?(?:ul|ol|li|thead|tr|blockquote|pre)>|<table class="inline">|</table>'
    r"|<t[hd](?: [^<>]*)?>|</t[hd]>|<hr />)"
    r"|\[\^(?P<note>[^\]]*)\]"
    r"|(?P<link>\[)"
)
_LINK_LABEL_END = re.compile(r"\\.|(\])|[\[\n]")
_LINK_URL = re.compile(r"\(([^()\s<>\"]*)\)")


class _Renderer:
    """Renders one text: its blocks in order, the footnotes it defines at the end."""

    def __init__(self, text: str) -> None:
        # What python-markdown's NormalizeWhitespace does first.
        text = text.replace("\x02", "").replace("\x03", "")
        text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
        self.lines = [line if line.strip(" ") else "" for line in text.split("\n")]
        self.notes: dict[str, str] = {}  # label -> content, in definition order
        self.numbers: dict[str, int] = {}
        self.refs: dict[str, int] = {}  # label -> references so far

    def run(self) -> str:
        blocks = self._blocks()
        if blocks and blocks[-1][0].startswith("[^"):
            for line in blocks.pop():
                m = _FOOTNOTE_DEFINITION.fullmatch(line)
                if m is None or m.group(1) in self.notes:
                    raise _Outside
                self.notes[m.group(1)] = m.group(2)
                self.numbers[m.group(1)] = len(self.notes)
        out = [self._block(block) for block in blocks]
        if self.notes:
            out.append(self._footnotes())
        return "".join(out).strip()

    def _blocks(self) -> list[list[str]]:
        """The blocks, as lists of lines: runs of lines between blank ones, and fenced
        code blocks whole (they may hold blank lines)."""
        blocks: list[list[str]] = []
        lines, i, n = self.lines, 0, len(self.lines)
        while i < n:
            if not lines[i]:
                i += 1
                continue
            start = i
            fence = _CODE_FENCE.fullmatch(lines[i])
            if fence:
                i += 1
                while i < n and lines[i].rstrip(" ") != fence.group(1):
                    i += 1
                if i == n:
                    raise _Outside
                blocks.append(lines[start : i + 1])
                i += 1
                continue
            while i < n and lines[i]:
                if i > start and lines[i].startswith(("```", "~~~")):
                    raise _Outside  # python-markdown would open a code block there
                i += 1
            blocks.append(lines[start:i])
        return blocks

    def _block(self, block: list[str]) -> str:
        first = block[0]
        fence = _CODE_FENCE.fullmatch(first)
        if fence:
            body = html.escape("".join(line + "\n" for line in block[1:-1]))
            css = f' class="language-{fence.group(2)}"' if fence.group(2) else ""
            return f"<pre><code{css}>{body}</code></pre>\n"
        if len(block) > 1:
            if _RAW_BLOCK.match(first):
                return "\n".join(block) + "\n\n"
            raise _Outside
        if first == "---":
            return "<hr>\n"
        if first.startswith("#"):
            m = _HEADING.fullmatch(first)
            if m is None:
                raise _Outside
            level, anchor = len(m.group(1)), html.escape(m.group(3))
            return f'<h{level} id="{anchor}">{self._inline(m.group(2).strip())}</h{level}>\n'
        if _RAW_BLOCK.match(first):
            return first + "\n\n"
        return self._paragraph(first) + "\n"

    def _paragraph(self, text: str) -> str:
        return f"<p>{self._inline(_paragraph_text(text))}</p>"

    def _inline(self, text: str) -> str:
        out: list[str] = []
        pos = 0
        while (m := _INLINE.match(text, pos)) is not None:
            pos = m.end()
            kind = m.lastgroup
            if kind == "text":
                out.append(_text(m.group(0)))
            elif kind == "tag":
                out.append(m.group(0))
            elif kind == "note":
                out.append(self._reference(m.group("note")))
            else:
                html_link, pos = self._link(text, pos)
                out.append(html_link)
        if pos < len(text):  # a character Markdown would read as markup
            raise _Outside
        return "".join(out)

    def _link(self, text: str, pos: int) -> tuple[str, int]:
        """``[label](url)`` whose label starts at ``pos``; returns its HTML and its end."""
        end = pos
        while (m := _LINK_LABEL_END.search(text, end)) is not None and m.group(1) is None:
            if m.group(0) in ("[", "\n"):
                raise _Outside
            end = m.end()
        if m is None:
            raise _Outside
        url = _LINK_URL.match(text, m.end())
        if url is None:
            raise _Outside
        label = self._inline(text[pos : m.start()])
        href = html.escape(url.group(1))
        return f'<a href="{href}">{label}</a>', url.end()

    def _reference(self, label: str) -> str:
        number = self.numbers.get(label)
        if number is None:
            raise _Outside
        count = self.refs[label] = self.refs.get(label, 0) + 1
        ref = f"fnref{count if count > 1 else ''}:{label}"
        return (
            f'<sup id="{html.escape(ref)}"><a class="footnote-ref" '
            f'href="#fn:{html.escape(label)}">{number}</a></sup>'
        )

    def _footnotes(self) -> str:
        items = []
        for label, content in self.notes.items():
            number, safe = self.numbers[label], html.escape(label)
            body = ""
            if content.strip():
                backrefs = "".join(
                    f'<a class="footnote-backref" href="#fnref{k if k > 1 else ""}:{safe}" '
                    f'title="{html.escape(BACKLINK_TITLE.format(number))}">&#8617;</a>'
                    for k in range(1, max(1, self.refs.get(label, 0)) + 1)
                )
                text = _paragraph_text(content, _NOT_NOTE_PARAGRAPH)
                body = f"\n<p>{self._inline(text)}&#160;{backrefs}</p>\n"
            items.append(f'<li id="fn:{safe}">{body}</li>\n')
        return '<div class="footnote">\n<hr>\n<ol>\n' + "".join(items) + "</ol>\n</div>\n"


def _text(run: str) -> str:
    """The HTML of a run of plain text, backslash escapes and entities: the escaped
    characters bare (none needs escaping in HTML), the rest as it is (a run holds no
    '&', '<' or '>' outside its entities). Every backslash of a run starts an escape, so
    the escaped backslashes are set aside and the other backslashes dropped."""
    if "\\" not in run:
        return run
    return run.replace("\\\\", "\x02").replace("\\", "").replace("\x02", "\\")


def _paragraph_text(text: str, not_paragraph: re.Pattern[str] = _NOT_PARAGRAPH) -> str:
    """``text``, checked to be one paragraph for python-markdown, not another block."""
    if text.startswith("    "):  # indented code
        raise _Outside
    text = text.strip()
    if not_paragraph.match(text):
        raise _Outside
    return text


def render_dialect(markdown: str) -> str | None:
    """The HTML python-markdown gives for ``markdown``, or None when the text is not in
    the converter's subset (python-markdown must then render it)."""
    try:
        return _Renderer(markdown).run()
    except _Outside:
        return None
