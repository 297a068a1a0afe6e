"""The agency pulse in a programme, from real answers: each workshop's latest figure and
its change since the team's earlier workshop, on the page, the report and the CSV; no
figure from fewer than 5 answers."""

from __future__ import annotations

from tests.conftest import login
from tests.pulse.helpers import fresh, pulse_room, rate_all
from workshop.designs import services as designs
from workshop.participants import services as participants
from workshop.programmes import report, services
from workshop.pulse import services as pulse
from workshop.workshops import services as workshops


def _spring_and_autumn(owner_id: int):
    """Spring: 6 people rate the first statement 2. Autumn (a follow-up): 6 rate it 4;
    the second statement gets only 4 answers."""
    spring, people = pulse_room(owner_id, 6, title="Myymälä A, kevät")
    rate_all(people, [[2, 3, 3, 1]] * 6)
    pulse.reveal(owner_id, spring.id)
    autumn = designs.start_workshop(owner_id, "Myymälä A, syksy", "fi", follows=spring.id)
    later = [participants.join(autumn.code, f"Syksy {n}")[0].id for n in range(6)]
    workshops.change_phase(owner_id, autumn.id, "pulse")
    for n, person in enumerate(later):
        pulse.answer(person, 0, 4)
        if n < 4:
            pulse.answer(person, 1, 5)
    pulse.reveal(owner_id, autumn.id)
    other, third = pulse_room(owner_id, 5, title="Myymälä B")
    rate_all(third, [[3, 3, 3, 3]] * 5)
    pulse.reveal(owner_id, other.id)
    programme = services.create_programme(owner_id, "Kauppaketju X, 2027")
    for made in (spring, autumn, other):
        services.add_workshop(owner_id, programme.id, made.id)
    return programme, fresh(autumn.id)


def test_a_follow_ups_pulse_changes_from_the_teams_earlier_workshop(ctx, facilitator):
    programme, _autumn = _spring_and_autumn(facilitator.id)
    data = report.report(programme)
    assert data["has_pulse"] is True
    by_title = {w["title"]: w["pulse"] for w in data["workshops"]}
    first, second = by_title["Myymälä A, syksy"][:2]
    assert (first["mean"], first["first_mean"], first["change"], first["answers"]) == (
        4.0,
        2.0,
        2.0,
        6,
    )
    assert (second["mean"], second["change"], second["answers"]) == (None, None, 4)
    spring = by_title["Myymälä A, kevät"][0]
    assert (spring["mean"], spring["change"]) == (2.0, None)  # one round: no change
    assert by_title["Myymälä B"][0]["mean"] == 3.0


def test_the_page_and_the_csv_show_the_change(app, client, facilitator):
    with app.app_context():
        programme, _autumn = _spring_and_autumn(facilitator.id)
        pid = programme.id
    login(client, facilitator.email)
    for path in (f"/programmes/{pid}", f"/programmes/{pid}/export.html"):
        html = client.get(path).get_data(as_text=True)
        assert "+2,0" in html and "aiemmin 2,0" in html, path
    text = client.get(f"/programmes/{pid}/export.csv").get_data(as_text=True)
    assert "Myymälä A, syksy" in text and "+2,0" in text
