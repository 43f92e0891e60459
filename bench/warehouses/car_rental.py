"""A car rental company's warehouse: Lodestar Car Rental, renting cars from airport and city branches in four cities
(branches, vehicle classes, the fleet of vehicles, corporate accounts and the customers who rent, reservations,
rentals with their pickup and return times and odometer readings, invoices and their charge lines, damage found at
returns, and the fleet's maintenance).

    python -m bench.warehouses.car_rental OUT_DIR [--with-questions]

writes OUT_DIR/database/car_rental/car_rental.sqlite, the layout of the project's eval sets (see bench/dataset.py);
`--with-questions` also copies the held-out questions (bench/heldout/car_rental/questions.json) beside it, so that
`python -m bench --dataset OUT_DIR --out FILE.json` runs them. Those questions are the project's fair measure: do
not read them (nor their wrong answers) while designing what they measure.

Everything comes from a fixed seed over fixed dates (2024-01-01 .. 2025-12-31), with only the standard library, so
every build holds the same rows. The company moved to its current rental system on 2024-01-01: rentals and
reservations are those with pickups from that day (reservations for early 2024 were booked in late 2023, and those
booked by 2025-12-31 for pickups in early 2026 are in the data as upcoming), the cars in the fleet that day are in
it with the dates they joined the fleet, and the customers who rented before with the dates they signed up. A
customer books a class of car, not a car: at pickup they get a free car of that class, or a free upgrade to a
better class when none is free (and when none of those is free either, the booking could not be made); walk-ins
rent at the counter without a reservation. A rental is billed by the day (every started 24 hours from pickup to
return, after an hour's grace) at its daily rate, with extras by the day (collision damage waiver, liability
insurance, GPS, child seat, additional driver, the young driver fee for renters under 25), a refuelling charge when
a car comes back less than full (a recharge fee for an electric car), a one-way fee when it is returned in another
city, an airport concession fee at airports and the city's sales tax; corporate accounts get their discount off
the base rate and pay their invoices within 30 days or so, everyone else pays by card at the return. Damage found
at a return is repaired in the body shop, and charged to the renter when they had declined the damage waiver.

The business has a shape worth asking about: Port Halden, on the coast, is busiest from June to August; Sunmesa,
in the desert, from January to March; Alder Peak, a ski town, from December to March (with a smaller summer peak),
and rates in those cities carry a 20% peak-season markup in those months; Crestmoor, the business city, rents the
year round, mostly on weekdays and to corporate accounts, dipping in August and at Christmas. The fleet follows the
demand: cars join at the start of a month and are sold when demand falls or when they are worn (about 40,000 miles
or 20 months), so the seasonal cities' fleets swell and shrink. List rates rise 6% for pickups from 2025-03-01;
electric cars join the fleets of three branches in Port Halden and Crestmoor on 2025-03-01; a new branch, Crestmoor
Union Station, opens on 2025-05-01 and builds up its trade over the summer; a consulting firm signs a large
corporate account on 2024-09-01 and Crestmoor's corporate rentals grow, while a freight company's account ends on
2025-06-30; a hailstorm over Crestmoor before dawn on 2025-06-15 damages most of the cars standing on our lots
there, which spend one to four weeks in the body shop while Crestmoor's branches upgrade customers and rent fewer;
the Crestmoor Expo in mid-October 2025 puts far more of Crestmoor's cars on the road at once than usual, at rates
30% higher; in Alder Peak's snowy winters cars come back damaged (tires, windshields, collisions) and late more
often; drivers under 25 damage cars more often; bookings made through travel agents, and bookings made far ahead,
are cancelled more often, and travel agents' customers fail to show up more often; fewer renters take a GPS in
2025 than in 2024.

SQLite has no COMMENT ON: every table and column is documented by a `--` comment inside its CREATE TABLE, which
SQLite keeps in sqlite_master.sql; `COMMENTS` holds the same text for readers that want it as data.
"""

from __future__ import annotations

import calendar
import itertools
import math
import random
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from bench.warehouses import sqlite_file
from bench.warehouses.sqlite_file import Col, Table, comments

DB_ID = "car_rental"
HELD_OUT_QUESTIONS = Path(__file__).resolve().parent.parent / "heldout" / DB_ID / "questions.json"
SEED = 20240517
START = date(2024, 1, 1)
END = date(2025, 12, 31)  # the data's "today": nothing later is known

