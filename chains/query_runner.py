"""Checked SQL in, Answer out: the guard, the column repair and the run, with no model involved.

The chain runs the model's SQL through it; saved queries and dashboards re-run stored SQL through it
without waiting for a model to load.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from chains.answer import Answer, Outcome
from chains.mending import RULES_BY_ID, Firing, MendContext
from chains.stages import StageCallback, StageClock
from connectors.errors import (
    QueryDoubtful,
    QueryFailed,
    QueryRefused,
    QueryTimeout,
    WarehouseError,
    WarehouseUnavailable,
)
from connectors.policy import EVERYTHING, Policy
from connectors.warehouse import Warehouse

# The mending rules that get SQL failing the check one more chance (see QueryRunner.checked).
CHECK_REPAIRS = ("misplaced-columns", "self-joins")


@dataclass
class QueryRunner:
    warehouse: Warehouse

    def run_sql(
        self,
        sql: str,
        question: str = "",
        on_stage: StageCallback | None = None,
        model: str = "",
        policy: Policy = EVERYTHING,
    ) -> Answer:
        """Run SQL a person wrote, edited or saved through the same guard (and policy) as the model's SQL."""
        started = time.perf_counter()
        stage = StageClock(on_stage)
        answer = Answer(question=question.strip(), outcome=Outcome.FAILED, sql=sql.strip(), model=model)
        try:
            if not answer.sql:
                answer.message = "There is no SQL to run: write a SELECT query."
                return answer
            error = self.run_into(answer, answer.sql, stage, policy)
            if error is None:
                answer.outcome = Outcome.ANSWERED
            elif answer.message is None:
                answer.message = f"The query did not run: {error} Check the SQL and try again."
        finally:
            answer.timings = {**stage.totals, "total": time.perf_counter() - started}
        return answer

    def run_into(
        self, answer: Answer, sql: str, stage: StageClock, policy: Policy = EVERYTHING, doubts: bool = False
    ) -> str | None:
        """Validate and execute into `answer`; the error text to feed back to a model, or None on success.

        Under a restrictive policy the query is validated against the role's view of the warehouse, then
        the policy itself decides; the SQL that runs (with `*` expanded to visible columns) is the one shown.
        `doubts`: refuse SQL that runs but likely misreads the schema (for the model's SQL, see Warehouse.validate).
        """
        answer.ran_from, answer.check_changes = sql, []
        try:
            with stage("validate"):
                checked, repair = self.checked(sql, self.warehouse.seen_by(policy), doubts)
                if repair is not None:
                    answer.check_changes = [Firing(repair, sql, checked)]
                enforced = policy.enforce(checked, self.warehouse.schema())
                answer.sql = enforced.sql
            with stage("execute"):
                result = self.warehouse.run(enforced.sql)
        except QueryRefused as error:
            answer.outcome, answer.message = Outcome.REFUSED, f"The query was refused: {error.reason}"
            return error.reason
        except WarehouseUnavailable as error:
            answer.outcome, answer.message = Outcome.WAREHOUSE_UNAVAILABLE, str(error)
            return str(error)
        except (QueryFailed, QueryTimeout, WarehouseError) as error:
            answer.outcome, answer.message = Outcome.FAILED, None
            return str(error)
        answer.data, answer.truncated = policy.mask(result.data, enforced), result.truncated
        return None

    def only_doubted(self, sql: str, policy: Policy = EVERYTHING) -> bool:
        """True if a doubt, and nothing else the checks know of, stops this SQL: it would run as written."""
        warehouse = self.warehouse.seen_by(policy)
        try:
            self.validated(sql, warehouse)
            self.validated(sql, warehouse, doubts=True)
        except QueryDoubtful:
            return True
        except WarehouseError:
            return False
        return False

    @staticmethod
    def validated(sql: str, warehouse: Warehouse, doubts: bool = False) -> str:
        """The SQL if it validates, else its deterministic repair if that validates; QueryFailed otherwise."""
        return QueryRunner.checked(sql, warehouse, doubts)[0]

    @staticmethod
    def checked(sql: str, warehouse: Warehouse, doubts: bool = False) -> tuple[str, str | None]:
        """(SQL that validates, the id of the rule that repaired it or None); QueryFailed if neither validates.

        SQL that fails the check gets one more chance: the first of CHECK_REPAIRS that mends it (also for SQL a
        person wrote; the change is recorded on the Answer like the model's)."""
        try:
            warehouse.validate(sql, doubts)
            return sql, None
        except QueryFailed:
            context = MendContext(warehouse.schema())
            for rule_id in CHECK_REPAIRS:
                if repaired := RULES_BY_ID[rule_id].apply(sql, context):
                    warehouse.validate(repaired, doubts)
                    return repaired, rule_id
            raise
