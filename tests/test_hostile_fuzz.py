"""Generated hostile input against the loader, `reader check`, `xref` and `entities`.

Hypothesis builds the families of issue 13 (deep nesting with aliases, control
characters and stray byte-order marks anywhere in a file, `source:` paths that try to
leave raw/, anchors with any occurrence, names full of escape codes) and shrinks a
failure to its smallest case; the worst ones found are fixtures of their own in
tests/fixtures/problems/. Each property: no exception, a problem where one is due,
nothing read outside the corpus, no raw control character in what is printed.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.anchors import Ambiguous, NoSuchOccurrence, NotFound, Selector, resolve_anchor
from reader.cli import main
from reader.corpus import load_corpus
from reader.limits import MAX_YAML_DEPTH
from reader.model import Span
from reader.yamlsource import load_yaml_text

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "corpus"
EXAMPLE = (GOOD / "example.yaml").read_text(encoding="utf-8")

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CONTROLS = st.sampled_from(
    ["\x00", "\x07", "\x08", "\x1b", "\x1b[2J", "\x1b]0;x\x07", "\x7f", "\x9b", "\x85"]
    + ["\u202e", "\u2066", "\u2028", "\ufeff", "\r", "\t"]
)
RAW_CONTROL = set(map(chr, [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]))
RAW_CONTROL |= set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")


@contextlib.contextmanager
def corpus_copy():
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "corpus"
        shutil.copytree(GOOD, root)
        yield root


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def assert_printable(text: str) -> None:
    found = RAW_CONTROL & set(text)
    assert not found, f"raw control characters {sorted(found)!r} in {text[:200]!r}"


# -- deep nesting, aliases included ----------------------------------------------------


@st.composite
def nested_yaml(draw) -> tuple[str, int]:
    """A YAML value nested `depth` deep, in flow or block style, maybe through aliases."""
    depth = draw(st.integers(1, 3 * MAX_YAML_DEPTH))
    if draw(st.booleans()):
        opener, closer = draw(st.sampled_from([("[", "]"), ("{a: ", "}")]))
        return "x: " + opener * depth + "1" + closer * depth, depth + 1
    if draw(st.booleans()):
        lines = ["x:"] + [" " * (2 * i + 2) + "- " for i in range(depth)]
        return "\n".join(lines[:-1] + [lines[-1] + "1"]), depth + 1
    # an anchored list of depth d, then lists holding an alias to it: depth adds up
    part = draw(st.integers(1, max(1, depth // 3)))
    text = "a: &a " + "[" * part + "]" * part
    total = part
    for i in range(1, 4):
        text += f"\nb{i}: &b{i} " + "[" * part + ("*a" if i == 1 else f"*b{i - 1}") + "]" * part
        total += part
    return text, total + 1


@FUZZ
@given(nested_yaml())
def test_nesting_is_refused_past_the_limit_and_never_recurses(case):
    text, depth = case
    value, problems = load_yaml_text(text, Path("deep.yaml"))
    refused = [p for p in problems if "levels deep" in p.message]
    if depth > MAX_YAML_DEPTH + 1:
        assert refused and refused[0].line is not None and value is None
    elif depth <= MAX_YAML_DEPTH:
        assert not refused


# -- control characters and byte-order marks anywhere ------------------------------------


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(EXAMPLE)), CONTROLS), min_size=1, max_size=4))
def test_controls_anywhere_in_an_article_give_problems_and_print_escaped(insertions):
    text = EXAMPLE
    for offset, control in sorted(insertions, reverse=True):
        text = text[:offset] + control + text[offset:]
    with corpus_copy() as root:
        (root / "example.yaml").write_text(text, encoding="utf-8")
        load_corpus(root)  # never raises
        code, out, err = run_cli("check", str(root))
    assert code in (0, 1)
    assert_printable(out)
    assert_printable(err)
    forbidden = {"\x00", "\x07", "\x08", "\x1b", "\x7f", "\x9b"} & set(text)
    if forbidden:
        assert code == 1 and "is not allowed in a YAML file" in err
        assert "example.yaml:" in err.split("is not allowed")[0]


# -- source: paths that try to leave raw/ ---------------------------------------------------

PATH_PART = st.sampled_from(["..", ".", "raw", "etc", "passwd", "example.txt", "", "~", "C:"])


@FUZZ
@given(st.lists(PATH_PART, min_size=1, max_size=6), st.booleans())
def test_a_source_path_never_reads_outside_raw(parts, absolute):
    source = ("/" if absolute else "") + "/".join(parts)
    text = EXAMPLE.replace("source: example.txt", f"source: {json.dumps(source)}")
    with corpus_copy() as root:
        (root / "example.yaml").write_text(text, encoding="utf-8")
        raw = (root / "raw").resolve()
        opened: list[Path] = []
        real = Path.read_bytes

        def spy(self):
            opened.append(Path(self).resolve())
            return real(self)

        with mock.patch.object(Path, "read_bytes", spy):
            _, problems = load_corpus(root)
    corpus_dir = root.resolve()
    outside = [p for p in opened if not p.is_relative_to(corpus_dir)]
    assert outside == []
    raw_reads = [p for p in opened if p.is_relative_to(raw)]
    assert all(p.is_relative_to(raw) for p in raw_reads)
    if ".." in parts or absolute:
        assert any("source" in p.message and p.line == 2 for p in problems), problems


# -- anchors: any occurrence, any exact --------------------------------------------------


@FUZZ
@given(
    st.text(alphabet="ab ", max_size=30),
    st.text(alphabet="ab ", max_size=4),
    st.one_of(st.none(), st.integers(-3, 12)),
)
def test_an_anchor_resolves_or_says_why(text, exact, occurrence):
    found = resolve_anchor(text, Selector(exact, occurrence=occurrence))
    if isinstance(found, Span):
        assert text[found.start : found.end] == exact
    elif isinstance(found, NoSuchOccurrence):
        assert occurrence is not None and not 1 <= occurrence <= found.count
    elif isinstance(found, Ambiguous):
        assert occurrence is None and found.count > 1
    else:
        assert isinstance(found, NotFound)
        assert not exact or exact not in text


# -- names and outlets full of escape codes, through xref and entities ---------------------


@FUZZ
@given(st.lists(st.one_of(CONTROLS, st.text(max_size=3)), min_size=1, max_size=6))
def test_escape_codes_in_names_never_reach_a_table_and_survive_json(pieces):
    name = "".join(pieces).replace("\x00", "") or "x"
    quoted = json.dumps(name)  # a JSON string is a YAML double-quoted scalar
    with corpus_copy() as root:
        article = EXAMPLE.replace("outlet: Example News", f"outlet: {quoted}")
        (root / "example.yaml").write_text(article, encoding="utf-8")
        for command in (["entities"], ["xref", "--no-cache"]):
            code, out, err = run_cli(*command, "--corpus", str(root))
            assert code == 0
            assert_printable(out)
            assert_printable(err)
        code, out, _ = run_cli("entities", "--format", "json", "--corpus", str(root))
    assert_printable(out)
    outlets = {o for e in json.loads(out)["entities"] for o in e["by_outlet"]}
    expected, _ = load_yaml_text(f"x: {quoted}", Path("x"))
    if isinstance(expected, dict) and isinstance(expected["x"], str) and expected["x"].strip():
        assert outlets == {expected["x"]}
