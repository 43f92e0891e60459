"""A property management company's warehouse: Cornerstone Property Management, letting apartments and commercial
space (offices and shops) in buildings it manages in four cities (buildings, units, tenants, leases with their
renewals and move-outs, monthly rent invoices and the payments made on them, maintenance work orders and the vendors
who do the work, and unit inspections).

    python -m bench.warehouses.property OUT_DIR [--with-questions]

writes OUT_DIR/database/property/property.sqlite, the layout of the project's eval sets (see bench/dataset.py);
`--with-questions` also copies the held-out questions (bench/heldout/property/questions.json) beside it, so that
`python -m bench --dataset OUT_DIR --out FILE.json` runs them. Those questions are the project's fair measure: do
not read them (nor their wrong answers) while designing what they measure.

Everything comes from a fixed seed over fixed dates (2024-01-01 .. 2025-12-31), with only the standard library, so
every build holds the same rows. The company moved to its current property management system on 2024-01-01: the
leases in force that day are in the data with their start dates (in 2023, or years before for commercial leases),
while rent invoices, payments, work orders and inspections start on 2024-01-01. A household's lease runs for six or
twelve months, a business's for three or five years; at its end the tenant renews (a new lease row, at a new rent)
or moves out, and the unit stands empty until the next tenant moves in. Rent is invoiced every calendar month (a
part month at a move-in or an early move-out is prorated) and due by the 5th; a late payer is charged a late fee.

The business has a shape worth asking about: more households move in the summer, when empty flats let faster, and
fewer in the winter; asking rents are reviewed on March 1 each year, and on 2025-03-01 Harborview's rise steeply
(its renewal rents too), so that fewer Harborview households renew that year and more leave over the rent; the
largest employer in Riverton, a car parts plant, closes in February 2025, and from March on Riverton's tenants
pay late more often, move out more, and its empty flats take much longer to let, so its asking rents are cut on
2025-07-01 and new Riverton leases get half their first full month's rent off; a new building, Riverton Yards,
opens on 2025-04-01 and lets up slowly; Summit Towers, an old building in cold Granite Falls, has a failing boiler
that breaks down on 2025-01-14 and leaves it without heat for ten days (a wave of emergency heating requests, a
costly boiler replacement, a rent credit on every affected tenant's February invoice, and more tenants leaving
over maintenance in the months after); heating work peaks in the winter (most in Granite Falls), air conditioning
work in the summer (most in hot Mesa Rosa, above all in the heat wave of July 2025); a few tenants stop paying and
are evicted, and what they owed is written off; every move-out brings a move-out inspection, where damage beyond
normal wear is charged against the deposit, and a turnover job (cleaning and paint) before the next tenant.

SQLite has no COMMENT ON: every table and column is documented by a `--` comment inside its CREATE TABLE, which
SQLite keeps in sqlite_master.sql; `COMMENTS` holds the same text for readers that want it as data.
"""

from __future__ import annotations

import calendar
import math
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from bench.warehouses import sqlite_file
from bench.warehouses.sqlite_file import Col, Table, comments

DB_ID = "property"
HELD_OUT_QUESTIONS = Path(__file__).resolve().parent.parent / "heldout" / DB_ID / "questions.json"
SEED = 20240402
START = date(2024, 1, 1)
END = date(2025, 12, 31)  # the data's "today": nothing later is known

