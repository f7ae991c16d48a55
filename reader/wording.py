"""How counts read in messages: "1 problem", "3 problems", "2 entities"."""


def counted(n: int, one: str, many: str | None = None) -> str:
    """`n` and the noun, plural unless `n` is 1 (`many` when the plural is not +s)."""
    return f"{n} {one if n == 1 else many or one + 's'}"
