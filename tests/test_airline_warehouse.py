"""The regional airline's warehouse and its held-out questions: built from scratch, documented, deterministic,
consistent, and every gold query runs and agrees with a second computation in Python over the generator's rows (not
SQL). No model; the questions are read as data only (they are the project's fair measure)."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from bench.warehouses import airline
from tests.heldout_checks import (
    assert_every_table_and_column_commented,
    assert_golds_agree,
    assert_held_out_set,
    assert_periods_are_numbers,
    assert_rounded_golds_have_exact_twins,
    count,
    held_out_questions,
    mean,
    untied_top,
    warehouse_fixtures,
)

dataset, con = warehouse_fixtures(airline)


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    return airline.airline_rows()


def test_tables_are_sizeable_and_cover_two_years(dataset: Path, con: sqlite3.Connection) -> None:
    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(airline.COMMENTS) and len(tables) == 11
    assert count(con, "SELECT count(*) FROM airports") == 7
    assert count(con, "SELECT count(*) FROM aircraft") == 6
    assert count(con, "SELECT count(*) FROM routes") == 12
    assert count(con, "SELECT count(*) FROM promotions") == 4
    assert count(con, "SELECT count(*) FROM flights") >= 3000
    assert count(con, "SELECT count(*) FROM flight_delays") >= 500
    assert count(con, "SELECT count(*) FROM customers") >= 12_000
    assert count(con, "SELECT count(*) FROM bookings") >= 20_000
    assert 60_000 <= count(con, "SELECT count(*) FROM tickets") <= 99_999
    assert count(con, "SELECT count(*) FROM ancillaries") >= 30_000
    assert count(con, "SELECT count(*) FROM refunds") >= 3000
    dated = (
        ("flights", "scheduled_departure"),
        ("flights", "actual_arrival"),
        ("flights", "cancelled_at"),
        ("customers", "signup_date"),
        ("bookings", "booked_at"),
        ("ancillaries", "purchased_at"),
        ("refunds", "refunded_at"),
    )
    for table, column in dated:
        first, last = con.execute(
            f"SELECT min({column}), max({column}) FROM {table} WHERE {column} BETWEEN '2024-01-01' AND '2025-12-32'"
        ).fetchone()
        assert first.startswith("2024-0") and last.startswith("2025-12"), (table, column, first, last)
    # nothing is known after 2025-12-31 but the timetable of January and February 2026
    for table, column in (
        ("customers", "signup_date"),
        ("bookings", "booked_at"),
        ("ancillaries", "purchased_at"),
        ("refunds", "refunded_at"),
        ("flights", "actual_departure"),
        ("flights", "actual_arrival"),
        ("flights", "cancelled_at"),
        ("aircraft", "entered_service_date"),
        ("aircraft", "retired_date"),
        ("routes", "launched_date"),
    ):
        assert count(con, f"SELECT max({column}) FROM {table}") <= "2025-12-31 23:59", (table, column)
    assert count(con, "SELECT min(scheduled_departure) FROM flights") >= "2024-01-01"
    assert count(con, "SELECT max(scheduled_departure) FROM flights") <= "2026-02-28 23:59"
    # the bookings made in 2023 were carried over with their purchases; refunds start with the new system
    assert "2023-07" <= count(con, "SELECT min(booked_at) FROM bookings") < "2023-08"
    assert count(con, "SELECT min(purchased_at) FROM ancillaries") >= "2023-07"
    assert count(con, "SELECT min(refunded_at) FROM refunds") >= "2024-01-01"
    assert count(con, "SELECT min(signup_date) FROM customers") >= "2015-01-01"
    assert airline.database_path(dataset).stat().st_size < 25_000_000


def test_every_table_and_column_is_commented_in_its_ddl(con: sqlite3.Connection) -> None:
    assert_every_table_and_column_commented(con, airline.COMMENTS)


_FARES = (
    "(SELECT 'GRV' AS spoke, 119.0 AS fare UNION ALL SELECT 'MSV', 99 UNION ALL SELECT 'CDR', 139 UNION ALL "
    "SELECT 'SLI', 89 UNION ALL SELECT 'LKP', 79 UNION ALL SELECT 'PTE', 129)"
)


def test_keys_and_business_rules_hold(con: sqlite3.Connection) -> None:
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    foreign_keys = {t: len(con.execute(f"PRAGMA foreign_key_list({t})").fetchall()) for t in airline.COMMENTS}
    assert foreign_keys == {
        "airports": 0,
        "aircraft": 0,
        "routes": 2,
        "flights": 3,
        "flight_delays": 1,
        "customers": 1,
        "promotions": 0,
        "bookings": 2,
        "tickets": 2,
        "ancillaries": 1,
        "refunds": 1,
    }
    minutes = "CAST(round((julianday({}) - julianday({})) * 1440) AS INTEGER)"
    dep_delay = minutes.format("f.actual_departure", "f.scheduled_departure")
    arr_delay = minutes.format("f.actual_arrival", "f.scheduled_arrival")
    spoke = "CASE WHEN r.origin_code = 'HBR' THEN r.destination_code ELSE r.origin_code END"
    ticket_flight = "tickets t JOIN flights f ON f.flight_id = t.flight_id JOIN routes r ON r.route_id = f.route_id"
    price = "(t.base_fare - t.discount_amount + t.taxes + t.fees)"
    legs = (
        "(SELECT booking_id, count(*) AS n, count(DISTINCT t.flight_id) AS flights, min(f.scheduled_departure) AS "
        "first_dep, max(f.scheduled_departure) AS last_dep, count(DISTINCT f.route_id) AS routes, "
        "count(DISTINCT t.base_fare) AS fares, min(coalesce(f.cancelled_at, '9999')) AS cancelled, "
        f"sum{price} AS amount FROM tickets t JOIN flights f ON f.flight_id = t.flight_id GROUP BY booking_id)"
    )
    broken = {
        "names that should be unique are not": "SELECT (SELECT count(*) - count(DISTINCT registration) FROM "
        "aircraft) + (SELECT count(*) - count(DISTINCT email) FROM customers) + (SELECT count(*) - count(DISTINCT "
        "booking_reference) FROM bookings) + (SELECT count(*) - count(DISTINCT ticket_id) FROM refunds) + (SELECT "
        "count(*) FROM (SELECT 1 FROM flights GROUP BY flight_number, date(scheduled_departure) HAVING count(*) > "
        "1)) + (SELECT count(*) FROM (SELECT 1 FROM routes GROUP BY origin_code, destination_code HAVING count(*) "
        "> 1))",
        "a route not to or from the hub": "SELECT count(*) FROM routes r WHERE (r.origin_code = 'HBR') = "
        "(r.destination_code = 'HBR') OR r.distance_km <= 0 OR r.block_minutes <= 0 OR NOT EXISTS (SELECT 1 FROM "
        "routes b WHERE b.origin_code = r.destination_code AND b.destination_code = r.origin_code AND "
        "b.distance_km = r.distance_km AND b.launched_date = r.launched_date)",
        "a flight whose schedule, times or status do not add up": "SELECT count(*) FROM flights f JOIN routes r ON "
        "r.route_id = f.route_id WHERE f.flight_number <> r.flight_number OR datetime(f.scheduled_arrival) <> "
        "datetime(f.scheduled_departure, '+' || r.block_minutes || ' minutes') OR f.status NOT IN ('On time', "
        "'Delayed', 'Diverted', 'Cancelled', 'Scheduled') OR (f.status = 'Scheduled') <> (f.scheduled_departure > "
        "'2025-12-31 23:59') OR (f.actual_departure IS NULL) <> (f.status IN ('Cancelled', 'Scheduled')) OR "
        "(f.actual_arrival IS NULL) <> (f.actual_departure IS NULL) OR f.actual_arrival <= f.actual_departure OR "
        f"{dep_delay} < -3 OR (f.status = 'On time') <> ({arr_delay} <= 15 AND f.status IN ('On time', "
        f"'Delayed')) OR (f.status = 'Delayed') <> ({arr_delay} > 15 AND f.status IN ('On time', 'Delayed')) OR "
        "(f.status = 'Diverted') <> (f.diverted_to_code IS NOT NULL) OR f.diverted_to_code = r.destination_code OR "
        "(f.status = 'Cancelled') <> (f.cancellation_reason IS NOT NULL) OR (f.cancelled_at IS NULL) <> "
        "(f.cancellation_reason IS NULL) OR f.cancellation_reason NOT IN ('Weather', 'Technical', 'Crew "
        "shortage', 'Industrial action') OR f.cancelled_at >= f.scheduled_departure OR date(f.scheduled_departure) "
        "< r.launched_date OR substr(f.scheduled_departure, 6, 5) = '12-25'",
        "a flight on an aircraft out of service, too small, or flying two flights at once": "SELECT (SELECT count(*) "
        "FROM flights f JOIN aircraft a ON a.aircraft_id = f.aircraft_id WHERE date(f.scheduled_departure) < "
        "a.entered_service_date OR date(f.scheduled_departure) > coalesce(a.retired_date, '9999')) + (SELECT "
        "count(*) FROM flights f JOIN aircraft a ON a.aircraft_id = f.aircraft_id JOIN (SELECT flight_id, count(*) "
        "AS n FROM tickets GROUP BY flight_id) t ON t.flight_id = f.flight_id WHERE t.n > a.seat_count) + (SELECT "
        "count(*) FROM flights f JOIN flights g ON g.aircraft_id = f.aircraft_id AND g.flight_id <> f.flight_id "
        "AND date(g.scheduled_departure) = date(f.scheduled_departure) WHERE g.scheduled_departure >= "
        "f.scheduled_departure AND g.scheduled_departure < f.scheduled_arrival)",
        "delays that do not add up to the departure delay": "SELECT count(*) FROM flights f LEFT JOIN (SELECT "
        "flight_id, sum(delay_minutes) AS total, min(delay_minutes) AS least, count(*) - count(DISTINCT cause) AS "
        "twice FROM flight_delays GROUP BY flight_id) d ON d.flight_id = f.flight_id WHERE (d.flight_id IS NOT "
        f"NULL) <> (f.actual_departure IS NOT NULL AND {dep_delay} >= 15) OR d.total <> {dep_delay} OR d.least <= "
        "0 OR d.twice > 0",
        "a delay with an unknown cause": "SELECT count(*) FROM flight_delays WHERE cause NOT IN ('Weather', 'Air "
        "traffic control', 'Technical', 'Crew', 'Ground handling', 'Late inbound aircraft')",
        "a booking whose flights, passengers or total do not add up": f"SELECT count(*) FROM bookings b JOIN {legs} "
        "k ON k.booking_id = b.booking_id WHERE k.n <> b.passenger_count * k.flights OR k.flights <> CASE "
        "b.trip_type WHEN 'One way' THEN 1 WHEN 'Return' THEN 2 END OR k.routes <> k.flights OR k.fares <> 1 OR "
        "abs(k.amount - b.total_amount) > 0.005 OR b.passenger_count NOT BETWEEN 1 AND 6 OR b.booked_at >= "
        "k.first_dep OR b.booked_at >= k.cancelled OR b.booked_at > '2025-12-31 23:59' OR b.channel NOT IN "
        "('Web', 'App', 'Travel agent', 'Call centre') OR (b.channel = 'App' AND b.booked_at < '2024-06-01') OR "
        "b.fare_class NOT IN ('Saver', 'Standard', 'Flex') OR (b.fare_class = 'Saver' AND julianday(date("
        "k.first_dep)) - julianday(date(b.booked_at)) < 14)",
        "a return trip that does not come back": "SELECT count(*) FROM bookings b JOIN tickets t ON t.booking_id = "
        "b.booking_id JOIN flights f ON f.flight_id = t.flight_id JOIN routes r ON r.route_id = f.route_id JOIN "
        "tickets u ON u.booking_id = b.booking_id JOIN flights g ON g.flight_id = u.flight_id JOIN routes s ON "
        "s.route_id = g.route_id WHERE f.scheduled_departure < g.scheduled_departure AND (s.origin_code <> "
        "r.destination_code OR s.destination_code <> r.origin_code OR datetime(g.scheduled_departure) < "
        "datetime(f.scheduled_arrival, '+2 hours'))",
        "a customer who booked before signing up": "SELECT count(*) FROM bookings b JOIN customers c ON "
        "c.customer_id = b.customer_id WHERE c.signup_date > date(b.booked_at)",
        "a promotion used where it does not apply": "SELECT count(*) FROM bookings b JOIN promotions p ON "
        "p.promo_code = b.promo_code JOIN tickets t ON t.booking_id = b.booking_id JOIN flights f ON f.flight_id = "
        "t.flight_id JOIN routes r ON r.route_id = f.route_id WHERE b.channel NOT IN ('Web', 'App') OR "
        "date(b.booked_at) NOT BETWEEN p.valid_from AND p.valid_to OR CASE p.applies_to WHEN 'All flights' THEN 0 "
        "WHEN 'App bookings' THEN b.channel <> 'App' WHEN 'Cedar Ridge flights' THEN 'CDR' NOT IN (r.origin_code, "
        f"r.destination_code) WHEN 'Port Ellery flights' THEN {spoke} <> 'PTE' ELSE 1 END",
        "a ticket whose fare, discount, taxes or fees are wrong": f"SELECT count(*) FROM {ticket_flight} JOIN "
        f"bookings b ON b.booking_id = t.booking_id JOIN {_FARES} x ON x.spoke = {spoke} JOIN airports o ON "
        "o.airport_code = r.origin_code LEFT JOIN promotions p ON p.promo_code = b.promo_code WHERE t.base_fare <> "
        "round(round(x.fare * CASE b.fare_class WHEN 'Saver' THEN 0.65 WHEN 'Standard' THEN 1.0 ELSE 1.6 END) * "
        "CASE WHEN b.booked_at >= '2025-03-01' THEN 1.06 ELSE 1 END) OR abs(t.discount_amount - coalesce(t.base_fare "
        "* p.discount_percent / 100, 0)) > 0.0051 OR abs(t.taxes - (t.base_fare - t.discount_amount) * 0.075 - "
        "o.passenger_charge) > 0.0051 OR t.fees <> 12 + CASE WHEN b.channel = 'Call centre' THEN 15 ELSE 0 END",
        "a ticket whose status or points do not fit its flight and refund": f"SELECT count(*) FROM {ticket_flight} "
        "LEFT JOIN refunds x ON x.ticket_id = t.ticket_id WHERE t.status NOT IN ('Flown', 'No-show', 'Refunded', "
        "'Open') OR (t.status = 'Refunded') <> (x.refund_id IS NOT NULL) OR (f.status = 'Cancelled' AND t.status "
        "<> 'Refunded') OR (t.status = 'Open') <> (f.status = 'Scheduled' AND x.refund_id IS NULL) OR (t.status "
        "IN ('Flown', 'No-show') AND f.status NOT IN ('On time', 'Delayed', 'Diverted')) OR t.points_earned <> "
        "CASE WHEN t.status <> 'Flown' THEN 0 WHEN f.scheduled_departure < '2025-04-01' THEN 250 ELSE "
        "CAST(round((t.base_fare - t.discount_amount) * 5, 6) AS INTEGER) END",
        "an ancillary bought at the wrong time, price or fare": "SELECT count(*) FROM ancillaries a JOIN tickets t "
        "ON t.ticket_id = a.ticket_id JOIN bookings b ON b.booking_id = t.booking_id JOIN flights f ON f.flight_id "
        "= t.flight_id JOIN routes r ON r.route_id = f.route_id LEFT JOIN refunds x ON x.ticket_id = t.ticket_id "
        "WHERE a.purchased_at < b.booked_at OR a.purchased_at > '2025-12-31 23:59' OR (a.sales_channel = 'At "
        "booking') <> (a.purchased_at = b.booked_at) OR (a.sales_channel = 'On board') <> (a.product = 'Snack "
        "box') OR (a.sales_channel = 'On board' AND (t.status <> 'Flown' OR a.purchased_at <= f.actual_departure "
        "OR r.block_minutes < 60)) OR (a.sales_channel <> 'On board' AND a.purchased_at >= "
        "f.scheduled_departure) OR a.purchased_at >= coalesce(f.cancelled_at, x.refunded_at, '9999') OR "
        "(a.product IN ('Checked bag', 'Seat selection') AND b.fare_class = 'Flex') OR (a.product = 'Sports "
        "equipment' AND 'CDR' NOT IN (r.origin_code, r.destination_code)) OR a.price <> CASE a.product WHEN "
        "'Checked bag' THEN CASE WHEN a.purchased_at >= '2025-03-01' THEN 35 ELSE 30 END + CASE WHEN "
        "a.sales_channel = 'Airport' THEN 10 ELSE 0 END WHEN 'Seat selection' THEN 9 WHEN 'Priority boarding' "
        "THEN 7 WHEN 'Sports equipment' THEN 40 WHEN 'Snack box' THEN 8 END OR a.sales_channel NOT IN ('At "
        "booking', 'Manage booking', 'Airport', 'On board') OR (a.sales_channel = 'Airport' AND a.product <> "
        "'Checked bag')",
        "a refund that does not fit its ticket": "SELECT count(*) FROM refunds x JOIN tickets t ON t.ticket_id = "
        "x.ticket_id JOIN flights f ON f.flight_id = t.flight_id JOIN bookings b ON b.booking_id = t.booking_id "
        "LEFT JOIN (SELECT ticket_id, sum(price) AS extras FROM ancillaries GROUP BY ticket_id) a ON a.ticket_id = "
        "t.ticket_id LEFT JOIN (SELECT "
        "t1.booking_id, min(f1.scheduled_departure) AS dep, f1.status, f1.cancelled_at FROM tickets t1 JOIN "
        "flights f1 ON f1.flight_id = t1.flight_id GROUP BY t1.booking_id) o ON o.booking_id = t.booking_id WHERE "
        "x.refunded_at <= b.booked_at OR x.refunded_at > '2025-12-31 23:59' OR CASE x.reason WHEN 'Flight "
        "cancelled' THEN NOT (f.status = 'Cancelled' OR o.cancelled_at IS NOT NULL) OR x.refunded_at <= "
        f"min(coalesce(f.cancelled_at, '9999'), coalesce(o.cancelled_at, '9999')) OR abs(x.refund_amount - {price} - "
        "coalesce(a.extras, 0)) > "
        "0.0051 WHEN 'Customer request' THEN b.fare_class = 'Saver' OR x.refunded_at > datetime(o.dep, '-2 "
        "hours') OR x.refunded_at >= coalesce(f.cancelled_at, '9999') OR abs(x.refund_amount - max(0, "
        f"{price} - CASE b.fare_class WHEN 'Standard' THEN 50 ELSE 0 END)) > 0.0051 ELSE 1 END",
        "a customer with impossible details or tier": "SELECT count(*) FROM customers c LEFT JOIN (SELECT "
        "b.customer_id, count(*) AS flown FROM bookings b JOIN tickets t ON t.booking_id = b.booking_id JOIN "
        "flights f ON f.flight_id = t.flight_id WHERE t.status = 'Flown' AND f.scheduled_departure LIKE '2025%' "
        "GROUP BY 1) k ON k.customer_id = c.customer_id WHERE c.loyalty_tier <> CASE WHEN coalesce(k.flown, 0) >= "
        "30 THEN 'Platinum' WHEN k.flown >= 15 THEN 'Gold' WHEN k.flown >= 6 THEN 'Silver' ELSE 'Blue' END OR "
        "c.birth_year NOT BETWEEN 1940 AND 2007 OR c.email NOT LIKE '%_@_%.%'",
    }
    for what, sql in broken.items():
        assert count(con, sql) == 0, what


def test_the_business_has_its_shape(con: sqlite3.Connection) -> None:
    def by(sql: str) -> dict:
        return {row[0] if len(row) == 2 else row[:-1]: row[-1] for row in con.execute(sql)}

    routes = "flights f JOIN routes r ON r.route_id = f.route_id JOIN aircraft a ON a.aircraft_id = f.aircraft_id"
    flown = "(SELECT count(*) FROM tickets t WHERE t.flight_id = f.flight_id AND t.status = 'Flown')"
    # the fleet: Granville moves to the ATR 42, the Jetstream retires, Port Ellery opens
    models = by(
        f"SELECT r.destination_code, f.scheduled_departure >= '2025-05-01', group_concat(DISTINCT a.model) FROM "
        f"{routes} WHERE r.origin_code = 'HBR' GROUP BY 1, 2"
    )
    assert models[("GRV", 0)] == "Saab 340B" and models[("GRV", 1)] == "ATR 42-600"
    assert models[("PTE", 1)] == "ATR 42-600" and ("PTE", 0) not in models
    lakeport = by(
        f"SELECT a.model, max(f.scheduled_departure) FROM {routes} WHERE r.destination_code = 'LKP' GROUP BY 1"
    )
    assert lakeport["Jetstream 32"] < "2025-10-01" and lakeport["Saab 340B"] > "2026-02"
    assert count(con, "SELECT min(scheduled_departure) FROM flights WHERE flight_number = 'KR601'") == (
        "2025-05-15 12:10"
    )
    # seasons: skiing in winter, the island in summer, the business route on weekdays
    winter = {
        (code, cold): (n, passengers)
        for code, cold, n, passengers in con.execute(
            "SELECT r.destination_code, CAST(substr(f.scheduled_departure, 6, 2) AS INTEGER) IN (1, 2), count(*), "
            f"avg({flown}) FROM {routes} WHERE f.status NOT IN ('Cancelled', 'Scheduled') AND r.origin_code = 'HBR' "
            "AND CAST(substr(f.scheduled_departure, 6, 2) AS INTEGER) IN (1, 2, 7, 8) GROUP BY 1, 2"
        )
    }
    assert winter[("CDR", 1)][0] > 2.5 * winter[("CDR", 0)][0] and winter[("CDR", 1)][1] > winter[("CDR", 0)][1]
    assert winter[("SLI", 0)][0] > 1.5 * winter[("SLI", 1)][0] and winter[("SLI", 0)][1] > winter[("SLI", 1)][1]
    weekdays = by("SELECT DISTINCT strftime('%w', scheduled_departure), 1 FROM flights WHERE flight_number = 'KR101'")
    assert set(weekdays) == {"1", "2", "3", "4", "5"}
    # load factor falls on Granville with the bigger aircraft though more passengers fly
    granville = by(
        f"SELECT f.scheduled_departure >= '2025-05-01', 100.0 * sum({flown}) / sum(a.seat_count) FROM {routes} "
        "WHERE f.status NOT IN ('Cancelled', 'Scheduled') AND r.destination_code = 'GRV' GROUP BY 1"
    )
    assert granville[0] > granville[1] + 5
    yearly = by(
        "SELECT substr(f.scheduled_departure, 1, 4), count(*) FROM tickets t JOIN flights f ON f.flight_id = "
        "t.flight_id WHERE t.status = 'Flown' GROUP BY 1"
    )
    assert yearly["2025"] > 1.1 * yearly["2024"]
    # the strike and the storm
    strike = by(
        "SELECT date(scheduled_departure), group_concat(DISTINCT status || '/' || cancellation_reason) FROM "
        "flights WHERE scheduled_departure BETWEEN '2024-10-14' AND '2024-10-17' OR scheduled_departure BETWEEN "
        "'2025-01-21' AND '2025-01-23' GROUP BY 1"
    )
    assert set(strike.values()) <= {"Cancelled/Industrial action", "Cancelled/Weather"} and len(strike) >= 4
    assert count(con, "SELECT count(*) FROM flights WHERE cancellation_reason = 'Industrial action'") == 12
    assert count(con, "SELECT count(DISTINCT cancelled_at) FROM flights WHERE cancellation_reason = 'Industrial "
                 "action'") == 1  # fmt: skip
    # snow at Cedar Ridge: more cancellations, delays and diversions in winter
    snow = by(
        "SELECT CAST(substr(f.scheduled_departure, 6, 2) AS INTEGER) IN (12, 1, 2, 3), avg(f.status <> 'On time') "
        f"FROM {routes} WHERE r.destination_code = 'CDR' AND f.status <> 'Scheduled' GROUP BY 1"
    )
    assert snow[1] > 1.5 * snow[0]
    causes = by("SELECT cause, count(*) FROM flight_delays GROUP BY 1")
    assert len(causes) == 6 and min(causes.values()) > 30
    assert count(con, "SELECT count(*) FROM flights WHERE status = 'Diverted'") >= 5
    # prices: fares up about 6% on 2025-03-01, bags from $30 to $35
    fares = by(
        "SELECT b.booked_at >= '2025-03-01', avg(t.base_fare) FROM tickets t JOIN bookings b ON b.booking_id = "
        "t.booking_id JOIN flights f ON f.flight_id = t.flight_id WHERE f.flight_number = 'KR201' AND "
        "b.fare_class = 'Standard' GROUP BY 1"
    )
    assert fares == {0: 99.0, 1: 105.0}
    bags = by(
        "SELECT purchased_at >= '2025-03-01', group_concat(DISTINCT price) FROM ancillaries WHERE product = "
        "'Checked bag' AND sales_channel <> 'Airport' GROUP BY 1"
    )
    assert bags == {0: "30.0", 1: "35.0"}
    # the app and its growing share; the promotions and the Cyber Monday burst
    app = by("SELECT substr(booked_at, 1, 7), avg(channel = 'App') FROM bookings GROUP BY 1")
    assert app["2024-05"] == 0 and 0.05 < app["2024-06"] < 0.25 and app["2025-11"] > 1.5 * app["2024-07"]
    used = by("SELECT promo_code, count(*) FROM bookings WHERE promo_code IS NOT NULL GROUP BY 1")
    assert set(used) == {"APP10", "SKI24", "ELLERY25", "CYBER25"} and min(used.values()) > 40
    daily = by(
        "SELECT date(booked_at) IN ('2025-12-01', '2025-12-02'), count(*) * 1.0 / count(DISTINCT date(booked_at)) "
        "FROM bookings WHERE booked_at BETWEEN '2025-11-01' AND '2025-12-31 23:59' GROUP BY 1"
    )
    assert daily[1] > 3 * daily[0]
    assert count(con, "SELECT min(b.booked_at) FROM bookings b JOIN tickets t ON t.booking_id = b.booking_id JOIN "
                 "flights f ON f.flight_id = t.flight_id WHERE f.flight_number = 'KR601'") >= "2025-04-01"  # fmt: skip
    # the loyalty programme: points per flight, then per dollar; a Platinum tier
    points = by(
        "SELECT f.scheduled_departure >= '2025-04-01', avg(t.points_earned) FROM tickets t JOIN flights f ON "
        "f.flight_id = t.flight_id WHERE t.status = 'Flown' GROUP BY 1"
    )
    assert points[0] == 250 and points[1] > 400
    tiers = by("SELECT loyalty_tier, count(*) FROM customers GROUP BY 1")
    assert tiers["Blue"] > tiers["Silver"] > tiers["Gold"] > tiers["Platinum"] > 5
    # refunds, no-shows, the carried-over accounts and those that never booked
    reasons = by("SELECT reason, count(*) FROM refunds GROUP BY 1")
    assert min(reasons.values()) > 1000
    statuses = by("SELECT status, count(*) FROM tickets GROUP BY 1")
    assert set(statuses) == {"Flown", "No-show", "Refunded", "Open"} and statuses["No-show"] > 1000
    assert count(con, "SELECT count(*) FROM customers WHERE signup_date < '2024-01-01'") > 2000
    never = "SELECT count(*) FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM bookings)"
    assert count(con, never) > 1000
    repeat = count(con, "SELECT avg(n > 1) FROM (SELECT count(*) AS n FROM bookings GROUP BY customer_id)")
    assert 0.25 < repeat < 0.75


def test_build_is_deterministic(dataset: Path, tmp_path: Path, rows: dict) -> None:
    again = airline.build(tmp_path)
    assert again.read_bytes() == airline.database_path(dataset).read_bytes()
    assert airline.airline_rows() == rows


def test_held_out_gold_queries_run_and_answer(dataset: Path, con: sqlite3.Connection) -> None:
    results = assert_held_out_set(dataset, con, airline, {"easy": 5, "medium": 6, "hard": 5, "extra": 4})
    assert_periods_are_numbers(results)


# --------------------------------------------------------------------------------------------
# The second computation: every answer again, in Python, from the generator's rows.


def _expected(rows: dict[str, list[dict]]) -> dict[str, list[tuple]]:
    route = {r["route_id"]: r for r in rows["routes"]}
    plane = {a["aircraft_id"]: a for a in rows["aircraft"]}
    flight = {f["flight_id"]: f for f in rows["flights"]}
    booking = {b["booking_id"]: b for b in rows["bookings"]}
    customer = {c["customer_id"]: c for c in rows["customers"]}
    ticket = {t["ticket_id"]: t for t in rows["tickets"]}

    def ends(f: dict) -> tuple[str, str]:
        r = route[f["route_id"]]
        return r["origin_code"], r["destination_code"]

    def year(f: dict) -> int:
        return f["scheduled_departure"].year

    def operated(f: dict, y: int) -> bool:
        return year(f) == y and f["status"] != "Cancelled"

    flown_on: Counter = Counter(t["flight_id"] for t in rows["tickets"] if t["status"] == "Flown")
    booked25 = [b for b in rows["bookings"] if b["booked_at"].year == 2025]

    out: dict[str, list[tuple]] = {}
    out["airline-01"] = [(sum(f["status"] == "Cancelled" and year(f) == 2025 for f in rows["flights"]),)]
    out["airline-02"] = list(Counter(b["channel"] for b in booked25).items())
    out["airline-03"] = list(Counter(c["loyalty_tier"] for c in rows["customers"]).items())
    sales: Counter = Counter()
    for a in rows["ancillaries"]:
        if a["purchased_at"].year == 2024:
            sales[a["product"]] += a["price"]
    out["airline-04"] = list(sales.items())
    refunded: dict[str, list[float]] = defaultdict(list)
    for r in rows["refunds"]:
        if r["refunded_at"].year == 2025:
            refunded[r["reason"]].append(r["refund_amount"])
    out["airline-05"] = [(k, len(v), sum(v)) for k, v in refunded.items()]

    flights25 = Counter(ends(f) for f in rows["flights"] if operated(f, 2025))
    assert len(flights25) == 12
    out["airline-06"] = [(*k, n) for k, n in flights25.items()]
    delayed: Counter = Counter()
    for d in rows["flight_delays"]:
        if year(flight[d["flight_id"]]) == 2025:
            delayed[d["cause"]] += d["delay_minutes"]
    out["airline-07"] = list(delayed.items())
    spent: Counter = Counter()
    for b in booked25:
        spent[b["customer_id"]] += b["total_amount"]
    out["airline-08"] = [
        (k, customer[k]["first_name"], customer[k]["last_name"], spent[k]) for k in untied_top(spent, 5)
    ]
    bags: dict[int, list[float]] = defaultdict(list)
    for a in rows["ancillaries"]:
        if a["product"] == "Checked bag" and a["purchased_at"].year == 2025:
            bags[a["purchased_at"].month].append(a["price"])
    assert len(bags) == 12
    out["airline-09"] = [(m, len(bags[m]), mean(bags[m])) for m in sorted(bags)]
    promo_tickets: Counter = Counter()
    promo_discount: Counter = Counter()
    for t in rows["tickets"]:
        code = booking[t["booking_id"]]["promo_code"]
        if code is not None:
            promo_tickets[code] += 1
            promo_discount[code] += t["discount_amount"]
    out["airline-10"] = [(k, n, promo_discount[k]) for k, n in promo_tickets.items()]
    app: dict[int, list[bool]] = defaultdict(list)
    for b in booked25:
        app[b["booked_at"].month].append(b["channel"] == "App")
    out["airline-11"] = [(m, 100 * mean(app[m])) for m in sorted(app)]

    on_time: dict[tuple, list[bool]] = defaultdict(list)
    passengers: Counter = Counter()
    seats: Counter = Counter()
    by_model: dict[str, list[int]] = defaultdict(list)
    for f in rows["flights"]:
        if operated(f, 2025):
            on_time[ends(f)].append(f["status"] == "On time")
            passengers[ends(f)] += flown_on[f["flight_id"]]
            seats[ends(f)] += plane[f["aircraft_id"]]["seat_count"]
            by_model[plane[f["aircraft_id"]]["model"]].append(flown_on[f["flight_id"]])
    out["airline-12"] = [(*k, 100 * mean(v)) for k, v in on_time.items()]
    out["airline-13"] = [(*k, 100 * passengers[k] / seats[k]) for k in seats]
    flew: dict[tuple, Counter] = defaultdict(Counter)
    for t in rows["tickets"]:
        f = flight[t["flight_id"]]
        if t["status"] == "Flown":
            flew[ends(f)][year(f)] += 1
    out["airline-14"] = [
        (*k, n[2024], n[2025], 100 * (n[2025] - n[2024]) / n[2024]) for k, n in flew.items() if n[2024] and n[2025]
    ]
    assert len(out["airline-14"]) == 10
    first_dep: dict[int, object] = {}
    for t in rows["tickets"]:
        dep = flight[t["flight_id"]]["scheduled_departure"]
        if t["booking_id"] not in first_dep or dep < first_dep[t["booking_id"]]:
            first_dep[t["booking_id"]] = dep
    ahead: dict[str, list[int]] = defaultdict(list)
    for b in booked25:
        ahead[b["fare_class"]].append((first_dep[b["booking_id"]].date() - b["booked_at"].date()).days)
    out["airline-15"] = [(k, mean(v)) for k, v in ahead.items()]
    out["airline-16"] = [(k, mean(v)) for k, v in by_model.items()]

    bookers = {y: {b["customer_id"] for b in rows["bookings"] if b["booked_at"].year == y} for y in (2024, 2025)}
    back = len(bookers[2024] & bookers[2025])
    out["airline-17"] = [(back, 100 * back / len(bookers[2024]))]
    strike: dict[tuple, dict] = defaultdict(lambda: {"flights": 0, "refunds": []})
    struck = {f["flight_id"] for f in rows["flights"] if f["cancellation_reason"] == "Industrial action"}
    for f in rows["flights"]:
        if f["flight_id"] in struck:
            strike[ends(f)]["flights"] += 1
    for r in rows["refunds"]:
        t = ticket[r["ticket_id"]]
        if r["reason"] == "Flight cancelled" and t["flight_id"] in struck:
            strike[ends(flight[t["flight_id"]])]["refunds"].append(r["refund_amount"])
    out["airline-18"] = [(*k, v["flights"], len(v["refunds"]), sum(v["refunds"])) for k, v in strike.items()]
    pte_pax: Counter = Counter()
    pte_seats: Counter = Counter()
    for f in rows["flights"]:
        if "PTE" in ends(f) and operated(f, 2025) and f["scheduled_departure"].month >= 6:
            pte_pax[f["scheduled_departure"].month] += flown_on[f["flight_id"]]
            pte_seats[f["scheduled_departure"].month] += plane[f["aircraft_id"]]["seat_count"]
    assert sorted(pte_seats) == list(range(6, 13))
    out["airline-19"] = [(m, 100 * pte_pax[m] / pte_seats[m]) for m in sorted(pte_seats)]
    extras: Counter = Counter()
    for a in rows["ancillaries"]:
        extras[a["ticket_id"]] += a["price"]
    spend: dict[tuple, list[float]] = defaultdict(list)
    for t in rows["tickets"]:
        f = flight[t["flight_id"]]
        if t["status"] == "Flown" and year(f) == 2025:
            spend[ends(f)].append(extras[t["ticket_id"]])
    out["airline-20"] = [(*k, mean(v)) for k, v in spend.items()]
    return out


def test_every_gold_answer_agrees_with_a_second_computation(con: sqlite3.Connection, rows: dict) -> None:
    assert_golds_agree(con, held_out_questions(airline), _expected(rows))


def test_rounded_golds_have_an_exact_twin_far_from_a_rounding_edge(con: sqlite3.Connection) -> None:
    """A question that asks for rounding holds the rounded gold and the same query unrounded; no exact value lies
    so near a half unit that summing in another order could round it the other way."""
    assert_rounded_golds_have_exact_twins(con, held_out_questions(airline))