_TABLES: tuple[Table, ...] = (
    Table(
        "buildings",
        "Buildings we manage, one row per building, each in one city and either residential (apartments) or "
        "commercial (offices and shops).",
        (
            Col("building_id", "INTEGER PRIMARY KEY", "Unique building identifier."),
            Col("building_name", "TEXT NOT NULL", "Name of the building, unique, e.g. 'Summit Towers'."),
            Col(
                "city",
                "TEXT NOT NULL",
                "City the building is in: 'Harborview', 'Granite Falls', 'Mesa Rosa' or 'Riverton'.",
            ),
            Col("street_address", "TEXT NOT NULL", "Street address of the building, e.g. '400 Harbor Point Drive'."),
            Col(
                "building_type",
                "TEXT NOT NULL",
                "'Residential' (apartments let to households) or 'Commercial' (offices and shops let to businesses).",
            ),
            Col("year_built", "INTEGER NOT NULL", "Year the building was completed."),
            Col("floors", "INTEGER NOT NULL", "Number of floors above ground."),
            Col(
                "managed_since",
                "TEXT NOT NULL",
                "Date we started managing the building (YYYY-MM-DD), or its opening day for a building new to the "
                "market; its units could not be let through us before it.",
            ),
        ),
    ),
    Table(
        "units",
        "Rental units, one row per unit: an apartment in a residential building, an office suite or a shop in a "
        "commercial one. Every unit of a building is ours to let from the building's managed_since date.",
        (
            Col("unit_id", "INTEGER PRIMARY KEY", "Unique unit identifier."),
            Col("building_id", "INTEGER NOT NULL", "Building the unit is in (buildings.building_id)."),
            Col(
                "unit_number",
                "TEXT NOT NULL",
                "Number of the unit within its building, unique within the building, e.g. '304', 'Suite 210' or "
                "'Shop 3'.",
            ),
            Col(
                "unit_type",
                "TEXT NOT NULL",
                "'Studio', '1 Bedroom', '2 Bedroom' or '3 Bedroom' for apartments; 'Office' or 'Retail' for "
                "commercial units.",
            ),
            Col(
                "bedrooms",
                "INTEGER",
                "Number of bedrooms of an apartment (0 for a studio); NULL for offices and shops.",
            ),
            Col("square_feet", "INTEGER NOT NULL", "Floor area of the unit in square feet."),
            Col("floor", "INTEGER NOT NULL", "Floor the unit is on, 1 for the ground floor."),
            Col(
                "market_rent",
                "REAL NOT NULL",
                "Monthly rent in USD we ask today (2025-12-31) for a new lease of the unit; what each lease "
                "actually pays is leases.monthly_rent.",
            ),
        ),
        ("FOREIGN KEY (building_id) REFERENCES buildings (building_id)",),
    ),
    Table(
        "tenants",
        "Tenants, one row per tenant: a household (under the name of its lead tenant) or a business that has "
        "held at least one lease with us since 2024-01-01. A tenant only ever rents one unit.",
        (
            Col("tenant_id", "INTEGER PRIMARY KEY", "Unique tenant identifier."),
            Col(
                "tenant_name",
                "TEXT NOT NULL",
                "Name of the lead tenant or of the business; not unique (two people may share a name).",
            ),
            Col(
                "tenant_type",
                "TEXT NOT NULL",
                "'Individual' (a household renting an apartment) or 'Business' (a business renting an office or "
                "a shop).",
            ),
            Col(
                "industry",
                "TEXT",
                "Trade of a business tenant: 'Retail', 'Restaurant', 'Professional services', 'Healthcare', "
                "'Fitness' or 'Personal services'; NULL for individuals.",
            ),
            Col(
                "credit_score",
                "INTEGER",
                "Credit score of an individual tenant when they applied for their first lease (300-850); NULL for "
                "businesses.",
            ),
        ),
    ),
    Table(
        "leases",
        "Leases, one row per lease term of one tenant in one unit. When a tenant renews, the renewal is a new row "
        "starting the day after the previous lease's end_date and pointing back to it; a tenant who does not "
        "renew moves out on the end_date. Holds every lease in force at any time from 2024-01-01, so leases in "
        "force that day started before 2024. A unit is occupied on a day when one of its leases has start_date "
        "<= that day <= coalesce(move_out_date, end_date), and vacant otherwise.",
        (
            Col("lease_id", "INTEGER PRIMARY KEY", "Unique lease identifier."),
            Col("unit_id", "INTEGER NOT NULL", "Unit let (units.unit_id)."),
            Col("tenant_id", "INTEGER NOT NULL", "Tenant who holds the lease (tenants.tenant_id)."),
            Col(
                "lease_type",
                "TEXT NOT NULL",
                "'New' (a tenant moving into the unit: the start_date is their move-in day) or 'Renewal' (the same "
                "tenant staying on in the same unit for a further term).",
            ),
            Col(
                "previous_lease_id",
                "INTEGER",
                "For a renewal, the lease it renews (leases.lease_id), which ended the day before this one started; "
                "NULL for new leases, and for renewals that started before 2024 (their previous lease is not in the "
                "data).",
            ),
            Col("start_date", "TEXT NOT NULL", "First day of the lease (YYYY-MM-DD)."),
            Col(
                "end_date",
                "TEXT NOT NULL",
                "Last day of the lease term as signed (YYYY-MM-DD), always the last day of a month; a tenant who "
                "left early moved out before it, on move_out_date.",
            ),
            Col(
                "monthly_rent",
                "REAL NOT NULL",
                "Rent in USD for a full month, fixed for the whole lease; a renewal's rent is set anew.",
            ),
            Col(
                "security_deposit",
                "REAL NOT NULL",
                "Security deposit in USD held for the tenancy; a renewal carries the same deposit forward.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "Status on 2025-12-31: 'Active' (the tenant still occupies the unit under this lease), 'Renewed' "
                "(ran to its end_date and was followed by a renewal), 'Ended' (ran to its end_date and the tenant "
                "moved out) or 'Terminated early' (the tenant moved out before the end_date).",
            ),
            Col(
                "move_out_date",
                "TEXT",
                "Last day the tenant occupied the unit (YYYY-MM-DD), when they have moved out: the end_date for "
                "'Ended' leases, an earlier day for 'Terminated early' ones; NULL for 'Active' and 'Renewed' leases.",
            ),
            Col(
                "move_out_reason",
                "TEXT",
                "Why the tenant moved out: 'Relocation', 'Bought a home', 'Needed more space', 'Rent increase', "
                "'Maintenance issues', 'Business closed', 'Eviction' (by us, for unpaid rent) or 'Other'; NULL "
                "unless move_out_date is set.",
            ),
        ),
        (
            "FOREIGN KEY (unit_id) REFERENCES units (unit_id)",
            "FOREIGN KEY (tenant_id) REFERENCES tenants (tenant_id)",
            "FOREIGN KEY (previous_lease_id) REFERENCES leases (lease_id)",
        ),
    ),
    Table(
        "rent_invoices",
        "Rent invoices, one row per lease per calendar month it covers, from 2024-01-01: the whole month, or the "
        "part of it from the move-in day or up to the move-out day. The tenant owes rent_amount - credit_amount + "
        "late_fee for it; what they paid is in payments.",
        (
            Col("invoice_id", "INTEGER PRIMARY KEY", "Unique invoice identifier."),
            Col("lease_id", "INTEGER NOT NULL", "Lease the rent is for (leases.lease_id)."),
            Col(
                "period_start",
                "TEXT NOT NULL",
                "First day the invoice covers (YYYY-MM-DD): the first of the month, or the lease's start_date.",
            ),
            Col(
                "period_end",
                "TEXT NOT NULL",
                "Last day the invoice covers (YYYY-MM-DD), in the same month: its last day, or the move-out day.",
            ),
            Col(
                "due_date",
                "TEXT NOT NULL",
                "Last day to pay without a late fee (YYYY-MM-DD), four days after period_start (the 5th for a "
                "whole month).",
            ),
            Col(
                "rent_amount",
                "REAL NOT NULL",
                "Rent for the period in USD: the lease's monthly_rent, prorated by days for part of a month.",
            ),
            Col(
                "credit_amount",
                "REAL NOT NULL",
                "Rent credit granted on the invoice in USD, taken off what the tenant owes: a move-in special, or "
                "an abatement for a loss of service such as heating; 0 when none.",
            ),
            Col(
                "late_fee",
                "REAL NOT NULL",
                "Late fee in USD, 5% of the rent less credit, charged when the invoice was not paid in full by its "
                "due_date (once that date has passed); 0 otherwise.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "Status on 2025-12-31: 'Paid' (paid in full), 'Open' (not yet paid in full) or 'Written off' (an "
                "evicted tenant's unpaid rent we gave up collecting).",
            ),
            Col(
                "paid_date",
                "TEXT",
                "Date the invoice was paid in full (YYYY-MM-DD), the date of its last payment; NULL unless status "
                "is 'Paid'.",
            ),
        ),
        ("FOREIGN KEY (lease_id) REFERENCES leases (lease_id)",),
    ),
    Table(
        "payments",
        "Payments received from tenants, one row per payment, each against one invoice; most invoices are paid "
        "in one payment, some in two.",
        (
            Col("payment_id", "INTEGER PRIMARY KEY", "Unique payment identifier."),
            Col("invoice_id", "INTEGER NOT NULL", "Invoice the payment is for (rent_invoices.invoice_id)."),
            Col("payment_date", "TEXT NOT NULL", "Date we received the payment (YYYY-MM-DD)."),
            Col("amount", "REAL NOT NULL", "Amount received in USD, late fee included when one was due."),
            Col(
                "payment_method",
                "TEXT NOT NULL",
                "'ACH' (bank transfer, often automatic), 'Card', 'Check' or 'Money order'.",
            ),
        ),
        ("FOREIGN KEY (invoice_id) REFERENCES rent_invoices (invoice_id)",),
    ),
    Table(
        "vendors",
        "Outside contractors who do maintenance work for us, one row per vendor; each works in one trade and one "
        "city. Work done by our own maintenance staff has no vendor.",
        (
            Col("vendor_id", "INTEGER PRIMARY KEY", "Unique vendor identifier."),
            Col("vendor_name", "TEXT NOT NULL", "Name of the vendor's business, unique."),
            Col(
                "trade",
                "TEXT NOT NULL",
                "Trade of the vendor: 'Plumbing', 'HVAC' (heating and air conditioning), 'Electrical', 'Appliance "
                "repair', 'Pest control', 'Locksmith', 'Roofing', 'Elevator' or 'General contractor'.",
            ),
            Col("city", "TEXT NOT NULL", "City the vendor works in (buildings.city)."),
            Col(
                "contract_start_date",
                "TEXT NOT NULL",
                "Date the vendor started working for us (YYYY-MM-DD); they have no work order before it.",
            ),
        ),
    ),
    Table(
        "work_orders",
        "Maintenance work orders, one row per job: a repair a tenant asked for, a problem found at an inspection, "
        "work our staff raised in the building's common areas, or the turnover of a unit after a move-out. From "
        "2024-01-01.",
        (
            Col("work_order_id", "INTEGER PRIMARY KEY", "Unique work order identifier."),
            Col("building_id", "INTEGER NOT NULL", "Building the work is in (buildings.building_id)."),
            Col(
                "unit_id",
                "INTEGER",
                "Unit the work is in (units.unit_id); NULL for work in the building's common areas (boiler room, "
                "roof, elevators, hallways).",
            ),
            Col(
                "category",
                "TEXT NOT NULL",
                "Kind of work: 'Plumbing', 'Heating', 'Air conditioning', 'Electrical', 'Appliance', 'Pest "
                "control', 'Locks and doors', 'Roof and exterior', 'Elevator', 'General repair' or 'Unit turnover' "
                "(cleaning and painting an empty unit for the next tenant).",
            ),
            Col(
                "priority",
                "TEXT NOT NULL",
                "'Emergency' (a danger or the loss of an essential service, e.g. no heat), 'Urgent' or 'Routine'.",
            ),
            Col(
                "source",
                "TEXT NOT NULL",
                "Who raised it: 'Tenant request', 'Inspection' (found at a unit inspection) or 'Staff' (common "
                "areas and unit turnovers).",
            ),
            Col("reported_date", "TEXT NOT NULL", "Date the work order was raised (YYYY-MM-DD)."),
            Col(
                "status",
                "TEXT NOT NULL",
                "Status on 2025-12-31: 'Completed', 'Open' (not finished yet) or 'Cancelled' (not needed after "
                "all: a duplicate, or fixed by the tenant).",
            ),
            Col(
                "completed_date",
                "TEXT",
                "Date the work was finished (YYYY-MM-DD); NULL unless status is 'Completed'.",
            ),
            Col(
                "vendor_id",
                "INTEGER",
                "Vendor who did or is doing the work (vendors.vendor_id); NULL when it is our own maintenance staff's.",
            ),
            Col(
                "cost",
                "REAL",
                "What the work cost us in USD: the vendor's invoice, or the parts and materials our own staff "
                "used (0 when the job needed none); NULL unless status is 'Completed'.",
            ),
        ),
        (
            "FOREIGN KEY (building_id) REFERENCES buildings (building_id)",
            "FOREIGN KEY (unit_id) REFERENCES units (unit_id)",
            "FOREIGN KEY (vendor_id) REFERENCES vendors (vendor_id)",
        ),
    ),
    Table(
        "inspections",
        "Unit inspections, one row per inspection of an occupied or just vacated unit, from 2024-01-01: on the "
        "day a new tenant moves in, within a few days after a tenant moves out, and once a year for every "
        "occupied apartment.",
        (
            Col("inspection_id", "INTEGER PRIMARY KEY", "Unique inspection identifier."),
            Col("unit_id", "INTEGER NOT NULL", "Unit inspected (units.unit_id)."),
            Col(
                "lease_id",
                "INTEGER NOT NULL",
                "Lease of the tenant the inspection was for (leases.lease_id): the lease starting (move-in), ending "
                "(move-out) or in force (annual).",
            ),
            Col("inspection_type", "TEXT NOT NULL", "'Move-in', 'Move-out' or 'Annual'."),
            Col("inspection_date", "TEXT NOT NULL", "Date of the inspection (YYYY-MM-DD)."),
            Col("inspector_name", "TEXT NOT NULL", "Full name of our staff member who inspected the unit."),
            Col(
                "condition_rating",
                "INTEGER NOT NULL",
                "Condition the inspector found, from 1 (poor) to 5 (excellent).",
            ),
            Col(
                "damage_charge",
                "REAL",
                "For a move-out inspection, the amount in USD charged to the departing tenant for damage beyond "
                "normal wear, deducted from their security deposit (0 when none); NULL for other inspections.",
            ),
        ),
        (
            "FOREIGN KEY (unit_id) REFERENCES units (unit_id)",
            "FOREIGN KEY (lease_id) REFERENCES leases (lease_id)",
        ),
    ),
)

COMMENTS = comments(_TABLES)


# --------------------------------------------------------------------------------------------
# Reference data.


@dataclass(frozen=True)
class _City:
    rent: float  # asking rent of a typical one-bedroom apartment in 2023, USD a month
    office: float  # asking office rent in 2023, USD per square foot a year
    retail: float  # asking shop rent in 2023, USD per square foot a year
    heating: float  # heating work, relative
    cooling: float  # air conditioning work, relative
    relet: float  # mean days an empty apartment takes to let beyond the turnover week, at an ordinary time
    renew: float  # chance a household renews at an ordinary rent rise
    asking: tuple[tuple[date, float], ...]  # steps of the apartments' asking rents: (from, factor)
    renewal: tuple[tuple[date, float], ...]  # rise of renewal rents for renewals starting from the day: (from, rise)
    inspectors: tuple[str, ...]


_LONG_AGO = date(2000, 1, 1)
_REVIEW_2024 = date(2024, 3, 1)
_REVIEW_2025 = date(2025, 3, 1)
_PLANT_CLOSES = date(2025, 3, 1)  # Riverton's troubles show from this month on
_RIVERTON_CUT = date(2025, 7, 1)  # asking rents cut and move-in specials in Riverton from this day
_CITIES = {
    "Harborview": _City(
        2150, 34, 40, 0.8, 0.6, 20, 0.6,
        ((_REVIEW_2024, 1.04), (_REVIEW_2025, 1.065)),
        ((_LONG_AGO, 0.03), (_REVIEW_2024, 0.045), (_REVIEW_2025, 0.08)),
        ("Dana Whitfield", "Marco Silva"),
    ),
    "Granite Falls": _City(
        1250, 22, 24, 2.0, 0.3, 32, 0.62,
        ((_REVIEW_2024, 1.03), (_REVIEW_2025, 1.035)),
        ((_LONG_AGO, 0.03), (_REVIEW_2024, 0.03), (_REVIEW_2025, 0.04)),
        ("Ruth Engstrom",),
    ),
    "Mesa Rosa": _City(
        1450, 26, 30, 0.4, 3.0, 28, 0.6,
        ((_REVIEW_2024, 1.035), (_REVIEW_2025, 1.045)),
        ((_LONG_AGO, 0.03), (_REVIEW_2024, 0.035), (_REVIEW_2025, 0.05)),
        ("Luis Ortega",),
    ),
    "Riverton": _City(
        1150, 20, 24, 1.3, 1.0, 28, 0.62,
        ((_REVIEW_2024, 1.025), (_RIVERTON_CUT, 0.93)),
        ((_LONG_AGO, 0.03), (_REVIEW_2024, 0.025), (_REVIEW_2025, 0.015), (_RIVERTON_CUT, 0.0)),
        ("Tamika Brooks",),
    ),
}  # fmt: skip
_TROUBLED = "Riverton"


@dataclass(frozen=True)
class _Building:
    name: str
    city: str
    street: str
    kind: str
    built: int
    floors: int
    managed_since: date
    mix: tuple[tuple[str, int], ...]  # unit type: how many
    quality: float  # rents relative to the city's usual
    inspection_month: int  # month of the yearly inspection of its apartments (0 for commercial buildings)


_RES, _COM = "Residential", "Commercial"
_BUILDINGS = (
    _Building("Harbor Point Apartments", "Harborview", "400 Harbor Point Drive", _RES, 1998, 12, date(2009, 6, 1),
              (("Studio", 24), ("1 Bedroom", 72), ("2 Bedroom", 56), ("3 Bedroom", 16)), 1.0, 4),
    _Building("Bayfront Lofts", "Harborview", "18 Wharf Street", _RES, 2012, 6, date(2013, 2, 1),
              (("Studio", 18), ("1 Bedroom", 36), ("2 Bedroom", 18)), 1.12, 9),
    _Building("Pier 9 Residences", "Harborview", "9 Pier Road", _RES, 2019, 10, date(2019, 8, 1),
              (("Studio", 20), ("1 Bedroom", 50), ("2 Bedroom", 40), ("3 Bedroom", 10)), 1.2, 6),
    _Building("Lighthouse Terrace", "Harborview", "72 Beacon Hill Road", _RES, 1985, 4, date(2011, 10, 1),
              (("Studio", 8), ("1 Bedroom", 24), ("2 Bedroom", 20), ("3 Bedroom", 4)), 0.88, 10),
    _Building("Marina Gardens", "Harborview", "1250 Marina Boulevard", _RES, 2004, 5, date(2016, 5, 1),
              (("Studio", 10), ("1 Bedroom", 40), ("2 Bedroom", 36), ("3 Bedroom", 10)), 1.0, 3),
    _Building("Harborview Commerce Center", "Harborview", "300 Commerce Way", _COM, 2001, 8, date(2012, 1, 1),
              (("Office", 22), ("Retail", 6)), 1.0, 0),
    _Building("Seaside Plaza", "Harborview", "55 Shoreline Avenue", _COM, 1995, 2, date(2015, 7, 1),
              (("Retail", 14), ("Office", 2)), 0.95, 0),
    _Building("Summit Towers", "Granite Falls", "1 Summit Avenue", _RES, 1979, 14, date(2008, 3, 1),
              (("Studio", 28), ("1 Bedroom", 56), ("2 Bedroom", 44), ("3 Bedroom", 12)), 0.9, 5),
    _Building("Pinecrest Apartments", "Granite Falls", "230 Pinecrest Lane", _RES, 1992, 4, date(2014, 9, 1),
              (("Studio", 8), ("1 Bedroom", 24), ("2 Bedroom", 24), ("3 Bedroom", 8)), 0.95, 8),
    _Building("Falls View Flats", "Granite Falls", "88 Cascade Road", _RES, 2015, 6, date(2015, 11, 1),
              (("Studio", 12), ("1 Bedroom", 36), ("2 Bedroom", 28), ("3 Bedroom", 8)), 1.12, 6),
    _Building("Granite Office Park", "Granite Falls", "500 Quarry Road", _COM, 2008, 3, date(2018, 4, 1),
              (("Office", 20),), 1.0, 0),
    _Building("Desert Bloom Apartments", "Mesa Rosa", "1700 Desert Bloom Way", _RES, 2006, 4, date(2010, 4, 1),
              (("Studio", 16), ("1 Bedroom", 48), ("2 Bedroom", 44), ("3 Bedroom", 12)), 1.0, 11),
    _Building("Saguaro Court", "Mesa Rosa", "45 Saguaro Street", _RES, 1999, 3, date(2017, 1, 1),
              (("Studio", 6), ("1 Bedroom", 24), ("2 Bedroom", 24), ("3 Bedroom", 6)), 0.92, 2),
    _Building("Canyon Ridge Residences", "Mesa Rosa", "910 Canyon Ridge Parkway", _RES, 2018, 5, date(2018, 9, 1),
              (("Studio", 14), ("1 Bedroom", 40), ("2 Bedroom", 32), ("3 Bedroom", 10)), 1.15, 10),
    _Building("Mesa Rosa Marketplace", "Mesa Rosa", "2200 Old Mission Road", _COM, 2010, 2, date(2013, 6, 1),
              (("Retail", 18), ("Office", 4)), 1.0, 0),
    _Building("Millbrook Apartments", "Riverton", "16 Millbrook Road", _RES, 1988, 4, date(2012, 8, 1),
              (("Studio", 10), ("1 Bedroom", 34), ("2 Bedroom", 34), ("3 Bedroom", 10)), 0.9, 7),
    _Building("Elm Street Lofts", "Riverton", "210 Elm Street", _RES, 2009, 5, date(2010, 3, 1),
              (("Studio", 12), ("1 Bedroom", 28), ("2 Bedroom", 20)), 1.05, 9),
    _Building("Riverton Station Apartments", "Riverton", "3 Station Square", _RES, 2016, 6, date(2016, 10, 1),
              (("Studio", 10), ("1 Bedroom", 32), ("2 Bedroom", 30), ("3 Bedroom", 8)), 1.1, 4),
    _Building("Riverton Business Center", "Riverton", "700 Industrial Parkway", _COM, 2003, 4, date(2011, 5, 1),
              (("Office", 14), ("Retail", 4)), 1.0, 0),
    _Building("Riverton Yards", "Riverton", "1 Yards Boulevard", _RES, 2025, 7, date(2025, 4, 1),
              (("Studio", 16), ("1 Bedroom", 44), ("2 Bedroom", 34), ("3 Bedroom", 10)), 1.18, 11),
)  # fmt: skip
_SUMMIT = "Summit Towers"
_NEW_BUILDING = "Riverton Yards"
_BOILER_FAILS = date(2025, 1, 14)
_HEAT_BACK = date(2025, 1, 24)
_BOILER_REPAIRS = ((date(2024, 11, 18), "Urgent", 3180.0), (date(2024, 12, 9), "Emergency", 5840.0),
                   (date(2025, 1, 6), "Emergency", 2460.0))  # fmt: skip
_BOILER_REPLACED = 186_400.0
_HEAT_CREDIT = 0.35  # of the February 2025 rent, for every Summit Towers tenant left without heat
_SPECIAL = 0.5  # of the first full month's rent off a new lease in Riverton from the cut, and at Riverton Yards
_HEAT_WAVE = (date(2025, 7, 1), date(2025, 7, 31), 1.9)  # Mesa Rosa: air conditioning work multiplied

# unit type: (bedrooms, rent relative to a one-bedroom, median square feet, spread)
_APARTMENTS = {
    "Studio": (0, 0.78, 470, 35),
    "1 Bedroom": (1, 1.0, 690, 55),
    "2 Bedroom": (2, 1.32, 980, 75),
    "3 Bedroom": (3, 1.62, 1290, 95),
}
_COMMERCIAL = {"Office": 2200, "Retail": 1600}  # median square feet
_LATE_FEE = 0.05
_DUE_DAYS = 4

_INDUSTRIES = {
    "Office": (("Professional services", 0.55), ("Healthcare", 0.3), ("Personal services", 0.15)),
    "Retail": (("Retail", 0.38), ("Restaurant", 0.3), ("Fitness", 0.12), ("Personal services", 0.2)),
}
_BUSINESS_WORDS = {
    "Retail": ("Boutique", "Outfitters", "Books", "Florist", "Home Goods", "Cycle Shop", "Gifts"),
    "Restaurant": ("Bistro", "Taqueria", "Noodle Bar", "Bakery", "Coffee Roasters", "Pizzeria", "Grill"),
    "Professional services": ("Law Group", "Accounting", "Consulting", "Architects", "Realty", "Insurance Agency"),
    "Healthcare": ("Dental", "Family Clinic", "Physical Therapy", "Eye Care", "Pediatrics", "Chiropractic"),
    "Fitness": ("Yoga Studio", "Fitness", "CrossFit", "Pilates", "Climbing Gym"),
    "Personal services": ("Salon", "Barbers", "Dry Cleaners", "Nail Studio", "Tailors", "Spa"),
}
_PLACE_WORDS = (
    "Harbor", "Maple", "Riverside", "Summit", "Oak Street", "Bayside", "Main Street", "Pine Ridge", "Lakeview",
    "Cedar", "Northside", "Old Town", "Granite", "Copper", "Elm", "Union", "Liberty", "Sunrise", "Hillside",
    "Westgate", "Blue Heron", "Magnolia", "Crescent", "Juniper", "Red Rock", "Station", "Mill", "Canyon",
)  # fmt: skip
_SUFFIXES = ("LLC", "Inc.", "Co.", "& Partners", "Group")
_FIRST = (
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
    "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher", "Karen", "Charles", "Lisa",
    "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Sandra", "Mark", "Ashley", "Steven", "Emily", "Andrew",
    "Michelle", "Joshua", "Amanda", "Kevin", "Melissa", "Brian", "Stephanie", "Luis", "Maria", "Wei", "Mei",
    "Ahmed", "Fatima", "Raj", "Anita", "Carlos", "Sofia", "Tyrone", "Keisha", "Hiroshi", "Yuki", "Olga", "Ivan",
    "Jamal", "Aaliyah", "Diego", "Camila", "Noah", "Emma", "Liam", "Olivia", "Ethan", "Ava", "Mason", "Chloe",
)  # fmt: skip
_LAST = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
    "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young",
    "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker",
    "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Chen", "Patel", "Kim", "Murphy", "O'Brien",
    "Kowalski", "Schultz", "Rossi", "Dubois", "Novak", "Okafor", "Haddad", "Lindqvist", "Yamamoto", "Singh",
)  # fmt: skip

