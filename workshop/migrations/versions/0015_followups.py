"""Follow-up: commitments with a due date, an owner's address and a status with its history,
owners' links, check-in dates, follow-up workshops, and signed webhooks

Every existing commitment starts "not started", with no history.

Revision ID: 0015_followups
Revises: 0014_story_cap
Create Date: 2026-12-06 20:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0015_followups'
down_revision = '0014_story_cap'
branch_labels = None
depends_on = None


def upgrade():
    # Added in place, not by a batch copy (see 0013): every row points at these tables.
    op.add_column('practices', sa.Column('commitment_due_on', sa.Date(), nullable=True))
    op.add_column(
        'practices', sa.Column('commitment_owner_email', sa.String(length=254), nullable=True)
    )
    op.add_column('practices', sa.Column('commitment_status', sa.String(length=11), nullable=True))
    practices = sa.table(
        'practices',
        sa.column('commitment_position', sa.Integer),
        sa.column('commitment_status', sa.String),
    )
    op.execute(
        practices.update()
        .where(practices.c.commitment_position.is_not(None))
        .values(commitment_status='not_started')
    )
    # No foreign key: SQLite cannot drop a column that has one without copying the table;
    # deleting a workshop clears its follow-ups' pointer (workshops/admin.py).
    op.add_column('workshops', sa.Column('follows_id', sa.Integer(), nullable=True))
    op.create_index('ix_workshops_follows_id', 'workshops', ['follows_id'])
    op.add_column('workshops', sa.Column('webhook_url', sa.String(length=500), nullable=True))
    op.add_column('workshops', sa.Column('webhook_secret', sa.String(length=64), nullable=True))
    op.create_table(
        'commitment_updates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('practice_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=11), nullable=False),
        sa.Column('note', sa.String(length=200), nullable=True),
        sa.Column('is_by_owner', sa.Boolean(), nullable=False),
        sa.Column('facilitator_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['practice_id'], ['practices.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['facilitator_id'], ['facilitators.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_commitment_updates_practice_id', 'commitment_updates', ['practice_id'])
    op.create_table(
        'owner_links',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('practice_id', sa.Integer(), nullable=False),
        sa.Column('nonce', sa.String(length=32), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('mailed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('mailed_check_in_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['practice_id'], ['practices.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_owner_links_practice_id', 'owner_links', ['practice_id'])
    op.create_table(
        'check_ins',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('mailed_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('workshop_id', 'due_on', name='uq_check_ins_workshop_day'),
    )
    op.create_index('ix_check_ins_workshop_id', 'check_ins', ['workshop_id'])
    op.create_table(
        'webhook_deliveries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('url', sa.String(length=500), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('attempts', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('next_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_error', sa.String(length=200), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_webhook_deliveries_workshop_id', 'webhook_deliveries', ['workshop_id'])
    op.create_index('ix_webhook_deliveries_next_at', 'webhook_deliveries', ['next_at'])


def downgrade():
    for table in ('webhook_deliveries', 'check_ins', 'owner_links', 'commitment_updates'):
        op.drop_table(table)
    op.drop_index('ix_workshops_follows_id', table_name='workshops')
    for column in ('webhook_secret', 'webhook_url', 'follows_id'):
        op.execute(f'ALTER TABLE workshops DROP COLUMN {column}')
    for column in ('commitment_status', 'commitment_owner_email', 'commitment_due_on'):
        op.execute(f'ALTER TABLE practices DROP COLUMN {column}')
