"""Audit log: the model's own SQL and what mending changed in it (a JSON list of rule, before, after).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("model_sql", sa.Text))
        batch.add_column(sa.Column("changes", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("changes")
        batch.drop_column("model_sql")
