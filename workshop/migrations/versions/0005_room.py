"""Anonymity decided when written; how a story was said

Revision ID: 0005_room
Revises: 0004_running
Create Date: 2026-12-04 16:45:00

Stories and practice authorships carry is_anonymous from the moment they are
written: rows written before this migration take the workshop's setting of now.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_room'
down_revision = '0004_running'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('manner', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('manner_html', sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column('is_anonymous', sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table('practice_authors', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('is_anonymous', sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.execute(
        "UPDATE stories SET is_anonymous = TRUE WHERE workshop_id IN "
        "(SELECT id FROM workshops WHERE is_anonymous = TRUE)"
    )
    op.execute(
        "UPDATE practice_authors SET is_anonymous = TRUE WHERE practice_id IN "
        "(SELECT p.id FROM practices p JOIN workshops w ON w.id = p.workshop_id "
        "WHERE w.is_anonymous = TRUE)"
    )


def downgrade():
    with op.batch_alter_table('practice_authors', schema=None) as batch_op:
        batch_op.drop_column('is_anonymous')
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.drop_column('is_anonymous')
        batch_op.drop_column('manner_html')
        batch_op.drop_column('manner')
