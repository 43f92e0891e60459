"""A warm start: once the model is loaded, each configured warehouse is prepared in the background (its
schema and stored values read, the chain's modules imported, and the schema's part of the prompt prefilled
into the model's cache), so the first question is answered as fast as the tenth.

Free of LangChain at import time, like `chains.loader`: the page that shows the progress must load fast.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chains.loader import ModelLoader
from chains.stages import StageCallback, StageClock
from connectors.errors import WarehouseError
from connectors.warehouse import Warehouse
from settings import QuerySettings, query_settings

if TYPE_CHECKING:
    from chains.sql_chain import SqlChain

WARM_START_ENV = "TABLETALK_WARM_START"


@dataclass
class Preparation:
    """How far one warehouse is: `message` for the page while it is under way, `seconds` once done."""

    message: str = "Waiting for the model…"
    done: bool = False
    problem: str | None = None  # the warehouse could not be read: its questions will say why
    seconds: float | None = None
    timings: dict[str, float] = field(default_factory=dict)


def prefill_enabled() -> bool:
    """Off with TABLETALK_WARM_START=off: the schema and values are still read, the model is not used until
    the first question (for a machine that must stay idle, or tests that do not ask the model)."""
    return os.environ.get(WARM_START_ENV, "on").strip().lower() not in ("off", "0", "false", "no")


def prepare(chain: SqlChain, on_stage: StageCallback | None = None) -> dict[str, float]:
    """Read the warehouse's schema and stored values and prefill the prompt's shared part (instructions and
    schema, up to the question) into the model's cache. The seconds and tokens it took, by stage."""
    from chains.prompt import PROMPT  # late: LangChain
    from chains.schema_focus import focus_schema

    clock = StageClock(on_stage)
    with clock("schema"):
        whole = chain.warehouse.schema()
    with clock("values"):
        chain.warehouse.text_values()
    # The embedded model keeps the prefilled state, so other warehouses' warm starts do not evict it.
    keep = {"keep_prefix": True} if getattr(chain.model, "keeps_prefixes", False) else {}
    # A schema cut per question has no shared prefix to keep beyond the instructions; only a whole one has.
    if prefill_enabled() and focus_schema(whole, "") is whole:
        inputs = chain.sql_prompt_inputs(whole, "", [], semantic=chain.semantic)
        with clock("warm"):
            (PROMPT | chain.model.bind(max_tokens=1, **keep)).invoke(inputs)
    # Likewise the business definitions: a catalog too large to show whole is cut for each question.
    if prefill_enabled() and chain.semantic is not None and chain.definitions_path:
        from semantic.prompt import catalog_fits, request_messages

        if not catalog_fits(chain.semantic):
            return clock.totals
        with clock("warm"):  # the business definitions' prompt, for analyst questions
            chain.model.bind(max_tokens=1, **keep).invoke(request_messages(chain.semantic, ""))
    return clock.totals


class WarmStart:
    """Loads the model, then prepares each warehouse in turn on one background thread. Questions do not
    wait for it: a question asked meanwhile builds its chain itself and shares the model's lock."""

    def __init__(
        self,
        loader: ModelLoader,
        warehouses: Mapping[str | None, str],
        open_warehouse: Callable[[str | None], Warehouse],
    ) -> None:
        """`warehouses`: the configured warehouses' URLs (None: the demo warehouse) and connection names, the
        first prepared first; the name finds the connection's business definitions."""
        self.loader = loader
        self._open_warehouse = open_warehouse
        self._names = dict(warehouses)
        self._chains: dict[str | None, tuple[tuple[float, QuerySettings], SqlChain]] = {}
        self._chains_lock = threading.Lock()
        self.preparations = {url: Preparation() for url in warehouses}
        self._started = False
        self._start_lock = threading.Lock()

    def start(self, before: Callable[[threading.Thread], object] | None = None) -> None:
        """Start loading and preparing; later calls do nothing. `before` sees the thread before it starts
        (the app attaches its script context, so Streamlit's caches serve the thread without warnings)."""
        with self._start_lock:
            if not self._started:
                self._started = True
                self.loader.start()
                thread = threading.Thread(target=self._prepare_all, name="tabletalk-warm-start", daemon=True)
                if before is not None:
                    before(thread)
                thread.start()

    def ready(self, url: str | None) -> bool:
        """The model is loaded and this warehouse prepared (or found unreadable: its questions say why)."""
        preparation = self.preparations.get(url)
        return self.loader.ready and (preparation is None or preparation.done)

    def chain(self, url: str | None, definitions_version: float = 0.0) -> SqlChain:
        """The one chain over this warehouse and the loaded model, rebuilt when its business definitions
        changed (`definitions_version`); waits for the model."""
        model = self.loader.wait()
        # The query settings too: a chain built with the business definitions off must not answer once they are on.
        key = (definitions_version, query_settings())
        with self._chains_lock:
            kept = self._chains.get(url)
            if kept is None or kept[0] != key:
                from chains.factory import chain_over  # late: LangChain

                chain = chain_over(model, self._open_warehouse(url), name=self._names.get(url))
                self._chains[url] = (key, chain)
            return self._chains[url][1]

    def _prepare_all(self) -> None:
        try:
            self.loader.wait()
        except Exception:  # noqa: BLE001 - the loader reports its own failure; nothing to prepare
            return
        for url, preparation in self.preparations.items():
            began = time.perf_counter()
            preparation.message = "Preparing the warehouse…"
            try:
                preparation.timings = prepare(self.chain(url), lambda stage, p=preparation: _say(p, stage))
            except WarehouseError as error:
                preparation.problem = str(error)
            except Exception as error:  # noqa: BLE001 - a failed warm-up only costs speed; questions still run
                preparation.problem = f"It could not be prepared ({type(error).__name__}: {error})."
            preparation.seconds = time.perf_counter() - began
            preparation.done = True


def _say(preparation: Preparation, stage: str) -> None:
    preparation.message = f"{stage}…"
