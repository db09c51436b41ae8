"""What the query path needs besides the postings, prepared when the index is written.

- ``texts``: each answered question's answer as plain text (Markdown marks, link targets
  and image paths left out): the text its snippet is cut from and its words are checked
  in, without converting the Markdown again at every search.
- ``words``: each word as the titles and answers write it (``l'accès``, ``Légumes``) → its
  index terms (folded forms and stems): what a search highlights is then known from the
  terms it looks for, without running the stemmer over every hit's text
  (:func:`reader.search.analysis.token_positions`).
- ``vocabulary``: each folded word → how many questions use it (for corrections,
  sound-alikes and completions).

``words`` is a cache of a pure function (a word's terms depend only on the word and the
analyzer's version, which names the index folder): a word missing from it is analysed
instead, and a word no longer in any question only costs its line. So an update adds the
words of the pages it indexes and removes none; a full build starts afresh. ``texts`` and
``vocabulary`` are exact after an update. The three files sit in the index folder, under
its manifest: damaged or missing, the whole folder is rebuilt.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.search.analysis import WORD, word_terms

log = logging.getLogger(__name__)

TEXTS = "texts.json"
WORDS = "words.json"
VOCABULARY = "vocabulary.json"
FILES = (TEXTS, WORDS, VOCABULARY)


@dataclass
class Tables:
    """The tables of one index (see the module's docstring)."""

    texts: dict[str, str] = field(default_factory=dict)
    words: dict[str, Sequence[str]] = field(default_factory=dict)
    vocabulary: Counter[str] = field(default_factory=Counter)

    def add_words(self, text: str) -> None:
        """Note the terms of the words of ``text`` that are not noted yet."""
        words = self.words
        for raw in WORD.findall(text):
            if raw not in words:
                words[raw] = word_terms(raw)

    def forget(self, question_ids: Iterable[str]) -> None:
        for question_id in question_ids:
            self.texts.pop(question_id, None)

    def write(self, folder: Path) -> None:
        """Write the three files in ``folder`` (the manifest, written after, vouches for them)."""
        vocabulary = {w: n for w, n in self.vocabulary.items() if n > 0}
        for name, data in ((TEXTS, self.texts), (WORDS, self.words), (VOCABULARY, vocabulary)):
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            (folder / name).write_text(text, encoding="utf-8")

    @classmethod
    def parse(cls, files: Mapping[str, bytes]) -> Tables:
        """The tables from the files' contents (already checked against the manifest)."""
        try:
            texts, words, vocabulary = (json.loads(files[name]) for name in FILES)
            if not all(isinstance(table, dict) for table in (texts, words, vocabulary)):
                raise TypeError("not a JSON object")
            return cls(texts, words, Counter(vocabulary))
        except (KeyError, ValueError, TypeError) as error:
            # The manifest vouched for them: only a bug gets here. Search still works:
            # texts and words are worked out again as needed; corrections are off.
            log.warning("search tables unreadable: %s", error)
            return cls()
