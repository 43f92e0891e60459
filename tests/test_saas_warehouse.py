"""The SaaS warehouse and its held-out questions: built from scratch, documented, deterministic, consistent, and
every gold query runs and agrees with a second computation in Python over the generator's rows (not SQL). No
model; the questions are read as data only (they are the project's fair measure)."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from bench.warehouses import saas
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

dataset, con = warehouse_fixtures(saas)


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    return saas.saas_rows()


def test_tables_are_sizeable_and_cover_two_years(dataset: Path, con: sqlite3.Connection) -> None:
    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(saas.COMMENTS) and 5 <= len(tables) <= 8
    assert count(con, "SELECT count(*) FROM plans") == 4
    for table in ("accounts", "invoices", "payments", "usage_monthly", "support_tickets"):
        assert count(con, f"SELECT count(*) FROM {table}") >= 3000, table
    assert count(con, "SELECT count(*) FROM subscriptions") >= 1000
    dated = {
        "accounts": "signup_date",
        "subscriptions": "start_date",
        "invoices": "invoice_date",
        "payments": "payment_date",
        "usage_monthly": "usage_month",
        "support_tickets": "opened_date",
    }
    for table, column in dated.items():
        first, last = con.execute(f"SELECT min({column}), max({column}) FROM {table}").fetchone()
        assert first.startswith("2024-01") and last.startswith("2025-12"), table
    every_date = (
        "SELECT min(d), max(d) FROM (SELECT signup_date AS d FROM accounts UNION ALL SELECT start_date FROM "
        "subscriptions UNION ALL SELECT end_date FROM subscriptions UNION ALL SELECT cancel_date FROM subscriptions "
        "UNION ALL SELECT invoice_date FROM invoices UNION ALL SELECT period_end FROM invoices UNION ALL SELECT "
        "due_date FROM invoices UNION ALL SELECT payment_date FROM payments UNION ALL SELECT usage_month FROM "
        "usage_monthly UNION ALL SELECT opened_date FROM support_tickets UNION ALL SELECT closed_date FROM "
        "support_tickets)"
    )
    first, last = con.execute(every_date).fetchone()
    assert first == "2024-01-01" and last >= "2025-12-31"
    # Only what lies ahead of 2025-12-31 by design may pass it: the end of a billing period paid for, a due date.
    assert (
        con.execute(
            "SELECT max(d) FROM (SELECT end_date AS d FROM subscriptions UNION ALL SELECT cancel_date FROM "
            "subscriptions UNION ALL SELECT payment_date FROM payments UNION ALL SELECT closed_date FROM "
            "support_tickets UNION ALL SELECT start_date FROM subscriptions UNION ALL SELECT invoice_date FROM "
            "invoices)"
        ).fetchone()[0]
        == "2025-12-31"
    )
    assert saas.database_path(dataset).stat().st_size < 10_000_000


def test_every_table_and_column_is_commented_in_its_ddl(con: sqlite3.Connection) -> None:
    assert_every_table_and_column_commented(con, saas.COMMENTS)


def test_keys_and_business_rules_hold(con: sqlite3.Connection) -> None:
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    foreign_keys = {t: len(con.execute(f"PRAGMA foreign_key_list({t})").fetchall()) for t in saas.COMMENTS}
    assert foreign_keys == {
        "plans": 0,
        "accounts": 0,
        "subscriptions": 2,
        "invoices": 2,
        "payments": 1,
        "usage_monthly": 1,
        "support_tickets": 1,
    }
    running = "s.start_date <= {d} AND (s.end_date IS NULL OR s.end_date >= {d})"
    broken = {
        "two accounts share a name": "SELECT count(*) - count(DISTINCT account_name) FROM accounts",
        "a segment disagrees with the company's size": "SELECT count(*) FROM accounts WHERE NOT ("
        "(segment = 'SMB' AND employee_count < 100) OR (segment = 'Mid-Market' AND employee_count BETWEEN 100 "
        "AND 999) OR (segment = 'Enterprise' AND employee_count >= 1000))",
        "a sales-led account before the sales team": "SELECT count(*) FROM accounts "
        "WHERE acquisition_channel = 'Sales' AND signup_date < '2024-07-01'",
        "a subscription's price does not add up": "SELECT count(*) FROM subscriptions s JOIN plans p "
        "USING (plan_id) WHERE s.mrr <> s.seats * CASE s.billing_cycle WHEN 'Annual' THEN p.annual_seat_price "
        "WHEN 'Monthly' THEN p.monthly_seat_price END OR s.mrr IS NULL OR s.seats < p.min_seats "
        "OR (p.annual_only = 1 AND s.billing_cycle <> 'Annual') OR s.start_date < p.launched_date",
        "a subscription before its account signed up, or ending before it starts": "SELECT count(*) "
        "FROM subscriptions s JOIN accounts a USING (account_id) WHERE s.start_date <= a.signup_date "
        "OR s.end_date < s.start_date OR s.end_date > '2025-12-31'",
        "a status disagrees with the dates": "SELECT count(*) FROM subscriptions WHERE "
        "(end_date IS NULL) <> (status = 'Active') OR (cancel_date IS NOT NULL) <> (status = 'Cancelled') "
        "OR (cancel_reason IS NOT NULL) <> (status = 'Cancelled') OR cancel_date > end_date "
        "OR cancel_date < start_date OR status NOT IN ('Active', 'Cancelled', 'Upgraded', 'Downgraded')",
        "a plan change has no next subscription the day after, of higher or lower MRR": "SELECT count(*) "
        "FROM subscriptions s LEFT JOIN subscriptions n ON n.account_id = s.account_id "
        "AND n.start_date = date(s.end_date, '+1 day') WHERE s.status IN ('Upgraded', 'Downgraded') "
        "AND (n.subscription_id IS NULL OR (s.status = 'Upgraded') <> (n.mrr > s.mrr) OR n.mrr = s.mrr)",
        "an account without exactly one last subscription": "SELECT count(*) FROM (SELECT account_id, "
        "sum(status IN ('Active', 'Cancelled')) AS last FROM subscriptions GROUP BY account_id) WHERE last <> 1",
        "two subscriptions of an account overlap": "SELECT count(*) FROM subscriptions s JOIN subscriptions o "
        "ON o.account_id = s.account_id AND o.subscription_id <> s.subscription_id "
        "AND o.start_date >= s.start_date AND (s.end_date IS NULL OR o.start_date <= s.end_date)",
        "an invoice outside its subscription": "SELECT count(*) FROM invoices i JOIN subscriptions s "
        "USING (subscription_id) WHERE i.account_id <> s.account_id OR i.period_start <> i.invoice_date "
        "OR i.invoice_date < s.start_date OR i.invoice_date > coalesce(s.end_date, '2025-12-31') "
        "OR i.amount <> s.mrr * CASE s.billing_cycle WHEN 'Annual' THEN 12 ELSE 1 END "
        "OR julianday(i.period_end) - julianday(i.period_start) NOT BETWEEN "
        "CASE s.billing_cycle WHEN 'Annual' THEN 364 ELSE 27 END AND CASE s.billing_cycle WHEN 'Annual' THEN 365 "
        "ELSE 30 END",
        "a subscription not invoiced from its first day": "SELECT count(*) FROM subscriptions s "
        "WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.subscription_id = s.subscription_id "
        "AND i.invoice_date = s.start_date)",
        "a paid-out subscription ending other than with its last period": "SELECT count(*) FROM subscriptions s "
        "JOIN (SELECT subscription_id, max(period_end) AS last FROM invoices GROUP BY subscription_id) i "
        "USING (subscription_id) WHERE s.end_date IS NOT NULL AND coalesce(s.cancel_reason, '') <> "
        "'Payment failed' AND s.end_date <> i.last",
        "a payment disagrees with its invoice": "SELECT count(*) FROM payments p JOIN invoices i "
        "USING (invoice_id) JOIN subscriptions s USING (subscription_id) JOIN accounts a "
        "ON a.account_id = s.account_id WHERE p.amount <> i.amount OR p.payment_date < i.invoice_date "
        "OR p.payment_date > '2025-12-31' OR (p.method = 'Bank transfer') <> (s.billing_cycle = 'Annual' "
        "AND a.segment <> 'SMB') OR (p.method = 'Bank transfer' AND p.status <> 'Succeeded') "
        "OR i.due_date <> CASE p.method WHEN 'Card' THEN i.invoice_date ELSE date(i.invoice_date, '+30 day') END",
        "an invoice's status disagrees with its payments": "SELECT count(*) FROM invoices i LEFT JOIN "
        "(SELECT invoice_id, sum(status = 'Succeeded') AS ok, sum(status = 'Failed') AS failed FROM payments "
        "GROUP BY invoice_id) p USING (invoice_id) WHERE (i.status = 'Paid') <> (coalesce(p.ok, 0) = 1) "
        "OR p.ok > 1 OR (i.status = 'Uncollectible') <> (coalesce(p.failed, 0) = 4 AND coalesce(p.ok, 0) = 0)",
        "a success followed by another attempt": "SELECT count(*) FROM payments p JOIN payments o "
        "USING (invoice_id) WHERE p.status = 'Succeeded' AND o.payment_date > p.payment_date",
        "a written-off invoice without its lost customer": "SELECT count(*) FROM invoices i JOIN subscriptions s "
        "USING (subscription_id) WHERE (i.status = 'Uncollectible') <> (coalesce(s.cancel_reason, '') = "
        "'Payment failed' "
        "AND i.invoice_date = (SELECT max(invoice_date) FROM invoices j WHERE j.subscription_id = s.subscription_id)"
        " AND s.end_date = date(i.invoice_date, '+7 day') AND s.cancel_date = s.end_date)",
        "a month of usage twice, or outside the account's life": "SELECT count(*) FROM usage_monthly u "
        "JOIN accounts a USING (account_id) WHERE u.usage_month <> date(u.usage_month, 'start of month') "
        "OR u.usage_month < date(a.signup_date, 'start of month') OR u.active_users < 1 OR u.logins < 0 "
        "OR u.api_calls < 0 OR (SELECT count(*) FROM usage_monthly v WHERE v.account_id = u.account_id "
        "AND v.usage_month = u.usage_month) > 1",
        "more active users than seats, or API calls without API access": "SELECT count(*) FROM usage_monthly u "
        "JOIN subscriptions s ON s.account_id = u.account_id AND "
        + running.format(
            d="min(date(u.usage_month, '+1 month', '-1 day'), coalesce((SELECT max(coalesce("
            "x.end_date, '2025-12-31')) FROM subscriptions x WHERE x.account_id = u.account_id), '2025-12-31'))"
        )
        + " JOIN plans p USING (plan_id) WHERE u.active_users > s.seats OR (p.api_access = 0 AND u.api_calls > 0)",
        "a ticket outside the account's life": "SELECT count(*) FROM support_tickets t JOIN accounts a "
        "USING (account_id) WHERE t.opened_date < a.signup_date OR t.opened_date > coalesce((SELECT "
        "max(coalesce(s.end_date, '2025-12-31')) FROM subscriptions s WHERE s.account_id = a.account_id), "
        "date(a.signup_date, '+13 day')) OR t.closed_date < t.opened_date OR t.first_response_hours <= 0 "
        "OR (t.satisfaction_score IS NOT NULL AND (t.closed_date IS NULL OR t.satisfaction_score NOT BETWEEN 1 "
        "AND 5))",
    }
    for what, sql in broken.items():
        assert count(con, sql) == 0, what


def test_every_billing_period_follows_the_last(rows: dict) -> None:
    by_sub = defaultdict(list)
    for i in rows["invoices"]:
        by_sub[i["subscription_id"]].append(i)
    subs = {s["subscription_id"]: s for s in rows["subscriptions"]}
    for sid, invoices in by_sub.items():
        invoices.sort(key=lambda i: i["invoice_date"])
        for before, after in zip(invoices, invoices[1:], strict=False):
            assert after["period_start"] == before["period_end"] + timedelta(days=1), sid
        s = subs[sid]
        # the service runs to 2025-12-31 (or to its end) without a billing period missing
        last = s["end_date"] or END
        assert invoices[-1]["period_end"] >= last, sid
    # every account that used the product has its months of usage without a gap
    months = defaultdict(list)
    for u in rows["usage_monthly"]:
        months[u["account_id"]].append(u["usage_month"])
    for account, seen in months.items():
        seen.sort()
        for before, after in zip(seen, seen[1:], strict=False):
            assert (after.year - before.year) * 12 + after.month - before.month == 1, account


def test_the_business_has_the_shape_its_docstring_promises(con: sqlite3.Connection) -> None:
    signups = dict(
        con.execute("SELECT CAST(strftime('%m', signup_date) AS INTEGER), count(*) FROM accounts GROUP BY 1")
    )
    assert min(signups[1], signups[9], signups[10]) > max(signups[7], signups[8], signups[12])
    enterprise = dict(
        con.execute(
            "SELECT signup_date >= '2025-01-01', avg(segment = 'Enterprise') FROM accounts "
            "WHERE signup_date < '2024-07-01' OR signup_date >= '2025-01-01' GROUP BY 1"
        )
    )
    assert enterprise[1] > 2.5 * enterprise[0]
    emea = dict(
        con.execute(
            "SELECT signup_date >= '2025-03-01', count(*) FROM accounts WHERE region = 'EMEA' "
            "AND signup_date BETWEEN '2024-03-01' AND '2025-12-31' GROUP BY 1"
        )
    )
    assert emea[1] > 1.7 * emea[0]
    converted = dict(
        con.execute(
            "SELECT acquisition_channel, avg(EXISTS (SELECT 1 FROM subscriptions s WHERE s.account_id = a.account_id))"
            " FROM accounts a WHERE signup_date < '2025-10-01' GROUP BY 1"
        )
    )
    assert converted["Sales"] > converted["Partner"] > 1.3 * converted["Self-serve"]
    kept = dict(
        con.execute(
            "SELECT a.segment, avg(EXISTS (SELECT 1 FROM subscriptions n WHERE n.account_id = s.account_id "
            "AND n.end_date IS NULL)) FROM subscriptions s JOIN accounts a USING (account_id) "
            "WHERE s.start_date <= '2024-12-31' AND (s.end_date IS NULL OR s.end_date >= '2024-12-31') GROUP BY 1"
        )
    )
    assert kept["Enterprise"] > 0.9 and kept["SMB"] < 0.65
    mrr_share = dict(
        con.execute(
            "SELECT s.start_date >= '2025-01-01', sum(CASE WHEN a.segment = 'Enterprise' THEN s.mrr END) / "
            "sum(s.mrr) FROM subscriptions s JOIN accounts a USING (account_id) GROUP BY 1"
        )
    )
    assert mrr_share[1] > mrr_share[0] > 0.3
    education = con.execute(
        "SELECT avg(CAST(strftime('%m', s.end_date) AS INTEGER) IN (6, 7)) FROM subscriptions s "
        "JOIN accounts a USING (account_id) WHERE s.status = 'Cancelled' AND a.industry = 'Education'"
    ).fetchone()[0]
    assert education > 0.4
    bugs = dict(
        con.execute(
            "SELECT opened_date BETWEEN '2025-03-11' AND '2025-04-30', count(*) * 1.0 / count(DISTINCT "
            "substr(opened_date, 1, 7)) FROM support_tickets WHERE category = 'Bug' AND opened_date >= '2025-01-01' "
            "GROUP BY 1"
        )
    )
    assert bugs[1] > 2 * bugs[0]
    happy = dict(
        con.execute(
            "SELECT opened_date BETWEEN '2025-03-11' AND '2025-04-30', avg(satisfaction_score) FROM support_tickets "
            "WHERE opened_date >= '2025-01-01' GROUP BY 1"
        )
    )
    assert happy[1] < happy[0] - 0.3
    team = con.execute(
        "SELECT count(*) FROM subscriptions s JOIN subscriptions n ON n.account_id = s.account_id "
        "AND n.start_date = date(s.end_date, '+1 day') WHERE s.plan_id = 2 AND n.plan_id = 3"
    ).fetchone()[0]
    assert team > 20
    failed = con.execute("SELECT count(*) FROM subscriptions WHERE cancel_reason = 'Payment failed'").fetchone()[0]
    assert 5 < failed < 100
    fading = con.execute(
        "SELECT avg(u.active_users * 1.0 / s.seats) FROM usage_monthly u JOIN subscriptions s "
        "ON s.account_id = u.account_id AND u.usage_month = date(s.end_date, 'start of month') "
        "WHERE s.status = 'Cancelled' AND s.cancel_reason <> 'Payment failed' AND s.start_date < u.usage_month"
    ).fetchone()[0]
    usual = con.execute(
        "SELECT avg(u.active_users * 1.0 / s.seats) FROM usage_monthly u JOIN subscriptions s "
        "ON s.account_id = u.account_id AND u.usage_month = '2025-12-01' WHERE s.end_date IS NULL"
    ).fetchone()[0]
    assert fading < 0.6 * usual


def test_build_is_deterministic(dataset: Path, tmp_path: Path, rows: dict) -> None:
    again = saas.build(tmp_path)
    assert again.read_bytes() == saas.database_path(dataset).read_bytes()
    assert saas.saas_rows() == rows


def test_held_out_gold_queries_run_and_answer(dataset: Path, con: sqlite3.Connection) -> None:
    results = assert_held_out_set(dataset, con, saas, {"easy": 3, "medium": 5, "hard": 5, "extra": 7})
    assert_periods_are_numbers(results)


# --------------------------------------------------------------------------------------------
# The second computation: every answer again, in Python, from the generator's rows.


def _runs(s: dict, day: date) -> bool:
    return s["start_date"] <= day and (s["end_date"] is None or s["end_date"] >= day)


def _expected(rows: dict[str, list[dict]]) -> dict[str, list[tuple]]:
    account = {a["account_id"]: a for a in rows["accounts"]}
    plan = {p["plan_id"]: p["plan_name"] for p in rows["plans"]}
    subs = rows["subscriptions"]
    sub = {s["subscription_id"]: s for s in subs}
    invoice = {i["invoice_id"]: i for i in rows["invoices"]}
    invoices25 = [i for i in rows["invoices"] if in_year(i["invoice_date"], 2025)]
    paid25 = [p for p in rows["payments"] if p["status"] == "Succeeded" and in_year(p["payment_date"], 2025)]
    first: dict[int, dict] = {}
    for s in subs:
        if s["account_id"] not in first or s["start_date"] < first[s["account_id"]]["start_date"]:
            first[s["account_id"]] = s
    end24, end25 = date(2024, 12, 31), date(2025, 12, 31)
    mrr24 = {s["account_id"]: s["mrr"] for s in subs if _runs(s, end24)}
    mrr25 = {s["account_id"]: s["mrr"] for s in subs if _runs(s, end25)}
    assert len(mrr24) == sum(_runs(s, end24) for s in subs) and len(mrr25) == sum(_runs(s, end25) for s in subs)
    segments = sorted({a["segment"] for a in account.values()})
    out: dict[str, list[tuple]] = {}

    out["saas-01"] = [(sum(p["amount"] for p in paid25),)]
    out["saas-02"] = [(sum(in_year(a["signup_date"], 2025) for a in account.values()),)]
    out["saas-03"] = list(Counter(a["segment"] for a in account.values()).items())

    quarters: Counter = Counter()
    for i in invoices25:
        quarters[(i["invoice_date"].month - 1) // 3 + 1] += i["amount"]
    out["saas-04"] = sorted(quarters.items())

    by_plan: Counter = Counter()
    for i in invoices25:
        by_plan[plan[sub[i["subscription_id"]]["plan_id"]]] += i["amount"]
    out["saas-05"] = [(p, 100 * v / sum(by_plan.values())) for p, v in by_plan.items()]

    out["saas-06"] = []
    for segment in segments:
        values = [m for a, m in mrr25.items() if account[a]["segment"] == segment]
        out["saas-06"].append((segment, len(values), mean(values)))

    paid_by: Counter = Counter()
    for p in paid25:
        paid_by[invoice[p["invoice_id"]]["account_id"]] += p["amount"]
    out["saas-07"] = [(account[a]["account_name"], paid_by[a]) for a in ranked(paid_by, 5)]

    bugs = Counter(
        t["opened_date"].month
        for t in rows["support_tickets"]
        if t["category"] == "Bug" and in_year(t["opened_date"], 2025)
    )
    out["saas-08"] = sorted(bugs.items())

    waits = defaultdict(list)
    for a, s in first.items():
        if in_year(account[a]["signup_date"], 2025):
            waits[account[a]["acquisition_channel"]].append((s["start_date"] - account[a]["signup_date"]).days)
    out["saas-09"] = [(channel, mean(v)) for channel, v in waits.items()]

    before, after = sum(mrr24.values()), sum(mrr25.values())
    out["saas-10"] = [(before, after, after - before, 100 * (after - before) / before)]

    converted = defaultdict(list)
    for a in account.values():
        if in_year(a["signup_date"], 2024):
            converted[a["acquisition_channel"]].append(a["account_id"] in first)
    out["saas-11"] = [(channel, len(v), 100 * mean(v)) for channel, v in converted.items()]

    hours = defaultdict(list)
    for t in rows["support_tickets"]:
        segment = account[t["account_id"]]["segment"]
        if in_year(t["opened_date"], 2025) and segment in ("Enterprise", "SMB"):
            hours[segment].append(t["first_response_hours"])
    out["saas-12"] = [(segment, len(v), mean(v)) for segment, v in hours.items()]

    halves = defaultdict(list)
    for s in first.values():
        halves[s["start_date"].year, 1 if s["start_date"].month <= 6 else 2].append(s["mrr"])
    out["saas-13"] = [(y, h, len(v), sum(v)) for (y, h), v in sorted(halves.items())]

    new = Counter(s["start_date"].month for s in first.values() if in_year(s["start_date"], 2025))
    total = 0
    out["saas-14"] = []
    for month in sorted(new):
        total += new[month]
        out["saas-14"].append((month, new[month], total))

    invoiced: dict[str, Counter] = defaultdict(Counter)
    for i in invoices25:
        invoiced[account[i["account_id"]]["region"]][i["account_id"]] += i["amount"]
    out["saas-15"] = [
        (region, account[a]["account_name"], c[a]) for region, c in sorted(invoiced.items()) for a in ranked(c, 3)
    ]

    out["saas-16"] = []
    for segment in segments:
        start = [a for a in mrr24 if account[a]["segment"] == segment]
        still = [a for a in start if a in mrr25]
        out["saas-16"].append((segment, len(start), len(still), 100 * len(still) / len(start)))

    lost_on = {s["account_id"]: s["end_date"] for s in subs if s["status"] == "Cancelled"}
    out["saas-17"] = []
    for quarter in range(1, 5):
        q_start = date(2025, 3 * quarter - 2, 1)
        q_end = date(2025, 12, 31) if quarter == 4 else date(2025, 3 * quarter + 1, 1) - timedelta(days=1)
        paying = {s["account_id"] for s in subs if _runs(s, q_start)}
        lost = [a for a in paying if a in lost_on and q_start <= lost_on[a] <= q_end]
        out["saas-17"].append((quarter, len(paying), len(lost), 100 * len(lost) / len(paying)))

    out["saas-18"] = []
    for segment in segments:
        cohort = [a for a in mrr24 if account[a]["segment"] == segment]
        was, now = sum(mrr24[a] for a in cohort), sum(mrr25.get(a, 0.0) for a in cohort)
        out["saas-18"].append((segment, was, now, 100 * now / was))

    december = {
        u["account_id"]: u["active_users"] for u in rows["usage_monthly"] if u["usage_month"] == date(2025, 12, 1)
    }
    use = defaultdict(list)
    for s in subs:
        if _runs(s, end25):
            use[plan[s["plan_id"]]].append(100 * december[s["account_id"]] / s["seats"])
    out["saas-19"] = [(p, len(v), mean(v)) for p, v in use.items()]

    lifetimes = defaultdict(list)
    for a, ended in lost_on.items():
        if in_year(ended, 2025):
            lifetimes[account[a]["segment"]].append((ended - first[a]["start_date"]).days)
    out["saas-20"] = [(segment, len(v), mean(v)) for segment, v in lifetimes.items()]
    return out


def test_every_gold_answer_agrees_with_a_second_computation(con: sqlite3.Connection, rows: dict) -> None:
    assert_golds_agree(con, held_out_questions(saas), _expected(rows))


def test_rounded_golds_have_an_exact_twin_far_from_a_rounding_edge(con: sqlite3.Connection) -> None:
    """A question that asks for rounding holds the rounded gold and the same query unrounded; no exact value lies
    so near a half unit that summing in another order could round it the other way."""
    assert_rounded_golds_have_exact_twins(con, held_out_questions(saas))
