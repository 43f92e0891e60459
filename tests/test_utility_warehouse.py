"""The utility's warehouse and its held-out questions: built from scratch, documented, deterministic, consistent, and
every gold query runs and agrees with a second computation in Python over the generator's rows (not SQL). No model;
the questions are read as data only (they are the project's fair measure)."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

from bench.warehouses import utility
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

REGIONS = ("Metro", "Lakeshore", "Coastal", "Highlands")

dataset, con = warehouse_fixtures(utility)


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    return utility.utility_rows()


def test_tables_are_sizeable_and_cover_two_years(dataset: Path, con: sqlite3.Connection) -> None:
    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(utility.COMMENTS) and 6 <= len(tables) <= 8
    assert count(con, "SELECT count(*) FROM tariffs") == 11
    assert 20 <= count(con, "SELECT count(*) FROM tariff_prices") <= 40
    assert count(con, "SELECT count(*) FROM customers") >= 3000
    assert count(con, "SELECT count(*) FROM meters") >= 5000
    assert count(con, "SELECT count(*) FROM meter_readings") >= 100_000
    assert count(con, "SELECT count(*) FROM bills") >= 60_000
    assert count(con, "SELECT count(*) FROM outages") >= 300
    assert count(con, "SELECT count(*) FROM service_cases") >= 2000
    dated = (
        ("meter_readings", "reading_date"),
        ("meter_readings", "period_start"),
        ("bills", "bill_date"),
        ("bills", "paid_date"),
        ("outages", "start_time"),
        ("service_cases", "opened_date"),
        ("service_cases", "closed_date"),
        ("customers", "left_date"),
    )
    for table, column in dated:
        first, last = con.execute(
            f"SELECT min({column}), max({column}) FROM {table} WHERE {column} >= '2024-01-01'"
        ).fetchone()
        assert first.startswith("2024-01") and last.startswith("2025-12"), (table, column)
    every_date = (
        "SELECT min(d), max(d) FROM (SELECT period_start AS d FROM meter_readings UNION ALL SELECT reading_date "
        "FROM meter_readings UNION ALL SELECT bill_date FROM bills UNION ALL SELECT paid_date FROM bills "
        "UNION ALL SELECT opened_date FROM service_cases UNION ALL SELECT closed_date FROM service_cases "
        "UNION ALL SELECT left_date FROM customers UNION ALL SELECT substr(start_time, 1, 10) FROM outages "
        "UNION ALL SELECT substr(end_time, 1, 10) FROM outages)"
    )
    assert con.execute(every_date).fetchone() == ("2024-01-01", "2025-12-31")
    # Only what started before the data may lie before it (a customer joining, a meter fitted, a tariff launched,
    # a price set); nothing lies after it but a due date.
    for table, column in (
        ("customers", "joined_date"),
        ("meters", "installed_date"),
        ("tariffs", "launched_date"),
        ("tariff_prices", "valid_from"),
    ):
        assert count(con, f"SELECT max({column}) FROM {table}") <= "2025-12-31", table
    assert count(con, "SELECT min(joined_date) FROM customers") < "2024-01-01"
    assert count(con, "SELECT max(due_date) FROM bills") <= "2026-01-30"
    assert utility.database_path(dataset).stat().st_size < 20_000_000


def test_every_table_and_column_is_commented_in_its_ddl(con: sqlite3.Connection) -> None:
    assert_every_table_and_column_commented(con, utility.COMMENTS)


def test_keys_and_business_rules_hold(con: sqlite3.Connection) -> None:
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    foreign_keys = {t: len(con.execute(f"PRAGMA foreign_key_list({t})").fetchall()) for t in utility.COMMENTS}
    assert foreign_keys == {
        "tariffs": 0,
        "tariff_prices": 1,
        "customers": 0,
        "meters": 2,
        "meter_readings": 2,
        "bills": 1,
        "outages": 0,
        "service_cases": 2,
    }
    towns = " OR ".join(
        f"(region = '{region}' AND town IN ({', '.join(repr(t) for t in spec[0])}))"
        for region, spec in utility._REGIONS.items()
    )
    supplied = "r.period_start >= c.joined_date AND r.reading_date <= coalesce(c.left_date, '2025-12-31')"
    broken = {
        "names or numbers that should be unique are not": "SELECT (SELECT count(*) - count(DISTINCT tariff_name) "
        "FROM tariffs) + (SELECT count(*) - count(DISTINCT account_number) FROM customers) + (SELECT count(*) - "
        "count(DISTINCT serial_number) FROM meters)",
        "a tariff that is not what it says": "SELECT count(*) FROM tariffs WHERE fuel NOT IN ('Electricity', 'Gas') "
        "OR tariff_type NOT IN ('Fixed', 'Variable') OR customer_type NOT IN ('Residential', 'Business') "
        "OR withdrawn_date < launched_date OR instr(tariff_name, fuel) = 0",
        "a price history with a gap, an overlap or a change mid-month": "SELECT count(*) FROM tariff_prices p "
        "LEFT JOIN tariff_prices n ON n.tariff_id = p.tariff_id AND n.valid_from > p.valid_from AND NOT EXISTS "
        "(SELECT 1 FROM tariff_prices x WHERE x.tariff_id = p.tariff_id AND x.valid_from > p.valid_from AND "
        "x.valid_from < n.valid_from) WHERE (n.price_id IS NULL) <> (p.valid_to IS NULL) OR p.valid_to <> "
        "date(n.valid_from, '-1 day') OR substr(p.valid_from, 9) <> '01' OR p.unit_rate NOT BETWEEN 0.03 AND 0.4 "
        "OR p.standing_charge <= 0",
        "a customer in the wrong town, or whose leaving does not add up": f"SELECT count(*) FROM customers WHERE "
        f"NOT ({towns}) OR customer_type NOT IN ('Residential', 'Business') OR left_date < joined_date "
        "OR (left_date IS NULL) <> (leave_reason IS NULL) OR leave_reason NOT IN ('Moved home', "
        "'Switched supplier', 'Business closed') OR (leave_reason = 'Business closed' AND customer_type <> "
        "'Business') OR (leave_reason = 'Moved home' AND customer_type <> 'Residential') OR left_date < "
        "'2024-01-01' OR payment_method NOT IN ('Direct debit', 'Card', 'Bank transfer', 'Check')",
        "a customer without exactly one electricity meter, or with two gas meters": "SELECT count(*) FROM "
        "customers c LEFT JOIN (SELECT customer_id, sum(fuel = 'Electricity') AS power, sum(fuel = 'Gas') AS gas "
        "FROM meters GROUP BY customer_id) m USING (customer_id) WHERE m.power IS NOT 1 OR m.gas > 1",
        "a meter that is not what it says, or fitted after its customer joined": "SELECT count(*) FROM meters m "
        "JOIN customers c USING (customer_id) JOIN tariffs t ON t.tariff_id = m.tariff_id WHERE substr("
        "m.serial_number, 1, 1) <> substr(m.fuel, 1, 1) OR length(m.serial_number) <> 9 OR m.meter_type NOT IN "
        "('Smart', 'Standard') OR m.installed_date > max(c.joined_date, '2023-12-31') OR t.fuel <> m.fuel "
        "OR t.customer_type <> c.customer_type",
        "a meter whose tariff today is not that of its last reading": "SELECT count(*) FROM (SELECT meter_id, "
        "max(reading_date), tariff_id FROM meter_readings GROUP BY meter_id) r JOIN meters m USING (meter_id) "
        "WHERE r.tariff_id <> m.tariff_id",
        "a reading outside its customer's supply, or not a month's period": "SELECT count(*) FROM meter_readings r "
        "JOIN meters m USING (meter_id) JOIN customers c USING (customer_id) WHERE NOT "
        f"({supplied}) OR substr(r.period_start, 1, 7) <> substr(r.reading_date, 1, 7) OR (r.period_start <> "
        "date(r.reading_date, 'start of month') AND r.period_start <> c.joined_date) OR (r.reading_date <> "
        "date(r.reading_date, 'start of month', '+1 month', '-1 day') AND r.reading_date IS NOT c.left_date) "
        "OR r.consumption_kwh < 0 OR r.reading_type NOT IN ('Actual', 'Customer', 'Estimated') OR (m.meter_type "
        "= 'Smart' AND r.reading_type = 'Customer') OR (r.reading_date IS c.left_date AND r.reading_type <> "
        "'Actual')",
        "a reading on a tariff it cannot be on": "SELECT count(*) FROM meter_readings r JOIN meters m "
        "USING (meter_id) JOIN tariffs t ON t.tariff_id = r.tariff_id WHERE t.fuel <> m.fuel OR r.period_start "
        "< t.launched_date",
        "a tariff that changes mid-month": "SELECT count(*) FROM (SELECT 1 FROM meter_readings GROUP BY meter_id, "
        "substr(reading_date, 1, 7) HAVING count(*) > 1)",
        "a bill without its readings, or readings without their bill": "SELECT (SELECT count(*) FROM bills b "
        "JOIN meters m USING (customer_id) LEFT JOIN meter_readings r ON r.meter_id = m.meter_id AND "
        "r.reading_date = b.bill_date AND r.period_start = b.period_start WHERE r.reading_id IS NULL) + "
        "(SELECT count(*) FROM meter_readings r JOIN meters m USING (meter_id) LEFT JOIN bills b ON b.customer_id "
        "= m.customer_id AND b.bill_date = r.reading_date WHERE b.bill_id IS NULL) + (SELECT count(*) - "
        "count(DISTINCT customer_id || period_start) FROM bills)",
        "a bill whose dates do not add up": "SELECT count(*) FROM bills b JOIN customers c USING (customer_id) "
        "WHERE b.bill_date <> b.period_end OR b.due_date <> date(b.bill_date, CASE c.customer_type WHEN "
        "'Business' THEN '+30 day' ELSE '+21 day' END) OR b.paid_date < b.bill_date OR b.paid_date > '2025-12-31' "
        "OR (c.payment_method = 'Direct debit' AND b.paid_date < b.due_date)",
        "a bill whose amounts do not add up": "SELECT count(*) FROM (SELECT b.bill_id FROM meter_readings r "
        "CROSS JOIN meters m ON m.meter_id = r.meter_id CROSS JOIN bills b ON b.customer_id = m.customer_id "
        "AND b.bill_date = r.reading_date JOIN customers c ON c.customer_id = b.customer_id "
        "JOIN tariff_prices p ON p.tariff_id = r.tariff_id "
        "AND r.period_start BETWEEN p.valid_from AND coalesce(p.valid_to, '2025-12-31') GROUP BY "
        "b.bill_id HAVING abs(b.energy_charge - sum(r.consumption_kwh * p.unit_rate)) > 0.00501 "
        "OR abs(b.standing_charge - sum((julianday(r.reading_date) - julianday(r.period_start) + 1) * "
        "p.standing_charge)) > 0.00501 OR abs(b.tax_amount - (b.energy_charge + b.standing_charge) * CASE "
        "c.customer_type WHEN 'Business' THEN 0.07 ELSE 0.05 END) > 0.00501 OR abs(b.total_amount - "
        "b.energy_charge - b.standing_charge - b.tax_amount) > 0.0001 OR b.total_amount <= 0)",
        "an outage that is not what it says": f"SELECT count(*) FROM outages WHERE NOT ({towns}) "
        "OR end_time <= start_time OR start_time NOT GLOB '202[45]-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]' "
        "OR end_time NOT GLOB '202[45]-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]' OR customers_affected < 1 "
        "OR cause NOT IN ('Equipment failure', 'Vegetation', 'Severe weather', 'Storm', 'Third-party damage', "
        "'Planned maintenance') OR (cause = 'Storm' AND start_time NOT BETWEEN '2025-02-08' AND '2025-02-10 ~')",
        "a case that is not what it says": "SELECT count(*) FROM service_cases s JOIN customers c "
        "USING (customer_id) WHERE s.closed_date < s.opened_date OR s.opened_date < c.joined_date "
        "OR s.category NOT IN ('Billing query', 'Payment arrangement', 'Meter problem', 'Power cut', "
        "'Moving home', 'Tariff change', 'Complaint') OR s.channel NOT IN ('Phone', 'Email', 'Web chat') "
        "OR (s.outage_id IS NOT NULL) <> (s.category = 'Power cut')",
        "a power cut reported from elsewhere, or long after": "SELECT count(*) FROM service_cases s JOIN "
        "customers c USING (customer_id) JOIN outages o ON o.outage_id = s.outage_id WHERE o.town <> c.town "
        "OR s.opened_date NOT BETWEEN substr(o.start_time, 1, 10) AND date(o.start_time, '+1 day') "
        "OR o.cause = 'Planned maintenance' OR s.opened_date > coalesce(c.left_date, '2025-12-31')",
    }
    for what, sql in broken.items():
        assert count(con, sql) == 0, what


def test_every_customer_is_read_and_billed_every_month_they_are_supplied(rows: dict) -> None:
    def months(first: date, last: date) -> int:
        return (last.year - first.year) * 12 + last.month - first.month + 1

    bills = Counter(b["customer_id"] for b in rows["bills"])
    readings = Counter(r["meter_id"] for r in rows["meter_readings"])
    for c in rows["customers"]:
        supplied = months(max(c["joined_date"], utility.START), c["left_date"] or utility.END)
        assert bills[c["customer_id"]] == supplied, c
    for m in rows["meters"]:
        assert readings[m["meter_id"]] == bills[m["customer_id"]], m


def test_the_business_has_the_shape_its_docstring_promises(con: sqlite3.Connection) -> None:
    def by_month(fuel: str, year: int = 2025) -> dict[int, int]:
        return dict(
            con.execute(
                "SELECT CAST(strftime('%m', r.reading_date) AS INTEGER), sum(r.consumption_kwh) FROM meter_readings r "
                "JOIN meters m USING (meter_id) WHERE m.fuel = ? AND r.reading_date LIKE ? GROUP BY 1",
                (fuel, f"{year}%"),
            )
        )

    for year in (2024, 2025):
        gas, power = by_month("Gas", year), by_month("Electricity", year)
        assert min(gas[1], gas[2], gas[12]) > 4 * max(gas[6], gas[7], gas[8])
        assert min(power[7], power[8]) > 1.25 * max(power[4], power[5], power[10])
    # households' winter bump: a full month's electricity in January against May
    homes = dict(
        con.execute(
            "SELECT CAST(strftime('%m', r.reading_date) AS INTEGER), avg(r.consumption_kwh) FROM meter_readings r "
            "JOIN meters m USING (meter_id) JOIN customers c USING (customer_id) WHERE m.fuel = 'Electricity' "
            "AND c.customer_type = 'Residential' AND r.period_start = date(r.reading_date, 'start of month') "
            "AND r.reading_date = date(r.reading_date, 'start of month', '+1 month', '-1 day') "
            "GROUP BY 1"
        )
    )
    assert homes[1] > 1.1 * homes[5] and homes[12] > 1.1 * homes[4]
    # air conditioning on the coast, heating in the hills
    summer = dict(
        con.execute(
            "SELECT c.region, sum(CASE WHEN r.reading_date LIKE '2025-07%' THEN r.consumption_kwh END) * 1.0 / "
            "sum(CASE WHEN r.reading_date LIKE '2025-04%' THEN r.consumption_kwh END) FROM meter_readings r "
            "JOIN meters m USING (meter_id) JOIN customers c USING (customer_id) WHERE m.fuel = 'Electricity' "
            "GROUP BY 1"
        )
    )
    assert max(summer, key=summer.get) == "Coastal" and min(summer, key=summer.get) == "Highlands"
    gas_per_meter = dict(
        con.execute(
            "SELECT c.region, avg(r.consumption_kwh) FROM meter_readings r JOIN meters m USING (meter_id) "
            "JOIN customers c USING (customer_id) WHERE m.fuel = 'Gas' AND c.customer_type = 'Residential' "
            "AND r.reading_date LIKE '2025-01%' GROUP BY 1"
        )
    )
    assert max(gas_per_meter, key=gas_per_meter.get) == "Highlands"
    # the variable prices: a small cut in July 2024, a steep rise in April 2025
    rates = {
        (tariff, day): rate
        for day in ("2024-06-30", "2024-07-01", "2025-03-31", "2025-04-01")
        for tariff, rate in con.execute(
            "SELECT t.tariff_name, p.unit_rate FROM tariffs t JOIN tariff_prices p USING (tariff_id) WHERE "
            "t.tariff_type = 'Variable' AND ? BETWEEN p.valid_from AND coalesce(p.valid_to, '2025-12-31')",
            (day,),
        )
    }
    variable = {tariff for tariff, _ in rates}
    assert len(variable) == 5
    for tariff in variable:
        assert rates[tariff, "2025-04-01"] > 1.15 * rates[tariff, "2025-03-31"], tariff
        assert rates[tariff, "2024-07-01"] < rates[tariff, "2024-06-30"], tariff
    # customers fix their price around the rise, and more of them switch supplier after it
    fixing = dict(
        con.execute(
            "SELECT substr(r.reading_date, 1, 4), count(*) FROM meter_readings r JOIN meters m USING (meter_id) "
            "JOIN tariffs t ON t.tariff_id = r.tariff_id JOIN meter_readings p ON p.meter_id = r.meter_id "
            "AND p.reading_date = date(r.period_start, '-1 day') JOIN tariffs pt ON pt.tariff_id = p.tariff_id "
            "WHERE m.fuel = 'Electricity' AND t.tariff_type = 'Fixed' AND pt.tariff_type = 'Variable' "
            "AND substr(r.reading_date, 6, 2) IN ('03', '04', '05') GROUP BY 1"
        )
    )
    assert fixing["2025"] > 5 * fixing["2024"]
    switched = dict(
        con.execute(
            "SELECT substr(left_date, 1, 4), count(*) FROM customers WHERE leave_reason = 'Switched supplier' "
            "AND substr(left_date, 6, 2) IN ('04', '05', '06', '07') GROUP BY 1"
        )
    )
    assert switched["2025"] > 2 * switched["2024"]
    joined, left = con.execute(
        "SELECT sum(joined_date >= '2024-01-01'), sum(left_date IS NOT NULL) FROM customers"
    ).fetchone()
    assert joined >= 500 and left >= 300
    green = con.execute(
        "SELECT min(r.period_start), count(*) FROM meter_readings r JOIN tariffs t USING (tariff_id) "
        "WHERE t.tariff_name = 'Green Electricity'"
    ).fetchone()
    assert green[0] == "2024-06-01" and green[1] > 500
    assert (
        count(
            con,
            "SELECT count(*) FROM meter_readings WHERE tariff_id IN (SELECT tariff_id FROM tariffs "
            "WHERE tariff_name LIKE 'Fixed Saver % 2025') AND period_start < '2025-01-01'",
        )
        == 0
    )
    # most bills are paid on time; Lakeshore falls behind after the mill closes, and its arrears grow
    late = {
        (region, year): pct
        for region, year, pct in con.execute(
            "SELECT c.region, substr(b.bill_date, 1, 4), avg(b.paid_date > b.due_date) FROM bills b JOIN customers c "
            "USING (customer_id) WHERE b.paid_date IS NOT NULL GROUP BY 1, 2"
        )
    }
    assert all(0.03 < pct < 0.15 for pct in late.values())
    assert late["Lakeshore", "2025"] > 1.4 * late["Lakeshore", "2024"]
    assert all(abs(late[r, "2025"] - late[r, "2024"]) < 0.015 for r in REGIONS if r != "Lakeshore")

    def arrears(day: str) -> dict[str, float]:
        """What was overdue on `day` in each region, per customer of the region."""
        return dict(
            con.execute(
                "SELECT c.region, sum(b.total_amount) / (SELECT count(*) FROM customers x WHERE x.region = c.region) "
                "FROM bills b JOIN customers c USING (customer_id) WHERE b.due_date < ? AND (b.paid_date IS NULL "
                "OR b.paid_date > ?) GROUP BY 1",
                (day, day),
            )
        )

    before, after = arrears("2024-12-31"), arrears("2025-12-31")
    assert after["Lakeshore"] > 2 * max(v for r, v in after.items() if r != "Lakeshore")
    assert after["Lakeshore"] > 2 * before["Lakeshore"]
    # the storm: many long outages in February 2025, and calls about them
    outages = dict(con.execute("SELECT substr(start_time, 1, 7), count(*) FROM outages GROUP BY 1"))
    assert outages["2025-02"] > 3 * mean([n for month, n in outages.items() if month != "2025-02"])
    hours = dict(
        con.execute(
            "SELECT cause = 'Storm', avg(julianday(end_time) - julianday(start_time)) * 24 FROM outages GROUP BY 1"
        )
    )
    assert hours[1] > 3 * hours[0]
    calls = dict(
        con.execute(
            "SELECT substr(opened_date, 1, 7), count(*) FROM service_cases WHERE category = 'Power cut' GROUP BY 1"
        )
    )
    assert calls["2025-02"] > 2 * max(n for month, n in calls.items() if month != "2025-02")


def test_build_is_deterministic(dataset: Path, tmp_path: Path, rows: dict) -> None:
    again = utility.build(tmp_path)
    assert again.read_bytes() == utility.database_path(dataset).read_bytes()
    assert utility.utility_rows() == rows


def test_held_out_gold_queries_run_and_answer(dataset: Path, con: sqlite3.Connection) -> None:
    results = assert_held_out_set(dataset, con, utility, {"easy": 5, "medium": 5, "hard": 5, "extra": 5})
    assert_periods_are_numbers(results)


# --------------------------------------------------------------------------------------------
# The second computation: every answer again, in Python, from the generator's rows.


def _julian(moment: datetime) -> float:
    """SQLite's julianday() of a 'YYYY-MM-DD HH:MM' time: whole milliseconds since the Julian epoch over a day's."""
    minutes = moment.hour * 60 + moment.minute
    return ((2 * moment.toordinal() + 3442849) * 43_200_000 + minutes * 60_000) / 86_400_000


def _expected(rows: dict[str, list[dict]]) -> dict[str, list[tuple]]:
    customer = {c["customer_id"]: c for c in rows["customers"]}
    meter = {m["meter_id"]: m for m in rows["meters"]}
    tariff = {t["tariff_id"]: t for t in rows["tariffs"]}
    bills25 = [b for b in rows["bills"] if in_year(b["bill_date"], 2025)]
    readings25 = [r for r in rows["meter_readings"] if in_year(r["reading_date"], 2025)]
    outages25 = [o for o in rows["outages"] if in_year(o["start_time"], 2025)]

    def region(customer_id: int) -> str:
        return customer[customer_id]["region"]

    out: dict[str, list[tuple]] = {}
    out["utility-01"] = [(sum(c["left_date"] is None for c in rows["customers"]),)]
    out["utility-02"] = [(sum(b["total_amount"] for b in bills25),)]
    out["utility-03"] = [
        (t["tariff_name"], t["fuel"], t["tariff_type"])
        for t in rows["tariffs"]
        if t["customer_type"] == "Residential" and t["withdrawn_date"] is None
    ]
    out["utility-04"] = list(
        Counter(s["category"] for s in rows["service_cases"] if in_year(s["opened_date"], 2025)).items()
    )
    size = {o["outage_id"]: o["customers_affected"] for o in outages25}
    by_id = {o["outage_id"]: o for o in outages25}
    out["utility-05"] = [
        (by_id[i]["start_time"].strftime("%Y-%m-%d %H:%M"), by_id[i]["region"], by_id[i]["cause"], size[i])
        for i in untied_top(size, 5)
    ]

    amounts = defaultdict(list)
    for b in bills25:
        amounts[customer[b["customer_id"]]["customer_type"]].append(b["total_amount"])
    out["utility-06"] = [(kind, mean(v)) for kind, v in amounts.items()]

    power: Counter = Counter()
    gas_use: Counter = Counter()
    gas_meters: dict[str, set] = defaultdict(set)
    gas_months: Counter = Counter()
    for r in readings25:
        m = meter[r["meter_id"]]
        if m["fuel"] == "Electricity":
            power[region(m["customer_id"])] += r["consumption_kwh"]
        else:
            gas_use[region(m["customer_id"])] += r["consumption_kwh"]
            gas_meters[region(m["customer_id"])].add(r["meter_id"])
            gas_months[r["reading_date"].month] += r["consumption_kwh"]
    out["utility-07"] = [(name, 100 * kwh / sum(power.values())) for name, kwh in power.items()]
    out["utility-08"] = sorted(gas_months.items())

    durations = defaultdict(list)
    for o in outages25:
        durations[o["cause"]].append((_julian(o["end_time"]) - _julian(o["start_time"])) * 24)
    out["utility-09"] = [(cause, mean(v)) for cause, v in durations.items()]

    waits = defaultdict(list)
    for b in bills25:
        if b["paid_date"] is not None:
            waits[customer[b["customer_id"]]["payment_method"]].append((b["paid_date"] - b["bill_date"]).days)
    out["utility-10"] = [(method, mean(v)) for method, v in waits.items()]

    lateness = defaultdict(list)
    for b in rows["bills"]:
        if b["paid_date"] is not None:
            lateness[region(b["customer_id"]), b["bill_date"].year].append(b["paid_date"] > b["due_date"])
    out["utility-11"] = [(name, 100 * mean(lateness[name, 2024]), 100 * mean(lateness[name, 2025])) for name in REGIONS]
    out["utility-12"] = [(name, gas_use[name] / len(gas_meters[name])) for name in gas_use]

    monthly: Counter = Counter()
    for b in bills25:
        monthly[b["bill_date"].month] += b["total_amount"]
    running = 0.0
    out["utility-13"] = []
    for month in sorted(monthly):
        running += monthly[month]
        out["utility-13"].append((month, monthly[month], running))

    new_year = date(2025, 1, 1)
    stayed = defaultdict(list)
    for c in rows["customers"]:
        if c["joined_date"] <= new_year and (c["left_date"] is None or c["left_date"] >= new_year):
            stayed[c["region"]].append(c["left_date"] is not None)
    out["utility-14"] = [(name, 100 * mean(v)) for name, v in stayed.items()]

    billed: Counter = Counter()
    billed_customers: dict[str, set] = defaultdict(set)
    for b in bills25:
        billed[region(b["customer_id"])] += b["total_amount"]
        billed_customers[region(b["customer_id"])].add(b["customer_id"])
    out["utility-15"] = [(name, billed[name] / len(billed_customers[name])) for name in billed]

    yearly = defaultdict(Counter)
    for b in rows["bills"]:
        yearly[region(b["customer_id"])][b["bill_date"].year] += b["total_amount"]
    out["utility-16"] = [(name, y[2024], y[2025], 100 * (y[2025] - y[2024]) / y[2024]) for name, y in yearly.items()]

    owed: dict[str, Counter] = defaultdict(Counter)
    for b in rows["bills"]:
        if b["paid_date"] is None and b["due_date"] < utility.END:
            owed[region(b["customer_id"])][b["customer_id"]] += b["total_amount"]
    assert sorted(owed) == sorted(REGIONS)
    out["utility-17"] = [
        (name, customer[i]["account_number"], owed[name][i]) for name in sorted(owed) for i in untied_top(owed[name], 3)
    ]

    history = defaultdict(list)
    for r in rows["meter_readings"]:
        if meter[r["meter_id"]]["fuel"] == "Electricity":
            history[r["meter_id"]].append((r["reading_date"], tariff[r["tariff_id"]]["tariff_type"]))
    fixed: dict[int, set] = defaultdict(set)
    for meter_id, periods in history.items():
        periods.sort()
        for (_, before), (day, now) in zip(periods, periods[1:], strict=False):
            if before == "Variable" and now == "Fixed" and day.year == 2025:
                fixed[day.month].add(meter[meter_id]["customer_id"])
    out["utility-18"] = sorted((month, len(who)) for month, who in fixed.items())

    cases: Counter = Counter()
    for s in rows["service_cases"]:
        if in_year(s["opened_date"], 2025):
            cases[region(s["customer_id"])] += 1
    out["utility-19"] = [(name, 100 * cases[name] / len(billed_customers[name])) for name in cases]

    def price_on(tariff_id: int, day: date) -> float:
        (rate,) = [
            p["unit_rate"]
            for p in rows["tariff_prices"]
            if p["tariff_id"] == tariff_id
            and p["valid_from"] <= day
            and (p["valid_to"] is None or p["valid_to"] >= day)
        ]
        return rate

    out["utility-20"] = []
    for t in rows["tariffs"]:
        if t["tariff_type"] == "Variable":
            old, new = price_on(t["tariff_id"], date(2025, 3, 31)), price_on(t["tariff_id"], date(2025, 4, 1))
            out["utility-20"].append((t["tariff_name"], old, new, 100 * (new - old) / old))
    return out


def test_every_gold_answer_agrees_with_a_second_computation(con: sqlite3.Connection, rows: dict) -> None:
    assert_golds_agree(con, held_out_questions(utility), _expected(rows))


def test_rounded_golds_have_an_exact_twin_far_from_a_rounding_edge(con: sqlite3.Connection) -> None:
    """A question that asks for rounding holds the rounded gold and the same query unrounded; no exact value lies
    so near a half unit that summing in another order could round it the other way."""
    assert_rounded_golds_have_exact_twins(con, held_out_questions(utility))
