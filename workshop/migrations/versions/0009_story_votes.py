"""Dots on stories: a voting step may vote on the stories, without practices

Revision ID: 0009_story_votes
Revises: 0008_wordcloud
Create Date: 2026-12-05 05:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0009_story_votes'
down_revision = '0008_wordcloud'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('story_id', sa.Integer(), nullable=True))
        batch_op.alter_column('practice_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_foreign_key(
            'fk_votes_story_id_stories', 'stories', ['story_id'], ['id'], ondelete='CASCADE'
        )
        batch_op.create_index('ix_votes_story_active', ['story_id', 'withdrawn_at'], unique=False)
        batch_op.create_check_constraint(
            op.f('ck_votes_one_target'), '(practice_id IS NULL) <> (story_id IS NULL)'
        )


def downgrade():
    op.execute('DELETE FROM votes WHERE story_id IS NOT NULL')
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_votes_one_target'), type_='check')
        batch_op.drop_index('ix_votes_story_active')
        batch_op.drop_constraint('fk_votes_story_id_stories', type_='foreignkey')
        batch_op.drop_column('story_id')
        batch_op.alter_column('practice_id', existing_type=sa.Integer(), nullable=False)
