from reader.wording import counted


def test_counts_read_as_english():
    assert counted(1, "problem") == "1 problem"
    assert counted(0, "problem") == "0 problems"
    assert counted(2, "entity", "entities") == "2 entities"
    assert counted(1, "match", "matches") == "1 match"