# vendors: (name, trade, city, contract start, price relative, speed relative)
_VENDORS = (
    ("Bayline Plumbing Co.", "Plumbing", "Harborview", date(2014, 3, 3), 1.1, 0.9),
    ("Harbor Pipe & Drain", "Plumbing", "Harborview", date(2019, 6, 17), 0.95, 1.1),
    ("Seacoast Heating & Air", "HVAC", "Harborview", date(2012, 9, 10), 1.05, 1.0),
    ("Tidewater Climate Services", "HVAC", "Harborview", date(2024, 5, 6), 0.92, 1.15),
    ("Lighthouse Electric", "Electrical", "Harborview", date(2013, 4, 22), 1.0, 1.0),
    ("Portside Appliance Repair", "Appliance repair", "Harborview", date(2016, 2, 1), 1.0, 0.95),
    ("Bayline Pest Control", "Pest control", "Harborview", date(2015, 8, 3), 1.0, 1.0),
    ("Anchor Lock & Key", "Locksmith", "Harborview", date(2012, 1, 9), 1.0, 0.8),
    ("Coastal Roofing Inc.", "Roofing", "Harborview", date(2011, 5, 16), 1.1, 1.1),
    ("Harbor Elevator Service", "Elevator", "Harborview", date(2010, 7, 12), 1.0, 1.0),
    ("Wharfside Builders", "General contractor", "Harborview", date(2017, 10, 2), 1.05, 1.0),
    ("Northpeak Plumbing", "Plumbing", "Granite Falls", date(2010, 11, 1), 1.0, 1.0),
    ("Granite Heating & Air", "HVAC", "Granite Falls", date(2009, 1, 12), 1.0, 1.0),
    ("Frostline Mechanical", "HVAC", "Granite Falls", date(2018, 10, 15), 1.15, 0.85),
    ("Quarry Electric LLC", "Electrical", "Granite Falls", date(2014, 6, 30), 0.95, 1.05),
    ("Summit Appliance Repair", "Appliance repair", "Granite Falls", date(2016, 3, 14), 1.0, 1.0),
    ("Evergreen Pest Control", "Pest control", "Granite Falls", date(2015, 4, 6), 1.0, 1.0),
    ("Cascade Lock & Key", "Locksmith", "Granite Falls", date(2013, 9, 9), 1.0, 1.0),
    ("Ironwood Roofing", "Roofing", "Granite Falls", date(2012, 5, 21), 1.0, 1.0),
    ("Alpine Elevator Co.", "Elevator", "Granite Falls", date(2008, 3, 3), 1.0, 1.0),
    ("Falls Builders & Sons", "General contractor", "Granite Falls", date(2015, 2, 2), 1.0, 1.0),
    ("Sunstone Plumbing", "Plumbing", "Mesa Rosa", date(2011, 7, 11), 1.0, 1.0),
    ("Mesa Heating & Air", "HVAC", "Mesa Rosa", date(2010, 4, 5), 1.0, 1.0),
    ("Desert Cool Climate Services", "HVAC", "Mesa Rosa", date(2017, 5, 8), 0.9, 1.2),
    ("Red Rock Electric", "Electrical", "Mesa Rosa", date(2013, 1, 14), 1.0, 1.0),
    ("Mesa Appliance Repair", "Appliance repair", "Mesa Rosa", date(2014, 8, 18), 1.0, 1.0),
    ("Canyon Pest Control", "Pest control", "Mesa Rosa", date(2012, 6, 4), 0.95, 1.0),
    ("Adobe Lock & Key", "Locksmith", "Mesa Rosa", date(2013, 10, 7), 1.0, 1.0),
    ("Sunstone Roofing Co.", "Roofing", "Mesa Rosa", date(2011, 2, 28), 1.0, 1.0),
    ("Southwest Elevator Service", "Elevator", "Mesa Rosa", date(2010, 4, 5), 1.0, 1.0),
    ("Mesa Builders Group", "General contractor", "Mesa Rosa", date(2016, 9, 12), 1.0, 1.0),
    ("River City Plumbing", "Plumbing", "Riverton", date(2012, 8, 6), 0.95, 1.0),
    ("Millrace Heating & Air", "HVAC", "Riverton", date(2011, 3, 21), 1.0, 1.0),
    ("River City Electric", "Electrical", "Riverton", date(2013, 11, 11), 1.0, 1.0),
    ("Millrace Appliance Repair", "Appliance repair", "Riverton", date(2015, 1, 19), 1.0, 1.0),
    ("Riverbend Pest Control", "Pest control", "Riverton", date(2012, 8, 6), 1.0, 1.0),
    ("Keystone Lock & Key", "Locksmith", "Riverton", date(2014, 4, 14), 1.0, 1.0),
    ("Riverton Roofing Inc.", "Roofing", "Riverton", date(2011, 5, 2), 1.0, 1.0),
    ("Midstate Elevator Co.", "Elevator", "Riverton", date(2010, 3, 1), 1.0, 1.0),
    ("Station Builders", "General contractor", "Riverton", date(2016, 6, 6), 0.95, 1.0),
)
_SPEED = {vendor[0]: vendor[5] for vendor in _VENDORS}