_TABLES: tuple[Table, ...] = (
    Table(
        "branches",
        "Our rental branches, one row per branch: a counter at an airport or an office in town, each in one of four "
        "cities.",
        (
            Col("branch_id", "INTEGER PRIMARY KEY", "Unique branch identifier."),
            Col("branch_name", "TEXT NOT NULL", "Name of the branch, unique, e.g. 'Port Halden Airport'."),
            Col(
                "city",
                "TEXT NOT NULL",
                "City the branch is in: 'Port Halden', 'Crestmoor', 'Sunmesa' or 'Alder Peak'.",
            ),
            Col(
                "branch_type",
                "TEXT NOT NULL",
                "'Airport' (a counter and car park at the city's airport) or 'City' (an office in town).",
            ),
            Col("street_address", "TEXT NOT NULL", "Street address of the branch."),
            Col(
                "opened_date",
                "TEXT NOT NULL",
                "Date the branch opened (YYYY-MM-DD); it has no car, reservation or rental before it.",
            ),
            Col(
                "sales_tax_rate",
                "REAL NOT NULL",
                "Sales tax rate of the branch's city, as a fraction (0.095 = 9.5%), charged on the invoices of "
                "rentals picked up at the branch.",
            ),
        ),
    ),
    Table(
        "vehicle_classes",
        "Classes of car we rent, one row per class. Customers book a class, not a particular car.",
        (
            Col("class_id", "INTEGER PRIMARY KEY", "Unique class identifier."),
            Col(
                "class_name",
                "TEXT NOT NULL",
                "Name of the class: 'Economy', 'Compact', 'Midsize', 'Full-size', 'SUV', 'Premium', 'Minivan' or "
                "'Electric'.",
            ),
            Col("passenger_seats", "INTEGER NOT NULL", "Number of seats, the driver's included."),
            Col("luggage_capacity", "INTEGER NOT NULL", "Number of large suitcases the car takes."),
            Col(
                "fuel_tank_gallons",
                "REAL",
                "Size of the fuel tank in US gallons, the same for every car of the class; NULL for electric cars.",
            ),
            Col(
                "daily_rate",
                "REAL NOT NULL",
                "Standard daily rate in USD for pickups from 2025-03-01 (before the city's adjustment and any "
                "peak-season or event markup); what each rental pays is rentals.daily_rate.",
            ),
        ),
    ),
    Table(
        "vehicles",
        "Cars of our fleet, one row per car that was in the fleet at any time from 2024-01-01, including those "
        "sold since. Each car belongs to one home branch, which rents it out; after a one-way rental our staff "
        "drive it back.",
        (
            Col("vehicle_id", "INTEGER PRIMARY KEY", "Unique vehicle identifier."),
            Col("class_id", "INTEGER NOT NULL", "Class of the car (vehicle_classes.class_id)."),
            Col(
                "home_branch_id",
                "INTEGER NOT NULL",
                "Branch the car belongs to and is rented from (branches.branch_id).",
            ),
            Col("make", "TEXT NOT NULL", "Manufacturer, e.g. 'Toyota'."),
            Col("model", "TEXT NOT NULL", "Model, e.g. 'Camry'."),
            Col("model_year", "INTEGER NOT NULL", "Model year of the car."),
            Col("license_plate", "TEXT NOT NULL", "License plate, unique, e.g. '7KRM214'."),
            Col(
                "in_service_date",
                "TEXT NOT NULL",
                "Date the car joined the fleet (YYYY-MM-DD); before 2024 for the cars in the fleet on 2024-01-01.",
            ),
            Col(
                "retired_date",
                "TEXT",
                "Date the car left the fleet, sold (YYYY-MM-DD); NULL for a car still in the fleet on 2025-12-31. "
                "A car is in the fleet on a day when in_service_date <= that day and it has no retired_date or a "
                "later one.",
            ),
            Col(
                "purchase_odometer",
                "INTEGER NOT NULL",
                "Odometer reading in miles when the car joined the fleet (a new car's delivery miles).",
            ),
            Col("acquisition_cost", "REAL NOT NULL", "What we paid for the car in USD."),
        ),
        (
            "FOREIGN KEY (class_id) REFERENCES vehicle_classes (class_id)",
            "FOREIGN KEY (home_branch_id) REFERENCES branches (branch_id)",
        ),
    ),
    Table(
        "corporate_accounts",
        "Companies with a corporate account, one row per account: their employees rent at a discount and the "
        "company is invoiced for their rentals.",
        (
            Col("account_id", "INTEGER PRIMARY KEY", "Unique account identifier."),
            Col("company_name", "TEXT NOT NULL", "Name of the company, unique."),
            Col(
                "industry",
                "TEXT NOT NULL",
                "Industry of the company, e.g. 'Professional services', 'Healthcare', 'Technology'.",
            ),
            Col(
                "city",
                "TEXT NOT NULL",
                "City of the company's head office (one of branches.city), where most of its rentals are.",
            ),
            Col(
                "discount_pct",
                "REAL NOT NULL",
                "Discount in percent off the base rate (the daily rate times the days) of the account's rentals.",
            ),
            Col("contract_start_date", "TEXT NOT NULL", "Date the account's contract started (YYYY-MM-DD)."),
            Col(
                "contract_end_date",
                "TEXT",
                "Last day of the contract (YYYY-MM-DD) for an account that has ended; NULL while it runs. Its "
                "employees pick up no rental after it.",
            ),
        ),
    ),
    Table(
        "customers",
        "Customers, one row per person who made a reservation or a rental with pickup from 2024-01-01: private "
        "renters, and employees of our corporate accounts renting for work.",
        (
            Col("customer_id", "INTEGER PRIMARY KEY", "Unique customer identifier."),
            Col("full_name", "TEXT NOT NULL", "Full name; not unique (two people may share a name)."),
            Col(
                "customer_type",
                "TEXT NOT NULL",
                "'Individual' (renting privately, paying themselves) or 'Corporate' (an employee of a corporate "
                "account, whose rentals are invoiced to the account).",
            ),
            Col(
                "account_id",
                "INTEGER",
                "Corporate account of a corporate customer (corporate_accounts.account_id); NULL for individuals.",
            ),
            Col("date_of_birth", "TEXT NOT NULL", "Date of birth (YYYY-MM-DD); renters must be 21 or older."),
            Col(
                "signup_date",
                "TEXT NOT NULL",
                "Date the customer's profile was created (YYYY-MM-DD), at their first booking or rental with us; "
                "before 2024 for customers who rented before.",
            ),
            Col(
                "loyalty_tier",
                "TEXT",
                "Tier in our loyalty program on 2025-12-31, earned by the rentals picked up in 2025: 'Blue' (0-2), "
                "'Silver' (3-5), 'Gold' (6-11) or 'Platinum' (12 or more); NULL for customers who are not members.",
            ),
            Col(
                "loyalty_join_date",
                "TEXT",
                "Date the customer joined the loyalty program (YYYY-MM-DD); NULL for non-members.",
            ),
        ),
        ("FOREIGN KEY (account_id) REFERENCES corporate_accounts (account_id)",),
    ),
    Table(
        "reservations",
        "Reservations, one row per booking of a class of car for a pickup from 2024-01-01, made ahead online, in "
        "our app, by phone or through a travel agent, whatever became of it. Walk-in rentals have none.",
        (
            Col("reservation_id", "INTEGER PRIMARY KEY", "Unique reservation identifier."),
            Col("customer_id", "INTEGER NOT NULL", "Customer who booked (customers.customer_id)."),
            Col("pickup_branch_id", "INTEGER NOT NULL", "Branch to pick the car up at (branches.branch_id)."),
            Col(
                "return_branch_id",
                "INTEGER NOT NULL",
                "Branch to return the car to (branches.branch_id): the pickup branch, or another one for a one-way "
                "rental.",
            ),
            Col("class_id", "INTEGER NOT NULL", "Class of car booked (vehicle_classes.class_id)."),
            Col("booked_date", "TEXT NOT NULL", "Date the reservation was made (YYYY-MM-DD)."),
            Col(
                "scheduled_pickup",
                "TEXT NOT NULL",
                "Date and time booked for the pickup, 'YYYY-MM-DD HH:MM' (local time of the branch).",
            ),
            Col(
                "scheduled_return",
                "TEXT NOT NULL",
                "Date and time booked for the return, 'YYYY-MM-DD HH:MM'.",
            ),
            Col(
                "channel",
                "TEXT NOT NULL",
                "How it was booked: 'Website', 'Mobile app', 'Phone' or 'Travel agent'.",
            ),
            Col(
                "quoted_daily_rate",
                "REAL NOT NULL",
                "Daily rate in USD quoted for the class booked; the rental pays it even when upgraded.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "Status on 2025-12-31: 'Fulfilled' (the car was picked up: a rental points to it), 'Cancelled' (by "
                "the customer, on cancelled_date), 'No-show' (not cancelled, but nobody came) or 'Upcoming' (pickup "
                "after 2025-12-31).",
            ),
            Col(
                "cancelled_date",
                "TEXT",
                "Date the customer cancelled (YYYY-MM-DD), on or before the day of the pickup; NULL unless status "
                "is 'Cancelled'.",
            ),
        ),
        (
            "FOREIGN KEY (customer_id) REFERENCES customers (customer_id)",
            "FOREIGN KEY (pickup_branch_id) REFERENCES branches (branch_id)",
            "FOREIGN KEY (return_branch_id) REFERENCES branches (branch_id)",
            "FOREIGN KEY (class_id) REFERENCES vehicle_classes (class_id)",
        ),
    ),
    Table(
        "rentals",
        "Rentals, one row per car handed over to a customer, from 2024-01-01: against a reservation, or to a walk-in "
        "at the counter. Cars leave full (of fuel, or of charge). A rental still out on 2025-12-31 has no return yet.",
        (
            Col("rental_id", "INTEGER PRIMARY KEY", "Unique rental identifier."),
            Col(
                "reservation_id",
                "INTEGER",
                "Reservation picked up (reservations.reservation_id); NULL for a walk-in rental.",
            ),
            Col("customer_id", "INTEGER NOT NULL", "Renter (customers.customer_id)."),
            Col(
                "vehicle_id",
                "INTEGER NOT NULL",
                "Car rented (vehicles.vehicle_id), from the pickup branch's fleet; of the class booked, or of a "
                "better class when the booked class had no car free (a free upgrade).",
            ),
            Col("pickup_branch_id", "INTEGER NOT NULL", "Branch where the car was picked up (branches.branch_id)."),
            Col(
                "return_branch_id",
                "INTEGER NOT NULL",
                "Branch where the car was (or is to be) returned (branches.branch_id).",
            ),
            Col("pickup_time", "TEXT NOT NULL", "Date and time the customer drove off, 'YYYY-MM-DD HH:MM'."),
            Col(
                "due_time",
                "TEXT NOT NULL",
                "Date and time agreed for the return, 'YYYY-MM-DD HH:MM' (the reservation's scheduled_return).",
            ),
            Col(
                "return_time",
                "TEXT",
                "Date and time the car was returned, 'YYYY-MM-DD HH:MM'; NULL while it is still out (status 'Open').",
            ),
            Col("odometer_out", "INTEGER NOT NULL", "Odometer reading in miles at pickup."),
            Col("odometer_in", "INTEGER", "Odometer reading in miles at return; NULL while the car is still out."),
            Col(
                "fuel_level_in",
                "INTEGER",
                "Fuel (or, for an electric car, battery charge) at return in eighths of full, 0-8 (8 = full); "
                "NULL while the car is still out.",
            ),
            Col(
                "daily_rate",
                "REAL NOT NULL",
                "Daily rate in USD charged for the car: the reservation's quoted rate, or the counter rate of the "
                "class asked for by a walk-in; an upgrade costs nothing extra.",
            ),
            Col(
                "damage_waiver",
                "INTEGER NOT NULL",
                "1 when the renter bought the collision damage waiver (then damage is not charged to them), else 0.",
            ),
            Col("status", "TEXT NOT NULL", "Status on 2025-12-31: 'Returned' or 'Open' (the car is still out)."),
        ),
        (
            "FOREIGN KEY (reservation_id) REFERENCES reservations (reservation_id)",
            "FOREIGN KEY (customer_id) REFERENCES customers (customer_id)",
            "FOREIGN KEY (vehicle_id) REFERENCES vehicles (vehicle_id)",
            "FOREIGN KEY (pickup_branch_id) REFERENCES branches (branch_id)",
            "FOREIGN KEY (return_branch_id) REFERENCES branches (branch_id)",
        ),
    ),
    Table(
        "invoices",
        "Invoices, one row per returned rental, issued on the day of the return; its charges are the rows of "
        "invoice_lines. A corporate customer's rental is invoiced to their account.",
        (
            Col("invoice_id", "INTEGER PRIMARY KEY", "Unique invoice identifier."),
            Col("rental_id", "INTEGER NOT NULL", "Rental invoiced (rentals.rental_id), one invoice per rental."),
            Col(
                "account_id",
                "INTEGER",
                "Corporate account invoiced (corporate_accounts.account_id); NULL when the renter paid themselves.",
            ),
            Col("invoice_date", "TEXT NOT NULL", "Date of the invoice (YYYY-MM-DD), the day the car was returned."),
            Col(
                "subtotal",
                "REAL NOT NULL",
                "Sum of the invoice's lines in USD (charges less the corporate discount), before sales tax.",
            ),
            Col(
                "tax_amount",
                "REAL NOT NULL",
                "Sales tax in USD: the subtotal times the pickup branch's sales_tax_rate, to the cent.",
            ),
            Col("total_amount", "REAL NOT NULL", "Amount due in USD: subtotal + tax_amount."),
            Col(
                "payment_method",
                "TEXT NOT NULL",
                "'Credit card' or 'Debit card' (paid by the renter at the return), or 'Corporate account' "
                "(invoiced to the account).",
            ),
            Col(
                "due_date",
                "TEXT NOT NULL",
                "Date payment is due (YYYY-MM-DD): the invoice date for renters paying by card, 30 days after it "
                "for corporate accounts.",
            ),
            Col("paid_date", "TEXT", "Date the invoice was paid (YYYY-MM-DD); NULL while unpaid."),
            Col("status", "TEXT NOT NULL", "Status on 2025-12-31: 'Paid' or 'Open' (not paid yet)."),
        ),
        (
            "FOREIGN KEY (rental_id) REFERENCES rentals (rental_id)",
            "FOREIGN KEY (account_id) REFERENCES corporate_accounts (account_id)",
        ),
    ),
    Table(
        "invoice_lines",
        "Charges on the invoices, one row per charge: amount = quantity * unit_price to the cent (the corporate "
        "discount is a negative line). Sales tax is not a line: it is on the invoice.",
        (
            Col("line_id", "INTEGER PRIMARY KEY", "Unique line identifier."),
            Col("invoice_id", "INTEGER NOT NULL", "Invoice the charge is on (invoices.invoice_id)."),
            Col(
                "charge_type",
                "TEXT NOT NULL",
                "What is charged: 'Base rate' (the car: quantity = days billed, unit_price = the daily rate), "
                "by the day 'Collision damage waiver', 'Liability insurance', 'Young driver fee' (renters under "
                "25), 'Additional driver', 'GPS' and 'Child seat'; 'Fuel service' (quantity = gallons to refill, "
                "unit_price = price per gallon), 'Recharge fee' (an electric car returned under half charged), "
                "'One-way fee' (returned in another city), 'Airport concession fee' (11.11% of the base rate, at "
                "airport branches), 'Damage' (damage charged to a renter without the waiver) and 'Corporate "
                "discount' (the account's discount_pct of the base rate, negative). At most one line of each "
                "type per invoice.",
            ),
            Col(
                "quantity",
                "REAL NOT NULL",
                "Days for the daily charges (the rental's days billed: every started 24 hours from pickup to "
                "return, after a grace of 59 minutes, at least 1), gallons for fuel service, 1 otherwise.",
            ),
            Col("unit_price", "REAL NOT NULL", "Price in USD of one unit (a day, a gallon, or the whole charge)."),
            Col("amount", "REAL NOT NULL", "Amount of the line in USD, before sales tax."),
        ),
        ("FOREIGN KEY (invoice_id) REFERENCES invoices (invoice_id)",),
    ),
    Table(
        "damage_reports",
        "Damage found on a car when it came back from a rental, one row per damaged return (at most one per "
        "rental), from 2024-01-01.",
        (
            Col("damage_id", "INTEGER PRIMARY KEY", "Unique damage report identifier."),
            Col("rental_id", "INTEGER NOT NULL", "Rental the car came back from (rentals.rental_id)."),
            Col("vehicle_id", "INTEGER NOT NULL", "Car damaged (vehicles.vehicle_id)."),
            Col(
                "branch_id",
                "INTEGER NOT NULL",
                "Branch where the damage was found, the return branch (branches.branch_id).",
            ),
            Col("report_date", "TEXT NOT NULL", "Date the damage was found (YYYY-MM-DD), the day of the return."),
            Col(
                "damage_type",
                "TEXT NOT NULL",
                "'Scratch', 'Dent', 'Windshield', 'Tire', 'Collision' or 'Interior'.",
            ),
            Col("severity", "TEXT NOT NULL", "'Minor', 'Moderate' or 'Major'."),
            Col("estimated_cost", "REAL NOT NULL", "Estimated cost of the repair in USD, made on the day."),
            Col(
                "customer_charge",
                "REAL NOT NULL",
                "Amount charged to the renter in USD (on the rental's invoice, as its 'Damage' line): the "
                "estimated cost when they had declined the damage waiver, 0 when they had it.",
            ),
        ),
        (
            "FOREIGN KEY (rental_id) REFERENCES rentals (rental_id)",
            "FOREIGN KEY (vehicle_id) REFERENCES vehicles (vehicle_id)",
            "FOREIGN KEY (branch_id) REFERENCES branches (branch_id)",
        ),
    ),
    Table(
        "maintenance_events",
        "Maintenance and repairs of our cars, one row per job, from 2024-01-01; the car is out of service (cannot "
        "be rented) from start_date until end_date.",
        (
            Col("maintenance_id", "INTEGER PRIMARY KEY", "Unique maintenance job identifier."),
            Col("vehicle_id", "INTEGER NOT NULL", "Car serviced (vehicles.vehicle_id)."),
            Col(
                "branch_id", "INTEGER NOT NULL", "Home branch of the car, which had the work done (branches.branch_id)."
            ),
            Col(
                "service_type",
                "TEXT NOT NULL",
                "'Scheduled service' (oil, filters, checks; every 7,500 miles or so, 12,000 for electric cars), "
                "'Tire replacement', 'Brake service', 'Battery replacement', 'Damage repair' (of damage found at a "
                "return) or 'Hail repair'.",
            ),
            Col(
                "damage_id",
                "INTEGER",
                "Damage repaired (damage_reports.damage_id), for a 'Damage repair'; NULL otherwise.",
            ),
            Col("start_date", "TEXT NOT NULL", "Date the car went out of service for the job (YYYY-MM-DD)."),
            Col(
                "end_date",
                "TEXT",
                "Date the car was back in service (YYYY-MM-DD), after start_date; NULL while the job is unfinished "
                "on 2025-12-31.",
            ),
            Col("odometer", "INTEGER NOT NULL", "Odometer reading in miles when the job started."),
            Col("cost", "REAL", "What the job cost us in USD, parts and labour; NULL while it is unfinished."),
        ),
        (
            "FOREIGN KEY (vehicle_id) REFERENCES vehicles (vehicle_id)",
            "FOREIGN KEY (branch_id) REFERENCES branches (branch_id)",
            "FOREIGN KEY (damage_id) REFERENCES damage_reports (damage_id)",
        ),
    ),
)

COMMENTS = comments(_TABLES)
_TIMES = {
    "reservations": ("scheduled_pickup", "scheduled_return"),
    "rentals": ("pickup_time", "due_time", "return_time"),
}


# --------------------------------------------------------------------------------------------
# Reference data.


@dataclass(frozen=True)
class _City:
    tax: float  # sales tax rate
    rate: float  # rates relative to the standard
    season: tuple[float, ...]  # leisure pickups by month, Jan..Dec
    peak: tuple[int, ...]  # months with the peak-season markup
    lead: float  # mean days booked ahead by leisure renters off-peak
    miles: float  # mean miles a leisure renter drives a day
    mix: tuple[int, ...]  # leisure renters' classes, weights in _CLASSES order (Electric apart)


_CITIES = {
    "Port Halden": _City(
        0.0825, 1.05, (0.55, 0.6, 0.75, 0.85, 1.0, 1.45, 1.8, 1.75, 1.1, 0.85, 0.65, 0.8), (6, 7, 8), 16, 70,
        (14, 18, 22, 10, 16, 8, 12),
    ),
    "Crestmoor": _City(
        0.095, 1.1, (0.9, 0.95, 1.05, 1.05, 1.1, 1.05, 0.95, 0.85, 1.05, 1.1, 1.0, 0.8), (), 14, 55,
        (16, 20, 24, 12, 14, 8, 6),
    ),
    "Sunmesa": _City(
        0.07, 1.0, (1.55, 1.7, 1.6, 1.15, 0.8, 0.55, 0.5, 0.5, 0.65, 0.9, 1.1, 1.3), (1, 2, 3), 18, 90,
        (12, 16, 20, 12, 14, 16, 10),
    ),
    "Alder Peak": _City(
        0.065, 1.12, (2.0, 1.9, 1.5, 0.55, 0.4, 0.7, 1.2, 1.1, 0.6, 0.5, 0.7, 1.8), (1, 2, 3, 12), 18, 75,
        (4, 8, 12, 8, 46, 8, 14),
    ),
}  # fmt: skip
_EXPO = ("Crestmoor", date(2025, 10, 10), date(2025, 10, 16), 2.2)  # pickups for the Expo, Oct 13-17
_EXPO_MARKUP = 1.3
_BUSY = (
    ("Alder Peak", date(2023, 12, 20), date(2024, 1, 2), 1.4),
    ("Alder Peak", date(2024, 12, 20), date(2025, 1, 2), 1.4),
    ("Alder Peak", date(2025, 12, 20), date(2026, 1, 2), 1.4),
    ("Port Halden", date(2024, 6, 29), date(2024, 7, 5), 1.3),
    ("Port Halden", date(2025, 6, 28), date(2025, 7, 5), 1.3),
    _EXPO,
)
_MILES = {  # between cities
    ("Crestmoor", "Port Halden"): 182,
    ("Port Halden", "Sunmesa"): 418,
    ("Alder Peak", "Port Halden"): 307,
    ("Crestmoor", "Sunmesa"): 291,
    ("Alder Peak", "Crestmoor"): 163,
    ("Alder Peak", "Sunmesa"): 376,
}


@dataclass(frozen=True)
class _Branch:
    name: str
    city: str
    kind: str
    street: str
    opened: date
    leisure: float  # leisure pickups a day at an ordinary time


_AIR, _TOWN = "Airport", "City"
_BRANCHES = (
    _Branch("Port Halden Airport", "Port Halden", _AIR, "2 Terminal Loop", date(2009, 5, 1), 8.2),
    _Branch("Port Halden Waterfront", "Port Halden", _TOWN, "118 Harbor Street", date(2013, 3, 15), 3.3),
    _Branch("Crestmoor International Airport", "Crestmoor", _AIR, "5000 Airport Parkway", date(2006, 9, 1), 6.6),
    _Branch("Crestmoor Downtown", "Crestmoor", _TOWN, "410 Market Street", date(2011, 4, 1), 2.6),
    _Branch("Crestmoor Union Station", "Crestmoor", _TOWN, "1 Union Plaza", date(2025, 5, 1), 2.2),
    _Branch("Sunmesa Airport", "Sunmesa", _AIR, "7700 Mesa Airport Road", date(2012, 11, 1), 6.0),
    _Branch("Sunmesa Old Town", "Sunmesa", _TOWN, "32 Plaza del Sol", date(2016, 2, 1), 2.1),
    _Branch("Alder Peak Regional Airport", "Alder Peak", _AIR, "90 Runway Road", date(2014, 12, 1), 3.5),
    _Branch("Alder Peak Village", "Alder Peak", _TOWN, "12 Gondola Way", date(2018, 11, 15), 1.9),
)
_NEW_BRANCH = "Crestmoor Union Station"
_HAIL_CITY = "Crestmoor"
_HAIL = datetime(2025, 6, 15, 5, 20)
_EV_BRANCHES = ("Port Halden Airport", "Crestmoor International Airport", "Crestmoor Downtown")
_EV_FROM = date(2025, 3, 1)
_RATE_REVIEW = date(2025, 3, 1)
_RATE_RISE = 1.06
_PEAK_MARKUP = 1.2


@dataclass(frozen=True)
class _Class:
    name: str
    seats: int
    bags: int
    tank: float | None
    rate: float  # standard daily rate before the review of 2025-03-01
    cost: float  # price of a new car
    upgrade: str | None  # the next class up, given free when the class has no car free


_CLASSES = (
    _Class("Economy", 5, 1, 10.0, 41, 19_500, "Compact"),
    _Class("Compact", 5, 2, 12.4, 46, 22_800, "Midsize"),
    _Class("Midsize", 5, 3, 14.5, 52, 27_400, "Full-size"),
    _Class("Full-size", 5, 3, 16.0, 59, 33_500, "Premium"),
    _Class("SUV", 5, 4, 17.5, 72, 36_900, None),
    _Class("Premium", 5, 3, 17.0, 89, 52_000, None),
    _Class("Minivan", 7, 5, 19.0, 84, 38_500, None),
    _Class("Electric", 5, 2, None, 68, 43_000, "Premium"),
)
_MODELS = {
    "Economy": (("Nissan", "Versa"), ("Kia", "Rio"), ("Mitsubishi", "Mirage")),
    "Compact": (("Toyota", "Corolla"), ("Honda", "Civic"), ("Hyundai", "Elantra")),
    "Midsize": (("Toyota", "Camry"), ("Honda", "Accord"), ("Nissan", "Altima")),
    "Full-size": (("Chrysler", "300"), ("Dodge", "Charger"), ("Nissan", "Maxima")),
    "SUV": (("Toyota", "RAV4"), ("Ford", "Explorer"), ("Chevrolet", "Equinox")),
    "Premium": (("BMW", "5 Series"), ("Mercedes-Benz", "E-Class"), ("Cadillac", "CT5")),
    "Minivan": (("Chrysler", "Pacifica"), ("Honda", "Odyssey"), ("Toyota", "Sienna")),
    "Electric": (("Tesla", "Model 3"), ("Hyundai", "Ioniq 5"), ("Kia", "EV6")),
}
_CLASS = {c.name: c for c in _CLASSES}
_ELECTRIC = "Electric"
_CORPORATE_MIX = (("Economy", 4), ("Compact", 16), ("Midsize", 38), ("Full-size", 20), ("SUV", 12), ("Premium", 10))


@dataclass(frozen=True)
class _Account:
    name: str
    industry: str
    city: str
    discount: float
    start: date
    end: date | None
    volume: float  # rentals a working day


_ACCOUNTS = (
    _Account("Pellham Freight Systems", "Logistics", "Crestmoor", 15, date(2019, 4, 1), date(2025, 6, 30), 1.4),
    _Account("Orchard Health Partners", "Healthcare", "Crestmoor", 12, date(2020, 2, 1), None, 1.0),
    _Account("Brightline Software", "Technology", "Crestmoor", 15, date(2021, 6, 1), None, 1.2),
    _Account("Keystone Engineering", "Engineering", "Crestmoor", 10, date(2018, 1, 15), None, 0.65),
    _Account("Halden Marine Supply", "Wholesale", "Port Halden", 10, date(2017, 5, 1), None, 0.55),
    _Account("Coastline Realty Group", "Real estate", "Port Halden", 8, date(2022, 3, 1), None, 0.35),
    _Account("Sunmesa Solar Works", "Energy", "Sunmesa", 12, date(2020, 10, 1), None, 0.65),
    _Account("Desert Sky Medical", "Healthcare", "Sunmesa", 10, date(2023, 1, 9), None, 0.4),
    _Account("Alder Peak Resorts", "Hospitality", "Alder Peak", 20, date(2016, 11, 1), None, 0.45),
    _Account("Granite Ridge Construction", "Construction", "Alder Peak", 8, date(2021, 4, 1), None, 0.3),
    _Account("Tidewater Insurance", "Insurance", "Port Halden", 12, date(2019, 8, 1), None, 0.5),
    _Account("Northgate Retail Holdings", "Retail", "Crestmoor", 10, date(2018, 9, 1), None, 0.45),
    _Account("Cobalt Data Centers", "Technology", "Crestmoor", 12, date(2022, 11, 1), None, 0.35),
    _Account("Redwood Auditing LLP", "Professional services", "Port Halden", 10, date(2020, 1, 6), None, 0.35),
    _Account("Lumen Events Co.", "Events", "Crestmoor", 8, date(2023, 5, 1), None, 0.3),
    _Account("Ashford Pharmaceuticals", "Pharmaceuticals", "Crestmoor", 14, date(2024, 3, 1), None, 0.55),
    _Account("Vantage Consulting Group", "Professional services", "Crestmoor", 18, date(2024, 9, 1), None, 2.9),
    _Account("Summit Field Services", "Utilities", "Sunmesa", 9, date(2025, 2, 1), None, 0.5),
)

# add-ons by the day (USD), and the others
_CDW, _LIABILITY, _YOUNG, _DRIVER, _GPS, _SEAT = 24.99, 14.99, 27.0, 13.0, 12.99, 13.99
_FUEL = ((date(2024, 1, 1), 5.49), (date(2025, 1, 1), 5.99))  # price a gallon of fuel service, by return date
_RECHARGE = 35.0
_ONE_WAY = 175.0
_CONCESSION = 0.1111
_GRACE = 59  # minutes

# damage: type: (weight by default, in an Alder Peak winter, in a Port Halden summer), severities (name, weight,
# median estimate USD, days in the body shop)
_DAMAGE = {
    "Scratch": ((35, 15, 33), (("Minor", 80, 220, (1, 2)), ("Moderate", 20, 640, (2, 4)))),
    "Dent": ((25, 15, 20), (("Minor", 45, 380, (1, 3)), ("Moderate", 45, 950, (3, 6)), ("Major", 10, 2400, (6, 12)))),
    "Windshield": ((15, 20, 10), (("Minor", 60, 140, (1, 1)), ("Moderate", 40, 620, (1, 3)))),
    "Tire": ((10, 25, 6), (("Minor", 70, 190, (1, 1)), ("Moderate", 30, 420, (1, 2)))),
    "Collision": ((8, 20, 9), (("Moderate", 55, 2800, (4, 10)), ("Major", 45, 7800, (10, 24)))),
    "Interior": ((7, 5, 22), (("Minor", 70, 180, (1, 2)), ("Moderate", 30, 520, (2, 4)))),
}

_FIRST = (
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
    "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher", "Karen", "Daniel", "Lisa",
    "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley", "Steven", "Emily", "Andrew", "Michelle", "Joshua",
    "Amanda", "Kevin", "Melissa", "Brian", "Stephanie", "Luis", "Maria", "Wei", "Mei", "Omar", "Leila", "Ravi",
    "Priya", "Carlos", "Lucia", "Marcus", "Keisha", "Kenji", "Aiko", "Pavel", "Elena", "Andre", "Imani", "Mateo",
    "Valentina", "Noah", "Emma", "Liam", "Olivia", "Ethan", "Ava", "Lucas", "Grace", "Owen", "Hannah", "Caleb", "Zoe",
)  # fmt: skip
_LAST = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
    "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young",
    "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker",
    "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Chen", "Patel", "Kim", "Murphy", "Sullivan",
    "Nowak", "Fischer", "Bianchi", "Moreau", "Horvat", "Adeyemi", "Khoury", "Berg", "Tanaka", "Gupta", "Reyes",
)  # fmt: skip
_PLATE = "ABCDEFGHJKLMNPRSTUVWXYZ"


