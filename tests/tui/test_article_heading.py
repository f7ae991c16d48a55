"""The article heading names the outlet, the date and, when known, the address."""

from reader.model import Article
from reader.tui import display as fmt


def article(url: str | None) -> Article:
    return Article("a", "a.txt", "Levant Daily", "Title", "2016-09-19", "Text", (), url=url)


def test_heading_shows_the_url_literally():
    heading = fmt.article_heading(article("https://x.example/[b]story[/b]"))
    assert heading.plain == "Levant Daily · 2016-09-19 · https://x.example/[b]story[/b]"


def test_heading_without_url_is_outlet_and_date():
    assert fmt.article_heading(article(None)).plain == "Levant Daily · 2016-09-19"
