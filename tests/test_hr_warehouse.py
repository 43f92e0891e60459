"""The HR warehouse: built from scratch, documented, deterministic, consistent, and shaped as its docstring says."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from bench.warehouses import hr
from connectors.sqlite_comments import comments_of

END = date(2025, 12, 31)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hr")
    assert hr.main([str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def con(dataset: Path):
    connection = sqlite3.connect(f"file:{hr.database_path(dataset)}?mode=ro", uri=True)
    yield connection
    connection.close()


def _count(con: sqlite3.Connection, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


def test_tables_are_sizeable_and_cover_five_years(con: sqlite3.Connection) -> None:
    assert {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} == set(hr.COMMENTS)
    assert 1000 <= _count(con, "SELECT count(*) FROM employees") <= 3000
    for table in ("salary_history", "performance_reviews", "applications", "absences", "training_enrollments"):
        assert _count(con, f"SELECT count(*) FROM {table}") > _count(con, "SELECT count(*) FROM employees"), table
    first, last = con.execute(
        "SELECT min(hire_date), max(hire_date) FROM employees WHERE hire_date >= '2021'"
    ).fetchone()
    assert first.startswith("2021-0") and last.startswith("2025-12")
    assert con.execute("SELECT max(termination_date) FROM employees").fetchone()[0] <= "2025-12-31"


def test_every_table_and_column_is_commented_in_its_ddl(con: sqlite3.Connection) -> None:
    for table, (comment, columns) in hr.COMMENTS.items():
        ddl = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        assert f"-- {comment}" in ddl
        declared = [row[1] for row in con.execute(f"PRAGMA table_info({table})")]
        assert declared == list(columns)
        assert all(text.strip() and f"-- {text}" in ddl for text in columns.values()), table
        # ... and the app's own reader of SQLite comments finds each of them where it belongs.
        assert comments_of(ddl) == (comment, columns), table


def test_keys_and_dates_hold(con: sqlite3.Connection) -> None:
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    employed_on = "{e}.hire_date <= {d} AND ({e}.termination_date IS NULL OR {e}.termination_date > {d})"
    broken = {
        "status disagrees with the termination date": "SELECT count(*) FROM employees "
        "WHERE (termination_date IS NULL) <> (employment_status = 'Active') "
        "OR (termination_date IS NULL) <> (termination_type IS NULL) "
        "OR (termination_date IS NULL) <> (termination_reason IS NULL) OR termination_date <= hire_date",
        "an active employee's manager has left": "SELECT count(*) FROM employees e JOIN employees m "
        "ON m.employee_id = e.manager_id WHERE e.termination_date IS NULL AND m.termination_date IS NOT NULL",
        "a pay change outside employment": "SELECT count(*) FROM salary_history s JOIN employees e USING (employee_id) "
        "WHERE s.effective_date < e.hire_date OR s.effective_date >= coalesce(e.termination_date, '9999')",
        "no starting salary at the hire date": "SELECT count(*) FROM employees e WHERE NOT EXISTS (SELECT 1 FROM "
        "salary_history s WHERE s.employee_id = e.employee_id AND s.effective_date = e.hire_date "
        "AND s.change_reason = 'New hire')",
        "two pay rows on one day": "SELECT count(*) FROM (SELECT 1 FROM salary_history "
        "GROUP BY employee_id, effective_date HAVING count(*) > 1)",
        "end_date is not the day before the next change": "SELECT count(*) FROM salary_history s WHERE "
        "s.end_date IS NOT (SELECT date(min(n.effective_date), '-1 day') FROM salary_history n "
        "WHERE n.employee_id = s.employee_id AND n.effective_date > s.effective_date)",
        "current job is not the latest pay row's": "SELECT count(*) FROM employees e JOIN salary_history s "
        "ON s.employee_id = e.employee_id AND s.end_date IS NULL WHERE s.job_id <> e.job_id",
        "a review of someone not employed, or by someone not employed": "SELECT count(*) FROM performance_reviews r "
        "JOIN employees e ON e.employee_id = r.employee_id JOIN employees m ON m.employee_id = r.reviewer_id "
        f"WHERE NOT ({employed_on.format(e='e', d='r.review_date')}) "
        f"OR NOT ({employed_on.format(e='m', d='r.review_date')}) OR r.reviewer_id = r.employee_id",
        "two reviews in a cycle": "SELECT count(*) FROM (SELECT 1 FROM performance_reviews "
        "GROUP BY employee_id, review_cycle HAVING count(*) > 1)",
        "a filled requisition disagrees with its hire": "SELECT count(*) FROM job_requisitions r "
        "LEFT JOIN employees e ON e.employee_id = r.hired_employee_id WHERE (r.status = 'Filled') <> "
        "(e.employee_id IS NOT NULL AND r.filled_date = e.hire_date AND r.closed_date = r.filled_date "
        "AND r.department_id = e.department_id AND r.location_id = e.location_id) "
        "OR (r.status = 'Open') <> (r.closed_date IS NULL) OR r.filled_date < r.opened_date",
        "a hire since 2021 without exactly one requisition": "SELECT count(*) FROM employees e WHERE "
        "e.hire_date >= '2021-01-01' AND (SELECT count(*) FROM job_requisitions r "
        "WHERE r.hired_employee_id = e.employee_id) <> 1",
        "a filled requisition without exactly one hired application": "SELECT count(*) FROM job_requisitions r "
        "WHERE (SELECT count(*) FROM applications a WHERE a.requisition_id = r.requisition_id "
        "AND a.status = 'Hired') <> (r.status = 'Filled')",
        "an application dated outside its requisition": "SELECT count(*) FROM applications a "
        "JOIN job_requisitions r USING (requisition_id) JOIN candidates c USING (candidate_id) "
        "WHERE a.applied_date < r.opened_date OR a.status_date < a.applied_date OR a.status_date > '2025-12-31' "
        "OR a.applied_date > coalesce(r.filled_date, r.closed_date, '2025-12-31') OR c.created_date > a.applied_date "
        "OR (a.status = 'Hired') <> (a.stage_reached = 'Hired') OR (a.status = 'In progress' AND r.status <> 'Open')",
        "an absence outside employment": "SELECT count(*) FROM absences a JOIN employees e USING (employee_id) "
        "WHERE a.start_date < e.hire_date OR a.end_date >= coalesce(e.termination_date, '2026-01-01') "
        "OR a.end_date < a.start_date OR strftime('%w', a.start_date) IN ('0', '6')",
        "overlapping absences": "SELECT count(*) FROM absences a JOIN absences b ON a.employee_id = b.employee_id "
        "AND a.absence_id < b.absence_id AND a.start_date <= b.end_date AND b.start_date <= a.end_date",
        "an enrollment outside employment": "SELECT count(*) FROM training_enrollments t JOIN employees e "
        "USING (employee_id) WHERE t.enrolled_date < e.hire_date OR t.completed_date < t.enrolled_date "
        "OR t.completed_date >= coalesce(e.termination_date, '2026-01-01') "
        "OR (t.status = 'Completed') <> (t.completed_date IS NOT NULL)",
    }
    for what, sql in broken.items():
        assert _count(con, sql) == 0, what
    weekdays = con.execute("SELECT start_date, end_date, working_days FROM absences").fetchall()
    for start, end, days in weekdays[::50]:
        first, last = date.fromisoformat(start), date.fromisoformat(end)
        assert days == sum((first + timedelta(n)).weekday() < 5 for n in range((last - first).days + 1))


def test_the_business_has_the_shape_its_docstring_promises(con: sqlite3.Connection) -> None:
    def headcount(department: str, day: str) -> int:
        return _count(
            con,
            "SELECT count(*) FROM employees e JOIN departments d USING (department_id) "
            f"WHERE d.department_name = '{department}' AND e.hire_date <= '{day}' "
            f"AND (e.termination_date IS NULL OR e.termination_date > '{day}')",
        )

    assert headcount("Engineering", "2025-12-31") > 2.5 * headcount("Engineering", "2021-01-01")
    assert headcount("Customer Support", "2025-12-31") < 0.6 * headcount("Customer Support", "2021-01-01")
    leaving = dict(
        con.execute(
            "SELECT l.location_name, 1.0 * sum(e.termination_date IS NOT NULL) / count(*) FROM employees e "
            "JOIN locations l USING (location_id) GROUP BY l.location_name"
        ).fetchall()
    )
    assert max(leaving, key=leaving.get) == "Phoenix"
    assert leaving["Phoenix"] > 1.5 * max(v for k, v in leaving.items() if k != "Phoenix")
    hires_by_month = dict(
        con.execute("SELECT strftime('%m', hire_date), count(*) FROM employees WHERE hire_date >= '2021' GROUP BY 1")
    )
    assert max(hires_by_month, key=hires_by_month.get) == "08" and hires_by_month["12"] < hires_by_month["11"] / 2
    fill_days = dict(
        con.execute(
            "SELECT d.department_name, avg(julianday(r.filled_date) - julianday(r.opened_date)) "
            "FROM job_requisitions r JOIN departments d USING (department_id) WHERE r.status = 'Filled' GROUP BY 1"
        )
    )
    assert fill_days["Engineering"] > 2 * fill_days["Customer Support"]
    raise_by_rating = dict(
        con.execute(
            "SELECT r.rating, avg(s.annual_base_salary / p.annual_base_salary) FROM performance_reviews r "
            "JOIN salary_history s ON s.employee_id = r.employee_id AND s.effective_date = '2025-03-01' "
            "AND s.change_reason = 'Merit increase' JOIN salary_history p ON p.employee_id = s.employee_id "
            "AND p.end_date = '2025-02-28' WHERE r.review_cycle = '2024 Year-End' GROUP BY r.rating"
        )
    )
    assert list(raise_by_rating) == sorted(raise_by_rating, key=raise_by_rating.get)  # better rating, bigger raise


def test_build_is_deterministic(dataset: Path, tmp_path: Path) -> None:
    again = hr.build(tmp_path)
    assert again.read_bytes() == hr.database_path(dataset).read_bytes()
