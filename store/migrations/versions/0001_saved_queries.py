"""Saved queries: question, SQL, chart settings, verification and dashboard position.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_queries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("sql", sa.Text, nullable=False),
        sa.Column("chart", sa.Text, nullable=False),
        sa.Column("connection", sa.String(200), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verified", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("verified_by", sa.String(200)),
        sa.Column("pin_position", sa.Integer),
        sa.Column("deleted_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_saved_queries_connection", "saved_queries", ["connection"])


def downgrade() -> None:
    op.drop_index("ix_saved_queries_connection", "saved_queries")
    op.drop_table("saved_queries")
