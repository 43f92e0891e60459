"""Open a configured warehouse, and a model-free runner over it. Free of LangChain, so pages that only
re-run stored SQL (saved queries, the dashboard) load fast."""

from __future__ import annotations

from chains.query_runner import QueryRunner
from connectors.demo import demo_url
from connectors.warehouse import Warehouse
from settings import query_settings


def open_warehouse(url: str | None = None) -> Warehouse:
    """The warehouse at `url`, or the bundled demo warehouse (built on first use)."""
    limits = query_settings()
    return Warehouse(url or demo_url(), row_cap=limits.row_cap, timeout_seconds=limits.timeout_seconds)


def query_runner(warehouse: Warehouse | str | None = None) -> QueryRunner:
    """Runs stored or edited SQL through the guard without a model: saved queries, dashboards."""
    return QueryRunner(warehouse if isinstance(warehouse, Warehouse) else open_warehouse(warehouse))
