"""Voting rounds: each voting step's rules and state in voting's own table

The budget, the cap, self-votes, the hidden tally and the reveal leave the workshops row.
Every voting step of every workshop gets a round with the workshop's rules (a plan may
vote twice: both rounds start with them); the reveal goes to the rounds that have run.
The rules also stay in the plan (round_rules), as the rules of rounds a later edit adds.

Revision ID: 0011_voting_rounds
Revises: 0010_vote_rounds
Create Date: 2026-12-05 08:40:00
"""
import json

import sqlalchemy as sa
from alembic import op

revision = '0011_voting_rounds'
down_revision = '0010_vote_rounds'
branch_labels = None
depends_on = None

#: The plan before steps were data: stories, practices, voting (index 2), results.
_OLD_STEPS = ['stories', 'practices', 'voting', 'results']
_RULES = ('vote_budget', 'per_practice_cap', 'allows_self_votes', 'is_tally_hidden')


def _plan(plan):
    if isinstance(plan, str):
        plan = json.loads(plan)
    return dict(plan or {})


def _voting_steps(plan) -> list[int]:
    steps = [s.get('activity') for s in (plan.get('steps') or [])] or _OLD_STEPS
    return [i for i, activity in enumerate(steps) if activity == 'voting']


def _status(index, here, phase, closed):
    if here is None or index > here:
        return 'waiting'
    if index < here or closed:
        return 'closed'
    return 'open' if phase == 'voting' else 'closed'


def upgrade():
    op.create_table(
        'voting_rounds',
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('step_index', sa.Integer(), nullable=False),
        sa.Column('budget', sa.Integer(), nullable=True),
        sa.Column('per_item_cap', sa.Integer(), nullable=True),
        sa.Column('allows_self_votes', sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column('is_tally_hidden', sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column('status', sa.String(length=8), server_default='waiting', nullable=False),
        sa.Column('opened_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('revealed_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('waiting', 'open', 'closed')", name=op.f('ck_voting_rounds_known_status')
        ),
        sa.ForeignKeyConstraint(
            ['workshop_id'],
            ['workshops.id'],
            name=op.f('fk_voting_rounds_workshop_id_workshops'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('workshop_id', 'step_index', name=op.f('pk_voting_rounds')),
    )
    bind = op.get_bind()
    rounds = sa.table(
        'voting_rounds',
        sa.column('workshop_id', sa.Integer),
        sa.column('step_index', sa.Integer),
        sa.column('budget', sa.Integer),
        sa.column('per_item_cap', sa.Integer),
        sa.column('allows_self_votes', sa.Boolean),
        sa.column('is_tally_hidden', sa.Boolean),
        sa.column('status', sa.String),
        sa.column('revealed_at', sa.DateTime(timezone=True)),
    )
    workshops = sa.table(
        'workshops',
        sa.column('id', sa.Integer),
        sa.column('plan', sa.JSON),
        sa.column('phase', sa.String),
        sa.column('step_index', sa.Integer),
        sa.column('closed_at', sa.DateTime(timezone=True)),
        sa.column('vote_budget', sa.Integer),
        sa.column('per_practice_cap', sa.Integer),
        sa.column('allows_self_votes', sa.Boolean),
        sa.column('is_tally_hidden', sa.Boolean),
        sa.column('votes_revealed_at', sa.DateTime(timezone=True)),
    )
    # Typed columns: SQLite hands back its datetimes as text to a plain text query.
    query = sa.select(*workshops.c)
    for row in bind.execute(query).mappings().all():
        plan = _plan(row['plan'])
        plan['round_rules'] = {name: row[name] for name in _RULES}
        plan['round_rules']['allows_self_votes'] = bool(row['allows_self_votes'])
        plan['round_rules']['is_tally_hidden'] = bool(row['is_tally_hidden'])
        bind.execute(workshops.update().where(workshops.c.id == row['id']).values(plan=plan))
        here = row['step_index']
        for index in _voting_steps(plan):
            status = _status(index, here, row['phase'], row['closed_at'] is not None)
            bind.execute(
                rounds.insert().values(
                    workshop_id=row['id'],
                    step_index=index,
                    budget=row['vote_budget'],
                    per_item_cap=row['per_practice_cap'],
                    allows_self_votes=bool(row['allows_self_votes']),
                    is_tally_hidden=bool(row['is_tally_hidden']),
                    status=status,
                    revealed_at=row['votes_revealed_at'] if status != 'waiting' else None,
                )
            )
    # Dropped in place (SQLite >= 3.35 and PostgreSQL alike), not by a batch copy: on
    # SQLite a batch drops and remakes the workshops table, and with foreign keys on,
    # dropping it would cascade to every participant, story and dot.
    for column in ('votes_revealed_at', 'is_tally_hidden', 'allows_self_votes',
                   'per_practice_cap', 'vote_budget'):
        op.execute(f'ALTER TABLE workshops DROP COLUMN {column}')


def downgrade():
    # Added in place, not by a batch copy (see upgrade).
    op.add_column('workshops', sa.Column('vote_budget', sa.Integer(), nullable=True))
    op.add_column('workshops', sa.Column('per_practice_cap', sa.Integer(), nullable=True))
    op.add_column(
        'workshops',
        sa.Column('allows_self_votes', sa.Boolean(), server_default=sa.true(), nullable=False),
    )
    op.add_column(
        'workshops',
        sa.Column('is_tally_hidden', sa.Boolean(), server_default=sa.true(), nullable=False),
    )
    op.add_column(
        'workshops', sa.Column('votes_revealed_at', sa.DateTime(timezone=True), nullable=True)
    )
    # One set of rules per workshop again: the round that counts (the last one run, else
    # the first to come).
    bind = op.get_bind()
    query = sa.text(
        'SELECT w.id, w.step_index, r.step_index AS round, r.budget, r.per_item_cap,'
        ' r.allows_self_votes, r.is_tally_hidden, r.revealed_at'
        ' FROM workshops w JOIN voting_rounds r ON r.workshop_id = w.id'
        ' ORDER BY w.id, r.step_index'
    )
    chosen = {}
    for row in bind.execute(query).mappings().all():
        here = -1 if row['step_index'] is None else row['step_index']
        if row['id'] not in chosen or row['round'] <= here:
            chosen[row['id']] = row
    for workshop_id, row in chosen.items():
        bind.execute(
            sa.text(
                'UPDATE workshops SET vote_budget = :budget, per_practice_cap = :cap,'
                ' allows_self_votes = :self_votes, is_tally_hidden = :hidden,'
                ' votes_revealed_at = :revealed WHERE id = :id'
            ),
            {
                'budget': row['budget'],
                'cap': row['per_item_cap'],
                'self_votes': row['allows_self_votes'],
                'hidden': row['is_tally_hidden'],
                'revealed': row['revealed_at'],
                'id': workshop_id,
            },
        )
    op.drop_table('voting_rounds')
