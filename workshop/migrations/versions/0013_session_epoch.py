"""Accounts: a session epoch that sign-out raises, and the administrator flag

Every facilitator gets session_epoch 0 (sessions made before this revision carry no epoch
and end: everyone signs in once more) and is_admin false, except the first account,
which becomes the administrator.

Revision ID: 0013_session_epoch
Revises: 0012_practice_posting
Create Date: 2026-12-05 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0013_session_epoch'
down_revision = '0012_practice_posting'
branch_labels = None
depends_on = None


def upgrade():
    # Added and dropped in place (SQLite >= 3.35 and PostgreSQL alike), not by a batch
    # copy: on SQLite a batch drops and remakes the table, which every workshop, token and
    # template points at (see 0011).
    op.add_column(
        'facilitators',
        sa.Column('session_epoch', sa.Integer(), server_default=sa.text('0'), nullable=False),
    )
    op.add_column(
        'facilitators',
        sa.Column('is_admin', sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    facilitators = sa.table('facilitators', sa.column('id', sa.Integer), sa.column('is_admin', sa.Boolean))
    first = op.get_bind().scalar(sa.select(sa.func.min(facilitators.c.id)))
    if first is not None:
        op.execute(facilitators.update().where(facilitators.c.id == first).values(is_admin=True))


def downgrade():
    for column in ('is_admin', 'session_epoch'):
        op.execute(f'ALTER TABLE facilitators DROP COLUMN {column}')
