"""Warehouses behind SQLAlchemy: read-only connections, introspection, guarded execution."""
