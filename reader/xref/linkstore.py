"""The Parquet link store a cluster run writes: the links, one pair of files per partition.

A directory of `part-NNNNN.links.parquet` (one row per link: the two statements'
corpus-wide numbers, article ids and statement indexes, score, grade, overlap and the
kinds of specifics that disagree) and `part-NNNNN.statements.parquet` (one row per
statement: its number, article id, index, span and quote id), for the statements
numbered in that partition. Every file carries in its Parquet metadata the corpus
digest (the local link cache's key: the corpus's contents and the engine's code) and
the engine version, so a store is only ever read for the corpus and engine it was
made by. Tools that read Parquet (pandas, DuckDB, Spark) read the links as they are.

`reader xref --scheduler` writes a store and keeps the run in the local link cache
too (cluster_cache.py), so `reader xref` and the app read a cluster's links as they
read their own; `reader xref --link-store DIR` reads and prints a store made elsewhere
(a cluster's shared disk, copied to a laptop).
"""

from __future__ import annotations

from pathlib import Path

from reader.model import Corpus, LinkGrade, Span, Statement
from reader.xref.cache import VERSION, corpus_digest
from reader.xref.score import PairScore

DIGEST_KEY = b"reader.corpus_digest"
ENGINE_KEY = b"reader.engine_version"
PARTITION_KEY = b"reader.partition"


class LinkStoreError(Exception):
    """A store that cannot be read for this corpus: the message says why."""


def write_link_store(
    directory: Path,
    corpus: Corpus,
    statements: list[Statement],
    partitions: list[list[tuple[int, int, PairScore]]],
    bounds: list[int],
) -> list[Path]:
    """Write the store (replacing the part files of an earlier one); the paths written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("part-*.parquet"):
        old.unlink()
    digest = corpus_digest(corpus)
    written = []
    for number, links in enumerate(partitions):
        metadata = {
            DIGEST_KEY: digest.encode(),
            ENGINE_KEY: VERSION.encode(),
            PARTITION_KEY: f"{number}/{len(partitions)}".encode(),
        }
        own = statements[bounds[number] : bounds[number + 1]]
        statement_table = pa.table(
            {
                "statement": pa.array(range(bounds[number], bounds[number + 1]), pa.int64()),
                "article": [s.article_id for s in own],
                "index": pa.array([s.index for s in own], pa.int32()),
                "start": pa.array([s.span.start for s in own], pa.int64()),
                "end": pa.array([s.span.end for s in own], pa.int64()),
                "quote": pa.array([s.quote_id for s in own], pa.string()),
            }
        ).replace_schema_metadata(metadata)
        link_table = pa.table(
            {
                "source": pa.array([i for i, _, _ in links], pa.int64()),
                "target": pa.array([j for _, j, _ in links], pa.int64()),
                "source_article": pa.array(
                    [statements[i].article_id for i, _, _ in links], pa.string()
                ),
                "source_index": pa.array([statements[i].index for i, _, _ in links], pa.int32()),
                "target_article": pa.array(
                    [statements[j].article_id for _, j, _ in links], pa.string()
                ),
                "target_index": pa.array([statements[j].index for _, j, _ in links], pa.int32()),
                "score": pa.array([r.score for _, _, r in links], pa.float64()),
                "grade": pa.array([r.grade for _, _, r in links], pa.string()),
                "overlap": pa.array([r.overlap for _, _, r in links], pa.float64()),
                "conflicts": pa.array(
                    [list(r.conflicts) for _, _, r in links], pa.list_(pa.string())
                ),
            }
        ).replace_schema_metadata(metadata)
        for kind, table in (("statements", statement_table), ("links", link_table)):
            path = directory / f"part-{number:05d}.{kind}.parquet"
            pq.write_table(table, path)
            written.append(path)
    return written


def read_link_store(
    directory: Path, corpus: Corpus
) -> tuple[list[Statement], dict[tuple[int, int], PairScore]]:
    """The statements and links of the store in `directory`, checked against `corpus`.

    Raises LinkStoreError when the store is missing, unreadable, incomplete, or was made
    from another corpus or by another engine."""
    try:
        import pyarrow.parquet as pq
    except ImportError as error:
        raise LinkStoreError(
            "reading a link store needs pyarrow: pip install 'outlet-reader[dask]'"
        ) from error

    statement_files = sorted(directory.glob("part-*.statements.parquet"))
    link_files = sorted(directory.glob("part-*.links.parquet"))
    if not statement_files:
        raise LinkStoreError(f"{directory}: no link store here (no part-*.parquet files)")
    if len(link_files) != len(statement_files):
        raise LinkStoreError(
            f"{directory}: a statements file without its links file, or the reverse"
        )
    digest = corpus_digest(corpus)
    texts = {a.id: a.text for a in corpus.articles}
    statements: list[Statement] = []
    pairs: dict[tuple[int, int], PairScore] = {}
    for path in [*statement_files, *link_files]:
        try:
            table = pq.read_table(path)
        except (OSError, ValueError) as error:
            raise LinkStoreError(f"{path}: not a readable Parquet file ({error})") from error
        metadata = table.schema.metadata or {}
        if metadata.get(ENGINE_KEY) != VERSION.encode():
            raise LinkStoreError(
                f"{path}: written by engine {metadata.get(ENGINE_KEY, b'?').decode()}, "
                f"this is {VERSION}; run the cluster again"
            )
        if metadata.get(DIGEST_KEY) != digest.encode():
            raise LinkStoreError(
                f"{path}: made from another corpus (or another version of the engine's code); "
                "run the cluster again on this corpus"
            )
        rows = table.to_pylist()
        if path.name.endswith(".statements.parquet"):
            for row in rows:
                text = texts.get(row["article"])
                start, end = row["start"], row["end"]
                if (
                    row["statement"] != len(statements)
                    or text is None
                    or not 0 <= start < end <= len(text)
                ):
                    raise LinkStoreError(
                        f"{path}: statement {row['statement']} does not fit the corpus"
                    )
                statements.append(
                    Statement(
                        row["article"],
                        row["index"],
                        Span(start, end),
                        text[start:end],
                        row["quote"],
                    )
                )
        else:
            for row in rows:
                i, j = row["source"], row["target"]
                if not 0 <= i < j < len(statements) or row["grade"] not in set(LinkGrade):
                    raise LinkStoreError(f"{path}: link {i}-{j} does not fit the corpus")
                pairs[(i, j)] = PairScore(
                    row["score"], LinkGrade(row["grade"]), row["overlap"], tuple(row["conflicts"])
                )
    return statements, pairs
