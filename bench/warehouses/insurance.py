"""A property and casualty insurer's warehouse: Harbor Mutual, selling home, motor and small-business insurance in
five regions of the US East and Midwest through its own (captive) agents, independent brokers and its website
(agents, customers, products, policies and their renewals, premium payments, claims and the adjusters who handle
them).

    python -m bench.warehouses.insurance OUT_DIR [--with-questions]

writes OUT_DIR/database/insurance/insurance.sqlite, the layout of the project's eval sets (see bench/dataset.py);
`--with-questions` also copies the held-out questions (bench/heldout/insurance/questions.json) beside it, so that
`python -m bench --dataset OUT_DIR --out FILE.json` runs them. Those questions are the project's fair measure: do
not read them (nor their wrong answers) while designing what they measure.

Everything comes from a fixed seed over fixed dates (2024-01-01 .. 2025-12-31), with only the standard library, so
every build holds the same rows. The insurer moved to its current policy, billing and claims systems on 2024-01-01:
the policies in force that day are in the data with their 2023 start dates, while payments and claims start on
2024-01-01. Every policy runs for a year and may be renewed for another, at a new premium. The business has a
shape worth asking about: home claims come with the seasons (burst pipes and winter storms in the cold North,
spring hail in the Midwest, hurricanes in the South) and car crashes with icy roads; a hurricane strikes the Gulf
Coast at the end of September 2024, so that region pays out more in claims than it takes in premiums that year,
its claims take longer to settle, and its home and business premiums rise steeply at renewal in 2025, when fewer
of its customers renew and the insurer writes less new business there; the Southeast grows fastest; a winter
storm brings a wave of burst pipes in the Northeast and Mid-Atlantic in January 2025; premiums rise at every
renewal, more for a policy that had a claim; policies paid monthly are cancelled more often than those paid
once a year, some for non-payment after failed direct debits; agents differ in how many of their customers renew
and in how much their customers claim, a new agent starts in the Southeast in June 2024, and the website's share
of new business grows; claim settlement times vary by cause and adjuster (glass in days, liability in months);
some claims are denied or withdrawn, and some are still open; a cyber liability product is launched in April 2025.

SQLite has no COMMENT ON: every table and column is documented by a `--` comment inside its CREATE TABLE, which
SQLite keeps in sqlite_master.sql; `COMMENTS` holds the same text for readers that want it as data.
"""

from __future__ import annotations

import math
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bench.warehouses import sqlite_file
from bench.warehouses.sqlite_file import Col, Table, comments

DB_ID = "insurance"
HELD_OUT_QUESTIONS = Path(__file__).resolve().parent.parent / "heldout" / DB_ID / "questions.json"
SEED = 20240315
START = date(2024, 1, 1)
END = date(2025, 12, 31)  # the data's "today": nothing later is known

