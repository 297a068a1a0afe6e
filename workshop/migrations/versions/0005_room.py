"""Anonymity decided when written; how a story was said

Revision ID: 0005_room
Revises: 0004_running
Create Date: 2026-12-04 16:45:00

Stories, practice authorships, dots and ratings carry is_anonymous from the moment
they are written: rows written before this migration take the workshop's setting of now.

Headings typed in stories and practices are shown as strong text from now on:
the stored HTML of earlier rows is rendered again under that rule.
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
    for table in ('practice_authors', 'votes', 'ratings'):
        with op.batch_alter_table(table, schema=None) as batch_op:
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
    op.execute(
        "UPDATE votes SET is_anonymous = TRUE WHERE workshop_id IN "
        "(SELECT id FROM workshops WHERE is_anonymous = TRUE)"
    )
    op.execute(
        "UPDATE ratings SET is_anonymous = TRUE WHERE practice_id IN "
        "(SELECT p.id FROM practices p JOIN workshops w ON w.id = p.workshop_id "
        "WHERE w.is_anonymous = TRUE)"
    )

    _render_again()


def _render_again():
    """Render the stored HTML of every story and practice again from its Markdown."""
    from workshop.markdown import render

    bind = op.get_bind()
    tables = {
        'stories': ('happened', 'staff_did', 'could_do'),
        'practices': ('description',),
    }
    for name, parts in tables.items():
        columns = [sa.column('id')]
        for part in parts:
            columns += [sa.column(part), sa.column(f'{part}_html')]
        table = sa.table(name, *columns)
        for row in bind.execute(sa.select(*table.c)).mappings().all():
            values = {}
            for part in parts:
                html = render(row[part]) if row[part] else None
                if part == 'happened':
                    html = html or ''
                if html != row[f'{part}_html']:
                    values[f'{part}_html'] = html
            if values:
                bind.execute(table.update().where(table.c.id == row['id']).values(**values))


def downgrade():
    for table in ('ratings', 'votes', 'practice_authors'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('is_anonymous')
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.drop_column('is_anonymous')
        batch_op.drop_column('manner_html')
        batch_op.drop_column('manner')
