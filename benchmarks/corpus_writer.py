"""A corpus directory of N article files for the benchmarks, from the seeds' raw pages.

Real sentences, recombined: every sentence of the seeds' raw pages is cut at several
words, and a new sentence joins a head of one to a tail of another, most of its
longer words swapped for words of a larger vocabulary and now and then a number
changed.
Names are respelled: an alias of the catalogue is replaced by another alias of its
entity, or by a spelling the catalogue does not know (Sergey -> Sergei -> Sergej).

Articles come in stories: a story is a dozen sentences, and each of the one to four
outlets covering it carries two to five of them (its names respelled its own way) among
sentences of its own. A share of the articles are wire stories carried verbatim: the
same article under many outlets' names. Nothing here is tuned to the seeds by name:
they are only the source of words and sentences.
"""

from __future__ import annotations

import datetime
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
WIRE_SHARE = 0.15  # of the articles, copies of a wire story
COPIES_PER_WIRE_STORY = 60
SWAPPED = 0.8  # of a sentence's longer lowercase words, drawn from a larger vocabulary
OUTLET_WORDS = "Tribune Herald Courier Post Times Observer Gazette Monitor Wire Daily".split()


@dataclass
class Material:
    heads: list[str]
    tails: list[str]
    words: list[str]
    aliases: dict[str, list[str]]  # an alias -> every alias of its entity


def material() -> Material:
    import yaml

    from reader.statements import sentence_spans

    heads, tails, words = [], [], set()
    for raw in sorted((SEEDS / "raw").glob("*.txt")):
        text = raw.read_text(encoding="utf-8")
        for span in sentence_spans(text):
            sentence = " ".join(text[span.start : span.end].split())
            pieces = sentence.split(" ")
            if len(pieces) < 10 or not sentence[:1].isupper():
                continue
            for cut in range(3, len(pieces) - 3, 3):  # cut at several words
                heads.append(" ".join(pieces[:cut]))
                tails.append(" ".join(pieces[cut:]))
            words.update(w for w in pieces if w.isalpha() and w.islower() and len(w) > 4)
    catalogue = yaml.safe_load((SEEDS / "entities.yaml").read_text(encoding="utf-8"))
    aliases: dict[str, list[str]] = {}
    for entity in catalogue["entities"]:
        forms = sorted({entity["name"], *entity.get("aliases", [])})
        for form in forms:
            if len(form) > 3:
                aliases[form] = forms
    return Material(heads, tails, sorted(words), aliases)


_SPELLINGS = [("ey", "ei"), ("ei", "ej"), ("v", "w"), ("ov", "off"), ("al-", "al "), ("e", "i")]


class Writer:
    def __init__(self, seed: int):
        from synthetic_corpus import _Writer

        self.rng = random.Random(seed)
        self.material = material()
        names = sorted(self.material.aliases, key=len, reverse=True)
        self._names = re.compile("|".join(re.escape(n) for n in names))
        # The seeds hold a few thousand words: at thousands of articles every one of
        # them is common. A share of each sentence's words is drawn instead from a
        # Zipf-distributed vocabulary of 30,000 (benchmarks/synthetic_corpus.py), as
        # the words of many stories would be.
        self._vocabulary = _Writer(seed, entities=0)

    def sentence(self) -> str:
        rng, m = self.rng, self.material
        words = f"{rng.choice(m.heads)} {rng.choice(m.tails)}".split(" ")
        for n, word in enumerate(words):
            if word.isalpha() and word.islower() and len(word) > 3 and rng.random() < SWAPPED:
                words[n] = self._vocabulary.content_word()
        text = " ".join(words)
        return re.sub(r"\d+", lambda _: str(rng.randint(1, 99)), text, count=rng.random() < 0.3)

    def respelled(self, text: str, style: int) -> str:
        """`text` with its names spelled the way of `style` (one per outlet)."""
        rng = random.Random(style)

        def spell(match: re.Match) -> str:
            forms = self.material.aliases[match.group()]
            form = forms[rng.randrange(len(forms))]
            old, new = _SPELLINGS[rng.randrange(len(_SPELLINGS))]
            return form.replace(old, new, 1) if rng.random() < 0.4 else form

        return self._names.sub(spell, text)


def write_corpus(root: Path, articles: int, seed: int = 11) -> dict:
    """Writes `articles` article files and the catalogue into `root`; returns one more
    article, not written (for a benchmark to add)."""
    writer = Writer(seed)
    rng = writer.rng
    root.mkdir(parents=True)
    shutil.copy(SEEDS / "entities.yaml", root / "entities.yaml")
    outlets = [
        f"{rng.choice(writer.material.words).title()} {rng.choice(OUTLET_WORDS)}"
        for _ in range(max(articles // 5, 2))
    ]
    wire = int(articles * WIRE_SHARE)
    planned: list[dict] = []
    while len(planned) < articles - wire:
        story = [writer.sentence() for _ in range(12)]
        for _ in range(rng.randint(1, 4)):
            planned.append(_article(writer, outlets, story))
    planned = planned[: articles - wire]
    while len(planned) < articles:
        original = _article(writer, outlets, [writer.sentence() for _ in range(12)])
        for _ in range(min(COPIES_PER_WIRE_STORY, articles - len(planned))):
            planned.append({**original, "outlet": rng.choice(outlets)})
    for number, article in enumerate(planned):
        write_article(root, {**article, "id": f"a{number:05d}"})
    spare = _article(writer, outlets, [writer.sentence() for _ in range(12)])
    return {**spare, "id": "added-article"}


def _article(writer: Writer, outlets: list[str], story: list[str]) -> dict:
    rng = writer.rng
    outlet = rng.choice(outlets)
    style = rng.randrange(1 << 30)
    sentences = [writer.respelled(s, style) for s in rng.sample(story, rng.randint(2, 5))]
    sentences += [writer.respelled(writer.sentence(), style) for _ in range(rng.randint(8, 20))]
    rng.shuffle(sentences)
    paragraphs = [" ".join(sentences[n : n + 3]) for n in range(0, len(sentences), 3)]
    headline = " ".join(sentences[0].split(" ")[:9])
    return {
        "outlet": outlet,
        "date": datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(366)),
        "blocks": [{"headline": headline}, *({"paragraph": p} for p in paragraphs)],
    }


def write_article(root: Path, article: dict) -> Path:
    import yaml

    document = {
        "id": article["id"],
        "source": f"{article['id']}.txt",
        "outlet": article["outlet"],
        "date": article["date"],
        "blocks": article["blocks"],
    }
    path = root / f"{article['id']}.yaml"
    path.write_text(
        yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000), "utf-8"
    )
    return path