_TABLES: tuple[Table, ...] = (
    Table(
        "agents",
        "Agents and brokers who sell our policies, one row per agent. Policies bought on our website have no agent.",
        (
            Col("agent_id", "INTEGER PRIMARY KEY", "Unique agent identifier."),
            Col("agent_name", "TEXT NOT NULL", "Agent's full name, unique."),
            Col("agency_name", "TEXT NOT NULL", "Name of the agency or brokerage the agent works for."),
            Col(
                "agent_type",
                "TEXT NOT NULL",
                "'Captive' (an agent who sells only Harbor Mutual policies) or 'Independent broker' (a broker who "
                "also sells other insurers' policies).",
            ),
            Col(
                "region",
                "TEXT NOT NULL",
                "Region the agent works in, and where all their customers live: 'Northeast', 'Mid-Atlantic', "
                "'Southeast', 'Gulf Coast' or 'Midwest'.",
            ),
            Col(
                "appointed_date",
                "TEXT NOT NULL",
                "Date the agent was appointed to sell our policies (YYYY-MM-DD); they sold none before it.",
            ),
            Col(
                "commission_rate",
                "REAL NOT NULL",
                "Share of a policy's annual premium paid to the agent as commission, e.g. 0.1 for 10%.",
            ),
        ),
    ),
    Table(
        "customers",
        "Policyholders, one row per customer: a person or a business that has held at least one policy with us "
        "since 2024-01-01.",
        (
            Col("customer_id", "INTEGER PRIMARY KEY", "Unique customer identifier."),
            Col(
                "customer_name",
                "TEXT NOT NULL",
                "Name of the person or of the business; not unique (two people may share a name).",
            ),
            Col(
                "customer_type",
                "TEXT NOT NULL",
                "'Individual' (a person, who buys home and motor insurance) or 'Business' (a small business, which "
                "buys commercial motor and small-business insurance).",
            ),
            Col(
                "business_sector",
                "TEXT",
                "Trade of a business customer: 'Retail', 'Food and drink', 'Construction', 'Professional services', "
                "'Health and beauty' or 'Automotive'; NULL for individuals.",
            ),
            Col("state", "TEXT NOT NULL", "US state the customer lives or trades in, as its two-letter code."),
            Col(
                "region",
                "TEXT NOT NULL",
                "Our sales region the state belongs to: 'Northeast', 'Mid-Atlantic', 'Southeast', 'Gulf Coast' or "
                "'Midwest'.",
            ),
            Col(
                "customer_since",
                "TEXT NOT NULL",
                "Date the customer's first policy with us started (YYYY-MM-DD), which may be long before 2024.",
            ),
        ),
    ),
    Table(
        "products",
        "Insurance products we sell, one row per product.",
        (
            Col("product_id", "INTEGER PRIMARY KEY", "Unique product identifier."),
            Col("product_code", "TEXT NOT NULL", "Short code of the product, unique, e.g. 'HOME'."),
            Col("product_name", "TEXT NOT NULL", "Name of the product, e.g. 'Homeowners' or 'Personal Auto'."),
            Col(
                "line_of_business",
                "TEXT NOT NULL",
                "Line of business the product belongs to: 'Home', 'Motor' or 'Small business'.",
            ),
            Col(
                "customer_type",
                "TEXT NOT NULL",
                "Who can buy it: 'Individual' or 'Business' (customers.customer_type).",
            ),
            Col(
                "launched_date",
                "TEXT NOT NULL",
                "Date we started selling the product (YYYY-MM-DD); no policy of it starts before.",
            ),
        ),
    ),
    Table(
        "policies",
        "Insurance policies, one row per policy term: a year of cover for one customer under one product. When a "
        "policy is renewed, the renewal is a new row (a new policy_id and policy_number) for the following year, "
        "pointing back to the term it renews. Holds every term in force at any time from 2024-01-01, so terms in "
        "force that day started in 2023. The premium written for a term is its annual_premium, counted when the "
        "term starts.",
        (
            Col("policy_id", "INTEGER PRIMARY KEY", "Unique policy term identifier."),
            Col(
                "policy_number", "TEXT NOT NULL", "Policy number printed on the documents, unique, e.g. 'HMP-0012345'."
            ),
            Col("customer_id", "INTEGER NOT NULL", "Policyholder (customers.customer_id)."),
            Col("product_id", "INTEGER NOT NULL", "Product the policy is for (products.product_id)."),
            Col(
                "agent_id",
                "INTEGER",
                "Agent or broker who sold or renewed the policy (agents.agent_id); NULL for policies bought "
                "directly on our website.",
            ),
            Col(
                "business_type",
                "TEXT NOT NULL",
                "'New business' (the customer's first term of this product with us) or 'Renewal' (a term that "
                "renews the customer's previous term of the same product).",
            ),
            Col(
                "previous_policy_id",
                "INTEGER",
                "For a renewal, the policy term it renews (policies.policy_id), which ended the day before this "
                "one started; NULL for new business, and for renewals that started in 2023 (their previous term "
                "is not in the data).",
            ),
            Col("start_date", "TEXT NOT NULL", "First day of cover (YYYY-MM-DD)."),
            Col(
                "end_date",
                "TEXT NOT NULL",
                "Last day of cover as written (YYYY-MM-DD), a year after start_date less a day; a cancelled "
                "policy's cover stopped earlier, on cancelled_date.",
            ),
            Col(
                "annual_premium",
                "REAL NOT NULL",
                "Premium for the year of cover in USD, as written when the term started (written premium); a "
                "cancelled policy keeps it here, and any money paid back is a refund in premium_payments.",
            ),
            Col(
                "coverage_limit",
                "REAL NOT NULL",
                "Most the policy pays for one claim in USD: the sum insured of a home or business property, the "
                "liability limit of a motor, liability or cyber policy.",
            ),
            Col(
                "deductible",
                "REAL NOT NULL",
                "Amount in USD the customer bears of each claim before the policy pays (not applied to glass and "
                "liability claims).",
            ),
            Col(
                "payment_plan",
                "TEXT NOT NULL",
                "How the premium is paid: 'Annual' (once, at the start) or 'Monthly' (twelve monthly instalments).",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "Status on 2025-12-31: 'Active' (in force), 'Expired' (ran to its end_date, whether or not it was "
                "renewed) or 'Cancelled' (ended before its end_date).",
            ),
            Col(
                "cancelled_date",
                "TEXT",
                "Date a cancelled policy's cover stopped (YYYY-MM-DD); NULL unless status is 'Cancelled'.",
            ),
            Col(
                "cancellation_reason",
                "TEXT",
                "Why a cancelled policy was cancelled: 'Non-payment' (by us, after failed payments), 'Switched "
                "insurer' or 'No longer needed' (by the customer, e.g. a home or car sold, a business closed); NULL "
                "unless status is 'Cancelled'.",
            ),
        ),
        (
            "FOREIGN KEY (customer_id) REFERENCES customers (customer_id)",
            "FOREIGN KEY (product_id) REFERENCES products (product_id)",
            "FOREIGN KEY (agent_id) REFERENCES agents (agent_id)",
            "FOREIGN KEY (previous_policy_id) REFERENCES policies (policy_id)",
        ),
    ),
    Table(
        "premium_payments",
        "Premium payments, one row per collection attempt or refund, from 2024-01-01 (when billing moved to the "
        "current system; earlier payments are not here). A failed collection is a row with status 'Failed'; "
        "money received is the amount of rows with status 'Collected', less refunds.",
        (
            Col("payment_id", "INTEGER PRIMARY KEY", "Unique payment identifier."),
            Col("policy_id", "INTEGER NOT NULL", "Policy term the payment is for (policies.policy_id)."),
            Col("payment_date", "TEXT NOT NULL", "Date the money was collected, attempted or refunded (YYYY-MM-DD)."),
            Col(
                "payment_type",
                "TEXT NOT NULL",
                "'Premium' (the annual premium or a monthly instalment) or 'Refund' (unused premium paid back to "
                "the customer when an annually paid policy is cancelled at their request).",
            ),
            Col(
                "amount",
                "REAL NOT NULL",
                "Amount in USD: positive for a premium, negative for a refund.",
            ),
            Col(
                "payment_method",
                "TEXT NOT NULL",
                "'Direct debit', 'Card', 'Bank transfer' or 'Cheque'; a refund goes back the way the premium came.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "'Collected' (the money was received, or the refund paid) or 'Failed' (the collection was declined; "
                "nothing was received; a failed instalment is usually retried a few days later as a new row).",
            ),
        ),
        ("FOREIGN KEY (policy_id) REFERENCES policies (policy_id)",),
    ),
    Table(
        "adjusters",
        "Claims adjusters, one row per adjuster: the staff who assess and settle claims.",
        (
            Col("adjuster_id", "INTEGER PRIMARY KEY", "Unique adjuster identifier."),
            Col("adjuster_name", "TEXT NOT NULL", "Adjuster's full name, unique."),
            Col(
                "team",
                "TEXT NOT NULL",
                "Claims team: 'Property' (damage to homes and business premises), 'Motor' (vehicles) or "
                "'Liability' (injury and damage to others, and cyber incidents).",
            ),
            Col("seniority", "TEXT NOT NULL", "'Senior' or 'Associate'."),
            Col(
                "hired_date",
                "TEXT NOT NULL",
                "Date the adjuster joined (YYYY-MM-DD); they handle no claim reported before it.",
            ),
        ),
    ),
    Table(
        "claims",
        "Claims made on our policies, one row per claim, for losses from 2024-01-01 reported by 2025-12-31. "
        "Claims paid are the amount_paid of the claims.",
        (
            Col("claim_id", "INTEGER PRIMARY KEY", "Unique claim identifier."),
            Col("claim_number", "TEXT NOT NULL", "Claim reference given to the customer, unique, e.g. 'CLM-24-00123'."),
            Col(
                "policy_id",
                "INTEGER NOT NULL",
                "Policy term the claim is made on (policies.policy_id), the one in force on the loss date.",
            ),
            Col("adjuster_id", "INTEGER NOT NULL", "Adjuster handling the claim (adjusters.adjuster_id)."),
            Col("loss_date", "TEXT NOT NULL", "Date the loss or accident happened (YYYY-MM-DD)."),
            Col("reported_date", "TEXT NOT NULL", "Date the customer reported the claim to us (YYYY-MM-DD)."),
            Col(
                "cause",
                "TEXT NOT NULL",
                "Cause of loss: 'Water damage', 'Storm', 'Fire', 'Theft', 'Accidental damage', 'Collision', "
                "'Glass', 'Liability' or 'Cyber incident'.",
            ),
            Col(
                "catastrophe_event",
                "TEXT",
                "Named catastrophe the loss belongs to: 'Hurricane Delia' (Gulf Coast and Southeast, September "
                "2024) or 'Winter Storm Orla' (Northeast and Mid-Atlantic, January 2025); NULL for other claims.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "'Open' (still being handled), 'Settled' (closed with a payment), 'Denied' (closed without payment: "
                "not covered) or 'Withdrawn' (closed without payment: withdrawn by the customer).",
            ),
            Col(
                "closed_date",
                "TEXT",
                "Date the claim was closed (YYYY-MM-DD), settled, denied or withdrawn; NULL while it is open.",
            ),
            Col("amount_claimed", "REAL NOT NULL", "Amount of the loss the customer claimed, in USD."),
            Col(
                "amount_paid",
                "REAL NOT NULL",
                "Amount we have paid on the claim in USD, after the deductible: the settlement of a settled claim, "
                "any interim payment so far on an open one, 0 on a denied or withdrawn one.",
            ),
        ),
        (
            "FOREIGN KEY (policy_id) REFERENCES policies (policy_id)",
            "FOREIGN KEY (adjuster_id) REFERENCES adjusters (adjuster_id)",
        ),
    ),
)

COMMENTS = comments(_TABLES)


# --------------------------------------------------------------------------------------------
# Reference data.

_REGIONS = {  # region: its states and their weights in the book
    "Northeast": (("MA", 0.45), ("CT", 0.25), ("RI", 0.1), ("NH", 0.12), ("ME", 0.08)),
    "Mid-Atlantic": (("NY", 0.45), ("NJ", 0.3), ("PA", 0.25)),
    "Southeast": (("GA", 0.42), ("NC", 0.36), ("SC", 0.22)),
    "Gulf Coast": (("FL", 0.45), ("AL", 0.2), ("MS", 0.12), ("LA", 0.23)),
    "Midwest": (("OH", 0.4), ("MI", 0.35), ("IN", 0.25)),
}
_BOOK = {"Northeast": 0.22, "Mid-Atlantic": 0.25, "Southeast": 0.19, "Gulf Coast": 0.17, "Midwest": 0.17}
_CLIMATE = {"Northeast": "north", "Mid-Atlantic": "north", "Southeast": "south", "Gulf Coast": "south"}
_CLIMATE_DEFAULT = "midwest"
# new business in 2025 relative to 2024, by region: the Southeast grows, the Gulf Coast is written more carefully
_NEW_BUSINESS_GROWTH = {"Northeast": 1.02, "Mid-Atlantic": 1.04, "Southeast": 1.35, "Gulf Coast": 0.55, "Midwest": 1.06}


@dataclass(frozen=True)
class _Agent:
    name: str
    agency: str
    kind: str
    region: str
    appointed: date
    commission: float
    volume: float  # share of the region's agent sales, relative
    retention: float  # how likely their customers renew, relative
    risk: float  # how often their customers claim, relative


_CAPTIVE, _BROKER = "Captive", "Independent broker"
_AGENTS = tuple(
    _Agent(name, agency, kind, region, appointed, commission, volume, retention, risk)
    for region, agents in {
        "Northeast": (
            ("Margaret Sullivan", "Sullivan Insurance Group", _CAPTIVE, date(2009, 4, 6), 0.1, 1.3, 1.03, 0.95),
            ("Daniel Okafor", "Harborview Brokerage", _BROKER, date(2016, 9, 12), 0.125, 1.0, 0.97, 1.0),
            ("Linda Marchetti", "Marchetti Insurance", _CAPTIVE, date(2012, 2, 20), 0.1, 0.9, 1.05, 0.9),
            ("Kevin Doyle", "Cape Ann Insurance Partners", _BROKER, date(2019, 5, 13), 0.135, 0.8, 0.91, 1.15),
            ("Priya Raman", "Granite State Coverage", _CAPTIVE, date(2021, 3, 1), 0.1, 0.7, 1.0, 1.0),
        ),
        "Mid-Atlantic": (
            ("Anthony Russo", "Russo Agency", _CAPTIVE, date(2007, 10, 1), 0.1, 1.4, 1.02, 1.0),
            ("Rachel Goldberg", "Empire Risk Advisors", _BROKER, date(2014, 6, 16), 0.13, 1.2, 0.96, 1.05),
            ("Marcus Bell", "Keystone Insurance Brokers", _BROKER, date(2018, 11, 5), 0.14, 0.9, 0.88, 1.4),
            ("Elena Kowalski", "Delaware Valley Insurance", _CAPTIVE, date(2011, 8, 22), 0.1, 1.0, 1.05, 0.9),
            ("James Whitaker", "Whitaker Family Insurance", _CAPTIVE, date(2020, 1, 27), 0.1, 0.8, 1.0, 1.0),
        ),
        "Southeast": (
            ("Charlotte Hayes", "Lowcountry Insurance", _CAPTIVE, date(2010, 3, 15), 0.1, 1.2, 1.04, 0.95),
            ("Derrick Johnson", "Peachtree Brokerage", _BROKER, date(2015, 7, 6), 0.13, 1.1, 0.95, 1.05),
            ("Sofia Alvarez", "Piedmont Insurance Partners", _BROKER, date(2017, 4, 10), 0.125, 1.0, 0.97, 1.0),
            ("William Grant", "Grant Insurance Agency", _CAPTIVE, date(2013, 11, 18), 0.1, 0.9, 1.02, 0.95),
            ("Aisha Coleman", "Blue Ridge Coverage", _CAPTIVE, date(2024, 6, 3), 0.1, 1.1, 1.0, 1.0),
        ),
        "Gulf Coast": (
            ("Robert Thibodeaux", "Bayou Insurance Services", _CAPTIVE, date(2008, 5, 19), 0.1, 1.3, 1.03, 1.0),
            ("Maria Delgado", "Suncoast Brokerage", _BROKER, date(2014, 1, 13), 0.13, 1.1, 0.94, 1.1),
            ("Thomas Nguyen", "Gulf Shores Insurance", _CAPTIVE, date(2016, 10, 3), 0.1, 0.9, 1.01, 0.95),
            ("Jennifer Boudreaux", "Crescent City Brokers", _BROKER, date(2019, 2, 25), 0.135, 0.8, 0.92, 1.1),
            ("Carlos Mendez", "Panhandle Insurance Group", _CAPTIVE, date(2022, 8, 8), 0.1, 0.7, 0.99, 1.0),
        ),
        "Midwest": (
            ("Susan Lindqvist", "Lakeshore Insurance", _CAPTIVE, date(2006, 9, 11), 0.1, 1.2, 1.04, 0.95),
            ("Brian Kowalczyk", "Great Lakes Brokerage", _BROKER, date(2015, 3, 23), 0.13, 1.1, 0.95, 1.05),
            ("Heather Schmidt", "Buckeye Insurance Partners", _CAPTIVE, date(2012, 7, 30), 0.1, 1.0, 1.02, 0.95),
            ("Omar Haddad", "Motor City Insurance", _BROKER, date(2018, 4, 16), 0.14, 0.9, 0.9, 1.2),
            ("Nicole Brandt", "Prairie Coverage", _CAPTIVE, date(2021, 10, 4), 0.1, 0.7, 1.0, 1.0),
        ),
    }.items()
    for name, agency, kind, appointed, commission, volume, retention, risk in agents
)
_NEW_AGENT_RAMP = 240  # days a newly appointed agent takes to reach their full share of sales


@dataclass(frozen=True)
class _Product:
    code: str
    name: str
    line: str
    customer_type: str
    premium: float  # typical annual premium in USD in 2023
    limit: float  # typical coverage limit in USD
    limit_sigma: float  # spread of the coverage limit
    limit_step: float  # coverage limits are round to this
    deductibles: tuple[float, ...]
    frequency: float  # claims a policy-year, on average
    causes: tuple[tuple[str, float], ...]  # cause of loss and its share of the product's claims
    launched: date


_PRODUCTS = (
    _Product(
        "HOME", "Homeowners", "Home", "Individual", 1450, 420_000, 0.35, 5000, (500, 1000, 2500), 0.14,
        (("Water damage", 0.32), ("Storm", 0.22), ("Theft", 0.12), ("Fire", 0.05), ("Accidental damage", 0.21),
         ("Liability", 0.08)),
        date(1987, 3, 2),
    ),
    _Product(
        "CONDO", "Condo Unit Owners", "Home", "Individual", 620, 160_000, 0.35, 5000, (500, 1000), 0.1,
        (("Water damage", 0.45), ("Theft", 0.15), ("Fire", 0.05), ("Accidental damage", 0.27), ("Liability", 0.08)),
        date(1994, 6, 1),
    ),
    _Product(
        "RENT", "Renters", "Home", "Individual", 210, 40_000, 0.35, 5000, (250, 500), 0.065,
        (("Theft", 0.45), ("Water damage", 0.25), ("Fire", 0.05), ("Accidental damage", 0.2), ("Liability", 0.05)),
        date(2003, 9, 2),
    ),
    _Product(
        "AUTO", "Personal Auto", "Motor", "Individual", 1550, 300_000, 0.3, 50_000, (500, 1000), 0.21,
        (("Collision", 0.55), ("Glass", 0.25), ("Theft", 0.08), ("Storm", 0.04), ("Liability", 0.08)),
        date(1987, 3, 2),
    ),
    _Product(
        "CAUTO", "Commercial Auto", "Motor", "Business", 4300, 1_000_000, 0.25, 250_000, (1000, 2500), 0.34,
        (("Collision", 0.58), ("Glass", 0.2), ("Theft", 0.05), ("Storm", 0.03), ("Liability", 0.14)),
        date(2006, 1, 9),
    ),
    _Product(
        "BOP", "Business Owners Policy", "Small business", "Business", 2900, 750_000, 0.45, 25_000,
        (1000, 2500, 5000), 0.16,
        (("Water damage", 0.25), ("Storm", 0.2), ("Theft", 0.2), ("Fire", 0.08), ("Accidental damage", 0.12),
         ("Liability", 0.15)),
        date(2009, 4, 1),
    ),
    _Product(
        "GL", "General Liability", "Small business", "Business", 1700, 1_000_000, 0.3, 500_000, (0,), 0.08,
        (("Liability", 1.0),), date(2009, 4, 1),
    ),
    _Product(
        "CYBER", "Cyber Liability", "Small business", "Business", 1350, 500_000, 0.4, 250_000, (1000, 2500), 0.12,
        (("Cyber incident", 1.0),), date(2025, 4, 1),
    ),
)  # fmt: skip
_HOME_PRODUCTS = (0, 1, 2)  # a person holds at most one of them
_CYBER = 7


@dataclass(frozen=True)
class _Cause:
    severity: float  # median loss claimed in USD, above the deductible
    sigma: float  # spread of the loss (lognormal)
    days: float  # median days from report to settlement
    denied: float  # chance the claim is denied
    lag: float  # mean days from the loss to its report


_CAUSES = {
    "Water damage": _Cause(7500, 0.8, 32, 0.13, 4),
    "Storm": _Cause(6500, 0.9, 38, 0.05, 4),
    "Fire": _Cause(38000, 0.9, 90, 0.06, 2),
    "Theft": _Cause(3200, 0.8, 26, 0.1, 3),
    "Accidental damage": _Cause(2400, 0.7, 16, 0.07, 5),
    "Collision": _Cause(4800, 0.7, 22, 0.04, 2),
    "Glass": _Cause(420, 0.35, 5, 0.01, 1.5),
    "Liability": _Cause(14000, 0.85, 140, 0.12, 20),
    "Cyber incident": _Cause(21000, 0.9, 65, 0.1, 6),
}
_NO_DEDUCTIBLE = ("Glass", "Liability")
_WITHDRAWN = 0.03

_FLAT = (1.0,) * 12
_SEASON = {  # (cause, climate): claims by month, Jan..Dec, relative to the product's usual
    ("Water damage", "north"): (1.9, 1.7, 1.1, 0.8, 0.7, 0.7, 0.7, 0.7, 0.75, 0.85, 1.0, 1.5),
    ("Water damage", "midwest"): (1.9, 1.7, 1.1, 0.8, 0.7, 0.7, 0.7, 0.7, 0.75, 0.85, 1.0, 1.5),
    ("Water damage", "south"): (1.1, 1.05, 1.0, 0.95, 0.95, 1.0, 1.0, 1.0, 1.0, 0.95, 0.95, 1.05),
    ("Storm", "north"): (1.7, 1.5, 1.1, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 0.9, 1.0, 1.3),
    ("Storm", "midwest"): (0.7, 0.7, 1.8, 4.0, 5.0, 4.0, 1.8, 1.2, 0.9, 0.7, 0.5, 0.6),  # hail: more storms
    ("Storm", "south"): (0.6, 0.6, 0.8, 1.0, 1.0, 1.2, 1.3, 1.6, 1.8, 1.5, 0.8, 0.6),
    ("Collision", "north"): (1.4, 1.35, 1.05, 0.9, 0.85, 0.85, 0.9, 0.9, 0.9, 0.95, 1.0, 1.3),
    ("Collision", "midwest"): (1.4, 1.35, 1.05, 0.9, 0.85, 0.85, 0.9, 0.9, 0.9, 0.95, 1.0, 1.3),
    ("Collision", "south"): (1.0, 0.95, 1.0, 1.0, 1.0, 0.95, 0.95, 0.95, 1.0, 1.0, 1.05, 1.15),
    ("Fire", "north"): (1.3, 1.2, 1.0, 0.9, 0.85, 0.85, 0.9, 0.9, 0.85, 0.95, 1.05, 1.3),
    ("Fire", "midwest"): (1.3, 1.2, 1.0, 0.9, 0.85, 0.85, 0.9, 0.9, 0.85, 0.95, 1.05, 1.3),
    ("Theft", "north"): (0.85, 0.85, 0.9, 1.0, 1.05, 1.1, 1.15, 1.15, 1.05, 1.0, 0.95, 0.95),
    ("Theft", "midwest"): (0.85, 0.85, 0.9, 1.0, 1.05, 1.1, 1.15, 1.15, 1.05, 1.0, 0.95, 0.95),
    ("Theft", "south"): (0.9, 0.9, 0.95, 1.0, 1.05, 1.1, 1.1, 1.1, 1.0, 1.0, 0.95, 0.95),
}


@dataclass(frozen=True)
class _Catastrophe:
    name: str
    first: date  # first and last day of losses
    last: date
    regions: dict[str, float]  # region: chance a policy there claims, relative
    chance: dict[str, float]  # product code: chance a policy in force claims, at relative 1
    cause: dict[str, str]  # line of business: cause of its claims
    severity: float  # claims are larger than the cause's usual by this
    report: float  # mean days from the loss to the report
    slower: float  # settlement takes this much longer during the surge


_HURRICANE = _Catastrophe(
    "Hurricane Delia",
    date(2024, 9, 26),
    date(2024, 9, 27),
    {"Gulf Coast": 1.0, "Southeast": 0.15},
    {"HOME": 0.25, "CONDO": 0.2, "RENT": 0.06, "AUTO": 0.04, "CAUTO": 0.05, "BOP": 0.22},
    {"Home": "Storm", "Motor": "Storm", "Small business": "Storm"},
    2.2,
    8.0,
    1.7,
)
_WINTER_STORM = _Catastrophe(
    "Winter Storm Orla",
    date(2025, 1, 21),
    date(2025, 1, 24),
    {"Northeast": 1.0, "Mid-Atlantic": 0.8},
    {"HOME": 0.05, "CONDO": 0.035, "RENT": 0.01, "AUTO": 0.012, "CAUTO": 0.02, "BOP": 0.04},
    {"Home": "Water damage", "Motor": "Collision", "Small business": "Water damage"},
    1.3,
    5.0,
    1.25,
)
_CATASTROPHES = (_HURRICANE, _WINTER_STORM)

# premium
_REGION_PRICE = {  # (line, region): premium relative to the product's typical premium
    ("Home", "Northeast"): 1.1,
    ("Home", "Mid-Atlantic"): 1.05,
    ("Home", "Southeast"): 1.0,
    ("Home", "Gulf Coast"): 1.45,
    ("Home", "Midwest"): 0.9,
    ("Motor", "Northeast"): 1.05,
    ("Motor", "Mid-Atlantic"): 1.2,
    ("Motor", "Southeast"): 0.95,
    ("Motor", "Gulf Coast"): 1.1,
    ("Motor", "Midwest"): 0.9,
}
_NEW_BUSINESS_PRICE = {2023: 1.0, 2024: 1.05, 2025: 1.12}  # price level of new business by start year
_RENEWAL_RISE = {  # (start year of the renewal, line): the rise of every renewal premium
    (2024, "Home"): 0.05,
    (2024, "Motor"): 0.09,
    (2024, "Small business"): 0.04,
    (2025, "Home"): 0.07,
    (2025, "Motor"): 0.06,
    (2025, "Small business"): 0.05,
}
_GULF_RISE_2025 = {"Home": 0.18, "Small business": 0.12}  # on top, after the hurricane
_CLAIM_SURCHARGE = 0.08  # on top, at the renewal of a term with a paid claim
_INDEXATION = 0.04  # property sums insured rise with rebuilding costs at renewal
_RENEWAL = 0.87  # chance a policy is renewed, at relative 1 and no unusual rise
_DIRECT_RETENTION = 0.94  # customers who buy online renew a little less often
_BUSINESS_RETENTION = 0.03  # businesses renew a little more often

# cancellation and payment
_NON_PAYMENT = 0.05  # chance a monthly-paid term is cancelled for non-payment
_CUSTOMER_CANCELS = {"Annual": 0.03, "Monthly": 0.055}  # chance the customer cancels a term
_FAILED = {"Direct debit": 0.012, "Card": 0.03}  # chance a monthly collection fails (and is retried)
_MONTHLY = {"Individual": 0.62, "Business": 0.35}  # share paying monthly

# new business
_INITIAL_CUSTOMERS = 4300  # customers with a policy in force on 2024-01-01
_NEW_CUSTOMERS = 3.6  # new customers a day across the regions in 2024
_CROSS_SELL = 0.35  # existing customers buying another product, a day
_CYBER_UPTAKE = 0.35  # existing business customers adding cyber cover, a day, once it is launched
_MONTH_SALES = (0.85, 0.9, 1.05, 1.1, 1.15, 1.15, 1.1, 1.05, 1.0, 0.95, 0.85, 0.8)
_DIRECT = (0.1, 0.26)  # share of individuals' new business bought online, at the start and the end
_INITIAL_DIRECT = 0.08
_BUSINESS_SHARE = 0.16

_SECTORS = ("Retail", "Food and drink", "Construction", "Professional services", "Health and beauty", "Automotive")
_SECTOR_WORDS = {
    "Retail": ("Boutique", "Hardware", "Books", "Florist", "Gift Shop", "Outfitters"),
    "Food and drink": ("Bakery", "Cafe", "Diner", "Pizzeria", "Catering", "Brewing"),
    "Construction": ("Builders", "Roofing", "Plumbing", "Electric", "Contractors", "Landscaping"),
    "Professional services": ("Accounting", "Law Group", "Consulting", "Design Studio", "Realty", "Dental"),
    "Health and beauty": ("Salon", "Barbers", "Spa", "Fitness", "Physical Therapy", "Nails"),
    "Automotive": ("Auto Repair", "Tire Center", "Auto Body", "Towing", "Car Wash", "Motors"),
}
_PLACE_WORDS = (
    "Harbor", "Maple", "Riverside", "Summit", "Oak Street", "Bayside", "Main Street", "Pine Ridge", "Lakeview",
    "Cedar", "Northside", "Old Town", "Granite", "Coastal", "Elm", "Union", "Liberty", "Sunrise", "Hillside",
    "Westgate", "Blue Heron", "Magnolia", "Crescent", "Prairie",
)  # fmt: skip
_SUFFIXES = ("LLC", "Inc.", "Co.", "& Sons", "Group")
_FIRST = (
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
    "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher", "Karen", "Charles", "Lisa",
    "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Sandra", "Mark", "Ashley", "Steven", "Emily", "Andrew",
    "Michelle", "Joshua", "Amanda", "Kevin", "Melissa", "Brian", "Stephanie", "Luis", "Maria", "Wei", "Mei",
    "Ahmed", "Fatima", "Raj", "Anita", "Carlos", "Sofia", "Tyrone", "Keisha", "Hiroshi", "Yuki", "Olga", "Ivan",
)  # fmt: skip
_LAST = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
    "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young",
    "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker",
    "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Chen", "Patel", "Kim", "Murphy", "O'Brien",
    "Kowalski", "Schultz", "Rossi", "Dubois", "Novak",
)  # fmt: skip


@dataclass(frozen=True)
class _Adjuster:
    name: str
    team: str
    seniority: str
    hired: date
    speed: float  # time they take to settle, relative


_ADJUSTERS = (
    _Adjuster("Paul Henderson", "Property", "Senior", date(2011, 5, 16), 0.85),
    _Adjuster("Grace Liu", "Property", "Senior", date(2014, 9, 2), 0.9),
    _Adjuster("Samuel Ortiz", "Property", "Senior", date(2009, 1, 12), 1.0),
    _Adjuster("Victor Ramos", "Property", "Associate", date(2020, 3, 9), 1.1),
    _Adjuster("Hannah Price", "Property", "Associate", date(2022, 6, 20), 1.25),
    _Adjuster("Megan Foster", "Property", "Associate", date(2023, 2, 6), 1.45),
    _Adjuster("Eric Chandler", "Motor", "Senior", date(2010, 8, 23), 0.8),
    _Adjuster("Olivia Park", "Motor", "Senior", date(2015, 4, 13), 0.9),
    _Adjuster("Laura Bianchi", "Motor", "Associate", date(2019, 10, 7), 1.0),
    _Adjuster("Tyrone Mitchell", "Motor", "Associate", date(2021, 11, 15), 1.2),
    _Adjuster("Jacob Weiss", "Motor", "Associate", date(2024, 8, 19), 1.3),
    _Adjuster("Diane Carter", "Liability", "Senior", date(2008, 2, 4), 0.9),
    _Adjuster("Frank Moretti", "Liability", "Senior", date(2013, 7, 1), 1.0),
    _Adjuster("Natalie Cruz", "Liability", "Associate", date(2022, 1, 10), 1.2),
)


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


def _add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def _term_end(start: date) -> date:
    """The last day of a year of cover starting on `start`."""
    try:
        return start.replace(year=start.year + 1) - timedelta(days=1)
    except ValueError:  # 29 February
        return date(start.year + 1, 2, 28)


def _money(amount: float) -> float:
    return round(amount, 2)


def _team(cause: str, line: str) -> str:
    if cause in ("Liability", "Cyber incident"):
        return "Liability"
    return "Motor" if line == "Motor" else "Property"


def _climate(region: str) -> str:
    return _CLIMATE.get(region, _CLIMATE_DEFAULT)


# --------------------------------------------------------------------------------------------
# Generation.


def _agents() -> list[dict]:
    return [
        {
            "agent_id": i,
            "agent_name": a.name,
            "agency_name": a.agency,
            "agent_type": a.kind,
            "region": a.region,
            "appointed_date": a.appointed,
            "commission_rate": a.commission,
        }
        for i, a in enumerate(_AGENTS, start=1)
    ]


def _products() -> list[dict]:
    return [
        {
            "product_id": i,
            "product_code": p.code,
            "product_name": p.name,
            "line_of_business": p.line,
            "customer_type": p.customer_type,
            "launched_date": p.launched,
        }
        for i, p in enumerate(_PRODUCTS, start=1)
    ]


def _adjusters() -> list[dict]:
    return [
        {
            "adjuster_id": i,
            "adjuster_name": a.name,
            "team": a.team,
            "seniority": a.seniority,
            "hired_date": a.hired,
        }
        for i, a in enumerate(_ADJUSTERS, start=1)
    ]


@dataclass
class _Term:
    """A policy term being generated; `previous` is the term it renews, if that is in the data."""

    customer: dict
    product: int  # index into _PRODUCTS
    agent: int | None  # index into _AGENTS
    start: date
    business_type: str
    premium: float
    limit: float
    deductible: float
    plan: str
    method: str
    previous: _Term | None = None
    cancelled: date | None = None
    reason: str | None = None
    failed_at: int | None = None  # the monthly instalment whose failure ends in cancellation for non-payment
    paid_claim: bool = False
    row: dict | None = None


class _Book:
    """Customers and the new business they bring, day by day: new customers in each region with one to three
    products, existing customers adding a product; each sold by an agent of the region or bought online."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.customers: list[dict] = []
        self.held: dict[int, set[int]] = {}  # customer_id: products ever held
        self.agent: dict[int, int | None] = {}  # customer_id: their agent
        self.businesses: list[dict] = []
        self.terms: list[_Term] = []

    def _customer(self, region: str, since: date) -> dict:
        rng = self.rng
        business = rng.random() < _BUSINESS_SHARE
        states, weights = zip(*_REGIONS[region], strict=True)
        if business:
            sector = rng.choice(_SECTORS)
            name = f"{rng.choice(_PLACE_WORDS)} {rng.choice(_SECTOR_WORDS[sector])} {rng.choice(_SUFFIXES)}"
        else:
            sector, name = None, f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        return {
            "customer_id": 0,
            "customer_name": name,
            "customer_type": "Business" if business else "Individual",
            "business_sector": sector,
            "state": rng.choices(states, weights)[0],
            "region": region,
            "customer_since": since,
        }

    def _products_of(self, customer: dict, day: date) -> list[int]:
        """What a customer buys: a person a home product and/or a car, a business property and liability cover
        and/or vans."""
        rng = self.rng
        chosen: list[int] = []
        while not chosen:
            if customer["customer_type"] == "Individual":
                if rng.random() < 0.72:
                    chosen.append(rng.choices(_HOME_PRODUCTS, (0.58, 0.2, 0.22))[0])
                if rng.random() < 0.62:
                    chosen.append(3)
            else:
                for product, chance in ((5, 0.72), (6, 0.42), (4, 0.33), (7, 0.12)):
                    if _PRODUCTS[product].launched <= day and rng.random() < chance:
                        chosen.append(product)
        return chosen

    def _agent_for(self, region: str, day: date, individual: bool, direct_share: float) -> int | None:
        rng = self.rng
        if individual and rng.random() < direct_share:
            return None
        agents = [i for i, a in enumerate(_AGENTS) if a.region == region and a.appointed <= day]
        weights = [
            _AGENTS[i].volume * min(1.0, 0.3 + (day - _AGENTS[i].appointed).days / _NEW_AGENT_RAMP) for i in agents
        ]
        return rng.choices(agents, weights)[0]

    def _price(self, customer: dict, product: int, start: date) -> tuple[float, float, float]:
        """Premium, coverage limit and deductible of a new policy."""
        rng = self.rng
        p = _PRODUCTS[product]
        limit = max(p.limit_step, round(p.limit * rng.lognormvariate(0, p.limit_sigma) / p.limit_step) * p.limit_step)
        deductible = rng.choice(p.deductibles)
        premium = p.premium * _REGION_PRICE.get((p.line, customer["region"]), 1.0) * _NEW_BUSINESS_PRICE[start.year]
        premium *= (limit / p.limit) ** 0.6 * (1 - 0.04 * p.deductibles.index(deductible))
        premium *= rng.lognormvariate(0, 0.16)
        if start.year == 2025 and customer["region"] == "Gulf Coast":
            premium *= 1 + _GULF_RISE_2025.get(p.line, 0.0) * 1.2
        return _money(premium), float(limit), float(deductible)

    def _sell(self, customer: dict, product: int, start: date, agent: int | None, business_type: str) -> None:
        rng = self.rng
        premium, limit, deductible = self._price(customer, product, start)
        plan = "Monthly" if rng.random() < _MONTHLY[customer["customer_type"]] else "Annual"
        if plan == "Monthly":
            method = "Direct debit" if rng.random() < 0.85 else "Card"
        elif customer["customer_type"] == "Business":
            method = rng.choices(("Card", "Bank transfer", "Cheque"), (0.25, 0.5, 0.25))[0]
        else:
            method = rng.choices(("Card", "Bank transfer", "Cheque"), (0.55, 0.35, 0.1))[0]
        self.held[customer["customer_id"]].add(product)
        self.terms.append(
            _Term(customer, product, agent, start, business_type, premium, limit, deductible, plan, method)
        )

    def _join(self, customer: dict, agent: int | None) -> None:
        customer["customer_id"] = len(self.customers) + 1
        self.customers.append(customer)
        if customer["customer_type"] == "Business":
            self.businesses.append(customer)
        self.held[customer["customer_id"]] = set()
        self.agent[customer["customer_id"]] = agent

    def initial(self) -> None:
        """The book in force on 2024-01-01: customers since 2005 or later, each of their policies in a term that
        started in 2023: the first product's on the anniversary of the customer's first policy, renewed year
        after year (new business for a customer who joined in 2023), any other a renewal or, now and then, a
        product added in 2023."""
        rng = self.rng
        people = []
        oldest, first_day = date(2005, 1, 3), date(2023, 1, 2)
        for _ in range(_INITIAL_CUSTOMERS):
            region = rng.choices(list(_BOOK), list(_BOOK.values()))[0]
            since = oldest + timedelta(days=int((date(2023, 12, 31) - oldest).days * rng.random() ** 0.8))
            if since.year == 2023:
                since = max(since, first_day)
            people.append(self._customer(region, since))
        people.sort(key=lambda c: (c["customer_since"], c["region"], c["customer_name"]))
        for customer in people:
            individual = customer["customer_type"] == "Individual"
            since = customer["customer_since"]
            self._join(customer, self._agent_for(customer["region"], first_day, individual, _INITIAL_DIRECT))
            anniversary = max(first_day, since if since.year == 2023 else _add_months(since, 12 * (2023 - since.year)))
            for n, product in enumerate(self._products_of(customer, anniversary)):
                if n == 0:
                    start, business_type = anniversary, "New business" if since.year == 2023 else "Renewal"
                elif since.year == 2023:
                    days = (date(2023, 12, 31) - since).days + 1
                    start, business_type = since + timedelta(days=rng.randrange(days)), "New business"
                else:
                    start = first_day + timedelta(days=rng.randrange(364))
                    business_type = "New business" if rng.random() < 0.06 else "Renewal"
                self._sell(customer, product, start, self.agent[customer["customer_id"]], business_type)

    def day(self, day: date) -> None:
        """The day's new customers in each region, existing customers adding a product, and businesses adding
        cyber cover once it is launched."""
        rng = self.rng
        t = (day - START).days / ((END - START).days)
        direct = _DIRECT[0] + (_DIRECT[1] - _DIRECT[0]) * t
        for region, share in _BOOK.items():
            mean = _NEW_CUSTOMERS * share * _MONTH_SALES[day.month - 1]
            if day.year == 2025:
                mean *= _NEW_BUSINESS_GROWTH[region]
            for _ in range(_poisson(rng, mean)):
                customer = self._customer(region, day)
                self._join(customer, self._agent_for(region, day, customer["customer_type"] == "Individual", direct))
                for product in self._products_of(customer, day):
                    self._sell(customer, product, day, self.agent[customer["customer_id"]], "New business")
        for _ in range(_poisson(rng, _CROSS_SELL)):
            customer = self.customers[rng.randrange(len(self.customers))]
            held = self.held[customer["customer_id"]]
            fresh = [p for p in self._products_of(customer, day) if p not in held]
            if customer["customer_type"] == "Individual":
                fresh = [p for p in fresh if p not in _HOME_PRODUCTS or not held & set(_HOME_PRODUCTS)]
            if fresh:
                self._sell(customer, fresh[0], day, self.agent[customer["customer_id"]], "New business")
        if day >= _PRODUCTS[_CYBER].launched:
            for _ in range(_poisson(rng, _CYBER_UPTAKE)):
                customer = self.businesses[rng.randrange(len(self.businesses))]
                if _CYBER not in self.held[customer["customer_id"]]:
                    self._sell(customer, _CYBER, day, self.agent[customer["customer_id"]], "New business")


class _Life:
    """What becomes of each policy term: whether it is cancelled, the claims made on it, the payments for it,
    and, when it runs to its end before the data's end, whether it is renewed and at what premium."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.claims: list[dict] = []
        self.payments: list[dict] = []

    def run(self, terms: list[_Term]) -> list[_Term]:
        queue = list(terms)
        done: list[_Term] = []
        while queue:
            later: list[_Term] = []
            for term in queue:
                self._cancel(term)
                self._claims(term)
                self._payments(term)
                done.append(term)
                renewal = self._renew(term)
                if renewal is not None:
                    later.append(renewal)
            queue = later
        return done

    def _cancel(self, term: _Term) -> None:
        rng = self.rng
        end = _term_end(term.start)
        if term.plan == "Monthly" and rng.random() < _NON_PAYMENT:
            k = rng.randint(1, 10)
            cancelled = _add_months(term.start, k) + timedelta(days=30)
            if _add_months(term.start, k) >= START and cancelled <= min(end, END):
                term.cancelled, term.reason = cancelled, "Non-payment"
                term.failed_at = k
                return
        if rng.random() < _CUSTOMER_CANCELS[term.plan]:
            first, last = max(term.start + timedelta(days=15), START), min(end - timedelta(days=5), END)
            if first <= last:
                term.cancelled = first + timedelta(days=rng.randrange((last - first).days + 1))
                term.reason = "Switched insurer" if rng.random() < 0.55 else "No longer needed"

    def _claims(self, term: _Term) -> None:
        """Ordinary claims over the days the term covers within the data, by month and cause, and the claims of
        a catastrophe that strikes while it is in force."""
        rng = self.rng
        p = _PRODUCTS[term.product]
        region = term.customer["region"]
        climate = _climate(region)
        first = max(term.start, START)
        last = min(_term_end(term.start), END, term.cancelled - timedelta(days=1) if term.cancelled else END)
        if first > last:
            return
        risk = _AGENTS[term.agent].risk if term.agent is not None else 1.0
        cells: list[tuple[date, int, str]] = []  # first day of the stretch, its length, cause
        weights: list[float] = []
        day = first
        while day <= last:
            following = _add_months(date(day.year, day.month, 1), 1)
            days = (min(following - timedelta(days=1), last) - day).days + 1
            for cause, share in p.causes:
                season = _SEASON.get((cause, climate), _FLAT)[day.month - 1]
                cells.append((day, days, cause))
                weights.append(p.frequency * share * season * risk * days / 365)
            day = following
        for _ in range(_poisson(rng, sum(weights))):
            begin, days, cause = rng.choices(cells, weights)[0]
            self._claim(term, begin + timedelta(days=rng.randrange(days)), cause, None)
        for cat in _CATASTROPHES:
            chance = cat.regions.get(region, 0.0) * cat.chance.get(p.code, 0.0) * risk
            if chance and first <= cat.first and cat.last <= last and rng.random() < chance:
                loss = cat.first + timedelta(days=rng.randrange((cat.last - cat.first).days + 1))
                self._claim(term, loss, cat.cause[p.line], cat)

    def _claim(self, term: _Term, loss: date, cause: str, cat: _Catastrophe | None) -> None:
        rng = self.rng
        c = _CAUSES[cause]
        p = _PRODUCTS[term.product]
        lag = (cat.report if cat else c.lag) * rng.expovariate(1.0)
        reported = loss + timedelta(days=int(lag))
        if reported > END:
            return
        team = _team(cause, p.line)
        staff = [i for i, a in enumerate(_ADJUSTERS) if a.team == team and a.hired <= reported]
        adjuster = rng.choice(staff)
        deductible = 0.0 if cause in _NO_DEDUCTIBLE else term.deductible
        claimed = _money(deductible + 50 + c.severity * (cat.severity if cat else 1.0) * rng.lognormvariate(0, c.sigma))
        outcome = rng.random()
        denied = c.denied * (1.6 if cat is None and cause == "Water damage" and rng.random() < 0.5 else 1.0)
        days = c.days * rng.lognormvariate(0, 0.45) * _ADJUSTERS[adjuster].speed
        if cat is not None:
            days = days * cat.slower + 10
        if outcome < _WITHDRAWN:
            status, days, paid = "Withdrawn", days * 0.5, 0.0
        elif outcome < _WITHDRAWN + denied:
            status, days, paid = "Denied", days * 0.6, 0.0
        else:
            status = "Settled"
            paid = _money((min(claimed, term.limit) - deductible) * rng.uniform(0.75, 1.0))
        closed = reported + timedelta(days=max(1 if cause != "Glass" else 0, round(days)))
        if status != "Withdrawn" and status != "Denied" and loss <= _term_end(term.start) - timedelta(days=45):
            term.paid_claim = True
        if closed > END:
            interim = 0.0
            if status == "Settled" and paid > 5000 and (END - reported).days > 30 and rng.random() < 0.5:
                interim = _money(paid * rng.uniform(0.3, 0.6))
            status, closed, paid = "Open", None, interim
        self.claims.append(
            {
                "term": term,
                "adjuster_id": adjuster + 1,
                "loss_date": loss,
                "reported_date": reported,
                "cause": cause,
                "catastrophe_event": cat.name if cat else None,
                "status": status,
                "closed_date": closed,
                "amount_claimed": claimed,
                "amount_paid": paid,
            }
        )

    def _pay(self, term: _Term, day: date, kind: str, amount: float, status: str) -> None:
        if START <= day <= END:
            self.payments.append(
                {
                    "term": term,
                    "payment_date": day,
                    "payment_type": kind,
                    "amount": amount,
                    "payment_method": term.method,
                    "status": status,
                }
            )

    def _payments(self, term: _Term) -> None:
        """The annual premium soon after the start, or twelve monthly instalments on the start's day of the
        month, now and then failing and retried; a non-payment starts with two failed attempts; a cancellation
        stops later instalments, and an annually paid policy the customer cancels gets its unused premium back."""
        rng = self.rng
        end = _term_end(term.start)
        if term.plan == "Annual":
            self._pay(term, term.start + timedelta(days=rng.randint(0, 10)), "Premium", term.premium, "Collected")
            if term.cancelled is not None:
                refund = _money(term.premium * (end - term.cancelled).days / ((end - term.start).days + 1))
                self._pay(term, term.cancelled + timedelta(days=7), "Refund", -refund, "Collected")
            return
        instalment = _money(term.premium / 12)
        failed_at = term.failed_at
        for k in range(12):
            due = _add_months(term.start, k)
            amount = instalment if k < 11 else _money(term.premium - 11 * instalment)
            if failed_at is not None and k >= failed_at:
                if k == failed_at:
                    self._pay(term, due, "Premium", amount, "Failed")
                    self._pay(term, due + timedelta(days=7), "Premium", amount, "Failed")
                break
            if term.cancelled is not None and due > term.cancelled:
                break
            if rng.random() < _FAILED[term.method]:
                self._pay(term, due, "Premium", amount, "Failed")
                due += timedelta(days=5)
            self._pay(term, due, "Premium", amount, "Collected")

    def _renew(self, term: _Term) -> _Term | None:
        """At the end of a term that ran its course: the renewal offer's premium (the year's rise for the line,
        more on the Gulf Coast after the hurricane, more after a paid claim) and whether the customer takes it."""
        rng = self.rng
        end = _term_end(term.start)
        if term.cancelled is not None or end >= END:
            return None
        p = _PRODUCTS[term.product]
        start = end + timedelta(days=1)
        region = term.customer["region"]
        rise = _RENEWAL_RISE[start.year, p.line] + rng.gauss(0, 0.012)
        if start.year == 2025 and region == "Gulf Coast":
            rise += _GULF_RISE_2025.get(p.line, 0.0)
        if term.paid_claim:
            rise += _CLAIM_SURCHARGE
        chance = _RENEWAL * (_AGENTS[term.agent].retention if term.agent is not None else _DIRECT_RETENTION)
        chance -= 1.6 * max(0.0, rise - 0.08)
        if term.customer["customer_type"] == "Business":
            chance += _BUSINESS_RETENTION
        if rng.random() >= max(0.3, min(0.97, chance)):
            return None
        limit = term.limit
        if p.line == "Home" or p.code == "BOP":
            limit = round(limit * (1 + _INDEXATION) / 1000) * 1000.0
        plan = term.plan
        method = term.method
        if rng.random() < 0.04:
            plan, method = ("Annual", "Card") if plan == "Monthly" else ("Monthly", "Direct debit")
        return _Term(
            term.customer, term.product, term.agent, start, "Renewal", _money(term.premium * (1 + rise)), limit,
            term.deductible, plan, method, previous=term,
        )  # fmt: skip


def _policies(terms: list[_Term]) -> list[dict]:
    terms = sorted(terms, key=lambda t: (t.start, t.customer["customer_id"], t.product))
    rows = []
    for number, term in enumerate(terms, start=1):
        end = _term_end(term.start)
        status = "Cancelled" if term.cancelled else ("Active" if end >= END else "Expired")
        term.row = {
            "policy_id": number,
            "policy_number": f"HMP-{1_000_000 + 37 * number:07d}",
            "customer_id": term.customer["customer_id"],
            "product_id": term.product + 1,
            "agent_id": None if term.agent is None else term.agent + 1,
            "business_type": term.business_type,
            "previous_policy_id": None,
            "start_date": term.start,
            "end_date": end,
            "annual_premium": term.premium,
            "coverage_limit": term.limit,
            "deductible": term.deductible,
            "payment_plan": term.plan,
            "status": status,
            "cancelled_date": term.cancelled,
            "cancellation_reason": term.reason,
        }
        rows.append(term.row)
    for term in terms:
        if term.previous is not None:
            term.row["previous_policy_id"] = term.previous.row["policy_id"]
    return rows


def _numbered(rows: list[dict], key, id_name: str) -> list[dict]:
    """`rows` sorted by `key`, each with its policy_id in place of its term and a sequential `id_name`."""
    ordered = sorted(rows, key=key)
    out = []
    for number, row in enumerate(ordered, start=1):
        row = dict(row)
        row[id_name] = number
        row["policy_id"] = row.pop("term").row["policy_id"]
        out.append(row)
    return out


def _claims(claims: list[dict]) -> list[dict]:
    rows = _numbered(claims, lambda c: (c["reported_date"], c["loss_date"], c["term"].row["policy_id"]), "claim_id")
    per_year: dict[int, int] = {}
    for row in rows:
        year = row["reported_date"].year
        per_year[year] = per_year.get(year, 0) + 1
        row["claim_number"] = f"CLM-{year % 100}-{per_year[year]:05d}"
    return rows


def insurance_rows() -> dict[str, list[dict]]:
    """Every table's rows, by table name, generated from the fixed seed."""
    book = _Book(random.Random(SEED))
    book.initial()
    for n in range((END - START).days + 1):
        book.day(START + timedelta(days=n))
    life = _Life(random.Random(SEED + 1))
    terms = life.run(book.terms)
    policies = _policies(terms)
    payments = _numbered(
        life.payments,
        lambda p: (p["payment_date"], p["term"].row["policy_id"], p["payment_type"], p["status"] == "Collected"),
        "payment_id",
    )
    return {
        "agents": _agents(),
        "customers": book.customers,
        "products": _products(),
        "policies": policies,
        "premium_payments": payments,
        "adjusters": _adjusters(),
        "claims": _claims(life.claims),
    }


def database_path(out_dir: Path) -> Path:
    return sqlite_file.database_path(out_dir, DB_ID)


def build(out_dir: Path) -> Path:
    """Write the warehouse under `out_dir` in the eval-set layout, replacing an older build; return its path."""
    return sqlite_file.write(database_path(out_dir), _TABLES, insurance_rows())


def main(argv: list[str] | None = None) -> int:
    return sqlite_file.main(argv, "bench.warehouses.insurance", build, HELD_OUT_QUESTIONS)


if __name__ == "__main__":
    sys.exit(main())
