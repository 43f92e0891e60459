"""A live-event ticketing business's warehouse: Brightline Tickets, which sells the tickets of seven venues in three
cities (the venues with their capacities, the promoters who put the events on, the events with their categories,
dates and statuses, each event's price tiers, the customers with their sign-up dates and marketing consent, the
promotion codes, the orders with their channels and payments, one row per ticket with its face price, discount, fees
and tax, the refunds, the scans at the venues' doors, and the fan-to-fan resale listings).

    python -m bench.warehouses.ticketing OUT_DIR [--with-questions]

writes OUT_DIR/database/ticketing/ticketing.sqlite, the layout of the project's eval sets (see bench/dataset.py);
`--with-questions` also copies the held-out questions (bench/heldout/ticketing/questions.json) beside it, so that
`python -m bench --dataset OUT_DIR --out FILE.json` runs them. Those questions are the project's fair measure: do
not read them (nor their wrong answers) while designing what they measure.

Everything comes from a fixed seed over fixed dates (2024-01-01 .. 2025-12-31), with only the standard library, so
every build holds the same rows. Brightline started selling on 2024-01-02: the first events go on sale that day and
take place from 2024-02-01; the events of January to March 2026 are on sale already and hold the tickets sold up to
2025-12-31. The customers who had accounts with the venues' old box office were carried over with their older
sign-up dates. An order is for one event and one price tier; a web or app order always belongs to a customer
account, a box office order only sometimes (a walk-up buyer may stay anonymous). An order whose card is declined
on every try stays in the data as 'Payment failed', with its payment attempts but no tickets. Every ticket of a
completed order is a row of its own; a refund returns one ticket, and the per-order fee is never refunded.

Money: a ticket's price to the customer is its face price, less any promotion discount, plus the service fee (none
at the box office), the venue's facility fee and the sales tax of the venue's city on all of these; web and app
orders add a per-order fee. On 2025-03-01 the service fee rises from 10% to 12% of the face price and the per-order
fee of $2.50 is dropped. The Millbrook Mustangs raise their ticket prices by about 12% for the games from 2025-10-01.

The business has a shape worth asking about: concerts crowd the summer (and the new Riverside Amphitheatre in
Cedar Falls, which opens on 2025-06-14 and plays until late September, is a summer venue), the Harbour Playhouse
stages 'A Christmas Carol' every December, and the Mustangs play at the Millbrook Field House from October to
March. Sales grow from 2024 to 2025. The mobile app launches on 2024-09-01 (code 'APP10', 10% off in its first two
months) and takes a growing share of the orders. Comedy tickets are 20% off in April 2024 ('LAUGH24'), the
Amphitheatre's first season 25% off from its on-sale day to the end of May 2025 ('RIVERSIDE25'), and everything 15%
off over the Black Friday weekend of 2025 ('BLACKFRIDAY25'), which brings a burst of orders. Four events are
cancelled and every ticket refunded in full, among them Aurora Skye's sold-out concert at the Portside Pavilion on
2025-07-19 (called off on 2025-07-08) and a storm-hit show at the Amphitheatre on 2025-08-16; two events are moved
to a later date and two more, in December 2025, are postponed without a new date, and some of their buyers ask for
their money back. Customers may also return tickets up to two days before the show, losing the service fee. About
one ticket in twenty is never scanned at the door: more at comedy shows and weekday games, on discounted tickets
and on tickets bought long in advance.

SQLite has no COMMENT ON: every table and column is documented by a `--` comment inside its CREATE TABLE, which
SQLite keeps in sqlite_master.sql; `COMMENTS` holds the same text for readers that want it as data.
"""

from __future__ import annotations

import bisect
import math
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from bench.warehouses import sqlite_file
from bench.warehouses.sqlite_file import Col, Table, comments

DB_ID = "ticketing"
HELD_OUT_QUESTIONS = Path(__file__).resolve().parent.parent / "heldout" / DB_ID / "questions.json"
SEED = 20250614
START = date(2024, 1, 1)
END = date(2025, 12, 31)  # the data's "today": nothing later is known
FIRST_ON_SALE = date(2024, 1, 2)
FIRST_EVENT = date(2024, 2, 1)
LAST_EVENT = date(2026, 3, 31)
FEE_CHANGE = date(2025, 3, 1)
APP_LAUNCH = date(2024, 9, 1)

