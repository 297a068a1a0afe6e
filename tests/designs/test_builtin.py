"""The built-in template's example stories, told as they happened (issue 10, section 9), and
the lenses' questions that phones show while people write."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from tests.conftest import story
from workshop.designs import services as designs
from workshop.designs.builtin_content import CONTENT
from workshop.errors import ValidationFailed
from workshop.realtime import Audience
from workshop.stories import lenses
from workshop.stories import services as stories
from workshop.workshops import plan, state
from workshop.workshops.services import Viewer


def _stories_step(language: str) -> dict:
    (step,) = [s for s in CONTENT[language]["steps"] if s["activity"] == "stories"]
    return step


def _text(example: dict) -> str:
    parts = ("title", "happened", "staff_did", "manner", "could_do", "place", "reading")
    return " ".join(example.get(part) or "" for part in parts).lower()


def _the(language: str, *words: str) -> dict:
    """The one example whose text has all these words."""
    (found,) = [e for e in CONTENT[language]["examples"] if all(w in _text(e) for w in words)]
    return found


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_examples_span_the_whole_scale_and_pass_the_design_rules(ctx, language):
    examples = CONTENT[language]["examples"]
    assert {e["agency"] for e in examples} == {1, 2, 3, 4, 5}
    assert sum(e["agency"] <= 2 for e in examples) >= 2  # the object side, not one token
    clean = designs.clean_design(designs.builtin_design(language))
    assert len(clean["examples"]) == len(examples)


def test_both_languages_tell_the_same_stories(ctx):
    fi, en = CONTENT["fi"]["examples"], CONTENT["en"]["examples"]
    assert [(e["agency"], e["channel"]) for e in fi] == [(e["agency"], e["channel"]) for e in en]
    assert [bool(e.get("manner")) for e in fi] == [bool(e.get("manner")) for e in en]


def test_the_tesla_seller_talked_like_the_companys_principal_owner():
    en = _the("en", "tesla", "san jose")
    assert "principal owner" in _text(en) and "we're coming out" in _text(en)
    assert "founder" in _text(en) and "vision" in _text(en)
    assert "charge" not in _text(en) and "neighbour" not in _text(en)
    fi = _the("fi", "tesla", "san jose")
    assert "pääomistaja" in _text(fi) and "perustaja" in _text(fi) and "visio" in _text(fi)
    assert "lataa" not in _text(fi) and "naapuri" not in _text(fi)
    assert fi["agency"] == en["agency"] == 5


def test_the_lexington_avenue_hotel_answered_a_thank_you_as_from_the_lobby():
    en = _the("en", "lexington avenue", "balcony")
    assert "thank" in _text(en) and "tweet" in _text(en) and "lobby" in _text(en)
    assert "complaint" not in _text(en) and "cold" not in _text(en)
    assert en["channel"] == "social"
    fi = _the("fi", "lexington avenue", "parvekkeelta")
    assert "kiito" in _text(fi) and "twiit" in _text(fi) and "aulassa" in _text(fi)
    assert "valitu" not in _text(fi) and "kylmä" not in _text(fi)


def test_the_scarf_seller_said_no_discount_then_gave_the_one_the_till_found_gladly():
    en = _the("en", "scarf")
    assert "there was none" in _text(en) and "till found a discount" in _text(en)
    assert "gladly" in _text(en)
    fi = _the("fi", "huivi")
    assert "ettei siihen ole alennusta" in _text(fi) and "kassa löysi" in _text(fi)
    assert "mielellään" in _text(fi)


def test_the_bus_ticket_with_two_rides_left_and_the_cheerful_driver():
    en = _the("en", "bus", "cheerfully")
    assert "two rides left" in _text(en) and "stamping machine" in _text(en)
    assert "cheerfully waved me to a seat" in _text(en) and "card" not in _text(en)
    fi = _the("fi", "kaupunkibussi")
    assert "kaksi matkaa jäljellä" in _text(fi) and "leimauslaite" in _text(fi)
    assert "iloisesti" in _text(fi)


def test_the_loyalty_card_title_reads_as_the_issue_asks():
    assert CONTENT["fi"]["examples"][0]["title"] == (
        "Myyjä lainasi kanta-asiakaskortin jonon seuraavalta"
    )


@pytest.mark.parametrize("language", ["fi", "en"])
def test_every_seed_story_has_its_by_the_rule_moment(language):
    rule = {"fi": "sään", "en": "rule"}[language]  # sääntö, säännön
    for example in CONTENT[language]["examples"]:
        if example["agency"] >= 4:  # the object-side ones are the rule's moment itself
            assert rule in example["reading"].lower(), example["title"]


def test_examples_carry_how_it_was_said_to_the_screens(ctx):
    examples = CONTENT["en"]["examples"]
    assert sum(bool(e.get("manner")) for e in examples) >= len(examples) - 1
    drawn = plan.example_json(_the("en", "scarf"), 2)
    assert drawn["manner_html"] == f"<p>{_the('en', 'scarf')['manner']}</p>"


@pytest.mark.parametrize("language", ["fi", "en"])
def test_every_built_in_lens_asks_its_question(ctx, language):
    with force_locale(language):
        design = designs.builtin_design(language)
    assert list(design["lens_questions"]) == design["lenses"]
    assert all(q.endswith("?") for q in design["lens_questions"].values())
    if language == "fi":
        first = design["lens_questions"]["Asenne kohtaamisessa"]
        assert first == "Miten sinut kohdattiin: mitä sanottiin ja miten se sanottiin?"


def test_a_workshop_from_the_template_gives_phones_its_lens_questions(app, facilitator, join):
    with app.test_request_context():
        made = designs.start_workshop(facilitator.id, "Kevät", "fi")
        workshop_id, code = made.id, made.code
        questions = designs.builtin_lens_questions("fi")
    participant_id, _ = join(code, "Liisa")
    with app.test_request_context():
        phone = Viewer(workshop_id, Audience.PARTICIPANTS, participant_id=participant_id)
        shown = state.snapshot(phone)["lenses"]
        assert [(lens["name"], lens["question"]) for lens in shown] == list(questions.items())

        # A renamed lens keeps its question; a new one has none; a deleted one takes it along.
        first = lenses.lenses_of(workshop_id)[0]
        lenses.rename_lens(facilitator.id, first.id, "Kohtaamisen asenne")
        added = lenses.add_lens(facilitator.id, workshop_id, "Nopeus")
        shown = {lens["name"]: lens["question"] for lens in state.snapshot(phone)["lenses"]}
        assert shown["Kohtaamisen asenne"] == questions["Asenne kohtaamisessa"]
        assert shown["Nopeus"] is None
        lenses.delete_lens(facilitator.id, first.id)
        assert "Kohtaamisen asenne" not in lenses.lens_questions(added.workshop)
        # The design saved from it carries the questions of the lenses it has now.
        design = designs.design_of(added.workshop)
        assert design["lens_questions"] == dict(list(questions.items())[1:])


def test_lens_questions_are_checked_like_every_design_field(ctx):
    design = {
        "name": "Pohja",
        "language": "fi",
        "lenses": ["Nopeus"],
        "lens_questions": {"Nopeus": "  Kuinka  nopeasti? ", "Ei linssi": "Pois"},
    }
    assert designs.clean_design(design)["lens_questions"] == {"Nopeus": "Kuinka nopeasti?"}
    design["lens_questions"] = {"Nopeus": "x" * (designs.LENS_QUESTION_MAX + 1)}
    with pytest.raises(ValidationFailed) as refused:
        designs.clean_design(design)
    assert set(refused.value.fields) == {"lens_questions.0"}


def test_examples_with_a_manner_pass_the_story_rules(ctx, room):
    example = {k: v for k, v in _the("fi", "huivi").items() if k != "reading"}
    posted, _ = stories.post_story(room.liisa[0], story(**example), "ex-1")
    assert posted.manner == example["manner"]


def test_the_stories_phase_asks_how_it_was_said_too():
    """The first lesson: the words mattered less than how they were said."""
    assert "miten se sanottiin" in _stories_step("fi")["phone"]
    assert "how it was said" in _stories_step("en")["phone"]
