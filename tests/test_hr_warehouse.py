"""The HR warehouse and its held-out questions: built from scratch, documented, deterministic, consistent, and
every gold query runs and agrees with a second computation in Python over the generator's rows (not SQL). No
model; the questions are read as data only (they are the project's fair measure)."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from bench.dataset import load_questions
from bench.warehouses import hr
from tests.heldout_checks import (
    assert_every_table_and_column_commented,
    assert_golds_agree,
    assert_golds_run_and_answer,
    count,
    golds,
    held_out_questions,
    in_year,
    mean,
    ranked,
    warehouse_fixtures,
)

END = date(2025, 12, 31)

dataset, con = warehouse_fixtures(hr)


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    return hr.hr_rows()


def test_tables_are_sizeable_and_cover_five_years(con: sqlite3.Connection) -> None:
    assert {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} == set(hr.COMMENTS)
    assert 1000 <= count(con, "SELECT count(*) FROM employees") <= 3000
    for table in ("salary_history", "performance_reviews", "applications", "absences", "training_enrollments"):
        assert count(con, f"SELECT count(*) FROM {table}") > count(con, "SELECT count(*) FROM employees"), table
    first, last = con.execute(
        "SELECT min(hire_date), max(hire_date) FROM employees WHERE hire_date >= '2021'"
    ).fetchone()
    assert first.startswith("2021-0") and last.startswith("2025-12")
    assert con.execute("SELECT max(termination_date) FROM employees").fetchone()[0] <= "2025-12-31"


def test_every_table_and_column_is_commented_in_its_ddl(con: sqlite3.Connection) -> None:
    assert_every_table_and_column_commented(con, hr.COMMENTS)


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
        assert count(con, sql) == 0, what
    weekdays = con.execute("SELECT start_date, end_date, working_days FROM absences").fetchall()
    for start, end, days in weekdays[::50]:
        first, last = date.fromisoformat(start), date.fromisoformat(end)
        assert days == sum((first + timedelta(n)).weekday() < 5 for n in range((last - first).days + 1))


def test_the_business_has_the_shape_its_docstring_promises(con: sqlite3.Connection) -> None:
    def headcount(department: str, day: str) -> int:
        return count(
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


def test_held_out_gold_queries_run_and_answer(dataset: Path, con: sqlite3.Connection) -> None:
    questions = load_questions(dataset)
    raw = held_out_questions(hr)
    assert len(questions) == len(raw) == 20
    assert {q.hardness for q in questions} == {"analyst"} and {q.db_id for q in questions} == {"hr"}
    assert len({q.question for q in questions}) == len(questions)
    assert [q.db_path for q in questions] == [hr.database_path(dataset).resolve()] * 20
    assert_golds_run_and_answer(con, questions, raw)


# --------------------------------------------------------------------------------------------
# The second computation: every answer again, in Python, from the generator's rows.


def _employed(e: dict, day: date) -> bool:
    return e["hire_date"] <= day and (e["termination_date"] is None or e["termination_date"] > day)


def _anniversary(day: date) -> date:
    """date(day, '+1 year') as SQLite computes it: 29 February rolls over to 1 March."""
    return date(day.year + 1, 3, 1) if (day.month, day.day) == (2, 29) else day.replace(year=day.year + 1)


def _expected(rows: dict[str, list[dict]]) -> dict[str, list[tuple]]:
    employees = rows["employees"]
    dept = {d["department_id"]: d["department_name"] for d in rows["departments"]}
    loc = {x["location_id"]: x["location_name"] for x in rows["locations"]}
    current: dict[int, dict] = {}
    for s in rows["salary_history"]:
        if s["employee_id"] not in current or s["effective_date"] > current[s["employee_id"]]["effective_date"]:
            current[s["employee_id"]] = s
    staying = [e for e in employees if e["termination_date"] is None]
    by_id = {e["employee_id"]: e for e in employees}

    def headcount(day: date, key: str) -> Counter:
        return Counter(e[key] for e in employees if _employed(e, day))

    out: dict[str, list[tuple]] = {}

    h24, h25 = headcount(date(2024, 12, 31), "department_id"), headcount(END, "department_id")
    out["hr-01"] = [(dept[i], 100 * (h25[i] - h24[i]) / h24[i]) for i in dept]

    hires = {y: Counter(e["location_id"] for e in employees if in_year(e["hire_date"], y)) for y in (2024, 2025)}
    out["hr-02"] = [(loc[i], 100 * (hires[2025][i] - hires[2024][i]) / hires[2024][i]) for i in loc]

    company = {y: sum(_employed(e, date(y, 12, 31)) for e in employees) for y in range(2021, 2026)}
    out["hr-03"] = [(y, 100 * (company[y] - company[y - 1]) / company[y - 1]) for y in range(2022, 2026)]

    pay = defaultdict(list)
    for e in staying:
        pay[e["department_id"]].append(current[e["employee_id"]]["annual_base_salary"])
    out["hr-04"] = [(dept[i], mean(v)) for i, v in pay.items()]

    hours = {c["course_id"]: c["duration_hours"] for c in rows["training_courses"]}
    trained_hours, trained_people = Counter(), defaultdict(set)
    for t in rows["training_enrollments"]:
        if t["status"] == "Completed" and in_year(t["completed_date"], 2025):
            d = by_id[t["employee_id"]]["department_id"]
            trained_hours[d] += hours[t["course_id"]]
            trained_people[d].add(t["employee_id"])
    out["hr-05"] = [(dept[d], trained_hours[d] / len(p)) for d, p in trained_people.items()]

    opened = {
        r["requisition_id"]: r["department_id"] for r in rows["job_requisitions"] if in_year(r["opened_date"], 2025)
    }
    applied = Counter(opened[a["requisition_id"]] for a in rows["applications"] if a["requisition_id"] in opened)
    requisitions = Counter(opened.values())
    out["hr-06"] = [(dept[d], applied[d] / n) for d, n in requisitions.items()]

    reasons = Counter(
        e["termination_reason"]
        for e in employees
        if e["termination_type"] == "Voluntary" and in_year(e["termination_date"], 2025)
    )
    out["hr-07"] = [(r, 100 * n / reasons.total()) for r, n in reasons.items()]

    hired_through = {r["requisition_id"]: r["hired_employee_id"] for r in rows["job_requisitions"]}
    source_of = {
        hired_through[a["requisition_id"]]: a["source"] for a in rows["applications"] if a["status"] == "Hired"
    }
    hired_2025 = [e["employee_id"] for e in employees if in_year(e["hire_date"], 2025)]
    sources = Counter(source_of[i] for i in hired_2025)
    out["hr-08"] = [(s, 100 * n / len(hired_2025)) for s, n in sources.items()]

    ratings = defaultdict(list)
    for r in rows["performance_reviews"]:
        if r["review_cycle"] in ("2024 Year-End", "2025 Year-End"):
            ratings[(by_id[r["employee_id"]]["department_id"], r["review_cycle"][:4])].append(r["rating"])
    out["hr-09"] = [(dept[d], mean(ratings[(d, "2024")]), mean(ratings[(d, "2025")])) for d in dept]

    resigned = {
        y: Counter(
            e["location_id"]
            for e in employees
            if e["termination_type"] == "Voluntary" and in_year(e["termination_date"], y)
        )
        for y in (2024, 2025)
    }
    out["hr-10"] = [
        (loc[i], resigned[2024][i], resigned[2025][i]) for i in loc if resigned[2024][i] + resigned[2025][i]
    ]

    sick = defaultdict(Counter)
    for a in rows["absences"]:
        if a["absence_type"] == "Sick leave" and in_year(a["start_date"], 2025):
            e = by_id[a["employee_id"]]
            sick[e["location_id"]][dept[e["department_id"]]] += a["working_days"]
    out["hr-11"] = [(loc[i], d) for i, days in sick.items() for d in ranked(days, 2)]

    local_pay = defaultdict(lambda: defaultdict(list))
    for e in staying:
        local_pay[dept[e["department_id"]]][loc[e["location_id"]]].append(
            current[e["employee_id"]]["annual_base_salary"]
        )
    out["hr-12"] = [
        (d, place) for d, places in local_pay.items() for place in ranked({p: mean(v) for p, v in places.items()}, 2)
    ]

    fill = defaultdict(list)
    for r in rows["job_requisitions"]:
        if r["status"] == "Filled" and in_year(r["filled_date"], 2025):
            fill[r["department_id"]].append((r["filled_date"] - r["opened_date"]).days)
    out["hr-13"] = [(dept[d], mean(v)) for d, v in fill.items()]

    lengths = defaultdict(list)
    for a in rows["absences"]:
        if in_year(a["start_date"], 2025):
            lengths[a["absence_type"]].append((a["end_date"] - a["start_date"]).days + 1)
    out["hr-14"] = [(kind, mean(v)) for kind, v in lengths.items()]

    monthly = Counter(f"{e['hire_date']:%Y-%m}" for e in employees if in_year(e["hire_date"], 2025))
    running = 0
    out["hr-15"] = []
    for month in sorted(monthly):
        running += monthly[month]
        out["hr-15"].append((month, running))

    title = {j["job_id"]: j["job_title"] for j in rows["jobs"]}
    job_of = {r["requisition_id"]: r["job_id"] for r in rows["job_requisitions"]}
    per_job = Counter(
        title[job_of[a["requisition_id"]]] for a in rows["applications"] if in_year(a["applied_date"], 2025)
    )
    out["hr-16"] = [(t,) for t in ranked(per_job, 5)]

    start, end = headcount(date(2025, 1, 1), "location_id"), headcount(END, "location_id")
    left = Counter(e["location_id"] for e in employees if in_year(e["termination_date"], 2025))
    out["hr-17"] = [(loc[i], 100 * left[i] / ((start[i] + end[i]) / 2)) for i in loc]

    cohort = defaultdict(list)
    for e in employees:
        if in_year(e["hire_date"], 2024):
            kept = e["termination_date"] is None or e["termination_date"] > _anniversary(e["hire_date"])
            cohort[e["department_id"]].append(kept)
    out["hr-18"] = [(dept[d], 100 * sum(v) / len(v)) for d, v in cohort.items()]

    out["hr-19"] = []
    for month in range(1, 13):
        first = date(2025, month, 1)
        gone = sum(
            1 for e in employees if in_year(e["termination_date"], 2025) and e["termination_date"].month == month
        )
        out["hr-19"].append((f"2025-{month:02d}", 100 * gone / sum(_employed(e, first) for e in employees)))

    june = headcount(date(2025, 6, 30), "department_id")
    out["hr-20"] = [(dept[d], n) for d, n in june.items()]
    return out


def _places_before_as(sql: str) -> list[int]:
    """The decimals of every `ROUND(x, n) AS name` in `sql`, read by the pattern `, n) AS `."""
    return [int(n) for n in re.findall(r", (\d)\) AS ", sql)]


def test_every_gold_answer_agrees_with_a_second_computation(con: sqlite3.Connection, rows: dict) -> None:
    assert_golds_agree(con, held_out_questions(hr), _expected(rows), places_of=_places_before_as)


def test_rounded_golds_round_percentages_to_one_decimal_and_averages_to_two() -> None:
    for question in held_out_questions(hr):
        sqls = golds(question)
        rounded = [g for g in sqls if "ROUND(" in g]
        if rounded:
            assert len(sqls) == 2 * len(rounded), question["id"]  # each rounded gold has its exact twin
            places = (
                "1)" if question["kind"] in {"growth", "share", "attrition rate", "retention", "turnover"} else "2)"
            )
            assert all(f", {places} AS" in g for g in rounded), question["id"]
        assert "'YYYY-MM'" not in question["question"] or "strftime('%Y-%m'" in sqls[0], question["id"]