_TABLES: tuple[Table, ...] = (
    Table(
        "venues",
        "Venues whose tickets we sell, one row per venue, in three cities.",
        (
            Col("venue_id", "INTEGER PRIMARY KEY", "Unique venue identifier."),
            Col("venue_name", "TEXT NOT NULL", "Name of the venue, unique, e.g. 'Portside Pavilion'."),
            Col("city", "TEXT NOT NULL", "City the venue is in: 'Portside', 'Millbrook' or 'Cedar Falls'."),
            Col(
                "venue_type",
                "TEXT NOT NULL",
                "Kind of venue: 'Arena', 'Theatre', 'Club', 'Music hall' or 'Amphitheatre' (open-air, summer only).",
            ),
            Col(
                "capacity",
                "INTEGER NOT NULL",
                "Number of tickets the venue holds for one event: the seats_allocated of an event's price tiers add "
                "up to it.",
            ),
            Col(
                "opened_date",
                "TEXT NOT NULL",
                "Date the venue opened (YYYY-MM-DD); no event takes place there before it.",
            ),
            Col(
                "facility_fee",
                "REAL NOT NULL",
                "Fee in USD the venue adds to every ticket it hosts (tickets.facility_fee).",
            ),
            Col(
                "sales_tax_rate",
                "REAL NOT NULL",
                "Sales tax of the venue's city as a fraction (0.08 = 8%), charged on a ticket's face price less "
                "discount plus its fees.",
            ),
        ),
    ),
    Table(
        "promoters",
        "Promoters (and the sports club) who put events on and pay us a commission, one row per promoter.",
        (
            Col("promoter_id", "INTEGER PRIMARY KEY", "Unique promoter identifier."),
            Col("promoter_name", "TEXT NOT NULL", "Name of the promoter, unique."),
            Col("contact_email", "TEXT NOT NULL", "Email address of the promoter's booking contact."),
            Col(
                "commission_rate",
                "REAL NOT NULL",
                "Our commission as a fraction of the face value of the promoter's tickets sold (0.08 = 8%).",
            ),
            Col("contract_start_date", "TEXT NOT NULL", "Date the promoter's contract with us began (YYYY-MM-DD)."),
        ),
    ),
    Table(
        "events",
        "Events (shows, performances and games), one row per performance: a theatre production's every "
        "performance is an event of its own, so an event name is not unique. Includes cancelled and postponed "
        "events and those scheduled for 2026.",
        (
            Col("event_id", "INTEGER PRIMARY KEY", "Unique event identifier."),
            Col(
                "event_name",
                "TEXT NOT NULL",
                "Title of the show, e.g. 'Aurora Skye - Northern Lights Tour' or 'Millbrook Mustangs vs Bayview "
                "Herons'; the same title comes back for every performance of a run.",
            ),
            Col(
                "category",
                "TEXT NOT NULL",
                "Kind of event: 'Concert', 'Comedy', 'Theatre', 'Sports' or 'Family'.",
            ),
            Col("venue_id", "INTEGER NOT NULL", "Venue where the event takes place (venues.venue_id)."),
            Col("promoter_id", "INTEGER NOT NULL", "Promoter putting the event on (promoters.promoter_id)."),
            Col(
                "event_start",
                "TEXT NOT NULL",
                "Date and time the event starts (YYYY-MM-DD HH:MM, local time); for a moved event the new date, for "
                "a postponed or cancelled one the date it was due to take place.",
            ),
            Col(
                "on_sale_date",
                "TEXT NOT NULL",
                "Date tickets went (or, for some 2026 events, will go) on sale (YYYY-MM-DD), from 2024-01-02; sales "
                "open at 10:00 that day.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "Status on 2025-12-31: 'Completed' (took place), 'Scheduled' (still to come, in 2026), 'Cancelled' "
                "(called off, every ticket refunded) or 'Postponed' (put off, new date not yet announced).",
            ),
            Col(
                "original_start",
                "TEXT",
                "For an event moved to a later date, the start first announced (YYYY-MM-DD HH:MM); NULL for an event "
                "never moved.",
            ),
            Col(
                "change_announced_date",
                "TEXT",
                "Date the cancellation, postponement or move was announced (YYYY-MM-DD); ticket sales stop that day "
                "for a cancelled or postponed event. NULL when none.",
            ),
        ),
        (
            "FOREIGN KEY (venue_id) REFERENCES venues (venue_id)",
            "FOREIGN KEY (promoter_id) REFERENCES promoters (promoter_id)",
        ),
    ),
    Table(
        "price_tiers",
        "Ticket price tiers of each event (sections such as 'Floor' or 'Balcony'), one row per event and tier.",
        (
            Col("tier_id", "INTEGER PRIMARY KEY", "Unique price tier identifier."),
            Col("event_id", "INTEGER NOT NULL", "Event the tier belongs to (events.event_id)."),
            Col(
                "tier_name",
                "TEXT NOT NULL",
                "Name of the tier, unique within the event, e.g. 'General Admission', 'Floor', 'Lower Bowl', 'VIP "
                "Package', 'Stalls', 'Lawn' or 'Courtside'.",
            ),
            Col("face_price", "REAL NOT NULL", "Face price of one ticket in the tier in USD, before fees and tax."),
            Col(
                "seats_allocated",
                "INTEGER NOT NULL",
                "Number of tickets the tier can sell; the tiers of an event add up to the venue's capacity.",
            ),
            Col(
                "is_reserved_seating",
                "INTEGER NOT NULL",
                "1 when every ticket in the tier is for a numbered seat, 0 for standing or general admission.",
            ),
        ),
        ("FOREIGN KEY (event_id) REFERENCES events (event_id)",),
    ),
    Table(
        "customers",
        "Customer accounts, one row per account, including those carried over from the venues' old box office "
        "(signed up before 2024) and those who have never bought anything.",
        (
            Col("customer_id", "INTEGER PRIMARY KEY", "Unique customer identifier."),
            Col("first_name", "TEXT NOT NULL", "First name."),
            Col("last_name", "TEXT NOT NULL", "Last name; a full name is not unique."),
            Col("email", "TEXT NOT NULL", "Email address, unique."),
            Col(
                "city",
                "TEXT NOT NULL",
                "Home city the customer gave: 'Portside', 'Millbrook', 'Cedar Falls', 'Elm Grove' or 'Bayview'.",
            ),
            Col(
                "signup_date",
                "TEXT NOT NULL",
                "Date the account was created (YYYY-MM-DD); before 2024 for accounts from the old box office.",
            ),
            Col(
                "marketing_opt_in",
                "INTEGER NOT NULL",
                "1 when the customer agreed to receive marketing emails, else 0.",
            ),
            Col("birth_year", "INTEGER", "Year of birth the customer gave; NULL when not given."),
        ),
    ),
    Table(
        "promotions",
        "Promotion codes a customer can enter when ordering online, one row per code.",
        (
            Col("promo_code", "TEXT PRIMARY KEY", "The code, e.g. 'LAUGH24'."),
            Col("description", "TEXT NOT NULL", "What the promotion offers and to whom."),
            Col(
                "discount_percent",
                "REAL NOT NULL",
                "Discount as a percentage of each ticket's face price (20 = 20% off); fees are not discounted.",
            ),
            Col("valid_from", "TEXT NOT NULL", "First day orders can use the code (YYYY-MM-DD)."),
            Col("valid_to", "TEXT NOT NULL", "Last day orders can use the code (YYYY-MM-DD), inclusive."),
            Col(
                "applies_to",
                "TEXT NOT NULL",
                "Which orders qualify: 'All events', 'Comedy events', 'Riverside Amphitheatre events' or 'App "
                "orders'; web and app orders only, never the box office.",
            ),
        ),
    ),
    Table(
        "orders",
        "Orders, one row per checkout: a customer buying one or more tickets in one price tier of one event. "
        "Includes orders whose payment failed (they have no tickets).",
        (
            Col("order_id", "INTEGER PRIMARY KEY", "Unique order identifier."),
            Col(
                "customer_id",
                "INTEGER",
                "Customer account that placed the order (customers.customer_id); NULL for an anonymous box office "
                "buyer.",
            ),
            Col("event_id", "INTEGER NOT NULL", "Event the order is for (events.event_id)."),
            Col("placed_at", "TEXT NOT NULL", "Date and time the order was placed (YYYY-MM-DD HH:MM)."),
            Col(
                "channel",
                "TEXT NOT NULL",
                "Where the order was placed: 'Web', 'App' (the mobile app, from 2024-09-01) or 'Box office' (at the "
                "venue).",
            ),
            Col(
                "promo_code",
                "TEXT",
                "Promotion code used (promotions.promo_code); NULL for an order without one.",
            ),
            Col(
                "order_fee",
                "REAL NOT NULL",
                "Per-order fee in USD: 2.50 on web and app orders placed before 2025-03-01, else 0; never refunded.",
            ),
            Col(
                "total_amount",
                "REAL NOT NULL",
                "Amount charged in USD: the sum of the tickets' face price less discount plus fees and tax, plus "
                "order_fee; for a failed order, the amount that could not be charged.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "'Completed' (paid, tickets issued) or 'Payment failed' (every payment attempt was declined, no "
                "tickets). Refunds do not change it.",
            ),
        ),
        (
            "FOREIGN KEY (customer_id) REFERENCES customers (customer_id)",
            "FOREIGN KEY (event_id) REFERENCES events (event_id)",
            "FOREIGN KEY (promo_code) REFERENCES promotions (promo_code)",
        ),
    ),
    Table(
        "payments",
        "Payment attempts on orders, one row per attempt: a completed order has one captured payment, perhaps "
        "after declined attempts; a failed order only declined ones.",
        (
            Col("payment_id", "INTEGER PRIMARY KEY", "Unique payment attempt identifier."),
            Col("order_id", "INTEGER NOT NULL", "Order being paid (orders.order_id)."),
            Col("attempted_at", "TEXT NOT NULL", "Date and time of the attempt (YYYY-MM-DD HH:MM)."),
            Col(
                "payment_method",
                "TEXT NOT NULL",
                "'Card', 'PayPal', 'Apple Pay', 'Google Pay' or 'Cash' (box office only).",
            ),
            Col("amount", "REAL NOT NULL", "Amount in USD attempted: the order's total_amount."),
            Col("status", "TEXT NOT NULL", "'Captured' (money taken) or 'Declined'."),
            Col(
                "decline_reason",
                "TEXT",
                "Why a declined attempt failed: 'Insufficient funds', 'Card expired' or 'Suspected fraud'; NULL when "
                "captured.",
            ),
        ),
        ("FOREIGN KEY (order_id) REFERENCES orders (order_id)",),
    ),
    Table(
        "tickets",
        "Tickets issued, one row per ticket (admission of one person), for completed orders only. What the "
        "customer paid for a ticket is face_price - discount_amount + service_fee + facility_fee + tax_amount.",
        (
            Col("ticket_id", "INTEGER PRIMARY KEY", "Unique ticket identifier."),
            Col("order_id", "INTEGER NOT NULL", "Order the ticket was bought in (orders.order_id)."),
            Col("tier_id", "INTEGER NOT NULL", "Price tier of the ticket (price_tiers.tier_id), hence its event."),
            Col(
                "seat_label",
                "TEXT",
                "Seat, as section-row-seat (e.g. 'S2-C14') for a reserved seat; NULL for standing or general "
                "admission.",
            ),
            Col("face_price", "REAL NOT NULL", "Face price in USD (the tier's face_price)."),
            Col(
                "discount_amount",
                "REAL NOT NULL",
                "Promotion discount in USD taken off the face price; 0 without a promotion.",
            ),
            Col(
                "service_fee",
                "REAL NOT NULL",
                "Our service fee in USD: 10% of the face price for orders placed before 2025-03-01, 12% from then; "
                "0 at the box office.",
            ),
            Col("facility_fee", "REAL NOT NULL", "The venue's facility fee in USD."),
            Col(
                "tax_amount",
                "REAL NOT NULL",
                "Sales tax in USD on face price less discount plus service and facility fees.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "'Valid' or 'Refunded' (see refunds); a ticket resold by its buyer stays 'Valid'.",
            ),
        ),
        (
            "FOREIGN KEY (order_id) REFERENCES orders (order_id)",
            "FOREIGN KEY (tier_id) REFERENCES price_tiers (tier_id)",
        ),
    ),
    Table(
        "refunds",
        "Refunds, one row per refunded ticket.",
        (
            Col("refund_id", "INTEGER PRIMARY KEY", "Unique refund identifier."),
            Col("ticket_id", "INTEGER NOT NULL", "Ticket refunded (tickets.ticket_id), at most once."),
            Col("refunded_at", "TEXT NOT NULL", "Date and time the refund was issued (YYYY-MM-DD HH:MM)."),
            Col(
                "refund_amount",
                "REAL NOT NULL",
                "Amount returned in USD: what was paid for the ticket, less its service fee when the customer "
                "asked ('Customer request').",
            ),
            Col(
                "reason",
                "TEXT NOT NULL",
                "'Event cancelled', 'Event postponed', 'Event moved' (the buyer could not make the new date) or "
                "'Customer request'.",
            ),
        ),
        ("FOREIGN KEY (ticket_id) REFERENCES tickets (ticket_id)",),
    ),
    Table(
        "scans",
        "Ticket scans at the venue's doors, one row per scan; a ticket admitted has one 'Admitted' scan, a "
        "ticket never scanned was a no-show.",
        (
            Col("scan_id", "INTEGER PRIMARY KEY", "Unique scan identifier."),
            Col("ticket_id", "INTEGER NOT NULL", "Ticket scanned (tickets.ticket_id)."),
            Col("scanned_at", "TEXT NOT NULL", "Date and time of the scan (YYYY-MM-DD HH:MM)."),
            Col("gate", "TEXT NOT NULL", "Entrance where it was scanned, e.g. 'Main', 'North', 'VIP'."),
            Col(
                "scan_result",
                "TEXT NOT NULL",
                "'Admitted', or 'Rejected' (the ticket had already been scanned, or was refunded).",
            ),
        ),
        ("FOREIGN KEY (ticket_id) REFERENCES tickets (ticket_id)",),
    ),
    Table(
        "resale_listings",
        "Tickets put up for fan-to-fan resale by their buyers, one row per listed ticket. The asking price is "
        "capped at 120% of the face price.",
        (
            Col("listing_id", "INTEGER PRIMARY KEY", "Unique listing identifier."),
            Col("ticket_id", "INTEGER NOT NULL", "Ticket offered (tickets.ticket_id)."),
            Col("seller_customer_id", "INTEGER NOT NULL", "Customer selling it (customers.customer_id)."),
            Col("listed_at", "TEXT NOT NULL", "Date and time it was listed (YYYY-MM-DD HH:MM)."),
            Col("asking_price", "REAL NOT NULL", "Price in USD asked of the buyer."),
            Col(
                "status",
                "TEXT NOT NULL",
                "'Sold', 'Withdrawn' (taken off by the seller), 'Expired' (the event came unsold) or 'Listed' (still "
                "on offer on 2025-12-31).",
            ),
            Col("sold_at", "TEXT", "Date and time it sold (YYYY-MM-DD HH:MM); NULL unless sold."),
            Col(
                "buyer_customer_id",
                "INTEGER",
                "Customer who bought it (customers.customer_id); NULL unless sold.",
            ),
            Col(
                "resale_fee",
                "REAL",
                "Our fee in USD, 10% of the asking price, kept from the seller's payout; NULL unless sold.",
            ),
        ),
        (
            "FOREIGN KEY (ticket_id) REFERENCES tickets (ticket_id)",
            "FOREIGN KEY (seller_customer_id) REFERENCES customers (customer_id)",
            "FOREIGN KEY (buyer_customer_id) REFERENCES customers (customer_id)",
        ),
    ),
)

COMMENTS = comments(_TABLES)
_TIMES = {
    "events": ("event_start", "original_start"),
    "orders": ("placed_at",),
    "payments": ("attempted_at",),
    "refunds": ("refunded_at",),
    "scans": ("scanned_at",),
    "resale_listings": ("listed_at", "sold_at"),
}

# --------------------------------------------------------------------------------------------
# The business.


@dataclass(frozen=True)
class _Venue:
    name: str
    city: str
    kind: str
    capacity: int
    opened: date
    facility_fee: float
    tax_rate: float
    gates: tuple[str, ...]
    box_office: float  # share of orders placed at the box office


_VENUES = (
    _Venue("Portside Pavilion", "Portside", "Arena", 1000, date(2009, 9, 12), 3.0, 0.08, ("North", "South"), 0.08),
    _Venue("Harbour Playhouse", "Portside", "Theatre", 180, date(1998, 4, 3), 2.0, 0.08, ("Main",), 0.18),
    _Venue("The Lantern Room", "Portside", "Club", 180, date(2016, 2, 20), 1.5, 0.08, ("Main",), 0.25),
    _Venue("Millbrook Field House", "Millbrook", "Arena", 600, date(2004, 10, 1), 2.5, 0.0725, ("East", "West"), 0.12),
    _Venue("Copper Kettle Comedy Club", "Millbrook", "Club", 120, date(2019, 5, 10), 1.0, 0.0725, ("Main",), 0.3),
    _Venue("Falls Music Hall", "Cedar Falls", "Music hall", 450, date(1987, 6, 1), 2.0, 0.065, ("Main", "Side"), 0.15),
    _Venue(
        "Riverside Amphitheatre", "Cedar Falls", "Amphitheatre", 1400, date(2025, 6, 14), 3.5, 0.065,
        ("River Gate", "Park Gate"), 0.06,
    ),
)  # fmt: skip
_PAVILION, _PLAYHOUSE, _LANTERN, _FIELD_HOUSE, _KETTLE, _MUSIC_HALL, _AMPHI = range(7)
_HOME_TOWNS = ("Portside", "Millbrook", "Cedar Falls", "Elm Grove", "Bayview")
_TOWN_WEIGHTS = tuple(zip(_HOME_TOWNS, (34, 24, 22, 11, 9), strict=True))
_MOVERS = tuple(zip(_HOME_TOWNS, (30, 25, 20, 15, 10), strict=True))  # home towns of those from elsewhere

_PROMOTERS = (
    ("Northlight Live", "bookings@northlightlive.com", 0.08, date(2023, 11, 1)),
    ("Echo & Ember Presents", "hello@echoember.com", 0.07, date(2023, 12, 1)),
    ("Big Laugh Comedy", "shows@biglaugh.com", 0.09, date(2023, 10, 15)),
    ("Harbour Stage Company", "boxoffice@harbourstage.org", 0.06, date(2023, 9, 1)),
    ("Millbrook Mustangs", "tickets@mustangshoops.com", 0.05, date(2023, 12, 15)),
    ("Bright Stars Family Entertainment", "tours@brightstarsfamily.com", 0.07, date(2024, 2, 1)),
)
_NORTHLIGHT, _ECHO, _BIG_LAUGH, _HARBOUR_STAGE, _MUSTANGS, _BRIGHT_STARS = range(6)

# tier templates: (name, share of capacity, price multiple, reserved seating, demand multiple)
_TIERS = {
    "arena concert": (
        ("Floor", 0.35, 1.0, False, 1.1),
        ("Lower Bowl", 0.40, 1.15, True, 1.0),
        ("Upper Bowl", 0.20, 0.7, True, 0.8),
        ("VIP Package", 0.05, 2.6, True, 1.2),
    ),
    "arena family": (("Lower Bowl", 0.55, 1.0, True, 1.0), ("Upper Bowl", 0.45, 0.7, True, 0.85)),
    "arena sports": (
        ("Courtside", 0.04, 3.0, True, 1.1),
        ("Lower Level", 0.46, 1.0, True, 1.0),
        ("Upper Level", 0.50, 0.65, True, 0.8),
    ),
    "theatre": (
        ("Stalls", 0.50, 1.0, True, 1.0),
        ("Dress Circle", 0.30, 1.2, True, 1.05),
        ("Balcony", 0.20, 0.65, True, 0.85),
    ),
    "club": (("General Admission", 0.9, 1.0, False, 1.0), ("VIP Table", 0.1, 1.8, True, 0.9)),
    "music hall": (("Standing", 0.6, 1.0, False, 1.05), ("Balcony Seated", 0.4, 1.25, True, 0.95)),
    "amphitheatre": (
        ("Lawn", 0.5, 0.75, False, 1.0),
        ("Reserved", 0.45, 1.2, True, 1.0),
        ("VIP Pit", 0.05, 2.5, True, 1.15),
    ),
}

_PROMOS = (
    ("LAUGH24", "20% off comedy tickets ordered online in April 2024", 20.0, date(2024, 4, 1), date(2024, 4, 30),
     "Comedy events"),
    ("APP10", "10% off every ticket ordered in the new mobile app, September and October 2024", 10.0,
     date(2024, 9, 1), date(2024, 10, 31), "App orders"),
    ("RIVERSIDE25", "25% off the Riverside Amphitheatre's first season, from its on-sale day to the end of May 2025",
     25.0, date(2025, 4, 15), date(2025, 5, 31), "Riverside Amphitheatre events"),
    ("BLACKFRIDAY25", "15% off every event, Black Friday weekend 2025", 15.0, date(2025, 11, 28), date(2025, 12, 1),
     "All events"),
)  # fmt: skip
_PROMO_TAKE_UP = {"LAUGH24": 0.55, "APP10": 0.6, "RIVERSIDE25": 0.7, "BLACKFRIDAY25": 0.8}

# demand by month (Jan .. Dec) of the event, by category
_MONTHS = {
    "Concert": (0.75, 0.75, 0.85, 0.9, 0.95, 1.1, 1.2, 1.2, 1.0, 0.9, 0.9, 1.05),
    "Comedy": (1.05, 1.0, 1.0, 0.95, 0.9, 0.85, 0.8, 0.8, 0.9, 1.0, 1.05, 1.1),
    "Theatre": (0.85, 0.9, 0.95, 0.95, 0.9, 0.85, 0.8, 0.8, 0.9, 0.95, 1.0, 1.3),
    "Sports": (1.0, 1.05, 1.15, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.85, 0.9, 1.0),
    "Family": (0.9, 0.9, 1.0, 1.05, 0.9, 0.9, 1.05, 1.05, 0.9, 0.9, 1.0, 1.2),
}
_CONCERT_SEASON = (0.5, 0.6, 0.8, 0.9, 1.0, 1.4, 1.6, 1.5, 1.1, 1.0, 0.9, 1.0)  # how many concerts, by month
_WEEKDAY = (0.72, 0.7, 0.78, 0.86, 1.0, 1.02, 0.88)  # Monday .. Sunday
_BUSIER = {2024: 0.88, 2025: 1.1, 2026: 1.1}  # more events as the business grows
_GROWTH = {2024: 0.88, 2025: 0.97, 2026: 0.99}
_QUANTITIES = ((1, 17), (2, 46), (3, 9), (4, 18), (5, 4), (6, 4), (8, 2))
_FAMILY_QUANTITIES = ((1, 4), (2, 20), (3, 25), (4, 35), (5, 10), (6, 6))

_ADJECTIVES = (
    "Velvet", "Silver", "Hollow", "Electric", "Midnight", "Golden", "Paper", "Wandering", "Crimson", "Quiet",
    "Drifting", "Neon", "Wild", "Broken", "Northern", "Lucky", "Static", "Glass", "Copper", "Saltwater",
)  # fmt: skip
_NOUNS = (
    "Arches", "Foxes", "Pines", "Lanterns", "Ravens", "Harbors", "Satellites", "Orchards", "Tides", "Engines",
    "Sparrows", "Rivers", "Comets", "Owls", "Parades", "Echoes", "Wolves", "Anchors", "Meadows", "Signals",
)  # fmt: skip
_TOURS = ("Northern Lights", "Long Way Home", "Afterglow", "Open Roads", "Homecoming", "Static Bloom", "Evergreen",
          "Night Drive", "Wildfire", "Coastline", "Gravity", "Daybreak")  # fmt: skip
_COMEDY_TITLES = ("Live", "Unfiltered", "Work in Progress", "No Notes", "Overthinking It", "Still Talking",
                  "Just Kidding", "Small Talk")  # fmt: skip
_PLAYS = (
    "The Importance of Being Earnest", "Twelfth Night", "Hedda Gabler", "The Cherry Orchard", "Pygmalion",
    "Much Ado About Nothing", "A Doll's House", "The Seagull", "She Stoops to Conquer", "Arms and the Man",
    "Uncle Vanya", "The Rivals", "An Ideal Husband", "The Tempest",
)  # fmt: skip
_OPPONENTS = (
    "Bayview Herons", "Elm Grove Elks", "Portside Pilots", "Cedar Falls Cougars", "Lakeview Lynx", "Northfield Knights",
    "Westbrook Wolves", "Summit City Storm", "Harlow Hornets", "Kingsport Kings",
)  # fmt: skip
_FAMILY_SHOWS = ("Bubbleworks Live!", "Dino Ranch Adventure", "Circus of Wonders", "Puppet Palace",
                 "Space Cadets on Stage", "Mermaid Lagoon Live", "The Magic Treehouse Show")  # fmt: skip

_FIRST = (
    "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
    "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Chris", "Karen", "Daniel", "Lisa",
    "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley", "Steven", "Emily", "Andrew", "Michelle", "Joshua",
    "Amanda", "Kevin", "Melissa", "Brian", "Stephanie", "Ryan", "Rebecca", "Jacob", "Laura", "Nicole", "Tyler",
    "Olivia", "Ethan", "Sofia", "Noah", "Ava", "Liam", "Maya", "Lucas", "Chloe", "Aisha", "Mateo", "Priya", "Omar",
    "Hannah", "Diego", "Grace", "Wei", "Yuki", "Fatima", "Leo", "Zoe", "Isaac", "Nora", "Samuel", "Ruby", "Adam",
)  # fmt: skip
_LAST = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez",
    "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
    "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera",
    "Campbell", "Mitchell", "Carter", "Roberts", "Chen", "Patel", "Kim", "Murphy", "Sullivan", "Nowak", "Fischer",
    "Bianchi", "Moreau", "Horvat", "Adeyemi", "Khoury", "Berg", "Tanaka", "Gupta", "Reyes", "Okafor", "Larsen",
)  # fmt: skip


