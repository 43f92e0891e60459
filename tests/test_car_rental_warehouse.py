"""The car rental company's warehouse and its held-out questions: built from scratch, documented, deterministic,
consistent, and every gold query runs and agrees with a second computation in Python over the generator's rows (not
SQL). No model; the questions are read as data only (they are the project's fair measure)."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from bench.warehouses import car_rental
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

CITIES = ("Port Halden", "Crestmoor", "Sunmesa", "Alder Peak")

dataset, con = warehouse_fixtures(car_rental)


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    return car_rental.car_rental_rows()


def test_tables_are_sizeable_and_cover_two_years(dataset: Path, con: sqlite3.Connection) -> None:
    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(car_rental.COMMENTS) and len(tables) == 11
    assert count(con, "SELECT count(*) FROM branches") == 9
    assert count(con, "SELECT count(*) FROM vehicle_classes") == 8
    assert count(con, "SELECT count(*) FROM corporate_accounts") == 18
    assert count(con, "SELECT count(*) FROM vehicles") >= 600
    assert count(con, "SELECT count(*) FROM customers") >= 12_000
    assert count(con, "SELECT count(*) FROM reservations") >= 25_000
    assert count(con, "SELECT count(*) FROM rentals") >= 22_000
    assert count(con, "SELECT count(*) FROM invoices") >= 22_000
    assert count(con, "SELECT count(*) FROM invoice_lines") >= 60_000
    assert count(con, "SELECT count(*) FROM damage_reports") >= 500
    assert count(con, "SELECT count(*) FROM maintenance_events") >= 1000
    dated = (
        ("reservations", "booked_date"),
        ("reservations", "scheduled_pickup"),
        ("reservations", "cancelled_date"),
        ("rentals", "pickup_time"),
        ("rentals", "return_time"),
        ("invoices", "invoice_date"),
        ("invoices", "paid_date"),
        ("damage_reports", "report_date"),
        ("maintenance_events", "start_date"),
        ("maintenance_events", "end_date"),
        ("customers", "signup_date"),
    )
    for table, column in dated:
        first, last = con.execute(
            f"SELECT min({column}), max({column}) FROM {table} WHERE {column} BETWEEN '2024-01-01' AND '2025-12-32'"
        ).fetchone()
        assert first.startswith("2024-01") and last.startswith("2025-12"), (table, column)
    # Only what began before the data may lie before it (a car in the fleet on 2024-01-01, a booking for January
    # 2024, a customer who rented before, an account, a branch); bookings for early 2026 are known, nothing else
    # happens after 2025-12-31 but the due dates of invoices and the planned returns of cars still out.
    assert count(con, "SELECT min(scheduled_pickup) FROM reservations") >= "2024-01-01"
    assert count(con, "SELECT max(scheduled_pickup) FROM reservations") <= "2026-03-01"
    assert count(con, "SELECT max(booked_date) FROM reservations") <= "2025-12-31"
    assert count(con, "SELECT min(booked_date) FROM reservations") >= "2023-01-01"
    assert count(con, "SELECT min(pickup_time) FROM rentals") >= "2024-01-01"
    assert count(con, "SELECT max(pickup_time) FROM rentals") <= "2025-12-31 23:59"
    assert count(con, "SELECT max(return_time) FROM rentals") <= "2025-12-31 23:59"
    assert count(con, "SELECT max(due_time) FROM rentals") <= "2026-02-01"
    assert count(con, "SELECT max(due_date) FROM invoices") <= "2026-01-30"
    for table, column in (
        ("vehicles", "in_service_date"),
        ("vehicles", "retired_date"),
        ("customers", "loyalty_join_date"),
        ("corporate_accounts", "contract_start_date"),
        ("corporate_accounts", "contract_end_date"),
        ("branches", "opened_date"),
    ):
        assert count(con, f"SELECT max({column}) FROM {table}") <= "2025-12-31", (table, column)
    assert count(con, "SELECT min(in_service_date) FROM vehicles") >= "2022-01-01"
    assert car_rental.database_path(dataset).stat().st_size < 15_000_000


def test_every_table_and_column_is_commented_in_its_ddl(con: sqlite3.Connection) -> None:
    assert_every_table_and_column_commented(con, car_rental.COMMENTS)


def test_keys_and_business_rules_hold(con: sqlite3.Connection) -> None:
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    foreign_keys = {t: len(con.execute(f"PRAGMA foreign_key_list({t})").fetchall()) for t in car_rental.COMMENTS}
    assert foreign_keys == {
        "branches": 0,
        "vehicle_classes": 0,
        "vehicles": 2,
        "corporate_accounts": 0,
        "customers": 1,
        "reservations": 4,
        "rentals": 5,
        "invoices": 2,
        "invoice_lines": 1,
        "damage_reports": 3,
        "maintenance_events": 3,
    }
    in_fleet = (
        "v.in_service_date <= {day} AND (v.retired_date IS NULL OR v.retired_date > {day}) AND b.opened_date <= {day}"
    )
    days_billed = (
        "max(1, (CAST(round((julianday(r.return_time) - julianday(r.pickup_time)) * 1440) AS INTEGER) - 59 + 1439) "
        "/ 1440)"
    )
    upgrades = (
        "('Economy', 'Compact'), ('Economy', 'Midsize'), ('Compact', 'Midsize'), ('Compact', 'Full-size'), "
        "('Midsize', 'Full-size'), ('Midsize', 'Premium'), ('Full-size', 'Premium'), ('Electric', 'Premium')"
    )
    broken = {
        "names that should be unique are not": "SELECT (SELECT count(*) - count(DISTINCT branch_name) FROM branches) "
        "+ (SELECT count(*) - count(DISTINCT class_name) FROM vehicle_classes) + (SELECT count(*) - count(DISTINCT "
        "license_plate) FROM vehicles) + (SELECT count(*) - count(DISTINCT company_name) FROM corporate_accounts)",
        "a branch, class, account or car that is not what it says": "SELECT (SELECT count(*) FROM branches WHERE "
        "city NOT IN ('Port Halden', 'Crestmoor', 'Sunmesa', 'Alder Peak') OR branch_type NOT IN ('Airport', 'City') "
        "OR sales_tax_rate NOT BETWEEN 0.05 AND 0.1) + (SELECT count(*) FROM vehicle_classes WHERE "
        "(fuel_tank_gallons IS NULL) <> (class_name = 'Electric') OR daily_rate <= 0) + (SELECT count(*) FROM "
        "corporate_accounts WHERE city NOT IN (SELECT city FROM branches) OR discount_pct NOT BETWEEN 5 AND 25 OR "
        "contract_end_date <= contract_start_date) + (SELECT count(*) FROM vehicles v JOIN branches b ON "
        "b.branch_id = v.home_branch_id WHERE v.retired_date <= v.in_service_date OR v.in_service_date < "
        "b.opened_date OR v.model_year NOT BETWEEN CAST(substr(v.in_service_date, 1, 4) AS INTEGER) AND "
        "CAST(substr(v.in_service_date, 1, 4) AS INTEGER) + 1 OR v.purchase_odometer NOT BETWEEN 0 AND 100 OR "
        "v.acquisition_cost <= 0 OR (v.class_id = 8 AND (v.in_service_date < '2025-03-01' OR b.branch_name NOT IN "
        "('Port Halden Airport', 'Crestmoor International Airport', 'Crestmoor Downtown'))))",
        "a customer who does not fit their type, or is in the loyalty program by halves": "SELECT count(*) FROM "
        "customers c LEFT JOIN corporate_accounts a USING (account_id) WHERE (c.customer_type = 'Corporate') <> "
        "(c.account_id IS NOT NULL) OR c.customer_type NOT IN ('Individual', 'Corporate') OR (c.loyalty_tier IS "
        "NULL) <> (c.loyalty_join_date IS NULL) OR c.loyalty_join_date < c.signup_date OR c.signup_date < "
        "date(c.date_of_birth, '+21 years') OR c.signup_date < a.contract_start_date OR c.loyalty_tier NOT IN "
        "('Blue', 'Silver', 'Gold', 'Platinum')",
        "a loyalty tier that is not the one the 2025 rentals earned": "SELECT count(*) FROM customers c LEFT JOIN "
        "(SELECT customer_id, count(*) AS n FROM rentals WHERE pickup_time LIKE '2025%' GROUP BY 1) r USING "
        "(customer_id) WHERE c.loyalty_tier IS NOT CASE WHEN c.loyalty_tier IS NULL THEN NULL WHEN "
        "coalesce(r.n, 0) >= 12 THEN 'Platinum' WHEN r.n >= 6 THEN 'Gold' WHEN r.n >= 3 THEN 'Silver' ELSE 'Blue' END",
        "a customer with nothing booked or rented, or signed up after it": "SELECT (SELECT count(*) FROM customers "
        "WHERE customer_id NOT IN (SELECT customer_id FROM reservations UNION SELECT customer_id FROM rentals)) "
        "+ (SELECT count(*) FROM reservations s JOIN customers c USING (customer_id) WHERE s.booked_date < "
        "c.signup_date) + (SELECT count(*) FROM rentals r "
        "JOIN customers c USING (customer_id) WHERE date(r.pickup_time) < c.signup_date OR date(r.pickup_time) < "
        "date(c.date_of_birth, '+21 years'))",
        "a reservation whose dates, branches or status do not add up": "SELECT count(*) FROM reservations s JOIN "
        "branches p ON p.branch_id = s.pickup_branch_id JOIN branches q ON q.branch_id = s.return_branch_id WHERE "
        "s.booked_date > date(s.scheduled_pickup) OR s.scheduled_return <= s.scheduled_pickup OR "
        "date(s.scheduled_pickup) < p.opened_date OR date(s.scheduled_return) < q.opened_date OR s.channel NOT IN "
        "('Website', 'Mobile app', 'Phone', 'Travel agent') OR s.status NOT IN ('Fulfilled', 'Cancelled', "
        "'No-show', 'Upcoming') OR (s.status = 'Cancelled') <> (s.cancelled_date IS NOT NULL) OR "
        "s.cancelled_date NOT BETWEEN s.booked_date AND date(s.scheduled_pickup) OR (s.status = 'Upcoming') <> "
        "(s.scheduled_pickup > '2025-12-31 23:59' AND s.status <> 'Cancelled') OR (s.status IN ('Fulfilled', "
        "'No-show') AND s.scheduled_pickup > '2025-12-31 23:59') OR s.quoted_daily_rate <= 0",
        "a fulfilled reservation without exactly one rental, or a rental that does not match its booking": "SELECT "
        "(SELECT count(*) FROM reservations s LEFT JOIN (SELECT reservation_id, count(*) AS n FROM rentals GROUP "
        "BY 1) r USING (reservation_id) WHERE (s.status = 'Fulfilled') <> (r.n IS NOT NULL) OR r.n > 1) + (SELECT "
        "count(*) FROM rentals r JOIN reservations s USING (reservation_id) WHERE r.customer_id <> s.customer_id "
        "OR r.pickup_branch_id <> s.pickup_branch_id OR r.return_branch_id <> s.return_branch_id OR r.due_time "
        "<> s.scheduled_return OR r.daily_rate <> s.quoted_daily_rate OR r.pickup_time < "
        "strftime('%Y-%m-%d %H:%M', s.scheduled_pickup, '-30 minutes') OR date(r.pickup_time) <> "
        "date(s.scheduled_pickup))",
        "a rental with a car of a class it cannot have, or from another fleet, or out of the fleet": "SELECT "
        "(SELECT count(*) FROM rentals r JOIN reservations s USING (reservation_id) JOIN vehicles v USING "
        "(vehicle_id) JOIN vehicle_classes a ON a.class_id = s.class_id JOIN vehicle_classes c ON c.class_id = "
        f"v.class_id WHERE v.class_id <> s.class_id AND (a.class_name, c.class_name) NOT IN (VALUES {upgrades})) "
        "+ (SELECT count(*) FROM rentals r JOIN vehicles v USING (vehicle_id) JOIN branches b ON b.branch_id = "
        "r.pickup_branch_id WHERE v.home_branch_id <> r.pickup_branch_id OR NOT ("
        + in_fleet.format(day="date(r.pickup_time)")
        + ") OR date(coalesce(r.return_time, '2025-12-31')) > coalesce(v.retired_date, '2025-12-31'))",
        "a rental whose times, readings or status do not add up": "SELECT count(*) FROM rentals r JOIN branches q "
        "ON q.branch_id = r.return_branch_id WHERE r.due_time <= r.pickup_time OR r.return_time < "
        "strftime('%Y-%m-%d %H:%M', r.pickup_time, '+2 hours') OR (r.status = 'Open') <> (r.return_time IS NULL) OR "
        "r.status NOT IN ('Returned', 'Open') OR (r.return_time IS NULL) <> (r.odometer_in IS NULL) OR "
        "(r.return_time IS NULL) <> (r.fuel_level_in IS NULL) OR r.odometer_in <= r.odometer_out OR "
        "r.fuel_level_in NOT BETWEEN 0 AND 8 OR r.damage_waiver NOT IN (0, 1) OR r.daily_rate <= 0 OR "
        "date(r.return_time) < q.opened_date OR ((julianday(r.return_time) - julianday(r.due_time)) * 1440 BETWEEN "
        "51 AND 60.5)",
        "a car rented twice at once, or whose odometer goes back": "SELECT count(*) FROM (SELECT r.pickup_time, "
        "r.odometer_out, lag(r.return_time) OVER w AS before, lag(r.status) OVER w AS before_status, "
        "lag(r.odometer_in) OVER w AS reading FROM rentals r WINDOW w AS (PARTITION BY r.vehicle_id ORDER BY "
        "r.pickup_time)) WHERE before >= pickup_time OR before_status = 'Open' OR reading > odometer_out",
        "a car rented while in the shop, or a first rental below its purchase reading": "SELECT (SELECT count(*) "
        "FROM maintenance_events m JOIN rentals r USING (vehicle_id) WHERE r.pickup_time >= m.start_date AND "
        "r.pickup_time < coalesce(m.end_date || ' 08:00', '9999') AND date(r.return_time) IS NOT m.start_date) "
        "+ (SELECT count(*) FROM rentals r JOIN vehicles "
        "v USING (vehicle_id) WHERE r.odometer_out < v.purchase_odometer)",
        "a corporate rental outside its account's contract, or a branch's trade before it opened": "SELECT (SELECT "
        "count(*) FROM rentals r JOIN customers c USING (customer_id) JOIN corporate_accounts a USING (account_id) "
        "WHERE date(r.pickup_time) NOT BETWEEN a.contract_start_date AND coalesce(a.contract_end_date, "
        "'2025-12-31')) + (SELECT count(*) FROM reservations s JOIN customers c USING (customer_id) JOIN "
        "corporate_accounts a USING (account_id) WHERE s.booked_date < a.contract_start_date OR "
        "date(s.scheduled_pickup) > coalesce(a.contract_end_date, '2026-12-31')) + (SELECT count(*) FROM rentals r "
        "JOIN branches b ON b.branch_id = r.pickup_branch_id WHERE date(r.pickup_time) < b.opened_date)",
        "a returned rental without exactly one invoice, or an invoice whose sums, dates or payment do not add up": ""
        "SELECT (SELECT count(*) FROM rentals r LEFT JOIN (SELECT rental_id, count(*) AS n FROM invoices GROUP BY 1) "
        "i USING (rental_id) WHERE (r.status = 'Returned') <> (i.n IS NOT NULL) OR i.n > 1) + (SELECT count(*) FROM "
        "invoices i JOIN rentals r USING (rental_id) JOIN customers c USING (customer_id) JOIN branches b ON "
        "b.branch_id = r.pickup_branch_id JOIN (SELECT invoice_id, round(sum(amount), 2) AS lines FROM "
        "invoice_lines GROUP BY 1) l USING (invoice_id) WHERE i.invoice_date <> date(r.return_time) OR "
        "abs(i.subtotal - l.lines) > 0.001 OR abs(i.tax_amount - round(i.subtotal * b.sales_tax_rate, 2)) > 0.0051 "
        "OR abs(i.total_amount - i.subtotal - i.tax_amount) > 0.001 OR i.account_id IS NOT c.account_id OR "
        "(i.account_id IS NOT NULL) <> (i.payment_method = 'Corporate account') OR i.payment_method NOT IN "
        "('Credit card', 'Debit card', 'Corporate account') OR i.due_date <> date(i.invoice_date, CASE WHEN "
        "i.account_id IS NULL THEN '+0 days' ELSE '+30 days' END) OR i.status NOT IN ('Paid', 'Open') OR "
        "(i.status = 'Paid') <> (i.paid_date IS NOT NULL) OR i.paid_date < i.invoice_date OR i.paid_date > "
        "'2025-12-31' OR (i.account_id IS NULL AND i.paid_date IS NOT i.invoice_date))",
        "a charge line that does not fit its rental": "SELECT count(*) FROM invoice_lines l JOIN invoices i USING "
        "(invoice_id) JOIN rentals r USING (rental_id) JOIN vehicles v USING (vehicle_id) JOIN vehicle_classes c ON "
        "c.class_id = v.class_id JOIN customers u ON u.customer_id = r.customer_id JOIN branches b ON b.branch_id = "
        "r.pickup_branch_id JOIN branches q ON q.branch_id = r.return_branch_id LEFT JOIN corporate_accounts a ON "
        "a.account_id = i.account_id LEFT JOIN damage_reports d ON d.rental_id = r.rental_id JOIN invoice_lines "
        "base ON base.invoice_id = l.invoice_id AND base.charge_type = 'Base rate' WHERE abs(l.amount - "
        "round(l.quantity * l.unit_price, 2)) > 0.0051 OR CASE l.charge_type "
        f"WHEN 'Base rate' THEN l.quantity <> {days_billed} OR l.unit_price <> r.daily_rate "
        "WHEN 'Corporate discount' THEN a.account_id IS NULL OR abs(l.amount + round(base.amount * a.discount_pct "
        "/ 100, 2)) > 0.0051 "
        "WHEN 'Collision damage waiver' THEN r.damage_waiver = 0 OR l.quantity <> base.quantity "
        "WHEN 'Young driver fee' THEN date(r.pickup_time) >= date(u.date_of_birth, '+25 years') OR l.quantity <> "
        "base.quantity "
        "WHEN 'Liability insurance' THEN l.quantity <> base.quantity OR a.account_id IS NOT NULL "
        "WHEN 'Additional driver' THEN l.quantity <> base.quantity WHEN 'GPS' THEN l.quantity <> base.quantity "
        "WHEN 'Child seat' THEN l.quantity <> base.quantity OR a.account_id IS NOT NULL "
        "WHEN 'Fuel service' THEN c.fuel_tank_gallons IS NULL OR r.fuel_level_in = 8 OR abs(l.quantity - "
        "round(c.fuel_tank_gallons * (8 - r.fuel_level_in) / 8.0, 1)) > 0.001 OR l.unit_price <> CASE WHEN "
        "i.invoice_date < '2025-01-01' THEN 5.49 ELSE 5.99 END "
        "WHEN 'Recharge fee' THEN c.fuel_tank_gallons IS NOT NULL OR r.fuel_level_in >= 4 "
        "WHEN 'One-way fee' THEN b.city = q.city "
        "WHEN 'Airport concession fee' THEN b.branch_type <> 'Airport' OR abs(l.amount - round(base.amount * "
        "0.1111, 2)) > 0.0051 "
        "WHEN 'Damage' THEN d.customer_charge IS NOT l.amount OR r.damage_waiver = 1 "
        "ELSE 1 END",
        "a charge missing from an invoice, or charged twice": "SELECT (SELECT count(*) FROM (SELECT invoice_id, "
        "charge_type FROM invoice_lines GROUP BY 1, 2 HAVING count(*) > 1)) + (SELECT count(*) FROM invoices i "
        "JOIN rentals r USING (rental_id) JOIN vehicles v USING (vehicle_id) JOIN customers u ON u.customer_id = "
        "r.customer_id JOIN branches b ON b.branch_id = r.pickup_branch_id JOIN branches q ON q.branch_id = "
        "r.return_branch_id LEFT JOIN damage_reports d ON d.rental_id = r.rental_id LEFT JOIN (SELECT invoice_id, "
        "count(*) AS n FROM invoice_lines WHERE charge_type IN ('Base rate', 'Corporate discount', 'Collision "
        "damage waiver', 'Young driver fee', 'Fuel service', 'Recharge fee', 'One-way fee', 'Airport concession "
        "fee', 'Damage') GROUP BY 1) l ON l.invoice_id = i.invoice_id WHERE coalesce(l.n, 0) <> 1 + "
        "(i.account_id IS NOT NULL) + r.damage_waiver + "
        "(date(r.pickup_time) < date(u.date_of_birth, '+25 years')) + (v.class_id <> 8 AND r.fuel_level_in < 8) + "
        "(v.class_id = 8 AND r.fuel_level_in < 4) + (b.city <> q.city) + (b.branch_type = 'Airport') + "
        "coalesce(d.customer_charge > 0, 0))",
        "damage that does not fit its rental or its repair": "SELECT (SELECT count(*) FROM damage_reports d JOIN "
        "rentals r USING (rental_id) WHERE d.vehicle_id <> r.vehicle_id OR d.branch_id <> r.return_branch_id OR "
        "d.report_date <> date(r.return_time) OR d.damage_type NOT IN ('Scratch', 'Dent', 'Windshield', 'Tire', "
        "'Collision', 'Interior') OR d.severity NOT IN ('Minor', 'Moderate', 'Major') OR d.estimated_cost <= 0 OR "
        "d.customer_charge <> CASE WHEN r.damage_waiver = 1 THEN 0 ELSE d.estimated_cost END) + (SELECT count(*) "
        "FROM (SELECT rental_id FROM damage_reports GROUP BY 1 HAVING count(*) > 1)) + (SELECT count(*) FROM "
        "damage_reports d LEFT JOIN maintenance_events m USING (damage_id) WHERE m.maintenance_id IS NULL OR "
        "m.vehicle_id <> d.vehicle_id OR m.start_date <> d.report_date OR m.service_type <> 'Damage repair') + "
        "(SELECT count(*) FROM maintenance_events WHERE (service_type = 'Damage repair') <> (damage_id IS NOT "
        "NULL)) + (SELECT count(*) - count(DISTINCT damage_id) FROM maintenance_events WHERE damage_id IS NOT NULL)",
        "a maintenance job whose dates, place or cost do not add up": "SELECT count(*) FROM maintenance_events m "
        "JOIN vehicles v USING (vehicle_id) WHERE m.branch_id <> v.home_branch_id OR m.end_date <= m.start_date "
        "OR (m.end_date IS NULL) <> (m.cost IS NULL) OR m.cost <= 0 OR m.start_date < v.in_service_date OR "
        "m.start_date >= coalesce(v.retired_date, '9999') OR m.end_date > coalesce(v.retired_date, '9999') OR "
        "m.start_date > '2025-12-31' OR m.end_date > '2025-12-31' OR m.service_type NOT IN ('Scheduled service', "
        "'Tire replacement', 'Brake service', 'Battery replacement', 'Damage repair', 'Hail repair') OR "
        "(m.service_type = 'Battery replacement' AND v.class_id = 8) OR m.odometer < v.purchase_odometer",
    }
    for what, sql in broken.items():
        assert count(con, sql) == 0, what


def test_the_business_has_the_shape_its_docstring_promises(con: sqlite3.Connection) -> None:
    def by(sql: str) -> dict:
        return {row[0] if len(row) == 2 else row[:-1]: row[-1] for row in con.execute(sql)}

    picked = "FROM rentals r JOIN branches b ON b.branch_id = r.pickup_branch_id"
    # each city's season: the coast in the summer, the desert and the ski town in the winter, Crestmoor flat
    months = by(f"SELECT b.city, CAST(substr(r.pickup_time, 6, 2) AS INTEGER), count(*) {picked} GROUP BY 1, 2")
    assert months["Port Halden", 7] > 2.2 * months["Port Halden", 1]
    assert months["Sunmesa", 2] > 2.2 * months["Sunmesa", 7]
    assert months["Alder Peak", 1] > 2.5 * months["Alder Peak", 5]
    assert months["Alder Peak", 7] > 1.4 * months["Alder Peak", 5]
    crest = [months["Crestmoor", m] for m in range(1, 13) if m != 10]  # October has the Expo
    assert max(crest) < 1.6 * min(crest)
    # Crestmoor rents mostly on weekdays and to corporate accounts; the others mostly to private renters
    corporate = by(
        f"SELECT b.city, avg(c.customer_type = 'Corporate') {picked} JOIN customers c USING (customer_id) GROUP BY 1"
    )
    assert corporate["Crestmoor"] > 0.28 and all(corporate[c] < 0.2 for c in CITIES if c != "Crestmoor")
    weekdays = by(
        "SELECT strftime('%w', r.pickup_time) IN ('1', '2', '3'), count(*) FROM rentals r JOIN customers c "
        "USING (customer_id) WHERE c.customer_type = 'Corporate' GROUP BY 1"
    )
    assert weekdays[1] > 1.5 * weekdays[0]
    # the fleet swells and shrinks with the seasons
    fleet = by(
        "SELECT b.city, d.day, count(*) FROM vehicles v JOIN branches b ON b.branch_id = v.home_branch_id JOIN "
        "(SELECT '2025-02-15' AS day UNION ALL SELECT '2025-05-15' UNION ALL SELECT '2025-08-15') d WHERE "
        "v.in_service_date <= d.day AND coalesce(v.retired_date, '9999') > d.day GROUP BY 1, 2"
    )
    assert fleet["Alder Peak", "2025-02-15"] > 2 * fleet["Alder Peak", "2025-05-15"]
    assert fleet["Port Halden", "2025-08-15"] > 1.6 * fleet["Port Halden", "2025-02-15"]
    assert fleet["Sunmesa", "2025-02-15"] > 1.6 * fleet["Sunmesa", "2025-08-15"]
    worn = con.execute(
        "SELECT max(r.odometer_in), max(julianday(v.retired_date) - julianday(v.in_service_date)) FROM vehicles v "
        "JOIN rentals r USING (vehicle_id)"
    ).fetchone()
    assert worn[0] < 50_000 and worn[1] < 24 * 31
    # rates: the peak-season markup, and the review of 2025-03-01
    rates = by(
        "SELECT s.class_id, b.city, substr(s.scheduled_pickup, 1, 7), avg(s.quoted_daily_rate) FROM reservations s "
        "JOIN branches b ON b.branch_id = s.pickup_branch_id WHERE substr(s.scheduled_pickup, 1, 7) IN "
        "('2024-04', '2025-04', '2024-07', '2024-11') GROUP BY 1, 2, 3"
    )
    for city in CITIES:
        assert rates[3, city, "2025-04"] / rates[3, city, "2024-04"] == pytest.approx(1.06, abs=0.015)
    assert rates[3, "Port Halden", "2024-07"] / rates[3, "Port Halden", "2024-04"] == pytest.approx(1.2, abs=0.03)
    assert rates[3, "Crestmoor", "2024-07"] == pytest.approx(rates[3, "Crestmoor", "2024-11"])
    # electric cars from 2025-03-01 at three branches, never refuelled; the new branch from 2025-05-01
    electric = con.execute(
        "SELECT min(r.pickup_time), count(DISTINCT r.pickup_branch_id), count(*) FROM rentals r JOIN vehicles v "
        "USING (vehicle_id) WHERE v.class_id = 8"
    ).fetchone()
    assert electric[0] >= "2025-03-01" and electric[1] == 3 and electric[2] > 150
    assert (
        count(
            con,
            "SELECT count(*) FROM invoice_lines l JOIN invoices i USING (invoice_id) JOIN rentals r USING (rental_id) "
            "JOIN vehicles v USING (vehicle_id) WHERE v.class_id = 8 AND l.charge_type = 'Fuel service'",
        )
        == 0
    )
    assert count(con, "SELECT count(*) FROM invoice_lines WHERE charge_type = 'Recharge fee'") > 20
    opened = con.execute(
        f"SELECT min(r.pickup_time), count(*) {picked} WHERE b.branch_name = 'Crestmoor Union Station'"
    ).fetchone()
    assert opened[0] >= "2025-05-01" and opened[1] > 400
    # corporate accounts: the consulting firm from 2024-09-01, the freight company gone after 2025-06-30
    accounts = {
        name: rest
        for name, *rest in con.execute(
            "SELECT a.company_name, min(r.pickup_time), max(r.pickup_time), count(*) FROM rentals r JOIN customers "
            "c USING (customer_id) JOIN corporate_accounts a USING (account_id) GROUP BY 1"
        )
    }
    assert accounts["Vantage Consulting Group"][0] >= "2024-09-01"
    assert max(accounts, key=lambda name: accounts[name][2]) == "Vantage Consulting Group"
    assert accounts["Pellham Freight Systems"][1] <= "2025-06-30 23:59"
    assert accounts["Summit Field Services"][0] >= "2025-02-01"
    grew = by(
        f"SELECT substr(r.pickup_time, 1, 4), count(*) {picked} JOIN customers c USING (customer_id) WHERE "
        "b.city = 'Crestmoor' AND c.customer_type = 'Corporate' GROUP BY 1"
    )
    assert grew["2025"] > 1.1 * grew["2024"]
    # the hailstorm of 2025-06-15 over Crestmoor and the free upgrades after it; the Expo's full lots and rates
    hail = con.execute(
        "SELECT count(*), min(m.start_date), max(m.start_date), count(DISTINCT b.city), min(m.end_date), "
        "max(m.end_date) FROM maintenance_events m JOIN branches b USING (branch_id) WHERE m.service_type = "
        "'Hail repair'"
    ).fetchone()
    assert hail[0] >= 20 and hail[1:4] == ("2025-06-15", "2025-06-15", 1) and hail[5] > "2025-07-05"
    upgraded = by(
        "SELECT CASE WHEN date(r.pickup_time) BETWEEN '2025-10-10' AND '2025-10-16' THEN 'expo' WHEN "
        "date(r.pickup_time) BETWEEN '2025-06-15' AND '2025-06-30' THEN 'hail' ELSE 'other' END, "
        "avg(v.class_id <> s.class_id) FROM rentals r JOIN reservations s USING (reservation_id) JOIN vehicles v "
        "USING (vehicle_id) JOIN branches b ON b.branch_id = r.pickup_branch_id WHERE b.city = 'Crestmoor' AND "
        "r.pickup_time >= '2025-01-01' GROUP BY 1"
    )
    assert upgraded["hail"] > 1.5 * upgraded["other"]
    out = by(
        "SELECT d.t, avg(EXISTS (SELECT 1 FROM rentals r WHERE r.vehicle_id = v.vehicle_id AND r.pickup_time <= d.t "
        "AND coalesce(r.return_time, '9999') > d.t)) FROM vehicles v JOIN branches b ON b.branch_id = "
        "v.home_branch_id JOIN (SELECT '2025-10-07 12:00' AS t UNION ALL SELECT '2025-10-14 12:00') d WHERE b.city = "
        "'Crestmoor' AND v.in_service_date <= d.t AND coalesce(v.retired_date, '9999') > d.t GROUP BY 1"
    )
    assert out["2025-10-14 12:00"] > 1.2 * out["2025-10-07 12:00"]
    expo = by(
        "SELECT date(s.scheduled_pickup) BETWEEN '2025-10-10' AND '2025-10-16', avg(s.quoted_daily_rate) FROM "
        "reservations s JOIN branches b ON b.branch_id = s.pickup_branch_id WHERE b.city = 'Crestmoor' AND "
        "s.class_id = 3 AND s.scheduled_pickup LIKE '2025-10%' GROUP BY 1"
    )
    assert expo[1] == pytest.approx(1.3 * expo[0], rel=0.02)
    # Alder Peak's winters: damage and late returns; young drivers damage more
    damaged = by(
        "SELECT b.city = 'Alder Peak' AND CAST(substr(r.pickup_time, 6, 2) AS INTEGER) IN (12, 1, 2, 3), "
        f"avg(d.damage_id IS NOT NULL) {picked} LEFT JOIN damage_reports d USING (rental_id) WHERE r.status = "
        "'Returned' GROUP BY 1"
    )
    assert damaged[1] > 1.8 * damaged[0]
    late = by(
        "SELECT b.city = 'Alder Peak' AND CAST(substr(r.pickup_time, 6, 2) AS INTEGER) IN (12, 1, 2, 3), "
        f"avg(r.return_time > r.due_time AND julianday(r.return_time) - julianday(r.due_time) > 1 / 24.0) {picked} "
        "WHERE r.status = 'Returned' GROUP BY 1"
    )
    assert late[1] > 1.5 * late[0]
    young = by(
        "SELECT date(r.pickup_time) < date(c.date_of_birth, '+25 years'), avg(d.damage_id IS NOT NULL) FROM "
        "rentals r JOIN customers c USING (customer_id) LEFT JOIN damage_reports d USING (rental_id) WHERE "
        "r.status = 'Returned' GROUP BY 1"
    )
    assert young[1] > 1.4 * young[0]
    kinds = by(
        "SELECT b.city, d.damage_type, count(*) FROM damage_reports d JOIN rentals r USING (rental_id) JOIN "
        "branches b ON b.branch_id = r.pickup_branch_id GROUP BY 1, 2"
    )
    assert kinds["Alder Peak", "Tire"] > kinds["Port Halden", "Tire"]
    # bookings: travel agents' and far-ahead ones are cancelled more, and travel agents' customers show up less
    cancelled = by(
        "SELECT channel, avg(status = 'Cancelled') FROM reservations WHERE scheduled_pickup < '2026' GROUP BY 1"
    )
    no_show = by("SELECT channel, avg(status = 'No-show') FROM reservations WHERE scheduled_pickup < '2026' GROUP BY 1")
    assert cancelled["Travel agent"] > 1.3 * cancelled["Website"] and no_show["Travel agent"] > 1.6 * no_show["Website"]
    ahead = by(
        "SELECT julianday(date(scheduled_pickup)) - julianday(booked_date) > 30, avg(status = 'Cancelled') FROM "
        "reservations WHERE scheduled_pickup < '2026-01-01' GROUP BY 1"
    )
    assert ahead[1] > ahead[0] + 0.05
    gps = by(
        "SELECT substr(r.pickup_time, 1, 4), avg(g.invoice_id IS NOT NULL) FROM invoices i JOIN rentals r USING "
        "(rental_id) LEFT JOIN (SELECT invoice_id FROM invoice_lines WHERE charge_type = 'GPS') g USING (invoice_id) "
        "GROUP BY 1"
    )
    assert gps["2025"] < 0.75 * gps["2024"]
    # walk-ins, one-way rentals, cars still out, corporate invoices still open, jobs still in the shop
    assert 0.06 < count(con, "SELECT avg(reservation_id IS NULL) FROM rentals") < 0.2
    assert count(con, "SELECT count(*) FROM rentals WHERE status = 'Open'") > 50
    assert count(con, "SELECT count(*) FROM invoices WHERE status = 'Open'") > 50
    assert count(con, "SELECT count(*) FROM invoice_lines WHERE charge_type = 'One-way fee'") > 100
    assert count(con, "SELECT count(*) FROM reservations WHERE status = 'Upcoming'") > 300
    assert count(con, "SELECT count(*) FROM maintenance_events WHERE end_date IS NULL") >= 1


def test_build_is_deterministic(dataset: Path, tmp_path: Path, rows: dict) -> None:
    again = car_rental.build(tmp_path)
    assert again.read_bytes() == car_rental.database_path(dataset).read_bytes()
    assert car_rental.car_rental_rows() == rows


def test_held_out_gold_queries_run_and_answer(dataset: Path, con: sqlite3.Connection) -> None:
    results = assert_held_out_set(dataset, con, car_rental, {"easy": 5, "medium": 5, "hard": 5, "extra": 5})
    assert_periods_are_numbers(results)


# --------------------------------------------------------------------------------------------
# The second computation: every answer again, in Python, from the generator's rows.


def _julian(moment: date) -> float:
    """SQLite's julianday() of a 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM' value: whole milliseconds since the Julian
    epoch over a day's."""
    minutes = moment.hour * 60 + moment.minute if isinstance(moment, datetime) else 0
    return ((2 * moment.toordinal() + 3442849) * 43_200_000 + minutes * 60_000) / 86_400_000


