"""The agency pulse: its rounds (a pulse step, or a check-in link) and their anonymous answers

Revision ID: 0016_pulse
Revises: 0015_followups
Create Date: 2027-01-10 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0016_pulse'
down_revision = '0015_followups'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'pulse_rounds',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('step_index', sa.Integer(), nullable=True),
        sa.Column('statements', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('revealed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('link_digest', sa.String(length=64), nullable=True),
        sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "kind IN ('in_room', 'check_in')", name=op.f('ck_pulse_rounds_known_kind')
        ),
        sa.CheckConstraint(
            "(kind = 'in_room') = (step_index IS NOT NULL)",
            name=op.f('ck_pulse_rounds_step_only_in_room'),
        ),
        sa.ForeignKeyConstraint(
            ['workshop_id'], ['workshops.id'],
            name='fk_pulse_rounds_workshop_id_workshops', ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name='pk_pulse_rounds'),
        sa.UniqueConstraint('link_digest', name='uq_pulse_rounds_link_digest'),
        sa.UniqueConstraint('workshop_id', 'step_index', name='uq_pulse_rounds_workshop_step'),
    )
    with op.batch_alter_table('pulse_rounds', schema=None) as batch_op:
        batch_op.create_index('ix_pulse_rounds_workshop_id', ['workshop_id'], unique=False)
    op.create_table(
        'pulse_answers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('voter', sa.String(length=64), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('rating', sa.Integer(), nullable=False),
        sa.CheckConstraint(
            'position BETWEEN 0 AND 4', name=op.f('ck_pulse_answers_known_position')
        ),
        sa.CheckConstraint('rating BETWEEN 1 AND 5', name=op.f('ck_pulse_answers_rating_1_to_5')),
        sa.ForeignKeyConstraint(
            ['round_id'], ['pulse_rounds.id'],
            name='fk_pulse_answers_round_id_pulse_rounds', ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name='pk_pulse_answers'),
        sa.UniqueConstraint(
            'round_id', 'voter', 'position', name='uq_pulse_answers_voter'
        ),
    )


def downgrade():
    op.drop_table('pulse_answers')
    with op.batch_alter_table('pulse_rounds', schema=None) as batch_op:
        batch_op.drop_index('ix_pulse_rounds_workshop_id')
    op.drop_table('pulse_rounds')
