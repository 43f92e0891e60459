"""Small SQLite warehouses of four shapes for the mending corpus: retail, SaaS, HR and a campus (students,
pets, courses, papers and their citations) with a few airlines. Built from a fixed seed, with the rows that
make a wrong rewrite show: customers without orders, students without pets, ties avoided in rankings."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

RETAIL = """
CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, name TEXT, email TEXT, state TEXT, city TEXT,
                        signup_date DATE, months_since_signup INTEGER, loyalty_tier TEXT);
CREATE TABLE products (product_id INTEGER PRIMARY KEY, name TEXT, category TEXT, price REAL, in_stock INTEGER);
CREATE TABLE stores (store_id INTEGER PRIMARY KEY, store_name TEXT, state TEXT, opened_year INTEGER);
CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(customer_id),
                     store_id INTEGER REFERENCES stores(store_id), order_date DATE, status TEXT, total REAL);
CREATE TABLE order_items (item_id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(order_id),
                          product_id INTEGER REFERENCES products(product_id), quantity INTEGER, unit_price REAL);
"""

SAAS = """
CREATE TABLE accounts (account_id INTEGER PRIMARY KEY, account_name TEXT, plan TEXT, country TEXT,
                       created_at DATE, seats INTEGER);
CREATE TABLE users (user_id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES accounts(account_id), email TEXT,
                    role TEXT, signup_date DATE, last_login DATE);
CREATE TABLE subscriptions (subscription_id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES accounts(account_id),
                            plan TEXT, mrr REAL, start_date DATE, end_date DATE, status TEXT);
CREATE TABLE invoices (invoice_id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES accounts(account_id),
                       amount REAL, issued_on DATE, paid INTEGER);
CREATE TABLE features (feature_id INTEGER PRIMARY KEY, feature_name TEXT, launched_year INTEGER);
CREATE TABLE feature_usage (usage_id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(user_id),
                            feature_id INTEGER REFERENCES features(feature_id), used_on DATE, events INTEGER);
CREATE TABLE tickets (ticket_id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(user_id), priority TEXT,
                      opened_on DATE, closed_on DATE, satisfaction INTEGER);
"""

HR = """
CREATE TABLE departments (department_id INTEGER PRIMARY KEY, department_name TEXT, location TEXT, budget REAL);
CREATE TABLE employees (employee_id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT,
                        department_id INTEGER REFERENCES departments(department_id),
                        manager_id INTEGER REFERENCES employees(employee_id), hire_date DATE, salary REAL,
                        job_title TEXT, gender TEXT);
CREATE TABLE job_history (history_id INTEGER PRIMARY KEY, employee_id INTEGER REFERENCES employees(employee_id),
                          start_dt DATE, end_dt DATE, job_title TEXT,
                          department_id INTEGER REFERENCES departments(department_id));
CREATE TABLE reviews (review_id INTEGER PRIMARY KEY, employee_id INTEGER REFERENCES employees(employee_id),
                      review_year INTEGER, rating INTEGER);
CREATE TABLE trainings (training_id INTEGER PRIMARY KEY, title TEXT, hours INTEGER);
CREATE TABLE training_attendance (employee_id INTEGER REFERENCES employees(employee_id),
                                  training_id INTEGER REFERENCES trainings(training_id), completed_on DATE);
"""

CAMPUS = """
CREATE TABLE student (stuid INTEGER PRIMARY KEY, fname TEXT, lname TEXT, age INTEGER, sex TEXT, major TEXT,
                      city_code TEXT);
CREATE TABLE pets (petid INTEGER PRIMARY KEY, pettype TEXT, pet_age INTEGER, weight REAL);
CREATE TABLE has_pet (stuid INTEGER REFERENCES student(stuid), petid INTEGER REFERENCES pets(petid));
CREATE TABLE course (course_id INTEGER PRIMARY KEY, name TEXT, number TEXT, credits INTEGER);
CREATE TABLE enrolment (student_id INTEGER REFERENCES student(stuid), course_id INTEGER REFERENCES course(course_id),
                        grade TEXT);
CREATE TABLE journal (journalid INTEGER PRIMARY KEY, journalname TEXT);
CREATE TABLE paper (paperid INTEGER PRIMARY KEY, title TEXT, year INTEGER,
                    journalid INTEGER REFERENCES journal(journalid), numcitedby INTEGER);
