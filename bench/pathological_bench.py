"""Benchmark: hostile wiki text must convert and render in linear time, within budgets.

    python bench/pathological_bench.py [--size 32768] [--repeat 3] [--only CASE ...]

For each construct that a regular expression or a scan could take quadratic time on
(thousands of unclosed ``{{``, ``[[``, ``((``, ``%%``, ``<code``, formatting pairs, urls
followed by punctuation, runs of '=', deep quotes and lists, huge tables, footnotes …),
builds an answer of ``size`` characters, a half and a quarter of it, and times
``to_markdown``, ``build_page`` (the answer under a question) and ``render_html`` of the
converted answer, best of ``--repeat`` runs. Then the largest answer of a dense page
(3.9 MB, 2,542 questions) is rendered.

Exits 1 when a case exceeds a budget (at ``size``): converting or building the page
:data:`CONVERT_BUDGET`, rendering :data:`RENDER_BUDGET`; or when, taking more than
:data:`GROWTH_FLOOR` at ``size``, it takes more than :data:`MAX_GROWTH` times as long at
four times the size (linear: 4, quadratic: 16; smaller times are mostly timer noise).
Not a test: budgets are checked here, not in pytest.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CONVERT_BUDGET = 0.5  # seconds for to_markdown, and for build_page, of one 32 KB answer
RENDER_BUDGET = 0.1  # seconds for render_html of it: the window may wait for it
MAX_GROWTH = 10.0
GROWTH_FLOOR = 0.03


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _lines(unit: str) -> Callable[[int], str]:
    return lambda n: "\n".join([unit] * max(1, n // (len(unit) + 1)))


def _thirds(n: int, *units: str) -> str:
    """Lines of the first unit, then of the second, then of the third."""
    count = n // (3 * 3)
    return "\n".join(unit for unit in units for _ in range(count))


#: name -> answer of about n characters
CASES: dict[str, Callable[[int], str]] = {
    "{{ unclosed": _repeat("{{"),
    "[[ unclosed": _repeat("[["),
    "]] stray": _repeat("]]"),
    "(( unclosed": _repeat("(("),
    "%% pairs": _repeat("%%"),
    "%% and text": lambda n: "%%" + _repeat("a%%a ")(n),
    "'' pairs": _repeat("''"),
    "** pairs": _repeat("**"),
    "// and __": _repeat("//__"),
    "< alone": _repeat("<"),
    "<del> unclosed": _repeat("<del>"),
    "<del> nested": lambda n: "<del>" * (n // 11) + "x" + "</del>" * (n // 11),
    "<del> then **": lambda n: "<del>" * (n // 10) + "**" * (n // 10),
    "[[ then ]] then {{": lambda n: "[[" * (n // 6) + "]]" * (n // 6) + " {{" * (n // 6),
    "[[ ]] {{ lines": lambda n: _thirds(n, "[[", "]]", " {{"),
    "[[x| unclosed": _repeat("[[x|"),
    "[[a[b] unclosed": _repeat("[[a[b]"),
    "{{x| unclosed": _repeat("{{x|"),
    "{{a} unclosed": _repeat("{{a}"),
    "` _ * [ ] & # \\": _repeat("`_*[]&#\\"),
    "[ alone": _repeat("["),
    "& alone": _repeat("&"),
    '" quotes': _repeat('"a '),
    "http:// repeated": _repeat("http://"),
    "url then dots": lambda n: "http://a" + "." * n,
    "url then .,": lambda n: "http://a" + _repeat(".,")(n) + "a",
    "www. repeated": _repeat("www."),
    "www.! repeated": _repeat("www.!"),
    "www.a: repeated": _repeat(" www.a:"),
    "\\\\srv\\share": _repeat("\\\\srv\\share "),  # as dense as "links"
    "\\\\ repeated": _repeat("\\\\a"),
    "smileys": _repeat(":-) "),
    "smileys glued": _repeat("x:-)"),
    "FIXME repeated": _repeat("FIXME"),
    "]]] run": lambda n: "[[" + "]" * n,
    "[[ ]]] repeated": _repeat("[[a]]]"),
    "1x repeated": _repeat("1x"),
    "<a@ unclosed": _repeat("<a@"),
    "<a@b.b.b…": lambda n: "<a@" + "b." * (n // 2),
    "<code unclosed": _repeat("<code"),
    "<code>x</code>": _repeat("<code>x</code>"),
    "<file unclosed": _repeat("<file "),
    "<nowiki> unclosed": _repeat("<nowiki>"),
    "<html>*": lambda n: "<html>" + "*a" * (n // 2) + "</html>",
    "~~A: unclosed": _repeat("~~A:"),
    "<wrap unclosed": _repeat("<wrap "),
    "= run": _repeat("="),
    "== a =…= a": lambda n: "== a " + "=" * n + "a",
    "== x == lines": _lines("== x =="),
    "> 1000 deep": lambda n: ">" * min(n, 1000) + " x",
    "> n deep": lambda n: ">" * n + " x",
    "> lines": _lines("> a"),
    "> groups": _lines("> a\n"),
    "list then table": _lines("  * a\n| b |"),
    "> stairs": lambda n: "\n".join(">" * (i % 50 + 1) + " a" for i in range(n // 27)),
    "list deep": lambda n: "\n".join("  " * (i + 1) + "* x" for i in range(int(n**0.5))),
    "list lines": _lines("  * a"),
    "list stairs": lambda n: "\n".join("  " * (i % 50 + 1) + "* a" for i in range(n // 55)),
    "table cells": lambda n: "|" + " a |" * (n // 4),
    "table rows": _lines("| a | b |"),
    "table {{": lambda n: "|" + " {{" * (n // 3) + "|",
    "table :::": lambda n: "^ a ^\n" + "| ::: |\n" * (n // 8),
    "table || colspan": lambda n: "|" * n,
    "table wide then narrow": lambda n: "|" + " a |" * (n // 8) + "\n" + "| a |\n" * (n // 12),
    "(( nested": lambda n: "((" * (n // 4) + "))" * (n // 4),
    "(( over lines": lambda n: "((\n" * (n // 3) + "))",
    "(( lists in notes": _lines("a((b\n  * c\n| d |\n> e\n))"),
    "(( lines then ))": lambda n: "((a\n" * (n // 8) + "))" * (n // 8),
    "footnotes": lambda n: "".join(f"a(({i}))" for i in range(n // 9)),
    "footnote repeated": _repeat("a((x))"),
    "headings": lambda n: "".join(f"==== Q{i} ====\n" for i in range(n // 14)),
    "same headings": _lines("==== Q ===="),
    "preformatted": _lines("  code"),
    "links": _repeat("[[faq:a|b]] "),
    "media": _repeat("{{a.png}} "),
    "urls": _repeat("http://a.fr/b "),
    "e-mails": _repeat("<a@b.fr> "),
    "entities": _repeat("-> (c) ... "),
    "controls": _repeat("\x00\u202e\u200b"),
    "mixed openers": _repeat("[[{{((%%**//''<del>\"http://"),
}


def best(repeat: int, func: Callable[[], object]) -> float:
    """The shortest wall time of ``repeat`` runs of ``func``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def _timers() -> dict[str, Callable[[str], object]]:
    """What is timed on an answer: converting it, building a page of it, rendering it."""
    from reader.content.dokuwiki import to_markdown
    from reader.content.outline import build_page
    from reader.render.html import render_html

    return {
        "convert": lambda answer: to_markdown(answer, "faq:p"),
        "page": lambda answer: build_page("faq:p", "====== P ======\n==== Q ====\n" + answer),
        "render": lambda markdown: render_html(markdown),
    }