def _expected(rows: dict[str, list[dict]]) -> dict[str, list[tuple]]:
    branch = {b["branch_id"]: b for b in rows["branches"]}
    klass = {c["class_id"]: c["class_name"] for c in rows["vehicle_classes"]}
    vehicle = {v["vehicle_id"]: v for v in rows["vehicles"]}
    customer = {c["customer_id"]: c for c in rows["customers"]}
    account = {a["account_id"]: a for a in rows["corporate_accounts"]}
    rentals = rows["rentals"]
    rental = {r["rental_id"]: r for r in rentals}
    reservations = rows["reservations"]
    reservation = {s["reservation_id"]: s for s in reservations}
    invoices25 = [i for i in rows["invoices"] if in_year(i["invoice_date"], 2025)]
    invoice25 = {i["invoice_id"]: i for i in invoices25}
    lines25 = [x for x in rows["invoice_lines"] if x["invoice_id"] in invoice25]
    returned25 = [r for r in rentals if in_year(r["return_time"], 2025)]

    def car_class(rental_row: dict) -> str:
        return klass[vehicle[rental_row["vehicle_id"]]["class_id"]]

    def city(rental_row: dict) -> str:
        return branch[rental_row["pickup_branch_id"]]["city"]

    out: dict[str, list[tuple]] = {}
    out["car_rental-01"] = list(
        Counter(klass[v["class_id"]] for v in rows["vehicles"] if v["retired_date"] is None).items()
    )
    out["car_rental-02"] = [(sum(i["total_amount"] for i in invoices25),)]
    signed = [a for a in rows["corporate_accounts"] if a["contract_start_date"] >= date(2024, 1, 1)]
    out["car_rental-03"] = [
        (a["company_name"], a["industry"], a["discount_pct"])
        for a in sorted(signed, key=lambda a: a["contract_start_date"])
    ]
    jobs: dict[str, list[float]] = defaultdict(list)
    for m in rows["maintenance_events"]:
        if in_year(m["end_date"], 2025):
            jobs[m["service_type"]].append(m["cost"])
    out["car_rental-04"] = [(k, len(v), sum(v)) for k, v in jobs.items()]
    damage25 = {d["damage_id"]: d for d in rows["damage_reports"] if in_year(d["report_date"], 2025)}
    cost = {k: d["estimated_cost"] for k, d in damage25.items()}
    out["car_rental-05"] = [
        (k, branch[damage25[k]["branch_id"]]["branch_name"], damage25[k]["damage_type"], cost[k])
        for k in untied_top(cost, 5)
    ]

    length = defaultdict(list)
    for r in returned25:
        length[car_class(r)].append(_julian(r["return_time"]) - _julian(r["pickup_time"]))
    out["car_rental-06"] = [(k, mean(v)) for k, v in length.items()]
    charged: Counter = Counter()
    for x in lines25:
        if x["charge_type"] != "Corporate discount":
            charged[x["charge_type"]] += x["amount"]
    total = sum(charged.values())
    out["car_rental-07"] = [(k, 100 * v / total) for k, v in charged.items()]
    booked = Counter(s["booked_date"].month for s in reservations if in_year(s["booked_date"], 2025))
    assert len(booked) == 12
    out["car_rental-08"] = sorted(booked.items())
    channel = defaultdict(list)
    for s in reservations:
        if in_year(s["scheduled_pickup"], 2025):
            channel[s["channel"]].append(s["status"] == "Cancelled")
    out["car_rental-09"] = [(k, 100 * mean(v)) for k, v in channel.items()]
    ahead = defaultdict(list)
    for s in reservations:
        if s["status"] == "Fulfilled" and in_year(s["scheduled_pickup"], 2025):
            ahead[s["channel"]].append((s["scheduled_pickup"].date() - s["booked_date"]).days)
    out["car_rental-10"] = [(k, mean(v)) for k, v in ahead.items()]

    earned: Counter = Counter()
    days: Counter = Counter()
    invoiced_rental = {i["invoice_id"]: rental[i["rental_id"]] for i in invoices25}
    for x in lines25:
        if x["charge_type"] == "Base rate":
            name = car_class(invoiced_rental[x["invoice_id"]])
            earned[name] += x["amount"]
            days[name] += x["quantity"]
    out["car_rental-11"] = [(k, earned[k] / days[k]) for k in earned]
    hurt = {d["rental_id"] for d in rows["damage_reports"]}
    damaged = defaultdict(list)
    for r in returned25:
        damaged[city(r)].append(r["rental_id"] in hurt)
    out["car_rental-12"] = [(k, 100 * mean(v)) for k, v in damaged.items()]
    monthly: Counter = Counter()
    for i in invoices25:
        monthly[i["invoice_date"].month] += i["subtotal"]
    running, out["car_rental-13"] = 0.0, []
    for month in sorted(monthly):
        running += monthly[month]
        out["car_rental-13"].append((month, monthly[month], running))
    upgraded = defaultdict(list)
    for r in rentals:
        if r["reservation_id"] is not None and in_year(r["pickup_time"], 2025):
            booked_class = reservation[r["reservation_id"]]["class_id"]
            upgraded[branch[r["pickup_branch_id"]]["branch_name"]].append(
                vehicle[r["vehicle_id"]]["class_id"] != booked_class
            )
    out["car_rental-14"] = [(k, 100 * mean(v)) for k, v in upgraded.items()]
    quarterly: Counter = Counter()
    for i in invoices25:
        quarterly[city(rental[i["rental_id"]]), (i["invoice_date"].month + 2) // 3] += i["subtotal"]
    assert len(quarterly) == 16
    out["car_rental-15"] = [(c, q, v) for (c, q), v in quarterly.items()]

    picked: dict[str, Counter] = defaultdict(Counter)
    for r in rentals:
        picked[city(r)][r["pickup_time"].year] += 1
    out["car_rental-16"] = [(c, n[2024], n[2025], 100 * (n[2025] - n[2024]) / n[2024]) for c, n in picked.items()]
    spent: dict[str, Counter] = defaultdict(Counter)
    for i in invoices25:
        if i["account_id"] is not None:
            spent[city(rental[i["rental_id"]])][i["account_id"]] += i["total_amount"]
    out["car_rental-17"] = [
        (c, account[a]["company_name"], n[a]) for c, n in sorted(spent.items()) for a in untied_top(n, 3)
    ]
    renters = {y: {r["customer_id"] for r in rentals if r["pickup_time"].year == y} for y in (2024, 2025)}
    back = defaultdict(list)
    for c in renters[2024]:
        back[customer[c]["customer_type"]].append(c in renters[2025])
    out["car_rental-18"] = [(k, 100 * mean(v)) for k, v in back.items()]
    by_car = defaultdict(list)
    for r in rentals:
        by_car[r["vehicle_id"]].append(r)
    idle = defaultdict(list)
    for car, held in by_car.items():
        held.sort(key=lambda r: r["pickup_time"])
        home = branch[vehicle[car]["home_branch_id"]]["branch_name"]
        for before, after in zip(held, held[1:], strict=False):
            if in_year(before["return_time"], 2025):
                idle[home].append((_julian(after["pickup_time"]) - _julian(before["return_time"])) * 24)
    out["car_rental-19"] = [(k, mean(v)) for k, v in idle.items()]
    halves: dict[str, dict[int, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for r in returned25:
        halves[city(r)][1 if r["return_time"].month <= 6 else 2].append(
            r["return_time"] - r["due_time"] > timedelta(minutes=60)
        )
    out["car_rental-20"] = [(c, 100 * mean(h[1]), 100 * mean(h[2])) for c, h in halves.items()]
    return out


def test_every_gold_answer_agrees_with_a_second_computation(con: sqlite3.Connection, rows: dict) -> None:
    assert_golds_agree(con, held_out_questions(car_rental), _expected(rows))


def test_rounded_golds_have_an_exact_twin_far_from_a_rounding_edge(con: sqlite3.Connection) -> None:
    """A question that asks for rounding holds the rounded gold and the same query unrounded; no exact value lies
    so near a half unit that summing in another order could round it the other way."""
    assert_rounded_golds_have_exact_twins(con, held_out_questions(car_rental))
