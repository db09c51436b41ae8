"""What the query path needs besides the postings, prepared when the index is written.

- ``texts``: each answered question's answer as plain text (Markdown marks, link targets
  and image paths left out): the text its snippet is cut from and its words are checked
  in, without converting the Markdown again at every search.
- ``forms``: each index term (folded form or stem) → the words as the titles and answers
  write them (``l'accès``, ``Légumes``) that have it: what a search highlights is then
  known from the terms it looks for (:meth:`Tables.words_with`), without running the
  stemmer over every hit's text.
- ``vocabulary``: each folded word → how many questions use it (for corrections,
  sound-alikes and completions);
- ``scores``: each term's share of the score in each document
  (:mod:`reader.search.scores`), worked out from the index once it is written.

A word's terms depend only on the word and the analyzer's version (which names the index
folder), so a word no longer in any question only costs its place in ``forms``: an update
adds the words of the pages it indexes and removes none; a full build starts afresh.
``texts`` and ``vocabulary`` are exact after an update, and ``scores`` is worked out again.
The four files sit in the index folder, under its manifest: damaged or missing, the whole
folder is rebuilt (a score table that does not parse is worked out again instead).
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reader.search.analysis import WORD, word_terms
from reader.search.scores import SCORES, ScoreTable

log = logging.getLogger(__name__)

TEXTS = "texts.json"
FORMS = "forms.json"
VOCABULARY = "vocabulary.json"
_JSON = (TEXTS, FORMS, VOCABULARY)
FILES = (*_JSON, SCORES)


@dataclass
class Tables:
    """The tables of one index (see the module's docstring). ``complete`` is false when
    they could not be read: the texts and words are then worked out from the content."""

    texts: dict[str, str] = field(default_factory=dict)
    forms: dict[str, list[str]] = field(default_factory=dict)
    vocabulary: Counter[str] = field(default_factory=Counter)
    scores: ScoreTable | None = None  # None: to be worked out from the index
    complete: bool = True
    _written: set[str] | None = None  # the words of ``forms``, for adding more

    def add_words(self, text: str) -> None:
        """Note the terms of the words of ``text`` that are not noted yet."""
        written = self._written
        if written is None:
            written = self._written = {w for words in self.forms.values() for w in words}
        forms = self.forms
        words = WORD.findall(text)
        if written.issuperset(words):  # mostly: a text's words were met before
            return
        for raw in words:
            if raw not in written:
                written.add(raw)
                for term in word_terms(raw):
                    forms.setdefault(term, []).append(raw)

    def forget(self, question_ids: Iterable[str]) -> None:
        for question_id in question_ids:
            self.texts.pop(question_id, None)

    def written(self) -> set[str]:
        """The words of the titles and answers as written, and folded: what a query word
        may be (for the score table's common words)."""
        folded = {w for w, n in self.vocabulary.items() if n > 0}
        return folded.union(*self.forms.values())

    def words_with(self, terms: Iterable[str]) -> frozenset[str]:
        """The words of the index's titles and answers, as written, with one of ``terms``."""
        forms = self.forms
        return frozenset(word for term in terms for word in forms.get(term, ()))

    def write(self, folder: Path) -> None:
        """Write the files in ``folder`` (the manifest, written after, vouches for them; no
        score table yet: none is written, and the folder will not open)."""
        vocabulary = {w: n for w, n in self.vocabulary.items() if n > 0}
        for name, data in ((TEXTS, self.texts), (FORMS, self.forms), (VOCABULARY, vocabulary)):
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            (folder / name).write_text(text, encoding="utf-8")
        if self.scores is not None:
            (folder / SCORES).write_bytes(self.scores.to_bytes())

    @classmethod
    def parse(cls, files: Mapping[str, bytes]) -> Tables:
        """The tables from the files' contents (already checked against the manifest)."""
        scores = None
        try:
            scores = ScoreTable.parse(files[SCORES])
        except (KeyError, ValueError) as error:
            log.warning("score table unreadable, worked out again: %s", error)
        try:
            texts, forms, vocabulary = (json.loads(files[name]) for name in _JSON)
            if not all(isinstance(table, dict) for table in (texts, forms, vocabulary)):
                raise TypeError("not a JSON object")
            return cls(texts, forms, Counter(vocabulary), scores)
        except (KeyError, ValueError, TypeError) as error:
            # The manifest vouched for them: only a bug gets here. Search still works.
            log.warning("search tables unreadable: %s", error)
            return cls(scores=scores, complete=False)
