"""Practices that recur across teams: the groups a facilitator's links make, and candidates
to link, found by the words two practices share.

The candidates are only suggestions for a person to confirm, so the measure is simple:
each title becomes a set of words (lower case, Finnish and English stop words out, each
word cut to its first ``STEM`` letters, a crude stem that lets "asiakas" meet "asiakkaan"
and "discount" meet "discounts"), and two practices of two different workshops are a
candidate when the Jaccard index of their sets (shared words / all words) is at least
``THRESHOLD``. Only pairs that share a word are ever compared.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any

#: Letters kept of each word: Finnish inflects the end of a word, English less so.
STEM = 5
#: The least Jaccard index of a candidate pair.
THRESHOLD = 0.3
#: The most candidates offered at once (the best first).
SUGGESTIONS_MAX = 30

_STOP_WORDS = """
    ja tai sekä eli mutta vaan kun jos niin kuin että jotta koska vaikka myös vain jo vielä
    aina nyt sitten siis on ovat oli olla ole ei emme eivät en et se ne sen sitä siitä siihen
    siinä niin näin tämä tuo nämä nuo tässä tästä tähän me te he hän minä sinä meidän teidän
    heidän hänen meille heille hänelle joka jotka mikä mitkä mitä mistä missä mihin kuka ketä
    kaikki kaikkia jokainen joka jokin mitään muu muut muuta toinen toiset yksi kaksi ennen
    jälkeen ilman kanssa mukaan asti saakka kohti yli alle luona takia vuoksi voi voimme voidaan
    saa saada saamme pitää täytyy tulee annetaan tehdään otetaan yhä aivan hyvin paljon
    the a an and or but nor so yet to of in on at by for with from into onto about over under
    is are was were be been being am do does did done have has had we our ours us they their
    them it its this that these those as not no can could will would shall should may might
    must when if then than each every all any some more most less least own same other such
    who whom whose which what where why how there here out up down off again further once
    your you he she his her him i my me also just only very too without within before after
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[^\W\d_]+")


def words(text: str) -> frozenset[str]:
    """Return a title's word set: lower case, no stop words, each cut to STEM letters."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return frozenset(
        word[:STEM] for word in _WORD.findall(folded) if len(word) > 2 and word not in STOP_WORDS
    )


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Return shared words over all words (0 for two empty sets)."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def groups(links: Iterable[tuple[int, int]], present: set[int]) -> list[list[int]]:
    """Return the groups the links make (practices joined directly or through others), each
    sorted, the group of the lowest id first; practices not ``present`` are left out."""
    parent: dict[int, int] = {}

    def root(item: int) -> int:
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for a, b in links:
        if a in present and b in present:
            parent[root(a)] = root(b)
    members: dict[int, list[int]] = defaultdict(list)
    for item in parent:
        members[root(item)].append(item)
    return sorted((sorted(group) for group in members.values() if len(group) > 1), key=min)


def suggestions(
    practices: Sequence[Mapping[str, Any]], grouped: Mapping[int, int]
) -> list[dict[str, Any]]:
    """Return candidate pairs to link, the most alike first (then by id), at most
    SUGGESTIONS_MAX: practices (each with ``id``, ``workshop_id`` and ``title``) of two
    different workshops whose titles' word sets have a Jaccard index of at least
    THRESHOLD, and that are not in one group already (``grouped``: practice id -> its
    group's number).

    Teams of one client propose alike practices, often word for word, so the index is
    worked out once per pair of distinct word sets, and those pairs are turned into pairs
    of practices, best first, only until enough are found."""
    holders: dict[frozenset[str], list[Mapping[str, Any]]] = defaultdict(list)
    for practice in sorted(practices, key=lambda p: p["id"]):
        word_set = words(practice["title"])
        if word_set:
            holders[word_set].append(practice)
    sets = list(holders)
    having: dict[str, list[int]] = defaultdict(list)
    for index, word_set in enumerate(sets):
        for word in word_set:
            having[word].append(index)
    pairs: set[tuple[int, int]] = {(index, index) for index in range(len(sets))}
    for indexes in having.values():
        pairs.update(combinations(indexes, 2))
    by_score: dict[float, list[tuple[int, int]]] = defaultdict(list)
    for i, j in pairs:
        score = round(jaccard(sets[i], sets[j]), 2)
        if score >= THRESHOLD:
            by_score[score].append((i, j))
    found: list[dict[str, Any]] = []
    for score in sorted(by_score, reverse=True):
        level = []
        for i, j in by_score[score]:
            shared = sorted(sets[i] & sets[j])
            for a, b in _practice_pairs(holders[sets[i]], holders[sets[j]], i == j):
                if a["workshop_id"] == b["workshop_id"]:
                    continue
                if a["id"] in grouped and grouped.get(b["id"]) == grouped[a["id"]]:
                    continue
                ids = sorted([a["id"], b["id"]])
                level.append({"practice_ids": ids, "score": score, "words": shared})
        found += sorted(level, key=lambda pair: pair["practice_ids"])
        if len(found) >= SUGGESTIONS_MAX:
            break
    return found[:SUGGESTIONS_MAX]


def _practice_pairs(
    ones: Sequence[Mapping[str, Any]], others: Sequence[Mapping[str, Any]], same: bool
) -> Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    if same:
        return combinations(ones, 2)
    return ((a, b) for a in ones for b in others)
