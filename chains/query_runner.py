"""Checked SQL in, Answer out: the guard, the column repair and the run, with no model involved.

The chain runs the model's SQL through it; saved queries and dashboards re-run stored SQL through it
without waiting for a model to load.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from chains.answer import Answer, Outcome
from chains.repair import repair_misplaced_columns
from chains.stages import StageCallback, StageClock
from connectors.errors import QueryFailed, QueryRefused, QueryTimeout, WarehouseError, WarehouseUnavailable
from connectors.warehouse import Warehouse


@dataclass
class QueryRunner:
    warehouse: Warehouse

    def run_sql(self, sql: str, question: str = "", on_stage: StageCallback | None = None, model: str = "") -> Answer:
        """Run SQL a person wrote, edited or saved through the same guard as the model's SQL."""
        started = time.perf_counter()
        stage = StageClock(on_stage)
        answer = Answer(question=question.strip(), outcome=Outcome.FAILED, sql=sql.strip(), model=model)
        try:
            if not answer.sql:
                answer.message = "There is no SQL to run: write a SELECT query."
                return answer
            error = self.run_into(answer, answer.sql, stage)
            if error is None:
                answer.outcome = Outcome.ANSWERED
            elif answer.message is None:
                answer.message = f"The query did not run: {error} Check the SQL and try again."
        finally:
            answer.timings = {**stage.totals, "total": time.perf_counter() - started}
        return answer

    def run_into(self, answer: Answer, sql: str, stage: StageClock) -> str | None:
        """Validate and execute into `answer`; the error text to feed back to a model, or None on success."""
        try:
            with stage("validate"):
                sql = self.validated(sql)
                answer.sql = sql
            with stage("execute"):
                result = self.warehouse.run(sql)
        except QueryRefused as error:
            answer.outcome, answer.message = Outcome.REFUSED, f"The query was refused: {error.reason}"
            return error.reason
        except WarehouseUnavailable as error:
            answer.outcome, answer.message = Outcome.WAREHOUSE_UNAVAILABLE, str(error)
            return str(error)
        except (QueryFailed, QueryTimeout, WarehouseError) as error:
            answer.outcome, answer.message = Outcome.FAILED, None
            return str(error)
        answer.data, answer.truncated = result.data, result.truncated
        return None

    def validated(self, sql: str) -> str:
        """The SQL if it validates, else its deterministic repair if that validates; QueryFailed otherwise."""
        try:
            self.warehouse.validate(sql)
            return sql
        except QueryFailed:
            repaired = repair_misplaced_columns(sql, self.warehouse.schema())
            if repaired is None:
                raise
            self.warehouse.validate(repaired)
            return repaired
