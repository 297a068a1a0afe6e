"""The plan as a list of steps: a workshop knows which step it is in

Revision ID: 0006_steps
Revises: 0005_room
Create Date: 2026-12-04 22:45:00

Plans and templates stored "phases" (the lobby and the four built-in phases, each
with its texts and minutes); they now store "lobby" and "steps" (a list, each step
naming its activity). Workshops get step_index (None in the lobby) from their phase;
the timer remembers its step. The phase columns keep their values: an activity's key.
"""
import json

import sqlalchemy as sa
from alembic import op

revision = '0006_steps'
down_revision = '0005_room'
branch_labels = None
depends_on = None

#: The built-in flow, as it was before steps.
FLOW = ('stories', 'practices', 'voting', 'results')


def _as_steps(plan):
    phases = plan.pop('phases', None) or {}
    plan.setdefault('lobby', phases.get('lobby') or {})
    plan.setdefault('steps', [{'activity': key, **(phases.get(key) or {})} for key in FLOW])
    return plan


def _as_phases(plan):
    steps = plan.pop('steps', None) or []
    phases = {'lobby': plan.pop('lobby', None) or {}}
    for step in steps:
        texts = {k: v for k, v in step.items() if k != 'activity'}
        phases.setdefault(step['activity'], texts)
    plan['phases'] = phases
    return plan


def _load(value):
    if value is None:
        return None
    return json.loads(value) if isinstance(value, str) else value


def _rewrite(convert):
    connection = op.get_bind()
    workshops = sa.table(
        'workshops', sa.column('id', sa.Integer), sa.column('plan', sa.JSON)
    )
    for row_id, plan in connection.execute(sa.select(workshops.c.id, workshops.c.plan)).all():
        plan = _load(plan)
        if isinstance(plan, dict):
            connection.execute(
                workshops.update().where(workshops.c.id == row_id).values(plan=convert(plan))
            )
    templates = sa.table(
        'templates', sa.column('id', sa.Integer), sa.column('design', sa.JSON)
    )
    for row_id, design in connection.execute(
        sa.select(templates.c.id, templates.c.design)
    ).all():
        design = _load(design)
        if isinstance(design, dict):
            connection.execute(
                templates.update().where(templates.c.id == row_id).values(design=convert(design))
            )


def upgrade():
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('step_index', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('timer_step', sa.Integer(), nullable=True))
    workshops = sa.table(
        'workshops',
        sa.column('phase', sa.String),
        sa.column('step_index', sa.Integer),
        sa.column('timer_phase', sa.String),
        sa.column('timer_step', sa.Integer),
    )
    for index, key in enumerate(FLOW):
        op.execute(workshops.update().where(workshops.c.phase == key).values(step_index=index))
        op.execute(
            workshops.update().where(workshops.c.timer_phase == key).values(timer_step=index)
        )
    # A closed workshop stays at the last step it ran; from before steps, its results.
    op.execute(
        workshops.update().where(workshops.c.phase == 'closed').values(step_index=len(FLOW) - 1)
    )
    _rewrite(_as_steps)


def downgrade():
    _rewrite(_as_phases)
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_column('timer_step')
        batch_op.drop_column('step_index')
