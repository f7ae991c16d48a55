"""Every kind of bad input gets its own message, with file, line and the fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.corpus import load_corpus

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "corpus"
PROBLEMS = FIXTURES / "problems"


def corpus_with(
    tmp_path: Path, article: str | None = None, entities: str | None = None, raw: bool = False
) -> Path:
    """A copy of the good corpus with one file swapped for a broken fixture."""
    root = tmp_path / "corpus"
    root.mkdir()
    shutil.copy(PROBLEMS / entities if entities else GOOD / "entities.yaml", root / "entities.yaml")
    shutil.copy(GOOD / "example.yaml", root / "example.yaml")
    if raw:
        shutil.copytree(GOOD / "raw", root / "raw")
    if article:
        shutil.copy(PROBLEMS / article, root / article)
    return root


ARTICLE_CASES = [
    # fixture, line, words the message must contain
    ("yaml_syntax_error.yaml", 10, ["YAML syntax error", "starts at line 8"]),
    ("missing_source_field.yaml", 1, ["missing field 'source'", "add 'source:"]),
    ("unknown_field_speeker.yaml", 11, ["unknown field 'speeker'", "did you mean 'speaker'"]),
    ("mistyped_line_field.yaml", 9, ["field 'line' should be a whole number", "'five'"]),
    ("anchor_not_found.yaml", 9, ["'Lavorv says' not found", 'closest: "Lavrov says"']),
    ("anchor_ambiguous.yaml", 11, ["matches 2 places", "occurrence"]),
    ("unknown_entity_id.yaml", 9, ["unknown entity 'lavrv'", "did you mean 'lavrov'"]),
    ("duplicate_quote_id.yaml", 10, ["quote q1: duplicate id", "line 9"]),
    ("not_utf8.yaml", 8, ["not UTF-8", "save it as UTF-8"]),
    (
        "python_object_tag.yaml",
        8,
        ["tag 'tag:yaml.org,2002:python/object/apply:os.system'", "not allowed"],
    ),
    ("date_not_iso.yaml", 4, ["not an ISO date", "YYYY-MM-DD"]),
    ("mention_not_an_alias.yaml", 9, ["'says' is not one of its aliases", "kind: role"]),
    ("unknown_quote_kind.yaml", 9, ["unknown kind 'shouted'", "direct, indirect"]),
    ("alias_to_itself.yaml", 1, ["YAML alias refers to itself"]),
    ("not_an_article_alias_bomb.yaml", 1, ["not an article file"]),
    ("merge_key.yaml", 9, ["merge keys (<<) are not supported"]),
    # hostile input (issue 13): refused where it is, before it can do harm
    ("yaml_nested_too_deep.yaml", 2, ["nests more than 64 levels deep"]),
    ("yaml_aliases_nest_too_deep.yaml", 3, ["nests more than 64 levels deep"]),
    ("esc_byte_in_yaml.yaml", 8, ["ESC (U+001B) is not allowed", "1 more after it", "delete it"]),
    ("nul_byte_in_yaml.yaml", 8, ["NUL (U+0000) is not allowed"]),
    ("bom_in_the_middle.yaml", 8, ["byte-order mark (U+FEFF) in the middle", "delete it"]),
    ("source_leaves_raw.yaml", 2, ["source '../../", "'..' leaves raw/"]),
    ("source_absolute_path.yaml", 2, ["source '/etc/passwd': an absolute path"]),
    ("exact_empty.yaml", 10, ["'exact' is empty", "copy into it the words"]),
    ("occurrence_zero.yaml", 10, ["occurrence 0 is out of range", "matches 2 places", "1 to 2"]),
    ("occurrence_negative.yaml", 10, ["occurrence -1 is out of range", "1 to 2"]),
    ("occurrence_past_the_last.yaml", 10, ["occurrence 99 is out of range", "1 to 2"]),
]


@pytest.mark.parametrize("fixture, line, words", ARTICLE_CASES)
def test_article_problem_is_reported_where_it_is(tmp_path, fixture, line, words):
    root = corpus_with(tmp_path, article=fixture)
    corpus, problems = load_corpus(root)
    mine = [p for p in problems if Path(p.path).name == fixture]
    assert mine, f"no problem reported for {fixture}: {problems}"
    text = str(mine[0])
    assert mine[0].line == line, text
    for word in words:
        assert word in text
    # the sound article in the same directory still loads
    assert corpus.article("example") is not None
    # and nothing from outside the corpus found its way into a message
    assert "root:" not in " ".join(str(p) for p in problems)


def test_unsafe_tag_is_never_executed(tmp_path):
    marker = Path("/tmp/reader-pwned")
    marker.unlink(missing_ok=True)
    load_corpus(corpus_with(tmp_path, article="python_object_tag.yaml"))
    assert not marker.exists()


def test_block_text_must_match_its_raw_line(tmp_path):
    root = corpus_with(tmp_path, article="block_differs_from_raw.yaml", raw=True)
    _, problems = load_corpus(root)
    mine = [str(p) for p in problems if Path(p.path).name == "block_differs_from_raw.yaml"]
    assert any(":8:" in p and "differs from raw line 3" in p for p in mine), mine
    assert any("raw line 5 of example.txt" in p and "is in no block" in p for p in mine), mine


ENTITY_CASES = [
    ("entities_duplicate_id.yaml", 3, ["duplicate id", "rename"]),
    ("entities_unknown_type.yaml", 2, ["unknown type 'diplomat'", "person"]),
    ("entities_alias_twice.yaml", 3, ["alias 'Lavrov' already belongs to entity 'lavrov'"]),
    ("entities_missing_name.yaml", 2, ["missing field 'name'"]),
]


@pytest.mark.parametrize("fixture, line, words", ENTITY_CASES)
def test_catalogue_problem_is_reported_where_it_is(tmp_path, fixture, line, words):
    _, problems = load_corpus(corpus_with(tmp_path, entities=fixture))
    mine = [p for p in problems if Path(p.path).name == "entities.yaml"]
    assert mine, problems
    assert mine[0].line == line, str(mine[0])
    for word in words:
        assert word in str(mine[0])


def test_duplicate_article_ids_are_reported(tmp_path):
    root = corpus_with(tmp_path)
    shutil.copy(GOOD / "example.yaml", root / "example-copy.yaml")
    corpus, problems = load_corpus(root)
    assert len(corpus.articles) == 1
    assert any("article id 'example' is already used" in str(p) for p in problems)


def test_empty_directory_is_a_problem(tmp_path):
    corpus, problems = load_corpus(tmp_path)
    assert corpus.articles == ()
    messages = " ".join(str(p) for p in problems)
    assert "no article files" in messages and "no entity catalogue" in messages


def test_missing_directory_is_a_problem_not_a_crash(tmp_path):
    corpus, problems = load_corpus(tmp_path / "nowhere")
    assert corpus.articles == () and "not a directory" in str(problems[0])


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    root = corpus_with(tmp_path, article="unknown_entity_id.yaml")
    shutil.copy(PROBLEMS / "anchor_ambiguous.yaml", root / "anchor_ambiguous.yaml")
    shutil.copy(PROBLEMS / "date_not_iso.yaml", root / "date_not_iso.yaml")
    _, problems = load_corpus(root)
    names = {Path(p.path).name for p in problems}
    assert {"unknown_entity_id.yaml", "anchor_ambiguous.yaml", "date_not_iso.yaml"} <= names
