"""A regional grocery delivery service's warehouse: Freshcart, which picks online grocery orders in its own dark
stores (warehouses closed to the public) and delivers them with its own drivers in five towns (the stores and the
delivery zones each one serves, the catalogue with its categories and prices, the customers with their sign-up dates
and acquisition channels, the Freshcart Pass delivery memberships, the vouchers, the two-hour delivery slots, the
drivers, the orders with their baskets, discounts, fees and charges, one row per order line with its pick outcome,
the substitutions made for items out of stock and whether the customer kept them, the deliveries with their promised
and actual times, their outcome and rating, and the refunds).

    python -m bench.warehouses.grocery OUT_DIR [--with-questions]

writes OUT_DIR/database/grocery/grocery.sqlite, the layout of the project's eval sets (see bench/dataset.py);
`--with-questions` also copies the held-out questions (bench/heldout/grocery/questions.json) beside it, so that
`python -m bench --dataset OUT_DIR --out FILE.json` runs them. Those questions are the project's fair measure: do
not read them (nor their wrong answers) while designing what they measure.

Everything comes from a fixed seed over fixed dates (2024-01-01 .. 2025-12-31), with only the standard library, so
every build holds the same rows. The warehouse starts with the orders placed from 2024-01-01; the customers, drivers
and Pass memberships of the years before were carried over with their dates. Delivery slots are published up to
2025-12-31, the data's last day: an order is in the warehouse once placed, and every order placed has its outcome.
The stores are closed (no slots, no deliveries) on 25 and 26 December and on 1 January. All times are local.

How an order works: a customer orders from the store that serves their delivery zone, either a Scheduled delivery in
a two-hour slot booked up to six days ahead (slot start at least two hours after ordering; a basket of at least
£25), or, from 2025-06-02 at Millbrook and Ashby Vale only, an Express delivery promised within 60 minutes of
ordering (at most 15 items, no voucher, a flat £3.99 fee). The basket is priced at the shelf prices of the moment
(about 3% higher for Freshcart's own brand and 6% for other brands from 2025-01-06). The scheduled delivery fee is
£4.99 under £40, £2.99 from £40 to £74.99 and free from £75 (£5.49 and £3.49 from 2025-04-01); a Freshcart Pass
member pays nothing on a basket of £30 or more. A customer may cancel a scheduled order until three hours before
the slot. When the order is picked, an item out of stock is either replaced by a similar product of the same
category (a substitution, charged at the lower of the two prices, which the customer may refuse at the door) or
left out (missing, not charged). A delivery is on time when the driver arrives no later than its promised time
(the end of the slot, or an hour after an Express order was placed); a delivery more than 30 minutes late earns a
£5 account credit. When a delivery fails (nobody home, no access, address not found) the goods go back and the
customer is charged nothing.

The business has a shape worth asking about: orders grow from 2024 to 2025 and peak before Christmas, when baskets
are bigger too; Northfield's store opens on 2025-03-03 (customers sign up from mid-February, 'NORTHFIELD20' gives
20% off there to the end of April) and substitutes and misses far more items in its first weeks; fresh categories
run out more often than the food cupboard. A shortage of drivers before Christmas 2024 (two leave at Millbrook and
Ashby Vale in mid-November and are replaced in January) makes many deliveries late from 2024-11-25 to 2024-12-24,
and snow on 2025-01-08 .. 2025-01-10 makes deliveries late and fail. The app takes a growing share of the orders.
Pass members order more often; a failed or very late delivery, or missing items, make a customer likelier to stop
ordering.

SQLite has no COMMENT ON: every table and column is documented by a `--` comment inside its CREATE TABLE, which
SQLite keeps in sqlite_master.sql; `COMMENTS` holds the same text for readers that want it as data.
"""

from __future__ import annotations

import heapq
import random
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from bench.warehouses import sqlite_file
from bench.warehouses.sqlite_file import Col, Table, comments

DB_ID = "grocery"
HELD_OUT_QUESTIONS = Path(__file__).resolve().parent.parent / "heldout" / DB_ID / "questions.json"
SEED = 20251104
START = date(2024, 1, 1)
END = date(2025, 12, 31)  # the data's "today"
PASS_LAUNCH = date(2023, 3, 1)
PRICE_RISE = date(2025, 1, 6)
FEE_RISE = date(2025, 4, 1)
EXPRESS_LAUNCH = date(2025, 6, 2)
NORTHFIELD_OPEN = date(2025, 3, 3)
SHORTAGE = (date(2024, 11, 25), date(2024, 12, 24))
SNOW = (date(2025, 1, 8), date(2025, 1, 10))

