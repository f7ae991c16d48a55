"""Mangled corpus files never crash the loader: they become problems."""

from __future__ import annotations

import random
import shutil

from reader.corpus import bundled_corpus_path, load_corpus

DEBRIS = [
    b":",
    b"- ",
    b"\n",
    b"  ",
    b"{",
    b"[",
    b'"',
    b"\xff",
    b"null",
    b"1",
    b"&a ",
    b"*a",
    b"!!python/object/apply:os.system ",
    b"<<: *a\n",
    b"\t",
]


def mangle(data: bytearray, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 5)):
        pos = rng.randrange(len(data))
        roll = rng.random()
        if roll < 0.3:
            del data[pos : pos + rng.randint(1, 40)]
        elif roll < 0.6:
            data[pos:pos] = rng.choice(DEBRIS)
        else:
            other = rng.randrange(len(data))
            data[pos : pos + 10] = data[other : other + 10]
    return bytes(data)


def test_mangled_files_give_problems_not_exceptions(tmp_path):
    rng = random.Random(20161102)
    files = sorted(bundled_corpus_path().glob("*.yaml"))
    for round_ in range(60):
        root = tmp_path / str(round_)
        root.mkdir()
        for path in files:
            shutil.copy(path, root / path.name)
        victim = root / rng.choice(files).name
        original = victim.read_bytes()
        mangled = mangle(bytearray(original), rng)
        victim.write_bytes(mangled)
        corpus, problems = load_corpus(root)
        if mangled != original:
            # whatever broke, the other files still load
            assert len(corpus.articles) >= len(files) - 2
        shutil.rmtree(root)
