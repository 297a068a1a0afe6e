"""Workshops: a cap on the stories one participant may post (the facilitator sets it)

Every workshop gets stories_per_participant 20, more than a real participant writes.

Revision ID: 0014_story_cap
Revises: 0013_session_epoch
Create Date: 2026-12-05 13:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0014_story_cap'
down_revision = '0013_session_epoch'
branch_labels = None
depends_on = None


def upgrade():
    # Added and dropped in place, not by a batch copy (see 0013).
    op.add_column(
        'workshops',
        sa.Column(
            'stories_per_participant', sa.Integer(), server_default=sa.text('20'), nullable=False
        ),
    )


def downgrade():
    op.execute('ALTER TABLE workshops DROP COLUMN stories_per_participant')
