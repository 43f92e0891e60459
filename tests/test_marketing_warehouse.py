"""The marketing warehouse and its held-out questions: built from scratch, documented, deterministic, consistent,
and every gold query runs and agrees with a second computation in Python over the generator's rows (not SQL).
No model; the questions are read as data only (they are the project's fair measure)."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from bench.dataset import load_questions
from bench.warehouses import marketing
from tests.heldout_checks import (
    assert_every_table_and_column_commented,
    assert_golds_agree,
    assert_golds_run_and_answer,
    assert_rounded_golds_have_exact_twins,
    count,
    held_out_questions,
    mean,
    ranked,
    warehouse_fixtures,
)

HARDNESS = {"easy", "medium", "hard", "extra"}

dataset, con = warehouse_fixtures(marketing)


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    return marketing.marketing_rows()


def test_tables_are_sizeable_and_cover_two_years(con: sqlite3.Connection) -> None:
    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(marketing.COMMENTS) and 6 <= len(tables) <= 9
    assert sum(count(con, f"SELECT count(*) FROM {t}") for t in tables) > 5000
    for table in ("ad_spend_daily", "leads", "customers", "orders"):
        assert count(con, f"SELECT count(*) FROM {table}") >= 3000, table
    assert count(con, "SELECT count(*) FROM email_sends") >= 100
    dated = {
        "ad_spend_daily": "spend_date",
        "email_sends": "send_date",
        "leads": "created_date",
        "customers": "signup_date",
        "orders": "order_date",
    }
    for table, column in dated.items():
        first, last = con.execute(f"SELECT min({column}), max({column}) FROM {table}").fetchone()
        assert first.startswith("2024-01") and last.startswith("2025-12"), table
    every_date = (
        "SELECT min(d), max(d) FROM (SELECT start_date AS d FROM campaigns UNION ALL SELECT end_date FROM campaigns "
        "UNION ALL SELECT converted_date FROM leads UNION ALL SELECT unsubscribed_date FROM customers)"
    )
    assert con.execute(every_date).fetchone() == ("2024-01-01", "2025-12-31")


def test_every_table_and_column_is_commented_in_its_ddl(con: sqlite3.Connection) -> None:
    assert_every_table_and_column_commented(con, marketing.COMMENTS)


def test_keys_and_dates_hold(con: sqlite3.Connection) -> None:
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    foreign_keys = {t: len(con.execute(f"PRAGMA foreign_key_list({t})").fetchall()) for t in marketing.COMMENTS}
    assert foreign_keys == {
        "channels": 0,
        "campaigns": 1,
        "ad_spend_daily": 1,
        "email_sends": 1,
        "leads": 2,
        "customers": 1,
        "orders": 2,
    }
    running = "{d} BETWEEN c.start_date AND coalesce(c.end_date, '2025-12-31')"
    broken = {
        "a campaign's status disagrees with its dates or budget": "SELECT count(*) FROM campaigns c "
        "JOIN channels ch USING (channel_id) WHERE c.end_date < c.start_date "
        "OR (c.end_date IS NULL AND c.status <> 'Active') OR (c.status = 'Active' AND c.end_date < '2025-12-31') "
        "OR (c.status = 'Cancelled' AND c.end_date IS NULL) "
        "OR (c.budget IS NULL) <> (ch.channel_group <> 'Paid media')",
        "spend outside a paid campaign's run": "SELECT count(*) FROM ad_spend_daily s JOIN campaigns c "
        f"USING (campaign_id) WHERE c.budget IS NULL OR NOT ({running.format(d='s.spend_date')}) "
        "OR s.clicks > s.impressions OR s.clicks <= 0 OR s.spend <= 0",
        "an email send outside an email campaign, or counts that do not nest": "SELECT count(*) FROM email_sends e "
        "JOIN campaigns c USING (campaign_id) JOIN channels ch USING (channel_id) WHERE ch.channel_name <> 'Email' "
        f"OR NOT ({running.format(d='e.send_date')}) OR NOT (e.unique_clicks <= e.unique_opens "
        "AND e.unique_opens <= e.emails_delivered AND e.emails_delivered <= e.emails_sent) "
        "OR e.unsubscribes > e.emails_delivered",
        "a lead outside its campaign's run, or from email": "SELECT count(*) FROM leads l JOIN campaigns c "
        "USING (campaign_id) JOIN channels ch USING (channel_id) "
        f"WHERE NOT ({running.format(d='l.created_date')}) OR ch.channel_name = 'Email'",
        "a lead's status disagrees with its conversion": "SELECT count(*) FROM leads "
        "WHERE (status = 'Converted') <> (converted_date IS NOT NULL) "
        "OR (converted_date IS NULL) <> (customer_id IS NULL) OR converted_date < created_date",
        "a converted lead's customer disagrees with it": "SELECT count(*) FROM leads l JOIN customers cu "
        "USING (customer_id) WHERE cu.signup_date <> l.converted_date "
        "OR cu.acquisition_campaign_id IS NOT l.campaign_id OR cu.region <> l.region",
        "two leads became one customer": "SELECT count(*) FROM (SELECT 1 FROM leads WHERE customer_id IS NOT NULL "
        "GROUP BY customer_id HAVING count(*) > 1)",
        "an unsubscription disagrees with the email status": "SELECT count(*) FROM customers "
        "WHERE (unsubscribed_date IS NOT NULL) <> (email_status = 'Unsubscribed') OR unsubscribed_date < signup_date",
        "a customer's first order is not on the signup date, credited to the acquisition campaign": "SELECT count(*) "
        "FROM customers cu WHERE (SELECT min(o.order_date) FROM orders o WHERE o.customer_id = cu.customer_id) "
        "IS NOT cu.signup_date OR (SELECT count(*) FROM orders o WHERE o.customer_id = cu.customer_id "
        "AND o.order_date = cu.signup_date AND o.attributed_campaign_id IS cu.acquisition_campaign_id "
        "AND o.order_status <> 'Cancelled') <> 1",
        "an order's amounts do not add up": "SELECT count(*) FROM orders WHERE abs(merchandise_amount - "
        "discount_amount - order_total) > 0.005 OR discount_amount < 0 OR order_total <= 0 OR items_count < 1",
        "an order credited to a campaign that had not started": "SELECT count(*) FROM orders o "
        "JOIN campaigns c ON c.campaign_id = o.attributed_campaign_id WHERE o.order_date < c.start_date",
    }
    for what, sql in broken.items():
        assert count(con, sql) == 0, what


def test_the_business_has_the_shape_its_docstring_promises(con: sqlite3.Connection) -> None:
    spend = {
        (channel, year): amount
        for channel, year, amount in con.execute(
            "SELECT ch.channel_name, substr(s.spend_date, 1, 4), sum(s.spend) FROM ad_spend_daily s "
            "JOIN campaigns c USING (campaign_id) JOIN channels ch USING (channel_id) GROUP BY 1, 2"
        )
    }
    assert spend["Paid Social", "2025"] > 1.5 * spend["Paid Social", "2024"]
    assert spend["Display", "2025"] < 0.6 * spend["Display", "2024"]
    biggest = {year: max((k for k in spend if k[1] == year), key=spend.get)[0] for year in ("2024", "2025")}
    assert biggest == {"2024": "Paid Search", "2025": "Paid Social"}
    converting = {
        channel: (rate, days)
        for channel, rate, days in con.execute(
            "SELECT ch.channel_name, avg(l.status = 'Converted'), "
            "avg(julianday(l.converted_date) - julianday(l.created_date)) FROM leads l "
            "JOIN campaigns c USING (campaign_id) JOIN channels ch USING (channel_id) GROUP BY 1"
        )
    }
    for good in ("Referral", "Paid Search"):
        for weak in ("Display", "Paid Social"):
            assert converting[good][0] > 2 * converting[weak][0] and converting[good][1] < converting[weak][1]
    for year in ("2024", "2025"):
        busiest = con.execute(
            "SELECT strftime('%m', order_date) FROM orders WHERE order_date LIKE ? GROUP BY 1 ORDER BY count(*) DESC",
            (f"{year}-%",),
        ).fetchone()[0]
        assert busiest in ("11", "12"), year
    opened = dict(
        con.execute(
            "SELECT substr(send_date, 1, 4), 1.0 * sum(unique_opens) / sum(emails_delivered) "
            "FROM email_sends GROUP BY 1"
        )
    )
    assert opened["2025"] < opened["2024"] - 0.02
    loyal = dict(
        con.execute(
            "SELECT coalesce(ch.channel_name, 'none'), 1.0 * count(o.order_id) / count(DISTINCT cu.customer_id) "
            "FROM customers cu JOIN orders o USING (customer_id) LEFT JOIN campaigns c "
            "ON c.campaign_id = cu.acquisition_campaign_id LEFT JOIN channels ch USING (channel_id) GROUP BY 1"
        )
    )
    for paid in ("Paid Search", "Paid Social", "Display", "Affiliate"):
        assert min(loyal["Referral"], loyal["Organic Search"]) > loyal[paid], paid
    one_order = "SELECT avg(n = 1) FROM (SELECT count(*) AS n FROM orders GROUP BY customer_id)"
    assert con.execute(one_order).fetchone()[0] > 0.4
    assert con.execute(
        "SELECT status, end_date FROM campaigns WHERE campaign_name = 'Display Prospecting 2025'"
    ).fetchone() == (
        "Cancelled",
        "2025-06-30",
    )


def test_build_is_deterministic(dataset: Path, tmp_path: Path, rows: dict) -> None:
    again = marketing.build(tmp_path)
    assert again.read_bytes() == marketing.database_path(dataset).read_bytes()
    assert marketing.marketing_rows() == rows


def test_held_out_gold_queries_run_and_answer(dataset: Path, con: sqlite3.Connection) -> None:
    questions = load_questions(dataset)
    raw = held_out_questions(marketing)
    assert json.loads((dataset / "questions.json").read_text()) == raw
    assert len(questions) == len(raw) == 20
    assert {q.hardness for q in questions} == HARDNESS and {q.db_id for q in questions} == {"marketing"}
    assert [q.id for q in questions] == [f"marketing-{n:02d}" for n in range(1, 21)]
    assert len({q.question for q in questions}) == len(questions)
    assert [q.db_path for q in questions] == [marketing.database_path(dataset).resolve()] * 20
    assert_golds_run_and_answer(con, questions, raw)


# --------------------------------------------------------------------------------------------
# The second computation: every answer again, in Python, from the generator's rows.


def _in(day: date | None, year: int, months: range = range(1, 13)) -> bool:
    return day is not None and day.year == year and day.month in months


def _expected(rows: dict[str, list[dict]]) -> dict[str, list[tuple]]:
    channel = {c["channel_id"]: c["channel_name"] for c in rows["channels"]}
    paid = {c["channel_name"] for c in rows["channels"] if c["channel_group"] == "Paid media"}
    campaigns = {c["campaign_id"]: c for c in rows["campaigns"]}
    channel_of = {i: channel[c["channel_id"]] for i, c in campaigns.items()}
    spend, leads, customers = rows["ad_spend_daily"], rows["leads"], rows["customers"]
    completed = [o for o in rows["orders"] if o["order_status"] == "Completed"]

    def spend_by_channel(year: int) -> Counter:
        totals: Counter = Counter()
        for s in spend:
            if _in(s["spend_date"], year):
                totals[channel_of[s["campaign_id"]]] += s["spend"]
        return totals

    spend24, spend25 = spend_by_channel(2024), spend_by_channel(2025)
    leads25 = Counter(channel_of[lead["campaign_id"]] for lead in leads if _in(lead["created_date"], 2025))
    out: dict[str, list[tuple]] = {}

    out["marketing-01"] = [(sum(spend25.values()),)]
    out["marketing-02"] = [(leads25["Paid Social"],)]

    by_campaign: Counter = Counter()
    for s in spend:
        if _in(s["spend_date"], 2025):
            by_campaign[campaigns[s["campaign_id"]]["campaign_name"]] += s["spend"]
    out["marketing-03"] = [(name, by_campaign[name]) for name in ranked(by_campaign, 5)]

    out["marketing-04"] = [(sum(_in(c["unsubscribed_date"], 2025) for c in customers),)]
    out["marketing-05"] = [(c["campaign_name"], channel_of[i]) for i, c in campaigns.items() if c["status"] == "Active"]
    q4 = [o for o in completed if _in(o["order_date"], 2025, range(10, 13))]
    out["marketing-06"] = [(len(q4), sum(o["order_total"] for o in q4))]
    out["marketing-07"] = [(ch, spend25[ch] / leads25[ch]) for ch in paid]

    total24, converted24 = Counter(), Counter()
    for lead in leads:
        if _in(lead["created_date"], 2024):
            total24[channel_of[lead["campaign_id"]]] += 1
            converted24[channel_of[lead["campaign_id"]]] += lead["customer_id"] is not None
    out["marketing-08"] = [(ch, 100 * converted24[ch] / n) for ch, n in total24.items()]

    clicks, impressions = Counter(), Counter()
    for s in spend:
        if _in(s["spend_date"], 2025):
            clicks[channel_of[s["campaign_id"]]] += s["clicks"]
            impressions[channel_of[s["campaign_id"]]] += s["impressions"]
    out["marketing-09"] = [(ch, 100 * clicks[ch] / impressions[ch]) for ch in paid]

    credited25: Counter = Counter()
    for o in completed:
        if o["attributed_campaign_id"] is not None and _in(o["order_date"], 2025):
            credited25[channel_of[o["attributed_campaign_id"]]] += o["order_total"]
    out["marketing-10"] = [(ch, credited25[ch] / spend25[ch]) for ch in paid]
    out["marketing-11"] = [(ch, 100 * (spend25[ch] - spend24[ch]) / spend24[ch]) for ch in paid]
    out["marketing-12"] = [(ch, 100 * v / sum(credited25.values())) for ch, v in credited25.items()]

    revenue = Counter()
    for o in completed:
        revenue[o["customer_id"]] += o["order_total"]
    cohort = defaultdict(list)
    for c in customers:
        if _in(c["signup_date"], 2024) and c["acquisition_campaign_id"] is not None:
            cohort[channel_of[c["acquisition_campaign_id"]]].append(revenue[c["customer_id"]])
    out["marketing-13"] = [(ch, mean(v)) for ch, v in cohort.items()]

    joined = Counter(f"{c['signup_date']:%Y-%m}" for c in customers if _in(c["signup_date"], 2025))
    out["marketing-14"] = sorted(joined.items())

    monthly: Counter = Counter()
    for s in spend:
        if _in(s["spend_date"], 2025):
            monthly[f"{s['spend_date']:%Y-%m}"] += s["spend"]
    running = 0.0
    out["marketing-15"] = []
    for month in sorted(monthly):
        running += monthly[month]
        out["marketing-15"].append((month, monthly[month], running))

    per_campaign = defaultdict(Counter)
    for lead in leads:
        if _in(lead["created_date"], 2025) and channel_of[lead["campaign_id"]] in paid:
            per_campaign[channel_of[lead["campaign_id"]]][campaigns[lead["campaign_id"]]["campaign_name"]] += 1
    out["marketing-16"] = [(ch, name, n[name]) for ch, n in per_campaign.items() for name in ranked(n, 2)]

    waits = defaultdict(list)
    for lead in leads:
        if lead["converted_date"] is not None:
            waits[channel_of[lead["campaign_id"]]].append((lead["converted_date"] - lead["created_date"]).days)
    out["marketing-17"] = [(ch, mean(v)) for ch, v in waits.items()]

    sends = defaultdict(Counter)
    for e in rows["email_sends"]:
        sends[e["send_date"].year].update(
            delivered=e["emails_delivered"], opens=e["unique_opens"], clicks=e["unique_clicks"]
        )
    out["marketing-18"] = [
        (str(y), 100 * s["opens"] / s["delivered"], 100 * s["clicks"] / s["delivered"]) for y, s in sends.items()
    ]

    won25 = Counter(
        channel_of[c["acquisition_campaign_id"]]
        for c in customers
        if _in(c["signup_date"], 2025) and c["acquisition_campaign_id"] is not None
    )
    out["marketing-19"] = [(ch, spend25[ch] / won25[ch]) for ch in paid]

    q4_revenue = {
        y: sum(o["order_total"] for o in completed if _in(o["order_date"], y, range(10, 13))) for y in (2024, 2025)
    }
    out["marketing-20"] = [
        (q4_revenue[2024], q4_revenue[2025], 100 * (q4_revenue[2025] - q4_revenue[2024]) / q4_revenue[2024])
    ]
    return out


def test_every_gold_answer_agrees_with_a_second_computation(con: sqlite3.Connection, rows: dict) -> None:
    assert_golds_agree(con, held_out_questions(marketing), _expected(rows))


def test_rounded_golds_have_an_exact_twin_far_from_a_rounding_edge(con: sqlite3.Connection) -> None:
    """A question that asks for rounding holds the rounded gold and the same query unrounded; no exact value lies
    so near a half unit that summing in another order could round it the other way."""
    assert_rounded_golds_have_exact_twins(con, held_out_questions(marketing))
