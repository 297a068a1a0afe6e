"""Programmes: one client's workshops side by side, shared with co-facilitators, and the
practices a facilitator links as recurring across them

Revision ID: 0017_programmes
Revises: 0016_pulse
Create Date: 2026-12-06 21:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0017_programmes'
down_revision = '0016_pulse'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'programmes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=120), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['owner_id'],
            ['facilitators.id'],
            name=op.f('fk_programmes_owner_id_facilitators'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_programmes')),
    )
    op.create_index(op.f('ix_programmes_owner_id'), 'programmes', ['owner_id'])
    op.create_table(
        'programme_facilitators',
        sa.Column('programme_id', sa.Integer(), nullable=False),
        sa.Column('facilitator_id', sa.Integer(), nullable=False),
        sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['facilitator_id'],
            ['facilitators.id'],
            name=op.f('fk_programme_facilitators_facilitator_id_facilitators'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['programme_id'],
            ['programmes.id'],
            name=op.f('fk_programme_facilitators_programme_id_programmes'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint(
            'programme_id', 'facilitator_id', name=op.f('pk_programme_facilitators')
        ),
    )
    op.create_index(
        op.f('ix_programme_facilitators_facilitator_id'),
        'programme_facilitators',
        ['facilitator_id'],
    )
    op.create_table(
        'programme_workshops',
        sa.Column('programme_id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('added_by_id', sa.Integer(), nullable=True),
        sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['added_by_id'],
            ['facilitators.id'],
            name=op.f('fk_programme_workshops_added_by_id_facilitators'),
            ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['programme_id'],
            ['programmes.id'],
            name=op.f('fk_programme_workshops_programme_id_programmes'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['workshop_id'],
            ['workshops.id'],
            name=op.f('fk_programme_workshops_workshop_id_workshops'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('programme_id', 'workshop_id', name=op.f('pk_programme_workshops')),
    )
    op.create_index(
        op.f('ix_programme_workshops_added_by_id'), 'programme_workshops', ['added_by_id']
    )
    op.create_index(
        op.f('ix_programme_workshops_workshop_id'), 'programme_workshops', ['workshop_id']
    )
    op.create_table(
        'practice_links',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('programme_id', sa.Integer(), nullable=False),
        sa.Column('practice_id', sa.Integer(), nullable=False),
        sa.Column('other_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            'practice_id < other_id', name=op.f('ck_practice_links_practice_link_ordered')
        ),
        sa.ForeignKeyConstraint(
            ['other_id'],
            ['practices.id'],
            name=op.f('fk_practice_links_other_id_practices'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['practice_id'],
            ['practices.id'],
            name=op.f('fk_practice_links_practice_id_practices'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['programme_id'],
            ['programmes.id'],
            name=op.f('fk_practice_links_programme_id_programmes'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_links')),
        sa.UniqueConstraint(
            'programme_id', 'practice_id', 'other_id', name='uq_practice_links_pair'
        ),
    )
    op.create_index(op.f('ix_practice_links_other_id'), 'practice_links', ['other_id'])
    op.create_index(op.f('ix_practice_links_practice_id'), 'practice_links', ['practice_id'])
    op.create_index(op.f('ix_practice_links_programme_id'), 'practice_links', ['programme_id'])


def downgrade():
    op.drop_table('practice_links')
    op.drop_table('programme_workshops')
    op.drop_table('programme_facilitators')
    op.drop_table('programmes')