def measure(
    build: Callable[[int], str], sizes: list[int], repeat: int, kinds: tuple[str, ...]
) -> dict[str, list[float]]:
    """The times of ``kinds`` of work on answers of each size."""
    from reader.content.dokuwiki import to_markdown

    timers = _timers()
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    for size in sizes:
        answer = build(size)
        markdown = to_markdown(answer, "faq:p").markdown
        for kind in kinds:
            source = markdown if kind == "render" else answer
            times[kind].append(best(repeat, lambda k=kind, s=source: timers[k](s)))
    return times


def problems(
    build: Callable[[int], str], size: int, repeat: int, times: dict[str, list[float]]
) -> list[str]:
    """What exceeds a budget in one case, its growth measured at four times ``size``."""
    found = []
    for kind, budget in (("convert", CONVERT_BUDGET), ("page", CONVERT_BUDGET)):
        if times[kind][-1] > budget:
            found.append(f"{kind} {times[kind][-1] * 1000:.0f} ms > {budget * 1000:.0f} ms")
    if times["render"][-1] > RENDER_BUDGET:
        found.append(f"render {times['render'][-1] * 1000:.0f} ms > {RENDER_BUDGET * 1000:.0f} ms")
    slow = tuple(kind for kind, series in times.items() if series[-1] > GROWTH_FLOOR)
    if slow:
        larger = measure(build, [4 * size], repeat, slow)
        for kind in slow:
            growth = larger[kind][0] / times[kind][-1]
            if growth > MAX_GROWTH:
                found.append(f"{kind} grows {growth:.0f}x at 4x the size")
    return found


