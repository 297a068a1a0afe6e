"""Templates can be shared with every facilitator on the server

Revision ID: 0007_library
Revises: 0006_steps
Create Date: 2026-12-04 21:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0007_library'
down_revision = '0006_steps'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('templates', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('is_shared', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('templates', schema=None) as batch_op:
        batch_op.drop_column('is_shared')
