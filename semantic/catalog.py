"""Which semantic model a connection uses, and saving an admin's edits.

In order: the file configured for the connection (`[connections.NAME] semantic_model = "path.yaml"`), the
one saved from the admin page (`<data dir>/semantic_models/NAME.yaml`), the hand-written model shipped for
the demo warehouse, and otherwise a draft made from the schema on the spot.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

from connectors.schema import Schema
from connectors.values import ValueIndex
from semantic.draft import draft_model
from semantic.spec import SemanticModel
from semantic.yaml_io import SemanticModelError, parse_model
from settings import PROJECT_ROOT, data_dir, semantic_model_setting

DEMO_WAREHOUSE = "Demo warehouse"  # the name ui.resources gives the bundled demo connection
DEMO_MODEL = Path(__file__).resolve().parent / "models" / "demo.yaml"
AUTO_DRAFT = "auto-draft"


def model_for(
    warehouse_name: str, schema: Schema, values: ValueIndex | None, configured_path: str | None = None
) -> tuple[SemanticModel, str]:
    """The connection's model and where it came from: "file <path>" or "auto-draft".

    Raises SemanticModelError when the file exists but cannot be read as a model, or is configured but missing:
    a model an admin wrote is never silently replaced by a draft."""
    path = model_file(warehouse_name, configured_path)
    if path is None:
        return draft_model(schema, values, name=warehouse_name), AUTO_DRAFT
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SemanticModelError(f"the semantic model {path} cannot be read: {error}") from error
    return parse_model(text), f"file {path}"


def model_file(warehouse_name: str, configured_path: str | None = None) -> Path | None:
    """The file the connection's model is read from, or None when it has none and gets the auto-draft."""
    if configured_path:
        path = _resolved(configured_path)
        if not path.is_file():
            raise SemanticModelError(f"the semantic model configured for {warehouse_name!r}, {path}, does not exist")
        return path
    saved = saved_model_path(warehouse_name)
    if saved.is_file():
        return saved
    if warehouse_name == DEMO_WAREHOUSE and DEMO_MODEL.is_file():
        return DEMO_MODEL
    return None


def saved_model_path(warehouse_name: str) -> Path:
    return data_dir() / "semantic_models" / f"{_file_name(warehouse_name)}.yaml"


def save_model(warehouse_name: str, yaml_text: str) -> Path:
    """Write the model where `model_for` reads it: the configured file if there is one, else the data dir.

    Only a readable model is written (SemanticModelError otherwise); checking it against the schema is the
    caller's job (semantic.validate), since this module never opens the warehouse."""
    parse_model(yaml_text)
    configured = semantic_model_setting(warehouse_name)
    target = _resolved(configured) if configured else saved_model_path(warehouse_name)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        temporary.write_text(yaml_text if yaml_text.endswith("\n") else yaml_text + "\n", encoding="utf-8")
        os.replace(temporary, target)  # readers see the old file or the new one, never half of it
    finally:
        temporary.unlink(missing_ok=True)
    return target


def _resolved(configured: str) -> Path:
    path = Path(configured).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path


def _file_name(warehouse_name: str) -> str:
    """A connection name as a file name that stays inside the folder ("Demo warehouse" stays readable)."""
    return re.sub(r"[^\w .-]", "_", warehouse_name).strip(". ") or "warehouse"