@dataclass(frozen=True)
class _Work:
    trade: str  # vendors' trade for the work
    rate: float  # jobs an occupied apartment asks for a month, at relative 1
    cost: float  # median cost in USD of a vendor's job
    own: float  # chance our own staff do it
    urgent: tuple[float, float]  # chance it is an emergency, and that it is urgent


_WORK = {
    "Plumbing": _Work("Plumbing", 0.032, 290, 0.35, (0.14, 0.32)),
    "Heating": _Work("HVAC", 0.011, 410, 0.15, (0.3, 0.4)),
    "Air conditioning": _Work("HVAC", 0.012, 380, 0.15, (0.12, 0.4)),
    "Electrical": _Work("Electrical", 0.011, 260, 0.25, (0.15, 0.3)),
    "Appliance": _Work("Appliance repair", 0.024, 215, 0.3, (0.02, 0.35)),
    "Pest control": _Work("Pest control", 0.008, 160, 0.0, (0.0, 0.3)),
    "Locks and doors": _Work("Locksmith", 0.01, 145, 0.35, (0.18, 0.25)),
    "Roof and exterior": _Work("Roofing", 0.0, 1450, 0.0, (0.08, 0.35)),
    "Elevator": _Work("Elevator", 0.0, 1850, 0.0, (0.2, 0.5)),
    "General repair": _Work("General contractor", 0.022, 240, 0.7, (0.01, 0.15)),
    "Unit turnover": _Work("General contractor", 0.0, 1350, 0.5, (0.0, 0.0)),
}
_HEATING = (2.4, 2.0, 1.5, 0.8, 0.25, 0.05, 0.02, 0.02, 0.15, 0.8, 1.6, 2.3)  # by month, Jan..Dec
_COOLING = (0.05, 0.05, 0.2, 0.5, 1.2, 2.2, 2.8, 2.7, 1.6, 0.6, 0.1, 0.05)
_PESTS = (0.6, 0.6, 0.8, 1.0, 1.2, 1.4, 1.5, 1.4, 1.2, 1.0, 0.7, 0.6)
_FREEZE = (1.35, 1.3, 1.1, 1.0, 0.95, 0.9, 0.9, 0.9, 0.95, 1.0, 1.1, 1.3)  # plumbing in the cold
_DAYS = {"Emergency": 0.6, "Urgent": 3.0, "Routine": 8.0}  # median days to finish
_COMMON = {  # category: common-area jobs a building raises a month, per 100 units
    "Roof and exterior": 0.12,
    "Plumbing": 0.2,
    "Electrical": 0.14,
    "Heating": 0.1,
    "Air conditioning": 0.08,
    "Elevator": 0.1,
    "General repair": 0.35,
    "Pest control": 0.08,
}


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


