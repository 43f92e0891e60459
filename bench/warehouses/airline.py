"""A regional airline's warehouse: Kestrel Regional Air, which flies small turboprops from its hub at Harbourton to
six towns (the airports with their passenger charges, the aircraft with their seat counts, the routes with their
distances and launch dates, the scheduled flights with their scheduled and actual departure and arrival times and
statuses, the causes and minutes of departure delays, the customers with their sign-up dates and loyalty tiers, the
promotion codes, the bookings with their channels and fare classes, one row per ticket, that is per passenger and
flight, with its base fare, discount, taxes, fees and loyalty points, the ancillary purchases such as bags and seat
selection, and the refunds).

    python -m bench.warehouses.airline OUT_DIR [--with-questions]

writes OUT_DIR/database/airline/airline.sqlite, the layout of the project's eval sets (see bench/dataset.py);
`--with-questions` also copies the held-out questions (bench/heldout/airline/questions.json) beside it, so that
`python -m bench --dataset OUT_DIR --out FILE.json` runs them. Those questions are the project's fair measure: do
not read them (nor their wrong answers) while designing what they measure.

Everything comes from a fixed seed over fixed dates (2024-01-01 .. 2025-12-31), with only the standard library, so
every build holds the same rows. Kestrel moved to its current reservation system on 2024-01-01: the flights are
there from that day, and the bookings made in 2023 for them were carried over with their booking dates, as were
the accounts of the customers who had signed up before. The timetable runs to 2026-02-28: the flights of
January and February 2026 are on sale already and hold the bookings made up to 2025-12-31. Every route is flown as
a round trip from Harbourton and back the same day by the same aircraft; nothing flies on Christmas Day. All times
are local, and all the airports are in one time zone. A booking is made by one customer for one to six passengers,
one way or return, in one fare class; every passenger on every flight of it is a ticket of its own. A flight is on
time when it arrives no more than 15 minutes after its scheduled arrival.

Money: a ticket's price is its base fare (set by the route, the fare class and the booking date), less any
promotion discount, plus taxes (7.5% of the fare after discount, plus the departure airport's passenger charge) and
fees (a $12 fuel surcharge, plus $15 for a booking made through the call centre). Base fares rise by about 6% for
bookings made from 2025-03-01, and the checked bag fee rises from $30 to $35 the same day. Saver fares cannot be
refunded and are not sold within 14 days of departure; a Standard fare is refunded less a $50 fee, a Flex fare in
full, and a Flex fare includes a checked bag and seat selection. When a flight is cancelled, every ticket on it (and
the return tickets of a trip whose outbound flight is cancelled) is refunded in full, with the ticket's ancillary
purchases. The loyalty programme, Kestrel Club, credits the booking's customer with 250 points for every ticket of
their bookings flown before 2025-04-01; from that day it credits 5 points per dollar of fare paid (base fare less
discount, rounded down), and it adds a Platinum tier above Gold.

The business has a shape worth asking about: Granville is a weekday business route, flown by a Saab 340 until
2025-04-30 and by a larger ATR 42 from 2025-05-01; Cedar Ridge is a ski route with daily flights from Thursday to
Sunday from December to March; Sable Island is a summer island route; Lakeport's little Jetstream 32 is retired on
2025-09-30 and the route is flown by a Saab from then. The new Port Ellery route opens on 2025-05-15 (on sale from
2025-04-01, 'ELLERY25' 30% off until 2025-05-31) and builds its traffic over the rest of the year. The mobile app
launches on 2024-06-01 ('APP10', 10% off app bookings in June and July 2024) and takes a growing share of the
bookings; 'SKI24' takes 15% off Cedar Ridge flights booked from 2024-10-01 to 2024-11-15, and the Cyber Monday sale
('CYBER25', 20% off every flight booked on 2025-12-01 or 2025-12-02) brings a burst of bookings for the winter.
Traffic grows from 2024 to 2025. A ground handling strike at Harbourton cancels every flight from 2024-10-14 to
2024-10-16 (announced on 2024-10-10), and a winter storm every flight on 2025-01-21 and 2025-01-22; snow at Cedar
Ridge and fog at Sable Island cancel, delay and divert more flights in their seasons, and a late outbound flight
makes its return flight late ('Late inbound aircraft').

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

DB_ID = "airline"
HELD_OUT_QUESTIONS = Path(__file__).resolve().parent.parent / "heldout" / DB_ID / "questions.json"
SEED = 20250515
START = date(2024, 1, 1)
END = date(2025, 12, 31)  # the data's "today": nothing later is known but the timetable
LAST_FLIGHT = date(2026, 2, 28)
PRICE_RISE = date(2025, 3, 1)
LOYALTY_CHANGE = date(2025, 4, 1)
APP_LAUNCH = date(2024, 6, 1)
STRIKE = (date(2024, 10, 14), date(2024, 10, 16), datetime(2024, 10, 10, 15, 0))
STORM = (date(2025, 1, 21), date(2025, 1, 22), datetime(2025, 1, 20, 17, 0))

_TABLES: tuple[Table, ...] = (
    Table(
        "airports",
        "Airports Kestrel flies to and from, one row per airport: the Harbourton hub and six towns.",
        (
            Col("airport_code", "TEXT PRIMARY KEY", "Three-letter airport code, e.g. 'HBR' for Harbourton."),
            Col("airport_name", "TEXT NOT NULL", "Name of the airport, e.g. 'Harbourton International'."),
            Col("city", "TEXT NOT NULL", "Town or city the airport serves, e.g. 'Cedar Ridge'."),
            Col("is_hub", "INTEGER NOT NULL", "1 for the Harbourton hub, where every route starts or ends, else 0."),
            Col(
                "passenger_charge",
                "REAL NOT NULL",
                "Charge in USD the airport levies on every passenger departing from it, part of tickets.taxes.",
            ),
        ),
    ),
    Table(
        "aircraft",
        "The fleet, one row per aircraft, including the one retired.",
        (
            Col("aircraft_id", "INTEGER PRIMARY KEY", "Unique aircraft identifier."),
            Col("registration", "TEXT NOT NULL", "Registration painted on the aircraft, unique, e.g. 'N341KR'."),
            Col("model", "TEXT NOT NULL", "Aircraft type: 'Saab 340B', 'Jetstream 32' or 'ATR 42-600'."),
            Col("seat_count", "INTEGER NOT NULL", "Number of passenger seats on the aircraft."),
            Col("year_built", "INTEGER NOT NULL", "Year the aircraft was built."),
            Col("entered_service_date", "TEXT NOT NULL", "Date the aircraft joined the fleet (YYYY-MM-DD)."),
            Col(
                "retired_date",
                "TEXT",
                "Last day the aircraft flew for us (YYYY-MM-DD); NULL while it is still in service.",
            ),
        ),
    ),
    Table(
        "routes",
        "Routes, one row per direction: Harbourton to a town and that town back to Harbourton are two routes.",
        (
            Col("route_id", "INTEGER PRIMARY KEY", "Unique route identifier."),
            Col("origin_code", "TEXT NOT NULL", "Airport the route departs from (airports.airport_code)."),
            Col("destination_code", "TEXT NOT NULL", "Airport the route arrives at (airports.airport_code)."),
            Col(
                "flight_number",
                "TEXT NOT NULL",
                "Flight number of the route's flights, e.g. 'KR101' (from Harbourton) and 'KR102' (back).",
            ),
            Col("distance_km", "INTEGER NOT NULL", "Distance flown in kilometres."),
            Col("block_minutes", "INTEGER NOT NULL", "Scheduled time from departure to arrival in minutes."),
            Col(
                "launched_date",
                "TEXT NOT NULL",
                "Date of the route's first flight (YYYY-MM-DD); before 2024 for every route but Port Ellery's.",
            ),
        ),
        (
            "FOREIGN KEY (origin_code) REFERENCES airports (airport_code)",
            "FOREIGN KEY (destination_code) REFERENCES airports (airport_code)",
        ),
    ),
    Table(
        "flights",
        "Scheduled flights, one row per flight (a route on a date), from 2024-01-01 to 2026-02-28, including "
        "cancelled ones and those still to come in 2026.",
        (
            Col("flight_id", "INTEGER PRIMARY KEY", "Unique flight identifier."),
            Col("flight_number", "TEXT NOT NULL", "Flight number (the route's), e.g. 'KR301'; unique within a date."),
            Col("route_id", "INTEGER NOT NULL", "Route flown (routes.route_id)."),
            Col("aircraft_id", "INTEGER NOT NULL", "Aircraft assigned to the flight (aircraft.aircraft_id)."),
            Col(
                "scheduled_departure",
                "TEXT NOT NULL",
                "Scheduled departure date and time (YYYY-MM-DD HH:MM); the flight's date.",
            ),
            Col(
                "scheduled_arrival",
                "TEXT NOT NULL",
                "Scheduled arrival date and time (YYYY-MM-DD HH:MM): departure plus the route's block minutes.",
            ),
            Col(
                "actual_departure",
                "TEXT",
                "Date and time the flight actually left the gate (YYYY-MM-DD HH:MM); NULL for a cancelled or "
                "scheduled flight.",
            ),
            Col(
                "actual_arrival",
                "TEXT",
                "Date and time the flight actually arrived (YYYY-MM-DD HH:MM), at the diversion airport for a "
                "diverted flight; NULL for a cancelled or scheduled flight.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "'On time' (arrived no more than 15 minutes after the scheduled arrival), 'Delayed' (arrived more "
                "than 15 minutes late), 'Diverted' (landed at another airport), 'Cancelled' (did not fly) or "
                "'Scheduled' (still to come, in 2026).",
            ),
            Col(
                "diverted_to_code",
                "TEXT",
                "Airport a diverted flight landed at instead (airports.airport_code); NULL unless diverted.",
            ),
            Col(
                "cancellation_reason",
                "TEXT",
                "Why a cancelled flight did not fly: 'Weather', 'Technical', 'Crew shortage' or 'Industrial action'; "
                "NULL unless cancelled.",
            ),
            Col(
                "cancelled_at",
                "TEXT",
                "Date and time the cancellation was announced (YYYY-MM-DD HH:MM); NULL unless cancelled.",
            ),
        ),
        (
            "FOREIGN KEY (route_id) REFERENCES routes (route_id)",
            "FOREIGN KEY (aircraft_id) REFERENCES aircraft (aircraft_id)",
            "FOREIGN KEY (diverted_to_code) REFERENCES airports (airport_code)",
        ),
    ),
    Table(
        "flight_delays",
        "Causes of departure delays, one row per flight and cause, for every flight that left the gate 15 minutes "
        "or more after its scheduled departure; the minutes of a flight's rows add up to its departure delay.",
        (
            Col("delay_id", "INTEGER PRIMARY KEY", "Unique delay record identifier."),
            Col("flight_id", "INTEGER NOT NULL", "Flight delayed (flights.flight_id)."),
            Col(
                "cause",
                "TEXT NOT NULL",
                "Cause: 'Weather', 'Air traffic control', 'Technical', 'Crew', 'Ground handling' or 'Late inbound "
                "aircraft' (the aircraft came back late from its previous flight).",
            ),
            Col("delay_minutes", "INTEGER NOT NULL", "Minutes of the departure delay due to this cause."),
        ),
        ("FOREIGN KEY (flight_id) REFERENCES flights (flight_id)",),
    ),
    Table(
        "customers",
        "Customer accounts, one row per account: every account is a member of the Kestrel Club loyalty "
        "programme. Includes accounts carried over from before 2024 and accounts that never booked.",
        (
            Col("customer_id", "INTEGER PRIMARY KEY", "Unique customer identifier."),
            Col("first_name", "TEXT NOT NULL", "First name."),
            Col("last_name", "TEXT NOT NULL", "Last name; a full name is not unique."),
            Col("email", "TEXT NOT NULL", "Email address, unique."),
            Col(
                "home_airport_code",
                "TEXT NOT NULL",
                "Airport the customer gave as home (airports.airport_code).",
            ),
            Col(
                "signup_date",
                "TEXT NOT NULL",
                "Date the account was created (YYYY-MM-DD); before 2024 for accounts carried over.",
            ),
            Col(
                "loyalty_tier",
                "TEXT NOT NULL",
                "Kestrel Club tier on 2025-12-31, earned by the tickets of the customer's bookings flown in 2025: "
                "'Blue' (fewer than 6), 'Silver' (6 to 14), 'Gold' (15 to 29) or 'Platinum' (30 or more).",
            ),
            Col("birth_year", "INTEGER", "Year of birth the customer gave; NULL when not given."),
        ),
        ("FOREIGN KEY (home_airport_code) REFERENCES airports (airport_code)",),
    ),
    Table(
        "promotions",
        "Promotion codes a customer can enter when booking on the web or in the app, one row per code.",
        (
            Col("promo_code", "TEXT PRIMARY KEY", "The code, e.g. 'SKI24'."),
            Col("description", "TEXT NOT NULL", "What the promotion offers and to whom."),
            Col(
                "discount_percent",
                "REAL NOT NULL",
                "Discount as a percentage of each ticket's base fare (20 = 20% off); taxes, fees and ancillaries are "
                "not discounted.",
            ),
            Col("valid_from", "TEXT NOT NULL", "First booking date the code can be used on (YYYY-MM-DD)."),
            Col("valid_to", "TEXT NOT NULL", "Last booking date the code can be used on (YYYY-MM-DD), inclusive."),
            Col(
                "applies_to",
                "TEXT NOT NULL",
                "Which bookings qualify: 'All flights', 'App bookings', 'Cedar Ridge flights' or 'Port Ellery "
                "flights' (flights to or from that airport).",
            ),
        ),
    ),
    Table(
        "bookings",
        "Bookings (reservations), one row per booking: one customer booking one or more passengers on one flight "
        "(one way) or on a flight and the flight back (return), in one fare class. Includes bookings later "
        "refunded.",
        (
            Col("booking_id", "INTEGER PRIMARY KEY", "Unique booking identifier."),
            Col("booking_reference", "TEXT NOT NULL", "Six-character booking reference given to the customer, unique."),
            Col("customer_id", "INTEGER NOT NULL", "Customer who made the booking (customers.customer_id)."),
            Col(
                "booked_at",
                "TEXT NOT NULL",
                "Date and time the booking was made (YYYY-MM-DD HH:MM); some in late 2023 for flights of early 2024.",
            ),
            Col(
                "channel",
                "TEXT NOT NULL",
                "Where it was booked: 'Web', 'App' (the mobile app, from 2024-06-01), 'Travel agent' or 'Call centre'.",
            ),
            Col("trip_type", "TEXT NOT NULL", "'One way' (one flight) or 'Return' (a flight and the flight back)."),
            Col(
                "fare_class",
                "TEXT NOT NULL",
                "Fare class of every ticket of the booking: 'Saver' (no refunds, not sold within 14 days of "
                "departure), 'Standard' (refundable less a $50 fee) or 'Flex' (fully refundable, checked bag and "
                "seat selection included).",
            ),
            Col(
                "promo_code",
                "TEXT",
                "Promotion code used (promotions.promo_code); NULL for a booking without one.",
            ),
            Col("passenger_count", "INTEGER NOT NULL", "Number of passengers travelling, 1 to 6."),
            Col(
                "total_amount",
                "REAL NOT NULL",
                "Amount charged in USD for the tickets: the sum of their base fare less discount plus taxes and "
                "fees; ancillaries are charged separately, and refunds do not change it.",
            ),
        ),
        (
            "FOREIGN KEY (customer_id) REFERENCES customers (customer_id)",
            "FOREIGN KEY (promo_code) REFERENCES promotions (promo_code)",
        ),
    ),
    Table(
        "tickets",
        "Tickets issued, one row per passenger and flight (a return booking for two passengers has four), "
        "including those later refunded. A ticket's price is base_fare - discount_amount + taxes + fees.",
        (
            Col("ticket_id", "INTEGER PRIMARY KEY", "Unique ticket identifier."),
            Col("booking_id", "INTEGER NOT NULL", "Booking the ticket belongs to (bookings.booking_id)."),
            Col("flight_id", "INTEGER NOT NULL", "Flight the ticket is for (flights.flight_id)."),
            Col(
                "passenger_name",
                "TEXT NOT NULL",
                "Name of the passenger travelling; the booking's customer is one of its passengers.",
            ),
            Col(
                "base_fare",
                "REAL NOT NULL",
                "Fare in USD before discount, taxes and fees, set by the route, the fare class and the booking date.",
            ),
            Col("discount_amount", "REAL NOT NULL", "Promotion discount in USD off the base fare; 0 without one."),
            Col(
                "taxes",
                "REAL NOT NULL",
                "Taxes in USD: 7.5% of the base fare less discount plus the departure airport's passenger charge.",
            ),
            Col(
                "fees",
                "REAL NOT NULL",
                "Fees in USD: the $12 fuel surcharge, plus $15 when booked through the call centre.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "'Flown' (the passenger boarded; also on a diverted flight), 'No-show' (did not board, not "
                "refunded), 'Refunded' (see refunds) or 'Open' (for a flight still to come in 2026).",
            ),
            Col(
                "points_earned",
                "INTEGER NOT NULL",
                "Kestrel Club points credited to the booking's customer for the ticket once flown: 250 for a flight "
                "before 2025-04-01, from then 5 per dollar of base fare less discount, rounded down; 0 unless flown.",
            ),
        ),
        (
            "FOREIGN KEY (booking_id) REFERENCES bookings (booking_id)",
            "FOREIGN KEY (flight_id) REFERENCES flights (flight_id)",
        ),
    ),
    Table(
        "ancillaries",
        "Extras bought for a ticket (bags, seats, boarding, sports equipment, snacks), one row per item.",
        (
            Col("ancillary_id", "INTEGER PRIMARY KEY", "Unique purchase identifier."),
            Col("ticket_id", "INTEGER NOT NULL", "Ticket the item was bought for (tickets.ticket_id)."),
            Col(
                "product",
                "TEXT NOT NULL",
                "'Checked bag', 'Seat selection', 'Priority boarding', 'Sports equipment' (skis, bikes, golf clubs) "
                "or 'Snack box' (sold on board).",
            ),
            Col("purchased_at", "TEXT NOT NULL", "Date and time of the purchase (YYYY-MM-DD HH:MM)."),
            Col(
                "sales_channel",
                "TEXT NOT NULL",
                "When it was bought: 'At booking', 'Manage booking' (online, later), 'Airport' (at check-in) or "
                "'On board'.",
            ),
            Col(
                "price",
                "REAL NOT NULL",
                "Price paid in USD: a checked bag $30 ($35 when bought from 2025-03-01), $10 more at the airport; seat "
                "selection $9, priority boarding $7, sports equipment $40, a snack box $8.",
            ),
        ),
        ("FOREIGN KEY (ticket_id) REFERENCES tickets (ticket_id)",),
    ),
    Table(
        "refunds",
        "Refunds, one row per refunded ticket.",
        (
            Col("refund_id", "INTEGER PRIMARY KEY", "Unique refund identifier."),
            Col("ticket_id", "INTEGER NOT NULL", "Ticket refunded (tickets.ticket_id), at most once."),
            Col("refunded_at", "TEXT NOT NULL", "Date and time the refund was issued (YYYY-MM-DD HH:MM)."),
            Col(
                "reason",
                "TEXT NOT NULL",
                "'Flight cancelled' (the ticket's flight, or the outbound flight of its return trip, was cancelled) "
                "or 'Customer request' (the customer cancelled a Standard or Flex booking before departure).",
            ),
            Col(
                "refund_amount",
                "REAL NOT NULL",
                "Amount returned in USD: for a cancelled flight the ticket's price plus its ancillaries; on a "
                "customer's request the ticket's price, less a $50 fee for a Standard fare (ancillaries are kept).",
            ),
        ),
        ("FOREIGN KEY (ticket_id) REFERENCES tickets (ticket_id)",),
    ),
)

COMMENTS = comments(_TABLES)
_TIMES = {
    "flights": ("scheduled_departure", "scheduled_arrival", "actual_departure", "actual_arrival", "cancelled_at"),
    "bookings": ("booked_at",),
    "ancillaries": ("purchased_at",),
    "refunds": ("refunded_at",),
}

# --------------------------------------------------------------------------------------------
# The business.

HUB = "HBR"
_AIRPORTS = (
    ("HBR", "Harbourton International", "Harbourton", 1, 9.5),
    ("GRV", "Granville Regional", "Granville", 0, 6.0),
    ("MSV", "Mossvale Airport", "Mossvale", 0, 5.0),
    ("CDR", "Cedar Ridge Mountain Airport", "Cedar Ridge", 0, 7.5),
    ("SLI", "Sable Island Airfield", "Sable Island", 0, 4.0),
    ("LKP", "Lakeport Municipal", "Lakeport", 0, 4.5),
    ("PTE", "Port Ellery Airport", "Port Ellery", 0, 5.5),
)
_CHARGE = {code: charge for code, _, _, _, charge in _AIRPORTS}
_ALTERNATE = {"HBR": "GRV", "GRV": "MSV", "MSV": "GRV", "CDR": "LKP", "SLI": "MSV", "LKP": "CDR", "PTE": "GRV"}

_SAAB, _JETSTREAM, _ATR = "Saab 340B", "Jetstream 32", "ATR 42-600"
_AIRCRAFT = (
    ("N341KR", _SAAB, 34, 1998, date(2015, 5, 20), None),
    ("N342KR", _SAAB, 34, 1999, date(2016, 3, 14), None),
    ("N343KR", _SAAB, 34, 2001, date(2018, 11, 2), None),
    ("N191KR", _JETSTREAM, 19, 1994, date(2019, 12, 9), date(2025, 9, 30)),
    ("N421KR", _ATR, 48, 2024, date(2025, 4, 22), None),
    ("N422KR", _ATR, 48, 2025, date(2025, 5, 6), None),
)


@dataclass(frozen=True)
class _Spoke:
    code: str
    number: int  # the outbound flight number; the return is number + 1
    distance: int
    block: int
    out: int  # outbound departure, minutes after midnight
    back: int  # return departure
    fare: float  # Standard fare, one way, 2024
    demand: float  # passengers a flight, each way, before the season and the weekday
    business: float  # share of bookings by business travellers
    launched: date


_SPOKES = (
    _Spoke("GRV", 101, 310, 60, 7 * 60 + 10, 17 * 60 + 40, 119.0, 25.0, 0.55, date(2016, 4, 4)),
    _Spoke("MSV", 201, 240, 50, 9 * 60 + 20, 10 * 60 + 50, 99.0, 20.0, 0.2, date(2012, 9, 3)),
    _Spoke("CDR", 301, 420, 75, 13 * 60, 14 * 60 + 55, 139.0, 17.5, 0.05, date(2018, 12, 6)),
    _Spoke("SLI", 401, 180, 45, 10 * 60 + 10, 11 * 60 + 35, 89.0, 14.5, 0.05, date(2015, 6, 5)),
    _Spoke("LKP", 501, 150, 40, 16 * 60 + 40, 17 * 60 + 55, 79.0, 12.5, 0.2, date(2020, 3, 3)),
    _Spoke("PTE", 601, 350, 65, 12 * 60 + 10, 13 * 60 + 55, 129.0, 25.0, 0.15, date(2025, 5, 15)),
)
_GRV, _MSV, _CDR, _SLI, _LKP, _PTE = range(6)
_PTE_ON_SALE = date(2025, 4, 1)
_UPGAUGE = date(2025, 5, 1)  # Granville moves to the ATR 42
_JETSTREAM_OUT = date(2025, 9, 30)

_SEASON = {  # demand by month (Jan .. Dec) of the flight
    _GRV: (0.95, 1.0, 1.05, 1.05, 1.05, 1.0, 0.82, 0.82, 1.05, 1.1, 1.05, 0.85),
    _MSV: (0.8, 0.85, 0.95, 1.0, 1.05, 1.15, 1.25, 1.25, 1.05, 1.0, 0.9, 1.1),
    _CDR: (1.5, 1.55, 1.3, 0.8, 0.7, 0.8, 0.9, 0.9, 0.75, 0.75, 0.9, 1.4),
    _SLI: (0.6, 0.6, 0.7, 0.85, 1.1, 1.5, 1.8, 1.8, 1.2, 0.9, 0.7, 0.8),
    _LKP: (0.8, 0.85, 0.95, 1.0, 1.05, 1.15, 1.25, 1.25, 1.05, 1.0, 0.9, 1.1),
    _PTE: (0.8, 0.85, 0.95, 1.0, 1.05, 1.15, 1.25, 1.25, 1.05, 1.0, 0.9, 1.1),
}
_WEEKDAY = (1.1, 0.92, 0.92, 0.97, 1.15, 0.85, 1.1)  # Monday .. Sunday
_GROWTH = {2024: 1.0, 2025: 1.09, 2026: 1.12}
_FARE_CLASSES = ("Saver", "Standard", "Flex")
_FARE_MULTIPLE = {"Saver": 0.65, "Standard": 1.0, "Flex": 1.6}
_TAX_RATE = 0.075
_FUEL = 12.0
_CALL_CENTRE_FEE = 15.0
_STANDARD_REFUND_FEE = 50.0

_PROMOS = (
    ("APP10", "10% off every booking made in the new mobile app, June and July 2024", 10.0, date(2024, 6, 1),
     date(2024, 7, 31), "App bookings"),
    ("SKI24", "15% off flights to and from Cedar Ridge booked from 1 October to 15 November 2024", 15.0,
     date(2024, 10, 1), date(2024, 11, 15), "Cedar Ridge flights"),
    ("ELLERY25", "30% off the new Port Ellery route, booked from its on-sale day to the end of May 2025", 30.0,
     date(2025, 4, 1), date(2025, 5, 31), "Port Ellery flights"),
    ("CYBER25", "20% off every flight, Cyber Monday sale, booked on 1 or 2 December 2025", 20.0, date(2025, 12, 1),
     date(2025, 12, 2), "All flights"),
)  # fmt: skip
_TAKE_UP = {"APP10": 0.6, "SKI24": 0.5, "ELLERY25": 0.75, "CYBER25": 0.85}

_BOOKING_HOURS = tuple(zip(range(6, 24), (1, 2, 4, 5, 5, 5, 6, 5, 5, 5, 5, 5, 6, 7, 8, 8, 6, 3), strict=True))
_LEISURE_PARTY = ((1, 45), (2, 33), (3, 9), (4, 10), (5, 2), (6, 1))
_BUSINESS_PARTY = ((1, 80), (2, 15), (3, 5))
_CAUSES = ("Weather", "Air traffic control", "Technical", "Crew", "Ground handling")
_CANCEL_REASONS = ("Weather", "Technical", "Crew shortage")

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
_HOMES = (("HBR", 44), ("GRV", 16), ("MSV", 12), ("CDR", 8), ("SLI", 7), ("LKP", 13))
_REFERENCE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


# --------------------------------------------------------------------------------------------
# Helpers.


def _cents(amount: float) -> float:
    """`amount` to the cent, halves up."""
    return float(Decimal(repr(amount)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _pick(rng: random.Random, choices: tuple | list):
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


def _at(day: date, minutes: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day) + timedelta(minutes=minutes)


def _days(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


_CLOSE = _at(END, 23 * 60 + 59)  # the last minute the data knows


def _fare(spoke: int, fare_class: str, booked: date) -> float:
    fare = round(_SPOKES[spoke].fare * _FARE_MULTIPLE[fare_class])
    return float(round(fare * 1.06) if booked >= PRICE_RISE else fare)


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
class _Flight:
    spoke: int
    back: bool  # to Harbourton
    dep: datetime
    arr: datetime
    aircraft: int
    seats: int
    status: str = ""
    cancel_at: datetime | None = None
    cancel_reason: str | None = None
    actual_dep: datetime | None = None
    actual_arr: datetime | None = None
    diverted_to: str | None = None
    delays: list[tuple[str, int]] = field(default_factory=list)
    booked: int = 0
    row: dict | None = None

    @property
    def origin(self) -> str:
        return _SPOKES[self.spoke].code if self.back else HUB

    @property
    def operated(self) -> bool:
        return self.status in ("On time", "Delayed", "Diverted")


@dataclass
class _Customer:
    seq: int
    first: str
    last: str
    home: str
    signup: date
    born: int | None
    row: dict | None = None


@dataclass
class _Booking:
    seq: int
    booked_at: datetime
    business: bool
    legs: list[_Flight]
    party: int
    fare_class: str
    channel: str
    promo: str | None
    companions: list[tuple[str, bool]]  # first name, shares the customer's last name
    customer: _Customer | None = None
    tickets: list[dict] = field(default_factory=list)
    row: dict | None = None


class _Airline:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.flights: list[_Flight] = []
        self.rotations: list[tuple[_Flight, _Flight]] = []
        self.by_route: dict[tuple[int, bool], list[_Flight]] = {}
        self.bookings: list[_Booking] = []
        self.customers: list[_Customer] = []
        self.ancillaries: list[dict] = []
        self.refunds: list[dict] = []

    # --- the timetable

    @staticmethod
    def _flies(spoke: int, day: date) -> bool:
        wd, month = day.weekday(), day.month
        if month == 12 and day.day == 25:
            return False
        if spoke == _GRV:
            return wd < 5
        if spoke == _MSV:
            return wd in (0, 2, 4)
        if spoke == _CDR:
            return wd in (3, 4, 5, 6) if month in (12, 1, 2, 3) else wd == 5
        if spoke == _SLI:
            return wd in (2, 4, 5, 6) if month in (6, 7, 8, 9) else wd in (4, 6)
        if spoke == _LKP:
            return wd in (1, 5)
        return day >= _SPOKES[_PTE].launched and wd in (0, 3, 5)

    @staticmethod
    def _model(spoke: int, day: date) -> str:
        if spoke == _GRV:
            return _ATR if day >= _UPGAUGE else _SAAB
        if spoke == _LKP:
            return _JETSTREAM if day <= _JETSTREAM_OUT else _SAAB
        if spoke == _PTE:
            return _ATR
        return _SAAB

    def schedule(self) -> None:
        used = [0] * len(_AIRCRAFT)
        for day in _days(START, LAST_FLIGHT):
            busy = [_at(day)] * len(_AIRCRAFT)
            spokes = sorted((s for s in range(len(_SPOKES)) if self._flies(s, day)), key=lambda s: _SPOKES[s].out)
            for s in spokes:
                spoke, model = _SPOKES[s], self._model(s, day)
                out_dep = _at(day, spoke.out)
                back_dep = _at(day, spoke.back)
                back_arr = back_dep + timedelta(minutes=spoke.block)
                free = [
                    k
                    for k, (_, m, _, _, entered, retired) in enumerate(_AIRCRAFT)
                    if m == model
                    and entered <= day
                    and (retired is None or day <= retired)
                    and busy[k] + timedelta(minutes=30) <= out_dep
                ]
                assert free, (day, spoke.code)
                k = min(free, key=lambda k: (used[k], k))
                used[k] += 2
                busy[k] = back_arr
                seats = _AIRCRAFT[k][2]
                out = _Flight(s, False, out_dep, out_dep + timedelta(minutes=spoke.block), k, seats)
                back = _Flight(s, True, back_dep, back_arr, k, seats)
                self.flights += [out, back]
                self.rotations.append((out, back))
        self.flights.sort(key=lambda f: (f.dep, f.spoke, f.back))
        for f in self.flights:
            self.by_route.setdefault((f.spoke, f.back), []).append(f)

    # --- the day of the flight: cancellations, delays, diversions

    def _risk(self, spoke: int, day: date) -> tuple[float, float, float]:
        """Chances of a weather cancellation, a delay of 15 minutes or more, and a diversion."""
        month = day.month
        winter = month in (12, 1, 2, 3)
        weather, delay, divert = 0.003, 0.14, 0.002
        if spoke == _CDR and winter:
            weather, delay, divert = 0.035, 0.34, 0.02
        elif spoke == _SLI and month in (10, 11, 12, 1, 2, 3):
            weather, delay, divert = 0.02, 0.2, 0.012
        elif spoke == _SLI:
            delay = 0.22
        elif month in (12, 1, 2):
            weather, delay = 0.01, 0.2
        if month in (7, 8):
            delay += 0.05
        if month == 12:
            delay += 0.06
        return weather, delay, divert

    def _cause(self, spoke: int, day: date) -> str:
        weights = [15, 20, 18, 10, 17]
        if (spoke == _CDR and day.month in (12, 1, 2, 3)) or (spoke == _SLI and day.month in (10, 11, 12, 1, 2, 3)):
            weights[0] += 45
        elif day.month in (7, 8):
            weights[0] += 12
        return self.rng.choices(_CAUSES, weights)[0]

    def _depart(self, flight: _Flight, late_inbound: int, delay_p: float, early_morning: bool) -> None:
        rng = self.rng
        day = flight.dep.date()
        own_late = rng.random() < delay_p - (0.06 if early_morning else 0.0)
        own = 15 + min(int(rng.expovariate(1 / 28)), 240) if own_late else rng.randint(-3, 12)
        if late_inbound > 0:
            own = max(own, 0)
        total = late_inbound + own
        flight.actual_dep = flight.dep + timedelta(minutes=total)
        if total < 15:
            return
        if late_inbound > 0:
            flight.delays.append(("Late inbound aircraft", late_inbound))
            if own > 0:
                flight.delays.append((self._cause(flight.spoke, day) if own_late else "Ground handling", own))
        elif rng.random() < 0.3:
            first = self._cause(flight.spoke, day)
            second = self._cause(flight.spoke, day)
            split = rng.randint(5, total - 5)
            if second == first:
                flight.delays.append((first, total))
            else:
                flight.delays += [(first, split), (second, total - split)]
        else:
            flight.delays.append((self._cause(flight.spoke, day), total))

    def _arrive(self, flight: _Flight, divert_p: float) -> None:
        rng = self.rng
        block = _SPOKES[flight.spoke].block
        if rng.random() < divert_p:
            flight.status = "Diverted"
            destination = HUB if flight.back else _SPOKES[flight.spoke].code
            flight.diverted_to = _ALTERNATE[destination]
            flight.actual_arr = flight.actual_dep + timedelta(minutes=block + rng.randint(20, 60))
            return
        flight.actual_arr = flight.actual_dep + timedelta(minutes=block + rng.randint(-10, 8))
        flight.status = "Delayed" if _minutes(flight.actual_arr - flight.arr) > 15 else "On time"

    def operate(self) -> None:
        rng = self.rng
        for out, back in self.rotations:
            day = out.dep.date()
            if day > END:
                out.status = back.status = "Scheduled"
                continue
            for first, last, announced, reason in (STRIKE[:3] + ("Industrial action",), STORM[:3] + ("Weather",)):
                if first <= day <= last:
                    for f in (out, back):
                        f.status, f.cancel_at, f.cancel_reason = "Cancelled", announced, reason
            if out.status == "Cancelled":
                continue
            weather, delay_p, divert_p = self._risk(out.spoke, day)
            roll = rng.random()
            if roll < weather + 0.006 + 0.004:
                reason = "Weather" if roll < weather else ("Technical" if roll < weather + 0.006 else "Crew shortage")
                at = out.dep - timedelta(minutes=rng.randint(60, 8 * 60))
                for f in (out, back):
                    f.status, f.cancel_at, f.cancel_reason = "Cancelled", at, reason
                continue
            self._depart(out, 0, delay_p, out.spoke == _GRV)
            self._arrive(out, divert_p)
            if rng.random() < (weather + 0.01) / 2:
                back.status, back.cancel_reason = "Cancelled", rng.choice(_CANCEL_REASONS)
                back.cancel_at = max(out.actual_dep, back.dep - timedelta(minutes=rng.randint(60, 4 * 60)))
                continue
            if out.status == "Diverted":
                late = rng.randint(90, 180)
            elif out.spoke == _GRV:
                late = 0  # the aircraft waits at Granville all day
            else:
                turn = _minutes(back.dep - out.arr)
                late = max(0, _minutes(out.actual_arr - out.arr) - (turn - 15))
            self._depart(back, late, delay_p - 0.02, False)
            self._arrive(back, divert_p)

    # --- the bookings

    def _target(self, f: _Flight) -> int:
        rng = self.rng
        spoke = _SPOKES[f.spoke]
        day = f.dep.date()
        demand = spoke.demand * _SEASON[f.spoke][day.month - 1] * _WEEKDAY[day.weekday()] * _GROWTH[day.year]
        if f.spoke == _PTE:
            months = (day.year - 2025) * 12 + day.month - 5
            demand *= min(1.0, 0.55 + 0.08 * months)
        if f.spoke == _GRV and day >= _UPGAUGE:
            demand *= 1.12  # the bigger aircraft lets the business route grow
        return min(f.seats, round(demand * rng.uniform(0.8, 1.2)))

    def _lead(self, business: bool) -> int:
        rng = self.rng
        if business:
            return min(int(rng.expovariate(1 / 9)), 60)
        if rng.random() < 0.3:
            return min(int(rng.expovariate(1 / 8)), 180)
        return min(int(rng.expovariate(1 / 45)), 180)

    def _stay(self, spoke: int, business: bool, day: date) -> int:
        rng = self.rng
        if business:
            return 0 if spoke == _GRV and rng.random() < 0.5 else rng.randint(1, 4)
        if spoke == _CDR and day.month in (12, 1, 2, 3):
            return rng.randint(2, 7)
        return _pick(rng, ((1, 4), (2, 10), (3, 14), (4, 12), (5, 9), (7, 12), (9, 5), (11, 4), (14, 6)))

    def _return_flight(self, out: _Flight, stay: int, party: int, booked_at: datetime) -> _Flight | None:
        flights = self.by_route[(out.spoke, not out.back)]
        earliest = max(_at(out.dep.date() + timedelta(days=stay)), out.arr + timedelta(hours=2))
        k = bisect.bisect_left([f.dep for f in flights], earliest)
        for f in flights[k : k + 4]:
            if f.cancel_at is not None and f.cancel_at <= booked_at:
                continue
            if f.booked + party <= f.seats:
                return f
        return None

    def _channel(self, business: bool, day: date, online_only: bool) -> str:
        rng = self.rng
        grown = max(0.0, (day - APP_LAUNCH).days / (END - APP_LAUNCH).days)
        app = 0.0 if day < APP_LAUNCH else 12.0 + 32.0 * grown
        web = 54.0 - 12.0 * grown
        agent, call = (30, 10) if business else (10, 12 if day.year <= 2024 else 8)
        if online_only:
            agent = call = 0
        return rng.choices(("Web", "App", "Travel agent", "Call centre"), (web, app, agent, call))[0]

    def _promo(self, spoke: int, channel: str, day: date) -> str | None:
        if channel not in ("Web", "App"):
            return None
        for code, _, _, first, last, applies in _PROMOS:
            if not first <= day <= last:
                continue
            if applies == "App bookings" and channel != "App":
                continue
            if applies == "Cedar Ridge flights" and spoke != _CDR:
                continue
            if applies == "Port Ellery flights" and spoke != _PTE:
                continue
            if self.rng.random() < _TAKE_UP[code]:
                return code
        return None

    def _booked_at(self, out: _Flight, lead: int) -> datetime:
        rng = self.rng
        hour = _pick(rng, _BOOKING_HOURS)
        booked = _at(out.dep.date() - timedelta(days=lead), hour * 60 + rng.randint(0, 59))
        if booked > out.dep - timedelta(hours=2):
            booked = out.dep - timedelta(minutes=rng.randint(120, 300))
        if out.spoke == _PTE and booked.date() < _PTE_ON_SALE:
            day = _PTE_ON_SALE + timedelta(days=min(int(rng.expovariate(1 / 4)), 20))
            booked = _at(day, (hour if day > _PTE_ON_SALE else max(hour, 9)) * 60 + rng.randint(0, 59))
        return booked

    def sell(self) -> None:
        rng = self.rng
        cyber = (_at(date(2025, 12, 1)), _at(date(2025, 12, 3)))
        for out in self.flights:
            need = self._target(out) - out.booked
            while need > 0:
                spoke = _SPOKES[out.spoke]
                business = rng.random() < spoke.business
                party = min(_pick(rng, _BUSINESS_PARTY if business else _LEISURE_PARTY), need)
                need -= party
                lead = self._lead(business)
                booked_at = self._booked_at(out, lead)
                sale = False
                late = out.dep >= _at(date(2025, 12, 8)) and booked_at >= cyber[1]
                if late and rng.random() < (0.3 if booked_at <= _CLOSE else 0.1):
                    booked_at = cyber[0] + timedelta(minutes=rng.randint(6 * 60, 48 * 60 - 1))
                    sale = True
                if booked_at > _CLOSE:
                    continue  # not booked yet
                if out.cancel_at is not None and out.cancel_at <= booked_at:
                    continue  # no longer on sale
                legs = [out]
                if rng.random() < (0.85 if business else 0.72):
                    back = self._return_flight(out, self._stay(out.spoke, business, out.dep.date()), party, booked_at)
                    if back is not None:
                        legs.append(back)
                days_ahead = (out.dep.date() - booked_at.date()).days
                weights = (10, 50, 40) if business else (60, 32, 8)
                if days_ahead < 14:
                    weights = (0, weights[1] + weights[0], weights[2])
                fare_class = rng.choices(_FARE_CLASSES, weights)[0]
                channel = self._channel(business, booked_at.date(), sale)
                promo = self._promo(out.spoke, channel, booked_at.date())
                companions = [(rng.choice(_FIRST), rng.random() < 0.6) for _ in range(party - 1)]
                for f in legs:
                    f.booked += party
                self.bookings.append(
                    _Booking(
                        len(self.bookings), booked_at, business, legs, party, fare_class, channel, promo, companions
                    )  # fmt: skip
                )
        self.bookings.sort(key=lambda b: (b.booked_at, b.seq))

    # --- the customers

    def _new_customer(self, home: str, signup: date) -> _Customer:
        rng = self.rng
        born = rng.randint(1945, 2006) if rng.random() < 0.92 else None
        c = _Customer(len(self.customers), rng.choice(_FIRST), rng.choice(_LAST), home, signup, born)
        self.customers.append(c)
        return c

    def people(self) -> None:
        """Give every booking its customer, in the order the bookings were made (frequent flyers come back, most
        of them on business); then the accounts that never booked."""
        rng = self.rng
        pools: list[list[_Customer]] = [[], []]  # leisure, business, in the order they signed up
        weights: list[list[float]] = [[], []]  # cumulative
        signups: list[list[date]] = [[], []]

        def add(c: _Customer, business: bool) -> None:
            w = min(40.0, rng.paretovariate(1.3)) if business else min(6.0, rng.paretovariate(2.0))
            pools[business].append(c)
            weights[business].append((weights[business][-1] if weights[business] else 0.0) + w)
            signups[business].append(c.signup)

        first_day, last_day = date(2015, 3, 1), date(2023, 12, 31)
        carried = []
        for _ in range(2600):  # accounts carried over from before 2024
            signup = first_day + timedelta(days=rng.randint(0, (last_day - first_day).days))
            carried.append((self._new_customer(_pick(rng, _HOMES), signup), rng.random() < 0.25))
        for c, business in sorted(carried, key=lambda cb: (cb[0].signup, cb[0].seq)):
            add(c, business)
        for b in self.bookings:
            day = b.booked_at.date()
            fresh = 0.25 if b.business else 0.5
            if day >= START and rng.random() < fresh:
                signup = day if rng.random() < 0.75 else max(START, day - timedelta(days=rng.randint(1, 120)))
                c = self._new_customer(b.legs[0].origin, signup)
                add(c, b.business)
            else:
                cum = weights[b.business]
                known = len(cum) if day >= START else bisect.bisect_right(signups[b.business], day)
                c = pools[b.business][bisect.bisect_right(cum, rng.random() * cum[known - 1])]
            b.customer = c
        for _ in range(1400):  # accounts that never booked
            signup = START + timedelta(days=rng.randint(0, (END - START).days))
            self._new_customer(_pick(rng, _HOMES + (("PTE", 6),)) if signup >= _PTE_ON_SALE else _pick(rng, _HOMES),
                               signup)  # fmt: skip

    # --- tickets, extras, refunds

    def _extras(self, b: _Booking, f: _Flight, ticket: dict, until: datetime) -> list[dict]:
        """The ancillaries bought for a ticket, before `until` (its refund, or the end of the data)."""
        rng = self.rng
        out: list[dict] = []

        def buy(product: str, price: float, when: datetime, channel: str) -> None:
            if b.booked_at <= when < until and when <= _CLOSE:
                out.append({"ticket": ticket, "product": product, "purchased_at": when, "sales_channel": channel,
                            "price": price})  # fmt: skip

        def later(latest_before: int) -> datetime:
            span = _minutes(f.dep - b.booked_at) - latest_before
            return b.booked_at + timedelta(minutes=rng.randint(1, max(1, span)))

        flex = b.fare_class == "Flex"
        if not flex and rng.random() < (0.12 if b.business else 0.36):
            roll = rng.random()
            if roll < 0.7:
                when, channel = b.booked_at, "At booking"
            elif roll < 0.9:
                when, channel = later(180), "Manage booking"
            else:
                when, channel = f.dep - timedelta(minutes=rng.randint(35, 120)), "Airport"
            price = 35.0 if when.date() >= PRICE_RISE else 30.0
            buy("Checked bag", price + (10.0 if channel == "Airport" else 0.0), when, channel)
        if not flex and rng.random() < 0.15:
            if rng.random() < 0.8:
                buy("Seat selection", 9.0, b.booked_at, "At booking")
            else:
                buy("Seat selection", 9.0, later(180), "Manage booking")
        if rng.random() < 0.05:
            buy("Priority boarding", 7.0, b.booked_at, "At booking")
        if f.spoke == _CDR and rng.random() < (0.22 if f.dep.month in (12, 1, 2, 3) else 0.03):
            if rng.random() < 0.8:
                buy("Sports equipment", 40.0, b.booked_at, "At booking")
            else:
                buy("Sports equipment", 40.0, later(180), "Manage booking")
        return out

    def after(self) -> None:
        rng = self.rng
        for b in self.bookings:
            request = None
            chance = {"Saver": 0.0, "Standard": 0.05, "Flex": 0.12}[b.fare_class]
            if rng.random() < chance:
                last = min(b.legs[0].dep - timedelta(hours=2), _CLOSE)
                first = max(b.booked_at + timedelta(hours=1), _at(START))
                span = _minutes(last - first)
                if span > 0:
                    request = first + timedelta(minutes=rng.randint(0, span))
            c = b.customer
            names = [f"{c.first} {c.last}"] + [f"{first} {c.last if same else rng.choice(_LAST)}"
                                                for first, same in b.companions]  # fmt: skip
            outbound = b.legs[0]
            for leg_no, f in enumerate(b.legs):
                cancelled_at = f.cancel_at if f.status == "Cancelled" else None
                if leg_no == 1 and outbound.status == "Cancelled":
                    cancelled_at = outbound.cancel_at
                for name in names:
                    spoke = f.spoke
                    base = _fare(spoke, b.fare_class, b.booked_at.date())
                    pct = next((p[2] for p in _PROMOS if p[0] == b.promo), 0.0)
                    discount = _cents(base * pct / 100)
                    taxes = _cents((base - discount) * _TAX_RATE + _CHARGE[f.origin])
                    fees = _FUEL + (_CALL_CENTRE_FEE if b.channel == "Call centre" else 0.0)
                    ticket = {
                        "flight": f,
                        "passenger_name": name,
                        "base_fare": base,
                        "discount_amount": discount,
                        "taxes": taxes,
                        "fees": fees,
                        "status": "",
                        "points_earned": 0,
                    }
                    price = _cents(base - discount + taxes + fees)
                    ticket["price"] = price
                    b.tickets.append(ticket)
                    refund = None
                    if request is not None and request < f.dep and (cancelled_at is None or request < cancelled_at):
                        amount = price - (_STANDARD_REFUND_FEE if b.fare_class == "Standard" else 0.0)
                        refund = {"refunded_at": request, "reason": "Customer request", "amount": max(amount, 0.0)}
                        until = request
                    elif cancelled_at is not None:
                        when = min(cancelled_at + timedelta(minutes=rng.randint(60, 72 * 60)), _CLOSE)
                        refund = {"refunded_at": when, "reason": "Flight cancelled", "amount": price}
                        until = cancelled_at
                    else:
                        until = f.dep
                    extras = self._extras(b, f, ticket, until)
                    if refund is not None:
                        ticket["status"] = "Refunded"
                        if refund["reason"] == "Flight cancelled":
                            refund["amount"] += sum(x["price"] for x in extras)
                        self.refunds.append(
                            {
                                "ticket": ticket,
                                "refunded_at": refund["refunded_at"],
                                "reason": refund["reason"],
                                "refund_amount": _cents(refund["amount"]),
                            }  # fmt: skip
                        )
                    elif f.status == "Scheduled":
                        ticket["status"] = "Open"
                    else:
                        miss = {"Saver": 0.045, "Standard": 0.03, "Flex": 0.02}[b.fare_class]
                        ticket["status"] = "No-show" if rng.random() < miss else "Flown"
                    if ticket["status"] == "Flown":
                        if f.dep.date() < LOYALTY_CHANGE:
                            ticket["points_earned"] = 250
                        else:
                            ticket["points_earned"] = math.floor(round((base - discount) * 5, 6))
                        if _SPOKES[spoke].block >= 60 and rng.random() < 0.14:
                            when = f.actual_dep + timedelta(minutes=rng.randint(15, 40))
                            extras.append({"ticket": ticket, "product": "Snack box", "purchased_at": when,
                                           "sales_channel": "On board", "price": 8.0})  # fmt: skip
                    self.ancillaries += extras

    # --- the tables

    def finish(self) -> dict[str, list[dict]]:
        rng = self.rng
        flights = []
        for number, f in enumerate(self.flights, start=1):
            spoke = _SPOKES[f.spoke]
            f.row = {
                "flight_id": number,
                "flight_number": f"KR{spoke.number + f.back}",
                "route_id": 2 * f.spoke + 1 + f.back,
                "aircraft_id": f.aircraft + 1,
                "scheduled_departure": f.dep,
                "scheduled_arrival": f.arr,
                "actual_departure": f.actual_dep,
                "actual_arrival": f.actual_arr,
                "status": f.status,
                "diverted_to_code": f.diverted_to,
                "cancellation_reason": f.cancel_reason,
                "cancelled_at": f.cancel_at,
            }
            flights.append(f.row)
        delays = [
            {"delay_id": 0, "flight_id": f.row["flight_id"], "cause": cause, "delay_minutes": minutes}
            for f in self.flights
            for cause, minutes in f.delays
        ]
        for n, d in enumerate(delays, start=1):
            d["delay_id"] = n

        flown_2025: Counter = Counter()
        for b in self.bookings:
            for t in b.tickets:
                if t["status"] == "Flown" and t["flight"].dep.year == 2025:
                    flown_2025[b.customer.seq] += 1
        people = sorted(self.customers, key=lambda c: (c.signup, c.seq))
        customers = []
        emails: Counter = Counter()
        for number, c in enumerate(people, start=1):
            handle = f"{c.first}.{c.last}".lower().replace("'", "")
            emails[handle] += 1
            suffix = "" if emails[handle] == 1 else str(emails[handle])
            domain = ("mailbox.com", "inbox.net", "postmail.org")[c.seq % 3]
            flown = flown_2025[c.seq]
            tier = "Platinum" if flown >= 30 else "Gold" if flown >= 15 else "Silver" if flown >= 6 else "Blue"
            c.row = {
                "customer_id": number,
                "first_name": c.first,
                "last_name": c.last,
                "email": f"{handle}{suffix}@{domain}",
                "home_airport_code": c.home,
                "signup_date": c.signup,
                "loyalty_tier": tier,
                "birth_year": c.born,
            }
            customers.append(c.row)

        bookings, tickets, references = [], [], set()
        for number, b in enumerate(self.bookings, start=1):
            while True:
                reference = "".join(rng.choice(_REFERENCE_LETTERS) for _ in range(6))
                if reference not in references:
                    references.add(reference)
                    break
            b.row = {
                "booking_id": number,
                "booking_reference": reference,
                "customer_id": b.customer.row["customer_id"],
                "booked_at": b.booked_at,
                "channel": b.channel,
                "trip_type": "Return" if len(b.legs) == 2 else "One way",
                "fare_class": b.fare_class,
                "promo_code": b.promo,
                "passenger_count": b.party,
                "total_amount": _cents(sum(t["price"] for t in b.tickets)),
            }
            bookings.append(b.row)
            for t in b.tickets:
                t["ticket_id"] = len(tickets) + 1
                tickets.append(
                    {
                        "ticket_id": t["ticket_id"],
                        "booking_id": number,
                        "flight_id": t["flight"].row["flight_id"],
                        **{
                            k: t[k]
                            for k in (
                                "passenger_name",
                                "base_fare",
                                "discount_amount",
                                "taxes",
                                "fees",
                                "status",
                                "points_earned",
                            )
                        },
                    }
                )
        extras = sorted(self.ancillaries, key=lambda x: (x["purchased_at"], x["ticket"]["ticket_id"], x["product"]))
        refunds = sorted(self.refunds, key=lambda r: (r["refunded_at"], r["ticket"]["ticket_id"]))
        return {
            "airports": [
                {"airport_code": code, "airport_name": name, "city": city, "is_hub": hub, "passenger_charge": charge}
                for code, name, city, hub, charge in _AIRPORTS
            ],
            "aircraft": [
                {
                    "aircraft_id": k,
                    "registration": registration,
                    "model": model,
                    "seat_count": seats,
                    "year_built": built,
                    "entered_service_date": entered,
                    "retired_date": retired,
                }
                for k, (registration, model, seats, built, entered, retired) in enumerate(_AIRCRAFT, start=1)
            ],
            "routes": [
                {
                    "route_id": 2 * s + 1 + back,
                    "origin_code": spoke.code if back else HUB,
                    "destination_code": HUB if back else spoke.code,
                    "flight_number": f"KR{spoke.number + back}",
                    "distance_km": spoke.distance,
                    "block_minutes": spoke.block,
                    "launched_date": spoke.launched,
                }
                for s, spoke in enumerate(_SPOKES)
                for back in (0, 1)
            ],
            "flights": flights,
            "flight_delays": delays,
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
            "bookings": bookings,
            "tickets": tickets,
            "ancillaries": [
                {
                    "ancillary_id": n,
                    "ticket_id": x["ticket"]["ticket_id"],
                    **{k: x[k] for k in ("product", "purchased_at", "sales_channel", "price")},
                }
                for n, x in enumerate(extras, start=1)
            ],
            "refunds": [
                {
                    "refund_id": n,
                    "ticket_id": r["ticket"]["ticket_id"],
                    "refunded_at": r["refunded_at"],
                    "reason": r["reason"],
                    "refund_amount": r["refund_amount"],
                }
                for n, r in enumerate(refunds, start=1)
            ],
        }


def airline_rows() -> dict[str, list[dict]]:
    """Every table's rows, by table name, generated from the fixed seed. Times are datetimes (written as
    'YYYY-MM-DD HH:MM')."""
    airline = _Airline(SEED)
    airline.schedule()
    airline.operate()
    airline.sell()
    airline.people()
    airline.after()
    return airline.finish()


def database_path(out_dir: Path) -> Path:
    return sqlite_file.database_path(out_dir, DB_ID)


def build(out_dir: Path) -> Path:
    """Write the warehouse under `out_dir` in the eval-set layout, replacing an older build; return its path."""
    return sqlite_file.write(database_path(out_dir), _TABLES, _with_minute_times(airline_rows()))


def main(argv: list[str] | None = None) -> int:
    return sqlite_file.main(argv, "bench.warehouses.airline", build, HELD_OUT_QUESTIONS)


if __name__ == "__main__":
    sys.exit(main())
