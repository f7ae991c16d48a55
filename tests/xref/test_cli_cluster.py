"""`reader xref --scheduler` and `--link-store` from the command line."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.cli import main
from reader.corpus import bundled_corpus_path, load_corpus
from reader.xref.linkstore import LinkStoreError, read_link_store

pytest.importorskip("distributed")

FIXTURE = str(Path(__file__).parent.parent / "fixtures" / "xref_corpus")


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    # the default link store and cache live in the user's cache directory
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_local_cluster_prints_the_local_engines_links(capsys, tmp_path):
    store = tmp_path / "store"
    code, clustered, err = run(
        capsys,
        *("xref", "--scheduler", "local", "--workers", "2", "--format", "json"),
        *("--link-store", str(store)),
    )
    assert code == 0, err
    assert "Dask dashboard: http" in err and "tasks" in err and str(store) in err
    code, local, _ = run(capsys, "xref", "--format", "json", "--no-cache")
    assert code == 0 and json.loads(clustered) == json.loads(local)
    assert json.loads(local)["links"]
    # the cluster's links went to the link cache: the plain run reads them, computing nothing
    with pytest.MonkeyPatch.context() as patch:
        import reader.xref.incremental as incremental

        for computes in ("prepare", "scored_pairs"):
            patch.setattr(incremental, computes, lambda *a, **k: pytest.fail("computed again"))
        code, cached, _ = run(capsys, "xref", "--format", "json")
    assert code == 0 and json.loads(cached) == json.loads(local)
    # the store reads back as the same links
    corpus, _ = load_corpus(bundled_corpus_path())
    statements, pairs = read_link_store(store, corpus)
    assert len(pairs) == len(json.loads(local)["links"])
    assert sorted(store.glob("part-*.links.parquet"))
    code, from_store, _ = run(
        capsys, "xref", "--link-store", str(store), "--format", "json", "--no-cache"
    )
    assert code == 0 and json.loads(from_store) == json.loads(local)


def test_an_unreachable_scheduler_is_exit_1_within_seconds(capsys):
    started = time.monotonic()
    code, out, err = run(
        capsys, "xref", "--corpus", FIXTURE, "--scheduler", "tcp://127.0.0.1:9", "--format", "json"
    )
    assert code == 1 and out == ""
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert "Traceback" not in err
    assert time.monotonic() - started < 30


@pytest.mark.parametrize(
    "argv",
    [
        ("--workers", "2"),
        ("--scheduler", "tcp://127.0.0.1:9", "--workers", "2"),
        ("--scheduler", "local", "--workers", "0"),
        ("--partitions", "3"),
        ("--scheduler", "local", "--partitions", "0"),
    ],
)
def test_cluster_options_out_of_place_are_usage_errors(capsys, argv):
    code, out, err = run(capsys, "xref", "--corpus", FIXTURE, *argv)
    assert code == 2 and out == "" and "reader xref: --" in err


def test_a_store_of_another_corpus_is_refused(capsys, tmp_path):
    from reader.xref.linkstore import write_link_store

    corpus, _ = load_corpus(bundled_corpus_path())
    write_link_store(tmp_path / "store", corpus, [], [[]], [0, 0])
    other, _ = load_corpus(Path(FIXTURE))
    with pytest.raises(LinkStoreError, match="another corpus"):
        read_link_store(tmp_path / "store", other)
    code, out, err = run(
        capsys, "xref", "--corpus", FIXTURE, "--link-store", str(tmp_path / "store")
    )
    assert code == 1 and out == "" and "another corpus" in err
    code, _, err = run(capsys, "xref", "--corpus", FIXTURE, "--link-store", str(tmp_path))
    assert code == 1 and "no link store here" in err


def test_without_scheduler_dask_is_never_imported():
    code = (
        "import sys\n"
        "from reader.cli import main\n"
        f"assert main(['xref', '--corpus', {FIXTURE!r}, '--format', 'json', '--no-cache']) == 0\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('dask', 'distributed', 'pyarrow'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
