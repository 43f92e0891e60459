"""A restaurant group's warehouse: Ember Kitchen, twelve casual-dining restaurants in seven cities of the US
Northeast and Midwest, selling at the table, for takeaway and for delivery (restaurants, menu items, loyalty
members, orders and their lines, hourly staff and their shifts, and customer reviews).

    python -m bench.warehouses.restaurants OUT_DIR [--with-questions]

writes OUT_DIR/database/restaurants/restaurants.sqlite, the layout of the project's eval sets (see
bench/dataset.py); `--with-questions` also copies the held-out questions (bench/heldout/restaurants/questions.json)
beside it, so that `python -m bench --dataset OUT_DIR --out FILE.json` runs them. Those questions are the project's
fair measure: do not read them (nor their wrong answers) while designing what they measure.

Everything comes from a fixed seed over fixed dates (2024-01-01 .. 2025-12-31), with only the standard library, so
every build holds the same rows. The group moved to its current point-of-sale system and launched its loyalty
programme, with its own ordering app, on 2024-01-01 (the data starts then), and the business has a shape worth
asking about: dining in is strongest in the summer, when the patios are open, and in December, while delivery is
strongest in the cold months; Fridays and Saturdays are the busy days; the restaurants grow at different speeds
and not all of them grow; a new restaurant opens in 2025 and takes months to fill; menu prices rise in early 2025
while the recipes, and so the ingredient cost of a dish, stay as they were; a second third-party delivery
platform is added in the autumn of 2024, and ordering through the group's own app grows with the loyalty
programme; third-party delivery orders are cancelled more often than the app's; a few dishes join the menu and a
few leave it; staff come and go, and hourly pay rises at the start of 2025; and one restaurant goes through a bad
stretch in 2025, when its kitchen is in trouble (slow deliveries, cancelled orders, poor reviews, fewer guests).
The restaurants close on Thanksgiving and on Christmas Day.

SQLite has no COMMENT ON: every table and column is documented by a `--` comment inside its CREATE TABLE, which
SQLite keeps in sqlite_master.sql; `COMMENTS` holds the same text for readers that want it as data.
"""

from __future__ import annotations

import math
import random
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from bench.warehouses import sqlite_file
from bench.warehouses.sqlite_file import Col, Table, comments

DB_ID = "restaurants"
HELD_OUT_QUESTIONS = Path(__file__).resolve().parent.parent / "heldout" / DB_ID / "questions.json"
SEED = 20240107
START = date(2024, 1, 1)
END = date(2025, 12, 31)  # the data's "today": nothing later is known