_TABLES: tuple[Table, ...] = (
    Table(
        "stores",
        "Freshcart's dark stores (warehouses closed to the public where orders are picked and from which the drivers "
        "set out), one row per store.",
        (
            Col("store_id", "INTEGER PRIMARY KEY", "Unique store identifier."),
            Col("store_name", "TEXT NOT NULL", "Name of the store, e.g. 'Freshcart Millbrook'."),
            Col("town", "TEXT NOT NULL", "Town the store is in and mainly serves, e.g. 'Millbrook'."),
            Col("opened_date", "TEXT NOT NULL", "Date the store took its first orders (YYYY-MM-DD)."),
            Col("floor_area_sqm", "INTEGER NOT NULL", "Floor area of the store in square metres."),
            Col(
                "express_since",
                "TEXT",
                "Date the store started offering Express deliveries (YYYY-MM-DD); NULL if it does not offer them.",
            ),
        ),
    ),
    Table(
        "delivery_zones",
        "Delivery zones, one row per zone: each is a postcode district served by exactly one store.",
        (
            Col("zone_id", "INTEGER PRIMARY KEY", "Unique zone identifier."),
            Col("zone_name", "TEXT NOT NULL", "Name of the area, e.g. 'Millbrook Central'."),
            Col("store_id", "INTEGER NOT NULL", "Store that serves the zone (stores.store_id)."),
            Col("postcode_district", "TEXT NOT NULL", "Postcode district of the zone, unique, e.g. 'MB1'."),
            Col(
                "drive_minutes",
                "INTEGER NOT NULL",
                "Typical driving time in minutes from the store to an address in the zone.",
            ),
        ),
        ("FOREIGN KEY (store_id) REFERENCES stores (store_id)",),
    ),
    Table(
        "customers",
        "Customer accounts, one row per account, including accounts carried over from before 2024 and accounts that "
        "never ordered.",
        (
            Col("customer_id", "INTEGER PRIMARY KEY", "Unique customer identifier."),
            Col("first_name", "TEXT NOT NULL", "First name."),
            Col("last_name", "TEXT NOT NULL", "Last name; a full name is not unique."),
            Col("email", "TEXT NOT NULL", "Email address, unique."),
            Col(
                "zone_id",
                "INTEGER NOT NULL",
                "Delivery zone of the customer's address (delivery_zones.zone_id); its store fulfils their orders.",
            ),
            Col(
                "signup_date",
                "TEXT NOT NULL",
                "Date the account was created (YYYY-MM-DD); before 2024 if carried over.",
            ),
            Col(
                "acquisition_channel",
                "TEXT NOT NULL",
                "How the customer first came to us: 'Organic' (found us themselves), 'Paid search', 'Social media', "
                "'Referral' (invited by another customer) or 'Leaflet' (a printed leaflet through the door).",
            ),
            Col(
                "marketing_opt_in",
                "INTEGER NOT NULL",
                "1 if the customer agreed to receive marketing emails, else 0.",
            ),
        ),
        ("FOREIGN KEY (zone_id) REFERENCES delivery_zones (zone_id)",),
    ),
    Table(
        "pass_memberships",
        "Freshcart Pass memberships (a paid plan giving free scheduled delivery on baskets of £30 or more), one row "
        "per membership; a customer who ends a membership and joins again later has a row for each.",
        (
            Col("membership_id", "INTEGER PRIMARY KEY", "Unique membership identifier."),
            Col("customer_id", "INTEGER NOT NULL", "Member (customers.customer_id)."),
            Col("plan", "TEXT NOT NULL", "'Monthly' (billed every 30 days) or 'Annual' (billed every 365 days)."),
            Col(
                "price",
                "REAL NOT NULL",
                "Price in GBP charged each billing period: 7.99 for Monthly, 69.00 for Annual.",
            ),
            Col(
                "started_on",
                "TEXT NOT NULL",
                "First day of the membership (YYYY-MM-DD); the Pass launched on 2023-03-01.",
            ),
            Col(
                "ended_on",
                "TEXT",
                "Last day of the membership, inclusive (YYYY-MM-DD); NULL while it is still running on 2025-12-31.",
            ),
        ),
        ("FOREIGN KEY (customer_id) REFERENCES customers (customer_id)",),
    ),
    Table(
        "categories",
        "Product categories of the catalogue, one row per category.",
        (
            Col("category_id", "INTEGER PRIMARY KEY", "Unique category identifier."),
            Col("category_name", "TEXT NOT NULL", "Name of the category, e.g. 'Fruit & vegetables'."),
            Col(
                "department",
                "TEXT NOT NULL",
                "Department the category belongs to: 'Fresh', 'Frozen', 'Grocery', 'Drinks' or 'Non-food'.",
            ),
            Col(
                "age_restricted",
                "INTEGER NOT NULL",
                "1 if the category's products may only be sold to adults (alcohol), else 0.",
            ),
        ),
    ),
    Table(
        "products",
        "Products in the catalogue, one row per product (stock-keeping unit).",
        (
            Col("product_id", "INTEGER PRIMARY KEY", "Unique product identifier."),
            Col("sku", "TEXT NOT NULL", "Stock-keeping unit code, unique, e.g. 'FC-01003'."),
            Col("product_name", "TEXT NOT NULL", "Name of the product as shown in the shop, e.g. 'Bananas'."),
            Col("category_id", "INTEGER NOT NULL", "Category of the product (categories.category_id)."),
            Col("brand", "TEXT NOT NULL", "Brand; 'Freshcart' for our own brand."),
            Col("is_own_brand", "INTEGER NOT NULL", "1 for a Freshcart own-brand product, else 0."),
            Col("pack_size", "TEXT NOT NULL", "Pack size as sold, e.g. '1 kg', '6 pack' or 'each'."),
            Col(
                "price",
                "REAL NOT NULL",
                "Current shelf price in GBP for one pack, set on 2025-01-06 (about 3% up for own brand and 6% for "
                "other brands); order_lines.unit_price holds the price when an item was ordered.",
            ),
        ),
        ("FOREIGN KEY (category_id) REFERENCES categories (category_id)",),
    ),
    Table(
        "vouchers",
        "Voucher codes a customer can enter on a scheduled order, one row per code; at most one per order.",
        (
            Col("voucher_code", "TEXT PRIMARY KEY", "The code, e.g. 'WELCOME10'."),
            Col("description", "TEXT NOT NULL", "What the voucher offers and to whom."),
            Col(
                "discount_type",
                "TEXT NOT NULL",
                "'Amount' (a fixed number of pounds off) or 'Percent' (a percentage off the basket value).",
            ),
            Col(
                "discount_value",
                "REAL NOT NULL",
                "Pounds off for an 'Amount' voucher, or percentage off (15 = 15%) for a 'Percent' voucher.",
            ),
            Col("min_basket", "REAL NOT NULL", "Least basket value in GBP an order needs to use the voucher."),
            Col("valid_from", "TEXT NOT NULL", "First day an order can use the code (YYYY-MM-DD, by placed date)."),
            Col("valid_to", "TEXT NOT NULL", "Last day an order can use the code (YYYY-MM-DD), inclusive."),
            Col(
                "new_customers_only",
                "INTEGER NOT NULL",
                "1 if the code is only for a customer's first order, else 0.",
            ),
        ),
    ),
    Table(
        "delivery_slots",
        "Two-hour delivery slots published by each store, one row per store and slot, from 08:00-10:00 to "
        "20:00-22:00 every day the store is open, whether or not any order booked them.",
        (
            Col("slot_id", "INTEGER PRIMARY KEY", "Unique slot identifier."),
            Col("store_id", "INTEGER NOT NULL", "Store delivering in the slot (stores.store_id)."),
            Col("slot_start", "TEXT NOT NULL", "Date and time the slot begins (YYYY-MM-DD HH:MM)."),
            Col(
                "slot_end",
                "TEXT NOT NULL",
                "Date and time the slot ends (YYYY-MM-DD HH:MM), two hours after it begins; a delivery in the slot is "
                "promised by then.",
            ),
            Col(
                "capacity",
                "INTEGER NOT NULL",
                "Most orders the slot can take; cancelled orders give their place back.",
            ),
        ),
        ("FOREIGN KEY (store_id) REFERENCES stores (store_id)",),
    ),
    Table(
        "drivers",
        "Delivery drivers, one row per driver, including those who have left.",
        (
            Col("driver_id", "INTEGER PRIMARY KEY", "Unique driver identifier."),
            Col("first_name", "TEXT NOT NULL", "First name."),
            Col("last_name", "TEXT NOT NULL", "Last name."),
            Col("store_id", "INTEGER NOT NULL", "Store the driver works from (stores.store_id)."),
            Col("hired_date", "TEXT NOT NULL", "First working day (YYYY-MM-DD)."),
            Col("left_date", "TEXT", "Last working day (YYYY-MM-DD); NULL while the driver still works for us."),
            Col(
                "contract_type",
                "TEXT NOT NULL",
                "'Employed' (on our payroll) or 'Agency' (supplied by a staffing agency).",
            ),
            Col(
                "vehicle_type",
                "TEXT NOT NULL",
                "What the driver delivers with: 'Electric van', 'Diesel van' or 'Cargo bike' (an electric cargo bike, "
                "used only in the zones within 10 minutes of the store).",
            ),
        ),
        ("FOREIGN KEY (store_id) REFERENCES stores (store_id)",),
    ),
    Table(
        "orders",
        "Customer orders, one row per order, whatever became of it (delivered, failed or cancelled).",
        (
            Col("order_id", "INTEGER PRIMARY KEY", "Unique order identifier, in the order the orders were placed."),
            Col("order_number", "TEXT NOT NULL", "Order number shown to the customer, unique, e.g. 'FC1000001'."),
            Col("customer_id", "INTEGER NOT NULL", "Customer who placed the order (customers.customer_id)."),
            Col(
                "store_id",
                "INTEGER NOT NULL",
                "Store that fulfils the order (stores.store_id): the one serving the customer's delivery zone.",
            ),
            Col(
                "delivery_type",
                "TEXT NOT NULL",
                "'Scheduled' (delivered in a two-hour slot booked at ordering) or 'Express' (delivered within 60 "
                "minutes of ordering, from 2025-06-02 at the stores that offer it).",
            ),
            Col(
                "slot_id",
                "INTEGER",
                "Delivery slot booked (delivery_slots.slot_id); NULL for an Express order.",
            ),
            Col("placed_at", "TEXT NOT NULL", "Date and time the order was placed (YYYY-MM-DD HH:MM)."),
            Col(
                "channel", "TEXT NOT NULL", "Where the order was placed: 'App' (the mobile app) or 'Web' (the website)."
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "'Delivered' (the customer received it), 'Failed' (the delivery was attempted but not completed; the "
                "goods went back and nothing was charged) or 'Cancelled' (cancelled by the customer before dispatch).",
            ),
            Col(
                "cancelled_at",
                "TEXT",
                "Date and time the customer cancelled the order (YYYY-MM-DD HH:MM); NULL unless cancelled.",
            ),
            Col(
                "voucher_code",
                "TEXT",
                "Voucher used (vouchers.voucher_code); NULL for an order without one.",
            ),
            Col(
                "basket_value",
                "REAL NOT NULL",
                "Value in GBP of the goods ordered at ordering: the sum of the lines' quantity times unit_price.",
            ),
            Col(
                "discount_amount",
                "REAL NOT NULL",
                "Voucher discount in GBP, worked out on the basket value at ordering; 0 without a voucher.",
            ),
            Col(
                "delivery_fee",
                "REAL NOT NULL",
                "Delivery fee in GBP quoted at ordering: Scheduled £4.99 under £40, £2.99 from £40, free from £75 "
                "(£5.49 and £3.49 from 2025-04-01), free from £30 for a Pass member; Express a flat £3.99.",
            ),
            Col(
                "items_charged",
                "REAL NOT NULL",
                "Value in GBP of the goods the customer was charged for: the sum of the lines' line_amount; 0 unless "
                "delivered.",
            ),
            Col(
                "total_charged",
                "REAL NOT NULL",
                "Amount in GBP charged to the customer's card for the order: items_charged less discount_amount "
                "(never below 0) plus delivery_fee; 0 unless delivered. Refunds do not change it.",
            ),
        ),
        (
            "FOREIGN KEY (customer_id) REFERENCES customers (customer_id)",
            "FOREIGN KEY (store_id) REFERENCES stores (store_id)",
            "FOREIGN KEY (slot_id) REFERENCES delivery_slots (slot_id)",
            "FOREIGN KEY (voucher_code) REFERENCES vouchers (voucher_code)",
        ),
    ),
    Table(
        "order_lines",
        "Lines of the orders, one row per product ordered in an order, with what happened to it at picking.",
        (
            Col("order_line_id", "INTEGER PRIMARY KEY", "Unique order line identifier."),
            Col("order_id", "INTEGER NOT NULL", "Order the line belongs to (orders.order_id)."),
            Col("product_id", "INTEGER NOT NULL", "Product ordered (products.product_id); unique within an order."),
            Col("quantity", "INTEGER NOT NULL", "Number of packs ordered."),
            Col("unit_price", "REAL NOT NULL", "Shelf price in GBP of one pack when the order was placed."),
            Col(
                "pick_status",
                "TEXT NOT NULL",
                "Outcome at picking: 'Picked' (the product ordered was packed in full), 'Substituted' (it was out of "
                "stock and replaced by another product, see substitutions), 'Missing' (out of stock and left out, "
                "not charged) or 'Not picked' (the order was cancelled before picking).",
            ),
            Col(
                "line_amount",
                "REAL NOT NULL",
                "Amount in GBP charged for the line: quantity times unit_price when picked; for an accepted "
                "substitution quantity times the lower of unit_price and the substitute's price; 0 when missing, "
                "refused at the door, or when the order was not delivered.",
            ),
        ),
        (
            "FOREIGN KEY (order_id) REFERENCES orders (order_id)",
            "FOREIGN KEY (product_id) REFERENCES products (product_id)",
        ),
    ),
    Table(
        "substitutions",
        "Substitutions, one row per order line whose product was out of stock and replaced by another product of "
        "the same category.",
        (
            Col("substitution_id", "INTEGER PRIMARY KEY", "Unique substitution identifier."),
            Col(
                "order_line_id", "INTEGER NOT NULL", "Order line substituted (order_lines.order_line_id), at most once."
            ),
            Col("substitute_product_id", "INTEGER NOT NULL", "Product sent instead (products.product_id)."),
            Col("quantity", "INTEGER NOT NULL", "Packs of the substitute sent, the quantity ordered."),
            Col("substitute_unit_price", "REAL NOT NULL", "Shelf price in GBP of one pack of the substitute then."),
            Col(
                "customer_response",
                "TEXT NOT NULL",
                "'Accepted' (kept by the customer and charged), 'Rejected' (handed back to the driver, not charged) "
                "or 'Not delivered' (the delivery failed).",
            ),
        ),
        (
            "FOREIGN KEY (order_line_id) REFERENCES order_lines (order_line_id)",
            "FOREIGN KEY (substitute_product_id) REFERENCES products (product_id)",
        ),
    ),
    Table(
        "deliveries",
        "Delivery runs, one row per order that left the store (every order not cancelled), with the driver, the "
        "promised and actual times and the outcome.",
        (
            Col("delivery_id", "INTEGER PRIMARY KEY", "Unique delivery identifier."),
            Col("order_id", "INTEGER NOT NULL", "Order delivered (orders.order_id), at most once."),
            Col("driver_id", "INTEGER NOT NULL", "Driver who took it (drivers.driver_id)."),
            Col(
                "dispatched_at",
                "TEXT NOT NULL",
                "Date and time the van or bike left the store with it (YYYY-MM-DD HH:MM).",
            ),
            Col(
                "promised_by",
                "TEXT NOT NULL",
                "Latest arrival promised to the customer (YYYY-MM-DD HH:MM): the end of the slot for a Scheduled "
                "order, 60 minutes after it was placed for an Express order.",
            ),
            Col(
                "arrived_at",
                "TEXT NOT NULL",
                "Date and time the driver arrived at the customer's door (YYYY-MM-DD HH:MM), also when the delivery "
                "then failed; on time when no later than promised_by.",
            ),
            Col(
                "outcome",
                "TEXT NOT NULL",
                "'Delivered' (handed over) or 'Failed' (not handed over; the goods went back to the store).",
            ),
            Col(
                "failure_reason",
                "TEXT",
                "Why a delivery failed: 'Customer not home', 'Access problem' (no way in, or the road impassable) or "
                "'Address not found'; NULL unless failed.",
            ),
            Col("distance_km", "REAL NOT NULL", "Road distance in kilometres from the store to the address."),
            Col(
                "customer_rating",
                "INTEGER",
                "Rating from 1 (worst) to 5 (best) the customer gave the delivery afterwards; NULL when not rated "
                "(only delivered orders can be rated).",
            ),
        ),
        (
            "FOREIGN KEY (order_id) REFERENCES orders (order_id)",
            "FOREIGN KEY (driver_id) REFERENCES drivers (driver_id)",
        ),
    ),
    Table(
        "refunds",
        "Refunds and goodwill credits given after a delivery, one row per refund: for an item (damaged, poor "
        "quality, short dated) or for the whole order (late delivery).",
        (
            Col("refund_id", "INTEGER PRIMARY KEY", "Unique refund identifier."),
            Col("order_id", "INTEGER NOT NULL", "Order refunded (orders.order_id), always a delivered one."),
            Col(
                "order_line_id",
                "INTEGER",
                "Order line refunded (order_lines.order_line_id); NULL for a refund of the whole order.",
            ),
            Col("refunded_at", "TEXT NOT NULL", "Date and time the refund was issued (YYYY-MM-DD HH:MM)."),
            Col(
                "reason",
                "TEXT NOT NULL",
                "'Damaged item', 'Poor quality', 'Short dated' (use-by date too close), each refunding one pack of "
                "the line, or 'Late delivery' (a £5 credit when the driver arrived more than 30 minutes after "
                "promised_by).",
            ),
            Col("amount", "REAL NOT NULL", "Amount refunded in GBP."),
            Col(
                "method",
                "TEXT NOT NULL",
                "How it was given back: 'Card' (to the card charged) or 'Account credit' (off the next order).",
            ),
        ),
        (
            "FOREIGN KEY (order_id) REFERENCES orders (order_id)",
            "FOREIGN KEY (order_line_id) REFERENCES order_lines (order_line_id)",
        ),
    ),
)