def _month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def _add_months(first: date, months: int) -> date:
    """The first day of the month `months` after the month of `first`."""
    year, month = divmod(first.month - 1 + months, 12)
    return date(first.year + year, month + 1, 1)


def _term_end(start: date, months: int) -> date:
    """The last day of a lease of `months` months starting on `start`: leases run to the end of a month, so one
    starting mid-month has that part month on top."""
    return _month_end(_add_months(start, months - (1 if start.day == 1 else 0)))


def _step(steps: tuple[tuple[date, float], ...], day: date) -> float:
    """The value of the last step taken on or before `day`, or 0 before the first."""
    value = 0.0
    for since, v in steps:
        if since <= day:
            value = v
    return value


def _pick(rng: random.Random, choices: tuple[tuple[str, float], ...] | list[tuple[str, float]]) -> str:
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


def _random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _months(first: date, last: date) -> list[tuple[date, date]]:
    """The parts of calendar months from `first` to `last`, as (first day, last day)."""
    out = []
    day = first
    while day <= last:
        end = min(_month_end(day), last)
        out.append((day, end))
        day = end + timedelta(days=1)
    return out


# --------------------------------------------------------------------------------------------
# Generation.

_MOVE_INS = (0.7, 0.75, 0.9, 1.0, 1.15, 1.3, 1.35, 1.3, 1.1, 0.95, 0.8, 0.7)  # leases starting, by month
_RELET = (1.5, 1.4, 1.1, 0.95, 0.8, 0.7, 0.7, 0.75, 0.9, 1.05, 1.3, 1.6)  # days to let, by month of the move-out
_LATE = (1.5, 1.1, 1.0, 0.95, 0.9, 0.9, 0.9, 0.95, 1.0, 1.0, 1.05, 1.25)  # late payment, by month of the rent


@dataclass
class _Unit:
    row: dict
    building: _Building
    base: float  # monthly asking rent in 2023
    leases: list[_Lease] = field(default_factory=list)

    @property
    def residential(self) -> bool:
        return self.building.kind == _RES


@dataclass
class _Tenant:
    row: dict
    late: float  # chance an invoice is paid late, at an ordinary time
    risky: bool  # may stop paying altogether
    method: str


@dataclass
class _Lease:
    unit: _Unit
    tenant: _Tenant
    kind: str
    start: date
    months: int
    rent: float
    deposit: float
    previous: _Lease | None = None
    special: bool = False  # half the first full month's rent off
    special_used: bool = False
    status: str = "Active"
    move_out: date | None = None
    reason: str | None = None
    defaulted: date | None = None  # first rent period the tenant did not pay, if they stopped paying
    invoices: list[dict] = field(default_factory=list)
    row: dict | None = None

    @property
    def end(self) -> date:
        return _term_end(self.start, self.months)

    @property
    def last(self) -> date:
        """The last day the tenant occupies the unit under this lease (which may lie after 2025-12-31)."""
        return self.move_out or self.end

    @property
    def since(self) -> date:
        """The day the tenant's occupation of the unit began, as far as the data goes."""
        return self.previous.since if self.previous is not None else self.start


def _asking(unit: _Unit, day: date) -> float:
    """The unit's monthly asking rent for a lease starting on `day`."""
    city = unit.building.city
    if unit.residential:
        factor = 1.0
        for since, f in _CITIES[city].asking:
            if since <= day:
                factor *= f
        return float(round(unit.base * factor / 5) * 5)
    factor = 1.03 if day >= START else 1.0
    if day >= date(2025, 1, 1) and city != _TROUBLED:
        factor *= 1.03
    return float(round(unit.base * factor / 10) * 10)


