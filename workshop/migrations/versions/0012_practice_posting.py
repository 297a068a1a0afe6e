"""Practices on the posting core: reactions to practices, and a practice in the spotlight

Revision ID: 0012_practice_posting
Revises: 0011_voting_rounds
Create Date: 2026-12-05 08:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0012_practice_posting'
down_revision = '0011_voting_rounds'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'practice_reactions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('practice_id', sa.Integer(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column(
            'kind',
            sa.Enum(
                'heart', 'clap', 'idea', 'wow',
                name='reactionkind', native_enum=False, length=16,
            ),
            nullable=False,
        ),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['participant_id'], ['participants.id'],
            name='fk_practice_reactions_participant_id_participants', ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['practice_id'], ['practices.id'],
            name='fk_practice_reactions_practice_id_practices', ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name='pk_practice_reactions'),
        sa.UniqueConstraint(
            'practice_id', 'participant_id', 'kind', name='uq_practice_reactions_one_each'
        ),
    )
    with op.batch_alter_table('practice_reactions', schema=None) as batch_op:
        batch_op.create_index(
            'ix_practice_reactions_participant_id', ['participant_id'], unique=False
        )
        batch_op.create_index('ix_practice_reactions_practice_id', ['practice_id'], unique=False)
    # Plain ALTER TABLE, not a batch: SQLite's batch copies the table, and dropping the old
    # workshops table would cascade to every row that points at it.
    op.add_column('workshops', sa.Column('spotlight_practice_id', sa.Integer(), nullable=True))


def downgrade():
    op.drop_column('workshops', 'spotlight_practice_id')  # SQLite 3.35+ drops it in place
    with op.batch_alter_table('practice_reactions', schema=None) as batch_op:
        batch_op.drop_index('ix_practice_reactions_practice_id')
        batch_op.drop_index('ix_practice_reactions_participant_id')
    op.drop_table('practice_reactions')
