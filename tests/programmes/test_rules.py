"""The programme's two small rules on their own: no breakdown of fewer than 5 people, and
candidates for recurring practices by shared words."""

from __future__ import annotations

from workshop.programmes import privacy, recurring
from workshop.programmes.privacy import OTHERS, Told


def _group(first_id: int, people: list[int], agency: int = 3) -> list[Told]:
    return [Told(first_id + n, person, agency) for n, person in enumerate(people)]


def test_groups_of_five_people_stand_alone_and_smaller_ones_are_pooled():
    groups = {
        "a": _group(0, [1, 2, 3, 4, 5]),
        "b": _group(100, [6, 7, 8, 9, 10, 11]),
        "c": _group(200, [12, 13, 14]),
        "d": _group(300, [15, 16]),
    }
    shown = privacy.breakdown(groups)
    assert list(shown) == ["a", "b", OTHERS]
    assert len(shown[OTHERS]) == 5  # c and d: five people together


def test_too_small_others_take_the_smallest_group_along():
    # Four stories by one person each cannot stand alone: "d" (3 people) is pooled, and
    # the pool would still be 3, so "a" (5 people, the smallest) joins it.
    groups = {"a": _group(0, [1, 2, 3, 4, 5]), "b": _group(100, list(range(6, 14)))}
    groups["d"] = _group(200, [20, 21, 22])
    shown = privacy.breakdown(groups)
    assert list(shown) == ["b", OTHERS] and len(shown[OTHERS]) == 8


def test_many_stories_of_few_people_are_still_few_people():
    one_person = _group(0, [7] * 40)
    assert privacy.breakdown({"a": one_person}) is None
    assert privacy.breakdown({"a": one_person, "b": _group(100, [1, 2, 3])}) is None
    # Five people in all: shown as one group only, the others, never one person's.
    shown = privacy.breakdown({"a": one_person, "b": _group(100, [1, 2, 3, 4])})
    assert list(shown) == [OTHERS]


def test_a_story_in_two_small_groups_counts_once_in_the_others():
    story = Told(1, 1, 5)
    groups = {
        "x": [story, *_group(10, [2, 3])],
        "y": [story, *_group(20, [4, 5])],
        "z": _group(30, [6, 7, 8, 9, 10]),
    }
    shown = privacy.breakdown(groups)
    assert sorted(s.story_id for s in shown[OTHERS]) == [1, 10, 11, 20, 21]


def test_the_distribution_uses_the_one_rounding_rule():
    figures = privacy.distribution([Told(n, n, a) for n, a in enumerate([4, 4, 4, 5])])
    assert figures == {"count": 4, "mean": 4.3, "distribution": [0, 0, 0, 3, 1]}


def test_words_lose_case_stop_words_and_endings():
    # "annetaan", "ja" and "aina" are stop words.
    assert recurring.words("Alennus annetaan iloisesti ja aina") == {"alenn", "ilois"}
    assert recurring.words("Kassa antaa ALENNUKSEN iloisesti") == {
        "kassa",
        "antaa",
        "alenn",
        "ilois",
    }
    assert recurring.words("The customer gets the discount") == {"custo", "gets", "disco"}
    assert recurring.words("1234 -- !!") == frozenset()


def test_candidates_are_alike_pairs_of_different_workshops_not_grouped_yet():
    practices = [
        {"id": 1, "workshop_id": 1, "title": "Alennus annetaan iloisesti"},
        {"id": 2, "workshop_id": 2, "title": "Kassa antaa alennuksen iloisesti"},
        {"id": 3, "workshop_id": 1, "title": "Alennus annetaan iloisesti heti"},
        {"id": 4, "workshop_id": 3, "title": "Chat vastaa"},
    ]
    found = recurring.suggestions(practices, {})
    # 1 ~ 2: {alenn, ilois} of {alenn, ilois, kassa, antaa}, 0.5; 2 ~ 3: 2 of 5, 0.4.
    assert [(s["practice_ids"], s["score"]) for s in found] == [([1, 2], 0.5), ([2, 3], 0.4)]
    assert all(s["score"] >= recurring.THRESHOLD for s in found)
    assert [1, 3] not in [s["practice_ids"] for s in found]  # one workshop
    grouped = {1: 1, 2: 1}
    assert [1, 2] not in [s["practice_ids"] for s in recurring.suggestions(practices, grouped)]


def test_groups_are_what_the_links_join():
    links = [(1, 2), (2, 3), (5, 6), (7, 8)]
    assert recurring.groups(links, {1, 2, 3, 5, 6, 7}) == [[1, 2, 3], [5, 6]]
