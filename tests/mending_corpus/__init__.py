"""The mending safety corpus: correct queries with their questions over warehouses of several shapes.

Mending must leave each one's answer unchanged (tests/test_mending_corpus.py)."""