COMMENTS = comments(_TABLES)
_TIMES = {
    "delivery_slots": ("slot_start", "slot_end"),
    "orders": ("placed_at", "cancelled_at"),
    "deliveries": ("dispatched_at", "promised_by", "arrived_at"),
    "refunds": ("refunded_at",),
}

# --------------------------------------------------------------------------------------------
# The business.


@dataclass(frozen=True)
class _Store:
    name: str
    town: str
    opened: date
    area: int
    express: date | None
    capacity: int  # orders a slot takes
    drivers: int  # driver positions
    existing: int  # customers carried over from before 2024
    monthly: float  # new customers a month in 2024
    zones: tuple[tuple[str, str, int, float], ...]  # name, district, drive minutes, share of customers


_STORES = (
    _Store("Freshcart Millbrook", "Millbrook", date(2021, 5, 10), 2600, EXPRESS_LAUNCH, 4, 5, 120, 17.0,
           (("Millbrook Central", "MB1", 8, 0.45), ("Millbrook West", "MB4", 15, 0.35), ("Elmsford", "MB7", 24, 0.2))),
    _Store("Freshcart Ashby Vale", "Ashby Vale", date(2022, 3, 14), 2100, EXPRESS_LAUNCH, 4, 4, 90, 13.5,
           (("Ashby Town", "AV1", 7, 0.5), ("Ashby Hill", "AV3", 14, 0.3), ("Carrow Green", "AV6", 22, 0.2))),
    _Store("Freshcart Kingsmere", "Kingsmere", date(2022, 10, 3), 1800, None, 3, 3, 60, 11.0,
           (("Kingsmere", "KM1", 9, 0.5), ("Kingsmere Docks", "KM2", 13, 0.3), ("Fallowfield", "KM5", 26, 0.2))),
    _Store("Freshcart Harlow Cross", "Harlow Cross", date(2023, 4, 17), 1600, None, 3, 3, 40, 9.0,
           (("Harlow Cross", "HC1", 8, 0.6), ("Brindley", "HC4", 18, 0.4))),
    _Store("Freshcart Northfield", "Northfield", NORTHFIELD_OPEN, 1500, None, 3, 3, 0, 0.0,
           (("Northfield", "NF1", 10, 0.6), ("Northfield Park", "NF2", 16, 0.4))),
)  # fmt: skip
_NORTHFIELD = 4
_NORTHFIELD_SIGNUPS = date(2025, 2, 17)
_SLOT_HOURS = (8, 10, 12, 14, 16, 18, 20)

_CATEGORIES = (
    ("Fruit & vegetables", "Fresh", 0, 22.0, 0.07),  # name, department, age restricted, share of lines, out of stock
    ("Meat & fish", "Fresh", 0, 10.0, 0.06),
    ("Dairy & eggs", "Fresh", 0, 14.0, 0.045),
    ("Bakery", "Fresh", 0, 8.0, 0.075),
    ("Frozen food", "Frozen", 0, 7.0, 0.03),
    ("Food cupboard", "Grocery", 0, 14.0, 0.02),
    ("Snacks & confectionery", "Grocery", 0, 8.0, 0.025),
    ("Soft drinks", "Drinks", 0, 6.0, 0.03),
    ("Beer, wine & spirits", "Drinks", 1, 4.0, 0.03),
    ("Household & cleaning", "Non-food", 0, 5.0, 0.02),
    ("Health & beauty", "Non-food", 0, 2.5, 0.02),
)
_FRESH = {0, 1, 2, 3}
_SHORT_DATED = {1, 2, 3}  # categories whose items can come too close to their use-by date

