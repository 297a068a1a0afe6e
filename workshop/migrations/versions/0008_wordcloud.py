"""The word-cloud warm-up: words, what the facilitator did to them, and its rounds

Revision ID: 0008_wordcloud
Revises: 0007_library
Create Date: 2026-12-04 21:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0008_wordcloud'
down_revision = '0007_library'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'cloud_words',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('step_index', sa.Integer(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=True),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('text', sa.String(length=40), nullable=False),
        sa.Column('norm', sa.String(length=40), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['participant_id'], ['participants.id'],
            name='fk_cloud_words_participant_id_participants', ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['workshop_id'], ['workshops.id'],
            name='fk_cloud_words_workshop_id_workshops', ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name='pk_cloud_words'),
        sa.UniqueConstraint('participant_id', 'key', name='uq_cloud_words_participant_key'),
        sa.UniqueConstraint(
            'participant_id', 'step_index', 'norm', name='uq_cloud_words_participant_step_norm'
        ),
    )
    with op.batch_alter_table('cloud_words', schema=None) as batch_op:
        batch_op.create_index('ix_cloud_words_participant_id', ['participant_id'], unique=False)
        batch_op.create_index('ix_cloud_words_workshop_id', ['workshop_id'], unique=False)
    op.create_table(
        'cloud_terms',
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('step_index', sa.Integer(), nullable=False),
        sa.Column('norm', sa.String(length=40), nullable=False),
        sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('merged_into', sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ['workshop_id'], ['workshops.id'],
            name='fk_cloud_terms_workshop_id_workshops', ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('workshop_id', 'step_index', 'norm', name='pk_cloud_terms'),
    )
    op.create_table(
        'cloud_rounds',
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('step_index', sa.Integer(), nullable=False),
        sa.Column('revealed_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ['workshop_id'], ['workshops.id'],
            name='fk_cloud_rounds_workshop_id_workshops', ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('workshop_id', 'step_index', name='pk_cloud_rounds'),
    )


def downgrade():
    op.drop_table('cloud_rounds')
    op.drop_table('cloud_terms')
    with op.batch_alter_table('cloud_words', schema=None) as batch_op:
        batch_op.drop_index('ix_cloud_words_workshop_id')
        batch_op.drop_index('ix_cloud_words_participant_id')
    op.drop_table('cloud_words')
