"""The built-in pulse's statements, in each language: what a new pulse step starts with.

Each says something a team can see in its own work when the customer is a subject, not an
object: they act without asking leave, a rule bends for them, every channel serves them
alike, they know where their matter stands. The two languages say the same things.
"""

from __future__ import annotations

STATEMENTS: dict[str, tuple[str, ...]] = {
    "fi": (
        "Asiakkaamme voi hoitaa asiansa ilman että hänen tarvitsee pyytää meiltä lupaa.",
        "Kun sääntö on asiakkaan tiellä, työntekijämme saa itse päättää, miten asia hoidetaan.",
        "Asiakas saa meiltä yhtä hyvää palvelua, tuli hän paikan päälle, soitti tai asioi "
        "verkossa.",
        "Asiakas tietää koko ajan, missä hänen asiansa menee ja mitä hän voi itse tehdä "
        "seuraavaksi.",
    ),
    "en": (
        "Our customer can get things done without having to ask us for permission.",
        "When a rule stands in the customer's way, our staff may decide for themselves how to "
        "sort it out.",
        "Our customer is served as well whether they come in person, call us or deal with us "
        "online.",
        "Our customer always knows where their matter stands and what they can do next themselves.",
    ),
}