# --------------------------------------------------------------------------------------------
# Helpers.


def _cents(amount: float) -> float:
    """`amount` to the cent, halves up."""
    return float(Decimal(repr(amount)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _half_dollars(amount: float) -> float:
    """`amount` to the nearest 50 cents."""
    return math.floor(amount * 2 + 0.5) / 2


def _pick(rng: random.Random, choices: tuple | list):
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


def _at(day: date, minutes: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day) + timedelta(minutes=minutes)


def _days(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


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


@dataclass
class _Event:
    name: str
    category: str
    venue: int
    promoter: int
    start: datetime
    on_sale: date
    popularity: float
    tiers: str  # key of _TIERS
    base_price: float
    status: str = ""
    original: datetime | None = None
    announced: date | None = None
    row: dict | None = None
    tier_rows: list[dict] = field(default_factory=list)


@dataclass
class _Customer:
    seq: int
    first: str
    last: str
    city: str
    signup: date
    opt_in: int
    born: int | None
    loyalty: int  # 0 occasional, 1 regular, 2 frequent
    row: dict | None = None


@dataclass
class _Order:
    event: _Event
    tier: int
    quantity: int
    placed: datetime
    channel: str
    customer: _Customer | None = None
    promo: str | None = None
    failed: bool = False
    order_id: int = 0
    order_fee: float = 0.0
    total: float = 0.0
    tickets: list[dict] = field(default_factory=list)


_SPECIAL = (
    # name, category, venue, promoter, start, popularity, base price, status, original start, announced
    ("Aurora Skye - Northern Lights Tour", "Concert", _PAVILION, _NORTHLIGHT, datetime(2025, 7, 19, 20, 0), 1.6,
     95.0, "Cancelled", None, date(2025, 7, 8)),
    ("The Drifting Pines - Open Roads Tour", "Concert", _AMPHI, _NORTHLIGHT, datetime(2025, 8, 16, 19, 0), 0.95,
     65.0, "Cancelled", None, date(2025, 8, 16)),
    ("Dana Whitlock: Overthinking It", "Comedy", _KETTLE, _BIG_LAUGH, datetime(2024, 10, 11, 20, 0), 1.0, 28.0,
     "Cancelled", None, date(2024, 10, 2)),
    ("Millbrook Mustangs vs Summit City Storm", "Sports", _FIELD_HOUSE, _MUSTANGS, datetime(2025, 2, 8, 19, 0),
     0.85, 30.0, "Cancelled", None, date(2025, 2, 7)),
    ("The Paper Orchards - Homecoming Tour", "Concert", _MUSIC_HALL, _ECHO, datetime(2024, 6, 22, 20, 0),
     0.9, 42.0, "Completed", datetime(2024, 5, 18, 20, 0), date(2024, 5, 2)),
    ("Juniper Vale - Afterglow Tour", "Concert", _PAVILION, _NORTHLIGHT, datetime(2025, 4, 26, 20, 0), 1.0, 70.0,
     "Completed", datetime(2025, 3, 15, 20, 0), date(2025, 2, 20)),
    ("The Velvet Arches - Night Drive Tour", "Concert", _LANTERN, _ECHO, datetime(2025, 12, 12, 20, 0), 1.1, 30.0,
     "Postponed", None, date(2025, 12, 1)),
    ("Circus of Wonders", "Family", _PAVILION, _BRIGHT_STARS, datetime(2025, 12, 20, 14, 0), 0.9, 38.0,
     "Postponed", None, date(2025, 12, 10)),
    ("Opening Night: Marlowe Grant & The Saltwater Echoes", "Concert", _AMPHI, _NORTHLIGHT,
     datetime(2025, 6, 14, 19, 0), 1.3, 60.0, "Completed", None, None),
)  # fmt: skip


class _Business:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.events: list[_Event] = []
        self.customers: list[_Customer] = []
        self.orders: list[_Order] = []
        self.payments: list[dict] = []
        self.refunds: list[dict] = []
        self.scans: list[dict] = []
        self.listings: list[dict] = []
        self.by_signup: list[_Customer] = []
        self.signups: list[date] = []
        rng = self.rng
        self.artists = [f"The {a} {n}" for a in _ADJECTIVES for n in _NOUNS]
        rng.shuffle(self.artists)
        solo = [f"{f} {last}" for f in _FIRST[:40] for last in _LAST[:40]]
        rng.shuffle(solo)
        self.artists = self.artists[:90] + solo[:60]
        rng.shuffle(self.artists)
        self.comedians = solo[60:120]
        self.artist_pop = {a: rng.uniform(0.45, 1.15) for a in self.artists}
        self.comic_pop = {c: rng.uniform(0.55, 1.1) for c in self.comedians}

    # --- the calendar

    def _event(self, name: str, category: str, venue: int, promoter: int, start: datetime, lead: tuple[int, int],
               popularity: float, tiers: str, base: float) -> _Event:  # fmt: skip
        on_sale = max(FIRST_ON_SALE, start.date() - timedelta(days=self.rng.randint(*lead)))
        event = _Event(name, category, venue, promoter, start, on_sale, popularity, tiers, base)
        self.events.append(event)
        return event

    def _concert(self, venue: int, start: datetime) -> None:
        rng = self.rng
        artist = rng.choice(self.artists)
        name = f"{artist} - {rng.choice(_TOURS)} Tour"
        pop = self.artist_pop[artist] * rng.uniform(0.9, 1.1)
        if venue in (_PAVILION, _FIELD_HOUSE):
            tiers, base, lead, promoter = "arena concert", rng.uniform(48, 95), (75, 150), _NORTHLIGHT
        elif venue == _AMPHI:
            tiers, base, lead, promoter = "amphitheatre", rng.uniform(45, 80), (30, 60), _NORTHLIGHT
        elif venue == _MUSIC_HALL:
            tiers, base, lead = "music hall", rng.uniform(28, 60), (45, 90)
            promoter = _ECHO if rng.random() < 0.6 else _NORTHLIGHT
        else:
            tiers, base, lead, promoter = "club", rng.uniform(16, 38), (30, 60), _ECHO
        self._event(name, "Concert", venue, promoter, start, lead, pop, tiers, base)

    def _comedy(self, venue: int, start: datetime) -> None:
        rng = self.rng
        comic = rng.choice(self.comedians)
        name = f"{comic}: {rng.choice(_COMEDY_TITLES)}"
        tiers = {_PLAYHOUSE: "theatre", _MUSIC_HALL: "music hall"}.get(venue, "club")
        base = rng.uniform(32, 55) if tiers != "club" else rng.uniform(18, 32)
        pop = self.comic_pop[comic] * rng.uniform(0.9, 1.1)
        self._event(name, "Comedy", venue, _BIG_LAUGH, start, (21, 45), pop, tiers, base)

    def schedule(self) -> None:
        rng = self.rng
        special_days = {(s[2], s[4].date()) for s in _SPECIAL} | {(s[2], s[8].date()) for s in _SPECIAL if s[8]}
        # the Harbour Playhouse: theatre runs, A Christmas Carol every December, comedy in between
        theatre_days: set[date] = set()
        plays = list(_PLAYS)
        rng.shuffle(plays)
        opening = date(2024, 2, 8)
        while opening <= LAST_EVENT:
            weeks = rng.choice((2, 2, 3))  # Thursday to Saturday evenings, weekend matinees
            closing = opening + timedelta(days=7 * weeks - 4)
            if closing > date(opening.year, 11, 24):  # December belongs to A Christmas Carol
                january = date(opening.year + 1, 1, 8)
                opening = january + timedelta(days=(3 - january.weekday()) % 7)
                continue
            plays.append(plays.pop(0))
            self._run(plays[-1], opening, closing, rng.uniform(0.75, 1.15), rng.uniform(42, 68), theatre_days)
            opening = closing + timedelta(days=rng.choice((45, 52, 59)))
            opening += timedelta(days=(3 - opening.weekday()) % 7)
        for year in (2024, 2025):
            first = date(year, 12, 1) + timedelta(days=(3 - date(year, 12, 1).weekday()) % 7)
            self._run("A Christmas Carol", first, date(year, 12, 23), 1.25, 58.0, theatre_days, holiday=True)
        for day in _days(FIRST_EVENT, LAST_EVENT):
            wd, month = day.weekday(), day.month
            busier = _BUSIER[day.year]
            concert_month = _CONCERT_SEASON[month - 1] * busier
            taken = {v for v, d in special_days if d == day}
            # Portside Pavilion: concerts, family shows in school holidays
            if _PAVILION not in taken:
                p = {3: 0.02, 4: 0.06, 5: 0.08, 6: 0.02}.get(wd, 0.0) * concert_month
                if rng.random() < p:
                    self._concert(_PAVILION, _at(day, 20 * 60))
                elif wd >= 5 and month in (3, 4, 7, 8, 12) and rng.random() < 0.15 * busier:
                    show = rng.choice(_FAMILY_SHOWS)
                    self._event(show, "Family", _PAVILION, _BRIGHT_STARS, _at(day, 14 * 60), (60, 90),
                                rng.uniform(0.7, 1.05), "arena family", rng.uniform(28, 48))  # fmt: skip
            # Harbour Playhouse between runs: touring comedians
            if day not in theatre_days and wd in (4, 5) and rng.random() < 0.06 * busier:
                self._comedy(_PLAYHOUSE, _at(day, 20 * 60))
            # The Lantern Room: club gigs, a comedy night on Wednesdays
            if _LANTERN not in taken:
                if wd in (3, 4, 5) and rng.random() < 0.2 * concert_month:
                    self._concert(_LANTERN, _at(day, 20 * 60 + 30))
                elif wd == 2 and rng.random() < 0.15 * busier:
                    self._comedy(_LANTERN, _at(day, 19 * 60 + 30))
            # Millbrook Field House: the Mustangs from October to March, otherwise concerts and family shows
            if _FIELD_HOUSE not in taken:
                season = date(day.year, 10, 18) <= day or day <= date(day.year, 3, 15)
                if season and (wd == 5 and rng.random() < 0.6 or wd == 2 and rng.random() < 0.15):
                    opponent = rng.choice(_OPPONENTS)
                    base = 30.0 if day < date(2025, 10, 1) else 30.0 * 1.12
                    start = _at(day, 19 * 60)
                    self._event(f"Millbrook Mustangs vs {opponent}", "Sports", _FIELD_HOUSE, _MUSTANGS, start,
                                (35, 50), rng.uniform(0.7, 1.0), "arena sports", base)  # fmt: skip
                elif not season and wd == 5 and rng.random() < 0.1 * concert_month:
                    self._concert(_FIELD_HOUSE, _at(day, 20 * 60))
                elif wd == 6 and rng.random() < 0.08 * busier:
                    self._event(rng.choice(_FAMILY_SHOWS), "Family", _FIELD_HOUSE, _BRIGHT_STARS, _at(day, 13 * 60),
                                (45, 75), rng.uniform(0.65, 1.0), "arena family", rng.uniform(24, 40))  # fmt: skip
            # Copper Kettle Comedy Club
            if _KETTLE not in taken and rng.random() < {3: 0.15, 4: 0.35, 5: 0.5}.get(wd, 0.0) * busier:
                self._comedy(_KETTLE, _at(day, 20 * 60))
            # Falls Music Hall
            if _MUSIC_HALL not in taken:
                if rng.random() < {3: 0.06, 4: 0.18, 5: 0.2}.get(wd, 0.0) * concert_month:
                    self._concert(_MUSIC_HALL, _at(day, 20 * 60))
                elif wd == 6 and rng.random() < 0.1 * busier:
                    self._comedy(_MUSIC_HALL, _at(day, 19 * 60))
            # Riverside Amphitheatre: its first summer season
            summer = date(2025, 6, 15) <= day <= date(2025, 9, 27)
            if _AMPHI not in taken and summer and wd in (4, 5) and rng.random() < 0.3:
                self._concert(_AMPHI, _at(day, 19 * 60))
        for name, category, venue, promoter, start, pop, base, status, original, announced in _SPECIAL:
            tiers = {_PAVILION: "arena concert", _AMPHI: "amphitheatre", _KETTLE: "club", _FIELD_HOUSE: "arena sports",
                     _MUSIC_HALL: "music hall", _LANTERN: "club"}[venue]  # fmt: skip
            if category == "Family":
                tiers = "arena family"
            first_date = (original or start).date()
            lead = {"Concert": (90, 120), "Comedy": (30, 40), "Sports": (40, 45), "Family": (70, 80)}[category]
            event = self._event(name, category, venue, promoter, start, lead, pop, tiers, base)
            event.on_sale = max(FIRST_ON_SALE, first_date - timedelta(days=self.rng.randint(*lead)))
            event.status, event.original, event.announced = status, original, announced
        for event in self.events:
            if event.venue == _AMPHI:
                event.on_sale = date(2025, 4, 15)
            if not event.status:
                event.status = "Completed" if event.start.date() <= END else "Scheduled"
        self.events.sort(key=lambda e: (e.start, e.venue))

    def _run(self, play: str, opening: date, closing: date, pop: float, base: float, days: set[date],
             holiday: bool = False) -> None:  # fmt: skip
        on_sale = max(FIRST_ON_SALE, opening - timedelta(days=self.rng.randint(60, 90)))
        for day in _days(opening, closing):
            days.add(day)
            wd = day.weekday()
            times = []
            if wd in (3, 4, 5) or (holiday and wd == 6):
                times.append(19 * 60 + (0 if holiday else 30))
            if wd >= 5:
                times.append(14 * 60)
            for minutes in sorted(times):
                boost = 1.1 if day == opening or day > closing - timedelta(days=3) else 1.0
                event = _Event(play, "Theatre", _PLAYHOUSE, _HARBOUR_STAGE, _at(day, minutes), on_sale,
                               pop * boost * self.rng.uniform(0.92, 1.08), "theatre", base)  # fmt: skip
                self.events.append(event)

    # --- the sales

    def _sales_days(self, event: _Event) -> tuple[list[date], list[float]]:
        """The days an event's tickets sell on (to its start, or the day its cancellation or postponement was
        announced), with each day's weight."""
        last = event.start.date()
        if event.status in ("Cancelled", "Postponed"):
            last = min(last, event.announced)
        days, weights = [], []
        for day in _days(event.on_sale, last):
            since, before = (day - event.on_sale).days, (event.start.date() - day).days
            w = 1.0 + 4.0 * math.exp(-before / 9.0)
            if since == 0:
                w += 14.0 * event.popularity
            elif since <= 2:
                w += 3.0 * event.popularity
            if date(2025, 11, 28) <= day <= date(2025, 12, 1):
                w *= 3.5
            if event.category == "Comedy" and day.year == 2024 and day.month == 4:
                w *= 1.6
            if event.venue == _AMPHI and day <= date(2025, 5, 31):
                w *= 1.4
            days.append(day)
            weights.append(w)
        return days, weights

    def sell(self) -> None:
        rng = self.rng
        for event in self.events:
            venue = _VENUES[event.venue]
            template = _TIERS[event.tiers]
            seats = [round(venue.capacity * share) for _, share, *_ in template]
            seats[0] += venue.capacity - sum(seats)
            event.tier_rows = [
                {
                    "tier_name": name,
                    "face_price": _half_dollars(event.base_price * mult),
                    "seats_allocated": n,
                    "is_reserved_seating": int(reserved),
                }
                for (name, _, mult, reserved, _), n in zip(template, seats, strict=True)
            ]
            month = event.start.month
            demand = (
                event.popularity
                * _MONTHS[event.category][month - 1]
                * _WEEKDAY[event.start.weekday()]
                * _GROWTH[event.start.year]
            )
            days, weights = self._sales_days(event)
            cum = list(_accumulate(weights))
            quantities = _FAMILY_QUANTITIES if event.category == "Family" else _QUANTITIES
            walk_up = event.status == "Completed"
            for t, (_, _, _, _, tier_demand) in enumerate(template):
                wanted = min(seats[t], round(seats[t] * demand * tier_demand * rng.uniform(0.85, 1.15)))
                sold = 0
                while sold < wanted:
                    q = min(_pick(rng, quantities), seats[t] - sold)
                    if t == len(template) - 1 and event.tiers == "club":
                        q = min(max(q, 2), seats[t] - sold)
                    sold += q
                    if rng.random() < venue.box_office:
                        if walk_up and rng.random() < 0.55:
                            minutes = event.start.hour * 60 + event.start.minute - rng.randint(10, 180)
                            placed = _at(event.start.date(), minutes)
                        else:
                            day = rng.choices(days, cum_weights=cum)[0]
                            placed = _at(day, rng.randint(10 * 60, 18 * 60 - 1))
                            if placed >= event.start:
                                placed = event.start - timedelta(minutes=rng.randint(10, 180))
                        channel = "Box office"
                    else:
                        day = rng.choices(days, cum_weights=cum)[0]
                        if day == event.on_sale:
                            placed = _at(day, 10 * 60 + min(int(rng.expovariate(1 / 25)), 13 * 60))
                        else:
                            hour = _pick(rng, _ORDER_HOURS)
                            placed = _at(day, hour * 60 + rng.randint(0, 59))
                        if placed >= event.start:
                            placed = event.start - timedelta(minutes=rng.randint(30, 240))
                        channel = self._online_channel(placed.date())
                    if placed.date() > END or placed.date() < event.on_sale:
                        continue
                    if event.status in ("Cancelled", "Postponed") and placed.date() > event.announced:
                        continue
                    self.orders.append(_Order(event, t, q, placed, channel))
        self.orders.sort(key=lambda o: (o.placed, o.event.start, o.tier))

    def _online_channel(self, day: date) -> str:
        if day < APP_LAUNCH:
            return "Web"
        share = 0.12 + 0.33 * (day - APP_LAUNCH).days / (END - APP_LAUNCH).days
        return "App" if self.rng.random() < share else "Web"

    # --- the customers

    def _new_customer(self, city: str, signup: date, loyalty: int | None = None) -> _Customer:
        rng = self.rng
        if loyalty is None:
            loyalty = _pick(rng, ((0, 62), (1, 28), (2, 10)))
        born = rng.randint(1948, 2006) if rng.random() < 0.7 else None
        opt_in = int(rng.random() < (0.5, 0.6, 0.75)[loyalty])
        c = _Customer(len(self.customers), rng.choice(_FIRST), rng.choice(_LAST), city, signup, opt_in, born, loyalty)
        self.customers.append(c)
        return c

    def people(self) -> None:
        """Give every order its customer (most web and app buyers come back; a box office buyer is usually
        anonymous), in the order the orders were placed; then the accounts that never bought."""
        rng = self.rng
        pools: dict[str, list[list[_Customer]]] = {city: [[], [], []] for city in _HOME_TOWNS}
        everyone: list[list[_Customer]] = [[], [], []]

        def add(c: _Customer) -> None:
            pools[c.city][c.loyalty].append(c)
            everyone[c.loyalty].append(c)

        for _ in range(2600):  # accounts from the old box office
            city = _pick(rng, _TOWN_WEIGHTS)
            signup = date(2018, 1, 1) + timedelta(days=rng.randint(0, (date(2023, 12, 31) - date(2018, 1, 1)).days))
            add(self._new_customer(city, signup, _pick(rng, ((0, 50), (1, 35), (2, 15)))))
        for order in self.orders:
            if order.channel == "Box office" and rng.random() < 0.6:
                continue
            city = _VENUES[order.event.venue].city
            back = 0.62 if order.channel != "Box office" else 0.75
            pool = pools[city] if rng.random() < 0.85 else everyone
            sizes = [len(p) * (1, 4, 14)[k] for k, p in enumerate(pool)]
            if rng.random() < back and sum(sizes):
                k = rng.choices((0, 1, 2), sizes)[0]
                order.customer = rng.choice(pool[k])
                continue
            home = city if rng.random() < 0.8 else _pick(rng, _MOVERS)
            signup = order.placed.date()
            if rng.random() < 0.15:
                signup -= timedelta(days=rng.randint(1, 200))
                signup = max(signup, START)
            order.customer = self._new_customer(home, signup)
            add(order.customer)
        for _ in range(1400):  # signed up for alerts, never bought
            city = _pick(rng, _TOWN_WEIGHTS)
            self._new_customer(city, START + timedelta(days=rng.randint(0, (END - START).days)), 0)

    # --- promotions, payments, tickets

    def charge(self) -> None:
        rng = self.rng
        promos = sorted(_PROMOS, key=lambda p: -p[2])
        extra: list[_Order] = []
        for order in self.orders:
            day, event = order.placed.date(), order.event
            if order.channel != "Box office":
                for code, _, _, first, last, applies in promos:
                    fits = {
                        "All events": True,
                        "Comedy events": event.category == "Comedy",
                        "Riverside Amphitheatre events": event.venue == _AMPHI,
                        "App orders": order.channel == "App",
                    }[applies]
                    if fits and first <= day <= last:
                        if rng.random() < _PROMO_TAKE_UP[code]:
                            order.promo = code
                        break
            if order.channel != "Box office" and rng.random() < 0.025:
                failed = _Order(event, order.tier, order.quantity, order.placed - timedelta(minutes=rng.randint(5, 90)),
                                order.channel, order.customer, order.promo, failed=True)  # fmt: skip
                if failed.placed.date() >= max(event.on_sale, order.customer.signup):
                    extra.append(failed)
        self.orders = sorted(self.orders + extra, key=lambda o: (o.placed, o.event.start, o.tier, o.failed))
        seat_counter: dict[tuple[int, int], int] = {}
        pct = {p[0]: p[2] for p in _PROMOS}
        for number, order in enumerate(self.orders, start=1):
            order.order_id = number
            event, venue = order.event, _VENUES[order.event.venue]
            tier = event.tier_rows[order.tier]
            online = order.channel != "Box office"
            before = order.placed.date() < FEE_CHANGE
            tickets = []
            for _ in range(order.quantity):
                face = tier["face_price"]
                discount = _cents(face * pct[order.promo] / 100) if order.promo else 0.0
                service = _cents(face * (0.10 if before else 0.12)) if online else 0.0
                facility = venue.facility_fee
                tax = _cents((face - discount + service + facility) * venue.tax_rate)
                seat = None
                if tier["is_reserved_seating"] and not order.failed:
                    k = seat_counter.get((id(event), order.tier), 0)
                    seat_counter[(id(event), order.tier)] = k + 1
                    seat = f"S{order.tier + 1}-{_row_letters(k // 20)}{k % 20 + 1}"
                tickets.append(
                    {
                        "seat_label": seat,
                        "face_price": face,
                        "discount_amount": discount,
                        "service_fee": service,
                        "facility_fee": facility,
                        "tax_amount": tax,
                        "status": "Valid",
                        "paid": _cents(face - discount + service + facility + tax),
                    }
                )
            order_fee = 2.5 if online and before else 0.0
            total = _cents(sum(t["paid"] for t in tickets) + order_fee)
            order.order_fee, order.total = order_fee, total
            if not order.failed:
                order.tickets = tickets
            self._pay(order)

    def _pay(self, order: _Order) -> None:
        rng = self.rng
        if order.channel == "Box office":
            method = "Cash" if rng.random() < 0.3 else "Card"
        elif order.channel == "App":
            method = _pick(rng, (("Apple Pay", 45), ("Google Pay", 20), ("Card", 35)))
        else:
            method = _pick(rng, (("Card", 70), ("PayPal", 20), ("Google Pay", 10)))
        moment = order.placed
        reasons = (("Insufficient funds", 55), ("Card expired", 30), ("Suspected fraud", 15))
        tries = rng.randint(1, 3) if order.failed else (1 if method != "Cash" and rng.random() < 0.04 else 0)
        for _ in range(tries):
            self.payments.append(
                {
                    "order": order,
                    "attempted_at": moment,
                    "payment_method": method,
                    "amount": order.total,
                    "status": "Declined",
                    "decline_reason": _pick(rng, reasons),
                }
            )
            moment += timedelta(minutes=rng.randint(1, 4))
            if rng.random() < 0.5 and method != "Card":
                method = "Card"
        if not order.failed:
            self.payments.append(
                {
                    "order": order,
                    "attempted_at": moment,
                    "payment_method": method,
                    "amount": order.total,
                    "status": "Captured",
                    "decline_reason": None,
                }
            )

    # --- after the sale: refunds, resale, the door

    def after(self) -> None:
        rng = self.rng
        for order in self.orders:
            if order.failed:
                continue
            event = order.event
            refund_at, reason, which = None, None, order.tickets
            if event.status == "Cancelled":
                day = event.announced + timedelta(days=rng.randint(1, 5))
                refund_at, reason = _at(day, rng.randint(8 * 60, 20 * 60)), "Event cancelled"
            elif event.status == "Postponed" and rng.random() < 0.35:
                day = event.announced + timedelta(days=rng.randint(1, 20))
                if day <= END:
                    refund_at, reason = _at(day, rng.randint(8 * 60, 22 * 60)), "Event postponed"
            elif event.original is not None and order.placed.date() < event.announced and rng.random() < 0.18:
                day = event.announced + timedelta(days=rng.randint(1, 21))
                refund_at, reason = _at(day, rng.randint(8 * 60, 22 * 60)), "Event moved"
            elif order.channel != "Box office" and rng.random() < 0.014:
                first = order.placed.date() + timedelta(days=1)
                last = min(event.start.date() - timedelta(days=2), END)
                if first <= last:
                    day = first + timedelta(days=rng.randint(0, (last - first).days))
                    refund_at, reason = _at(day, rng.randint(8 * 60, 22 * 60)), "Customer request"
                    if len(which) > 1 and rng.random() < 0.3:
                        which = which[: rng.randint(1, len(which) - 1)]
            if refund_at is None:
                continue
            for ticket in which:
                ticket["status"] = "Refunded"
                amount = ticket["paid"] - (ticket["service_fee"] if reason == "Customer request" else 0.0)
                self.refunds.append(
                    {"ticket": ticket, "refunded_at": refund_at, "refund_amount": _cents(amount), "reason": reason}
                )
        for order in self.orders:
            if order.failed:
                continue
            event = order.event
            if event.status not in ("Completed", "Scheduled"):
                continue
            if order.customer is not None and order.channel != "Box office" and rng.random() < 0.03:
                self._list(order)
            if event.status != "Completed":
                continue
            self._door(order)

    def _list(self, order: _Order) -> None:
        rng = self.rng
        event = order.event
        first = order.placed + timedelta(days=2)
        last = min(event.start - timedelta(days=1), _at(END, 23 * 60))
        if first >= last:
            return
        valid = [t for t in order.tickets if t["status"] == "Valid"]
        if not valid:
            return
        count = len(valid) if rng.random() < 0.6 else rng.randint(1, len(valid))
        span = int((last - first).total_seconds() // 60)
        listed = first + timedelta(minutes=rng.randint(0, span))
        for ticket in valid[:count]:
            asking = min(_half_dollars(ticket["face_price"] * rng.uniform(0.8, 1.25)), ticket["face_price"] * 1.2)
            asking = _cents(math.floor(asking * 2) / 2)
            row = {
                "ticket": ticket,
                "seller": order.customer,
                "listed_at": listed,
                "asking_price": asking,
                "status": "",
                "sold_at": None,
                "buyer": None,
                "resale_fee": None,
            }
            roll = rng.random()
            end = min(event.start - timedelta(hours=1), _at(END, 23 * 60 + 59))
            if roll < 0.6 and end > listed + timedelta(minutes=5):
                sold = listed + timedelta(minutes=rng.randint(5, int((end - listed).total_seconds() // 60)))
                buyer = self._buyer(sold.date(), order.customer)
                row.update(status="Sold", sold_at=sold, buyer=buyer, resale_fee=_cents(asking * 0.1))
            elif roll < 0.75:
                row["status"] = "Withdrawn"
            else:
                row["status"] = "Expired" if event.start.date() <= END else "Listed"
            self.listings.append(row)

    def _buyer(self, day: date, seller: _Customer) -> _Customer:
        """Someone other than the seller with an account by `day`."""
        if not self.by_signup:
            self.by_signup = sorted(self.customers, key=lambda c: (c.signup, c.seq))
            self.signups = [c.signup for c in self.by_signup]
        known = bisect.bisect_right(self.signups, day)
        while True:
            buyer = self.by_signup[self.rng.randrange(known)]
            if buyer is not seller:
                return buyer

    def _door(self, order: _Order) -> None:
        rng = self.rng
        event = order.event
        venue = _VENUES[event.venue]
        show = 0.955
        if event.category == "Comedy":
            show -= 0.05
        if event.category == "Sports" and event.start.weekday() < 5:
            show -= 0.08
        if event.category == "Family":
            show += 0.015
        if order.promo is not None:
            show -= 0.06
        if (event.start.date() - order.placed.date()).days >= 60:
            show -= 0.04
        if order.channel == "Box office":
            show = 0.995
        tier = event.tier_rows[order.tier]
        gates = ("VIP",) if tier["tier_name"].startswith("VIP") else venue.gates
        together = rng.random() < 0.85  # the group arrives together
        shared_gate, shared_time = rng.choice(gates), event.start - timedelta(minutes=rng.randint(-30, 75))
        for ticket in order.tickets:
            if ticket["status"] == "Refunded":
                if rng.random() < 0.03:
                    moment = event.start - timedelta(minutes=rng.randint(-20, 60))
                    self.scans.append({"ticket": ticket, "scanned_at": moment, "gate": rng.choice(gates),
                                       "scan_result": "Rejected"})  # fmt: skip
                continue
            if rng.random() >= show:
                continue
            gate = shared_gate if together else rng.choice(gates)
            moment = shared_time if together else event.start - timedelta(minutes=rng.randint(-30, 75))
            self.scans.append({"ticket": ticket, "scanned_at": moment, "gate": gate, "scan_result": "Admitted"})
            if rng.random() < 0.004:
                again = moment + timedelta(minutes=rng.randint(1, 40))
                self.scans.append({"ticket": ticket, "scanned_at": again, "gate": rng.choice(gates),
                                   "scan_result": "Rejected"})  # fmt: skip

    # --- the tables

    def finish(self) -> dict[str, list[dict]]:
        events, tiers = [], []
        for number, e in enumerate(self.events, start=1):
            e.row = {
                "event_id": number,
                "event_name": e.name,
                "category": e.category,
                "venue_id": e.venue + 1,
                "promoter_id": e.promoter + 1,
                "event_start": e.start,
                "on_sale_date": e.on_sale,
                "status": e.status,
                "original_start": e.original,
                "change_announced_date": e.announced,
            }
            events.append(e.row)
            for t in e.tier_rows:
                t["tier_id"] = len(tiers) + 1
                tiers.append(
                    {
                        "tier_id": t["tier_id"],
                        "event_id": number,
                        **{k: t[k] for k in ("tier_name", "face_price", "seats_allocated", "is_reserved_seating")},
                    }
                )
        people = sorted(self.customers, key=lambda c: (c.signup, c.seq))
        customers = []
        emails: Counter = Counter()
        for number, c in enumerate(people, start=1):
            handle = f"{c.first}.{c.last}".lower().replace("'", "")
            emails[handle] += 1
            suffix = "" if emails[handle] == 1 else str(emails[handle])
            domain = ("mailbox.com", "inbox.net", "postmail.org")[c.seq % 3]
            c.row = {
                "customer_id": number,
                "first_name": c.first,
                "last_name": c.last,
                "email": f"{handle}{suffix}@{domain}",
                "city": c.city,
                "signup_date": c.signup,
                "marketing_opt_in": c.opt_in,
                "birth_year": c.born,
            }
            customers.append(c.row)

        def customer_id(c: _Customer | None) -> int | None:
            return None if c is None else c.row["customer_id"]

        orders, tickets = [], []
        for o in self.orders:
            orders.append(
                {
                    "order_id": o.order_id,
                    "customer_id": customer_id(o.customer),
                    "event_id": o.event.row["event_id"],
                    "placed_at": o.placed,
                    "channel": o.channel,
                    "promo_code": o.promo,
                    "order_fee": o.order_fee,
                    "total_amount": o.total,
                    "status": "Payment failed" if o.failed else "Completed",
                }
            )
            for t in o.tickets:
                t["ticket_id"] = len(tickets) + 1
                tickets.append(
                    {
                        "ticket_id": t["ticket_id"],
                        "order_id": o.order_id,
                        "tier_id": o.event.tier_rows[o.tier]["tier_id"],
                        **{
                            k: t[k]
                            for k in (
                                "seat_label",
                                "face_price",
                                "discount_amount",
                                "service_fee",
                                "facility_fee",
                                "tax_amount",
                                "status",
                            )
                        },
                    }
                )
        payments = sorted(self.payments, key=lambda p: (p["attempted_at"], p["order"].order_id, p["status"]))
        refunds = sorted(self.refunds, key=lambda r: (r["refunded_at"], r["ticket"]["ticket_id"]))
        scans = sorted(self.scans, key=lambda s: (s["scanned_at"], s["ticket"]["ticket_id"], s["scan_result"]))
        listings = sorted(self.listings, key=lambda s: (s["listed_at"], s["ticket"]["ticket_id"]))
        return {
            "venues": [
                {
                    "venue_id": k,
                    "venue_name": v.name,
                    "city": v.city,
                    "venue_type": v.kind,
                    "capacity": v.capacity,
                    "opened_date": v.opened,
                    "facility_fee": v.facility_fee,
                    "sales_tax_rate": v.tax_rate,
                }
                for k, v in enumerate(_VENUES, start=1)
            ],
            "promoters": [
                {
                    "promoter_id": k,
                    "promoter_name": name,
                    "contact_email": email,
                    "commission_rate": rate,
                    "contract_start_date": since,
                }
                for k, (name, email, rate, since) in enumerate(_PROMOTERS, start=1)
            ],
            "events": events,
            "price_tiers": tiers,
            "customers": customers,
            "promotions": [
                {
                    "promo_code": code,
                    "description": text,
                    "discount_percent": pct,
                    "valid_from": first,
                    "valid_to": last,
                    "applies_to": applies,
                }
                for code, text, pct, first, last, applies in _PROMOS
            ],
            "orders": orders,
            "payments": [
                {
                    "payment_id": n,
                    "order_id": p["order"].order_id,
                    **{k: p[k] for k in ("attempted_at", "payment_method", "amount", "status", "decline_reason")},
                }
                for n, p in enumerate(payments, start=1)
            ],
            "tickets": tickets,
            "refunds": [
                {
                    "refund_id": n,
                    "ticket_id": r["ticket"]["ticket_id"],
                    "refunded_at": r["refunded_at"],
                    "refund_amount": r["refund_amount"],
                    "reason": r["reason"],
                }
                for n, r in enumerate(refunds, start=1)
            ],
            "scans": [
                {
                    "scan_id": n,
                    "ticket_id": s["ticket"]["ticket_id"],
                    "scanned_at": s["scanned_at"],
                    "gate": s["gate"],
                    "scan_result": s["scan_result"],
                }
                for n, s in enumerate(scans, start=1)
            ],
            "resale_listings": [
                {
                    "listing_id": n,
                    "ticket_id": s["ticket"]["ticket_id"],
                    "seller_customer_id": customer_id(s["seller"]),
                    "listed_at": s["listed_at"],
                    "asking_price": s["asking_price"],
                    "status": s["status"],
                    "sold_at": s["sold_at"],
                    "buyer_customer_id": customer_id(s["buyer"]),
                    "resale_fee": s["resale_fee"],
                }
                for n, s in enumerate(listings, start=1)
            ],
        }


_ORDER_HOURS = tuple(zip(range(7, 24), (1, 2, 3, 4, 4, 5, 5, 4, 4, 4, 5, 6, 8, 9, 8, 6, 3), strict=True))


def _accumulate(values: list[float]) -> list[float]:
    total, out = 0.0, []
    for v in values:
        total += v
        out.append(total)
    return out


def _row_letters(k: int) -> str:
    return chr(ord("A") + k) if k < 26 else "A" + chr(ord("A") + k - 26)


def ticketing_rows() -> dict[str, list[dict]]:
    """Every table's rows, by table name, generated from the fixed seed. Times are datetimes (written as
    'YYYY-MM-DD HH:MM')."""
    business = _Business(SEED)
    business.schedule()
    business.sell()
    business.people()
    business.charge()
    business.after()
    return business.finish()


def database_path(out_dir: Path) -> Path:
    return sqlite_file.database_path(out_dir, DB_ID)


def build(out_dir: Path) -> Path:
    """Write the warehouse under `out_dir` in the eval-set layout, replacing an older build; return its path."""
    return sqlite_file.write(database_path(out_dir), _TABLES, _with_minute_times(ticketing_rows()))


def main(argv: list[str] | None = None) -> int:
    return sqlite_file.main(argv, "bench.warehouses.ticketing", build, HELD_OUT_QUESTIONS)


if __name__ == "__main__":
    sys.exit(main())