CREATE TABLE cite (citingpaperid INTEGER REFERENCES paper(paperid), citedpaperid INTEGER REFERENCES paper(paperid));
CREATE TABLE airlines (airline_id INTEGER PRIMARY KEY, airline_name TEXT, country TEXT);
CREATE TABLE flights (flight_id INTEGER PRIMARY KEY, airline_id INTEGER REFERENCES airlines(airline_id),
                      source_city TEXT, dest_city TEXT, distance INTEGER, flight_date DATE);
"""

_STATES = ["California", "Texas", "New York", "Oregon", "Ohio"]
_CITIES = {"California": "Fresno", "Texas": "Austin", "New York": "Albany", "Oregon": "Salem", "Ohio": "Dayton"}
_FIRST = ["Ana", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jill", "Kai", "Lea", "Max", "Nia"]
_LAST = ["Smith", "Jones", "Lee", "Brown", "Garcia", "Kim", "Patel", "Nowak", "Rossi", "Silva"]
TODAY = date(2025, 6, 30)


def _day(rng: random.Random, first: date, last: date) -> str:
    return (first + timedelta(days=rng.randrange((last - first).days + 1))).isoformat()


def _retail(db: sqlite3.Connection, rng: random.Random) -> None:
    tiers = ["Bronze", "Silver", "Gold"]
    for cid in range(1, 41):
        state = _STATES[cid % 5]
        months = rng.randrange(1, 40)
        signup = (TODAY - timedelta(days=30 * months)).isoformat()
        name = f"{_FIRST[cid % 14]} {_LAST[cid % 10]} {cid}"
        db.execute(
            "INSERT INTO customers VALUES (?,?,?,?,?,?,?,?)",
            (cid, name, f"c{cid}@example.com", state, _CITIES[state], signup, months, tiers[cid % 3]),
        )
    categories = ["Books", "Toys", "Garden", "Kitchen"]
    for pid in range(1, 17):
        db.execute(
            "INSERT INTO products VALUES (?,?,?,?,?)",
            (pid, f"Product {pid}", categories[pid % 4], round(5 + pid * 3.25, 2), pid % 5),
        )
    for sid, (store, state, year) in enumerate(
        [("Downtown", "California", 2015), ("Mall", "Texas", 2018), ("Harbor", "Oregon", 2021)], start=1
    ):
        db.execute("INSERT INTO stores VALUES (?,?,?,?)", (sid, store, state, year))
    item = 0
    for oid in range(1, 121):
        cid = rng.randrange(1, 31)  # customers 31-40 never order
        order_date = _day(rng, date(2023, 1, 1), date(2025, 6, 30))
        status = rng.choice(["shipped", "shipped", "shipped", "cancelled", "returned"])
        lines = []
        for _ in range(rng.randrange(1, 4)):
            item += 1
            pid = rng.randrange(1, 15)  # products 15 and 16 never sold
            quantity = rng.randrange(1, 6)
            lines.append((item, oid, pid, quantity, round(5 + pid * 3.25, 2)))
        total = round(sum(q * p for *_x, q, p in lines), 2)
        db.execute(
            "INSERT INTO orders VALUES (?,?,?,?,?,?)", (oid, cid, rng.randrange(1, 4), order_date, status, total)
        )
        db.executemany("INSERT INTO order_items VALUES (?,?,?,?,?)", lines)


def _saas(db: sqlite3.Connection, rng: random.Random) -> None:
    plans = ["Free", "Team", "Business", "Enterprise"]
    countries = ["Germany", "France", "United States", "Canada", "Japan"]
    for aid in range(1, 26):
        db.execute(
            "INSERT INTO accounts VALUES (?,?,?,?,?,?)",
            (
                aid,
                f"Acme {aid}",
                plans[aid % 4],
                countries[aid % 5],
                _day(rng, date(2021, 1, 1), date(2025, 3, 1)),
                rng.randrange(1, 200),
            ),
        )
    roles = ["admin", "member", "viewer"]
    for uid in range(1, 81):
        signup = _day(rng, date(2021, 6, 1), date(2025, 6, 1))
        db.execute(
            "INSERT INTO users VALUES (?,?,?,?,?,?)",
            (
                uid,
                rng.randrange(1, 24),
                f"u{uid}@acme.test",
                roles[uid % 3],
                signup,
                _day(rng, date(2025, 1, 1), TODAY),
            ),
        )
    for sid in range(1, 41):
        aid = rng.randrange(1, 26)
        start = _day(rng, date(2022, 1, 1), date(2025, 1, 1))
        status = rng.choice(["active", "active", "cancelled", "paused"])
        end = _day(rng, date(2025, 1, 2), date(2026, 1, 1)) if status != "active" else None
        db.execute(
            "INSERT INTO subscriptions VALUES (?,?,?,?,?,?,?)",
            (sid, aid, plans[aid % 4], round(rng.uniform(0, 2000), 2), start, end, status),
        )
    for iid in range(1, 101):
        db.execute(
            "INSERT INTO invoices VALUES (?,?,?,?,?)",
            (
                iid,
                rng.randrange(1, 26),
                round(rng.uniform(20, 5000), 2),
                _day(rng, date(2023, 1, 1), TODAY),
                int(rng.random() < 0.8),
            ),
        )
    for fid, (name, year) in enumerate(
        [("Dashboards", 2021), ("Alerts", 2022), ("Exports", 2022), ("SSO", 2023), ("AI Assist", 2024)], start=1
    ):
        db.execute("INSERT INTO features VALUES (?,?,?)", (fid, name, year))
    for usage in range(1, 201):
        db.execute(
            "INSERT INTO feature_usage VALUES (?,?,?,?,?)",
            (
                usage,
                rng.randrange(1, 71),
                rng.randrange(1, 5),
                _day(rng, date(2024, 1, 1), TODAY),
                rng.randrange(1, 50),
            ),
        )
    for tid in range(1, 61):
        opened = _day(rng, date(2024, 1, 1), date(2025, 6, 1))
        closed = (date.fromisoformat(opened) + timedelta(days=rng.randrange(0, 20))).isoformat() if tid % 7 else None
        db.execute(
            "INSERT INTO tickets VALUES (?,?,?,?,?,?)",
            (
                tid,
                rng.randrange(1, 81),
                rng.choice(["low", "medium", "high", "urgent"]),
                opened,
                closed,
                rng.randrange(1, 6) if closed else None,
            ),
        )


def _hr(db: sqlite3.Connection, rng: random.Random) -> None:
    departments = [
        ("Engineering", "Berlin", 900000),
        ("Sales", "London", 500000),
        ("Finance", "Paris", 300000),
        ("People", "Berlin", 150000),
        ("Legal", "Madrid", 120000),
    ]
    for did, (name, place, budget) in enumerate(departments, start=1):
        db.execute("INSERT INTO departments VALUES (?,?,?,?)", (did, name, place, budget))
    titles = ["Engineer", "Analyst", "Manager", "Associate", "Director"]
    for eid in range(1, 51):
        did = rng.randrange(1, 5)  # nobody in Legal
        manager = None if eid <= 4 else rng.randrange(1, 5)
        db.execute(
            "INSERT INTO employees VALUES (?,?,?,?,?,?,?,?,?)",
            (
                eid,
                _FIRST[eid % 14],
                f"{_LAST[eid % 10]}{eid}",
                did,
                manager,
                _day(rng, date(2012, 1, 1), date(2025, 5, 1)),
                round(rng.uniform(40000, 160000), -2) + eid,
                titles[eid % 5],
                "F" if eid % 2 else "M",
            ),
        )
    history = 0
    for eid in range(1, 51):
        for _ in range(rng.randrange(0, 3)):
            history += 1
            start = _day(rng, date(2010, 1, 1), date(2020, 1, 1))
            end = (date.fromisoformat(start) + timedelta(days=rng.randrange(200, 1500))).isoformat()
            db.execute(
                "INSERT INTO job_history VALUES (?,?,?,?,?,?)",
                (history, eid, start, end, rng.choice(titles), rng.randrange(1, 6)),
            )
    review = 0
    for eid in range(1, 51):
        for year in (2022, 2023, 2024):
            if rng.random() < 0.8:
                review += 1
                db.execute("INSERT INTO reviews VALUES (?,?,?,?)", (review, eid, year, rng.randrange(1, 6)))
    for tid, (title, hours) in enumerate(
        [("Security basics", 2), ("Leadership", 16), ("SQL for analysts", 8), ("First aid", 4)], start=1
    ):
        db.execute("INSERT INTO trainings VALUES (?,?,?)", (tid, title, hours))
    seen = set()
    for _ in range(70):
        pair = (rng.randrange(1, 46), rng.randrange(1, 4))  # nobody took First aid
        if pair not in seen:
            seen.add(pair)
            db.execute("INSERT INTO training_attendance VALUES (?,?,?)", (*pair, _day(rng, date(2022, 1, 1), TODAY)))


def _campus(db: sqlite3.Connection, rng: random.Random) -> None:
    majors = ["Biology", "History", "Physics", "Art"]
    for sid in range(1, 31):
        db.execute(
            "INSERT INTO student VALUES (?,?,?,?,?,?,?)",
            (
                sid,
                _FIRST[sid % 14],
                _LAST[sid % 10],
                17 + sid % 9,
                "F" if sid % 2 else "M",
                majors[sid % 4],
                ["BAL", "PIT", "NYC"][sid % 3],
            ),
        )
    for pid in range(1, 13):
        db.execute("INSERT INTO pets VALUES (?,?,?,?)", (pid, ["cat", "dog", "bird"][pid % 3], 1 + pid % 6, 2.5 + pid))
    owners = rng.sample(range(1, 31), 9)
    for pid in range(1, 13):
        db.execute("INSERT INTO has_pet VALUES (?,?)", (owners[pid % 9], pid))
    for cid, (name, number, credits) in enumerate(
        [
            ("Databases", "CS-340", 4),
            ("Ecology", "BIO-210", 3),
            ("Modern Art", "ART-101", 2),
            ("Mechanics", "PHY-150", 4),
            ("Statistics", "MA-220", 3),
        ],
        start=1,
    ):
        db.execute("INSERT INTO course VALUES (?,?,?,?)", (cid, name, number, credits))
    seen = set()
    for _ in range(60):
        pair = (rng.randrange(1, 31), rng.choice([1, 1, 1, 2, 2, 3, 4, 4, 5]))
        if pair not in seen:
            seen.add(pair)
            db.execute("INSERT INTO enrolment VALUES (?,?,?)", (*pair, rng.choice("ABCDF")))
    for jid, name in enumerate(["nature", "science", "cell", "lancet"], start=1):
        db.execute("INSERT INTO journal VALUES (?,?)", (jid, name))
    for pid in range(1, 41):
        db.execute(
            "INSERT INTO paper VALUES (?,?,?,?,?)",
            (pid, f"Paper {pid}", rng.choice([2018, 2019, 2020, 2021]), rng.randrange(1, 5), rng.randrange(0, 90)),
        )
    seen = set()
    for _ in range(80):
        pair = (rng.randrange(1, 41), rng.randrange(1, 41))
        if pair[0] != pair[1] and pair not in seen:
            seen.add(pair)
            db.execute("INSERT INTO cite VALUES (?,?)", pair)
    for aid, (name, country) in enumerate(
        [("Blue Air", "USA"), ("Red Wing", "USA"), ("Polar", "Norway"), ("Sunline", "Spain"), ("Kite", "Japan")],
        start=1,
    ):
        db.execute("INSERT INTO airlines VALUES (?,?,?)", (aid, name, country))
    cities = ["Boston", "Denver", "Oslo", "Madrid", "Tokyo", "Austin"]
    for fid in range(1, 91):
        airline = rng.choice([1, 1, 1, 1, 2, 2, 2, 3, 3, 4])  # Kite flies nothing
        source, dest = rng.sample(cities, 2)
        db.execute(
            "INSERT INTO flights VALUES (?,?,?,?,?,?)",
            (fid, airline, source, dest, rng.randrange(200, 6000), _day(rng, date(2024, 1, 1), date(2024, 12, 31))),
        )


SHAPES: dict[str, tuple[str, Callable[[sqlite3.Connection, random.Random], None]]] = {
    "retail": (RETAIL, _retail),
    "saas": (SAAS, _saas),
    "hr": (HR, _hr),
    "campus": (CAMPUS, _campus),
}


def build(shape: str, directory: Path) -> Path:
    """The SQLite file of one shape under `directory`, made from a fixed seed."""
    ddl, fill = SHAPES[shape]
    path = directory / f"{shape}.sqlite"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.executescript(ddl)
        fill(db, random.Random(f"mending-corpus-{shape}"))
    db.close()
    return path