_TABLES: tuple[Table, ...] = (
    Table(
        "restaurants",
        "Restaurants of the group, one row per restaurant, including any opened during the period.",
        (
            Col("restaurant_id", "INTEGER PRIMARY KEY", "Unique restaurant identifier."),
            Col(
                "restaurant_name",
                "TEXT NOT NULL",
                "Restaurant name, unique: the group's name and the neighbourhood, e.g. 'Ember Back Bay'.",
            ),
            Col("city", "TEXT NOT NULL", "City the restaurant is in, e.g. 'Boston' or 'New York'."),
            Col(
                "region",
                "TEXT NOT NULL",
                "Region of the group the restaurant belongs to: 'New England', 'Mid-Atlantic' or 'Midwest'.",
            ),
            Col(
                "opened_date",
                "TEXT NOT NULL",
                "Date the restaurant opened to guests (YYYY-MM-DD); it has no order, shift or review before it.",
            ),
            Col("seats", "INTEGER NOT NULL", "Number of seats in the dining room (patio excluded)."),
        ),
    ),
    Table(
        "menu_items",
        "Dishes and drinks on the menu, one row per item. Every restaurant sells the same menu at the same prices.",
        (
            Col("item_id", "INTEGER PRIMARY KEY", "Unique menu item identifier."),
            Col("item_name", "TEXT NOT NULL", "Name of the dish or drink as on the menu, unique, e.g. 'Margherita'."),
            Col(
                "category",
                "TEXT NOT NULL",
                "Menu category: 'Starters', 'Salads', 'Pizza', 'Mains', 'Sides', 'Desserts' or 'Drinks'.",
            ),
            Col(
                "price",
                "REAL NOT NULL",
                "Current list price of one portion in USD: the price since the menu price change of 2025-03-01, "
                "or the last price of an item taken off the menu. What an order was charged is "
                "order_lines.unit_price.",
            ),
            Col(
                "food_cost",
                "REAL NOT NULL",
                "Cost of the ingredients of one portion in USD, from the item's recipe; unchanged over 2024 and 2025.",
            ),
            Col(
                "introduced_date",
                "TEXT NOT NULL",
                "Date the item was first sold (YYYY-MM-DD); 2024-01-01 for items already on the menu then.",
            ),
            Col(
                "retired_date",
                "TEXT",
                "Last date the item was sold (YYYY-MM-DD) when it has been taken off the menu; NULL while it is "
                "still on the menu.",
            ),
        ),
    ),
    Table(
        "members",
        "Members of the loyalty programme, one row per member; the programme and our ordering app launched on "
        "2024-01-01. A member is known on an order placed through our own app (which needs a membership) or when "
        "the guest gives their membership at the restaurant or on the phone.",
        (
            Col("member_id", "INTEGER PRIMARY KEY", "Unique member identifier."),
            Col("joined_date", "TEXT NOT NULL", "Date the member signed up to the loyalty programme (YYYY-MM-DD)."),
            Col(
                "home_restaurant_id",
                "INTEGER NOT NULL",
                "Restaurant the member signed up at or chose as theirs in the app (restaurants.restaurant_id); "
                "members order from that restaurant.",
            ),
            Col(
                "signup_channel",
                "TEXT NOT NULL",
                "Where the member signed up: 'App' (our ordering app or website) or 'In restaurant'.",
            ),
            Col(
                "email_opt_in",
                "INTEGER NOT NULL",
                "1 if the member agreed to receive marketing emails, else 0.",
            ),
        ),
        ("FOREIGN KEY (home_restaurant_id) REFERENCES restaurants (restaurant_id)",),
    ),
    Table(
        "orders",
        "Customer orders, one row per order whatever became of it: a table's bill when dining in, or one takeaway "
        "or delivery order. Sales are the total_amount of orders with status 'Completed'.",
        (
            Col("order_id", "INTEGER PRIMARY KEY", "Unique order number."),
            Col("restaurant_id", "INTEGER NOT NULL", "Restaurant that took the order (restaurants.restaurant_id)."),
            Col(
                "member_id",
                "INTEGER",
                "Loyalty member who placed the order (members.member_id): set on every order through our own "
                "app and when a guest gave their membership; NULL otherwise, and always for Uber Eats and DoorDash "
                "orders.",
            ),
            Col("order_date", "TEXT NOT NULL", "Date the order was placed (YYYY-MM-DD)."),
            Col("order_time", "TEXT NOT NULL", "Local time the order was placed, 24-hour 'HH:MM'."),
            Col(
                "channel",
                "TEXT NOT NULL",
                "How the food reached the customer: 'Dine-in' (eaten at the restaurant), 'Takeaway' (collected by "
                "the customer) or 'Delivery' (delivered to the customer's address).",
            ),
            Col(
                "ordered_via",
                "TEXT NOT NULL",
                "How the order was placed: 'In person' (at the table or the counter), 'Phone', 'Own app' (our "
                "ordering app and website), 'Uber Eats' or 'DoorDash' (third-party delivery platforms; DoorDash "
                "since 2024-10-01). Dine-in orders are 'In person'; takeaway orders are 'In person', 'Phone' or "
                "'Own app'; delivery orders are 'Own app', 'Uber Eats' or 'DoorDash'.",
            ),
            Col(
                "covers",
                "INTEGER",
                "Number of guests seated (covers) for a dine-in order; NULL for takeaway and delivery orders.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "'Completed' (served or delivered, and paid) or 'Cancelled' (cancelled before it was served or "
                "delivered; nothing was charged).",
            ),
            Col(
                "items_amount",
                "REAL NOT NULL",
                "Value of the order's items in USD at the prices charged, the sum of its order_lines.line_amount; "
                "before discounts, excluding tax and tips.",
            ),
            Col(
                "discount_amount",
                "REAL NOT NULL",
                "Loyalty reward redeemed on the order in USD (5 or 10), only on members' orders; 0 when none.",
            ),
            Col(
                "total_amount",
                "REAL NOT NULL",
                "Amount the customer paid in USD: items_amount less discount_amount, excluding tax and tips. For a "
                "cancelled order it is the amount that would have been paid; nothing was charged.",
            ),
            Col(
                "platform_commission",
                "REAL NOT NULL",
                "Commission the delivery platform kept in USD, a share of total_amount, on completed 'Uber Eats' "
                "and 'DoorDash' orders; 0 on every other order.",
            ),
            Col(
                "delivery_minutes",
                "INTEGER",
                "Minutes from the order being placed to its delivery at the customer's door, for completed "
                "delivery orders; NULL for every other order.",
            ),
        ),
        (
            "FOREIGN KEY (restaurant_id) REFERENCES restaurants (restaurant_id)",
            "FOREIGN KEY (member_id) REFERENCES members (member_id)",
        ),
    ),
    Table(
        "order_lines",
        "Lines of the orders, one row per menu item per order: an item ordered several times on one order is one "
        "line with its quantity. Cancelled orders keep their lines.",
        (
            Col("line_id", "INTEGER PRIMARY KEY", "Unique order line identifier."),
            Col("order_id", "INTEGER NOT NULL", "Order the line belongs to (orders.order_id)."),
            Col("item_id", "INTEGER NOT NULL", "Menu item ordered (menu_items.item_id)."),
            Col("quantity", "INTEGER NOT NULL", "Number of portions of the item ordered."),
            Col(
                "unit_price",
                "REAL NOT NULL",
                "Price charged for one portion in USD: the item's list price on the order date.",
            ),
            Col("line_amount", "REAL NOT NULL", "quantity times unit_price in USD, before any discount on the order."),
        ),
        (
            "FOREIGN KEY (order_id) REFERENCES orders (order_id)",
            "FOREIGN KEY (item_id) REFERENCES menu_items (item_id)",
        ),
    ),
    Table(
        "staff",
        "Hourly staff of the restaurants, one row per person employed at any time in 2024 or 2025 (managers are "
        "salaried and not included).",
        (
            Col("staff_id", "INTEGER PRIMARY KEY", "Unique staff member identifier."),
            Col(
                "restaurant_id",
                "INTEGER NOT NULL",
                "Restaurant the person works at (restaurants.restaurant_id); staff work at no other.",
            ),
            Col("role", "TEXT NOT NULL", "Job: 'Cook', 'Server', 'Bartender' or 'Dishwasher'."),
            Col(
                "hourly_wage",
                "REAL NOT NULL",
                "Hourly pay rate in USD as of 2025-12-31, or on the last day of employment for staff who left. "
                "Every rate rose by 4% on 2025-01-01.",
            ),
            Col("hired_date", "TEXT NOT NULL", "Date the person started working for us (YYYY-MM-DD)."),
            Col(
                "left_date",
                "TEXT",
                "Last day of employment (YYYY-MM-DD) for staff who left; NULL while still employed.",
            ),
        ),
        ("FOREIGN KEY (restaurant_id) REFERENCES restaurants (restaurant_id)",),
    ),
    Table(
        "shifts",
        "Shifts worked by hourly staff, one row per person per shift. Labour cost is the wage_cost of shifts.",
        (
            Col("shift_id", "INTEGER PRIMARY KEY", "Unique shift identifier."),
            Col("staff_id", "INTEGER NOT NULL", "Staff member who worked the shift (staff.staff_id)."),
            Col(
                "restaurant_id",
                "INTEGER NOT NULL",
                "Restaurant where the shift was worked (restaurants.restaurant_id), the staff member's restaurant.",
            ),
            Col("shift_date", "TEXT NOT NULL", "Date of the shift (YYYY-MM-DD)."),
            Col("start_time", "TEXT NOT NULL", "Local time the shift started, 24-hour 'HH:MM'."),
            Col("hours", "REAL NOT NULL", "Hours worked on the shift, in quarter hours."),
            Col(
                "hourly_rate",
                "REAL NOT NULL",
                "Hourly pay rate in USD for the shift: the staff member's rate on the shift date.",
            ),
            Col(
                "wage_cost",
                "REAL NOT NULL",
                "Pay for the shift in USD: hours times hourly_rate, rounded to the cent.",
            ),
        ),
        (
            "FOREIGN KEY (staff_id) REFERENCES staff (staff_id)",
            "FOREIGN KEY (restaurant_id) REFERENCES restaurants (restaurant_id)",
        ),
    ),
    Table(
        "reviews",
        "Customer reviews and ratings of the restaurants, one row per review: reviews on Google and Yelp after a "
        "visit, and ratings of takeaway and delivery orders in our app and on the delivery platforms.",
        (
            Col("review_id", "INTEGER PRIMARY KEY", "Unique review identifier."),
            Col("restaurant_id", "INTEGER NOT NULL", "Restaurant reviewed (restaurants.restaurant_id)."),
            Col(
                "order_id",
                "INTEGER",
                "Order rated (orders.order_id), a completed order of the same restaurant, for reviews from 'Own "
                "app', 'Uber Eats' and 'DoorDash'; NULL for 'Google' and 'Yelp' reviews, which are not linked to an "
                "order.",
            ),
            Col("review_date", "TEXT NOT NULL", "Date the review was written (YYYY-MM-DD)."),
            Col(
                "source",
                "TEXT NOT NULL",
                "Where the review was written: 'Google', 'Yelp', 'Own app', 'Uber Eats' or 'DoorDash'.",
            ),
            Col("rating", "INTEGER NOT NULL", "Star rating the customer gave, from 1 (worst) to 5 (best)."),
        ),
        (
            "FOREIGN KEY (restaurant_id) REFERENCES restaurants (restaurant_id)",
            "FOREIGN KEY (order_id) REFERENCES orders (order_id)",
        ),
    ),
)

COMMENTS = comments(_TABLES)


# --------------------------------------------------------------------------------------------
# Reference data.


@dataclass(frozen=True)
class _Place:
    name: str
    city: str
    region: str
    opened: date
    seats: int
    scale: float  # orders a day relative to the group's typical restaurant
    growth: float  # trade in 2025 relative to 2024
    rating: float  # mean star rating of a visit
    takeaway: float  # weight of takeaway relative to the group's mix


_PLACES = (
    _Place("Ember Back Bay", "Boston", "New England", date(2016, 5, 12), 96, 1.15, 1.04, 4.5, 1.0),
    _Place("Ember Seaport", "Boston", "New England", date(2019, 3, 28), 120, 1.3, 1.13, 4.3, 1.0),
    _Place("Ember Harvard Square", "Cambridge", "New England", date(2017, 9, 5), 74, 0.95, 1.02, 4.6, 1.3),
    _Place("Ember Federal Hill", "Providence", "New England", date(2020, 6, 18), 68, 0.8, 0.93, 4.3, 0.9),
    _Place("Ember West Village", "New York", "Mid-Atlantic", date(2014, 10, 2), 82, 1.2, 1.05, 4.5, 1.0),
    _Place("Ember Williamsburg", "New York", "Mid-Atlantic", date(2021, 4, 22), 90, 1.05, 1.16, 4.4, 1.0),
    _Place("Ember Midtown", "New York", "Mid-Atlantic", date(2018, 1, 15), 140, 1.35, 0.86, 4.1, 1.8),
    _Place("Ember Rittenhouse", "Philadelphia", "Mid-Atlantic", date(2019, 11, 7), 104, 1.0, 1.03, 4.4, 1.0),
    _Place("Ember Fishtown", "Philadelphia", "Mid-Atlantic", date(2022, 8, 25), 78, 0.9, 1.07, 4.5, 0.9),
    _Place("Ember West Loop", "Chicago", "Midwest", date(2018, 6, 14), 116, 1.2, 1.08, 4.4, 1.0),
    _Place("Ember Wicker Park", "Chicago", "Midwest", date(2021, 9, 30), 72, 0.85, 1.01, 4.3, 0.9),
    _Place("Ember Third Ward", "Milwaukee", "Midwest", date(2025, 5, 8), 88, 0.9, 1.0, 4.2, 1.0),
)
_BAD_STRETCH = (9, date(2025, 7, 28), date(2025, 9, 5))  # restaurant_id, first and last day the kitchen struggles
_CLOSED = (date(2024, 11, 28), date(2024, 12, 25), date(2025, 11, 27), date(2025, 12, 25))
_PRICE_CHANGE = date(2025, 3, 1)
_DOORDASH = date(2024, 10, 1)
_PAY_RISE = date(2025, 1, 1)
_NEW_DISHES = date(2024, 9, 16)

_CATEGORIES = ("Starters", "Salads", "Pizza", "Mains", "Sides", "Desserts", "Drinks")
_PRICE_RISE = {"Starters": 1.05, "Salads": 1.05, "Pizza": 1.08, "Mains": 1.08, "Sides": 1.05, "Desserts": 1.05}


@dataclass(frozen=True)
class _Item:
    name: str
    category: str
    price: float  # list price in 2024
    food_cost: float
    popularity: float
    introduced: date = START
    retired: date | None = None


_MENU = (
    _Item("Garlic Knots", "Starters", 7.5, 1.6, 1.4),
    _Item("Burrata", "Starters", 14.0, 4.9, 1.0),
    _Item("Crispy Calamari", "Starters", 13.5, 4.1, 1.1),
    _Item("Tomato Soup", "Starters", 8.0, 1.9, 0.6),
    _Item("Chicken Wings", "Starters", 12.5, 4.0, 1.3),
    _Item("Meatballs", "Starters", 12.0, 3.7, 0.9, retired=_NEW_DISHES - timedelta(days=1)),
    _Item("Whipped Feta Dip", "Starters", 11.0, 3.1, 1.0, introduced=_NEW_DISHES),
    _Item("Caesar Salad", "Salads", 12.0, 3.0, 1.5),
    _Item("Harvest Salad", "Salads", 13.5, 3.8, 1.0),
    _Item("Greek Salad", "Salads", 12.5, 3.4, 0.8),
    _Item("Margherita", "Pizza", 16.0, 3.6, 1.6),
    _Item("Pepperoni", "Pizza", 18.0, 4.6, 1.5),
    _Item("Mushroom Truffle Pizza", "Pizza", 21.0, 6.3, 0.8),
    _Item("Spicy Sausage Pizza", "Pizza", 19.0, 5.2, 0.9),
    _Item("Vegan Garden Pizza", "Pizza", 18.5, 5.1, 0.6, introduced=_NEW_DISHES),
    _Item("Steak Frites", "Mains", 32.0, 12.5, 1.2),
    _Item("Roast Chicken", "Mains", 24.0, 7.4, 1.3),
    _Item("Grilled Salmon", "Mains", 29.0, 10.4, 1.0),
    _Item("Short Rib Pasta", "Mains", 26.0, 8.3, 1.1),
    _Item("Mushroom Risotto", "Mains", 22.0, 5.9, 0.7),
    _Item("Classic Burger", "Mains", 19.0, 6.1, 1.7),
    _Item("Fish and Chips", "Mains", 21.0, 6.6, 0.8, retired=date(2025, 6, 30)),
    _Item("Plant Burger", "Mains", 19.5, 6.6, 0.6, introduced=_NEW_DISHES),
    _Item("Fries", "Sides", 6.0, 1.1, 1.8),
    _Item("Truffle Fries", "Sides", 8.5, 2.1, 1.0),
    _Item("Seasonal Greens", "Sides", 7.0, 1.9, 0.6),
    _Item("Tiramisu", "Desserts", 9.5, 2.4, 1.3),
    _Item("Chocolate Cake", "Desserts", 9.0, 2.2, 1.1),
    _Item("Gelato", "Desserts", 7.0, 1.7, 0.8),
    _Item("Cheesecake", "Desserts", 9.5, 2.5, 0.7),
    _Item("Soft Drink", "Drinks", 3.5, 0.45, 1.4),
    _Item("Lemonade", "Drinks", 4.5, 0.7, 0.9),
    _Item("House Wine", "Drinks", 11.0, 2.6, 1.2),
    _Item("Craft Beer", "Drinks", 8.0, 1.9, 1.3),
    _Item("Espresso", "Drinks", 3.5, 0.4, 0.6),
    _Item("Cocktail", "Drinks", 14.0, 3.1, 0.8),
)

_BASE_ORDERS = 9.0  # orders a day at a typical restaurant on an average day of 2024
_MIX = {"Dine-in": 0.55, "Takeaway": 0.15, "Delivery": 0.3}
_SEASON = {  # by month, Jan..Dec
    "Dine-in": (0.78, 0.8, 0.9, 0.97, 1.06, 1.13, 1.16, 1.13, 1.03, 0.99, 0.93, 1.12),
    "Takeaway": (1.05, 1.03, 1.0, 0.98, 1.0, 0.97, 0.95, 0.97, 1.0, 1.0, 1.02, 1.03),
    "Delivery": (1.28, 1.22, 1.08, 0.97, 0.9, 0.84, 0.8, 0.84, 0.93, 1.01, 1.08, 1.12),
}
_WEEK = {  # by weekday, Mon..Sun
    "Dine-in": (0.74, 0.8, 0.88, 0.98, 1.3, 1.42, 1.05),
    "Takeaway": (1.02, 1.0, 1.0, 1.02, 1.08, 0.92, 0.9),
    "Delivery": (0.98, 0.9, 0.92, 0.98, 1.18, 1.12, 1.22),
}
_CANCEL = {"In person": 0.004, "Phone": 0.03, "Own app": 0.022, "Uber Eats": 0.045, "DoorDash": 0.06}
_COMMISSION = {"Uber Eats": 0.3, "DoorDash": 0.25}
_DELIVERY_MINUTES = {"Own app": 36.0, "Uber Eats": 33.0, "DoorDash": 35.0}

_ROLES = ("Cook", "Server", "Bartender", "Dishwasher")
_ROSTER = {"Cook": 3, "Server": 4, "Bartender": 2, "Dishwasher": 2}  # people per role at a restaurant
_PAY = {"Cook": (20.5, 1.6), "Server": (11.5, 0.9), "Bartender": (13.0, 1.0), "Dishwasher": (16.5, 0.7)}
_CITY_PAY = {"New York": 1.12, "Boston": 1.06, "Cambridge": 1.06, "Chicago": 1.03}
_LEAVING = {"Cook": 0.0012, "Server": 0.0019, "Bartender": 0.0012, "Dishwasher": 0.0025}  # chance a day

_ACTIVITY = (1.0, 3.0, 9.0)  # how often members of each activity level order, relative to each other
_ACTIVITY_SHARE = (0.5, 0.35, 0.15)


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


def _list_price(item: _Item, day: date) -> float:
    """The item's price on `day`: its 2024 price, raised on 2025-03-01 and rounded up to half a dollar."""
    rise = _PRICE_RISE.get(item.category, 1.0)
    if day < _PRICE_CHANGE or rise == 1.0:
        return item.price
    return math.ceil(item.price * rise * 2 - 1e-9) / 2


def _sold_on(item: _Item, day: date) -> bool:
    return item.introduced <= day and (item.retired is None or day <= item.retired)


def _bad(restaurant_id: int, day: date) -> bool:
    return restaurant_id == _BAD_STRETCH[0] and _BAD_STRETCH[1] <= day <= _BAD_STRETCH[2]


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _cents(amount: float) -> float:
    """`amount` to the cent, halves up (hours in quarters times a rate in cents has at most four decimals)."""
    return float(Decimal(repr(amount)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _rate(base: float, day: date) -> float:
    """A staff member's hourly rate on `day` from their 2024 rate: 4% more from 2025-01-01."""
    return base if day < _PAY_RISE else round(base * 1.04, 2)


# --------------------------------------------------------------------------------------------
# Generation.


def _restaurants() -> list[dict]:
    return [
        {
            "restaurant_id": i,
            "restaurant_name": p.name,
            "city": p.city,
            "region": p.region,
            "opened_date": p.opened,
            "seats": p.seats,
        }
        for i, p in enumerate(_PLACES, start=1)
    ]


def _menu_items() -> list[dict]:
    return [
        {
            "item_id": i,
            "item_name": m.name,
            "category": m.category,
            "price": _list_price(m, min(END, m.retired or END)),
            "food_cost": m.food_cost,
            "introduced_date": m.introduced,
            "retired_date": m.retired,
        }
        for i, m in enumerate(_MENU, start=1)
    ]


class _Staffing:
    """Each restaurant's hourly staff: a roster per role, people leaving now and then and replaced a few days
    or weeks later, and the day's shifts handed out among the people employed that day."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.rows: list[dict] = []
        self.base: dict[int, float] = {}  # staff_id: hourly rate in 2024 terms
        self.people: dict[int, list[dict]] = {}  # restaurant_id: its staff rows
        self.shifts: list[dict] = []
        for rid, p in enumerate(_PLACES, start=1):
            for role in _ROLES:
                for _ in range(_ROSTER[role]):
                    if p.opened >= START:
                        hired = p.opened - timedelta(days=rng.randint(10, 24))
                    else:
                        first = max(p.opened, date(2019, 1, 1))
                        hired = first + timedelta(days=rng.randrange((date(2023, 12, 20) - first).days))
                    self._hire(rid, role, hired)

    def _hire(self, rid: int, role: str, hired: date) -> None:
        mean, spread = _PAY[role]
        base = round(mean * _CITY_PAY.get(_PLACES[rid - 1].city, 1.0) + self.rng.gauss(0, spread), 2)
        row = {
            "staff_id": len(self.rows) + 1,
            "restaurant_id": rid,
            "role": role,
            "hourly_wage": 0.0,
            "hired_date": hired,
            "left_date": None,
        }
        self.rows.append(row)
        self.people.setdefault(rid, []).append(row)
        self.base[row["staff_id"]] = base

    def day(self, rid: int, day: date, expected: float, weekday: int) -> None:
        """Turnover, then the day's shifts: a cook and a server every day and a second one on a day that
        expects many orders, a bartender on Friday and Saturday evenings, a dishwasher on the busiest days."""
        rng = self.rng
        working = [
            s for s in self.people[rid] if s["hired_date"] <= day and (s["left_date"] is None or s["left_date"] >= day)
        ]
        for s in working:
            if s["left_date"] is None and rng.random() < _LEAVING[s["role"]]:
                s["left_date"] = day
                hired = day + timedelta(days=rng.randint(1, 21))
                if hired <= END:
                    self._hire(rid, s["role"], hired)
        if day < _PLACES[rid - 1].opened or day in _CLOSED:
            return
        plan = (
            ("Cook", ("10:00", 6.0, 8.0), ("16:00", 4.0, 5.0), expected > 13.5),
            ("Server", ("11:00", 5.0, 7.0), ("17:00", 4.0, 5.5), expected > 12.5),
            ("Bartender", ("16:30", 4.5, 6.0), None, weekday in (4, 5)),
            ("Dishwasher", ("17:00", 4.0, 5.0), None, expected > 15.0),
        )
        for role, first, second, extra in plan:
            people = [s for s in working if s["role"] == role]
            wanted = [first] if role in ("Cook", "Server") else []
            if extra:
                wanted.append(second or first)
            for (start, low, high), person in zip(
                wanted, rng.sample(people, min(len(wanted), len(people))), strict=False
            ):
                hours = rng.randint(int(low * 4), int(high * 4)) / 4
                rate = _rate(self.base[person["staff_id"]], day)
                self.shifts.append(
                    {
                        "staff_id": person["staff_id"],
                        "restaurant_id": rid,
                        "shift_date": day,
                        "start_time": start,
                        "hours": hours,
                        "hourly_rate": rate,
                        "wage_cost": _cents(hours * rate),
                    }
                )

    def finish(self) -> tuple[list[dict], list[dict]]:
        for s in self.rows:
            s["hourly_wage"] = _rate(self.base[s["staff_id"]], s["left_date"] or END)
        for number, shift in enumerate(self.shifts, start=1):
            shift["shift_id"] = number
        return self.rows, self.shifts


class _Members:
    """The loyalty programme: sign-ups day by day at each restaurant (a rush at launch and at an opening), a
    quarter who never order; a member's first order comes some days after joining, and members differ in how
    often they come back."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.rows: list[dict] = []
        self.fresh: dict[int, list[int]] = {rid: [] for rid in range(1, len(_PLACES) + 1)}
        self.active: dict[int, tuple[list[int], ...]] = {rid: ([], [], []) for rid in range(1, len(_PLACES) + 1)}

    def _join(self, rid: int, day: date, channel: str) -> int:
        member_id = len(self.rows) + 1
        self.rows.append(
            {
                "member_id": member_id,
                "joined_date": day,
                "home_restaurant_id": rid,
                "signup_channel": channel,
                "email_opt_in": int(self.rng.random() < 0.56),
            }
        )
        return member_id

    def day(self, rid: int, day: date) -> None:
        p = _PLACES[rid - 1]
        if day < p.opened or day in _CLOSED:
            return
        t = (day - START).days / 365
        mean = 0.33 * p.scale * (1 + 0.15 * t)
        if (day - START).days < 31 or 0 <= (day - p.opened).days < 31:
            mean *= 3.0
        for _ in range(_poisson(self.rng, mean)):
            member_id = self._join(rid, day, "App" if self.rng.random() < 0.6 else "In restaurant")
            if self.rng.random() >= 0.25:
                self.fresh[rid].append(member_id)

    def pick(self, rid: int, day: date, needed: bool) -> int | None:
        """The member behind a member's order: often a new member's first order, else a returning member,
        more likely one who comes often; a new member joins on the spot when the order needs one."""
        rng = self.rng
        fresh, active = self.fresh[rid], self.active[rid]
        if fresh and rng.random() < min(0.5, 0.04 * len(fresh)):
            k = rng.randrange(len(fresh))
            fresh[k], fresh[-1] = fresh[-1], fresh[k]
            member_id = fresh.pop()
            active[rng.choices(range(3), _ACTIVITY_SHARE)[0]].append(member_id)
            return member_id
        weights = [w * len(pool) for w, pool in zip(_ACTIVITY, active, strict=True)]
        if sum(weights) > 0:
            return rng.choice(active[rng.choices(range(3), weights)[0]])
        if not needed:
            return None
        member_id = self._join(rid, day, "App")
        active[0].append(member_id)
        return member_id


def _basket(rng: random.Random, menu: dict[str, list[int]], channel: str, people: int) -> Counter:
    """What a party orders: a main course (a main, a pizza or a salad) each, shared starters and sides,
    desserts, and drinks (at the table most of all)."""

    def one(category: str) -> int:
        items = menu[category]
        return rng.choices(items, [_MENU[i].popularity for i in items])[0]

    basket: Counter = Counter()
    table = channel == "Dine-in"
    for _ in range(people):
        basket[one(rng.choices(("Mains", "Pizza", "Salads"), (0.45, 0.37, 0.18))[0])] += 1
    if rng.random() < (0.5 if table else 0.2):
        basket[one("Starters")] += 1 + (people >= 4)
    if rng.random() < (0.25 if table else 0.3):
        basket[one("Sides")] += 1
    if rng.random() < (0.4 if table else 0.12):
        basket[one("Desserts")] += 1 + (people >= 3 and rng.random() < 0.4)
    if table:
        drinks = people + _poisson(rng, 0.6 * people)
        kinds = 1 if people <= 3 else 2
        for n in range(kinds):
            basket[one("Drinks")] += drinks // kinds + (n < drinks % kinds)
    elif rng.random() < 0.35:
        basket[one("Drinks")] += 1 + _poisson(rng, 0.3 * people)
    return basket


def _orders(rng: random.Random, members: _Members, staffing: _Staffing) -> tuple[list[dict], list[dict], list[dict]]:
    """Each restaurant's orders day by day (after the day's sign-ups and shifts): how many of each channel,
    how each was placed, by whom, what it held and what became of it; and the reviews some of them earn."""
    orders: list[dict] = []
    for n in range((END - START).days + 1):
        day = START + timedelta(days=n)
        t = n / 365
        menu: dict[str, list[int]] = {c: [] for c in _CATEGORIES}
        for i, m in enumerate(_MENU):
            if _sold_on(m, day):
                menu[m.category].append(i)
        prices = [_list_price(m, day) for m in _MENU]
        own = 0.14 + 0.12 * t
        doordash = 0.0 if day < _DOORDASH else 0.36 + 0.04 * t
        delivery_via = (own, (1 - own) * (1 - doordash), (1 - own) * doordash)
        takeaway_via = (0.38 - 0.06 * t, 0.34 - 0.06 * t, 0.28 + 0.12 * t)
        member_share = 0.1 + 0.06 * t
        for rid, p in enumerate(_PLACES, start=1):
            members.day(rid, day)
            ramp = min(1.0, 0.55 + (day - p.opened).days / 240) if p.opened >= START else 1.0
            growth = p.growth**t
            means = {}
            for channel, share in _MIX.items():
                mean = _BASE_ORDERS * p.scale * share * _SEASON[channel][day.month - 1]
                mean *= _WEEK[channel][day.weekday()] * growth * ramp
                if channel == "Takeaway":
                    mean *= p.takeaway
                if channel == "Delivery" and day >= _DOORDASH:
                    mean *= 1.22
                means[channel] = mean
            staffing.day(rid, day, sum(means.values()), day.weekday())
            if day < p.opened or day in _CLOSED:
                continue
            bad = _bad(rid, day)
            for channel, mean in means.items():
                if bad:
                    mean *= 0.8
                for _ in range(_poisson(rng, mean)):
                    orders.append(
                        _order(rng, members, rid, day, channel, menu, prices, delivery_via, takeaway_via, member_share)
                    )
    orders.sort(key=lambda o: (o["order_date"], o["order_time"], o["restaurant_id"]))
    lines = []
    for number, o in enumerate(orders, start=1):
        o["order_id"] = number
        prices = o.pop("unit_prices")
        for item, quantity in sorted(o.pop("basket").items()):
            lines.append(
                {
                    "line_id": len(lines) + 1,
                    "order_id": number,
                    "item_id": item + 1,
                    "quantity": quantity,
                    "unit_price": prices[item],
                    "line_amount": quantity * prices[item],
                }
            )
    return orders, lines, _reviews(rng, orders)


def _order(
    rng: random.Random,
    members: _Members,
    rid: int,
    day: date,
    channel: str,
    menu: dict[str, list[int]],
    prices: list[float],
    delivery_via: tuple[float, float, float],
    takeaway_via: tuple[float, float, float],
    member_share: float,
) -> dict:
    bad = _bad(rid, day)
    if channel == "Dine-in":
        via = "In person"
        people = min(8, 1 + _poisson(rng, 1.5))
        minute = rng.randint(690, 870) if rng.random() < 0.35 else rng.randint(1020, 1305)
    elif channel == "Takeaway":
        via = rng.choices(("In person", "Phone", "Own app"), takeaway_via)[0]
        people = min(5, 1 + _poisson(rng, 0.6))
        minute = rng.randint(660, 870) if rng.random() < 0.5 else rng.randint(1020, 1290)
    else:
        via = rng.choices(("Own app", "Uber Eats", "DoorDash"), delivery_via)[0]
        people = min(5, 1 + _poisson(rng, 0.7))
        minute = rng.randint(660, 870) if rng.random() < 0.3 else rng.randint(1020, 1320)
    member_id = None
    if via == "Own app" or (via in ("In person", "Phone") and rng.random() < member_share):
        member_id = members.pick(rid, day, needed=via == "Own app")
    basket = _basket(rng, menu, channel, people)
    items_amount = sum(prices[i] * q for i, q in basket.items())
    discount = 0.0
    if member_id is not None and rng.random() < 0.1:
        discount = 10.0 if items_amount >= 40 else 5.0
    total = items_amount - discount
    cancel = _CANCEL[via] * (0.3 if channel == "Dine-in" else 1.0)
    if bad and channel != "Dine-in":
        cancel *= 3.5
    cancelled = rng.random() < cancel
    minutes = None
    if channel == "Delivery" and not cancelled:
        mean = _DELIVERY_MINUTES[via] + (5 if day.weekday() >= 4 and minute >= 1080 else 0) + (18 if bad else 0)
        minutes = max(14, round(rng.gauss(mean, 7)))
    return {
        "restaurant_id": rid,
        "member_id": member_id,
        "order_date": day,
        "order_time": _clock(minute),
        "channel": channel,
        "ordered_via": via,
        "covers": people if channel == "Dine-in" else None,
        "status": "Cancelled" if cancelled else "Completed",
        "items_amount": items_amount,
        "discount_amount": discount,
        "total_amount": total,
        "platform_commission": round(total * _COMMISSION[via], 2) if via in _COMMISSION and not cancelled else 0.0,
        "delivery_minutes": minutes,
        "basket": basket,
        "unit_prices": {i: prices[i] for i in basket},
    }


def _reviews(rng: random.Random, orders: list[dict]) -> list[dict]:
    """Some guests review their visit on Google or Yelp a few days later; some rate their takeaway or delivery
    order where they placed it. Ratings sit near the restaurant's usual level, lower for slow deliveries, for
    a new restaurant's first months and during a kitchen's bad stretch."""
    rows: list[dict] = []
    keys: list[tuple] = []
    for o in orders:
        if o["status"] != "Completed":
            continue
        rid, via = o["restaurant_id"], o["ordered_via"]
        if o["channel"] == "Dine-in":
            if rng.random() >= 0.06:
                continue
            source = "Google" if rng.random() < 0.62 else "Yelp"
            written = o["order_date"] + timedelta(days=int(rng.expovariate(1 / 3)))
        elif via in ("Own app", "Uber Eats", "DoorDash"):
            if rng.random() >= (0.09 if o["channel"] == "Delivery" else 0.05):
                continue
            source = via
            written = o["order_date"] + timedelta(days=rng.choice((0, 0, 0, 1, 1, 2)))
        else:
            continue
        p = _PLACES[rid - 1]
        mean = p.rating - (0.25 if o["channel"] == "Delivery" else 0.0)
        if o["delivery_minutes"] is not None:
            mean -= 0.05 * max(0, o["delivery_minutes"] - 40)
        if p.opened >= START:
            mean -= max(0.0, 0.5 - (o["order_date"] - p.opened).days / 240)
        if _bad(rid, o["order_date"]):
            mean -= 1.8
        rating = max(1, min(5, round(rng.gauss(mean, 0.8))))
        if written > END:
            continue
        rows.append(
            {
                "restaurant_id": rid,
                "order_id": o["order_id"] if source not in ("Google", "Yelp") else None,
                "review_date": written,
                "source": source,
                "rating": rating,
            }
        )
        keys.append((written, rid, o["order_id"]))
    order = sorted(range(len(rows)), key=keys.__getitem__)
    rows = [rows[k] for k in order]
    for number, row in enumerate(rows, start=1):
        row["review_id"] = number
    return rows


def restaurants_rows() -> dict[str, list[dict]]:
    """Every table's rows, by table name, generated from the fixed seed."""
    rng = random.Random(SEED)
    members = _Members(random.Random(SEED + 1))
    staffing = _Staffing(random.Random(SEED + 2))
    orders, lines, reviews = _orders(rng, members, staffing)
    staff, shifts = staffing.finish()
    return {
        "restaurants": _restaurants(),
        "menu_items": _menu_items(),
        "members": members.rows,
        "orders": orders,
        "order_lines": lines,
        "staff": staff,
        "shifts": shifts,
        "reviews": reviews,
    }


def database_path(out_dir: Path) -> Path:
    return sqlite_file.database_path(out_dir, DB_ID)


def build(out_dir: Path) -> Path:
    """Write the warehouse under `out_dir` in the eval-set layout, replacing an older build; return its path."""
    return sqlite_file.write(database_path(out_dir), _TABLES, restaurants_rows())


def main(argv: list[str] | None = None) -> int:
    return sqlite_file.main(argv, "bench.warehouses.restaurants", build, HELD_OUT_QUESTIONS)


if __name__ == "__main__":
    sys.exit(main())
