"""The phase state machine."""

import pytest

from workshop.errors import PhaseTransitionNotAllowed
from workshop.workshops.models import Phase, Workshop


def _workshop(phase: Phase) -> Workshop:
    return Workshop(code="ABCDEF", title="t", language="fi", phase=phase, seq=3, owner_id=1)


def test_lobby_can_close_and_closing_stamps_time_and_leaves_the_seq_to_the_write_path():
    workshop = _workshop(Phase.LOBBY)
    workshop.move_to(Phase.CLOSED)
    assert workshop.phase == Phase.CLOSED
    assert workshop.closed_at is not None
    assert workshop.seq == 3  # writes.change() bumps it once for the whole change
    assert not workshop.is_open


@pytest.mark.parametrize("start, target", [(Phase.CLOSED, Phase.LOBBY), (Phase.LOBBY, Phase.LOBBY)])
def test_disallowed_moves_raise_and_change_nothing(start, target):
    workshop = _workshop(start)
    with pytest.raises(PhaseTransitionNotAllowed):
        workshop.move_to(target)
    assert workshop.phase == start
    assert workshop.seq == 3


def test_the_moves_come_from_the_plans_steps():
    workshop = _workshop(Phase.LOBBY)
    workshop.plan = {"steps": [{"activity": "stories"}, {"activity": "voting"}]}
    assert workshop.next_phases == ["stories", "closed"]
    workshop.move_to("stories")
    assert (workshop.phase, workshop.step_index) == ("stories", 0)
    assert workshop.next_phases == ["lobby", "voting", "closed"]
    with pytest.raises(PhaseTransitionNotAllowed):
        workshop.move_to("practices")  # not in this plan
    workshop.move_to("voting")
    assert workshop.next_phases == ["stories", "closed"]


def test_two_steps_of_one_activity_are_told_apart_by_their_index():
    workshop = _workshop(Phase.LOBBY)
    steps = ["voting", "stories", "voting"]
    workshop.plan = {"steps": [{"activity": key} for key in steps]}
    workshop.move_to("voting")
    workshop.move_to("stories")
    assert workshop.step_index == 1
    with pytest.raises(PhaseTransitionNotAllowed):
        workshop.move_to("voting", 0 + 3)  # no such neighbour
    workshop.move_to("voting", 2)
    assert (workshop.phase, workshop.step_index) == ("voting", 2)
    workshop.move_to(Phase.CLOSED)
    assert workshop.next_phases == [] and not workshop.is_open