_FC = "Freshcart"
_PRODUCTS = (  # by category, the most popular first: name, brand, pack size, price in 2024
    (("Bananas", _FC, "5 pack", 0.95), ("Braeburn apples", _FC, "6 pack", 1.85), ("Carrots", _FC, "1 kg", 0.55),
     ("Broccoli", _FC, "360 g", 0.69), ("Cherry tomatoes", _FC, "250 g", 1.10), ("Baby potatoes", _FC, "1 kg", 1.35),
     ("Red onions", _FC, "1 kg", 1.05), ("Cucumber", _FC, "each", 0.75), ("Avocados", _FC, "2 pack", 1.79),
     ("Mushrooms", _FC, "300 g", 1.09), ("Baby spinach", _FC, "200 g", 1.45), ("Blueberries", _FC, "150 g", 2.25),
     ("Easy peeler oranges", _FC, "600 g", 1.65), ("Strawberries", _FC, "400 g", 2.75),
     ("Organic mixed peppers", "Greenacre Organic", "3 pack", 2.35),
     ("Organic carrots", "Greenacre Organic", "700 g", 1.25)),
    (("British chicken breast fillets", _FC, "650 g", 5.20), ("Beef mince 5% fat", _FC, "500 g", 4.10),
     ("Pork sausages", "Hollins Farm", "400 g", 2.95), ("Smoked back bacon", "Hollins Farm", "300 g", 3.10),
     ("Salmon fillets", _FC, "2 x 120 g", 4.25), ("Cooked ham slices", _FC, "125 g", 1.60),
     ("Chicken thighs", _FC, "1 kg", 3.65), ("Whole chicken", _FC, "1.5 kg", 5.50),
     ("Cod fillets", _FC, "2 x 140 g", 4.60), ("King prawns", "Ocean Catch", "225 g", 3.80),
     ("Lamb leg steaks", "Hollins Farm", "300 g", 5.75), ("Beef sirloin steak", "Hollins Farm", "225 g", 6.50)),
    (("Semi-skimmed milk", _FC, "4 pints", 1.45), ("Free range eggs", _FC, "12 pack", 3.10),
     ("Mature cheddar", "Dale Valley", "400 g", 3.25), ("Salted butter", "Dale Valley", "250 g", 2.10),
     ("Whole milk", _FC, "2 pints", 0.95), ("Greek style yoghurt", _FC, "500 g", 1.35),
     ("Fruit yoghurts", "Meadowgold", "6 x 120 g", 2.20), ("Oat drink", "Oatlands", "1 litre", 1.80),
     ("Double cream", _FC, "300 ml", 1.35), ("Mozzarella", _FC, "125 g", 0.85), ("Skimmed milk", _FC, "2 pints", 0.95),
     ("Unsalted butter", "Dale Valley", "250 g", 2.15), ("Halloumi", "Cyprio", "225 g", 2.75)),
    (("Medium sliced white bread", _FC, "800 g", 0.85), ("Wholemeal bread", "Hearthstone", "800 g", 1.40),
     ("Croissants", _FC, "4 pack", 1.60), ("Sourdough loaf", "Hearthstone", "400 g", 2.50),
     ("Tortilla wraps", "Casa Sol", "8 pack", 1.50), ("Plain bagels", "Hearthstone", "5 pack", 1.35),
     ("Crumpets", _FC, "6 pack", 0.80), ("Seeded batch loaf", "Hearthstone", "800 g", 1.75),
     ("Brioche buns", _FC, "6 pack", 1.70), ("Chocolate muffins", _FC, "4 pack", 1.90)),
    (("Oven chips", "Crispfield", "1.5 kg", 2.40), ("Garden peas", _FC, "1 kg", 1.25),
     ("Margherita pizza", "Forno Rosso", "340 g", 2.80), ("Fish fingers", "Ocean Catch", "10 pack", 2.10),
     ("Vanilla ice cream", "Polar Dairy", "1 litre", 2.65), ("Chicken nuggets", "Crispfield", "400 g", 2.30),
     ("Frozen berries", _FC, "500 g", 2.35), ("Sweetcorn", _FC, "1 kg", 1.30), ("Beef lasagne", _FC, "1 kg", 4.50),
     ("Vegetable spring rolls", "Golden Wok", "12 pack", 1.95)),
    (("Chopped tomatoes", _FC, "400 g", 0.45), ("Spaghetti", _FC, "500 g", 0.65), ("Tea bags", "Brewster's", "80 pack",
     2.75), ("Baked beans", "Beanfield", "4 x 415 g", 2.60), ("Basmati rice", "Royal Grain", "1 kg", 2.40),
     ("Penne pasta", _FC, "500 g", 0.65), ("Cornflakes", "Sunrise", "500 g", 1.90), ("Porridge oats", _FC, "1 kg",
     1.10), ("Instant coffee", "Highland Roast", "200 g", 5.40), ("Tomato ketchup", "Redfield", "460 g", 1.85),
     ("Extra virgin olive oil", "Villa Oliva", "500 ml", 4.75), ("Peanut butter", "Nutty Co", "340 g", 2.30),
     ("Tuna chunks in spring water", "Ocean Catch", "4 x 145 g", 4.20), ("Plain flour", _FC, "1.5 kg", 0.95),
     ("Granulated sugar", _FC, "1 kg", 1.15), ("Strawberry jam", _FC, "454 g", 1.05)),
    (("Ready salted crisps", "Crispfield", "6 pack", 1.65), ("Milk chocolate bar", "Cocoa Lane", "200 g", 2.10),
     ("Digestive biscuits", _FC, "400 g", 0.89), ("Chocolate chip cookies", "Cocoa Lane", "200 g", 1.45),
     ("Tortilla chips", "Casa Sol", "200 g", 1.35), ("Mixed nuts", "Nutty Co", "200 g", 2.60),
     ("Salted popcorn", "Popworks", "100 g", 1.25), ("Cereal bars", "Sunrise", "6 pack", 1.80),
     ("Fruit gums", "Cocoa Lane", "150 g", 1.00), ("Rice cakes", _FC, "130 g", 0.85)),
    (("Sparkling water", _FC, "6 x 500 ml", 1.80), ("Cola", "Fizzco", "2 litres", 1.99),
     ("Orange juice", "Sunrise", "1 litre", 1.75), ("Diet cola", "Fizzco", "2 litres", 1.99),
     ("Still water", _FC, "6 x 1.5 litres", 1.65), ("Apple juice", _FC, "1 litre", 1.00),
     ("Orange squash", _FC, "1 litre", 1.05), ("Ginger beer", "Fizzco", "4 x 330 ml", 2.60),
     ("Energy drink", "Voltage", "4 x 250 ml", 3.50), ("Sparkling elderflower", "Hedgerow", "750 ml", 2.45)),
    (("Lager", "Northgate Brewery", "10 x 440 ml", 10.50), ("Sauvignon blanc", "Southern Cross Estate", "750 ml",
     7.50), ("Merlot", "Vina Alta", "750 ml", 6.75), ("Prosecco", "Colline", "750 ml", 8.00),
     ("Pale ale", "Northgate Brewery", "4 x 500 ml", 6.50), ("Cider", "Orchard Barn", "4 x 500 ml", 5.25),
     ("Rosé wine", "Vina Alta", "750 ml", 6.50), ("London dry gin", "Kestle", "700 ml", 17.50),
     ("Blended Scotch whisky", "Glen Corran", "700 ml", 19.00)),
    (("Toilet tissue", _FC, "9 rolls", 4.50), ("Kitchen roll", _FC, "2 rolls", 2.00),
     ("Washing up liquid", "Sparkle", "500 ml", 1.25), ("Laundry capsules", "Sparkle", "30 pack", 7.50),
     ("Bin bags", _FC, "20 pack", 2.20), ("Multi-surface cleaner", "Sparkle", "750 ml", 1.75),
     ("Dishwasher tablets", "Sparkle", "40 pack", 6.50), ("Fabric conditioner", "Softly", "1.2 litres", 3.00),
     ("Aluminium foil", _FC, "10 m", 1.50)),
    (("Toothpaste", "Brightsmile", "75 ml", 1.60), ("Shower gel", "Aqua Bloom", "250 ml", 1.50),
     ("Shampoo", "Aqua Bloom", "400 ml", 2.80), ("Hand soap", "Aqua Bloom", "250 ml", 1.20),
     ("Deodorant", "Freshly", "250 ml", 2.25), ("Paracetamol tablets", _FC, "16 pack", 0.45),
     ("Cotton pads", _FC, "100 pack", 0.95), ("Sun cream SPF 30", "Sunguard", "200 ml", 6.00)),
)  # fmt: skip
_SEASONAL = {  # product name: months of high demand, factor then, factor otherwise
    "Strawberries": ((5, 6, 7, 8), 2.5, 0.6),
    "Blueberries": ((6, 7, 8), 1.8, 0.8),
    "Vanilla ice cream": ((6, 7, 8), 2.5, 0.6),
    "Sun cream SPF 30": ((5, 6, 7, 8), 4.0, 0.2),
    "Prosecco": ((12,), 3.0, 0.8),
    "Whole chicken": ((12,), 2.0, 1.0),
    "Double cream": ((12,), 2.0, 1.0),
    "Rosé wine": ((5, 6, 7, 8), 2.0, 0.6),
}

