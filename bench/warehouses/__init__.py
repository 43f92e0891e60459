"""Warehouses of other businesses, generated deterministically, for measuring on data the project was not built on."""
