"""A hotel group's warehouse: eight boutique hotels across the US (properties, room types, guests, bookings, the
charges on guests' bills, and guest reviews).

    python -m bench.warehouses.hotels OUT_DIR [--with-questions]

writes OUT_DIR/database/hotels/hotels.sqlite, the layout of the project's eval sets (see bench/dataset.py);
`--with-questions` also copies the held-out questions (bench/heldout/hotels/questions.json) beside it, so that
`python -m bench --dataset OUT_DIR --out FILE.json` runs them. Those questions are the project's fair measure:
do not read them (nor their wrong answers) while designing what they measure.

Everything comes from a fixed seed over fixed dates (2024-01-01 .. 2025-12-31), with only the standard library, so
every build holds the same rows. The group moved to its current reservation system on 2024-01-01 (the data starts
then: bookings for arrivals from that day to the end of 2025), and the business has a shape worth asking about:
each hotel has its own season (ski winters in Aspen, beach summers in San Diego, desert winters in Scottsdale,
spring and autumn in the cities), and sells out at its peak; a select-service hotel opens in Austin in May 2025;
online travel agencies (OTAs) lose share to direct bookings over the two years; OTA bookings are cancelled far more
often than direct, phone or corporate ones, and corporate travellers book late and stay short; loyalty members,
above all Gold and Platinum, come back again and again while most non-members stay once; San Diego grows fastest
in 2025 after refitting its rooms, while the Chicago hotel's review scores fall from March 2025 (construction next
door) and its bookings follow; guests spend on food and drink everywhere, and on the spa at the four hotels that
have one.

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

DB_ID = "hotels"
HELD_OUT_QUESTIONS = Path(__file__).resolve().parent.parent / "heldout" / DB_ID / "questions.json"
SEED = 20240102
START = date(2024, 1, 1)
END = date(2025, 12, 31)  # the data's "today": the last check-out date held

_TABLES: tuple[Table, ...] = (
    Table(
        "properties",
        "Hotels of the group, one row per property.",
        (
            Col("property_id", "INTEGER PRIMARY KEY", "Unique hotel identifier."),
            Col("property_name", "TEXT NOT NULL", "Hotel name, e.g. 'Harborview Boston'."),
            Col("city", "TEXT NOT NULL", "City the hotel is in."),
            Col(
                "region",
                "TEXT NOT NULL",
                "US region of the hotel: 'Northeast', 'Southeast', 'Midwest', 'Mountain', 'Southwest' or 'West'.",
            ),
            Col(
                "brand_tier",
                "TEXT NOT NULL",
                "Brand tier: 'Luxury', 'Upscale' or 'Select' (select-service: breakfast bar, no restaurant or spa).",
            ),
            Col(
                "rooms_count",
                "INTEGER NOT NULL",
                "Number of guest rooms the hotel has (the sum of room_types.rooms over its room types); unchanged "
                "since it opened.",
            ),
            Col(
                "opened_date",
                "TEXT NOT NULL",
                "Date the hotel opened to guests (YYYY-MM-DD); no stay checks in before it.",
            ),
            Col("has_spa", "INTEGER NOT NULL", "1 if the hotel has a spa selling treatments, else 0."),
        ),
    ),
    Table(
        "room_types",
        "Kinds of room each hotel sells, one row per room type per hotel. Names repeat across hotels (several "
        "have a 'Standard King'), so a room type is identified by room_type_id, not by its name.",
        (
            Col("room_type_id", "INTEGER PRIMARY KEY", "Unique room type identifier."),
            Col("property_id", "INTEGER NOT NULL", "Hotel the room type belongs to (properties.property_id)."),
            Col("room_type_name", "TEXT NOT NULL", "Room type name as sold, e.g. 'Standard King' or 'Suite'."),
            Col("rooms", "INTEGER NOT NULL", "Number of rooms of this type in the hotel."),
            Col("max_guests", "INTEGER NOT NULL", "Most people who may stay in one room of this type."),
            Col(
                "rack_rate",
                "REAL NOT NULL",
                "Standard published price of one night in USD, before seasonal pricing and discounts; the price "
                "actually agreed is bookings.nightly_rate.",
            ),
        ),
        ("FOREIGN KEY (property_id) REFERENCES properties (property_id)",),
    ),
    Table(
        "guests",
        "Guest profiles, one row per person who has booked with us; a profile is created with the person's first "
        "booking. Repeat guests are those with more than one booking (or stay) in bookings.",
        (
            Col("guest_id", "INTEGER PRIMARY KEY", "Unique guest identifier."),
            Col(
                "home_country",
                "TEXT NOT NULL",
                "Country of the guest's home address, e.g. 'United States', 'Canada' or 'United Kingdom'.",
            ),
            Col(
                "loyalty_tier",
                "TEXT NOT NULL",
                "Tier in our loyalty programme as of 2025-12-31: 'Non-member' (not enrolled), 'Silver', 'Gold' or "
                "'Platinum' (the highest).",
            ),
            Col(
                "signup_date",
                "TEXT NOT NULL",
                "Date the guest profile was created, i.e. the booking_date of the guest's first booking (YYYY-MM-DD).",
            ),
        ),
    ),
    Table(
        "bookings",
        "Room bookings (reservations) for arrivals from 2024-01-01 to 2025-12-30, one row per booking of one "
        "room for one stay, whatever became of it: stayed, cancelled or no-show. The number of nights of a "
        "booking is the days between check_in_date and check_out_date; no stay runs past 2025-12-31.",
        (
            Col("booking_id", "INTEGER PRIMARY KEY", "Unique booking (reservation) number."),
            Col("guest_id", "INTEGER NOT NULL", "Guest who made the booking (guests.guest_id)."),
            Col("property_id", "INTEGER NOT NULL", "Hotel booked (properties.property_id)."),
            Col(
                "room_type_id",
                "INTEGER NOT NULL",
                "Room type booked (room_types.room_type_id), a room type of the same hotel.",
            ),
            Col(
                "booking_date",
                "TEXT NOT NULL",
                "Date the booking was made (YYYY-MM-DD). The reservation system went live on 2024-01-01, so "
                "none is earlier. Lead time is the days from booking_date to check_in_date.",
            ),
            Col("check_in_date", "TEXT NOT NULL", "Planned arrival date (YYYY-MM-DD)."),
            Col(
                "check_out_date",
                "TEXT NOT NULL",
                "Planned departure date (YYYY-MM-DD), after check_in_date; guests leave on the day planned.",
            ),
            Col("occupants", "INTEGER NOT NULL", "Number of people staying in the room (adults and children)."),
            Col(
                "channel",
                "TEXT NOT NULL",
                "How the booking reached us: 'Direct' (our own website or app), 'OTA' (an online travel agency "
                "such as Booking.com or Expedia), 'Corporate' (a company account at a negotiated rate) or 'Phone' "
                "(our reservations call centre or the hotel's front desk).",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "What became of the booking: 'Checked out' (the guest stayed the nights booked), 'Cancelled' "
                "(cancelled before arrival, nothing charged) or 'No-show' (the guest never arrived and was "
                "charged one night).",
            ),
            Col(
                "cancelled_date",
                "TEXT",
                "Date the booking was cancelled (YYYY-MM-DD), between booking_date and check_in_date; NULL unless "
                "status is 'Cancelled'.",
            ),
            Col(
                "nightly_rate",
                "REAL NOT NULL",
                "Room price agreed for each night of the stay, in USD, excluding taxes.",
            ),
            Col(
                "total_amount",
                "REAL NOT NULL",
                "Room price of the whole booking in USD, excluding taxes: nightly_rate times the number of nights. "
                "It is the value booked, whatever the status; room revenue earned is total_amount of bookings "
                "with status 'Checked out' (plus no-show fees, see folio_charges).",
            ),
            Col(
                "commission_amount",
                "REAL NOT NULL",
                "Commission we owe the online travel agency for the booking, in USD: a share of total_amount for "
                "'OTA' bookings that checked out, else 0.",
            ),
        ),
        (
            "FOREIGN KEY (guest_id) REFERENCES guests (guest_id)",
            "FOREIGN KEY (property_id) REFERENCES properties (property_id)",
            "FOREIGN KEY (room_type_id) REFERENCES room_types (room_type_id)",
        ),
    ),
    Table(
        "folio_charges",
        "Charges posted to guests' bills (folios), one row per charge. Bookings that checked out have one 'Room' "
        "charge and any extras; a no-show has one 'No-show fee'; cancelled bookings have none.",
        (
            Col("charge_id", "INTEGER PRIMARY KEY", "Unique charge identifier."),
            Col("booking_id", "INTEGER NOT NULL", "Booking whose bill carries the charge (bookings.booking_id)."),
            Col(
                "charge_date",
                "TEXT NOT NULL",
                "Date the charge was posted (YYYY-MM-DD): the check-out date for 'Room' and 'Parking', the "
                "planned check-in date for a 'No-show fee', the day of the purchase for the others.",
            ),
            Col(
                "category",
                "TEXT NOT NULL",
                "What was charged: 'Room' (the room for the whole stay, equal to bookings.total_amount), 'Food & "
                "Beverage' (restaurant, bar and room service, one charge a day), 'Spa' (treatments), 'Parking', "
                "'Other' (minibar, laundry, late check-out and the like) or 'No-show fee' (one night's rate).",
            ),
            Col("amount", "REAL NOT NULL", "Amount charged in USD, excluding taxes."),
        ),
        ("FOREIGN KEY (booking_id) REFERENCES bookings (booking_id)",),
    ),
    Table(
        "reviews",
        "Reviews guests wrote after their stay, one row per review; at most one review per booking, only for "
        "bookings that checked out.",
        (
            Col("review_id", "INTEGER PRIMARY KEY", "Unique review identifier."),
            Col("booking_id", "INTEGER NOT NULL", "Stay reviewed (bookings.booking_id)."),
            Col("property_id", "INTEGER NOT NULL", "Hotel reviewed (properties.property_id), the booking's hotel."),
            Col(
                "review_date",
                "TEXT NOT NULL",
                "Date the review was written (YYYY-MM-DD), on or after the check-out date.",
            ),
            Col(
                "review_site",
                "TEXT NOT NULL",
                "Where the review was written: 'Post-stay survey' (our own email survey), 'Google', 'Tripadvisor', "
                "'Booking.com' or 'Expedia'.",
            ),
            Col("score", "INTEGER NOT NULL", "Overall score the guest gave, from 1 (worst) to 10 (best)."),
        ),
        (
            "FOREIGN KEY (booking_id) REFERENCES bookings (booking_id)",
            "FOREIGN KEY (property_id) REFERENCES properties (property_id)",
        ),
    ),
)

COMMENTS = comments(_TABLES)


# --------------------------------------------------------------------------------------------
# Reference data.


@dataclass(frozen=True)
class _Hotel:
    name: str
    city: str
    region: str
    tier: str
    opened: str  # YYYY-MM-DD
    spa: bool
    resort: bool  # leisure guests, weekend arrivals, longer stays, longer lead times
    season: tuple[float, ...]  # demand by month, Jan..Dec
    growth: float  # demand in 2025 relative to 2024
    rate_growth: float  # prices in 2025 relative to 2024
    nights: float  # mean nights of a leisure stay
    review: float  # mean review score
    corporate: float  # weight of corporate bookings relative to the group's mix
    room_types: tuple[tuple[str, int, int, int], ...]  # name, rooms, max guests, rack rate


_CITY = (0.62, 0.66, 0.82, 0.95, 1.08, 1.1, 1.05, 1.02, 1.15, 1.2, 0.9, 0.7)
_HOTELS = (
    _Hotel(
        "Harborview Boston",
        "Boston",
        "Northeast",
        "Upscale",
        "2013-04-15",
        False,
        False,
        _CITY,
        1.03,
        1.04,
        2.1,
        8.3,
        1.6,
        (
            ("Standard Queen", 6, 2, 219),
            ("Standard King", 8, 2, 239),
            ("Harbor View King", 4, 3, 309),
            ("Suite", 2, 4, 449),
        ),
    ),
    _Hotel(
        "The Gramercy Loft",
        "New York",
        "Northeast",
        "Luxury",
        "2016-09-01",
        True,
        False,
        (0.7, 0.72, 0.88, 0.98, 1.05, 1.05, 0.95, 0.9, 1.1, 1.15, 1.1, 1.25),
        1.04,
        1.05,
        2.4,
        8.7,
        1.4,
        (("Loft King", 12, 2, 379), ("Loft Double", 6, 4, 359), ("Terrace Suite", 4, 4, 649)),
    ),
    _Hotel(
        "Magnolia House Charleston",
        "Charleston",
        "Southeast",
        "Upscale",
        "2011-03-01",
        False,
        True,
        (0.6, 0.75, 1.15, 1.25, 1.15, 0.95, 0.85, 0.8, 0.9, 1.1, 0.95, 0.8),
        1.05,
        1.04,
        2.6,
        8.9,
        0.4,
        (("Courtyard Queen", 7, 2, 229), ("Garden King", 5, 2, 269), ("Carriage House Suite", 2, 4, 429)),
    ),
    _Hotel(
        "Lakeshore Chicago",
        "Chicago",
        "Midwest",
        "Select",
        "2014-06-01",
        False,
        False,
        (0.55, 0.6, 0.8, 0.95, 1.1, 1.25, 1.3, 1.25, 1.1, 1.0, 0.75, 0.65),
        1.0,
        1.03,
        2.0,
        7.8,
        1.8,
        (("Standard Queen", 11, 4, 159), ("Standard King", 10, 2, 169), ("Lake View King", 4, 3, 219)),
    ),
    _Hotel(
        "Aspen Ridge Lodge",
        "Aspen",
        "Mountain",
        "Luxury",
        "2018-12-01",
        True,
        True,
        (1.45, 1.5, 1.4, 0.6, 0.35, 0.85, 1.15, 1.0, 0.75, 0.4, 0.55, 1.35),
        1.02,
        1.05,
        4.2,
        8.8,
        0.2,
        (("Mountain King", 7, 2, 459), ("Two-Bedroom Suite", 3, 6, 829), ("Chalet", 2, 8, 1290)),
    ),
    _Hotel(
        "Pacific Dunes San Diego",
        "San Diego",
        "West",
        "Upscale",
        "2010-07-01",
        True,
        True,
        (0.7, 0.75, 0.9, 0.95, 1.05, 1.3, 1.5, 1.45, 1.0, 0.9, 0.75, 0.75),
        1.16,
        1.09,
        3.1,
        8.4,
        0.5,
        (("Standard King", 8, 2, 249), ("Ocean View King", 7, 3, 329), ("Beach Suite", 4, 5, 499)),
    ),
    _Hotel(
        "Desert Bloom Scottsdale",
        "Scottsdale",
        "Southwest",
        "Luxury",
        "2019-02-01",
        True,
        True,
        (1.3, 1.45, 1.5, 1.15, 0.75, 0.45, 0.4, 0.45, 0.7, 1.05, 1.2, 1.1),
        1.05,
        1.04,
        3.4,
        8.9,
        0.3,
        (("Casita King", 9, 2, 389), ("Casita Double", 4, 4, 369), ("Villa Suite", 3, 6, 689)),
    ),
    _Hotel(
        "Congress Avenue Austin",
        "Austin",
        "Southwest",
        "Select",
        "2025-05-15",
        False,
        False,
        (0.75, 0.85, 1.35, 1.05, 1.0, 0.85, 0.75, 0.8, 1.0, 1.25, 1.0, 0.8),
        1.0,
        1.0,
        2.0,
        8.2,
        1.5,
        (("Standard Queen", 9, 4, 169), ("Standard King", 9, 2, 179), ("Suite", 2, 4, 299)),
    ),
)
_CHICAGO_TROUBLE = date(2025, 3, 1)  # construction next door starts: reviews and then bookings fall
_BASE_OCCUPANCY = 0.7

_CHANNELS = ("Direct", "OTA", "Corporate", "Phone")
_MIX = {2024: (0.27, 0.46, 0.15, 0.12), 2025: (0.39, 0.35, 0.15, 0.11)}  # group mix at the start of each year
_CANCEL = {"Direct": 0.13, "OTA": 0.3, "Corporate": 0.08, "Phone": 0.1}
_NO_SHOW = {"Direct": 0.012, "OTA": 0.035, "Corporate": 0.022, "Phone": 0.015}
_LEAD_DAYS = {"Direct": 34, "OTA": 26, "Corporate": 8, "Phone": 17}  # mean days from booking to arrival
_RATE_FACTOR = {"Direct": 0.96, "OTA": 1.0, "Corporate": 0.86, "Phone": 1.0}
_OTA_COMMISSION = 0.17
_RETURNING = {"Direct": 0.52, "OTA": 0.12, "Corporate": 0.62, "Phone": 0.45}  # chance a booking is a past guest's

_TIERS = ("Non-member", "Silver", "Gold", "Platinum")
_TIER_AT_SIGNUP = {  # tier weights of a new guest by the channel of their first booking
    "Direct": (0.5, 0.3, 0.14, 0.06),
    "OTA": (0.86, 0.1, 0.03, 0.01),
    "Corporate": (0.25, 0.3, 0.28, 0.17),
    "Phone": (0.56, 0.25, 0.13, 0.06),
}
_TIER_RETURNS = (0.25, 2.0, 5.0, 12.0)  # how strongly each tier's guests come back
_COUNTRIES = (
    "United States",
    "Canada",
    "United Kingdom",
    "Mexico",
    "Germany",
    "France",
    "Japan",
    "Australia",
    "Brazil",
)
_COUNTRY_WEIGHTS = (0.72, 0.07, 0.05, 0.04, 0.03, 0.025, 0.02, 0.025, 0.02)
_REVIEW_SITES = ("Post-stay survey", "Google", "Tripadvisor")
_REVIEW_SITE_WEIGHTS = (0.5, 0.3, 0.2)
_REVIEW_CHANCE = {"Direct": 0.34, "OTA": 0.42, "Corporate": 0.14, "Phone": 0.26}


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


def _lead(rng: random.Random, mean: float, most: int) -> int:
    """Days from booking to arrival: exponential with `mean`, cut at `most` (the system's go-live)."""
    u = rng.random()
    return min(most, int(-mean * math.log(1 - u * (1 - math.exp(-(most + 1) / mean)))))


def _mix(day: date) -> list[float]:
    """Channel weights on a day: the group's mix moves steadily from its 2024 shares to its 2025 shares and on."""
    t = (day - START).days / 365
    return [a + (b - a) * t for a, b in zip(_MIX[2024], _MIX[2025], strict=True)]


# --------------------------------------------------------------------------------------------
# Generation.


def _properties() -> tuple[list[dict], list[dict]]:
    properties, room_types = [], []
    for pid, h in enumerate(_HOTELS, start=1):
        properties.append(
            {
                "property_id": pid,
                "property_name": h.name,
                "city": h.city,
                "region": h.region,
                "brand_tier": h.tier,
                "rooms_count": sum(rt[1] for rt in h.room_types),
                "opened_date": date.fromisoformat(h.opened),
                "has_spa": int(h.spa),
            }
        )
        for name, rooms, max_guests, rack in h.room_types:
            room_types.append(
                {
                    "room_type_id": len(room_types) + 1,
                    "property_id": pid,
                    "room_type_name": name,
                    "rooms": rooms,
                    "max_guests": max_guests,
                    "rack_rate": float(rack),
                }
            )
    return properties, room_types


def _stays(rng: random.Random, room_types: list[dict]) -> list[dict]:
    """Each hotel's arrivals day by day, with their channel, room, length, lead time, price and fate; a booking
    that would stay (or hold its room as a no-show) only when a room of its type (or another type) is free."""
    days = (END - START).days + 1
    taken = {rt["room_type_id"]: [0] * days for rt in room_types}
    rows = []
    for pid, h in enumerate(_HOTELS, start=1):
        types = [rt for rt in room_types if rt["property_id"] == pid]
        type_weights = [rt["rooms"] * (0.6 if rt["rack_rate"] > 1.5 * types[0]["rack_rate"] else 1.0) for rt in types]
        rooms = sum(rt["rooms"] for rt in types)
        opened = date.fromisoformat(h.opened)
        first = max(START, opened)
        for n in range((END - first).days):
            day = first + timedelta(days=n)
            index = (day - START).days
            weekday = day.weekday()
            if h.resort:
                dow = (0.8, 0.75, 0.8, 1.05, 1.45, 1.25, 0.9)[weekday]
            else:
                dow = (1.25, 1.2, 1.1, 0.95, 0.85, 0.7, 0.95)[weekday]
            growth = 1.0 if day.year == 2024 else h.growth
            if h.name.startswith("Lakeshore") and day >= _CHICAGO_TROUBLE + timedelta(days=45):
                growth *= 0.82
            ramp = min(1.0, 0.55 + (day - opened).days / 240)  # a new hotel takes months to fill
            mean = rooms * _BASE_OCCUPANCY / h.nights * h.season[day.month - 1] * dow * growth * ramp * 1.22
            mix = _mix(day)
            mix[2] *= h.corporate
            for _ in range(_poisson(rng, mean)):
                channel = rng.choices(_CHANNELS, mix)[0]
                stay_mean = 1.7 if channel == "Corporate" else h.nights
                nights = min(14, 1 + _poisson(rng, stay_mean - 1), (END - day).days)
                lead_mean = _LEAD_DAYS[channel] * (1.7 if h.resort and channel != "Corporate" else 1.0)
                lead = _lead(rng, lead_mean, min(330, (day - START).days))
                booked = day - timedelta(days=lead)
                r = rng.random()
                cancel = _CANCEL[channel] * (0.55 + 0.9 * min(lead, 120) / 120)
                status = "Cancelled" if r < cancel else "No-show" if r < cancel + _NO_SHOW[channel] else "Checked out"
                room_type = rng.choices(types, type_weights)[0]
                occupants = 1 if channel == "Corporate" else min(room_type["max_guests"], 1 + _poisson(rng, 1.1))
                u = rng.uniform(0.94, 1.06)
                cancelled = booked + timedelta(days=rng.randint(0, lead)) if status == "Cancelled" else None
                if status != "Cancelled":
                    free = [
                        rt
                        for rt in [room_type] + [t for t in types if t is not room_type]
                        if occupants <= rt["max_guests"]
                        and all(taken[rt["room_type_id"]][index + k] < rt["rooms"] for k in range(nights))
                    ]
                    if not free:
                        continue  # sold out: the guest goes elsewhere
                    room_type = free[0]
                    for k in range(nights):
                        taken[room_type["room_type_id"]][index + k] += 1
                season_price = 0.72 + 0.28 * h.season[day.month - 1] + (0.06 if dow > 1.0 else 0.0)
                rate = room_type["rack_rate"] * season_price * _RATE_FACTOR[channel] * u
                rate = float(round(rate * (h.rate_growth if day.year == 2025 else 1.0)))
                total = rate * nights
                rows.append(
                    {
                        "property_id": pid,
                        "room_type_id": room_type["room_type_id"],
                        "booking_date": booked,
                        "check_in_date": day,
                        "check_out_date": day + timedelta(days=nights),
                        "occupants": occupants,
                        "channel": channel,
                        "status": status,
                        "cancelled_date": cancelled,
                        "nightly_rate": rate,
                        "total_amount": total,
                        "commission_amount": round(total * _OTA_COMMISSION, 2)
                        if channel == "OTA" and status == "Checked out"
                        else 0.0,
                    }
                )
    rows.sort(key=lambda b: (b["booking_date"], b["check_in_date"], b["property_id"], b["room_type_id"]))
    for number, row in enumerate(rows, start=1):
        row["booking_id"] = number
    return rows


def _guests(rng: random.Random, bookings: list[dict]) -> list[dict]:
    """Guests in the order of their first booking: each booking is a past guest's (more often for loyal tiers and
    loyal channels) or a new guest's, whose tier follows the channel they came through."""
    guests: list[dict] = []
    pools: tuple[list[int], ...] = ([], [], [], [])  # guest ids by tier
    for b in bookings:
        ramp = min(1.0, 0.25 + (b["booking_date"] - START).days / 300)
        weights = [w * len(pool) for w, pool in zip(_TIER_RETURNS, pools, strict=True)]
        if sum(weights) > 0 and rng.random() < _RETURNING[b["channel"]] * ramp:
            tier = rng.choices(range(4), weights)[0]
            b["guest_id"] = rng.choice(pools[tier])
            continue
        tier = rng.choices(range(4), _TIER_AT_SIGNUP[b["channel"]])[0]
        weights = list(_COUNTRY_WEIGHTS)
        if b["property_id"] == 2:  # New York draws more guests from abroad
            weights = [weights[0] * 0.6] + [w * 1.9 for w in weights[1:]]
        guest = {
            "guest_id": len(guests) + 1,
            "home_country": rng.choices(_COUNTRIES, weights)[0],
            "loyalty_tier": _TIERS[tier],
            "signup_date": b["booking_date"],
        }
        guests.append(guest)
        pools[tier].append(guest["guest_id"])
        b["guest_id"] = guest["guest_id"]
    return guests


def _charges(rng: random.Random, bookings: list[dict]) -> list[dict]:
    """Each stay's bill: the room, a food and drink bill on some days, spa treatments, parking and sundries;
    a no-show's one-night fee."""
    rows = []

    def charge(b: dict, day: date, category: str, amount: float) -> None:
        rows.append({"booking_id": b["booking_id"], "charge_date": day, "category": category, "amount": amount})

    for b in bookings:
        h = _HOTELS[b["property_id"] - 1]
        if b["status"] == "No-show":
            charge(b, b["check_in_date"], "No-show fee", b["nightly_rate"])
            continue
        if b["status"] != "Checked out":
            continue
        nights = (b["check_out_date"] - b["check_in_date"]).days
        dining = {"Luxury": 0.55, "Upscale": 0.4, "Select": 0.2}[h.tier]
        spend = {"Luxury": 105, "Upscale": 68, "Select": 26}[h.tier]
        for k in range(nights):
            if rng.random() < dining:
                amount = round(spend * (0.6 + 0.4 * b["occupants"]) * rng.lognormvariate(0, 0.45), 2)
                charge(b, b["check_in_date"] + timedelta(days=k), "Food & Beverage", amount)
        if h.spa and rng.random() < (0.34 if h.resort else 0.12) * (1.3 if b["channel"] != "Corporate" else 0.4):
            for _ in range(1 + (rng.random() < 0.3 * (b["occupants"] > 1))):
                day = b["check_in_date"] + timedelta(days=rng.randrange(nights))
                charge(b, day, "Spa", float(rng.choice((145, 165, 185, 210, 240, 295))))
        if rng.random() < (0.45 if h.resort else 0.22):
            charge(b, b["check_out_date"], "Parking", float(nights * (42 if h.tier == "Luxury" else 28)))
        if rng.random() < 0.14:
            day = b["check_in_date"] + timedelta(days=rng.randrange(nights))
            charge(b, day, "Other", round(rng.uniform(12, 90), 2))
        charge(b, b["check_out_date"], "Room", b["total_amount"])
    rows.sort(key=lambda c: (c["charge_date"], c["booking_id"]))
    for number, row in enumerate(rows, start=1):
        row["charge_id"] = number
    return rows


def _reviews(rng: random.Random, bookings: list[dict], guests: list[dict]) -> list[dict]:
    """Some guests review their stay a few days after leaving: near the hotel's usual score, lower at Chicago
    once construction starts next door."""
    tier_of = {g["guest_id"]: g["loyalty_tier"] for g in guests}
    rows = []
    for b in bookings:
        if b["status"] != "Checked out" or rng.random() >= _REVIEW_CHANCE[b["channel"]]:
            continue
        written = b["check_out_date"] + timedelta(days=int(rng.expovariate(1 / 4)))
        h = _HOTELS[b["property_id"] - 1]
        mean = h.review + (0.3 if tier_of[b["guest_id"]] == "Platinum" else 0.0)
        mean -= 0.25 if b["channel"] == "OTA" else 0.0
        if h.name.startswith("Lakeshore") and b["check_out_date"] >= _CHICAGO_TROUBLE:
            mean -= 1.5
        score = max(1, min(10, round(rng.gauss(mean, 1.2))))
        if b["channel"] == "OTA":
            site = rng.choice(("Booking.com", "Expedia"))
        else:
            site = rng.choices(_REVIEW_SITES, _REVIEW_SITE_WEIGHTS)[0]
        if written > END:
            continue
        rows.append(
            {
                "booking_id": b["booking_id"],
                "property_id": b["property_id"],
                "review_date": written,
                "review_site": site,
                "score": score,
            }
        )
    rows.sort(key=lambda r: (r["review_date"], r["booking_id"]))
    for number, row in enumerate(rows, start=1):
        row["review_id"] = number
    return rows


def hotels_rows() -> dict[str, list[dict]]:
    """Every table's rows, by table name, generated from the fixed seed."""
    rng = random.Random(SEED)
    properties, room_types = _properties()
    bookings = _stays(rng, room_types)
    guests = _guests(rng, bookings)
    return {
        "properties": properties,
        "room_types": room_types,
        "guests": guests,
        "bookings": bookings,
        "folio_charges": _charges(rng, bookings),
        "reviews": _reviews(rng, bookings, guests),
    }


def database_path(out_dir: Path) -> Path:
    return sqlite_file.database_path(out_dir, DB_ID)


def build(out_dir: Path) -> Path:
    """Write the warehouse under `out_dir` in the eval-set layout, replacing an older build; return its path."""
    return sqlite_file.write(database_path(out_dir), _TABLES, hotels_rows())


def main(argv: list[str] | None = None) -> int:
    return sqlite_file.main(argv, "bench.warehouses.hotels", build, HELD_OUT_QUESTIONS)


if __name__ == "__main__":
    sys.exit(main())