class _Estate:
    """Every unit's tenancies one after another, from the lease in force on 2024-01-01 (or the empty unit) to
    2025-12-31: each lease's rent invoices and how they are paid, whether the tenant leaves early, is evicted,
    renews or moves out at the end, and how long the unit then stands empty; then the work orders and
    inspections that come with all of it."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.pay_rng = random.Random(seed + 1)
        self.work_rng = random.Random(seed + 2)
        self.check_rng = random.Random(seed + 3)
        self.buildings: list[dict] = []
        self.units: list[_Unit] = []
        self.leases: list[_Lease] = []
        self.payments: list[dict] = []
        self.work_orders: list[dict] = []
        self.inspections: list[dict] = []

    # --- buildings and units

    def build_units(self) -> None:
        rng = self.rng
        for bid, b in enumerate(_BUILDINGS, start=1):
            self.buildings.append(
                {
                    "building_id": bid,
                    "building_name": b.name,
                    "city": b.city,
                    "street_address": b.street,
                    "building_type": b.kind,
                    "year_built": b.built,
                    "floors": b.floors,
                    "managed_since": b.managed_since,
                }
            )
            kinds = [kind for kind, n in b.mix for _ in range(n)]
            rng.shuffle(kinds)
            city = _CITIES[b.city]
            if b.kind == _RES:
                per_floor = math.ceil(len(kinds) / b.floors)
                placed = [(1 + k // per_floor, k % per_floor + 1) for k in range(len(kinds))]
            else:
                shops = [k for k in kinds if k == "Retail"]
                offices = [k for k in kinds if k == "Office"]
                kinds = shops + offices
                upper = max(1, b.floors - 1) if shops else b.floors
                per_floor = math.ceil(len(offices) / upper) if offices else 1
                placed = [(1, k + 1) for k in range(len(shops))]
                placed += [(1 + (1 if shops else 0) + k // per_floor, k % per_floor + 1) for k in range(len(offices))]
            for kind, (floor, number) in zip(kinds, placed, strict=True):
                if kind in _APARTMENTS:
                    bedrooms, relative, area, spread = _APARTMENTS[kind]
                    feet = round(rng.gauss(area, spread) / 5) * 5
                    base = city.rent * relative * b.quality * (1 + 0.006 * (floor - 1)) * rng.gauss(1, 0.03)
                    label = f"{floor}{number:02d}"
                else:
                    bedrooms = None
                    feet = round(_COMMERCIAL[kind] * rng.lognormvariate(0, 0.4) / 10) * 10
                    yearly = city.retail if kind == "Retail" else city.office
                    base = feet * yearly / 12 * b.quality * rng.gauss(1, 0.05)
                    label = f"Shop {number}" if kind == "Retail" else f"Suite {floor}{number:02d}"
                unit = _Unit(
                    {
                        "unit_id": len(self.units) + 1,
                        "building_id": bid,
                        "unit_number": label,
                        "unit_type": kind,
                        "bedrooms": bedrooms,
                        "square_feet": feet,
                        "floor": floor,
                        "market_rent": 0.0,
                    },
                    b,
                    base,
                )
                unit.row["market_rent"] = _asking(unit, END)
                self.units.append(unit)

    # --- tenants and leases

    def _tenant(self, unit: _Unit) -> _Tenant:
        rng = self.rng
        if unit.residential:
            score = max(520, min(830, round(rng.gauss(700, 55))))
            late = max(0.01, min(0.35, (0.015 + max(0, 720 - score) * 0.0011) * rng.lognormvariate(0, 0.3)))
            methods = (
                ("ACH", 0.45),
                ("Card", 0.3),
                ("Check", 0.18),
                ("Money order", 0.07 + (0.1 if score < 620 else 0)),
            )
            row = {
                "tenant_name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                "tenant_type": "Individual",
                "industry": None,
                "credit_score": score,
            }
            return _Tenant(row, late, score < 610, _pick(rng, methods))
        industry = _pick(rng, _INDUSTRIES[unit.row["unit_type"]])
        name = f"{rng.choice(_PLACE_WORDS)} {rng.choice(_BUSINESS_WORDS[industry])} {rng.choice(_SUFFIXES)}"
        late = (0.09 if industry == "Restaurant" else 0.05) * rng.lognormvariate(0, 0.3)
        row = {"tenant_name": name, "tenant_type": "Business", "industry": industry, "credit_score": None}
        return _Tenant(row, late, rng.random() < 0.08, _pick(rng, (("ACH", 0.78), ("Check", 0.22))))

    def _term(self, unit: _Unit) -> int:
        if unit.residential:
            return 12 if self.rng.random() < 0.86 else 6
        return 36 if self.rng.random() < 0.5 else 60

    def _deposit(self, tenant: _Tenant, rent: float) -> float:
        if tenant.row["tenant_type"] == "Business":
            return 2 * rent
        return _cents(rent * (1.5 if tenant.row["credit_score"] < 620 else 1.0))

    def _new_lease(self, unit: _Unit, start: date) -> _Lease:
        tenant = self._tenant(unit)
        rent = _asking(unit, start)
        special = unit.residential and unit.building.city == _TROUBLED and start >= _RIVERTON_CUT
        special = special or unit.building.name == _NEW_BUILDING
        return _Lease(unit, tenant, "New", start, self._term(unit), rent, self._deposit(tenant, rent), special=special)

    def _initial(self, unit: _Unit) -> _Lease:
        """The lease in force on 2024-01-01: a household's started in 2023, a business's up to five years before;
        a renewal (of a lease not in the data) starts on the first of a month, as every renewal does."""
        rng = self.rng
        months = self._term(unit)
        renewal = rng.random() < (0.5 if unit.residential else 0.4)
        while True:
            first = START - timedelta(days=round(months * 30.44))
            start = _random_day(rng, first, START - timedelta(days=1))
            if renewal or not unit.residential:
                start = date(start.year, start.month, 1)
            if _term_end(start, months) >= START and rng.random() < _MOVE_INS[start.month - 1] / 1.35:
                break
        tenant = self._tenant(unit)
        rent = _asking(unit, start) * rng.gauss(0.985 if renewal else 1.0, 0.025)
        rent = float(round(rent / 5) * 5) if unit.residential else float(round(rent / 10) * 10)
        kind = "Renewal" if renewal else "New"
        return _Lease(unit, tenant, kind, start, months, rent, self._deposit(tenant, rent))

    def _first_start(self, unit: _Unit) -> date:
        """When the first tenant moves into a unit empty on 2024-01-01, or into a new building."""
        rng = self.rng
        if unit.building.managed_since > START:
            return unit.building.managed_since + timedelta(days=int(rng.expovariate(1 / 150)))
        if unit.residential:
            return START + timedelta(days=int(rng.expovariate(1 / 40)))
        return START + timedelta(days=int(rng.expovariate(1 / 160)))

    def run(self) -> None:
        rng = self.rng
        for unit in self.units:
            occupied = 0.955 if unit.residential else 0.88
            if unit.building.managed_since <= START and rng.random() < occupied:
                lease: _Lease | None = self._initial(unit)
            else:
                start = self._first_start(unit)
                lease = self._new_lease(unit, start) if start <= END else None
            while lease is not None:
                unit.leases.append(lease)
                self.leases.append(lease)
                lease = self._live(lease)

    def _breaks(self, lease: _Lease) -> tuple[date, str] | None:
        """Whether (and when, and why) the tenant leaves before the end of the term of their own accord."""
        rng = self.rng
        unit = lease.unit
        city, summit = unit.building.city, unit.building.name == _SUMMIT
        first = max(lease.start + timedelta(days=45), START)
        last = min(lease.end - timedelta(days=31), END)
        for month_first, month_last in _months(first, last):
            troubled = city == _TROUBLED and month_first >= _PLANT_CLOSES
            if unit.residential:
                chance = 0.011 if troubled else 0.0038
                if summit and date(2025, 2, 1) <= month_first <= date(2025, 4, 30) and rng.random() < 0.035:
                    return _random_day(rng, month_first, month_last), "Maintenance issues"
            else:
                chance = 0.006 if troubled else 0.0012
            if rng.random() < chance:
                if unit.residential:
                    reasons = [("Relocation", 0.45 * (2.2 if troubled else 1.0)), ("Bought a home", 0.15),
                               ("Needed more space", 0.1), ("Other", 0.3)]  # fmt: skip
                else:
                    reasons = [("Business closed", 0.5 * (2.0 if troubled else 1.0)), ("Relocation", 0.3),
                               ("Needed more space", 0.2)]  # fmt: skip
                return _random_day(rng, month_first, month_last), _pick(rng, reasons)
        return None

    def _live(self, lease: _Lease) -> _Lease | None:
        """The lease from its start to its end or 2025-12-31: its invoices, an early move-out or eviction, then
        the renewal or the move-out and the next tenant; returns the lease that follows in the unit, if any."""
        rng = self.rng
        unit = lease.unit
        city = unit.building.city
        early = self._breaks(lease)
        if early is not None:
            lease.move_out, lease.reason = early
        day = max(lease.start, START)
        while day <= min(lease.last, END):
            period_end = min(_month_end(day), lease.last)
            chance = 0.02 if unit.residential else 0.006
            if city == _TROUBLED and day >= _PLANT_CLOSES:
                chance *= 2.2
            if (
                lease.tenant.risky
                and lease.defaulted is None
                and day.day == 1
                and day > lease.since + timedelta(days=60)
                and rng.random() < chance
            ):
                evicted = day + timedelta(days=_DUE_DAYS + rng.randint(45, 85))
                if evicted < lease.last:
                    lease.defaulted = day
                    lease.move_out, lease.reason = evicted, "Eviction"
                    period_end = min(_month_end(day), lease.last)
            lease.invoices.append(self._invoice(lease, day, period_end))
            day = period_end + timedelta(days=1)
        if lease.move_out is not None and lease.move_out <= END:
            lease.status = "Terminated early"
        elif lease.move_out is not None or lease.end >= END:
            lease.move_out, lease.reason = None, None  # still there on 2025-12-31
            lease.status = "Active"
        else:
            renewal = self._renewal(lease)
            if renewal is not None:
                lease.status = "Renewed"
                return renewal
            lease.status, lease.move_out = "Ended", lease.end
        if lease.move_out is None:
            return None
        start = lease.move_out + timedelta(days=1) + timedelta(days=self._vacancy(lease))
        return self._new_lease(unit, start) if start <= END else None

    def _renewal(self, lease: _Lease) -> _Lease | None:
        """At the end of the term: the renewal rent offered and whether the tenant takes it; if not, why they
        move out (set on `lease`)."""
        rng = self.rng
        unit = lease.unit
        b = unit.building
        start = lease.end + timedelta(days=1)
        troubled = b.city == _TROUBLED and start >= _PLANT_CLOSES
        summit = b.name == _SUMMIT and date(2025, 2, 1) <= start <= date(2025, 9, 30)
        if unit.residential:
            rise = _step(_CITIES[b.city].renewal, start) + rng.gauss(0, 0.006)
            rent = float(round(lease.rent * (1 + rise) / 5) * 5)
            chance = _CITIES[b.city].renew + (0.08 if lease.months == 6 else 0.0) - 3.0 * max(0.0, rise - 0.04)
            chance -= (0.2 if troubled else 0.0) + (0.25 if summit else 0.0) + (0.12 if lease.tenant.late > 0.15 else 0)
        else:
            rise = 0.0 if troubled else 0.03
            rent = float(round(lease.rent * (1 + rise) / 10) * 10)
            chance = 0.74 - (0.2 if troubled else 0.0)
        if rng.random() < chance:
            months = lease.months if rng.random() < 0.8 else self._term(unit)
            return _Lease(unit, lease.tenant, "Renewal", start, months, rent, lease.deposit, previous=lease)
        if unit.residential:
            reasons = [
                ("Relocation", 0.27 * (2.2 if troubled else 1.0)),
                ("Bought a home", 0.19),
                ("Needed more space", 0.17),
                ("Rent increase", 0.1 + 6 * max(0.0, rise - 0.03)),
                ("Maintenance issues", 0.45 if summit else 0.04),
                ("Other", 0.13),
            ]
        else:
            reasons = [
                ("Business closed", 0.25 * (2.5 if troubled else 1.0)),
                ("Relocation", 0.3),
                ("Needed more space", 0.28),
                ("Rent increase", 0.17),
            ]
        lease.reason = _pick(rng, reasons)
        return None

    def _vacancy(self, lease: _Lease) -> int:
        """Days the unit stands empty after the move-out, beyond the day after it."""
        rng = self.rng
        unit = lease.unit
        moved = lease.move_out
        assert moved is not None
        if not unit.residential:
            return 40 + int(rng.expovariate(1 / 170))
        mean = _CITIES[unit.building.city].relet * _RELET[moved.month - 1]
        if unit.building.city == _TROUBLED and moved >= _PLANT_CLOSES - timedelta(days=1):
            mean *= 3.2 if moved < _RIVERTON_CUT else 2.2
        return 7 + int(rng.expovariate(1 / mean))

    # --- rent

    def _invoice(self, lease: _Lease, first: date, last: date) -> dict:
        month_days = calendar.monthrange(first.year, first.month)[1]
        days = (last - first).days + 1
        rent = lease.rent if days == month_days else _cents(lease.rent * days / month_days)
        credit = 0.0
        if lease.special and days == month_days and not lease.special_used:
            credit, lease.special_used = _cents(rent * _SPECIAL), True
        if lease.unit.building.name == _SUMMIT and first == date(2025, 2, 1) and lease.since <= _BOILER_FAILS:
            credit = _cents(rent * _HEAT_CREDIT)
        return {
            "lease": lease,
            "period_start": first,
            "period_end": last,
            "due_date": first + timedelta(days=_DUE_DAYS),
            "rent_amount": rent,
            "credit_amount": credit,
            "late_fee": 0.0,
            "status": "Open",
            "paid_date": None,
        }

    def collect(self) -> None:
        """How every invoice is paid: on time by most, late (with the fee) by some, more often in January and in
        Riverton after the plant closes; never by a tenant who stopped paying (written off once evicted)."""
        rng = self.pay_rng
        for lease in self.leases:
            tenant = lease.tenant
            for invoice in lease.invoices:
                first, due = invoice["period_start"], invoice["due_date"]
                owed = _cents(invoice["rent_amount"] - invoice["credit_amount"])
                fee = _cents(owed * _LATE_FEE)
                if lease.defaulted is not None and first >= lease.defaulted:
                    invoice["late_fee"] = fee if due < END else 0.0
                    invoice["status"] = "Written off" if lease.status == "Terminated early" else "Open"
                    continue
                chance = tenant.late * _LATE[first.month - 1]
                if lease.unit.building.city == _TROUBLED and first >= _PLANT_CLOSES:
                    chance *= 1.9
                if lease.kind == "New" and first == lease.start:
                    chance = 0.0  # the first rent is paid when the keys are handed over
                paid: list[tuple[date, float]] = []
                if rng.random() < chance:
                    when = due + timedelta(days=1 + int(rng.expovariate(1 / (6 if rng.random() < 0.85 else 24))))
                    if rng.random() < 0.25:
                        part = _cents(owed * rng.uniform(0.3, 0.7))
                        paid.append((first + timedelta(days=rng.randint(0, _DUE_DAYS)), part))
                        paid.append((when, _cents(owed + fee - part)))
                    else:
                        paid.append((when, _cents(owed + fee)))
                    if due < END:
                        invoice["late_fee"] = fee
                else:
                    if (lease.kind == "New" and first == lease.start) or (
                        tenant.method == "ACH" and rng.random() < 0.75
                    ):
                        when = first
                    else:
                        when = first + timedelta(days=rng.randint(0, _DUE_DAYS))
                    if rng.random() < 0.025 and when < due:
                        part = _cents(owed * rng.uniform(0.4, 0.6))
                        paid.append((when, part))
                        paid.append((_random_day(rng, when + timedelta(days=1), due), _cents(owed - part)))
                    else:
                        paid.append((when, owed))
                for when, amount in paid:
                    if when <= END:
                        self.payments.append(
                            {
                                "invoice": invoice,
                                "payment_date": when,
                                "amount": amount,
                                "payment_method": tenant.method,
                            }
                        )
                if paid[-1][0] <= END:
                    invoice["status"], invoice["paid_date"] = "Paid", paid[-1][0]

    # --- maintenance

    def _vendors(self) -> dict[tuple[str, str], list[tuple[int, date, float, float]]]:
        found: dict[tuple[str, str], list[tuple[int, date, float, float]]] = {}
        for vid, (_, trade, city, since, price, speed) in enumerate(_VENDORS, start=1):
            found.setdefault((city, trade), []).append((vid, since, price, speed))
        return found

    def _add_job(
        self,
        unit: _Unit | None,
        building_id: int,
        category: str,
        reported: date,
        source: str,
        priority: str,
        vendor_id: int | None,
        status: str,
        completed: date | None,
        cost: float | None,
    ) -> None:
        self.work_orders.append(
            {
                "building_id": building_id,
                "unit_id": unit.row["unit_id"] if unit is not None else None,
                "category": category,
                "priority": priority,
                "source": source,
                "reported_date": reported,
                "status": status,
                "completed_date": completed,
                "vendor_id": vendor_id,
                "cost": cost,
            }
        )

    def _job(self, unit: _Unit | None, building_id: int, category: str, reported: date, source: str) -> None:
        """A job as it usually goes: its priority, our own staff or a vendor of the trade in the city, how long it
        takes, what it costs, and now and then its cancellation."""
        rng = self.work_rng
        work = _WORK[category]
        city = _BUILDINGS[building_id - 1].city
        emergency, urgent = work.urgent
        if category == "Heating" and reported.month in (12, 1, 2):
            emergency = min(0.7, emergency * 1.6)
        roll = rng.random()
        priority = "Emergency" if roll < emergency else ("Urgent" if roll < emergency + urgent else "Routine")
        vendor_id, price, speed = None, 1.0, 0.9
        if rng.random() >= work.own:
            options = [v for v in self.vendor_options[city, work.trade] if v[1] <= reported]
            vendor_id, _, price, speed = rng.choices(options, [1.6] + [1.0] * (len(options) - 1))[0]
        median = 6.0 if category == "Unit turnover" else _DAYS[priority]
        completed = reported + timedelta(days=round(median * speed * rng.lognormvariate(0, 0.6)))
        if category != "Unit turnover" and rng.random() < 0.035:
            self._add_job(unit, building_id, category, reported, source, priority, vendor_id, "Cancelled", None, None)
            return
        if completed > END:
            self._add_job(unit, building_id, category, reported, source, priority, vendor_id, "Open", None, None)
            return
        if vendor_id is not None:
            cost = _cents(work.cost * price * (1.35 if priority == "Emergency" else 1.0) * rng.lognormvariate(0, 0.5))
        elif category != "Unit turnover" and rng.random() < 0.12:
            cost = 0.0
        else:
            cost = _cents(0.25 * work.cost * rng.lognormvariate(0, 0.6))
        self._add_job(unit, building_id, category, reported, source, priority, vendor_id, "Completed", completed, cost)

    def maintain(self) -> None:
        """Tenants' requests month by month while a unit is let (heating in the winter and most in cold places and
        old buildings, air conditioning in the summer and most in Mesa Rosa), common-area jobs, the turnover of
        every vacated unit, and the boiler of Summit Towers."""
        rng = self.work_rng
        self.vendor_options = self._vendors()
        ids = {b.name: bid for bid, b in enumerate(_BUILDINGS, start=1)}
        for lease in self.leases:
            unit = lease.unit
            b = unit.building
            city = _CITIES[b.city]
            age = 1 + (2025 - b.built) / 60
            for invoice in lease.invoices:
                first, last = invoice["period_start"], invoice["period_end"]
                m = first.month - 1
                weights = {}
                for category, work in _WORK.items():
                    weight = work.rate * age * (1.0 if unit.residential else 0.5)
                    if category == "Heating":
                        weight *= _HEATING[m] * city.heating * (1.8 if b.name == _SUMMIT else 1.0)
                    elif category == "Air conditioning":
                        wave = _HEAT_WAVE[2] if b.city == "Mesa Rosa" and _HEAT_WAVE[0] <= first <= _HEAT_WAVE[1] else 1
                        weight *= _COOLING[m] * city.cooling * wave
                    elif category == "Plumbing":
                        weight *= _FREEZE[m] * (1.15 if b.city == "Granite Falls" else 1.0)
                    elif category == "Pest control":
                        weight *= _PESTS[m]
                    if weight > 0:
                        weights[category] = weight
                share = ((last - first).days + 1) / calendar.monthrange(first.year, first.month)[1]
                for _ in range(_poisson(rng, sum(weights.values()) * share)):
                    category = rng.choices(list(weights), list(weights.values()))[0]
                    self._job(unit, ids[b.name], category, _random_day(rng, first, last), "Tenant request")
            if lease.move_out is not None and lease.move_out < END:
                self._job(unit, ids[b.name], "Unit turnover", lease.move_out + timedelta(days=1), "Staff")
        for bid, b in enumerate(_BUILDINGS, start=1):
            size = sum(n for _, n in b.mix) / 100
            city = _CITIES[b.city]
            for first, last in _months(max(START, b.managed_since), END):
                m = first.month - 1
                for category, rate in _COMMON.items():
                    if category == "Elevator" and b.floors < 4:
                        continue
                    season = 1.0
                    if category == "Heating":
                        season = _HEATING[m] * city.heating
                    elif category == "Air conditioning":
                        season = _COOLING[m] * city.cooling
                    elif category == "Roof and exterior":
                        season = 1.4 if first.month in (11, 12, 1, 2, 3) else 0.75
                    for _ in range(_poisson(rng, rate * size * season)):
                        self._job(None, bid, category, _random_day(rng, first, last), "Staff")
        self._boiler(ids[_SUMMIT])

    def _boiler(self, building_id: int) -> None:
        """Summit Towers' boiler: repairs in the early winter, the breakdown of 2025-01-14 and its replacement,
        and the tenants' emergency calls while they had no heat (our staff lent them heaters)."""
        rng = self.work_rng
        heating = {name: vid for vid, (name, trade, *_) in enumerate(_VENDORS, start=1)}
        for day, priority, cost in _BOILER_REPAIRS:
            done = day + timedelta(days=1 if priority == "Emergency" else 3)
            vendor = heating["Granite Heating & Air"]
            self._add_job(None, building_id, "Heating", day, "Staff", priority, vendor, "Completed", done, cost)
        self._add_job(
            None, building_id, "Heating", _BOILER_FAILS, "Staff", "Emergency", heating["Frostline Mechanical"],
            "Completed", _HEAT_BACK, _BOILER_REPLACED,
        )  # fmt: skip
        for lease in self.leases:
            if lease.unit.building.name != _SUMMIT or not lease.start <= _BOILER_FAILS <= lease.last:
                continue
            if rng.random() < 0.62:
                reported = min(lease.last, _BOILER_FAILS + timedelta(days=rng.choice((0, 0, 0, 1, 1, 2))))
                self._add_job(
                    lease.unit, building_id, "Heating", reported, "Tenant request", "Emergency", None, "Completed",
                    _HEAT_BACK, 0.0,
                )  # fmt: skip

    # --- inspections

    def _inspection(self, lease: _Lease, kind: str, day: date, rating: int, damage: float | None) -> None:
        inspectors = _CITIES[lease.unit.building.city].inspectors
        self.inspections.append(
            {
                "unit_id": lease.unit.row["unit_id"],
                "lease": lease,
                "inspection_type": kind,
                "inspection_date": day,
                "inspector_name": self.check_rng.choice(inspectors),
                "condition_rating": rating,
                "damage_charge": damage,
            }
        )

    def inspect(self) -> None:
        """Move-in and move-out inspections (damage charged against the deposit), and every building's yearly
        round of its occupied apartments, where a poor unit gets a work order."""
        rng = self.check_rng
        for lease in self.leases:
            if lease.kind == "New" and START <= lease.start <= END:
                rating = int(_pick(rng, (("3", 0.06), ("4", 0.36), ("5", 0.58))))
                self._inspection(lease, "Move-in", lease.start, rating, None)
            if lease.move_out is not None and lease.move_out + timedelta(days=3) <= END:
                day = lease.move_out + timedelta(days=rng.randint(0, 3))
                if lease.reason == "Eviction":
                    weights = (("1", 0.3), ("2", 0.35), ("3", 0.25), ("4", 0.1))
                else:
                    weights = (("1", 0.04), ("2", 0.1), ("3", 0.3), ("4", 0.38), ("5", 0.18))
                rating = int(_pick(rng, weights))
                if rating == 5 or (rating == 4 and rng.random() < 0.75) or (rating == 3 and rng.random() < 0.3):
                    damage = 0.0
                elif rating == 4:
                    damage = _cents(rng.uniform(50, 250))
                else:
                    damage = _cents({3: 350, 2: 900, 1: 2100}[rating] * rng.lognormvariate(0, 0.45))
                self._inspection(lease, "Move-out", day, rating, min(damage, lease.deposit))
        for bid, b in enumerate(_BUILDINGS, start=1):
            if b.kind != _RES:
                continue
            units = [u for u in self.units if u.row["building_id"] == bid]
            old = b.built < 1990
            for year in (2024, 2025):
                first = date(year, b.inspection_month, 1)
                if first < b.managed_since:
                    continue
                workdays = [first + timedelta(days=k) for k in range((_month_end(first) - first).days + 1)]
                workdays = [d for d in workdays if d.weekday() < 5]
                per_day = math.ceil(len(units) / len(workdays))
                for k, unit in enumerate(units):
                    day = workdays[k // per_day]
                    lease = next((x for x in unit.leases if x.start <= day <= x.last), None)
                    if lease is None:
                        continue
                    if old:
                        weights = (("1", 0.03), ("2", 0.09), ("3", 0.33), ("4", 0.4), ("5", 0.15))
                    else:
                        weights = (("1", 0.015), ("2", 0.05), ("3", 0.22), ("4", 0.46), ("5", 0.255))
                    rating = int(_pick(rng, weights))
                    self._inspection(lease, "Annual", day, rating, None)
                    if rating <= 2:
                        category = rng.choice(("General repair", "Plumbing", "Electrical", "Pest control", "Appliance"))
                        reported = day + timedelta(days=rng.randint(0, 2))
                        if reported <= END:
                            self._job(unit, bid, category, reported, "Inspection")

    # --- the tables

    def finish(self) -> dict[str, list[dict]]:
        leases = sorted(self.leases, key=lambda x: (x.start, x.unit.row["unit_id"]))
        tenants: list[dict] = []
        tenant_ids: dict[int, int] = {}
        for number, lease in enumerate(leases, start=1):
            if id(lease.tenant) not in tenant_ids:
                tenant_ids[id(lease.tenant)] = len(tenants) + 1
                tenants.append({"tenant_id": len(tenants) + 1, **lease.tenant.row})
            lease.row = {
                "lease_id": number,
                "unit_id": lease.unit.row["unit_id"],
                "tenant_id": tenant_ids[id(lease.tenant)],
                "lease_type": lease.kind,
                "previous_lease_id": None,
                "start_date": lease.start,
                "end_date": lease.end,
                "monthly_rent": lease.rent,
                "security_deposit": lease.deposit,
                "status": lease.status,
                "move_out_date": lease.move_out,
                "move_out_reason": lease.reason,
            }
        for lease in leases:
            if lease.previous is not None:
                assert lease.previous.row is not None
                lease.row["previous_lease_id"] = lease.previous.row["lease_id"]
        invoices = sorted(
            (i for lease in leases for i in lease.invoices),
            key=lambda i: (i["period_start"], i["lease"].row["lease_id"]),
        )
        invoice_rows = []
        for number, invoice in enumerate(invoices, start=1):
            invoice["invoice_id"] = number
            row = {k: v for k, v in invoice.items() if k != "lease"}
            invoice_rows.append({"invoice_id": number, "lease_id": invoice["lease"].row["lease_id"], **row})
        payments = sorted(self.payments, key=lambda p: (p["payment_date"], p["invoice"]["invoice_id"]))
        payment_rows = [
            {
                "payment_id": number,
                "invoice_id": p["invoice"]["invoice_id"],
                "payment_date": p["payment_date"],
                "amount": p["amount"],
                "payment_method": p["payment_method"],
            }
            for number, p in enumerate(payments, start=1)
        ]
        orders = sorted(self.work_orders, key=lambda w: (w["reported_date"], w["building_id"], w["unit_id"] or 0))
        order_rows = [{"work_order_id": number, **w} for number, w in enumerate(orders, start=1)]
        kinds = {"Move-out": 0, "Move-in": 1, "Annual": 2}
        checks = sorted(
            self.inspections, key=lambda c: (c["inspection_date"], c["unit_id"], kinds[c["inspection_type"]])
        )
        check_rows = []
        for number, c in enumerate(checks, start=1):
            row = {k: v for k, v in c.items() if k != "lease"}
            check_rows.append({"inspection_id": number, "lease_id": c["lease"].row["lease_id"], **row})
        return {
            "buildings": self.buildings,
            "units": [u.row for u in self.units],
            "tenants": tenants,
            "leases": [lease.row for lease in leases],
            "rent_invoices": invoice_rows,
            "payments": payment_rows,
            "vendors": [
                {"vendor_id": vid, "vendor_name": name, "trade": trade, "city": city, "contract_start_date": since}
                for vid, (name, trade, city, since, _, _) in enumerate(_VENDORS, start=1)
            ],
            "work_orders": order_rows,
            "inspections": check_rows,
        }


def property_rows() -> dict[str, list[dict]]:
    """Every table's rows, by table name, generated from the fixed seed."""
    estate = _Estate(SEED)
    estate.build_units()
    estate.run()
    estate.collect()
    estate.maintain()
    estate.inspect()
    return estate.finish()


def database_path(out_dir: Path) -> Path:
    return sqlite_file.database_path(out_dir, DB_ID)


def build(out_dir: Path) -> Path:
    """Write the warehouse under `out_dir` in the eval-set layout, replacing an older build; return its path."""
    return sqlite_file.write(database_path(out_dir), _TABLES, property_rows())


def main(argv: list[str] | None = None) -> int:
    return sqlite_file.main(argv, "bench.warehouses.property", build, HELD_OUT_QUESTIONS)


if __name__ == "__main__":
    sys.exit(main())
