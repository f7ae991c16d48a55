"""Synthetic corpora for the cross-reference benchmark, with planted links.

Articles of about 30 statements are made of filler sentences (function words and a
Zipf-distributed content vocabulary, entity names, numbers), with claims planted in
several articles each, in one of four kinds of variant:

- `retranslation` (same): a quarter of the content words swapped for synonyms, as a
  second translation of one readout would;
- `alias` (same): the same words with the entities under other catalogue spellings;
- `partial` (same): a long quoted window of the claim inside an attribution;
- `paraphrase` (related): half the words swapped, words dropped, clauses reordered.

Everything comes from one seeded random generator, so a size and a seed give the same
corpus every time. Entity mentions are annotated, as they are in a loaded corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from reader.model import (
    Article,
    BlockKind,
    Corpus,
    Entity,
    EntityType,
    Mention,
    Paragraph,
    Span,
)

FUNCTION = (
    "the of and to in that for on with as by at from it was is has have said which "
    "would be not but this an its their they were also after over its been"
).split()
SYLLABLES = (
    "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne "
    "ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo"
).split()
KINDS = ("retranslation", "alias", "partial", "paraphrase")
EXPECTED_GRADE = {
    "retranslation": "same",
    "alias": "same",
    "partial": "same",
    "paraphrase": "related",
}


@dataclass(frozen=True)
class PlantedLink:
    kind: str
    a: tuple[str, int]  # (article id, offset of the planted statement's first word)
    b: tuple[str, int]


@dataclass
class Synthetic:
    corpus: Corpus
    planted: list[PlantedLink]


class _Writer:
    def __init__(self, seed: int, vocabulary: int = 30_000, entities: int = 3_000):
        self.rng = random.Random(seed)
        words = set()
        while len(words) < vocabulary:
            words.add("".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4))))
        self.words = sorted(words)
        self.rng.shuffle(self.words)
        # Zipf-Mandelbrot: the word of rank r is drawn with weight 1/(r + 30). The
        # shift stands for the function words, drawn apart: without it the top
        # content words would be as common as "the".
        self.cumulative = []
        total = 0.0
        for rank in range(1, vocabulary + 1):
            total += 1 / (rank + 30)
            self.cumulative.append(total)
        self.entities: dict[str, Entity] = {}
        types = (
            EntityType.PERSON,
            EntityType.PLACE,
            EntityType.ARMED_GROUP,
            EntityType.ORGANISATION,
        )
        for n in range(entities):
            first = self._name()
            last = self._name()
            entity_type = types[n % len(types)]
            aliases = (f"{first} {last}", last, f"{first[0]}. {last}")
            self.entities[f"e{n}"] = Entity(f"e{n}", aliases[0], entity_type, aliases)
        self.entity_ids = list(self.entities)

    def _name(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(3)).capitalize()

    def content_word(self, band: tuple[int, int] | None = None) -> str:
        if band:
            return self.words[self.rng.randrange(*band)]
        import bisect

        x = self.rng.random() * self.cumulative[-1]
        return self.words[min(bisect.bisect(self.cumulative, x), len(self.words) - 1)]

    def synonym(self, word: str) -> str:
        # Every word has one partner: a fixed, symmetric stand-in for a synonym.
        i = self.words.index(word) if word in self._rank else None
        return self.words[i ^ 1] if i is not None else word

    @property
    def _rank(self):
        if not hasattr(self, "_ranks"):
            self._ranks = {w: i for i, w in enumerate(self.words)}
        return self._ranks

    def filler(self) -> list:
        tokens: list = []
        for _ in range(self.rng.randint(12, 28)):
            roll = self.rng.random()
            if roll < 0.40:
                tokens.append(self.rng.choice(FUNCTION))
            elif roll < 0.46:
                tokens.append(("entity", self.rng.choice(self.entity_ids), 0))
            elif roll < 0.48:
                tokens.append(str(self.rng.randint(1, 2030)))
            else:
                tokens.append(self.content_word())
        return tokens

    def claim(self) -> list:
        tokens: list = []
        for _ in range(self.rng.randint(16, 26)):
            roll = self.rng.random()
            if roll < 0.35:
                tokens.append(self.rng.choice(FUNCTION))
            elif roll < 0.47:
                tokens.append(("entity", self.rng.choice(self.entity_ids), 0))
            else:
                tokens.append(self.content_word((200, len(self.words))))
        return tokens

    def variant(self, claim: list, kind: str) -> tuple[list, str]:
        """The claim as another outlet prints it, and the text around it."""
        rng = self.rng
        out = []
        for token in claim:
            if isinstance(token, tuple):
                alias = rng.randrange(3) if kind in ("alias", "paraphrase") else token[2]
                out.append(("entity", token[1], alias))
            elif token in FUNCTION:
                out.append(token)
            elif kind == "retranslation" and rng.random() < 0.25:
                out.append(self.synonym(token))
            elif kind == "paraphrase":
                roll = rng.random()
                if roll < 0.15:
                    continue
                out.append(self.synonym(token) if roll < 0.55 else token)
            else:
                out.append(token)
        if kind == "paraphrase":
            cut = len(out) // 2
            out = out[cut:] + [","] + out[:cut] + [self.content_word() for _ in range(3)]
        if kind == "partial":
            length = max(8, int(len(out) * 0.7))
            start = rng.randrange(0, len(out) - length + 1)
            return out[start : start + length], "partial"
        return out, "plain"


def _render(
    writer: _Writer, tokens: list, mentions: list, offset: int, quoted_by=None
) -> tuple[str, int]:
    """The sentence's text, and the offset where its own words (not the attribution)
    begin."""
    parts: list[str] = []
    position = offset
    glued = False  # the next word follows an opening quotation mark

    def put(text: str, entity: str | None = None) -> None:
        nonlocal position, glued
        if parts and text != "," and not glued:
            parts.append(" ")
            position += 1
        glued = False
        if entity:
            mentions.append(Mention(entity, Span(position, position + len(text))))
        parts.append(text)
        position += len(text)

    if quoted_by:
        put(writer.entities[quoted_by].aliases[1], quoted_by)
        put('said: "')
        glued = True
    words_start = position + (0 if glued or not parts else 1)
    for n, token in enumerate(tokens):
        if isinstance(token, tuple):
            entity = writer.entities[token[1]]
            put(entity.aliases[token[2]], entity.id)
        else:
            put(token.capitalize() if n == 0 else token)
    text = "".join(parts) + ("." + '"' if quoted_by else ".")
    return text, words_start


def generate(
    articles: int, seed: int = 7, statements: int = 30, planted_share: float = 0.1
) -> Synthetic:
    """A corpus of `articles` articles with about `statements` statements each."""
    writer = _Writer(seed)
    rng = writer.rng
    # Each claim goes into 2 to 4 articles; the first copy is the original wording.
    slots = int(articles * statements * planted_share)
    placements: dict[int, list[tuple[int, list, str, str | None]]] = {}
    planted_groups: list[list[tuple[int, int, str]]] = []
    claim_number = 0
    while slots > 0:
        claim = writer.claim()
        copies = min(rng.randint(2, 4), articles)
        chosen = rng.sample(range(articles), copies)
        kind = rng.choice(KINDS)
        group = []
        for n, article in enumerate(chosen):
            tokens, how = (claim, "plain") if n == 0 else writer.variant(claim, kind)
            speaker = rng.choice(writer.entity_ids) if how == "partial" else None
            placements.setdefault(article, []).append((claim_number, tokens, kind, speaker))
            group.append((article, claim_number, kind if n else "original"))
        planted_groups.append(group)
        claim_number += 1
        slots -= copies

    built: list[Article] = []
    where: dict[tuple[int, int], tuple[str, int]] = {}
    for number in range(articles):
        article_id = f"a{number:05d}"
        planned = placements.get(number, [])
        sentences: list = [
            ("filler", writer.filler()) for _ in range(max(statements - len(planned), 1))
        ]
        for item in planned:
            sentences.insert(rng.randrange(1, len(sentences) + 1), ("planted", item))
        text_parts: list[str] = []
        paragraphs: list[Paragraph] = []
        mentions: list[Mention] = []
        offset = 0
        paragraph_sentences: list[str] = []
        paragraph_start = 0
        for n, (what, item) in enumerate(sentences):
            sentence_offset = offset + (1 if paragraph_sentences else 0)
            if what == "filler":
                text, _ = _render(writer, item, mentions, sentence_offset)
            else:
                claim_number, tokens, kind, speaker = item
                text, words_start = _render(
                    writer, tokens, mentions, sentence_offset, quoted_by=speaker
                )
                where[(number, claim_number)] = (article_id, words_start)
            if paragraph_sentences:
                offset += 1
            paragraph_sentences.append(text)
            offset += len(text)
            closes = n == 0 or rng.random() < 0.4 or n == len(sentences) - 1
            if closes:
                body = " ".join(paragraph_sentences)
                kind = BlockKind.HEADLINE if n == 0 else BlockKind.PARAGRAPH
                paragraphs.append(Paragraph(len(paragraphs), kind, Span(paragraph_start, offset)))
                text_parts.append(body)
                paragraph_sentences = []
                offset += 2
                paragraph_start = offset
        text = "\n\n".join(text_parts)
        built.append(
            Article(
                id=article_id,
                source=f"{article_id}.txt",
                outlet=f"Outlet {number % 40}",
                title=text_parts[0],
                date=None,
                text=text,
                paragraphs=tuple(paragraphs),
                mentions=tuple(mentions),
            )
        )
    planted = []
    for group in planted_groups:
        original = group[0]
        for article, claim_number, kind in group[1:]:
            planted.append(
                PlantedLink(kind, where[(original[0], original[1])], where[(article, claim_number)])
            )
    return Synthetic(Corpus(tuple(built), writer.entities), planted)
