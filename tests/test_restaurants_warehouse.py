"""The restaurant group's warehouse and its held-out questions: built from scratch, documented, deterministic,
consistent, and every gold query runs and agrees with a second computation in Python over the generator's rows (not
SQL). No model; the questions are read as data only (they are the project's fair measure)."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from bench.warehouses import restaurants
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

CLOSED = ("2024-11-28", "2024-12-25", "2025-11-27", "2025-12-25")

dataset, con = warehouse_fixtures(restaurants)


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    return restaurants.restaurants_rows()


def test_tables_are_sizeable_and_cover_two_years(dataset: Path, con: sqlite3.Connection) -> None:
    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(restaurants.COMMENTS) and 5 <= len(tables) <= 8
    assert count(con, "SELECT count(*) FROM restaurants") == 12
    assert 30 <= count(con, "SELECT count(*) FROM menu_items") <= 40
    for table in ("members", "orders", "order_lines", "shifts", "reviews"):
        assert count(con, f"SELECT count(*) FROM {table}") >= 3000, table
    assert count(con, "SELECT count(*) FROM staff") >= 150
    dated = {
        "members": "joined_date",
        "orders": "order_date",
        "shifts": "shift_date",
        "reviews": "review_date",
    }
    for table, column in dated.items():
        first, last = con.execute(f"SELECT min({column}), max({column}) FROM {table}").fetchone()
        assert first.startswith("2024-01") and last.startswith("2025-12"), table
    every_date = (
        "SELECT min(d), max(d) FROM (SELECT joined_date AS d FROM members UNION ALL SELECT order_date FROM orders "
        "UNION ALL SELECT shift_date FROM shifts UNION ALL SELECT review_date FROM reviews UNION ALL SELECT "
        "left_date FROM staff UNION ALL SELECT introduced_date FROM menu_items UNION ALL SELECT retired_date FROM "
        "menu_items)"
    )
    assert con.execute(every_date).fetchone() == ("2024-01-01", "2025-12-31")
    # Only what happened before the data starts may lie before it: an opening, a hire. Nothing lies after it.
    assert count(con, "SELECT max(opened_date) FROM restaurants") <= "2025-12-31"
    assert count(con, "SELECT max(hired_date) FROM staff") <= "2025-12-31"
    assert restaurants.database_path(dataset).stat().st_size < 20_000_000


def test_every_table_and_column_is_commented_in_its_ddl(con: sqlite3.Connection) -> None:
    assert_every_table_and_column_commented(con, restaurants.COMMENTS)


def test_keys_and_business_rules_hold(con: sqlite3.Connection) -> None:
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    foreign_keys = {t: len(con.execute(f"PRAGMA foreign_key_list({t})").fetchall()) for t in restaurants.COMMENTS}
    assert foreign_keys == {
        "restaurants": 0,
        "menu_items": 0,
        "members": 1,
        "orders": 2,
        "order_lines": 2,
        "staff": 1,
        "shifts": 2,
        "reviews": 2,
    }
    closed = ", ".join(f"'{d}'" for d in CLOSED)
    broken = {
        "two restaurants or two menu items share a name": "SELECT (SELECT count(*) - count(DISTINCT "
        "restaurant_name) FROM restaurants) + (SELECT count(*) - count(DISTINCT item_name) FROM menu_items)",
        "a menu item's dates or costs are out of order": "SELECT count(*) FROM menu_items WHERE retired_date "
        "< introduced_date OR food_cost <= 0 OR food_cost >= price OR category NOT IN ('Starters', 'Salads', "
        "'Pizza', 'Mains', 'Sides', 'Desserts', 'Drinks')",
        "a member joined before their restaurant opened": "SELECT count(*) FROM members m JOIN restaurants r "
        "ON r.restaurant_id = m.home_restaurant_id WHERE m.joined_date < r.opened_date "
        "OR m.signup_channel NOT IN ('App', 'In restaurant') OR m.email_opt_in NOT IN (0, 1)",
        "an order before its restaurant opened, or on a closed day": "SELECT count(*) FROM orders o "
        f"JOIN restaurants r USING (restaurant_id) WHERE o.order_date < r.opened_date OR o.order_date IN ({closed}) "
        "OR o.order_time NOT GLOB '[0-2][0-9]:[0-5][0-9]'",
        "a channel placed in a way it cannot be": "SELECT count(*) FROM orders WHERE NOT ("
        "(channel = 'Dine-in' AND ordered_via = 'In person') OR (channel = 'Takeaway' AND ordered_via IN "
        "('In person', 'Phone', 'Own app')) OR (channel = 'Delivery' AND ordered_via IN ('Own app', 'Uber Eats', "
        "'DoorDash'))) OR (ordered_via = 'DoorDash' AND order_date < '2024-10-01')",
        "covers on an order that is not dine-in, or none on one that is": "SELECT count(*) FROM orders "
        "WHERE (covers IS NOT NULL) <> (channel = 'Dine-in') OR covers < 1",
        "a member where there can be none, or none where there must be one": "SELECT count(*) FROM orders "
        "WHERE (ordered_via = 'Own app' AND member_id IS NULL) OR (ordered_via IN ('Uber Eats', 'DoorDash') "
        "AND member_id IS NOT NULL)",
        "a member's order before they joined or away from home": "SELECT count(*) FROM orders o JOIN members m "
        "USING (member_id) WHERE o.order_date < m.joined_date OR o.restaurant_id <> m.home_restaurant_id",
        "an order's amounts do not add up": "SELECT count(*) FROM orders o LEFT JOIN (SELECT order_id, "
        "sum(line_amount) AS amount FROM order_lines GROUP BY order_id) l USING (order_id) WHERE o.items_amount "
        "IS NOT l.amount OR o.total_amount <> o.items_amount - o.discount_amount OR o.discount_amount NOT IN "
        "(0, 5, 10) OR (o.discount_amount > 0 AND o.member_id IS NULL) OR o.total_amount <= 0 "
        "OR o.status NOT IN ('Completed', 'Cancelled')",
        "a commission or a delivery time where there is none": "SELECT count(*) FROM orders WHERE "
        "(platform_commission > 0) <> (status = 'Completed' AND ordered_via IN ('Uber Eats', 'DoorDash')) "
        "OR (delivery_minutes IS NOT NULL) <> (status = 'Completed' AND channel = 'Delivery') "
        "OR delivery_minutes < 10",
        "a line's amount does not add up, or its item is not on the menu that day": "SELECT count(*) FROM "
        "order_lines l JOIN orders o USING (order_id) JOIN menu_items m USING (item_id) WHERE l.quantity < 1 "
        "OR l.line_amount <> l.quantity * l.unit_price OR o.order_date < m.introduced_date OR o.order_date > "
        "coalesce(m.retired_date, '2025-12-31') OR (o.order_date >= '2025-03-01' AND l.unit_price <> m.price) "
        "OR (o.order_date < '2025-03-01' AND l.unit_price > m.price)",
        "an item twice on one order": "SELECT count(*) FROM (SELECT 1 FROM order_lines GROUP BY order_id, item_id "
        "HAVING count(*) > 1)",
        "a staff member's dates are out of order": "SELECT count(*) FROM staff s JOIN restaurants r "
        "USING (restaurant_id) WHERE s.left_date < s.hired_date OR s.left_date < '2024-01-01' "
        "OR s.hired_date < date(r.opened_date, '-30 day') "
        "OR s.role NOT IN ('Cook', 'Server', 'Bartender', 'Dishwasher')",
        "a shift outside its person's employment, at another restaurant or on a closed day": "SELECT count(*) "
        "FROM shifts sh JOIN staff s USING (staff_id) JOIN restaurants r ON r.restaurant_id = sh.restaurant_id "
        "WHERE sh.restaurant_id <> s.restaurant_id OR sh.shift_date < s.hired_date OR sh.shift_date > "
        f"coalesce(s.left_date, '2025-12-31') OR sh.shift_date < r.opened_date OR sh.shift_date IN ({closed})",
        "a shift's pay does not add up": "SELECT count(*) FROM shifts sh JOIN staff s USING (staff_id) "
        "WHERE abs(sh.wage_cost - sh.hours * sh.hourly_rate) > 0.00501 OR sh.hours * 4 <> CAST(sh.hours * 4 AS "
        "INTEGER) OR sh.hours <= 0 OR (sh.shift_date >= '2025-01-01' AND sh.hourly_rate <> s.hourly_wage)",
        "someone works two shifts a day": "SELECT count(*) FROM (SELECT 1 FROM shifts GROUP BY staff_id, "
        "shift_date HAVING count(*) > 1)",
        "a review of an order it cannot be of": "SELECT count(*) FROM reviews v LEFT JOIN orders o "
        "USING (order_id) JOIN restaurants r ON r.restaurant_id = v.restaurant_id WHERE (v.order_id IS NULL) <> "
        "(v.source IN ('Google', 'Yelp')) OR (o.order_id IS NOT NULL AND (o.status <> 'Completed' "
        "OR o.restaurant_id <> v.restaurant_id OR o.ordered_via <> v.source OR v.review_date < o.order_date)) "
        "OR v.rating NOT BETWEEN 1 AND 5 OR v.review_date < r.opened_date",
        "two reviews of one order": "SELECT count(*) FROM (SELECT 1 FROM reviews WHERE order_id IS NOT NULL "
        "GROUP BY order_id HAVING count(*) > 1)",
    }
    for what, sql in broken.items():
        assert count(con, sql) == 0, what


def test_staff_keep_their_pay_and_get_the_2025_rise(rows: dict) -> None:
    rates: dict[tuple[int, int], set[float]] = defaultdict(set)
    for shift in rows["shifts"]:
        rates[shift["staff_id"], shift["shift_date"].year].add(shift["hourly_rate"])
    assert all(len(seen) == 1 for seen in rates.values())
    both = [s for s, year in rates if year == 2024 and (s, 2025) in rates]
    assert len(both) > 80
    for staff_id in both:
        (before,), (after,) = rates[staff_id, 2024], rates[staff_id, 2025]
        assert after == round(before * 1.04, 2), staff_id
    # every restaurant has a cook and a server on every day it is open
    per_day = Counter((s["restaurant_id"], s["shift_date"]) for s in rows["shifts"])
    open_days = {(o["restaurant_id"], o["order_date"]) for o in rows["orders"]}
    assert len(open_days - set(per_day)) == 0 and min(per_day.values()) >= 2


def test_the_business_has_the_shape_its_docstring_promises(con: sqlite3.Connection) -> None:
    def by_month(channel: str) -> dict[int, int]:
        return dict(
            con.execute(
                "SELECT CAST(strftime('%m', order_date) AS INTEGER), count(*) FROM orders WHERE channel = ? GROUP BY 1",
                (channel,),
            )
        )

    dine, delivery = by_month("Dine-in"), by_month("Delivery")
    assert min(dine[6], dine[7], dine[8], dine[12]) > 1.3 * max(dine[1], dine[2])
    assert min(delivery[1], delivery[2], delivery[12]) > 1.3 * max(delivery[6], delivery[7])
    weekdays = dict(
        con.execute(
            "SELECT CAST(strftime('%w', order_date) AS INTEGER), count(*) FROM orders WHERE channel = 'Dine-in' "
            "GROUP BY 1"
        )
    )
    assert min(weekdays[5], weekdays[6]) > 1.4 * max(weekdays[1], weekdays[2], weekdays[3])
    sales = {
        (name, year): amount
        for name, year, amount in con.execute(
            "SELECT r.restaurant_name, CAST(substr(o.order_date, 1, 4) AS INTEGER), sum(o.total_amount) FROM orders o "
            "JOIN restaurants r USING (restaurant_id) WHERE o.status = 'Completed' GROUP BY 1, 2"
        )
    }
    growth = {name: sales[name, 2025] / sales[name, 2024] for name, year in sales if year == 2024}
    assert len(growth) == 11 and min(growth.values()) < 1 < max(growth.values()) - 0.15
    opened, first, june, december = con.execute(
        "SELECT r.opened_date, min(o.order_date), sum(CASE WHEN o.order_date LIKE '2025-06%' THEN o.total_amount END),"
        " sum(CASE WHEN o.order_date LIKE '2025-12%' THEN o.total_amount END) FROM orders o JOIN restaurants r "
        "USING (restaurant_id) WHERE r.opened_date >= '2025-01-01'"
    ).fetchone()
    assert opened == first and december > 1.2 * june
    food_cost = dict(
        con.execute(
            "SELECT o.order_date >= '2025-03-01', sum(l.quantity * m.food_cost) / sum(l.line_amount) "
            "FROM order_lines l JOIN orders o USING (order_id) JOIN menu_items m USING (item_id) "
            "WHERE m.category IN ('Mains', 'Pizza') GROUP BY 1"
        )
    )
    assert food_cost[1] < food_cost[0] - 0.015
    own_app = dict(
        con.execute(
            "SELECT substr(order_date, 1, 4), avg(ordered_via = 'Own app') FROM orders WHERE channel = 'Delivery' "
            "GROUP BY 1"
        )
    )
    assert own_app["2025"] > 1.4 * own_app["2024"]
    cancelled = dict(
        con.execute("SELECT ordered_via, avg(status = 'Cancelled') FROM orders WHERE channel = 'Delivery' GROUP BY 1")
    )
    assert min(cancelled["Uber Eats"], cancelled["DoorDash"]) > 1.6 * cancelled["Own app"]
    # the bad stretch: one restaurant's August 2025, against the rest of the group that month
    bad = {
        row[0]: row[1:]
        for row in con.execute(
            "SELECT o.restaurant_id, avg(o.status = 'Cancelled'), avg(o.delivery_minutes) FROM orders o "
            "WHERE o.channel = 'Delivery' AND o.order_date LIKE '2025-08%' GROUP BY 1"
        )
    }
    worst = max(bad, key=lambda r: bad[r][0])
    assert bad[worst][0] > 2.5 * mean([v[0] for r, v in bad.items() if r != worst])
    assert bad[worst][1] > 12 + mean([v[1] for r, v in bad.items() if r != worst])
    ratings = dict(
        con.execute(
            "SELECT restaurant_id = ?, avg(rating) FROM reviews WHERE review_date LIKE '2025-08%' GROUP BY 1", (worst,)
        )
    )
    assert ratings[1] < ratings[0] - 1
    changes = con.execute(
        "SELECT sum(retired_date IS NOT NULL), sum(introduced_date > '2024-01-01') FROM menu_items"
    ).fetchone()
    assert min(changes) >= 2


def test_build_is_deterministic(dataset: Path, tmp_path: Path, rows: dict) -> None:
    again = restaurants.build(tmp_path)
    assert again.read_bytes() == restaurants.database_path(dataset).read_bytes()
    assert restaurants.restaurants_rows() == rows


def test_held_out_gold_queries_run_and_answer(dataset: Path, con: sqlite3.Connection) -> None:
    results = assert_held_out_set(dataset, con, restaurants, {"easy": 5, "medium": 5, "hard": 5, "extra": 5})
    assert_periods_are_numbers(results)


# --------------------------------------------------------------------------------------------
# The second computation: every answer again, in Python, from the generator's rows.


def _expected(rows: dict[str, list[dict]]) -> dict[str, list[tuple]]:
    place = {r["restaurant_id"]: r for r in rows["restaurants"]}
    name = {i: r["restaurant_name"] for i, r in place.items()}
    item = {m["item_id"]: m for m in rows["menu_items"]}
    role = {s["staff_id"]: s["role"] for s in rows["staff"]}
    orders = rows["orders"]
    order = {o["order_id"]: o for o in orders}
    done = [o for o in orders if o["status"] == "Completed"]
    done25 = [o for o in done if in_year(o["order_date"], 2025)]
    lines25 = [
        line
        for line in rows["order_lines"]
        if order[line["order_id"]]["status"] == "Completed" and in_year(order[line["order_id"]]["order_date"], 2025)
    ]
    channels = sorted({o["channel"] for o in orders})
    out: dict[str, list[tuple]] = {}

    out["restaurants-01"] = [(sum(o["total_amount"] for o in done25),)]
    out["restaurants-02"] = [(sum(in_year(m["joined_date"], 2025) for m in rows["members"]),)]
    england = sorted((r for r in place.values() if r["region"] == "New England"), key=lambda r: -r["seats"])
    assert len({r["seats"] for r in england}) == len(england)
    out["restaurants-03"] = [(r["restaurant_name"], r["city"], r["seats"]) for r in england]
    out["restaurants-04"] = list(Counter(m["category"] for m in item.values() if m["retired_date"] is None).items())
    out["restaurants-05"] = list(Counter(o["ordered_via"] for o in done25 if o["channel"] == "Delivery").items())

    out["restaurants-06"] = [(ch, mean([o["total_amount"] for o in done25 if o["channel"] == ch])) for ch in channels]
    year_sales = sum(o["total_amount"] for o in done25)
    out["restaurants-07"] = [
        (ch, 100 * sum(o["total_amount"] for o in done25 if o["channel"] == ch) / year_sales) for ch in channels
    ]

    revenue: Counter = Counter()
    for line in lines25:
        revenue[line["item_id"]] += line["line_amount"]
    out["restaurants-08"] = [(item[i]["item_name"], revenue[i]) for i in untied_top(revenue, 5)]

    newest = [i for i, r in place.items() if r["opened_date"].year == 2025]
    assert len(newest) == 1
    opening: Counter = Counter()
    for o in done:
        if o["restaurant_id"] == newest[0]:
            opening[o["order_date"].month] += o["total_amount"]
    out["restaurants-09"] = sorted(opening.items())

    wages = defaultdict(list)
    for shift in rows["shifts"]:
        if in_year(shift["shift_date"], 2025):
            wages[role[shift["staff_id"]]].append(shift["wage_cost"])
    out["restaurants-10"] = [(r, mean(v)) for r, v in wages.items()]

    fate = defaultdict(list)
    for o in orders:
        if o["channel"] == "Delivery" and in_year(o["order_date"], 2025):
            fate[o["ordered_via"]].append(o["status"] == "Cancelled")
    out["restaurants-11"] = [(via, 100 * mean(v)) for via, v in fate.items()]

    cost, sold = Counter(), Counter()
    for line in lines25:
        category = item[line["item_id"]]["category"]
        cost[category] += line["quantity"] * item[line["item_id"]]["food_cost"]
        sold[category] += line["line_amount"]
    out["restaurants-12"] = [(c, 100 * cost[c] / sold[c]) for c in sold]

    spent, guests = Counter(), Counter()
    for o in done25:
        if o["channel"] == "Dine-in":
            spent[o["restaurant_id"]] += o["total_amount"]
            guests[o["restaurant_id"]] += o["covers"]
    out["restaurants-13"] = [(name[i], spent[i] / guests[i]) for i in spent]

    monthly: Counter = Counter()
    for o in done25:
        monthly[o["order_date"].month] += o["total_amount"]
    running = 0.0
    out["restaurants-14"] = []
    for month in sorted(monthly):
        running += monthly[month]
        out["restaurants-14"].append((month, monthly[month], running))

    halves = defaultdict(lambda: ([], []))
    for review in rows["reviews"]:
        if in_year(review["review_date"], 2025):
            halves[review["restaurant_id"]][review["review_date"].month > 6].append(review["rating"])
    assert all(first and second for first, second in halves.values())
    out["restaurants-15"] = [(name[i], mean(first), mean(second)) for i, (first, second) in halves.items()]

    yearly = defaultdict(Counter)
    for o in done:
        yearly[o["restaurant_id"]][o["order_date"].year] += o["total_amount"]
    out["restaurants-16"] = [
        (name[i], s[2024], s[2025], 100 * (s[2025] - s[2024]) / s[2024])
        for i, s in yearly.items()
        if place[i]["opened_date"] <= date(2024, 1, 1)
    ]

    labour: Counter = Counter()
    for shift in rows["shifts"]:
        if in_year(shift["shift_date"], 2025):
            labour[shift["restaurant_id"]] += shift["wage_cost"]
    sales25 = Counter()
    for o in done25:
        sales25[o["restaurant_id"]] += o["total_amount"]
    out["restaurants-17"] = [(name[i], 100 * labour[i] / sales25[i]) for i in sales25]

    portions: dict[str, Counter] = defaultdict(Counter)
    for line in lines25:
        portions[item[line["item_id"]]["category"]][line["item_id"]] += line["quantity"]
    out["restaurants-18"] = [
        (category, item[i]["item_name"], c[i]) for category, c in sorted(portions.items()) for i in untied_top(c, 3)
    ]

    per_member = Counter(o["member_id"] for o in done25 if o["member_id"] is not None)
    out["restaurants-19"] = [(100 * mean([n >= 2 for n in per_member.values()]),)]

    first_order: dict[int, date] = {}
    for o in done:
        member = o["member_id"]
        if member is not None and (member not in first_order or o["order_date"] < first_order[member]):
            first_order[member] = o["order_date"]
    waits = [
        (first_order[m["member_id"]] - m["joined_date"]).days
        for m in rows["members"]
        if in_year(m["joined_date"], 2025) and m["member_id"] in first_order
    ]
    out["restaurants-20"] = [(mean(waits),)]
    return out


def test_every_gold_answer_agrees_with_a_second_computation(con: sqlite3.Connection, rows: dict) -> None:
    assert_golds_agree(con, held_out_questions(restaurants), _expected(rows))


def test_rounded_golds_have_an_exact_twin_far_from_a_rounding_edge(con: sqlite3.Connection) -> None:
    """A question that asks for rounding holds the rounded gold and the same query unrounded; no exact value lies
    so near a half unit that summing in another order could round it the other way."""
    assert_rounded_golds_have_exact_twins(con, held_out_questions(restaurants))
