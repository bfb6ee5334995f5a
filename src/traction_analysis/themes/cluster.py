"""TF-IDF vectors and a deterministic spherical k-means over them, in plain Python.

Sparse vectors are dicts (term -> weight), L2-normalised, so a dot product is a cosine. Nothing here
depends on hash order: every choice is made by sorted keys or by index, so the same input always gives the
same clusters.
"""

from __future__ import annotations

import math
from collections import Counter

Vector = dict[str, float]
MAX_ITERATIONS = 30


def tfidf(documents: list[Counter[str]]) -> list[Vector]:
    df: Counter[str] = Counter()
    for counts in documents:
        df.update(counts.keys())
    n = len(documents)
    idf = {term: math.log((1 + n) / (1 + count)) + 1.0 for term, count in df.items()}
    return [_normalised({t: (1.0 + math.log(c)) * idf[t] for t, c in counts.items()}) for counts in documents]


def _normalised(vector: Vector) -> Vector:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in sorted(vector.items())} if norm else {}


def dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def choose_k(n: int) -> int:
    """About one group per two to three fragments' square root: 6 for 48 fragments, 12 at most."""
    return max(1, min(12, n, round(math.sqrt(n / 1.5))))


def _centroid(vectors: list[Vector], members: list[int]) -> Vector:
    total: dict[str, float] = {}
    for i in members:
        for t, w in vectors[i].items():
            total[t] = total.get(t, 0.0) + w
    return _normalised(total)


def _seeds(vectors: list[Vector], k: int) -> list[int]:
    """Central but distinct fragments: the most central first, then the one that best trades centrality
    against its similarity to the seeds already chosen (ties by position)."""
    mean = _centroid(vectors, list(range(len(vectors))))
    centrality = [dot(v, mean) for v in vectors]
    seeds = [max(range(len(vectors)), key=lambda i: (centrality[i], -i))]
    closest = [dot(v, vectors[seeds[0]]) for v in vectors]
    while len(seeds) < k:
        best = max(
            (i for i in range(len(vectors)) if i not in seeds),
            key=lambda i: ((centrality[i] + 0.05) * (1.0 - closest[i]), -i),
        )
        if closest[best] >= 0.999:  # everything left duplicates a seed
            break
        seeds.append(best)
        closest = [max(c, dot(v, vectors[best])) for c, v in zip(closest, vectors, strict=True)]
    return seeds


def _assign(vectors: list[Vector], centres: list[Vector]) -> list[int]:
    """The closest centre of each vector; one that shares no word with any centre stands alone."""
    labels = []
    for i, v in enumerate(vectors):
        similarity, best = max((dot(v, centre), -c) for c, centre in enumerate(centres))
        labels.append(-best if similarity > 0 else len(centres) + i)
    return labels


def kmeans(vectors: list[Vector], k: int) -> list[list[int]]:
    """Groups of indices into ``vectors`` (each non-empty), in order of their first member."""
    if not vectors:
        return []
    centres = [vectors[i] for i in _seeds(vectors, k)]
    labels = _assign(vectors, centres)
    for _ in range(MAX_ITERATIONS):
        groups = _groups(labels)
        current = [0] * len(vectors)
        for g, members in enumerate(groups):
            for i in members:
                current[i] = g
        new = _assign(vectors, [_centroid(vectors, members) for members in groups])
        if new == current:
            break
        labels = new
    return _groups(labels)


def _groups(labels: list[int]) -> list[list[int]]:
    by_label: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        by_label.setdefault(label, []).append(index)
    return sorted(by_label.values(), key=lambda members: members[0])