_VOUCHERS = (  # code, description, type, value, min basket, from, to, new customers only, take-up
    ("WELCOME10", "£10 off a new customer's first order of £40 or more", "Amount", 10.0, 40.0, date(2024, 1, 1),
     date(2025, 12, 31), 1, 0.6),
    ("SPRING15", "15% off orders of £40 or more placed 1-14 April 2024", "Percent", 15.0, 40.0, date(2024, 4, 1),
     date(2024, 4, 14), 0, 0.45),
    ("SUMMER5", "£5 off orders of £40 or more placed in July and August 2024", "Amount", 5.0, 40.0, date(2024, 7, 1),
     date(2024, 8, 31), 0, 0.3),
    ("XMAS24", "£10 off Christmas orders of £60 or more placed 1-20 December 2024", "Amount", 10.0, 60.0,
     date(2024, 12, 1), date(2024, 12, 20), 0, 0.5),
    ("NORTHFIELD20", "20% off orders of £30 or more in Northfield's zones to the end of April 2025", "Percent", 20.0,
     30.0, date(2025, 3, 3), date(2025, 4, 30), 0, 0.65),
    ("SPRING25", "15% off orders of £40 or more placed 1-14 April 2025", "Percent", 15.0, 40.0, date(2025, 4, 1),
     date(2025, 4, 14), 0, 0.45),
    ("COMEBACK8", "£8 off for customers who had not ordered for 60 days, September and October 2025", "Amount", 8.0,
     25.0, date(2025, 9, 1), date(2025, 10, 31), 0, 0.55),
    ("XMAS25", "£10 off Christmas orders of £60 or more placed 1-20 December 2025", "Amount", 10.0, 60.0,
     date(2025, 12, 1), date(2025, 12, 20), 0, 0.5),
)  # fmt: skip

_CHANNELS = ("Organic", "Paid search", "Social media", "Referral", "Leaflet")
_ORDER_HOURS = tuple(zip(range(6, 24), (1, 2, 4, 5, 6, 6, 7, 6, 5, 5, 5, 6, 8, 10, 11, 10, 7, 3), strict=True))
_SEASON = (0.95, 0.95, 1.0, 1.0, 0.95, 0.9, 0.85, 0.85, 1.0, 1.05, 1.1, 1.3)  # order rate by month
_QUANTITIES = ((1, 64), (2, 25), (3, 6), (4, 4), (6, 1))
_LINES = tuple(zip(range(1, 16), (2, 4, 7, 10, 12, 12, 11, 10, 8, 7, 5, 4, 3, 2, 2), strict=True))
_LEAD_DAYS = ((0, 20), (1, 35), (2, 18), (3, 11), (4, 7), (5, 5), (6, 4))
_SLOT_WEIGHTS = ((8, 9, 8, 8, 12, 20, 12), (14, 16, 12, 10, 10, 12, 8))  # weekday, weekend
_FAILURES = (("Customer not home", 65), ("Access problem", 20), ("Address not found", 15))

_FIRST = (
    "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
    "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Chris", "Karen", "Daniel", "Lisa",
    "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley", "Steven", "Emily", "Andrew", "Michelle", "Joshua",
    "Amanda", "Kevin", "Melissa", "Brian", "Stephanie", "Ryan", "Rebecca", "Jacob", "Laura", "Nicole", "Tyler",
    "Olivia", "Ethan", "Sofia", "Noah", "Ava", "Liam", "Maya", "Lucas", "Chloe", "Aisha", "Mateo", "Priya", "Omar",
    "Hannah", "Diego", "Grace", "Wei", "Yuki", "Fatima", "Leo", "Zoe", "Isaac", "Nora", "Samuel", "Ruby", "Adam",
    "Amelia", "Harry", "Isla", "Oliver", "Freya", "George", "Poppy", "Alfie", "Imogen", "Callum",
)  # fmt: skip
_LAST = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright",
    "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke", "Jackson", "Wood",
    "Harris", "Edwards", "Turner", "Martin", "Cooper", "Hill", "Ward", "Hughes", "Moore", "Clark", "King", "Harrison",
    "Lewis", "Baker", "Lee", "Allen", "Morris", "Khan", "Scott", "Watson", "Davis", "Parker", "James", "Bennett",
    "Young", "Phillips", "Richardson", "Mitchell", "Bailey", "Carter", "Cook", "Singh", "Shaw", "Bell", "Collins",
    "Morgan", "Kelly", "Begum", "Miller", "Cox", "Hussain", "Marshall", "Simpson", "Price", "Anderson", "Adams",
    "Nowak", "Okafor", "Chen", "Murphy", "Kowalski", "Ahmed", "Fraser",
)  # fmt: skip


# --------------------------------------------------------------------------------------------
# Helpers.


def _cents(amount: float) -> float:
    """`amount` to the penny, halves up."""
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


def _closed(day: date) -> bool:
    return (day.month, day.day) in ((12, 25), (12, 26), (1, 1))


def _fee(basket: float, day: date, member: bool) -> float:
    """The scheduled delivery fee for a basket of `basket` pounds ordered on `day`."""
    if basket >= 75 or (member and basket >= 30):
        return 0.0
    if basket >= 40:
        return 3.49 if day >= FEE_RISE else 2.99
    return 5.49 if day >= FEE_RISE else 4.99


_CLOSE = _at(END, 23 * 60 + 59)  # the last minute the data knows
_EXPRESS_FEE = 3.99
_LATE_CREDIT = 5.0


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
class _Product:
    seq: int
    category: int
    name: str
    brand: str
    pack: str
    price24: float
    price25: float
    weight: float

    def price(self, day: date) -> float:
        return self.price25 if day >= PRICE_RISE else self.price24


@dataclass
class _Customer:
    seq: int
    first: str
    last: str
    zone: int
    store: int
    signup: date
    channel: str
    opt_in: int
    gap: float  # mean days between orders
    app: float  # leaning towards the app
    express: float  # chance of choosing Express where offered
    memberships: list[dict] = field(default_factory=list)
    orders: int = 0  # delivered
    placed: int = 0
    last_placed: datetime | None = None
    row: dict | None = None

    def member_on(self, day: date) -> bool:
        return any(m["started_on"] <= day and (m["ended_on"] is None or day <= m["ended_on"]) for m in self.memberships)


@dataclass
class _Driver:
    seq: int
    store: int
    first: str
    last: str
    hired: date
    left: date | None
    contract: str
    vehicle: str
    weight: float

    def works(self, day: date) -> bool:
        return self.hired <= day and (self.left is None or day <= self.left)