def dense_page_answer(repeat: int) -> tuple[float, float, int]:
    """Render times of the largest answer of the dense page and of all; its size."""
    from bench.content_bench import dense_page
    from reader.content.outline import build_page
    from reader.render.html import render_html

    page = build_page("faq:dense", dense_page())
    largest = max(page.questions(), key=lambda q: len(q.answer))
    seconds = best(repeat, lambda: render_html(largest.answer))
    whole = best(1, lambda: [render_html(q.answer) for q in page.questions()])
    return seconds, whole, len(largest.answer)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=32 * 1024, help="largest answer, in characters")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=[], help="case names to run")
    args = parser.parse_args()
    sizes = [args.size // 4, args.size // 2, args.size]
    cases = {k: v for k, v in CASES.items() if not args.only or k in args.only}

    head = "".join(f"{'convert ' + str(s // 1024) + 'K':>12}" for s in sizes)
    print(f"{'case':<22}{head}{'page':>9}{'render':>9}  (ms; page and render at the largest)")
    failures = []
    for name, build in cases.items():
        times = measure(build, sizes, args.repeat, ("convert", "page", "render"))
        row = "".join(f"{t * 1000:12.1f}" for t in times["convert"])
        row += f"{times['page'][-1] * 1000:9.1f}{times['render'][-1] * 1000:9.1f}"
        found = problems(build, args.size, args.repeat, times)
        print(f"{name:<22}{row}  {'; '.join(found) or 'ok'}", flush=True)
        failures += [f"{name}: {p}" for p in found]

    seconds, whole, size = dense_page_answer(args.repeat)
    print(
        f"\ndense page (3.9 MB, 2,542 questions): largest answer ({size} characters) renders "
        f"in {seconds * 1000:.1f} ms; all its answers in {whole:.2f} s"
    )
    if seconds > RENDER_BUDGET:
        failures.append(f"dense page's largest answer: render {seconds * 1000:.0f} ms")
    budgets = f"convert/page {CONVERT_BUDGET * 1000:.0f} ms, render {RENDER_BUDGET * 1000:.0f} ms"
    print(f"budgets at {args.size // 1024}K: {budgets}, at most {MAX_GROWTH:.0f}x as long at 4x")
    for failure in failures:
        print(f"OVER BUDGET {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
