"""The catalog the request prompt shows: whole when it fits the model's context, else cut to what the question's
metrics reach (no model)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from semantic.prompt import catalog_fits, focused_on, render_catalog
from semantic.spec import Field, LogicalTable
from semantic.yaml_io import parse_model

DEMO_MODEL = Path(__file__).resolve().parents[1] / "semantic" / "models" / "demo.yaml"


def test_a_catalog_that_fits_is_shown_whole() -> None:
    demo = parse_model(DEMO_MODEL.read_text())
    assert catalog_fits(demo)
    assert focused_on(demo, ["revenue"]) is demo


def test_a_catalog_too_large_keeps_the_metrics_tables_and_what_they_reach() -> None:
    demo = parse_model(DEMO_MODEL.read_text())
    padding = tuple(
        LogicalTable(
            f"generated_{n}",
            replace(demo.tables[0].base_table, table=f"generated_{n}"),
            dimensions=tuple(Field(f"attribute_{n}_{c}", f"c{c}", description="x" * 80) for c in range(20)),
        )
        for n in range(60)
    )
    large = replace(demo, tables=(*demo.tables, *padding))
    assert not catalog_fits(large)
    shown = focused_on(large, ["revenue"])
    assert catalog_fits(shown)
    names = {t.name for t in shown.tables}
    assert not any(name.startswith("generated_") for name in names)
    revenue_table = next(t.name for t, m in demo.metrics if m.name == "revenue")
    assert revenue_table in names and len(names) > 1  # its dimensions' tables came along
    assert "revenue" in render_catalog(shown)


def test_a_metric_named_on_many_tables_is_shown_only_as_far_as_the_catalog_fits() -> None:
    """A word naming a metric on hundreds of tables reached them all, and the prompt overflowed the model's
    context; the first metric's tables come first, the others as long as the catalog fits."""
    demo = parse_model(DEMO_MODEL.read_text())
    measured = next(t for t, _m in demo.metrics)
    copies = tuple(
        replace(
            measured,
            name=f"{measured.name}_{n}",
            base_table=replace(measured.base_table, table=f"{measured.name}_{n}"),
            metrics=tuple(replace(m, name=f"{m.name}_{n}") for m in measured.metrics),
            dimensions=tuple(replace(d, name=f"{d.name}_{n}", description="y" * 200) for d in measured.dimensions),
        )
        for n in range(80)
    )
    large = replace(demo, tables=(*demo.tables, *copies))
    first_metric = measured.metrics[0].name
    named = [first_metric, *(f"{first_metric}_{n}" for n in range(80))]
    shown = focused_on(large, named)
    assert catalog_fits(shown)
    names = [t.name for t in shown.tables]
    assert measured.name in names
    assert 1 < len(names) < 81
