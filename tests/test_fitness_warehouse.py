"""The fitness club chain's warehouse and its held-out questions: built from scratch, documented, deterministic,
consistent, and every gold query runs and agrees with a second computation in Python over the generator's rows (not
SQL). No model; the questions are read as data only (they are the project's fair measure)."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from bench.warehouses import fitness
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
    untied_top,
    warehouse_fixtures,
)

dataset, con = warehouse_fixtures(fitness)


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    return fitness.fitness_rows()


def test_tables_are_sizeable_and_cover_two_years(dataset: Path, con: sqlite3.Connection) -> None:
    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(fitness.COMMENTS) and len(tables) == 13
    assert count(con, "SELECT count(*) FROM clubs") == 5
    assert count(con, "SELECT count(*) FROM membership_plans") == 5
    assert count(con, "SELECT count(*) FROM instructors") == 22
    assert count(con, "SELECT count(*) FROM class_types") == 8
    assert count(con, "SELECT count(*) FROM members") >= 3500
    assert count(con, "SELECT count(*) FROM membership_freezes") >= 300
    assert count(con, "SELECT count(*) FROM invoices") >= 30_000
    assert count(con, "SELECT count(*) FROM check_ins") >= 200_000
    assert count(con, "SELECT count(*) FROM class_sessions") >= 9000
    assert count(con, "SELECT count(*) FROM class_bookings") >= 100_000
    assert count(con, "SELECT count(*) FROM pt_packages") >= 500
    assert count(con, "SELECT count(*) FROM pt_sessions") >= 3000
    assert count(con, "SELECT count(*) FROM retail_sales") >= 20_000
    dated = (
        ("members", "join_date"),
        ("members", "cancel_date"),
        ("membership_freezes", "start_date"),
        ("invoices", "invoice_date"),
        ("invoices", "paid_date"),
        ("check_ins", "check_in_time"),
        ("class_sessions", "start_time"),
        ("class_bookings", "booked_time"),
        ("pt_packages", "purchase_date"),
        ("pt_sessions", "session_time"),
        ("retail_sales", "sale_time"),
    )
    for table, column in dated:
        first, last = con.execute(
            f"SELECT min({column}), max({column}) FROM {table} WHERE {column} BETWEEN '2024-01-01' AND '2025-12-32'"
        ).fetchone()
        assert first.startswith("2024-01") and last.startswith("2025-12"), (table, column)
    # Only members who joined before the data lie before it (and a class booked on 2023-12-31 for 2024-01-01);
    # nothing happens after 2025-12-31 but the agreed ends of freezes, periods and packages.
    for table, column in (
        ("members", "join_date"),
        ("members", "cancel_date"),
        ("invoices", "invoice_date"),
        ("invoices", "paid_date"),
        ("check_ins", "check_in_time"),
        ("class_sessions", "start_time"),
        ("class_bookings", "booked_time"),
        ("pt_packages", "purchase_date"),
        ("pt_sessions", "session_time"),
        ("retail_sales", "sale_time"),
        ("membership_freezes", "start_date"),
        ("instructors", "hire_date"),
        ("clubs", "opened_date"),
    ):
        assert count(con, f"SELECT max({column}) FROM {table}") <= "2025-12-31 23:59", (table, column)
    for table, column in (
        ("invoices", "invoice_date"),
        ("check_ins", "check_in_time"),
        ("class_sessions", "start_time"),
        ("pt_packages", "purchase_date"),
        ("retail_sales", "sale_time"),
        ("membership_freezes", "start_date"),
        ("members", "cancel_date"),
    ):
        assert count(con, f"SELECT min({column}) FROM {table}") >= "2024-01-01", (table, column)
    assert count(con, "SELECT min(booked_time) FROM class_bookings") >= "2023-12-27"
    assert count(con, "SELECT max(end_date) FROM membership_freezes") <= "2026-04-01"
    assert count(con, "SELECT min(join_date) FROM members") >= "2012-03-01"
    assert fitness.database_path(dataset).stat().st_size < 25_000_000


def test_every_table_and_column_is_commented_in_its_ddl(con: sqlite3.Connection) -> None:
    assert_every_table_and_column_commented(con, fitness.COMMENTS)


def test_keys_and_business_rules_hold(con: sqlite3.Connection) -> None:
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    foreign_keys = {t: len(con.execute(f"PRAGMA foreign_key_list({t})").fetchall()) for t in fitness.COMMENTS}
    assert foreign_keys == {
        "clubs": 0,
        "membership_plans": 0,
        "members": 2,
        "membership_freezes": 1,
        "invoices": 1,
        "check_ins": 2,
        "instructors": 1,
        "class_types": 0,
        "class_sessions": 3,
        "class_bookings": 2,
        "pt_packages": 2,
        "pt_sessions": 1,
        "retail_sales": 2,
    }
    frozen_on = (
        "EXISTS (SELECT 1 FROM membership_freezes f WHERE f.member_id = {member} AND {day} BETWEEN f.start_date "
        "AND f.end_date)"
    )
    frozen_join = (
        "LEFT JOIN membership_freezes f ON f.member_id = {member} AND {day} BETWEEN f.start_date AND f.end_date"
    )
    member_on = (  # with frozen_join
        "{day} >= m.join_date AND (m.cancel_date IS NULL OR {day} <= m.cancel_date) AND {day} >= c.opened_date AND "
        "f.freeze_id IS NULL"
    )
    broken = {
        "names that should be unique are not": "SELECT (SELECT count(*) - count(DISTINCT club_name) FROM clubs) + "
        "(SELECT count(*) - count(DISTINCT plan_name) FROM membership_plans) + (SELECT count(*) - count(DISTINCT "
        "full_name) FROM instructors) + (SELECT count(*) - count(DISTINCT class_name) FROM class_types)",
        "a member whose dates, status or promotion do not add up": "SELECT count(*) FROM members m JOIN clubs c ON "
        "c.club_id = m.home_club_id JOIN membership_plans p USING (plan_id) WHERE (m.status = 'Cancelled') <> "
        "(m.cancel_date IS NOT NULL) OR (m.cancel_date IS NULL) <> (m.cancel_reason IS NULL) OR m.cancel_date < "
        "m.join_date OR m.cancel_date < '2024-01-01' OR m.join_date < date(m.date_of_birth, '+16 years') OR "
        "m.status NOT IN ('Active', 'Frozen', 'Cancelled') OR m.gender NOT IN ('F', 'M') OR m.signup_channel NOT IN "
        "('Walk-in', 'Website', 'Referral', 'Corporate partner') OR m.join_date >= p.closed_to_new_date OR "
        "(m.join_date < c.opened_date AND m.promotion_code IS NOT 'FOUNDER') OR (m.promotion_code = 'FOUNDER') <> "
        "(m.join_date < c.opened_date AND m.join_date >= '2025-04-15') OR (m.promotion_code = 'NEWYEAR25') <> "
        "(m.join_date BETWEEN '2025-01-01' AND '2025-01-31') OR (m.promotion_code = 'SUMMER24') <> (m.join_date "
        "BETWEEN '2024-06-15' AND '2024-07-31' AND p.billing_period = 'Monthly') OR (m.status = 'Frozen') <> "
        "(m.cancel_date IS NULL AND " + frozen_on.format(member="m.member_id", day="'2025-12-31'") + ") OR "
        "(m.cancel_reason = 'Did not renew') <> (m.cancel_reason IS NOT NULL AND p.billing_period = 'Annual' AND "
        "m.cancel_reason <> 'Non-payment')",
        "a freeze that does not fit its membership": "SELECT count(*) FROM membership_freezes f JOIN members m USING "
        "(member_id) JOIN membership_plans p USING (plan_id) WHERE p.billing_period <> 'Monthly' OR f.start_date <= "
        "m.join_date OR f.end_date <= f.start_date OR f.end_date > coalesce(m.cancel_date, '9999') OR f.reason NOT "
        "IN ('Travel', 'Injury', 'Medical', 'Financial', 'Other') OR EXISTS (SELECT 1 FROM membership_freezes g "
        "WHERE g.member_id = f.member_id AND g.freeze_id <> f.freeze_id AND g.start_date BETWEEN f.start_date AND "
        "f.end_date)",
        "an invoice whose payment does not add up": "SELECT count(*) FROM invoices WHERE status NOT IN ('Paid', "
        "'Failed', 'Open') OR invoice_type NOT IN ('Joining fee', 'Membership', 'Freeze fee') OR (status = 'Paid') "
        "<> (paid_date IS NOT NULL) OR declined_attempts NOT BETWEEN 0 AND 3 OR (status = 'Failed') <> "
        "(declined_attempts = 3) OR (decline_reason IS NULL) <> (declined_attempts = 0) OR decline_reason NOT IN "
        "('Insufficient funds', 'Card expired', 'Card declined') OR paid_date <> date(invoice_date, CASE "
        "declined_attempts WHEN 0 THEN '+0 days' WHEN 1 THEN '+3 days' ELSE '+7 days' END) OR (status = 'Open' AND "
        "date(invoice_date, CASE declined_attempts WHEN 1 THEN '+3 days' ELSE '+7 days' END) <= '2025-12-31') OR "
        "(invoice_type = 'Joining fee') <> (period_start IS NULL) OR (period_start IS NULL) <> (period_end IS NULL) "
        "OR period_start <> invoice_date OR period_end <= period_start OR amount <= 0",
        "an invoice that does not fit its member, plan and price": "SELECT count(*) FROM invoices i JOIN members m "
        "USING (member_id) JOIN membership_plans p USING (plan_id) WHERE i.invoice_date < m.join_date OR "
        "i.invoice_date > coalesce(m.cancel_date, '9999') OR CASE i.invoice_type WHEN 'Joining fee' THEN i.amount "
        "<> p.joining_fee OR i.invoice_date <> m.join_date OR coalesce(m.promotion_code, '') IN ('NEWYEAR25', "
        "'FOUNDER') WHEN 'Freeze fee' THEN i.amount <> 9.99 OR NOT "
        + frozen_on.format(member="i.member_id", day="i.invoice_date")
        + " WHEN 'Membership' THEN "
        + frozen_on.format(member="i.member_id", day="i.invoice_date")
        + " OR i.amount NOT IN (CASE WHEN i.invoice_date >= '2025-03-01' THEN p.price ELSE p.previous_price END, "
        "CASE WHEN m.promotion_code = 'SUMMER24' THEN round(p.previous_price / 2 + 0.00001, 2) END) OR "
        "(p.billing_period = 'Annual' AND i.period_end <> date(i.period_start, '+1 year', '-1 day') AND "
        "i.period_start NOT LIKE '%-02-2_') END OR (p.billing_period = 'Monthly' AND i.invoice_type <> 'Joining "
        "fee' AND i.period_end <> date(i.period_start, '+1 month', '-1 day') AND i.period_start = m.join_date AND "
        "CAST(substr(m.join_date, 9, 2) AS INTEGER) <= 28)",
        "a member billed twice for a period, or not billed for one": "SELECT (SELECT count(*) FROM (SELECT member_id, "
        "period_start FROM invoices WHERE period_start IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1)) + (SELECT "
        "count(*) FROM (SELECT member_id, period_end, lead(period_start) OVER (PARTITION BY member_id ORDER BY "
        "period_start) AS next FROM invoices WHERE period_start IS NOT NULL) WHERE next IS NOT date(period_end, "
        "'+1 day') AND next IS NOT NULL)",
        "a cancellation that does not fit the billing": "SELECT count(*) FROM members m LEFT JOIN (SELECT member_id, "
        "invoice_date FROM invoices WHERE status = 'Failed') f USING (member_id) LEFT JOIN (SELECT member_id, "
        "max(period_start) AS last_start FROM invoices WHERE period_start IS NOT NULL GROUP BY 1) l USING "
        "(member_id) LEFT JOIN invoices i ON i.member_id = l.member_id AND i.period_start = l.last_start WHERE "
        "(m.cancel_reason = 'Non-payment') <> (f.member_id IS NOT NULL) OR (f.member_id IS NOT NULL AND "
        "m.cancel_date <> date(f.invoice_date, '+7 days')) OR (m.cancel_reason <> 'Non-payment' AND i.period_end "
        "<> m.cancel_date)",
        "a check-in by someone who was not a member that day, or at a club they may not use": "SELECT (SELECT "
        "count(*) FROM check_ins k JOIN members m USING (member_id) JOIN membership_plans p USING (plan_id) JOIN "
        "clubs c ON c.club_id = k.club_id "
        + frozen_join.format(member="m.member_id", day="date(k.check_in_time)")
        + " WHERE NOT ("
        + member_on.format(day="date(k.check_in_time)")
        + ") OR (k.club_id <> m.home_club_id AND p.all_clubs_access = 0) OR (p.off_peak_only = 1 AND "
        "strftime('%w', k.check_in_time) NOT IN ('0', '6') AND substr(k.check_in_time, 12) NOT BETWEEN '09:00' AND "
        "'15:59') OR k.check_in_time LIKE '%-12-25 %') + (SELECT count(*) FROM (SELECT member_id FROM check_ins "
        "GROUP BY member_id, date(check_in_time) HAVING count(*) > 1))",
        "a class that does not fit its club and instructor": "SELECT count(*) FROM class_sessions s JOIN clubs c "
        "USING (club_id) JOIN instructors i USING (instructor_id) JOIN class_types t USING (class_type_id) WHERE "
        "i.club_id <> s.club_id OR i.role <> 'Group instructor' OR date(s.start_time) < i.hire_date OR "
        "date(s.start_time) < c.opened_date OR (t.class_name = 'Aqua Fit' AND c.has_pool = 0) OR s.status NOT IN "
        "('Held', 'Cancelled') OR s.start_time LIKE '%-12-25 %'",
        "a booking that does not fit its class or its member": "SELECT (SELECT count(*) FROM class_bookings b JOIN "
        "class_sessions s USING (session_id) JOIN members m USING (member_id) JOIN membership_plans p USING "
        "(plan_id) JOIN clubs c ON c.club_id = s.club_id "
        + frozen_join.format(member="m.member_id", day="date(s.start_time)")
        + " LEFT JOIN check_ins k ON k.member_id = b.member_id AND k.club_id = s.club_id AND k.check_in_time "
        "BETWEEN date(s.start_time) AND s.start_time WHERE b.booked_time >= s.start_time OR s.club_id <> "
        "m.home_club_id OR NOT ("
        + member_on.format(day="date(s.start_time)")
        + ") OR (s.status = 'Cancelled') <> (b.status = 'Class cancelled') OR b.status NOT IN ('Attended', "
        "'No-show', 'Late cancel', 'Cancelled', 'Class cancelled') OR (b.status = 'Late cancel' AND "
        "julianday(s.start_time) - julianday(b.booked_time) <= 0.5) OR (p.off_peak_only = 1 AND strftime('%w', "
        "s.start_time) NOT IN ('0', '6') AND substr(s.start_time, 12) NOT BETWEEN '09:00' AND '15:59') OR (b.status = "
        "'Attended' AND k.check_in_id IS NULL)) + (SELECT count(*) FROM (SELECT b.member_id FROM class_bookings b "
        "JOIN class_sessions s USING (session_id) GROUP BY b.member_id, date(s.start_time) HAVING count(*) > 1)) "
        "+ (SELECT count(*) FROM (SELECT s.session_id FROM class_bookings b JOIN class_sessions s USING "
        "(session_id) JOIN class_types t USING (class_type_id) GROUP BY s.session_id HAVING count(*) > "
        "max(t.capacity)))",
        "personal training that does not fit its package, trainer or member": "SELECT (SELECT count(*) FROM "
        "pt_packages k JOIN members m USING (member_id) JOIN instructors i ON i.instructor_id = k.trainer_id JOIN "
        "clubs c ON c.club_id = m.home_club_id "
        + frozen_join.format(member="m.member_id", day="k.purchase_date")
        + " WHERE i.role <> 'Personal trainer' OR i.club_id <> m.home_club_id OR k.purchase_date < i.hire_date OR "
        "NOT ("
        + member_on.format(day="k.purchase_date")
        + ") OR k.expiry_date <> date(k.purchase_date, CASE k.package_name WHEN 'Intro 3' THEN '+30 days' ELSE "
        "'+90 days' END) OR (k.package_name, k.sessions_included, k.price) NOT IN (VALUES ('Intro 3', 3, 99.0), "
        "('5 sessions', 5, 375.0), ('10 sessions', 10, 700.0), ('20 sessions', 20, 1300.0))) + (SELECT count(*) "
        "FROM pt_sessions s JOIN pt_packages k USING (package_id) JOIN members m USING (member_id) JOIN clubs c ON "
        "c.club_id = m.home_club_id "
        + frozen_join.format(member="m.member_id", day="date(s.session_time)")
        + " LEFT JOIN check_ins v ON v.member_id = m.member_id AND v.club_id = m.home_club_id AND v.check_in_time "
        "BETWEEN date(s.session_time) AND s.session_time WHERE date(s.session_time) <= k.purchase_date OR "
        "date(s.session_time) > k.expiry_date OR s.status NOT IN ('Completed', 'No-show') OR NOT ("
        + member_on.format(day="date(s.session_time)")
        + ") OR (s.status = 'Completed' AND v.check_in_id IS NULL)) + (SELECT count(*) FROM (SELECT s.package_id "
        "FROM pt_sessions s JOIN pt_packages k USING (package_id) GROUP BY 1 HAVING count(*) > "
        "max(k.sessions_included)))",
        "a sale whose sums do not add up, or by a member who had not come in": "SELECT count(*) FROM retail_sales s "
        "JOIN clubs c USING (club_id) LEFT JOIN check_ins k ON k.member_id = s.member_id AND k.club_id = s.club_id "
        "AND k.check_in_time BETWEEN date(s.sale_time) AND s.sale_time WHERE abs(s.total_amount - "
        "round(s.quantity * s.unit_price - s.discount_amount, 2)) > 0.001 OR s.discount_amount <> CASE WHEN "
        "s.member_id IS NOT NULL AND s.category <> 'Café' THEN round(s.quantity * s.unit_price * 0.1 + 0.00001, 2) "
        "ELSE 0 END OR s.category NOT IN ('Café', 'Supplements', 'Apparel', 'Accessories') OR s.quantity < 1 OR "
        "date(s.sale_time) < c.opened_date OR s.sale_time LIKE '%-12-25 %' OR (s.member_id IS NOT NULL AND "
        "k.check_in_id IS NULL)",
    }
    for what, sql in broken.items():
        assert count(con, sql) == 0, what


def test_the_business_has_its_shape(con: sqlite3.Connection) -> None:
    def by(sql: str) -> dict:
        return {row[0] if len(row) == 2 else row[:-1]: row[-1] for row in con.execute(sql)}

    # January surges in sign-ups, and January 2025 (NEWYEAR25) more than January 2024
    joined = by("SELECT substr(join_date, 1, 7), count(*) FROM members WHERE join_date >= '2024' GROUP BY 1")
    for year in ("2024", "2025"):
        others = [n for month, n in joined.items() if month.startswith(year) and not month.endswith("-01")]
        assert joined[f"{year}-01"] > 2 * mean(others)
        assert joined[f"{year}-12"] < mean(others)
    assert joined["2025-01"] > 1.15 * joined["2024-01"]
    # visits dip in summer; more freezes start in summer
    visits = by("SELECT CAST(substr(check_in_time, 6, 2) AS INTEGER), count(*) FROM check_ins GROUP BY 1")
    assert max(visits[6], visits[7], visits[8]) < 0.8 * visits[1]
    freezes = by(
        "SELECT CAST(substr(start_date, 6, 2) AS INTEGER) IN (6, 7, 8), count(*) FROM membership_freezes GROUP BY 1"
    )
    assert freezes[1] / 3 > 1.8 * freezes[0] / 9
    # the price rise: the new prices from 2025-03-01, and cancellations for it in March and April 2025
    prices = by(
        "SELECT i.invoice_date >= '2025-03-01', avg(i.amount = p.price) FROM invoices i JOIN members m USING "
        "(member_id) JOIN membership_plans p USING (plan_id) WHERE i.invoice_type = 'Membership' AND "
        "m.promotion_code IS NOT 'SUMMER24' GROUP BY 1"
    )
    assert prices == {0: 0.0, 1: 1.0}
    rise = con.execute(
        "SELECT min(cancel_date), max(cancel_date), count(*) FROM members WHERE cancel_reason = 'Price increase'"
    ).fetchone()
    assert rise[0] >= "2025-02-28" and rise[1] <= "2025-04-30" and rise[2] > 50
    # the Student plan closed to new members; Riverton Northgate's founders, opening and build-up
    assert count(con, "SELECT max(join_date) FROM members WHERE plan_id = 3") < "2025-04-01"
    assert count(con, "SELECT count(*) FROM members WHERE plan_id = 3 AND cancel_date IS NULL") > 20
    founders = con.execute(
        "SELECT min(join_date), max(join_date), count(*) FROM members WHERE promotion_code = 'FOUNDER'"
    ).fetchone()
    assert founders[0] >= "2025-04-15" and founders[1] < "2025-06-02" and founders[2] > 20
    assert count(con, "SELECT min(check_in_time) FROM check_ins WHERE club_id = 5") >= "2025-06-02"
    northgate = by("SELECT substr(check_in_time, 1, 7), count(*) FROM check_ins WHERE club_id = 5 GROUP BY 1")
    assert northgate["2025-12"] > 1.5 * northgate["2025-06"]
    # churn by plan in 2025, and NEWYEAR25 members leave sooner than those of January 2024
    churn = by(
        "SELECT plan_id, avg(cancel_date IS NOT NULL) FROM members WHERE join_date <= '2025-01-01' AND "
        "(cancel_date IS NULL OR cancel_date >= '2025-01-01') GROUP BY 1"
    )
    assert churn[3] > churn[2] > churn[1] > churn[4]
    kept = by(
        "SELECT substr(join_date, 1, 4), avg(cancel_date IS NULL OR cancel_date >= date(join_date, '+180 days')) "
        "FROM members WHERE substr(join_date, 6, 2) = '01' AND join_date >= '2024' GROUP BY 1"
    )
    assert kept["2025"] < kept["2024"]
    # early classes and students miss more classes
    early = by(
        "SELECT substr(s.start_time, 12) = '06:15', avg(b.status = 'No-show') FROM class_bookings b JOIN "
        "class_sessions s USING (session_id) WHERE s.status = 'Held' GROUP BY 1"
    )
    assert early[1] > 1.5 * early[0]
    students = by(
        "SELECT m.plan_id = 3, avg(b.status = 'No-show') FROM class_bookings b JOIN members m USING (member_id) "
        "WHERE b.status <> 'Class cancelled' GROUP BY 1"
    )
    assert students[1] > 1.5 * students[0]
    # the summer promotion, failed billing, open invoices, guests at the café
    assert count(con, "SELECT count(*) FROM members WHERE promotion_code = 'SUMMER24'") > 50
    assert count(con, "SELECT count(*) FROM invoices WHERE status = 'Failed'") > 30
    assert count(con, "SELECT count(*) FROM invoices WHERE status = 'Open'") >= 1
    assert 0.15 < count(con, "SELECT avg(member_id IS NULL) FROM retail_sales") < 0.5
    assert count(con, "SELECT count(*) FROM class_sessions WHERE status = 'Cancelled'") > 100


def test_build_is_deterministic(dataset: Path, tmp_path: Path, rows: dict) -> None:
    again = fitness.build(tmp_path)
    assert again.read_bytes() == fitness.database_path(dataset).read_bytes()
    assert fitness.fitness_rows() == rows


def test_held_out_gold_queries_run_and_answer(dataset: Path, con: sqlite3.Connection) -> None:
    results = assert_held_out_set(dataset, con, fitness, {"easy": 5, "medium": 5, "hard": 5, "extra": 5})
    assert_periods_are_numbers(results)


# --------------------------------------------------------------------------------------------
# The second computation: every answer again, in Python, from the generator's rows.


def _expected(rows: dict[str, list[dict]]) -> dict[str, list[tuple]]:
    club = {c["club_id"]: c for c in rows["clubs"]}
    plan = {p["plan_id"]: p for p in rows["membership_plans"]}
    member = {m["member_id"]: m for m in rows["members"]}
    instructor = {i["instructor_id"]: i for i in rows["instructors"]}
    kind = {t["class_type_id"]: t for t in rows["class_types"]}
    session = {s["session_id"]: s for s in rows["class_sessions"]}
    package = {p["package_id"]: p for p in rows["pt_packages"]}
    visits = rows["check_ins"]
    visits25 = [k for k in visits if k["check_in_time"].year == 2025]
    joined25 = [m for m in rows["members"] if in_year(m["join_date"], 2025)]
    paid25 = [i for i in rows["invoices"] if i["status"] == "Paid" and in_year(i["paid_date"], 2025)]
    sales25 = [s for s in rows["retail_sales"] if s["sale_time"].year == 2025]
    held25 = [s for s in rows["class_sessions"] if s["status"] == "Held" and s["start_time"].year == 2025]
    held25_ids = {s["session_id"] for s in held25}
    booked25 = [b for b in rows["class_bookings"] if b["session_id"] in held25_ids]

    def plan_of(member_id: int) -> str:
        return plan[member[member_id]["plan_id"]]["plan_name"]

    def home(m: dict) -> str:
        return club[m["home_club_id"]]["club_name"]

    out: dict[str, list[tuple]] = {}
    out["fitness-01"] = list(Counter(home(m) for m in joined25).items())
    out["fitness-02"] = [(sum(i["amount"] for i in paid25),)]
    out["fitness-03"] = list(
        Counter(plan[m["plan_id"]]["plan_name"] for m in rows["members"] if m["cancel_date"] is None).items()
    )
    sold: Counter = Counter()
    for s in sales25:
        sold[club[s["club_id"]]["club_name"]] += s["total_amount"]
    out["fitness-04"] = list(sold.items())
    taught = Counter(s["instructor_id"] for s in held25)
    out["fitness-05"] = [(instructor[i]["full_name"], taught[i]) for i in untied_top(taught, 5)]

    months = Counter(m["join_date"].month for m in joined25)
    assert len(months) == 12
    out["fitness-06"] = sorted(months.items())
    missed = defaultdict(list)
    for b in booked25:
        missed[kind[session[b["session_id"]]["class_type_id"]]["class_name"]].append(b["status"] == "No-show")
    out["fitness-07"] = [(k, 100 * mean(v)) for k, v in missed.items()]
    category: Counter = Counter()
    for s in sales25:
        category[s["category"]] += s["total_amount"]
    total = sum(s["total_amount"] for s in sales25)
    out["fitness-08"] = [(k, 100 * v / total) for k, v in category.items()]
    first_visit: dict[int, date] = {}
    for k in visits:
        day = k["check_in_time"].date()
        first_visit[k["member_id"]] = min(first_visit.get(k["member_id"], day), day)
    waited = defaultdict(list)
    for m in joined25:
        if m["member_id"] in first_visit:
            waited[home(m)].append((first_visit[m["member_id"]] - m["join_date"]).days)
    out["fitness-09"] = [(k, mean(v)) for k, v in waited.items()]
    per_member = Counter(k["member_id"] for k in visits25)
    came = defaultdict(list)
    for who, n in per_member.items():
        came[plan_of(who)].append(n)
    out["fitness-10"] = [(k, mean(v)) for k, v in came.items()]

    new_year = date(2025, 1, 1)
    left = defaultdict(list)
    for m in rows["members"]:
        if m["join_date"] <= new_year and (m["cancel_date"] is None or m["cancel_date"] >= new_year):
            left[plan[m["plan_id"]]["plan_name"]].append(in_year(m["cancel_date"], 2025))
    out["fitness-11"] = [(k, 100 * mean(v)) for k, v in left.items()]
    declined = defaultdict(list)
    for i in rows["invoices"]:
        if i["invoice_type"] == "Membership" and in_year(i["invoice_date"], 2025):
            declined[i["invoice_date"].month].append(i["declined_attempts"] > 0)
    out["fitness-12"] = sorted((k, 100 * mean(v)) for k, v in declined.items())
    monthly: dict[int, Counter] = defaultdict(Counter)
    for k in visits:
        monthly[k["check_in_time"].month][k["check_in_time"].year] += 1
    out["fitness-13"] = [(month, monthly[month][2024], monthly[month][2025]) for month in sorted(monthly)]
    attended = Counter(b["session_id"] for b in rows["class_bookings"] if b["status"] == "Attended")
    fill = defaultdict(list)
    for s in held25:
        fill[club[s["club_id"]]["club_name"]].append(
            100 * attended[s["session_id"]] / kind[s["class_type_id"]]["capacity"]
        )
    out["fitness-14"] = [(k, mean(v)) for k, v in fill.items()]
    coached = defaultdict(list)
    for s in rows["pt_sessions"]:
        if s["session_time"].year == 2025:
            coached[package[s["package_id"]]["trainer_id"]].append(s["status"])
    out["fitness-15"] = [
        (instructor[t]["full_name"], v.count("Completed"), 100 * v.count("No-show") / len(v))
        for t, v in coached.items()
    ]

    yearly: dict[str, Counter] = defaultdict(Counter)
    for k in visits:
        c = club[k["club_id"]]
        if c["opened_date"] <= date(2024, 1, 1):
            yearly[c["club_name"]][k["check_in_time"].year] += 1
    out["fitness-16"] = [(c, n[2024], n[2025], 100 * (n[2025] - n[2024]) / n[2024]) for c, n in yearly.items()]
    popular: dict[str, Counter] = defaultdict(Counter)
    for b in booked25:
        if b["status"] == "Attended":
            s = session[b["session_id"]]
            popular[club[s["club_id"]]["club_name"]][kind[s["class_type_id"]]["class_name"]] += 1
    out["fitness-17"] = [(c, t, n[t]) for c, n in popular.items() for t in untied_top(n, 3)]
    stayed = defaultdict(list)
    for m in rows["members"]:
        if m["join_date"].month == 1 and m["join_date"].year in (2024, 2025):
            mark = m["join_date"] + timedelta(days=180)
            stayed[m["join_date"].year].append(m["cancel_date"] is None or m["cancel_date"] >= mark)
    out["fitness-18"] = [(k, 100 * mean(v)) for k, v in stayed.items()]
    spent: dict[str, Counter] = defaultdict(Counter)
    for i in paid25:
        spent[plan_of(i["member_id"])][i["member_id"]] += i["amount"]
    out["fitness-19"] = [(k, sum(v.values()) / len(v)) for k, v in spent.items()]
    ended: dict[str, Counter] = defaultdict(Counter)
    for m in rows["members"]:
        p = plan[m["plan_id"]]
        if p["billing_period"] == "Monthly":
            ended[p["plan_name"]]
            if m["cancel_date"] is not None and date(2024, 12, 1) <= m["cancel_date"] <= date(2025, 2, 28):
                ended[p["plan_name"]]["before"] += 1
            if m["cancel_date"] is not None and date(2025, 3, 1) <= m["cancel_date"] <= date(2025, 5, 31):
                ended[p["plan_name"]]["after"] += 1
    out["fitness-20"] = [(k, n["before"], n["after"]) for k, n in ended.items()]
    return out


def test_every_gold_answer_agrees_with_a_second_computation(con: sqlite3.Connection, rows: dict) -> None:
    assert_golds_agree(con, held_out_questions(fitness), _expected(rows))


def test_rounded_golds_have_an_exact_twin_far_from_a_rounding_edge(con: sqlite3.Connection) -> None:
    """A question that asks for rounding holds the rounded gold and the same query unrounded; no exact value lies
    so near a half unit that summing in another order could round it the other way."""
    assert_rounded_golds_have_exact_twins(con, held_out_questions(fitness))
