"""Grouping linked statements into claims for the coverage view.

Joining every chain of links (single linkage) lets one loose link merge two claims,
and on a corpus about one story everything ends up in one cluster. So clusters are
grown from the strongest links down, and two clusters merge only when they are
cohesive: a good share of the cross-article pairs between them are linked. This is
average linkage over the link graph, done incrementally so it stays near-linear in the
number of links.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence

from reader.xref.settings import DEFAULT_SETTINGS

PROGRESS_EVERY = 4096  # links


def cohesive_clusters(
    scores: dict[tuple[int, int], float],
    article_of: Sequence[Hashable] | Mapping[int, Hashable],
    min_cohesion: float = DEFAULT_SETTINGS.min_cohesion,
    progress: Callable[[int, int], None] | None = None,
) -> list[list[int]]:
    """Groups of statement indices; `scores` holds the linked pairs (i < j).

    `min_cohesion`: the share of the cross-article pairs between two clusters that
    must be linked for them to merge (measured on tests/devset/claims.yaml).

    `article_of` gives each statement's article (any hashable id), so that a claim
    carried by one article only is left out. `progress(done, total)` is called now
    and then with the links looked at.
    """
    cluster_of: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    articles: dict[int, Counter[Hashable]] = {}
    # links[a][b]: how many links join cluster a and cluster b
    links: dict[int, Counter[int]] = defaultdict(Counter)
    for pair in scores:
        for i in pair:
            if i not in cluster_of:
                cluster_of[i] = i
                members[i] = [i]
                articles[i] = Counter({article_of[i]: 1})
    for i, j in scores:
        links[i][j] += 1
        links[j][i] += 1

    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    for done, ((i, j), _) in enumerate(ranked):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, len(ranked))
        a, b = cluster_of[i], cluster_of[j]
        if a == b:
            continue
        if _cohesion(a, b, members, articles, links) < min_cohesion:
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for k in members[b]:
            cluster_of[k] = a
        members[a].extend(members.pop(b))
        articles[a].update(articles.pop(b))
        for other, count in links.pop(b).items():
            links[other].pop(b, None)
            if other != a:
                links[a][other] += count
                links[other][a] += count
        links[a].pop(a, None)
    # a claim carried by one article only is not a cross-outlet claim
    return [sorted(group) for root, group in members.items() if len(articles[root]) > 1]


def _cohesion(a: int, b: int, members, articles, links) -> float:
    # Over the cluster with fewer articles: a claim carried by hundreds of articles is
    # met again and again as the small ones join it one by one.
    small, large = sorted((articles[a], articles[b]), key=len)
    same_article = sum(n * large.get(art, 0) for art, n in small.items())
    cross = len(members[a]) * len(members[b]) - same_article
    return links[a][b] / cross if cross else 0.0
