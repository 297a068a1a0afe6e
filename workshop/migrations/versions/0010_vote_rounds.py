"""Voting rounds: each dot belongs to the voting step it was cast in

Revision ID: 0010_vote_rounds
Revises: 0009_story_votes
Create Date: 2026-12-05 06:10:00
"""
import json

import sqlalchemy as sa
from alembic import op

revision = '0010_vote_rounds'
down_revision = '0009_story_votes'
branch_labels = None
depends_on = None

#: The plan before steps were data: stories, practices, voting (index 2), results.
_OLD_VOTING_STEP = 2


def _first_voting_step(plan) -> int:
    if isinstance(plan, str):
        plan = json.loads(plan)
    steps = (plan or {}).get('steps') or []
    found = [i for i, step in enumerate(steps) if step.get('activity') == 'voting']
    return found[0] if found else _OLD_VOTING_STEP


def upgrade():
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('step_index', sa.Integer(), server_default=sa.text('0'), nullable=False)
        )
    # The dots cast so far belong to the plan's first voting step.
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            # No DISTINCT over the plan: PostgreSQL has no equality for json.
            'SELECT w.id, w.plan FROM workshops w'
            ' WHERE w.id IN (SELECT v.workshop_id FROM votes v)'
        )
    ).all()
    for workshop_id, plan in rows:
        bind.execute(
            sa.text('UPDATE votes SET step_index = :index WHERE workshop_id = :id'),
            {'index': _first_voting_step(plan), 'id': workshop_id},
        )


def downgrade():
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.drop_column('step_index')