class _Freshcart:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.zones: list[tuple[int, str, str, int, float]] = []  # store, name, district, drive, share
        self.products: list[_Product] = []
        self.by_category: dict[int, list[_Product]] = {}
        self.customers: list[_Customer] = []
        self.drivers: list[_Driver] = []
        self.slots: dict[tuple[int, date], list[dict]] = {}
        self.slot_rows: list[dict] = []
        self.orders: list[dict] = []
        self.lines: list[dict] = []
        self.substitutions: list[dict] = []
        self.deliveries: list[dict] = []
        self.refunds: list[dict] = []
        self.cumulative: dict[int, list[float]] = {}

    # --- what does not change day to day: zones, catalogue, slots, drivers

    def setup(self) -> None:
        for s, store in enumerate(_STORES):
            for name, district, drive, share in store.zones:
                self.zones.append((s, name, district, drive, share))
        for k, items in enumerate(_PRODUCTS):
            share = _CATEGORIES[k][3]
            ranks = [1 / (i + 1) ** 0.75 for i in range(len(items))]
            for i, (name, brand, pack, price) in enumerate(items):
                rise = 1.03 if brand == _FC else 1.06
                p = _Product(len(self.products), k, name, brand, pack, price, _cents(price * rise),
                             share * ranks[i] / sum(ranks))  # fmt: skip
                self.products.append(p)
                self.by_category.setdefault(k, []).append(p)
        for day in _days(START, END):
            if _closed(day):
                continue
            for s, store in enumerate(_STORES):
                if day < store.opened:
                    continue
                day_slots = []
                for hour in _SLOT_HOURS:
                    row = {
                        "slot_id": len(self.slot_rows) + 1,
                        "store_id": s + 1,
                        "slot_start": _at(day, hour * 60),
                        "slot_end": _at(day, hour * 60 + 120),
                        "capacity": store.capacity,
                        "booked": 0,
                    }
                    self.slot_rows.append(row)
                    day_slots.append(row)
                self.slots[(s, day)] = day_slots
        self._drivers()

    def _driver(self, store: int, hired: date) -> _Driver:
        rng = self.rng
        vehicles = [("Electric van", 60)]
        if hired < START:
            vehicles.append(("Diesel van", 30))
        if store in (0, 1):
            vehicles.append(("Cargo bike", 18))
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        contract = "Employed" if rng.random() < 0.7 else "Agency"
        d = _Driver(len(self.drivers), store, first, last, hired, None, contract, _pick(rng, vehicles),
                    rng.uniform(0.6, 1.4))  # fmt: skip
        self.drivers.append(d)
        return d

    def _drivers(self) -> None:
        """Each store's driver positions, filled from the store's opening (or Northfield's first weeks); a driver
        who leaves is replaced a few weeks later. One driver leaves Millbrook and one Ashby Vale on 2024-11-15, and
        their replacements start only on 2025-01-06 (the shortage before Christmas)."""
        rng = self.rng
        leave, back = date(2024, 11, 15), date(2025, 1, 6)
        for s, store in enumerate(_STORES):
            for position in range(store.drivers):
                if s == _NORTHFIELD:
                    hired = date(2025, 2, 10) + timedelta(days=rng.randint(0, 14))
                else:
                    hired = store.opened + timedelta(days=rng.randint(0, (date(2023, 12, 31) - store.opened).days))
                d = self._driver(s, hired)
                shortage = s in (0, 1) and position == 0
                while True:
                    left = d.hired + timedelta(days=max(60, int(rng.expovariate(1 / 700))))
                    if left < START:
                        left = START + timedelta(days=rng.randint(30, 700))
                    if shortage and d.hired < leave < left:
                        d.left = leave
                        d = self._driver(s, back)
                        shortage = False
                        continue
                    if left >= END:
                        break
                    d.left = left
                    hired = left + timedelta(days=rng.randint(5, 25))
                    if hired > END:
                        break
                    d = self._driver(s, hired)

    # --- the customers

    def _customer(self, store: int, signup: date, existing: bool) -> _Customer:
        rng = self.rng
        zones = [(z, share) for z, (s, _, _, _, share) in enumerate(self.zones) if s == store]
        zone = _pick(rng, zones)
        weights = [35, 25, 15, 15, 10] if existing else [28, 24, 22, 16, 10]
        if store == _NORTHFIELD:
            weights = [20, 15, 20, 10, 35]
        gap = min(90.0, max(6.0, rng.lognormvariate(3.15, 0.45)))
        c = _Customer(len(self.customers), rng.choice(_FIRST), rng.choice(_LAST), zone, store, signup,
                      rng.choices(_CHANNELS, weights)[0], int(rng.random() < 0.6), gap,
                      rng.uniform(-0.2, 0.2), rng.choice((0.0, 0.0, 0.0, 0.15, 0.35)))  # fmt: skip
        self.customers.append(c)
        return c

    def _membership(self, c: _Customer, start: date) -> None:
        rng = self.rng
        plan = "Annual" if rng.random() < 0.3 else "Monthly"
        if plan == "Annual":
            periods = 1
            while rng.random() < 0.7:
                periods += 1
            length = 365 * periods
        else:
            periods = 1
            while rng.random() > 0.07:
                periods += 1
            length = 30 * periods
        ended = start + timedelta(days=length - 1)
        c.memberships.append(
            {
                "customer": c,
                "plan": plan,
                "price": 69.0 if plan == "Annual" else 7.99,
                "started_on": start,
                "ended_on": ended if ended < END else None,
            }
        )

    def _order_time(self, after: datetime, gap: float) -> datetime:
        rng = self.rng
        days = max(2.0, rng.expovariate(1 / gap))
        day = (after + timedelta(days=days)).date()
        return _at(day, _pick(rng, _ORDER_HOURS) * 60 + rng.randint(0, 59))

    def people(self) -> list[tuple[datetime, int]]:
        """The customers, and the time of each one's first order in the warehouse (those who never order have
        none)."""
        rng = self.rng
        first: list[tuple[datetime, int]] = []
        for s, store in enumerate(_STORES):
            for _ in range(store.existing):
                signup = store.opened + timedelta(days=rng.randint(0, (date(2023, 12, 31) - store.opened).days))
                c = self._customer(s, signup, True)
                if rng.random() < 0.12:
                    since = max(signup, PASS_LAUNCH)
                    self._membership(c, since + timedelta(days=rng.randint(0, (date(2023, 12, 31) - since).days)))
                if rng.random() < 0.6:
                    when = _at(START + timedelta(days=int(rng.uniform(0, c.gap))), _pick(rng, _ORDER_HOURS) * 60)
                    first.append((when + timedelta(minutes=rng.randint(0, 59)), c.seq))
        for day in _days(START, END):
            for s, store in enumerate(_STORES):
                if s == _NORTHFIELD:
                    rate = 0.0 if day < _NORTHFIELD_SIGNUPS else (1.5 if day < date(2025, 3, 31) else 0.6)
                else:
                    rate = store.monthly / 30.4 * (1.3 if day.year == 2025 else 1.0) * _SEASON[day.month - 1]
                n = int(rate) + (rng.random() < rate - int(rate))
                for _ in range(n):
                    c = self._customer(s, day, False)
                    if rng.random() < 0.85:
                        opens = max(day, store.opened)
                        when = _at(opens + timedelta(days=min(int(rng.expovariate(1 / 2)), 10)),
                                   _pick(rng, _ORDER_HOURS) * 60 + rng.randint(0, 59))  # fmt: skip
                        first.append((when, c.seq))
        return first

    # --- the orders

    def _weights(self, month: int) -> list[float]:
        """Cumulative weights of the products in an order placed in `month` (some sell by the season)."""
        if month not in self.cumulative:
            total, out = 0.0, []
            for p in self.products:
                w = p.weight
                if p.name in _SEASONAL:
                    months, high, low = _SEASONAL[p.name]
                    w *= high if month in months else low
                total += w
                out.append(total)
            self.cumulative[month] = out
        return self.cumulative[month]

    def _add_product(self, chosen: list[_Product], month: int) -> None:
        cumulative = self._weights(month)
        while True:
            p = self.rng.choices(self.products, cum_weights=cumulative)[0]
            if p not in chosen:
                chosen.append(p)
                return

    def _slot(self, c: _Customer, placed: datetime) -> dict | None:
        rng = self.rng
        lead = _pick(rng, _LEAD_DAYS)
        for extra in range(7 - lead):
            day = placed.date() + timedelta(days=lead + extra)
            if day > END:
                return None
            slots = [
                s
                for s in self.slots.get((c.store, day), [])
                if s["slot_start"] >= placed + timedelta(hours=2) and s["booked"] < s["capacity"]
            ]
            if slots:
                weights = _SLOT_WEIGHTS[day.weekday() >= 5]
                return rng.choices(slots, [weights[_SLOT_HOURS.index(s["slot_start"].hour)] for s in slots])[0]
        return None

    def _voucher(self, c: _Customer, placed: datetime, basket: float) -> str | None:
        rng = self.rng
        day = placed.date()
        for code, _, _, _, least, first, last, new_only, take_up in _VOUCHERS:
            if not first <= day <= last or basket < least:
                continue
            if new_only and c.placed > 0:
                continue
            if new_only and c.signup < START:
                continue
            if code == "NORTHFIELD20" and c.store != _NORTHFIELD:
                continue
            if code == "COMEBACK8" and (c.last_placed is None or placed - c.last_placed < timedelta(days=60)):
                continue
            if rng.random() < take_up:
                return code
        return None

    def _driver_for(self, store: int, zone: int, day: date) -> _Driver:
        drive = self.zones[zone][3]
        able = [
            d for d in self.drivers if d.store == store and d.works(day) and (d.vehicle != "Cargo bike" or drive <= 10)
        ]
        assert able, (store, zone, day)
        return self.rng.choices(able, [d.weight for d in able])[0]

    def _late_chance(self, c: _Customer, day: date) -> float:
        p = 0.06
        if SHORTAGE[0] <= day <= SHORTAGE[1]:
            p = 0.3 if c.store in (0, 1) else 0.14
        if SNOW[0] <= day <= SNOW[1]:
            p = 0.55
        if c.store == _NORTHFIELD and day < NORTHFIELD_OPEN + timedelta(weeks=8):
            p = 0.15
        return p

    def order(self, c: _Customer, placed: datetime) -> dict | None:
        """Place, pick and deliver an order of `c`'s at `placed`; None when no slot is free."""
        rng = self.rng
        day = placed.date()
        store = _STORES[c.store]
        express = (
            store.express is not None
            and day >= store.express
            and 8 <= placed.hour <= 20
            and not _closed(day)
            and rng.random() < c.express
        )
        slot = None
        if not express:
            slot = self._slot(c, placed)
            if slot is None:
                return None
        lines = min(_pick(rng, _LINES), 8) if express else _pick(rng, _LINES)
        if not express and day.month == 12 and rng.random() < 0.7:
            lines += rng.randint(2, 6)
        products: list[_Product] = []
        for _ in range(lines):
            self._add_product(products, day.month)
        quantities = [_pick(rng, _QUANTITIES) for _ in products]
        if express:
            while sum(quantities) > 15:
                quantities[quantities.index(max(quantities))] -= 1
        basket = _cents(sum(p.price(day) * q for p, q in zip(products, quantities, strict=True)))
        while not express and basket < 25:
            self._add_product(products, day.month)
            quantities.append(_pick(rng, _QUANTITIES))
            basket = _cents(sum(p.price(day) * q for p, q in zip(products, quantities, strict=True)))
        voucher = None if express else self._voucher(c, placed, basket)
        discount = 0.0
        if voucher is not None:
            kind, value = next((v[2], v[3]) for v in _VOUCHERS if v[0] == voucher)
            discount = value if kind == "Amount" else _cents(basket * value / 100)
        joins = 0.05 if not c.memberships else 0.015
        if not express and not c.member_on(day) and c.orders >= 2 and rng.random() < joins:
            self._membership(c, day)
        member = c.member_on(day)
        fee = _EXPRESS_FEE if express else _fee(basket, day, member)
        grown = (day - START).days / (END - START).days
        channel = "App" if rng.random() < 0.5 + 0.2 * grown + c.app else "Web"
        order = {
            "customer": c,
            "store_id": c.store + 1,
            "delivery_type": "Express" if express else "Scheduled",
            "slot": slot,
            "placed_at": placed,
            "channel": channel,
            "status": "",
            "cancelled_at": None,
            "voucher_code": voucher,
            "basket_value": basket,
            "discount_amount": discount,
            "delivery_fee": fee,
            "items_charged": 0.0,
            "total_charged": 0.0,
            "lines": [],
        }
        self.orders.append(order)
        c.placed += 1
        c.last_placed = placed
        for p, q in zip(products, quantities, strict=True):
            line = {"order": order, "product": p, "quantity": q, "unit_price": p.price(day), "pick_status": "",
                    "line_amount": 0.0, "substitution": None}  # fmt: skip
            order["lines"].append(line)
            self.lines.append(line)
        # cancellation, up to three hours before the slot
        if slot is not None and rng.random() < 0.045:
            latest = slot["slot_start"] - timedelta(hours=3)
            span = _minutes(latest - placed) - 5
            if span > 0:
                order["status"] = "Cancelled"
                order["cancelled_at"] = placed + timedelta(minutes=5 + rng.randint(0, span))
                for line in order["lines"]:
                    line["pick_status"] = "Not picked"
                return order
        if slot is not None:
            slot["booked"] += 1
        self._pick(order, day)
        self._deliver(order, c, day)
        return order

    def _pick(self, order: dict, day: date) -> None:
        rng = self.rng
        c = order["customer"]
        boost = 1.0
        if c.store == _NORTHFIELD:
            weeks = (day - NORTHFIELD_OPEN).days // 7
            boost = max(1.0, 3.5 - 0.25 * weeks)
        ordered = {line["product"].seq for line in order["lines"]}
        for line in order["lines"]:
            p = line["product"]
            if rng.random() >= _CATEGORIES[p.category][4] * boost:
                line["pick_status"] = "Picked"
                continue
            near = [
                q
                for q in self.by_category[p.category]
                if q.seq not in ordered and 0.6 * p.price(day) <= q.price(day) <= 1.4 * p.price(day)
            ]
            if near and rng.random() < 0.65:
                sub = rng.choice(near)
                ordered.add(sub.seq)
                line["pick_status"] = "Substituted"
                line["substitution"] = {"line": line, "product": sub, "quantity": line["quantity"],
                                        "unit_price": sub.price(day), "response": ""}  # fmt: skip
                self.substitutions.append(line["substitution"])
            else:
                line["pick_status"] = "Missing"

    def _deliver(self, order: dict, c: _Customer, day: date) -> None:
        rng = self.rng
        placed = order["placed_at"]
        drive = self.zones[c.zone][3]
        slot = order["slot"]
        if slot is None:
            promised = placed + timedelta(minutes=60)
            dispatched = placed + timedelta(minutes=rng.randint(6, 20))
            arrived = dispatched + timedelta(minutes=drive + rng.randint(0, 8))
            if rng.random() < 0.12 + (0.3 if SNOW[0] <= day <= SNOW[1] else 0.0):
                arrived += timedelta(minutes=1 + int(rng.expovariate(1 / 15)))
        else:
            promised = slot["slot_end"]
            slot_day = slot["slot_start"].date()
            if rng.random() < self._late_chance(c, slot_day):
                stretched = SHORTAGE[0] <= slot_day <= SHORTAGE[1] or SNOW[0] <= slot_day <= SNOW[1]
                late = int(rng.expovariate(1 / (40 if stretched else 24)))
                late = 1 + min(late, 180, _minutes(_CLOSE - promised) - 1)
                arrived = promised + timedelta(minutes=late)
            else:
                arrived = slot["slot_start"] + timedelta(minutes=rng.randint(0, 120))
            dispatched = arrived - timedelta(minutes=drive + rng.randint(3, 55))
        fail = 0.03
        if SNOW[0] <= arrived.date() <= SNOW[1]:
            fail = 0.14
        failed = rng.random() < fail
        reason = None
        if failed:
            reason = "Access problem" if fail > 0.1 and rng.random() < 0.7 else _pick(rng, _FAILURES)
        late = _minutes(arrived - promised)
        driver = self._driver_for(c.store, c.zone, arrived.date())
        delivery = {
            "order": order,
            "driver": driver,
            "dispatched_at": dispatched,
            "promised_by": promised,
            "arrived_at": arrived,
            "outcome": "Failed" if failed else "Delivered",
            "failure_reason": reason,
            "distance_km": round(max(0.8, drive * 0.55 + rng.uniform(-1.0, 2.0)), 1),
            "customer_rating": None,
        }
        self.deliveries.append(delivery)
        order["status"] = "Failed" if failed else "Delivered"
        unhappy = 0
        for line in order["lines"]:
            sub = line["substitution"]
            if failed:
                if sub is not None:
                    sub["response"] = "Not delivered"
                continue
            if line["pick_status"] == "Picked":
                line["line_amount"] = _cents(line["quantity"] * line["unit_price"])
            elif sub is not None:
                if rng.random() < 0.8:
                    sub["response"] = "Accepted"
                    line["line_amount"] = _cents(line["quantity"] * min(line["unit_price"], sub["unit_price"]))
                else:
                    sub["response"] = "Rejected"
                    unhappy += 1
            else:
                unhappy += 1
        if failed:
            order["churn"] = 0.2
            return
        items = _cents(sum(line["line_amount"] for line in order["lines"]))
        order["items_charged"] = items
        order["total_charged"] = _cents(max(items - order["discount_amount"], 0.0) + order["delivery_fee"])
        c.orders += 1
        order["churn"] = min(0.12, 0.03 * unhappy) + (0.12 if late > 30 else 0.0)
        if rng.random() < 0.38:
            score = 5 - (late > 0) - (late > 30) - min(unhappy, 2) + rng.choice((0, 0, 0, -1, -1, -2))
            delivery["customer_rating"] = max(1, min(5, score))
        # refunds
        if late > 30:
            when = min(arrived + timedelta(minutes=rng.randint(30, 240)), _CLOSE)
            self.refunds.append({"order": order, "line": None, "refunded_at": when, "reason": "Late delivery",
                                 "amount": _LATE_CREDIT, "method": "Account credit"})  # fmt: skip
        for line in order["lines"]:
            if line["line_amount"] <= 0:
                continue
            k = line["product"].category
            chances = (
                ("Damaged item", 0.008),
                ("Poor quality", 0.016 if k in _FRESH else 0.003),
                ("Short dated", 0.008 if k in _SHORT_DATED else 0.0),
            )
            for reason, chance in chances:
                if rng.random() < chance:
                    when = min(arrived + timedelta(minutes=rng.randint(30, 72 * 60)), _CLOSE)
                    amount = _cents(line["line_amount"] / line["quantity"])
                    method = "Card" if rng.random() < 0.6 else "Account credit"
                    self.refunds.append({"order": order, "line": line, "refunded_at": when, "reason": reason,
                                         "amount": amount, "method": method})  # fmt: skip
                    break

    def trade(self, first: list[tuple[datetime, int]]) -> None:
        """Every order, in the order they were placed: each customer's next order follows their last, until
        they stop ordering."""
        rng = self.rng
        queue = [(when, c, k) for k, (when, c) in enumerate(first)]
        heapq.heapify(queue)
        seq = len(queue)
        while queue:
            when, ci, _ = heapq.heappop(queue)
            if when > _CLOSE:
                continue
            c = self.customers[ci]
            order = self.order(c, when)
            if order is None:  # no free slot: try again the next day
                nxt = _at(when.date() + timedelta(days=1), _pick(rng, _ORDER_HOURS) * 60 + rng.randint(0, 59))
            else:
                stop = (0.3 if c.placed == 1 and c.signup >= START else 0.05) + order.get("churn", 0.0)
                if rng.random() < stop:
                    continue
                gap = c.gap * (0.7 if c.member_on(when.date()) else 1.0)
                month = when.month
                nxt = self._order_time(when, gap / _SEASON[month - 1])
                if order["status"] == "Cancelled":
                    nxt = _at(when.date() + timedelta(days=rng.randint(1, 4)), _pick(rng, _ORDER_HOURS) * 60)
                    nxt += timedelta(minutes=rng.randint(0, 59))
            heapq.heappush(queue, (nxt, ci, seq))
            seq += 1

    # --- the tables

    def finish(self) -> dict[str, list[dict]]:
        customers = []
        emails: dict[str, int] = {}
        people = sorted(self.customers, key=lambda c: (c.signup, c.seq))
        for number, c in enumerate(people, start=1):
            handle = f"{c.first}.{c.last}".lower()
            emails[handle] = emails.get(handle, 0) + 1
            suffix = "" if emails[handle] == 1 else str(emails[handle])
            domain = ("mailbox.co.uk", "inbox.net", "postmail.org")[c.seq % 3]
            c.row = {
                "customer_id": number,
                "first_name": c.first,
                "last_name": c.last,
                "email": f"{handle}{suffix}@{domain}",
                "zone_id": c.zone + 1,
                "signup_date": c.signup,
                "acquisition_channel": c.channel,
                "marketing_opt_in": c.opt_in,
            }
            customers.append(c.row)
        memberships = sorted(
            (m for c in self.customers for m in c.memberships),
            key=lambda m: (m["started_on"], m["customer"].row["customer_id"]),
        )
        drivers = sorted(self.drivers, key=lambda d: (d.hired, d.seq))
        for number, d in enumerate(drivers, start=1):
            d.row = {
                "driver_id": number,
                "first_name": d.first,
                "last_name": d.last,
                "store_id": d.store + 1,
                "hired_date": d.hired,
                "left_date": d.left,
                "contract_type": d.contract,
                "vehicle_type": d.vehicle,
            }
        orders, lines, subs = [], [], []
        for number, o in enumerate(self.orders, start=1):
            o["order_id"] = number
            orders.append(
                {
                    "order_id": number,
                    "order_number": f"FC{1_000_000 + number}",
                    "customer_id": o["customer"].row["customer_id"],
                    "store_id": o["store_id"],
                    "delivery_type": o["delivery_type"],
                    "slot_id": None if o["slot"] is None else o["slot"]["slot_id"],
                    **{
                        k: o[k]
                        for k in (
                            "placed_at",
                            "channel",
                            "status",
                            "cancelled_at",
                            "voucher_code",
                            "basket_value",
                            "discount_amount",
                            "delivery_fee",
                            "items_charged",
                            "total_charged",
                        )
                    },
                }
            )
            for line in o["lines"]:
                line["order_line_id"] = len(lines) + 1
                lines.append(
                    {
                        "order_line_id": line["order_line_id"],
                        "order_id": number,
                        "product_id": line["product"].seq + 1,
                        "quantity": line["quantity"],
                        "unit_price": line["unit_price"],
                        "pick_status": line["pick_status"],
                        "line_amount": line["line_amount"],
                    }
                )
                sub = line["substitution"]
                if sub is not None:
                    subs.append(
                        {
                            "substitution_id": len(subs) + 1,
                            "order_line_id": line["order_line_id"],
                            "substitute_product_id": sub["product"].seq + 1,
                            "quantity": sub["quantity"],
                            "substitute_unit_price": sub["unit_price"],
                            "customer_response": sub["response"],
                        }
                    )
        deliveries = [
            {
                "delivery_id": n,
                "order_id": d["order"]["order_id"],
                "driver_id": d["driver"].row["driver_id"],
                **{
                    k: d[k]
                    for k in (
                        "dispatched_at",
                        "promised_by",
                        "arrived_at",
                        "outcome",
                        "failure_reason",
                        "distance_km",
                        "customer_rating",
                    )
                },
            }
            for n, d in enumerate(self.deliveries, start=1)
        ]
        refunds = sorted(
            self.refunds,
            key=lambda r: (
                r["refunded_at"],
                r["order"]["order_id"],
                -1 if r["line"] is None else r["line"]["order_line_id"],
            ),
        )
        return {
            "stores": [
                {
                    "store_id": s + 1,
                    "store_name": store.name,
                    "town": store.town,
                    "opened_date": store.opened,
                    "floor_area_sqm": store.area,
                    "express_since": store.express,
                }
                for s, store in enumerate(_STORES)
            ],
            "delivery_zones": [
                {
                    "zone_id": z + 1,
                    "zone_name": name,
                    "store_id": s + 1,
                    "postcode_district": district,
                    "drive_minutes": drive,
                }
                for z, (s, name, district, drive, _) in enumerate(self.zones)
            ],
            "customers": customers,
            "pass_memberships": [
                {
                    "membership_id": n,
                    "customer_id": m["customer"].row["customer_id"],
                    "plan": m["plan"],
                    "price": m["price"],
                    "started_on": m["started_on"],
                    "ended_on": m["ended_on"],
                }
                for n, m in enumerate(memberships, start=1)
            ],
            "categories": [
                {"category_id": k + 1, "category_name": name, "department": dept, "age_restricted": adult}
                for k, (name, dept, adult, _, _) in enumerate(_CATEGORIES)
            ],
            "products": [
                {
                    "product_id": p.seq + 1,
                    "sku": f"FC-{p.category + 1:02d}{self.by_category[p.category].index(p) + 1:03d}",
                    "product_name": p.name,
                    "category_id": p.category + 1,
                    "brand": p.brand,
                    "is_own_brand": int(p.brand == _FC),
                    "pack_size": p.pack,
                    "price": p.price25,
                }
                for p in self.products
            ],
            "vouchers": [
                {
                    "voucher_code": code,
                    "description": text,
                    "discount_type": kind,
                    "discount_value": value,
                    "min_basket": least,
                    "valid_from": first,
                    "valid_to": last,
                    "new_customers_only": new_only,
                }
                for code, text, kind, value, least, first, last, new_only, _ in _VOUCHERS
            ],
            "delivery_slots": [{k: v for k, v in s.items() if k != "booked"} for s in self.slot_rows],
            "drivers": [d.row for d in drivers],
            "orders": orders,
            "order_lines": lines,
            "substitutions": subs,
            "deliveries": deliveries,
            "refunds": [
                {
                    "refund_id": n,
                    "order_id": r["order"]["order_id"],
                    "order_line_id": None if r["line"] is None else r["line"]["order_line_id"],
                    "refunded_at": r["refunded_at"],
                    "reason": r["reason"],
                    "amount": r["amount"],
                    "method": r["method"],
                }
                for n, r in enumerate(refunds, start=1)
            ],
        }


def grocery_rows() -> dict[str, list[dict]]:
    """Every table's rows, by table name, generated from the fixed seed. Times are datetimes (written as
    'YYYY-MM-DD HH:MM')."""
    freshcart = _Freshcart(SEED)
    freshcart.setup()
    freshcart.trade(freshcart.people())
    return freshcart.finish()


def database_path(out_dir: Path) -> Path:
    return sqlite_file.database_path(out_dir, DB_ID)


def build(out_dir: Path) -> Path:
    """Write the warehouse under `out_dir` in the eval-set layout, replacing an older build; return its path."""
    return sqlite_file.write(database_path(out_dir), _TABLES, _with_minute_times(grocery_rows()))


def main(argv: list[str] | None = None) -> int:
    return sqlite_file.main(argv, "bench.warehouses.grocery", build, HELD_OUT_QUESTIONS)


if __name__ == "__main__":
    sys.exit(main())
