"""The clinics warehouse and its held-out questions: built from scratch, documented, deterministic, consistent, and
every gold query runs and agrees with a second computation in Python over the generator's rows (not SQL). No
model; the questions are read as data only (they are the project's fair measure)."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from bench.warehouses import clinics
from tests.heldout_checks import (
    assert_every_table_and_column_commented,
    assert_golds_agree,
    assert_held_out_set,
    assert_periods_are_numbers,
    assert_rounded_golds_have_exact_twins,
    count,
    held_out_questions,
    in_year,
    mean,
    ranked,
    warehouse_fixtures,
)

END = date(2025, 12, 31)

dataset, con = warehouse_fixtures(clinics)


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    return clinics.clinics_rows()


def test_tables_are_sizeable_and_cover_two_years(dataset: Path, con: sqlite3.Connection) -> None:
    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(clinics.COMMENTS) and 5 <= len(tables) <= 8
    assert count(con, "SELECT count(*) FROM clinics") == 8
    assert count(con, "SELECT count(*) FROM insurers") == 5
    assert 25 <= count(con, "SELECT count(*) FROM practitioners") <= 40
    for table in ("patients", "episodes", "appointments", "invoices", "surveys"):
        assert count(con, f"SELECT count(*) FROM {table}") >= 3000, table
    dated = {
        "patients": "registered_date",
        "episodes": "start_date",
        "appointments": "appointment_date",
        "invoices": "invoice_date",
        "surveys": "sent_date",
    }
    for table, column in dated.items():
        first, last = con.execute(f"SELECT min({column}), max({column}) FROM {table}").fetchone()
        assert first.startswith("2024-01") and last.startswith("2025-12"), table
    every_date = (
        "SELECT min(d), max(d) FROM (SELECT registered_date AS d FROM patients UNION ALL SELECT start_date FROM "
        "episodes UNION ALL SELECT end_date FROM episodes UNION ALL SELECT booked_date FROM appointments UNION ALL "
        "SELECT appointment_date FROM appointments UNION ALL SELECT cancelled_date FROM appointments UNION ALL "
        "SELECT invoice_date FROM invoices UNION ALL SELECT paid_date FROM invoices UNION ALL SELECT sent_date FROM "
        "surveys UNION ALL SELECT response_date FROM surveys)"
    )
    assert con.execute(every_date).fetchone() == ("2024-01-01", "2025-12-31")
    assert clinics.database_path(dataset).stat().st_size < 10_000_000


def test_every_table_and_column_is_commented_in_its_ddl(con: sqlite3.Connection) -> None:
    assert_every_table_and_column_commented(con, clinics.COMMENTS)


def test_keys_and_business_rules_hold(con: sqlite3.Connection) -> None:
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    foreign_keys = {t: len(con.execute(f"PRAGMA foreign_key_list({t})").fetchall()) for t in clinics.COMMENTS}
    assert foreign_keys == {
        "clinics": 0,
        "practitioners": 1,
        "insurers": 0,
        "patients": 2,
        "episodes": 3,
        "appointments": 4,
        "invoices": 4,
        "surveys": 3,
    }
    sessions = (
        "(SELECT appointment_id, ROW_NUMBER() OVER (PARTITION BY episode_id ORDER BY appointment_date) AS session "
        "FROM appointments WHERE status = 'Attended')"
    )
    broken = {
        "two practitioners share a name": "SELECT count(*) - count(DISTINCT full_name) FROM practitioners",
        "a practitioner before their clinic opened, or leaving before starting": "SELECT count(*) FROM "
        "practitioners p JOIN clinics c USING (clinic_id) WHERE p.start_date < c.opened_date "
        "OR p.end_date < p.start_date OR p.weekly_hours <= 0",
        "an appointment disagrees with its episode, patient or practitioner": "SELECT count(*) FROM appointments a "
        "JOIN episodes e USING (episode_id) JOIN practitioners p ON p.practitioner_id = a.practitioner_id "
        "JOIN patients pt ON pt.patient_id = a.patient_id WHERE a.clinic_id <> e.clinic_id "
        "OR a.patient_id <> e.patient_id OR p.clinic_id <> a.clinic_id OR pt.home_clinic_id <> a.clinic_id",
        "an appointment on a closed day, or outside its practitioner's or clinic's time": "SELECT count(*) FROM "
        "appointments a JOIN practitioners p USING (practitioner_id) JOIN clinics c ON c.clinic_id = a.clinic_id "
        "WHERE a.booked_date > a.appointment_date OR a.booked_date < '2024-01-01' "
        "OR a.appointment_date > '2025-12-31' OR a.appointment_date < p.start_date "
        "OR a.appointment_date > p.end_date OR a.appointment_date < c.opened_date "
        "OR strftime('%w', a.appointment_date) = '0' OR substr(a.appointment_date, 6) IN ('12-25', '12-26', '01-01')",
        "a cancellation disagrees with the status": "SELECT count(*) FROM appointments "
        "WHERE (cancelled_date IS NOT NULL) <> (status = 'Cancelled') OR cancelled_date < booked_date "
        "OR cancelled_date > appointment_date OR status NOT IN ('Attended', 'Cancelled', 'No-show')",
        "a reminder before the system started, or of a late booking": "SELECT count(*) FROM appointments "
        "WHERE reminder_sent <> (appointment_date >= '2024-09-02' "
        "AND julianday(appointment_date) - julianday(booked_date) >= 2)",
        "an attended appointment without exactly one invoice, or an invoice of another": "SELECT count(*) FROM "
        "appointments a LEFT JOIN (SELECT appointment_id, count(*) AS n FROM invoices GROUP BY appointment_id) i "
        "USING (appointment_id) WHERE (a.status = 'Attended') <> (i.n IS NOT NULL) OR i.n > 1",
        "an invoice disagrees with its appointment or patient": "SELECT count(*) FROM invoices i "
        "JOIN appointments a USING (appointment_id) JOIN patients p ON p.patient_id = i.patient_id "
        "WHERE i.invoice_date <> a.appointment_date OR i.amount <> a.fee OR i.patient_id <> a.patient_id "
        "OR i.clinic_id <> a.clinic_id OR i.insurer_id IS NOT p.insurer_id",
        "an invoice's status disagrees with its payment": "SELECT count(*) FROM invoices WHERE "
        "(insurer_id IS NULL AND status NOT IN ('Paid', 'Unpaid')) "
        "OR (insurer_id IS NOT NULL AND status NOT IN ('Paid', 'Part paid', 'Denied', 'Pending')) "
        "OR (paid_date IS NOT NULL) <> (status IN ('Paid', 'Part paid')) "
        "OR (status = 'Paid' AND paid_amount <> amount) "
        "OR (status = 'Part paid' AND NOT (paid_amount > 0 AND paid_amount < amount)) "
        "OR (status NOT IN ('Paid', 'Part paid') AND paid_amount <> 0) "
        "OR (denial_reason IS NOT NULL) <> (status = 'Denied') OR paid_date < invoice_date",
        "a claim past the session limit paid, or denied for the limit within it": "SELECT count(*) FROM invoices i "
        f"JOIN {sessions} n USING (appointment_id) JOIN insurers s USING (insurer_id) WHERE (n.session "
        "> s.session_limit AND i.status IN ('Paid', 'Part paid')) OR (i.denial_reason = 'Session limit reached' "
        "AND n.session <= s.session_limit)",
        "a claim for an uncovered massage paid, or denied as uncovered when covered": "SELECT count(*) FROM "
        "invoices i JOIN appointments a USING (appointment_id) JOIN insurers s USING (insurer_id) WHERE "
        "(a.appointment_type = 'Sports massage' AND s.covers_sports_massage = 0 AND i.status IN ('Paid', "
        "'Part paid')) OR (i.denial_reason = 'Treatment not covered' AND (a.appointment_type <> 'Sports massage' "
        "OR s.covers_sports_massage = 1))",
        "a part payment or a missing pre-authorisation outside Crestline's new terms": "SELECT count(*) FROM "
        "invoices WHERE (status = 'Part paid' OR denial_reason = 'No pre-authorisation') "
        "AND (insurer_id <> 2 OR invoice_date < '2025-04-01')",
        "an episode's dates, lead practitioner or pain scores disagree with its appointments": "SELECT count(*) "
        "FROM episodes e JOIN (SELECT episode_id, min(appointment_date) AS first, max(appointment_date) AS last, "
        "sum(status = 'Attended') AS attended FROM appointments GROUP BY episode_id) a USING (episode_id) "
        "JOIN (SELECT episode_id, practitioner_id, ROW_NUMBER() OVER (PARTITION BY episode_id "
        "ORDER BY appointment_date) AS rn FROM appointments) f ON f.episode_id = e.episode_id AND f.rn = 1 "
        "WHERE e.start_date <> a.first OR (e.end_date IS NOT NULL AND e.end_date <> a.last) "
        "OR (e.status = 'Ongoing') <> (e.end_date IS NULL) "
        "OR e.status NOT IN ('Completed', 'Dropped out', 'Ongoing') "
        "OR (e.status = 'Completed') <> (a.attended = e.planned_sessions) OR a.attended > e.planned_sessions "
        "OR e.practitioner_id <> f.practitioner_id OR (e.pain_score_start IS NULL) <> (a.attended = 0) "
        "OR (e.pain_score_end IS NULL) <> (e.status <> 'Completed') OR e.pain_score_end > e.pain_score_start "
        "OR e.pain_score_start NOT BETWEEN 0 AND 10 OR e.pain_score_end NOT BETWEEN 0 AND 10",
        "an episode without appointments": "SELECT count(*) FROM episodes WHERE episode_id NOT IN "
        "(SELECT episode_id FROM appointments)",
        "a patient registered other than at their first booking": "SELECT count(*) FROM patients p "
        "LEFT JOIN (SELECT patient_id, min(booked_date) AS first FROM appointments GROUP BY patient_id) a "
        "USING (patient_id) WHERE a.first IS NULL OR p.registered_date <> a.first",
        "a survey without a closed episode, or a closed episode without its survey": "SELECT count(*) FROM "
        "episodes e LEFT JOIN surveys s USING (episode_id) WHERE (s.survey_id IS NOT NULL) <> (e.end_date IS NOT "
        "NULL AND e.end_date < '2025-12-31' AND e.pain_score_start IS NOT NULL) "
        "OR s.sent_date <> date(e.end_date, '+1 day') OR s.clinic_id <> e.clinic_id "
        "OR s.patient_id <> e.patient_id",
        "two surveys of one episode": "SELECT count(*) - count(DISTINCT episode_id) FROM surveys",
        "an answer out of place": "SELECT count(*) FROM surveys WHERE (response_date IS NULL) <> "
        "(recommend_score IS NULL) OR response_date < sent_date OR recommend_score NOT BETWEEN 0 AND 10",
    }
    for what, sql in broken.items():
        assert count(con, sql) == 0, what


def test_fees_follow_the_price_list(rows: dict) -> None:
    for a in rows["appointments"]:
        year = a["appointment_date"].year
        assert a["fee"] == clinics.price(a["appointment_type"], a["duration_minutes"], year, a["clinic_id"]), a
    # an episode's follow-ups come every few days: the next appointment is booked at the last one, or after it
    by_episode = defaultdict(list)
    for a in rows["appointments"]:
        by_episode[a["episode_id"]].append(a)
    for episode, appointments in by_episode.items():
        appointments.sort(key=lambda a: a["appointment_date"])
        for before, after in zip(appointments, appointments[1:], strict=False):
            assert after["appointment_date"] > before["appointment_date"], episode
            assert after["booked_date"] >= (before["cancelled_date"] or before["appointment_date"]), episode


def test_the_business_has_the_shape_its_docstring_promises(con: sqlite3.Connection) -> None:
    new = {
        (y, m): n
        for y, m, n in con.execute(
            "SELECT CAST(strftime('%Y', start_date) AS INTEGER), CAST(strftime('%m', start_date) AS INTEGER), "
            "count(*) FROM episodes GROUP BY 1, 2"
        )
    }
    for year in (2024, 2025):
        assert new[year, 1] > 1.4 * new[year, 8] and new[year, 10] > 1.3 * new[year, 12]
    attended = dict(
        con.execute(
            "SELECT substr(appointment_date, 1, 4), count(*) FROM appointments WHERE status = 'Attended' GROUP BY 1"
        )
    )
    assert attended["2025"] > 1.15 * attended["2024"]
    leeds = con.execute(
        "SELECT min(appointment_date), sum(substr(appointment_date, 1, 7) = '2025-06'), "
        "sum(substr(appointment_date, 1, 7) = '2025-11') FROM appointments WHERE clinic_id = 8"
    ).fetchone()
    assert "2025-05-06" <= leeds[0] < "2025-05-20" and leeds[2] > 2 * leeds[1]
    first = "SELECT min(appointment_date) FROM appointments WHERE practitioner_id = ?"
    assert con.execute(first, (9,)).fetchone()[0] >= "2024-10-07"
    no_show = dict(
        con.execute(
            "SELECT CASE WHEN appointment_date < '2024-09-02' THEN 'before' WHEN reminder_sent = 1 THEN 'reminded' "
            "ELSE 'not reminded' END, avg(status = 'No-show') FROM appointments WHERE status <> 'Cancelled' GROUP BY 1"
        )
    )
    assert no_show["reminded"] < 0.5 * min(no_show["before"], no_show["not reminded"])
    cancelled = dict(
        con.execute(
            "SELECT CAST(strftime('%m', appointment_date) AS INTEGER) IN (12, 1, 2), avg(status = 'Cancelled') "
            "FROM appointments WHERE CAST(strftime('%m', appointment_date) AS INTEGER) IN (12, 1, 2, 6, 7, 8) "
            "GROUP BY 1"
        )
    )
    assert cancelled[1] > 1.25 * cancelled[0]
    # the leaver: no appointment after their last day, patients handed over, the clinic short until the new hire
    leaver = con.execute("SELECT practitioner_id, end_date FROM practitioners WHERE end_date IS NOT NULL").fetchall()
    assert leaver == [(16, "2025-06-30")]
    last = "SELECT max(appointment_date) FROM appointments WHERE practitioner_id = 16"
    assert con.execute(last).fetchone()[0] <= "2025-06-30"
    handed_over = count(
        con,
        "SELECT count(DISTINCT a.episode_id) FROM appointments a JOIN episodes e USING (episode_id) "
        "WHERE e.practitioner_id = 16 AND a.practitioner_id <> 16",
    )
    assert handed_over > 10
    manchester = dict(
        con.execute(
            "SELECT substr(appointment_date, 1, 4), count(*) FROM appointments WHERE clinic_id = 5 "
            "AND status = 'Attended' AND substr(appointment_date, 6, 2) IN ('07', '08') GROUP BY 1"
        )
    )
    assert manchester["2025"] < 0.9 * manchester["2024"]
    assert con.execute(first, (26,)).fetchone()[0] >= "2025-09-01"
    # Crestline's new terms: more denials, slower payment, part payments
    crestline = {
        after: (denied, days)
        for after, denied, days in con.execute(
            "SELECT invoice_date >= '2025-04-01', avg(status = 'Denied'), "
            "avg(julianday(paid_date) - julianday(invoice_date)) FROM invoices WHERE insurer_id = 2 GROUP BY 1"
        )
    }
    assert crestline[1][0] > 1.5 * crestline[0][0] and crestline[1][1] > 1.6 * crestline[0][1]
    assert count(con, "SELECT count(*) FROM invoices WHERE status = 'Part paid'") > 500
    days = dict(
        con.execute(
            "SELECT insurer_id IS NULL, avg(julianday(paid_date) - julianday(invoice_date)) FROM invoices "
            "WHERE paid_date IS NOT NULL GROUP BY 1"
        )
    )
    assert days[1] < 2 and days[0] > 10
    # missed sessions lead to dropping out, and dropping out to lower scores
    dropped = dict(
        con.execute(
            "SELECT EXISTS (SELECT 1 FROM appointments a WHERE a.episode_id = e.episode_id AND a.status <> "
            "'Attended'), avg(e.status = 'Dropped out') FROM episodes e WHERE e.status <> 'Ongoing' GROUP BY 1"
        )
    )
    assert dropped[1] > 2 * dropped[0]
    scores = dict(
        con.execute(
            "SELECT e.status, avg(s.recommend_score) FROM surveys s JOIN episodes e USING (episode_id) GROUP BY 1"
        )
    )
    assert scores["Completed"] > scores["Dropped out"] + 1.5
    fees = dict(
        con.execute(
            "SELECT substr(appointment_date, 1, 4), avg(fee) FROM appointments WHERE appointment_type = 'Follow-up' "
            "AND duration_minutes = 30 AND clinic_id = 3 GROUP BY 1"
        )
    )
    assert fees == {"2024": 50.0, "2025": 52.0}


def test_build_is_deterministic(dataset: Path, tmp_path: Path, rows: dict) -> None:
    again = clinics.build(tmp_path)
    assert again.read_bytes() == clinics.database_path(dataset).read_bytes()
    assert clinics.clinics_rows() == rows


def test_held_out_gold_queries_run_and_answer(dataset: Path, con: sqlite3.Connection) -> None:
    results = assert_held_out_set(dataset, con, clinics, {"easy": 5, "medium": 5, "hard": 5, "extra": 5})
    assert_periods_are_numbers(results)


# --------------------------------------------------------------------------------------------
# The second computation: every answer again, in Python, from the generator's rows.


def _expected(rows: dict[str, list[dict]]) -> dict[str, list[tuple]]:
    clinic = {c["clinic_id"]: c["clinic_name"] for c in rows["clinics"]}
    practitioner = {p["practitioner_id"]: p for p in rows["practitioners"]}
    insurer = {i["insurer_id"]: i["insurer_name"] for i in rows["insurers"]}
    patient = {p["patient_id"]: p for p in rows["patients"]}
    appointments = rows["appointments"]
    appointment = {a["appointment_id"]: a for a in appointments}
    attended25 = [a for a in appointments if a["status"] == "Attended" and in_year(a["appointment_date"], 2025)]
    invoices = rows["invoices"]
    invoices25 = [i for i in invoices if in_year(i["invoice_date"], 2025)]
    out: dict[str, list[tuple]] = {}

    out["clinics-01"] = [(len(attended25),)]
    out["clinics-02"] = [(sum(i["amount"] for i in invoices if in_year(i["invoice_date"], 2024)),)]
    out["clinics-03"] = list(
        Counter(clinic[p["clinic_id"]] for p in practitioner.values() if p["end_date"] is None).items()
    )
    out["clinics-04"] = list(
        Counter(insurer[p["insurer_id"]] for p in patient.values() if p["insurer_id"] is not None).items()
    )
    out["clinics-05"] = [
        (sum(e["body_region"] == "Knee" and in_year(e["start_date"], 2025) for e in rows["episodes"]),)
    ]

    out["clinics-06"] = sorted(Counter(a["appointment_date"].month for a in attended25).items())

    by_clinic: Counter = Counter()
    for i in invoices25:
        by_clinic[clinic[i["clinic_id"]]] += i["amount"]
    out["clinics-07"] = [(c, 100 * v / sum(by_clinic.values())) for c, v in by_clinic.items()]

    seen = Counter(a["practitioner_id"] for a in attended25)
    out["clinics-08"] = [(practitioner[p]["full_name"], seen[p]) for p in ranked(seen, 5)]

    kept = defaultdict(list)
    for a in appointments:
        if a["status"] != "Cancelled":
            kept[a["appointment_date"].year].append(a["status"] == "No-show")
    out["clinics-09"] = [(year, 100 * mean(v)) for year, v in sorted(kept.items())]

    spent: Counter = Counter()
    treated = defaultdict(set)
    for i in invoices25:
        source = patient[i["patient_id"]]["referral_source"]
        spent[source] += i["amount"]
        treated[source].add(i["patient_id"])
    out["clinics-10"] = [(s, spent[s] / len(treated[s])) for s in spent]

    yearly: dict[str, Counter] = defaultdict(Counter)
    for i in invoices:
        yearly[clinic[i["clinic_id"]]][i["invoice_date"].year] += i["amount"]
    out["clinics-11"] = [
        (c, r[2024], r[2025], 100 * (r[2025] - r[2024]) / r[2024]) for c, r in yearly.items() if r[2024] and r[2025]
    ]

    claims = defaultdict(list)
    for i in invoices25:
        if i["insurer_id"] is not None:
            claims[insurer[i["insurer_id"]]].append(i["status"] == "Denied")
    out["clinics-12"] = [(name, len(v), 100 * mean(v)) for name, v in claims.items()]

    waits = defaultdict(list)
    for i in invoices25:
        if i["insurer_id"] is not None and i["status"] in ("Paid", "Part paid"):
            waits[insurer[i["insurer_id"]]].append((i["paid_date"] - i["invoice_date"]).days)
    out["clinics-13"] = [(name, mean(v)) for name, v in waits.items()]

    quarters = defaultdict(list)
    for a in appointments:
        day = a["appointment_date"]
        quarters[day.year, (day.month + 2) // 3].append(a["status"] == "Cancelled")
    out["clinics-14"] = [(y, q, 100 * mean(v)) for (y, q), v in sorted(quarters.items())]

    leads = defaultdict(list)
    for a in appointments:
        if a["appointment_type"] == "Initial assessment" and in_year(a["appointment_date"], 2025):
            leads[clinic[a["clinic_id"]]].append((a["appointment_date"] - a["booked_date"]).days)
    out["clinics-15"] = [(c, mean(v)) for c, v in leads.items()]

    monthly: Counter = Counter()
    for i in invoices25:
        monthly[i["invoice_date"].month] += i["amount"]
    running = 0.0
    out["clinics-16"] = []
    for month in sorted(monthly):
        running += monthly[month]
        out["clinics-16"].append((month, monthly[month], running))

    earned: dict[int, Counter] = defaultdict(Counter)
    for i in invoices25:
        earned[i["clinic_id"]][appointment[i["appointment_id"]]["practitioner_id"]] += i["amount"]
    out["clinics-17"] = [
        (clinic[c], practitioner[p]["full_name"], e[p]) for c, e in sorted(earned.items()) for p in ranked(e, 2)
    ]

    minutes: Counter = Counter()
    for a in attended25:
        minutes[a["practitioner_id"]] += a["duration_minutes"]
    whole_year = [p for p in practitioner.values() if p["start_date"] < date(2025, 1, 1) and p["end_date"] is None]
    assert all(minutes[p["practitioner_id"]] > 0 for p in whole_year)
    out["clinics-18"] = [
        (p["full_name"], 100 * minutes[p["practitioner_id"]] / 60 / (p["weekly_hours"] * 52)) for p in whole_year
    ]

    answers = defaultdict(list)
    for s in rows["surveys"]:
        if in_year(s["response_date"], 2025):
            answers[clinic[s["clinic_id"]]].append(s["recommend_score"])
    out["clinics-19"] = [
        (c, len(v), 100 * sum(x >= 9 for x in v) / len(v) - 100 * sum(x <= 6 for x in v) / len(v))
        for c, v in answers.items()
    ]

    visits = Counter(a["episode_id"] for a in appointments if a["status"] == "Attended")
    completed = defaultdict(list)
    for e in rows["episodes"]:
        if e["status"] == "Completed" and in_year(e["end_date"], 2025):
            completed[e["body_region"]].append(e)
    out["clinics-20"] = [
        (
            region,
            len(v),
            mean([visits[e["episode_id"]] for e in v]),
            mean([e["pain_score_start"] - e["pain_score_end"] for e in v]),
        )
        for region, v in completed.items()
    ]
    return out


def test_every_gold_answer_agrees_with_a_second_computation(con: sqlite3.Connection, rows: dict) -> None:
    assert_golds_agree(con, held_out_questions(clinics), _expected(rows))


def test_rounded_golds_have_an_exact_twin_far_from_a_rounding_edge(con: sqlite3.Connection) -> None:
    """A question that asks for rounding holds the rounded gold and the same query unrounded; no exact value lies
    so near a half unit that summing in another order could round it the other way."""
    assert_rounded_golds_have_exact_twins(con, held_out_questions(clinics))


def test_every_day_the_data_covers_is_a_day_the_clinics_know(rows: dict) -> None:
    """The open-day rule the appointments follow is the one the clinics table's comment states."""
    closed = [date(2024, 12, 25), date(2024, 12, 26), date(2025, 1, 1), date(2024, 1, 7)]
    assert not any(clinics.is_open(day) for day in closed)
    assert clinics.is_open(date(2024, 1, 6)) and clinics.is_open(date(2025, 12, 31))
    days = {a["appointment_date"] for a in rows["appointments"]}
    assert all(clinics.is_open(day) for day in days)
    assert max(days) <= END and min(days) >= END - timedelta(days=730)
