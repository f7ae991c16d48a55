"""Which of many texts hold a query's words, however misspelt or half typed.

The command palette matches a query fuzzily against every statement of the corpus:
partial_ratio over 35,000 statements takes 0.1 s, over the 300,000 of ten thousand
articles more than a second, on every key. So a large list gets a word index, built
once: each distinct word and the texts that hold it. A query word is matched against
the vocabulary (a few tens of thousands of short words: milliseconds) by spelling
(rapidfuzz's ratio) and, for the word still being typed, by prefix; the texts holding
the most query words are the candidates, and only they are scored in full.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Sequence

import numpy as np

WORD_SCORE = 80  # of 100: "lavrof" finds "lavrov", "moscow" not "morocco"
WORDS_PER_QUERY_WORD = 40  # vocabulary words a query word may stand for
PREFIX_WORDS = 200  # words a prefix ("lav") may stand for
MIN_PREFIX = 2
MIN_FUZZY = 4  # letters a word needs to be matched by spelling, not only as it is
COMMON_SHARE = 0.25  # of the texts: a query word held this widely is not counted

Progress = Callable[[int, int], None]


class WordIndex:
    """The texts (already through rapidfuzz's `default_process`) by word."""

    def __init__(self, texts: Sequence[str], progress: Progress | None = None) -> None:
        self.size = len(texts)
        postings: dict[str, array] = {}
        for number, text in enumerate(texts):
            for word in set(text.split()):
                found = postings.get(word)
                if found is None:
                    found = postings[word] = array("i")
                found.append(number)
            if progress is not None and number % 4096 == 0:
                progress(number, len(texts))
        self.words = sorted(postings)
        self._postings = [np.frombuffer(postings[word], dtype=np.int32) for word in self.words]

    def candidates(self, query: str, limit: int) -> list[int]:
        """Up to `limit` texts holding most of the query's words (any spelling close
        enough; the last word may be a prefix), in text order within a count."""
        words = query.split()
        if not words:
            return []
        held = np.zeros(self.size, dtype=np.int32)
        common = np.zeros(self.size, dtype=np.int32)  # counted when no word is rarer
        holding = np.zeros(self.size, dtype=bool)
        for position, word in enumerate(words):
            numbers = self._vocabulary(word, last=position == len(words) - 1)
            holding[:] = False
            for number in numbers:
                holding[self._postings[number]] = True
            # A word most texts hold ("the", "said") tells none apart.
            if holding.sum() <= self.size * COMMON_SHARE:
                held += holding
            else:
                common += holding
        if self.size == 0:
            return []
        if int(held.max()) == 0:
            held = common
        # Most words held first; a stable sort keeps the texts' order within a count.
        order = np.argsort(-held, kind="stable")[:limit]
        return [int(n) for n in order if held[n] > 0]

    def _vocabulary(self, word: str, *, last: bool) -> list[int]:
        """The vocabulary words `word` may stand for, by number."""
        from rapidfuzz import fuzz, process

        if len(word) < MIN_FUZZY:  # "us" is no misspelling of "is"
            at = bisect.bisect_left(self.words, word)
            found = {at} if at < len(self.words) and self.words[at] == word else set()
        else:
            found = {
                number
                for _, _, number in process.extract(
                    word,
                    self.words,
                    scorer=fuzz.ratio,
                    score_cutoff=WORD_SCORE,
                    limit=WORDS_PER_QUERY_WORD,
                )
            }
        if last and len(word) >= MIN_PREFIX:  # still being typed
            start = bisect.bisect_left(self.words, word)
            end = bisect.bisect_left(self.words, word + "\uffff", start)
            found.update(range(start, min(end, start + PREFIX_WORDS)))
        return sorted(found)
