"""The words above the search results: what was searched, or that there is no answer.

The query is shown as the user typed it. A typo correction says what was searched
instead, with a link to search the words as typed ("Résultats pour « formation » ·
Rechercher plutôt « formaton »"); the other ways a word can match (its other forms,
synonyms, sound-alikes) are never written as if the user had typed them: the marks in
the snippets show them. When no result covers the whole query the reader says so first
("Aucune réponse ne parle de « payer »."), with the date of the offline content, then
offers the partial answers as such.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from reader.ui.search.outcome import SearchOutcome

ALTERNATIVE_LINK = "alternative:"
_PLACES = re.compile(r"%([12])")


def _fill(template: str, *values: str) -> str:
    """``template`` with %1, %2 replaced (once: a value's own "%2" stays as it is)."""
    return _PLACES.sub(lambda m: values[int(m.group(1)) - 1], template)


def _text(text: str) -> str:
    return html.escape(text, quote=False)


def _html(template: str, *words: str) -> str:
    """A translated sentence as HTML, each word on one line, escaped."""
    return _fill(_text(template), *(_text(" ".join(w.split())) for w in words))


@dataclass(frozen=True)
class Summary:
    """The HTML above the results: ``heading`` (the results line, or the abstention and
    the offline note), then ``partial`` (above partial answers; "" when there are none
    to introduce)."""

    heading: str
    partial: str = ""


class SearchSummary(QObject):
    """The wording above the results (see the module docstring)."""

    def summary(
        self, outcome: SearchOutcome, alternative: str | None = None, updated: str = ""
    ) -> Summary:
        """What to say above the results of ``outcome``.

        ``alternative`` is the other search to offer with a link (the words as typed, or
        their correction once searched as typed), ``updated`` the date of the offline
        content, as shown ("" when unknown).
        """
        if outcome.failed:
            return Summary(_html(self.tr("The search failed (see the log).")))
        link = self._alternative_link(alternative)
        if not outcome.abstains:
            if outcome.corrected:
                line = _html(self.tr("Results for “%1”"), outcome.corrected)
            else:
                count = len(outcome.hits)
                line = _html(self.tr("%n result(s) for “%1”", "", count), outcome.query)
            return Summary(line + link)
        try_other_words = self.tr("Try other words, or press Esc to browse the sections.")
        if not outcome.words:
            heading = _html(self.tr("No question matches “%1”."), outcome.query)
            return Summary(f"<b>{heading}</b>", _html(try_other_words))
        heading = f"<b>{self.abstention(outcome)}</b><br>{_html(self.offline_note(updated))}"
        if outcome.hits:
            shown = outcome.corrected or outcome.query
            partial = _html(self.tr("Partial answers for “%1”:"), shown)
        else:
            partial = _html(try_other_words)
        return Summary(heading, partial + link)

    def abstention(self, outcome: SearchOutcome) -> str:
        """ "No answer is about “payer”." (HTML), or about all the words at once."""
        if outcome.uncovered:
            listed = self._listed(outcome.uncovered, self.tr("%1 or %2"))
            return _fill(_text(self.tr("No answer is %1.")), listed)
        listed = self._listed(outcome.words, self.tr("%1 and %2"))
        return _fill(_text(self.tr("No answer is %1 at once.")), listed)

    def offline_note(self, updated: str) -> str:
        """The offline content has no answer (and when it was last refreshed), plain text."""
        if not updated:
            return self.tr("The offline content has no answer.")
        return _fill(self.tr("The offline content has no answer (updated on %1)."), updated)

    def alternative_text(self, alternative: str) -> str:
        """ "Search for “formaton” instead" (plain text)."""
        return _fill(self.tr("Search for “%1” instead"), " ".join(alternative.split()))

    def _alternative_link(self, alternative: str | None) -> str:
        if not alternative:
            return ""
        text = _text(self.alternative_text(alternative))
        return f' · <a href="{ALTERNATIVE_LINK}">{text}</a>'

    def _listed(self, words: tuple[str, ...], last: str) -> str:
        """ "about “a”, about “b” or about “c”" (HTML); ``last`` joins the last two."""
        items = [_html(self.tr("about “%1”"), word) for word in words]
        if len(items) == 1:
            return items[0]
        return _fill(_text(last), ", ".join(items[:-1]), items[-1])
