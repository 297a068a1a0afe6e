"""The phase state machine."""

import pytest

from workshop.errors import PhaseTransitionNotAllowed
from workshop.workshops.models import TRANSITIONS, Phase, Workshop


def _workshop(phase: Phase) -> Workshop:
    return Workshop(code="ABCDEF", title="t", language="fi", phase=phase, seq=3, owner_id=1)


def test_lobby_can_close_and_closing_stamps_time_and_leaves_the_seq_to_the_write_path():
    workshop = _workshop(Phase.LOBBY)
    workshop.move_to(Phase.CLOSED)
    assert workshop.phase is Phase.CLOSED
    assert workshop.closed_at is not None
    assert workshop.seq == 3  # writes.change() bumps it once for the whole change
    assert not workshop.is_open


@pytest.mark.parametrize("start, target", [(Phase.CLOSED, Phase.LOBBY), (Phase.LOBBY, Phase.LOBBY)])
def test_disallowed_moves_raise_and_change_nothing(start, target):
    workshop = _workshop(start)
    with pytest.raises(PhaseTransitionNotAllowed):
        workshop.move_to(target)
    assert workshop.phase is start
    assert workshop.seq == 3


def test_every_phase_has_a_transition_rule():
    assert set(TRANSITIONS) == set(Phase)