# --------------------------------------------------------------------------------------------
# Helpers.


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def _cents(amount: float) -> float:
    """`amount` to the cent, halves up."""
    return float(Decimal(repr(amount)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _pick(rng: random.Random, choices: tuple | list) -> str:
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


def _month_start(day: date) -> date:
    return date(day.year, day.month, 1)


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _age(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _at(day: date, minutes: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day) + timedelta(minutes=minutes)


def _days_billed(pickup: datetime, back: datetime) -> int:
    """Every started 24 hours from pickup to return, after the grace, and at least one day."""
    minutes = (back - pickup) // timedelta(minutes=1) - _GRACE
    return max(1, -(-minutes // 1440))


def _rate(cls: str, city: str, day: date) -> float:
    """The daily rate of a class in a city for a pickup on `day`."""
    rate = _CLASS[cls].rate * _CITIES[city].rate
    if day.month in _CITIES[city].peak:
        rate *= _PEAK_MARKUP
    if day >= _RATE_REVIEW:
        rate *= _RATE_RISE
    if city == _EXPO[0] and _EXPO[1] <= day <= _EXPO[2]:
        rate *= _EXPO_MARKUP
    return _cents(round(rate) - 0.01)


def _step(steps: tuple[tuple[date, float], ...], day: date) -> float:
    value = 0.0
    for since, v in steps:
        if since <= day:
            value = v
    return value


def _other_city(city: str, other: str) -> int:
    return _MILES[(min(city, other), max(city, other))]


def _with_minute_times(rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The rows with their times as the database holds them, 'YYYY-MM-DD HH:MM'."""
    out = dict(rows)
    for table, keys in _TIMES.items():
        out[table] = [
            row | {k: row[k].strftime("%Y-%m-%d %H:%M") for k in keys if row[k] is not None} for row in rows[table]
        ]
    return out


# --------------------------------------------------------------------------------------------
# Generation.

_AIRPORT_WEEK = (1.1, 0.95, 0.95, 1.1, 1.3, 0.9, 0.8)  # leisure pickups, Mon..Sun
_TOWN_WEEK = (0.9, 0.85, 0.9, 1.0, 1.35, 1.3, 0.7)
_CORPORATE_WEEK = (1.4, 1.35, 1.25, 1.1, 0.6, 0.12, 0.35)
_CORPORATE_MONTH = (0.95, 1.05, 1.05, 1.05, 1.05, 1.0, 0.9, 0.75, 1.05, 1.1, 1.0, 0.7)
_AIRPORT_HOURS = tuple(range(6, 24))
_AIRPORT_WEIGHTS = (2, 4, 6, 7, 7, 6, 6, 7, 7, 8, 8, 9, 9, 8, 7, 5, 3, 2)
_TOWN_HOURS = tuple(range(8, 19))
_TOWN_WEIGHTS = (8, 10, 9, 8, 7, 7, 7, 7, 7, 6, 4)
_CHANNELS = ("Website", "Mobile app", "Phone", "Travel agent")
_CANCEL = {"Website": 0.12, "Mobile app": 0.09, "Phone": 0.11, "Travel agent": 0.2}
_NO_SHOW = {"Website": 0.03, "Mobile app": 0.025, "Phone": 0.03, "Travel agent": 0.07}
_AGES = ((21, 22), (23, 24), (25, 34), (35, 49), (50, 64), (65, 80))  # private renters' ages
_AGE_WEIGHTS = tuple(itertools.accumulate((3, 5, 28, 32, 22, 10)))
_MIXES = {
    city: ([c.name for c in _CLASSES[:7]], tuple(itertools.accumulate(x.mix))) for city, x in _CITIES.items()
}  # leisure renters' classes by city
_WORN_MILES = 40_000
_WORN_MONTHS = 20
_TARGET_USE = 0.8  # share of its fleet a branch plans to have on rent
_TURNAROUND = timedelta(minutes=90)
_LAST_PICKUP = date(2026, 2, 28)  # upcoming reservations are booked up to two months ahead


@dataclass
class _Customer:
    seq: int
    corporate: bool
    account: int | None  # index into _ACCOUNTS
    name: str
    born: date
    member: bool
    since: date | None  # signup before 2024, for customers who rented before; else their first booking
    activity: list[date] = field(default_factory=list)


@dataclass
class _Request:
    """A wish to rent: a reservation, or a walk-in at the counter."""

    seq: int
    branch: int
    segment: str
    customer: _Customer
    cls: str
    booked: date | None  # None for a walk-in
    pickup: datetime  # scheduled
    back: datetime  # scheduled return
    channel: str | None
    return_branch: int
    rate: float
    status: str  # 'Fulfilled', 'Cancelled', 'No-show', 'Upcoming' (reservations) or 'Walk-in'; 'Turned away'
    # when no car was free at the pickup (then neither the booking nor the walk-in is recorded)
    cancelled: date | None = None
    actual: datetime | None = None  # when the car is picked up, for those that are
    rental: _Rental | None = None


@dataclass
class _Vehicle:
    seq: int
    branch: int
    cls: str
    make: str
    model: str
    year: int
    plate: str
    since: date
    odometer: int  # now
    bought_at: int  # odometer when it joined the fleet
    cost: float
    serviced: int  # odometer at the last scheduled service
    tires: int
    brakes: int
    free: datetime  # when it can next be rented
    selling: bool = False  # worn: to be sold once back
    retired: date | None = None
    row: dict | None = None


@dataclass
class _Rental:
    request: _Request
    vehicle: _Vehicle
    pickup: datetime
    due: datetime
    back: datetime | None
    out: int
    odometer_in: int | None
    fuel: int | None
    waiver: bool
    lines: list[tuple[str, float, float, float]] = field(default_factory=list)
    damage: dict | None = None
    invoice: dict | None = None
    row: dict | None = None


class _Company:
    """The wishes to rent, day by day at every branch; the fleet each branch keeps for them month by month; the
    cars handed over in order of pickup, their returns, damage and maintenance; then the invoices."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.people_rng = random.Random(seed + 1)
        self.rent_rng = random.Random(seed + 2)
        self.fleet_rng = random.Random(seed + 3)
        self.shop_rng = random.Random(seed + 4)
        self.pay_rng = random.Random(seed + 5)
        self.customers: list[_Customer] = []
        self.pool: list[_Customer] = []  # private renters who rent again, each as often as they tend to
        self.staff: list[list[_Customer]] = [[] for _ in _ACCOUNTS]
        self.requests: list[_Request] = []
        self.vehicles: list[_Vehicle] = []
        self.fleet: dict[tuple[int, str], list[_Vehicle]] = {}
        self.rentals: list[_Rental] = []
        self.jobs: list[dict] = []
        self.plates: set[str] = set()

    # --- customers

    def _person(self, corporate: bool, account: int | None, on: date, existing: bool) -> _Customer:
        rng = self.people_rng
        if corporate:
            age = rng.randint(23, 63)
        else:
            low, high = rng.choices(_AGES, cum_weights=_AGE_WEIGHTS)[0]
            age = rng.randint(low, high)
        if existing:
            age = max(age, 23)
        born = on - timedelta(days=365 * age + rng.randint(0, 364) + age // 4)
        since = None
        if existing:
            first = max(date(2015, 1, 1), born + timedelta(days=7672))
            if account is not None:
                first = max(first, _ACCOUNTS[account].start)
            since = first + timedelta(days=rng.randint(0, max(0, (START - timedelta(days=1) - first).days)))
        member = rng.random() < (0.7 if corporate else 0.32)
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        customer = _Customer(len(self.customers), corporate, account, name, born, member, since)
        self.customers.append(customer)
        return customer

    def people(self) -> None:
        """Private renters who rented before 2024, and the staff of every corporate account."""
        rng = self.people_rng
        for _ in range(6500):
            customer = self._person(False, None, START, True)
            self.pool.extend([customer] * int(_pick(rng, (("1", 50), ("2", 25), ("3", 13), ("5", 8), ("8", 4)))))
        for k, account in enumerate(_ACCOUNTS):
            for _ in range(int(18 + account.volume * 55)):
                existing = account.start < START and rng.random() < 0.7
                customer = self._person(True, k, max(START, account.start), existing)
                self.staff[k].extend([customer] * int(_pick(rng, (("1", 40), ("2", 30), ("4", 20), ("8", 10)))))

    def _private(self, day: date, walk_in: bool) -> _Customer:
        rng = self.people_rng
        if rng.random() < (0.7 if walk_in else 0.55):
            customer = self._person(False, None, day, False)
            self.pool.extend([customer] * int(_pick(rng, (("1", 62), ("2", 22), ("3", 10), ("6", 6)))))
            return customer
        return rng.choice(self.pool)

    # --- demand

    def _season(self, city: str, day: date) -> float:
        factor = _CITIES[city].season[day.month - 1]
        for where, first, last, f in _BUSY:
            if where == city and first <= day <= last:
                factor *= f
        return factor

    def _branches_in(self, city: str, day: date) -> list[int]:
        return [b for b, x in enumerate(_BRANCHES) if x.city == city and x.opened <= day]

    def demand(self) -> None:
        rng = self.rng
        opened = next(b.opened for b in _BRANCHES if b.name == _NEW_BRANCH)
        day = START
        while day <= _LAST_PICKUP:
            trend = 1.05 if day.year >= 2025 else 1.0
            for b, branch in enumerate(_BRANCHES):
                if day < branch.opened:
                    continue
                week = _AIRPORT_WEEK if branch.kind == _AIR else _TOWN_WEEK
                mean = branch.leisure * self._season(branch.city, day) * week[day.weekday()] * trend
                if branch.name == _NEW_BRANCH:
                    mean *= min(1.0, 0.3 + 0.7 * (day - branch.opened).days / 120)
                if branch.name == "Crestmoor Downtown" and day >= opened:
                    mean *= 0.88  # some of its renters go to the new branch
                for _ in range(_poisson(rng, mean)):
                    self._request(b, day, "Leisure", None)
            for k, account in enumerate(_ACCOUNTS):
                if not account.start <= day <= (account.end or _LAST_PICKUP):
                    continue
                mean = account.volume * _CORPORATE_WEEK[day.weekday()] * _CORPORATE_MONTH[day.month - 1]
                if account.city == _EXPO[0] and _EXPO[1] <= day <= _EXPO[2]:
                    mean *= 3.0 if account.name == "Lumen Events Co." else 1.3
                if date(2025, 12, 22) <= day <= date(2026, 1, 2) or date(2024, 12, 21) <= day <= date(2025, 1, 1):
                    mean *= 0.4
                for _ in range(_poisson(rng, mean)):
                    city = account.city
                    if rng.random() < 0.25:
                        city = rng.choice([c for c in _CITIES if c != account.city])
                    options = self._branches_in(city, day)
                    weights = [0.62 if _BRANCHES[x].kind == _AIR else 0.38 / (len(options) - 1) for x in options]
                    self._request(rng.choices(options, weights)[0], day, "Corporate", k)
            day += timedelta(days=1)

    def _request(self, b: int, day: date, segment: str, account: int | None) -> None:
        rng = self.rng
        branch = _BRANCHES[b]
        city = _CITIES[branch.city]
        corporate = segment == "Corporate"
        walk_in = rng.random() < (
            (0.02 if corporate else 0.2) if branch.kind == _TOWN else (0.01 if corporate else 0.07)
        )
        if corporate:
            cls = _pick(rng, _CORPORATE_MIX)
        else:
            names, weights = _MIXES[branch.city]
            cls = rng.choices(names, cum_weights=weights)[0]
        if branch.name in _EV_BRANCHES and day >= _EV_FROM and rng.random() < (0.1 if corporate else 0.07):
            cls = _ELECTRIC
        peak = day.month in city.peak
        if corporate:
            mean_days = 2.2
        elif peak or (branch.city == "Port Halden" and day.month in (6, 7, 8)):
            mean_days = 5.2
        else:
            mean_days = 3.4
        days = max(1, min(21, round(rng.lognormvariate(math.log(mean_days), 0.55))))
        if branch.kind == _AIR:
            hour = rng.choices(_AIRPORT_HOURS, _AIRPORT_WEIGHTS)[0]
            back_hour = rng.choices(_AIRPORT_HOURS[:-1], _AIRPORT_WEIGHTS[::-1][:-1])[0]
        else:
            hour = rng.choices(_TOWN_HOURS, _TOWN_WEIGHTS)[0]
            back_hour = rng.choices(_TOWN_HOURS, _TOWN_WEIGHTS[::-1])[0]
        pickup = _at(day, hour * 60 + rng.choice((0, 15, 30, 45)))
        back = _at(day + timedelta(days=days), back_hour * 60 + rng.choice((0, 15, 30, 45)))
        if back - pickup < timedelta(hours=4):
            back += timedelta(days=1)
        if walk_in:
            if day > END:
                return
            booked, lead, channel = None, 0, None
        else:
            lead_mean = 6.0 if corporate else city.lead * (1.8 if peak or day.month in (7, 8) else 1.0)
            lead = min(300, int(rng.expovariate(1 / lead_mean)))
            booked = day - timedelta(days=lead)
            if corporate:
                booked = max(booked, _ACCOUNTS[account].start)  # type: ignore[index]
                lead = (day - booked).days
            if booked > END:
                return
            app = 0.3 if booked.year >= 2025 else 0.2
            weights = (0.5 - app / 2, app, 0.22 - app / 2, 0.28) if not corporate else (0.4, app, 0.3 - app / 2, 0.2)
            channel = rng.choices(_CHANNELS, weights)[0]
        others = self._branches_in(branch.city, day)
        return_branch = b
        roll = rng.random()
        if roll < 0.07 and len(others) > 1:
            return_branch = rng.choice([x for x in others if x != b])
        elif roll < 0.095 and not corporate:
            cities = [c for c in _CITIES if c != branch.city]
            return_branch = self._branches_in(rng.choice(cities), day)[0]
        rate = _rate(cls, branch.city, day)
        status, cancelled = ("Walk-in", None) if walk_in else ("Fulfilled", None)
        if not walk_in:
            assert booked is not None and channel is not None
            chance = _CANCEL[channel] + (0.1 if lead > 30 else 0.0) + (0.04 if corporate else 0.0)
            if rng.random() < chance:
                cancelled = booked + timedelta(days=rng.randint(0, lead))
                status = "Cancelled" if cancelled <= END else "Upcoming"
                cancelled = cancelled if cancelled <= END else None
            elif day > END:
                status = "Upcoming"
            elif rng.random() < _NO_SHOW[channel]:
                status = "No-show"
        if corporate:
            assert account is not None
            customer = self.people_rng.choice(self.staff[account])
        else:
            customer = self._private(day, walk_in)
        if _age(customer.born, booked or day) < 21:
            return
        request = _Request(
            len(self.requests), b, segment, customer, cls, booked, pickup, back, channel, return_branch, rate,
            status, cancelled,
        )  # fmt: skip
        if status in ("Fulfilled", "Walk-in"):
            if walk_in:
                request.actual = pickup + timedelta(minutes=rng.randint(0, 14))
            else:
                delay = rng.gauss(10, 20) if branch.kind == _AIR else rng.gauss(0, 15)
                if branch.kind == _AIR and rng.random() < 0.1:
                    delay += rng.uniform(60, 240)
                actual = pickup + timedelta(minutes=round(max(-30, delay)))
                request.actual = min(actual, _at(day, 23 * 60 + 59))
        self.requests.append(request)

    # --- the fleet

    def _targets(self, picked: list[_Request]) -> dict[tuple[int, str, date], int]:
        """Cars each branch keeps of each class in each month: enough for the month's rentals to use about
        _TARGET_USE of them."""
        hours: dict[tuple[int, str, date], float] = {}
        for request in picked:
            assert request.actual is not None
            first, last = request.actual, max(request.back, request.actual + timedelta(hours=4))
            month = _month_start(first.date())
            while _at(month) < last and month <= END:
                after = _at(_next_month(month))
                overlap = (min(last, after) - max(first, _at(month))) / timedelta(hours=1)
                key = (request.branch, request.cls, month)
                hours[key] = hours.get(key, 0.0) + overlap
                month = _next_month(month)
        targets = {}
        for (b, cls, month), h in hours.items():
            on_rent = h / (calendar.monthrange(month.year, month.month)[1] * 24)
            targets[b, cls, month] = max(1, round(on_rent / _TARGET_USE + 0.4))
        return targets

    def _plate(self) -> str:
        rng = self.fleet_rng
        while True:
            plate = f"{rng.randint(2, 9)}{''.join(rng.choice(_PLATE) for _ in range(3))}{rng.randint(0, 999):03d}"
            if plate not in self.plates:
                self.plates.add(plate)
                return plate

    def _buy(self, b: int, cls: str, since: date, initial: bool) -> _Vehicle:
        rng = self.fleet_rng
        make, model = rng.choice(_MODELS[cls])
        bought = rng.randint(6, 45)
        odometer = bought
        if initial:
            months = (START - since).days / 30.44
            odometer = min(_WORN_MILES - 3000, bought + round(months * rng.uniform(1050, 1650)))
        vehicle = _Vehicle(
            len(self.vehicles), b, cls, make, model, since.year + (1 if since.month >= 8 else 0), self._plate(),
            since, odometer, bought, float(round(_CLASS[cls].cost * rng.gauss(1, 0.035))),
            odometer - rng.randint(0, 7000) if initial else odometer,
            odometer - rng.randint(0, 28_000) if initial else odometer,
            odometer - rng.randint(0, 30_000) if initial else odometer,
            _at(max(since, START)),
        )  # fmt: skip
        vehicle.serviced, vehicle.tires, vehicle.brakes = (
            max(bought, x) for x in (vehicle.serviced, vehicle.tires, vehicle.brakes)
        )
        self.vehicles.append(vehicle)
        self.fleet.setdefault((b, cls), []).append(vehicle)
        return vehicle

    def _adjust(self, month: date, targets: dict[tuple[int, str, date], int]) -> None:
        """At the start of a month: sell the worn cars that are in, buy what the month needs, sell what it does
        not."""
        rng = self.fleet_rng
        now = _at(month)
        keys = sorted(
            {(b, c) for (b, c, m) in targets if m == month} | set(self.fleet),
            key=lambda k: (k[0], _CLASSES.index(_CLASS[k[1]])),
        )
        for b, cls in keys:
            cars = self.fleet.setdefault((b, cls), [])
            for car in sorted(cars, key=lambda v: (-v.odometer, v.seq)):
                age = (month.year - car.since.year) * 12 + month.month - car.since.month
                if car.odometer >= _WORN_MILES or age >= _WORN_MONTHS:
                    car.selling = True  # rented no more: sold once it is back
                if car.selling and car.free <= now:
                    self._retire(car, month)
            target = targets.get((b, cls, month), 0)
            if month == START:
                for _ in range(target):
                    since = START - timedelta(days=rng.randint(20, 540))
                    self._buy(b, cls, date(since.year, since.month, 1), True)
                continue
            kept = [v for v in cars if not v.selling]
            for _ in range(target - len(kept)):
                kept.append(self._buy(b, cls, month, False))
            keep = max(target, targets.get((b, cls, _next_month(month)), 0))
            if len(kept) <= keep + max(1, round(0.1 * keep)):
                continue
            spare = sorted((v for v in kept if v.free <= now), key=lambda v: (-v.odometer, v.seq))
            for car in spare[: len(kept) - keep]:
                self._retire(car, month)

    def _retire(self, car: _Vehicle, month: date) -> None:
        car.retired = month
        self.fleet[car.branch, car.cls].remove(car)

    def _hail(self) -> None:
        """The hailstorm: most cars standing on Crestmoor's lots are damaged and go to the body shop."""
        rng = self.shop_rng
        for (b, _), cars in sorted(self.fleet.items(), key=lambda x: (x[0][0], _CLASSES.index(_CLASS[x[0][1]]))):
            if _BRANCHES[b].city != _HAIL_CITY:
                continue
            for car in cars:
                if car.free <= _HAIL and rng.random() < 0.85:
                    start = _HAIL.date()
                    cost = _cents(rng.uniform(1400, 6200))
                    self._job(car, "Hail repair", start, start + timedelta(days=rng.randint(6, 27)), cost, None)

    # --- rentals

    def _free_car(self, b: int, cls: str, when: datetime) -> _Vehicle | None:
        """A car of the class free at the branch, the one waiting longest; else one of the next classes up."""
        for _ in range(3):
            free = [v for v in self.fleet.get((b, cls), []) if v.free <= when and not v.selling]
            if free:
                return min(free, key=lambda v: (v.free, v.seq))
            up = _CLASS[cls].upgrade
            if up is None:
                return None
            cls = up
        return None

    def run(self) -> None:
        picked = sorted(
            (r for r in self.requests if r.status in ("Fulfilled", "Walk-in")),
            key=lambda r: (r.actual, r.branch, r.seq),
        )
        targets = self._targets(picked)
        month = START
        self._adjust(month, targets)
        hail_done = False
        for request in picked:
            assert request.actual is not None
            while request.actual >= _at(_next_month(month)):
                month = _next_month(month)
                self._adjust(month, targets)
            if not hail_done and request.actual >= _HAIL:
                self._hail()
                hail_done = True
            car = self._free_car(request.branch, request.cls, request.actual)
            if car is None:
                request.status = "Turned away"  # not recorded: the booking could not have been made
                continue
            self._rent(request, car)
        while _next_month(month) <= END:
            month = _next_month(month)
            self._adjust(month, targets)

    def _rent(self, request: _Request, car: _Vehicle) -> None:
        rng = self.rent_rng
        branch = _BRANCHES[request.branch]
        city = branch.city
        pickup = request.actual
        assert pickup is not None
        corporate = request.segment == "Corporate"
        winter = city == "Alder Peak" and pickup.month in (12, 1, 2, 3)
        roll = rng.random()
        late = 2.0 if winter else 1.0
        due = request.back
        if roll < 0.08 * late:
            back = due + timedelta(minutes=rng.randint(61, 360))
        elif roll < 0.11 * late:
            back = due + timedelta(minutes=rng.randint(18 * 60, 60 * 60))
        elif roll < 0.11 * late + 0.1 and due - pickup > timedelta(days=2):
            back = due - timedelta(minutes=rng.randint(20 * 60, 50 * 60))
        else:
            back = due + timedelta(minutes=rng.randint(-180, 50))
        back = max(back, pickup + timedelta(hours=2))
        waiver = corporate or rng.random() < 0.36 + (0.15 if _age(request.customer.born, pickup.date()) < 25 else 0)
        rental = _Rental(request, car, pickup, due, None, car.odometer, None, None, waiver)
        request.rental = rental
        request.customer.activity.append(pickup.date())
        self.rentals.append(rental)
        if back > _at(END, 23 * 60 + 59):
            car.free = datetime.max
            return
        rental.back = back
        days_out = (back - pickup) / timedelta(days=1)
        per_day = 42 if corporate else _CITIES[city].miles
        miles = round(max(0.3, days_out) * per_day * rng.lognormvariate(0, 0.45)) + rng.randint(3, 20)
        home_city = city
        back_city = _BRANCHES[request.return_branch].city
        if back_city != home_city:
            miles += _other_city(home_city, back_city)
        rental.odometer_in = car.odometer + miles
        car.odometer = rental.odometer_in
        if car.cls == _ELECTRIC:
            rental.fuel = 8 if rng.random() < 0.45 else rng.choice((2, 3, 4, 4, 5, 5, 6, 6, 7, 7))
        else:
            full = 0.8 if corporate else 0.66
            rental.fuel = 8 if rng.random() < full else rng.choice((1, 2, 3, 4, 4, 5, 5, 6, 6, 7, 7, 7))
        free = back + _TURNAROUND
        if request.return_branch != request.branch:
            if back_city == home_city:
                car.odometer += rng.randint(9, 22)
                free = back + timedelta(hours=4)
            else:
                car.odometer += _other_city(home_city, back_city)
                free = back + timedelta(days=1, hours=2)
        car.free = free
        self._damage(rental, winter)
        self._service(car, back.date())

    def _damage(self, rental: _Rental, winter: bool) -> None:
        rng = self.rent_rng
        request = rental.request
        assert rental.back is not None
        days = (rental.back - rental.pickup) / timedelta(days=1)
        chance = 0.014 + 0.0035 * min(days, 14)
        chance *= 2.3 if winter else 1.0
        chance *= 1.8 if _age(request.customer.born, rental.pickup.date()) < 25 else 1.0
        chance *= 0.75 if request.segment == "Corporate" else 1.0
        if rng.random() >= chance:
            return
        city = _BRANCHES[request.branch].city
        summer = city == "Port Halden" and rental.pickup.month in (6, 7, 8)
        column = 1 if winter else (2 if summer else 0)
        kind = _pick(rng, [(k, v[0][column]) for k, v in _DAMAGE.items()])
        severities = _DAMAGE[kind][1]
        name = _pick(rng, [(s[0], s[1]) for s in severities])
        _, _, median, (low, high) = next(s for s in severities if s[0] == name)
        estimate = _cents(median * rng.lognormvariate(0, 0.35))
        rental.damage = {
            "rental": rental,
            "vehicle": rental.vehicle,
            "branch_id": request.return_branch + 1,
            "report_date": rental.back.date(),
            "damage_type": kind,
            "severity": name,
            "estimated_cost": estimate,
            "customer_charge": 0.0 if rental.waiver else estimate,
        }
        start = rental.back.date()
        cost = _cents(estimate * rng.lognormvariate(0, 0.12))
        end = start + timedelta(days=rng.randint(low, high))
        self._job(rental.vehicle, "Damage repair", start, end, cost, rental.damage)

    def _service(self, car: _Vehicle, day: date) -> None:
        """Scheduled service, tires, brakes and now and then a battery, when due after a return."""
        rng = self.shop_rng
        electric = car.cls == _ELECTRIC
        if car.odometer - car.serviced >= (12_000 if electric else 7_500):
            car.serviced = car.odometer
            cost = rng.uniform(60, 115) if electric else rng.uniform(95, 190)
            self._job(car, "Scheduled service", day, day + timedelta(days=1), _cents(cost), None)
        if car.odometer - car.tires >= (22_000 if electric else 26_000):
            car.tires = car.odometer
            size = 1.35 if car.cls in ("SUV", "Premium", "Minivan", _ELECTRIC) else 1.0
            self._job(car, "Tire replacement", day, day + timedelta(days=1), _cents(size * rng.uniform(480, 720)), None)
        if car.odometer - car.brakes >= 30_000:
            car.brakes = car.odometer
            end = day + timedelta(days=rng.randint(1, 2))
            self._job(car, "Brake service", day, end, _cents(rng.uniform(360, 720)), None)
        if not electric and rng.random() < 0.0015:
            self._job(car, "Battery replacement", day, day + timedelta(days=1), _cents(rng.uniform(170, 260)), None)

    def _job(self, car: _Vehicle, kind: str, start: date, end: date, cost: float, damage: dict | None) -> None:
        done = end <= END
        self.jobs.append(
            {
                "vehicle": car,
                "branch_id": car.branch + 1,
                "service_type": kind,
                "damage": damage,
                "start_date": start,
                "end_date": end if done else None,
                "odometer": car.odometer,
                "cost": cost if done else None,
            }
        )
        car.free = max(car.free, _at(end, 8 * 60) if done else datetime.max)

    # --- invoices

    def bill(self) -> None:
        """The invoice of every returned rental: the base rate and the extras, fuel, fees, damage, the corporate
        discount, the tax; and when it was paid."""
        rng = self.pay_rng
        for rental in self.rentals:
            if rental.back is None:
                continue
            request = rental.request
            customer = request.customer
            branch = _BRANCHES[request.branch]
            days = _days_billed(rental.pickup, rental.back)
            corporate = request.segment == "Corporate"
            young = _age(customer.born, rental.pickup.date()) < 25
            lines: list[tuple[str, float, float, float]] = []
            base = _cents(days * request.rate)
            lines.append(("Base rate", days, request.rate, base))
            if corporate:
                assert customer.account is not None
                off = -_cents(base * _ACCOUNTS[customer.account].discount / 100)
                lines.append(("Corporate discount", 1, off, off))
            daily = []
            if rental.waiver:
                daily.append(("Collision damage waiver", _CDW))
            if not corporate and rng.random() < 0.18:
                daily.append(("Liability insurance", _LIABILITY))
            if young:
                daily.append(("Young driver fee", _YOUNG))
            if rng.random() < ((0.25 if rental.vehicle.cls == "Minivan" else 0.12) if not corporate else 0.03):
                daily.append(("Additional driver", _DRIVER))
            if rng.random() < (0.1 if rental.pickup.year == 2024 else 0.055):
                daily.append(("GPS", _GPS))
            seat = {"Minivan": 0.4, "SUV": 0.15}.get(request.cls, 0.05)
            if not corporate and rng.random() < seat:
                daily.append(("Child seat", _SEAT))
            lines += [(name, days, price, _cents(days * price)) for name, price in daily]
            assert rental.fuel is not None
            if rental.vehicle.cls == _ELECTRIC:
                if rental.fuel < 4:
                    lines.append(("Recharge fee", 1, _RECHARGE, _RECHARGE))
            elif rental.fuel < 8:
                tank = _CLASS[rental.vehicle.cls].tank
                assert tank is not None
                gallons = float(Decimal(repr(tank * (8 - rental.fuel) / 8)).quantize(Decimal("0.1"), ROUND_HALF_UP))
                price = _step(_FUEL, rental.back.date())
                lines.append(("Fuel service", gallons, price, _cents(gallons * price)))
            if _BRANCHES[request.return_branch].city != branch.city:
                lines.append(("One-way fee", 1, _ONE_WAY, _ONE_WAY))
            if branch.kind == _AIR:
                fee = _cents(base * _CONCESSION)
                lines.append(("Airport concession fee", 1, fee, fee))
            if rental.damage is not None and rental.damage["customer_charge"] > 0:
                charge = rental.damage["customer_charge"]
                lines.append(("Damage", 1, charge, charge))
            subtotal = _cents(sum(x[3] for x in lines))
            tax = _cents(subtotal * _CITIES[branch.city].tax)
            day = rental.back.date()
            if corporate:
                paid = day + timedelta(days=6 + int(rng.expovariate(1 / 20)))
                method, due = "Corporate account", day + timedelta(days=30)
            else:
                paid = day
                method, due = ("Credit card" if rng.random() < 0.84 else "Debit card"), day
            rental.lines = lines
            rental.invoice = {
                "account_id": customer.account + 1 if corporate and customer.account is not None else None,
                "invoice_date": day,
                "subtotal": subtotal,
                "tax_amount": tax,
                "total_amount": _cents(subtotal + tax),
                "payment_method": method,
                "due_date": due,
                "paid_date": paid if paid <= END else None,
                "status": "Paid" if paid <= END else "Open",
            }

    # --- the tables

    def finish(self) -> dict[str, list[dict]]:
        kept = [r for r in self.requests if r.status != "Turned away"]
        for request in kept:
            if request.booked is not None:
                request.customer.activity.append(request.booked)
        # customers: those with a booking or a rental, in order of signup
        people = [c for c in self.customers if c.activity]
        signup = {c.seq: min(c.activity + ([c.since] if c.since else [])) for c in people}
        people.sort(key=lambda c: (signup[c.seq], c.seq))
        customer_id = {c.seq: k for k, c in enumerate(people, start=1)}
        rentals = sorted(self.rentals, key=lambda x: (x.pickup, x.request.branch, x.request.seq))
        picked_2025: dict[int, int] = {}
        for rental in rentals:
            if rental.pickup.year == 2025:
                seq = rental.request.customer.seq
                picked_2025[seq] = picked_2025.get(seq, 0) + 1
        customers = []
        for c in people:
            tier = join = None
            if c.member:
                n = picked_2025.get(c.seq, 0)
                tier = "Platinum" if n >= 12 else "Gold" if n >= 6 else "Silver" if n >= 3 else "Blue"
                join = signup[c.seq]
                if c.since is not None:
                    rng = self.people_rng
                    join = c.since + timedelta(days=rng.randint(0, (START - c.since).days - 1))
            customers.append(
                {
                    "customer_id": customer_id[c.seq],
                    "full_name": c.name,
                    "customer_type": "Corporate" if c.corporate else "Individual",
                    "account_id": c.account + 1 if c.account is not None else None,
                    "date_of_birth": c.born,
                    "signup_date": signup[c.seq],
                    "loyalty_tier": tier,
                    "loyalty_join_date": join,
                }
            )
        class_id = {c.name: k for k, c in enumerate(_CLASSES, start=1)}
        cars = sorted(self.vehicles, key=lambda v: (v.since, v.branch, class_id[v.cls], v.seq))
        vehicles = []
        for number, v in enumerate(cars, start=1):
            v.row = {
                "vehicle_id": number,
                "class_id": class_id[v.cls],
                "home_branch_id": v.branch + 1,
                "make": v.make,
                "model": v.model,
                "model_year": v.year,
                "license_plate": v.plate,
                "in_service_date": v.since,
                "retired_date": v.retired,
                "purchase_odometer": v.bought_at,
                "acquisition_cost": v.cost,
            }
            vehicles.append(v.row)
        booked = sorted((r for r in kept if r.booked is not None), key=lambda r: (r.booked, r.pickup, r.branch, r.seq))
        reservation_id = {r.seq: k for k, r in enumerate(booked, start=1)}
        reservations = [
            {
                "reservation_id": reservation_id[r.seq],
                "customer_id": customer_id[r.customer.seq],
                "pickup_branch_id": r.branch + 1,
                "return_branch_id": r.return_branch + 1,
                "class_id": class_id[r.cls],
                "booked_date": r.booked,
                "scheduled_pickup": r.pickup,
                "scheduled_return": r.back,
                "channel": r.channel,
                "quoted_daily_rate": r.rate,
                "status": r.status,
                "cancelled_date": r.cancelled,
            }
            for r in booked
        ]
        rental_rows = []
        for number, x in enumerate(rentals, start=1):
            r = x.request
            assert x.vehicle.row is not None
            x.row = {
                "rental_id": number,
                "reservation_id": reservation_id.get(r.seq),
                "customer_id": customer_id[r.customer.seq],
                "vehicle_id": x.vehicle.row["vehicle_id"],
                "pickup_branch_id": r.branch + 1,
                "return_branch_id": r.return_branch + 1,
                "pickup_time": x.pickup,
                "due_time": x.due,
                "return_time": x.back,
                "odometer_out": x.out,
                "odometer_in": x.odometer_in,
                "fuel_level_in": x.fuel,
                "daily_rate": r.rate,
                "damage_waiver": 1 if x.waiver else 0,
                "status": "Returned" if x.back is not None else "Open",
            }
            rental_rows.append(x.row)
        billed = sorted(
            (x for x in rentals if x.invoice is not None),
            key=lambda x: (x.back, x.row["rental_id"]),  # type: ignore[index]
        )
        invoices, lines = [], []
        for number, x in enumerate(billed, start=1):
            assert x.invoice is not None and x.row is not None
            invoices.append({"invoice_id": number, "rental_id": x.row["rental_id"], **x.invoice})
            for name, quantity, price, amount in x.lines:
                lines.append(
                    {
                        "line_id": len(lines) + 1,
                        "invoice_id": number,
                        "charge_type": name,
                        "quantity": float(quantity),
                        "unit_price": price,
                        "amount": amount,
                    }
                )
        damaged = sorted(
            (x.damage for x in rentals if x.damage is not None),
            key=lambda d: (d["report_date"], d["rental"].row["rental_id"]),
        )
        damage_rows = []
        for number, d in enumerate(damaged, start=1):
            d["damage_id"] = number
            row = {k: v for k, v in d.items() if k not in ("rental", "vehicle", "damage_id")}
            damage_rows.append(
                {
                    "damage_id": number,
                    "rental_id": d["rental"].row["rental_id"],
                    "vehicle_id": d["vehicle"].row["vehicle_id"],
                    **row,
                }
            )
        kinds = (
            "Damage repair", "Hail repair", "Scheduled service", "Tire replacement", "Brake service",
            "Battery replacement",
        )  # fmt: skip
        jobs = sorted(
            self.jobs, key=lambda j: (j["start_date"], j["vehicle"].row["vehicle_id"], kinds.index(j["service_type"]))
        )
        job_rows = [
            {
                "maintenance_id": number,
                "vehicle_id": j["vehicle"].row["vehicle_id"],
                "branch_id": j["branch_id"],
                "service_type": j["service_type"],
                "damage_id": j["damage"]["damage_id"] if j["damage"] is not None else None,
                "start_date": j["start_date"],
                "end_date": j["end_date"],
                "odometer": j["odometer"],
                "cost": j["cost"],
            }
            for number, j in enumerate(jobs, start=1)
        ]
        return {
            "branches": [
                {
                    "branch_id": k,
                    "branch_name": b.name,
                    "city": b.city,
                    "branch_type": b.kind,
                    "street_address": b.street,
                    "opened_date": b.opened,
                    "sales_tax_rate": _CITIES[b.city].tax,
                }
                for k, b in enumerate(_BRANCHES, start=1)
            ],
            "vehicle_classes": [
                {
                    "class_id": k,
                    "class_name": c.name,
                    "passenger_seats": c.seats,
                    "luggage_capacity": c.bags,
                    "fuel_tank_gallons": c.tank,
                    "daily_rate": _cents(round(c.rate * _RATE_RISE) - 0.01),
                }
                for k, c in enumerate(_CLASSES, start=1)
            ],
            "vehicles": vehicles,
            "corporate_accounts": [
                {
                    "account_id": k,
                    "company_name": a.name,
                    "industry": a.industry,
                    "city": a.city,
                    "discount_pct": float(a.discount),
                    "contract_start_date": a.start,
                    "contract_end_date": a.end,
                }
                for k, a in enumerate(_ACCOUNTS, start=1)
            ],
            "customers": customers,
            "reservations": reservations,
            "rentals": rental_rows,
            "invoices": invoices,
            "invoice_lines": lines,
            "damage_reports": damage_rows,
            "maintenance_events": job_rows,
        }


def car_rental_rows() -> dict[str, list[dict]]:
    """Every table's rows, by table name, generated from the fixed seed. Times are datetimes (written as
    'YYYY-MM-DD HH:MM')."""
    company = _Company(SEED)
    company.people()
    company.demand()
    company.run()
    company.bill()
    return company.finish()


def database_path(out_dir: Path) -> Path:
    return sqlite_file.database_path(out_dir, DB_ID)


def build(out_dir: Path) -> Path:
    """Write the warehouse under `out_dir` in the eval-set layout, replacing an older build; return its path."""
    return sqlite_file.write(database_path(out_dir), _TABLES, _with_minute_times(car_rental_rows()))


def main(argv: list[str] | None = None) -> int:
    return sqlite_file.main(argv, "bench.warehouses.car_rental", build, HELD_OUT_QUESTIONS)


if __name__ == "__main__":
    sys.exit(main())
