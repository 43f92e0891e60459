"""The insurer's warehouse and its held-out questions: built from scratch, documented, deterministic, consistent,
and every gold query runs and agrees with a second computation in Python over the generator's rows (not SQL). No
model; the questions are read as data only (they are the project's fair measure)."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from bench.warehouses import insurance
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

REGIONS = ("Northeast", "Mid-Atlantic", "Southeast", "Gulf Coast", "Midwest")

dataset, con = warehouse_fixtures(insurance)


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    return insurance.insurance_rows()


def test_tables_are_sizeable_and_cover_two_years(dataset: Path, con: sqlite3.Connection) -> None:
    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(insurance.COMMENTS) and 6 <= len(tables) <= 8
    assert count(con, "SELECT count(*) FROM agents") == 25
    assert count(con, "SELECT count(*) FROM products") == 8
    assert count(con, "SELECT count(*) FROM adjusters") == 14
    assert count(con, "SELECT count(*) FROM customers") >= 5000
    assert count(con, "SELECT count(*) FROM policies") >= 15000
    assert count(con, "SELECT count(*) FROM premium_payments") >= 50000
    assert count(con, "SELECT count(*) FROM claims") >= 2000
    dated = (
        ("premium_payments", "payment_date"),
        ("claims", "loss_date"),
        ("claims", "reported_date"),
        ("claims", "closed_date"),
        ("policies", "start_date"),
        ("policies", "cancelled_date"),
    )
    for table, column in dated:
        first, last = con.execute(
            f"SELECT min({column}), max({column}) FROM {table} WHERE {column} >= '2024-01-01'"
        ).fetchone()
        assert first.startswith("2024-01") and last.startswith("2025-12"), (table, column)
    every_date = (
        "SELECT min(d), max(d) FROM (SELECT payment_date AS d FROM premium_payments UNION ALL SELECT loss_date "
        "FROM claims UNION ALL SELECT reported_date FROM claims UNION ALL SELECT closed_date FROM claims "
        "UNION ALL SELECT cancelled_date FROM policies)"
    )
    assert con.execute(every_date).fetchone() == ("2024-01-01", "2025-12-31")
    # Only what started before the data may lie before it (a policy term in force on 2024-01-01, a customer's
    # first policy, an appointment, a hire, a launch); nothing starts after it; a term's end may run into 2026.
    assert con.execute("SELECT min(start_date), max(start_date) FROM policies").fetchone() == (
        "2023-01-02",
        "2025-12-31",
    )
    assert count(con, "SELECT min(end_date) FROM policies") >= "2024-01-01"
    assert count(con, "SELECT max(end_date) FROM policies") <= "2026-12-30"
    for table, column in (
        ("customers", "customer_since"),
        ("agents", "appointed_date"),
        ("adjusters", "hired_date"),
        ("products", "launched_date"),
    ):
        assert count(con, f"SELECT max({column}) FROM {table}") <= "2025-12-31", table
    assert insurance.database_path(dataset).stat().st_size < 15_000_000


def test_every_table_and_column_is_commented_in_its_ddl(con: sqlite3.Connection) -> None:
    assert_every_table_and_column_commented(con, insurance.COMMENTS)


def test_keys_and_business_rules_hold(con: sqlite3.Connection) -> None:
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    foreign_keys = {t: len(con.execute(f"PRAGMA foreign_key_list({t})").fetchall()) for t in insurance.COMMENTS}
    assert foreign_keys == {
        "agents": 0,
        "customers": 0,
        "products": 0,
        "policies": 4,
        "premium_payments": 1,
        "adjusters": 0,
        "claims": 2,
    }
    states = " OR ".join(
        f"(region = '{region}' AND state IN ({', '.join(repr(s) for s, _ in states)}))"
        for region, states in insurance._REGIONS.items()
    )
    broken = {
        "names or numbers that should be unique are not": "SELECT (SELECT count(*) - count(DISTINCT agent_name) "
        "FROM agents) + (SELECT count(*) - count(DISTINCT adjuster_name) FROM adjusters) + (SELECT count(*) - "
        "count(DISTINCT product_code) FROM products) + (SELECT count(*) - count(DISTINCT policy_number) FROM "
        "policies) + (SELECT count(*) - count(DISTINCT claim_number) FROM claims) + (SELECT count(*) - "
        "count(DISTINCT appointed_date || region) FROM agents)",
        "a customer in the wrong region or with a sector that does not fit": f"SELECT count(*) FROM customers "
        f"WHERE NOT ({states}) OR (customer_type = 'Business') <> (business_sector IS NOT NULL) "
        "OR customer_type NOT IN ('Individual', 'Business')",
        "a customer whose first policy is not where it should be": "SELECT count(*) FROM customers c JOIN "
        "(SELECT customer_id, min(start_date) AS first FROM policies GROUP BY customer_id) p USING (customer_id) "
        "WHERE c.customer_since > p.first OR (c.customer_since >= '2023-01-02' AND c.customer_since <> p.first)",
        "a customer without a policy": "SELECT count(*) FROM customers WHERE customer_id NOT IN "
        "(SELECT customer_id FROM policies)",
        "a term that is not a year, or not in force from 2024 on": "SELECT count(*) FROM policies WHERE end_date "
        "<> date(start_date, '+1 year', '-1 day') OR end_date < '2024-01-01' OR start_date > '2025-12-31' "
        "OR cancelled_date < '2024-01-01'",
        "a policy of a product or from an agent it cannot be": "SELECT count(*) FROM policies p JOIN customers c "
        "USING (customer_id) JOIN products pr USING (product_id) LEFT JOIN agents a ON a.agent_id = p.agent_id "
        "WHERE p.start_date < pr.launched_date OR pr.customer_type <> c.customer_type OR a.region <> c.region "
        "OR p.start_date < a.appointed_date OR (p.agent_id IS NULL AND c.customer_type = 'Business')",
        "a status that does not fit the dates": "SELECT count(*) FROM policies WHERE (status = 'Cancelled') <> "
        "(cancelled_date IS NOT NULL) OR (cancelled_date IS NULL) <> (cancellation_reason IS NULL) "
        "OR cancelled_date <= start_date OR cancelled_date > end_date "
        "OR (status = 'Active') <> (cancelled_date IS NULL AND end_date >= '2025-12-31') "
        "OR status NOT IN ('Active', 'Expired', 'Cancelled') OR payment_plan NOT IN ('Annual', 'Monthly') "
        "OR cancellation_reason NOT IN ('Non-payment', 'Switched insurer', 'No longer needed') "
        "OR (cancellation_reason = 'Non-payment' AND payment_plan <> 'Monthly')",
        "a renewal that does not follow its previous term": "SELECT count(*) FROM policies p LEFT JOIN policies q "
        "ON q.policy_id = p.previous_policy_id WHERE (p.previous_policy_id IS NOT NULL AND (p.business_type <> "
        "'Renewal' OR q.status <> 'Expired' OR q.end_date <> date(p.start_date, '-1 day') OR q.customer_id <> "
        "p.customer_id OR q.product_id <> p.product_id OR q.agent_id IS NOT p.agent_id)) OR (p.previous_policy_id "
        "IS NULL AND p.business_type = 'Renewal' AND p.start_date >= '2024-01-01') "
        "OR p.business_type NOT IN ('New business', 'Renewal') OR p.annual_premium <= 0 OR p.coverage_limit <= 0 "
        "OR p.deductible < 0",
        "a term renewed twice": "SELECT count(*) FROM (SELECT 1 FROM policies WHERE previous_policy_id IS NOT NULL "
        "GROUP BY previous_policy_id HAVING count(*) > 1)",
        "two terms of one product overlap for a customer": "SELECT count(*) FROM (SELECT start_date, lag(end_date) "
        "OVER (PARTITION BY customer_id, product_id ORDER BY start_date) AS before FROM policies) WHERE before >= "
        "start_date",
        "a claim outside its policy's cover": "SELECT count(*) FROM claims c JOIN policies p USING (policy_id) "
        "WHERE c.loss_date < p.start_date OR c.loss_date > p.end_date OR c.loss_date >= p.cancelled_date "
        "OR c.loss_date < '2024-01-01' OR c.reported_date < c.loss_date OR c.reported_date > '2025-12-31'",
        "a claim's outcome does not add up": "SELECT count(*) FROM claims c JOIN policies p USING (policy_id) "
        "WHERE (c.status = 'Open') <> (c.closed_date IS NULL) OR c.closed_date < c.reported_date "
        "OR c.status NOT IN ('Open', 'Settled', 'Denied', 'Withdrawn') "
        "OR (c.status IN ('Denied', 'Withdrawn') AND c.amount_paid <> 0) OR (c.status = 'Settled' "
        "AND c.amount_paid <= 0) OR c.amount_paid < 0 OR c.amount_paid > c.amount_claimed "
        "OR c.amount_paid > p.coverage_limit",
        "a claim handled by the wrong team, or before the adjuster joined": "SELECT count(*) FROM claims c "
        "JOIN adjusters a USING (adjuster_id) JOIN policies p USING (policy_id) JOIN products pr USING "
        "(product_id) WHERE c.reported_date < a.hired_date OR a.team <> CASE WHEN c.cause IN ('Liability', "
        "'Cyber incident') THEN 'Liability' WHEN pr.line_of_business = 'Motor' THEN 'Motor' ELSE 'Property' END",
        "a catastrophe claim outside its event": "SELECT count(*) FROM claims c JOIN policies p USING (policy_id) "
        "JOIN customers cu USING (customer_id) WHERE (c.catastrophe_event = 'Hurricane Delia' AND (c.loss_date "
        "NOT BETWEEN '2024-09-26' AND '2024-09-27' OR cu.region NOT IN ('Gulf Coast', 'Southeast'))) OR "
        "(c.catastrophe_event = 'Winter Storm Orla' AND (c.loss_date NOT BETWEEN '2025-01-21' AND '2025-01-24' "
        "OR cu.region NOT IN ('Northeast', 'Mid-Atlantic'))) OR c.catastrophe_event NOT IN ('Hurricane Delia', "
        "'Winter Storm Orla')",
        "a payment outside its policy or of a kind it cannot be": "SELECT count(*) FROM premium_payments m "
        "JOIN policies p USING (policy_id) WHERE m.payment_date < '2024-01-01' OR m.payment_date > '2025-12-31' "
        "OR m.payment_date < p.start_date OR (m.payment_type = 'Premium' AND (m.amount <= 0 OR m.payment_date > "
        "p.end_date)) OR (m.payment_type = 'Refund' AND (m.amount >= 0 OR m.status <> 'Collected' OR "
        "p.payment_plan <> 'Annual' OR p.status <> 'Cancelled' OR p.cancellation_reason = 'Non-payment')) "
        "OR m.payment_type NOT IN ('Premium', 'Refund') OR m.status NOT IN ('Collected', 'Failed') "
        "OR (m.status = 'Failed' AND p.payment_plan <> 'Monthly') "
        "OR (p.payment_plan = 'Monthly' AND m.payment_method NOT IN ('Direct debit', 'Card')) "
        "OR (p.payment_plan = 'Annual' AND m.payment_method NOT IN ('Card', 'Bank transfer', 'Cheque'))",
        "a term paid in full whose payments do not add up to its premium": "SELECT count(*) FROM policies p "
        "JOIN (SELECT policy_id, sum(amount) AS paid FROM premium_payments WHERE status = 'Collected' "
        "GROUP BY policy_id) m USING (policy_id) WHERE p.start_date >= '2024-01-01' AND p.status <> 'Cancelled' "
        "AND (p.payment_plan = 'Annual' OR p.end_date < '2025-12-31') AND abs(m.paid - p.annual_premium) > 0.005",
        "a cancellation for non-payment without two failed collections before it": "SELECT count(*) FROM policies "
        "p WHERE p.cancellation_reason = 'Non-payment' AND (SELECT count(*) FROM premium_payments m WHERE "
        "m.policy_id = p.policy_id AND m.status = 'Failed' AND m.payment_date < p.cancelled_date) < 2",
    }
    for what, sql in broken.items():
        assert count(con, sql) == 0, what


def test_the_business_has_the_shape_its_docstring_promises(con: sqlite3.Connection) -> None:
    claims = (
        "SELECT {what} FROM claims c JOIN policies p USING (policy_id) JOIN customers cu USING (customer_id) "
        "JOIN products pr USING (product_id) WHERE {where} GROUP BY 1"
    )

    def by(what: str, where: str = "1") -> dict:
        return {
            row[0]: row[1] if len(row) == 2 else row[1:] for row in con.execute(claims.format(what=what, where=where))
        }

    # the seasons: burst pipes and icy roads in the cold winters, hail in the Midwest spring
    month = "CAST(strftime('%m', c.loss_date) AS INTEGER)"
    cold = "cu.region <> 'Gulf Coast' AND cu.region <> 'Southeast' AND c.catastrophe_event IS NULL"
    water = by(f"{month}, count(*)", f"c.cause = 'Water damage' AND {cold}")
    assert water[1] + water[2] + water[12] > 1.8 * (water[6] + water[7] + water[8])
    crashes = by(f"{month}, count(*)", f"c.cause = 'Collision' AND {cold}")
    assert crashes[1] + crashes[2] + crashes[12] > 1.25 * (crashes[6] + crashes[7] + crashes[8])
    hail = by(f"{month}, count(*)", "c.cause = 'Storm' AND cu.region = 'Midwest'")
    assert hail.get(4, 0) + hail.get(5, 0) + hail.get(6, 0) > 2 * (hail.get(10, 0) + hail.get(11, 0) + hail.get(12, 0))
    # the hurricane: the Gulf Coast's claims in the autumn of 2024, its loss ratio, its slow settlements
    gulf = by("strftime('%Y-%m', c.reported_date), count(*)", "cu.region = 'Gulf Coast'")
    ordinary = mean([n for m, n in gulf.items() if m not in ("2024-09", "2024-10")])
    assert min(gulf["2024-09"], gulf["2024-10"]) > 3 * ordinary
    paid = by("cu.region, sum(c.amount_paid)", "c.reported_date LIKE '2024%'")
    written = dict(
        con.execute(
            "SELECT c.region, sum(p.annual_premium) FROM policies p JOIN customers c USING (customer_id) "
            "WHERE p.start_date LIKE '2024%' GROUP BY 1"
        )
    )
    ratio = {r: paid[r] / written[r] for r in REGIONS}
    assert ratio["Gulf Coast"] > 1.3 and all(ratio["Gulf Coast"] > 0.3 + ratio[r] for r in REGIONS if r != "Gulf Coast")
    assert min(ratio.values()) > 0.3 and sorted(ratio.values())[-2] < 1.0
    days = "avg(julianday(c.closed_date) - julianday(c.reported_date))"
    storm = by(f"c.catastrophe_event IS NOT NULL, {days}", "c.cause = 'Storm' AND c.status = 'Settled'")
    assert storm[1] > 1.5 * storm[0]
    # the winter storm
    pipes = "c.cause = 'Water damage' AND c.loss_date LIKE '____-01%' AND cu.region IN ('Northeast', 'Mid-Atlantic')"
    january = by("substr(c.loss_date, 1, 4), count(*)", pipes)
    assert january["2025"] > 2 * january["2024"]
    # settlement times by cause and by adjuster, and claims that end in other ways
    settle = by(f"c.cause, {days}", "c.status = 'Settled'")
    assert settle["Glass"] < 10 and settle["Liability"] > 100 and settle["Fire"] > 2 * settle["Collision"]
    adjusters = dict(
        con.execute(
            f"SELECT a.adjuster_name, {days} FROM claims c JOIN adjusters a USING (adjuster_id) "
            "WHERE c.status = 'Settled' AND c.catastrophe_event IS NULL AND a.team = 'Property' GROUP BY 1"
        )
    )
    assert max(adjusters.values()) > 1.3 * min(adjusters.values())
    outcomes = dict(con.execute("SELECT status, count(*) FROM claims GROUP BY 1"))
    assert min(outcomes["Denied"], outcomes["Open"]) > 100 and outcomes["Withdrawn"] > 30
    assert outcomes["Settled"] > 0.75 * sum(outcomes.values())

    # premiums rise at renewal, on the Gulf Coast most of all in 2025, and more after a claim
    rise = "avg((p.annual_premium - q.annual_premium) / q.annual_premium)"
    renewals = (
        f"SELECT {{group}}, {rise} FROM policies p JOIN policies q ON q.policy_id = p.previous_policy_id "
        "JOIN customers c ON c.customer_id = p.customer_id WHERE {where} GROUP BY 1"
    )
    rises = dict(con.execute(renewals.format(group="c.region", where="p.start_date LIKE '2025%'")))
    assert rises["Gulf Coast"] > 0.05 + max(v for r, v in rises.items() if r != "Gulf Coast")
    assert min(rises.values()) > 0.04
    claimed = dict(
        con.execute(
            renewals.format(
                group="q.policy_id IN (SELECT policy_id FROM claims WHERE amount_paid > 0)",
                where="c.region <> 'Gulf Coast'",
            )
        )
    )
    assert claimed[1] > claimed[0] + 0.05
    # fewer Gulf Coast customers renew in 2025; agents keep their customers to different degrees
    renewed = "avg(p.policy_id IN (SELECT previous_policy_id FROM policies WHERE previous_policy_id IS NOT NULL))"
    kept = {
        (region, year): share
        for region, year, share in con.execute(
            f"SELECT c.region, substr(p.end_date, 1, 4), {renewed} FROM policies p JOIN customers c "
            "USING (customer_id) WHERE p.status = 'Expired' AND p.end_date < '2025-12-01' GROUP BY 1, 2"
        )
    }
    assert kept["Gulf Coast", "2025"] < kept["Gulf Coast", "2024"] - 0.08
    assert all(kept["Gulf Coast", "2025"] < kept[r, "2025"] - 0.08 for r in REGIONS if r != "Gulf Coast")
    agents = [
        share
        for (share,) in con.execute(
            f"SELECT {renewed} FROM policies p WHERE p.status = 'Expired' AND p.agent_id IS NOT NULL "
            "GROUP BY p.agent_id HAVING count(*) > 200"
        )
    ]
    assert len(agents) >= 20 and max(agents) - min(agents) > 0.1
    # new business: the Southeast grows, the Gulf Coast shrinks, the website's share grows, a new agent ramps up
    sold = {
        (region, year): n
        for region, year, n in con.execute(
            "SELECT c.region, substr(p.start_date, 1, 4), count(*) FROM policies p JOIN customers c "
            "USING (customer_id) WHERE p.business_type = 'New business' GROUP BY 1, 2"
        )
    }
    assert sold["Southeast", "2025"] > 1.25 * sold["Southeast", "2024"]
    assert sold["Gulf Coast", "2025"] < 0.8 * sold["Gulf Coast", "2024"]
    online = dict(
        con.execute(
            "SELECT substr(p.start_date, 1, 4), avg(p.agent_id IS NULL) FROM policies p JOIN customers c "
            "USING (customer_id) WHERE p.business_type = 'New business' AND c.customer_type = 'Individual' "
            "GROUP BY 1"
        )
    )
    assert online["2025"] > 1.3 * online["2024"]
    newest = con.execute(
        "SELECT a.appointed_date, min(p.start_date), count(*) FROM agents a JOIN policies p USING (agent_id) "
        "WHERE a.appointed_date >= '2024-01-01'"
    ).fetchone()
    assert newest[0] <= newest[1] and newest[2] > 50
    # monthly payers cancel more often, some of them for non-payment; cyber cover since its launch
    cancelled = dict(
        con.execute(
            "SELECT payment_plan, avg(status = 'Cancelled') FROM policies WHERE start_date >= '2024-01-01' GROUP BY 1"
        )
    )
    assert cancelled["Monthly"] > 2 * cancelled["Annual"]
    reasons = dict(con.execute("SELECT cancellation_reason, count(*) FROM policies GROUP BY 1"))
    assert min(reasons["Non-payment"], reasons["Switched insurer"], reasons["No longer needed"]) > 200
    assert count(con, "SELECT count(*) FROM premium_payments WHERE status = 'Failed'") > 1000
    assert count(con, "SELECT count(*) FROM premium_payments WHERE payment_type = 'Refund'") > 100
    cyber = con.execute(
        "SELECT min(p.start_date), count(*) FROM policies p JOIN products pr USING (product_id) "
        "WHERE pr.product_code = 'CYBER'"
    ).fetchone()
    assert cyber[0] >= "2025-04-01" and cyber[1] > 50


def test_build_is_deterministic(dataset: Path, tmp_path: Path, rows: dict) -> None:
    again = insurance.build(tmp_path)
    assert again.read_bytes() == insurance.database_path(dataset).read_bytes()
    assert insurance.insurance_rows() == rows


def test_held_out_gold_queries_run_and_answer(dataset: Path, con: sqlite3.Connection) -> None:
    results = assert_held_out_set(dataset, con, insurance, {"easy": 5, "medium": 5, "hard": 5, "extra": 5})
    assert_periods_are_numbers(results)


# --------------------------------------------------------------------------------------------
# The second computation: every answer again, in Python, from the generator's rows.


def _expected(rows: dict[str, list[dict]]) -> dict[str, list[tuple]]:
    customer = {c["customer_id"]: c for c in rows["customers"]}
    product = {p["product_id"]: p for p in rows["products"]}
    agent = {a["agent_id"]: a for a in rows["agents"]}
    policies = rows["policies"]
    policy = {p["policy_id"]: p for p in policies}
    claims = rows["claims"]

    def region(p: dict) -> str:
        return customer[p["customer_id"]]["region"]

    def line(p: dict) -> str:
        return product[p["product_id"]]["line_of_business"]

    written25 = [p for p in policies if in_year(p["start_date"], 2025)]
    settled25 = [c for c in claims if c["status"] == "Settled" and in_year(c["closed_date"], 2025)]
    out: dict[str, list[tuple]] = {}

    out["insurance-01"] = [(sum(in_year(c["reported_date"], 2025) for c in claims),)]
    out["insurance-02"] = [(sum(p["annual_premium"] for p in written25),)]
    gulf = sorted((a for a in agent.values() if a["region"] == "Gulf Coast"), key=lambda a: a["appointed_date"])
    assert len({a["appointed_date"] for a in gulf}) == len(gulf)
    out["insurance-03"] = [(a["agent_name"], a["agency_name"], a["agent_type"]) for a in gulf]
    out["insurance-04"] = list(Counter(c["cause"] for c in claims if c["status"] == "Open").items())
    payouts = {c["claim_id"]: c["amount_paid"] for c in claims if in_year(c["closed_date"], 2025)}
    claim = {c["claim_id"]: c for c in claims}
    out["insurance-05"] = [
        (claim[i]["claim_number"], claim[i]["cause"], claim[i]["amount_paid"]) for i in untied_top(payouts, 5)
    ]

    payout = defaultdict(list)
    for c in settled25:
        payout[line(policy[c["policy_id"]])].append(c["amount_paid"])
    out["insurance-06"] = [(k, mean(v)) for k, v in payout.items()]
    by_line: Counter = Counter()
    for p in written25:
        by_line[line(p)] += p["annual_premium"]
    total25 = sum(p["annual_premium"] for p in written25)
    out["insurance-07"] = [(k, 100 * v / total25) for k, v in by_line.items()]
    gulf_months = Counter(
        c["reported_date"].month
        for c in claims
        if in_year(c["reported_date"], 2024) and region(policy[c["policy_id"]]) == "Gulf Coast"
    )
    assert len(gulf_months) == 12
    out["insurance-08"] = sorted(gulf_months.items())
    received: Counter = Counter()
    for m in rows["premium_payments"]:
        if m["status"] == "Collected" and in_year(m["payment_date"], 2025):
            received[m["payment_method"]] += m["amount"]
    out["insurance-09"] = list(received.items())
    premiums = defaultdict(list)
    for p in written25:
        premiums[product[p["product_id"]]["product_name"]].append(p["annual_premium"])
    out["insurance-10"] = [(k, len(v), mean(v)) for k, v in premiums.items()]

    waits = defaultdict(list)
    for c in settled25:
        waits[c["cause"]].append((c["closed_date"] - c["reported_date"]).days)
    out["insurance-11"] = [(k, mean(v)) for k, v in waits.items()]
    fate = defaultdict(list)
    for p in policies:
        if in_year(p["start_date"], 2024):
            fate[p["payment_plan"]].append(p["status"] == "Cancelled")
    out["insurance-12"] = [(k, 100 * mean(v)) for k, v in fate.items()]
    monthly: Counter = Counter()
    for p in written25:
        monthly[p["start_date"].month] += p["annual_premium"]
    running, out["insurance-13"] = 0.0, []
    for month in sorted(monthly):
        running += monthly[month]
        out["insurance-13"].append((month, monthly[month], running))
    reported = defaultdict(Counter)
    for c in claims:
        reported[region(policy[c["policy_id"]])][c["reported_date"].year] += 1
    out["insurance-14"] = [(r, n[2024], n[2025]) for r, n in reported.items()]
    spent: Counter = Counter()
    for p in written25:
        if customer[p["customer_id"]]["customer_type"] == "Business":
            spent[p["customer_id"]] += p["annual_premium"]
    out["insurance-15"] = [(mean(list(spent.values())),)]

    paid, written = Counter(), Counter()
    for c in claims:
        if in_year(c["reported_date"], 2024):
            paid[region(policy[c["policy_id"]])] += c["amount_paid"]
    for p in policies:
        if in_year(p["start_date"], 2024):
            written[region(p)] += p["annual_premium"]
    out["insurance-16"] = [(r, 100 * paid[r] / written[r]) for r in written]
    renewed_ids = {p["previous_policy_id"] for p in policies if p["previous_policy_id"] is not None}
    kept = defaultdict(list)
    for p in policies:
        if p["status"] != "Cancelled" and date(2025, 1, 1) <= p["end_date"] <= date(2025, 6, 30):
            kept[region(p)].append(p["policy_id"] in renewed_ids)
    out["insurance-17"] = [(r, 100 * mean(v)) for r, v in kept.items()]
    rises = defaultdict(list)
    for p in written25:
        if p["previous_policy_id"] is not None:
            before = policy[p["previous_policy_id"]]["annual_premium"]
            rises[region(p)].append(100 * (p["annual_premium"] - before) / before)
    out["insurance-18"] = [(r, mean(v)) for r, v in rises.items()]
    new_business: dict[str, Counter] = defaultdict(Counter)
    for p in written25:
        if p["business_type"] == "New business" and p["agent_id"] is not None:
            new_business[agent[p["agent_id"]]["region"]][p["agent_id"]] += p["annual_premium"]
    out["insurance-19"] = [
        (r, agent[a]["agent_name"], c[a]) for r, c in sorted(new_business.items()) for a in untied_top(c, 3)
    ]
    sold = defaultdict(Counter)
    for p in policies:
        if p["business_type"] == "New business":
            sold[region(p)][p["start_date"].year] += 1
    out["insurance-20"] = [(r, n[2024], n[2025], 100 * (n[2025] - n[2024]) / n[2024]) for r, n in sold.items()]
    return out


def test_every_gold_answer_agrees_with_a_second_computation(con: sqlite3.Connection, rows: dict) -> None:
    assert_golds_agree(con, held_out_questions(insurance), _expected(rows))


def test_rounded_golds_have_an_exact_twin_far_from_a_rounding_edge(con: sqlite3.Connection) -> None:
    """A question that asks for rounding holds the rounded gold and the same query unrounded; no exact value lies
    so near a half unit that summing in another order could round it the other way."""
    assert_rounded_golds_have_exact_twins(con, held_out_questions(insurance))
