"""The bundled demo warehouse: a deterministic retail/sales DuckDB file, built on first use.

Everything is generated from a fixed seed over fixed dates (2023-01-01 .. 2025-12-31), so every
build holds the same rows and the same questions always have the same answers.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

DEMO_DB_ENV = "TABLETALK_DEMO_DB"

SEED = 20230101
START = np.datetime64("2023-01-01")
END = np.datetime64("2025-12-31")
N_CUSTOMERS = 3200
N_ORDERS = 56_000

Progress = Callable[[str], None]


def default_demo_path() -> Path:
    override = os.environ.get(DEMO_DB_ENV)
    if override:
        return Path(override).expanduser()
    return Path.home() / ".cache" / "tabletalk" / "demo.duckdb"


def ensure_demo_warehouse(path: Path | None = None, *, progress: Progress | None = None) -> Path:
    """Return the demo warehouse path, building the file first if it does not exist yet."""
    target = Path(path or default_demo_path()).expanduser().absolute()
    if target.exists():
        return target
    say = progress or (lambda _message: None)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Build beside the target and rename into place: a crash leaves no half-built file, and two
    # racing builders each rename a complete, identical file.
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    started = time.perf_counter()
    try:
        _build(tmp, say)
        if not target.exists():
            os.replace(tmp, target)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    say(f"Demo warehouse ready ({time.perf_counter() - started:.1f} s).")
    return target


def demo_url(path: Path | None = None) -> str:
    """SQLAlchemy URL of the demo warehouse, building it first if needed."""
    return f"duckdb:///{ensure_demo_warehouse(path).as_posix()}"


# --------------------------------------------------------------------------------------------
# Schema: every table and column carries a comment, because the comments are what the model
# reads to learn what the data means.


@dataclass(frozen=True)
class _Col:
    name: str
    ddl: str
    comment: str


@dataclass(frozen=True)
class _Table:
    name: str
    comment: str
    columns: tuple[_Col, ...]
    constraints: tuple[str, ...] = ()


_TABLES: tuple[_Table, ...] = (
    _Table(
        "customers",
        "Customers who buy from the company: individuals and businesses, one row per account.",
        (
            _Col("customer_id", "INTEGER PRIMARY KEY", "Unique customer identifier."),
            _Col(
                "customer_name",
                "VARCHAR NOT NULL",
                "Customer name: a person's full name for Consumer customers, a company name "
                "for Corporate and Small Business customers.",
            ),
            _Col(
                "segment",
                "VARCHAR NOT NULL",
                "Customer segment: 'Consumer' (individual shoppers), 'Corporate' (large "
                "companies) or 'Small Business'.",
            ),
            _Col(
                "region",
                "VARCHAR NOT NULL",
                "Sales region of the customer: 'North America', 'Europe', 'Asia Pacific' or 'Latin America'.",
            ),
            _Col(
                "country",
                "VARCHAR NOT NULL",
                "Country of the customer, full English name, e.g. 'United States', 'Germany'.",
            ),
            _Col("city", "VARCHAR NOT NULL", "City of the customer, e.g. 'Chicago', 'Munich'."),
            _Col("signup_date", "DATE NOT NULL", "Date the customer account was created."),
        ),
    ),
    _Table(
        "products",
        "Product catalogue: everything the company sells, one row per product.",
        (
            _Col("product_id", "INTEGER PRIMARY KEY", "Unique product identifier."),
            _Col("product_name", "VARCHAR NOT NULL", "Product name as shown in the catalogue."),
            _Col(
                "category",
                "VARCHAR NOT NULL",
                "Product category: 'Electronics', 'Furniture', 'Office Supplies', 'Appliances' or 'Accessories'.",
            ),
            _Col(
                "subcategory",
                "VARCHAR NOT NULL",
                "Product subcategory within the category, e.g. 'Laptops', 'Chairs', 'Paper'.",
            ),
            _Col(
                "unit_price",
                "DECIMAL(12,2) NOT NULL",
                "Current (2025) list price of one unit, in USD. Prices in earlier years were "
                "lower; the price actually charged is order_lines.unit_price.",
            ),
            _Col(
                "unit_cost",
                "DECIMAL(12,2) NOT NULL",
                "What one unit costs the company to buy, in USD; margin = unit_price - unit_cost.",
            ),
            _Col(
                "launch_date",
                "DATE NOT NULL",
                "Date the product went on sale; it has no orders before this date.",
            ),
        ),
    ),
    _Table(
        "sales_reps",
        "Sales representatives; each rep handles orders from customers in one region.",
        (
            _Col("rep_id", "INTEGER PRIMARY KEY", "Unique sales rep identifier."),
            _Col("rep_name", "VARCHAR NOT NULL", "Full name of the sales rep."),
            _Col(
                "region",
                "VARCHAR NOT NULL",
                "Region the rep covers: 'North America', 'Europe', 'Asia Pacific' or 'Latin America'.",
            ),
            _Col("hire_date", "DATE NOT NULL", "Date the rep joined the company."),
        ),
    ),
    _Table(
        "orders",
        "Customer orders, one row per order (the order header). Order contents and revenue are in order_lines.",
        (
            _Col("order_id", "INTEGER PRIMARY KEY", "Unique order identifier."),
            _Col(
                "customer_id",
                "INTEGER NOT NULL",
                "Customer who placed the order (customers.customer_id).",
            ),
            _Col(
                "rep_id",
                "INTEGER NOT NULL",
                "Sales rep credited with the order (sales_reps.rep_id).",
            ),
            _Col(
                "order_date",
                "DATE NOT NULL",
                "Date the order was placed. Use this date for sales by day, month, quarter or year.",
            ),
            _Col(
                "ship_date",
                "DATE",
                "Date the order left the warehouse; NULL when not shipped (status 'Processing' or 'Cancelled').",
            ),
            _Col(
                "status",
                "VARCHAR NOT NULL",
                "Order status as of 2025-12-31: 'Delivered'; 'Shipped' (in transit); "
                "'Processing' (not shipped yet); 'Cancelled'; 'Returned' (delivered, then one or "
                "more of its lines were returned, see the returns table). Cancelled orders keep "
                "their order lines; exclude status = 'Cancelled' only when a question asks to.",
            ),
            _Col(
                "channel",
                "VARCHAR NOT NULL",
                "Sales channel: 'Online' (web shop), 'Retail' (physical stores) or 'Partner' (resellers).",
            ),
        ),
        (
            "FOREIGN KEY (customer_id) REFERENCES customers (customer_id)",
            "FOREIGN KEY (rep_id) REFERENCES sales_reps (rep_id)",
        ),
    ),
    _Table(
        "order_lines",
        "Order lines: one row per product on an order. Revenue (sales) is SUM(net_amount); "
        "the date of a line is orders.order_date.",
        (
            _Col("order_line_id", "INTEGER PRIMARY KEY", "Unique order line identifier."),
            _Col("order_id", "INTEGER NOT NULL", "Order this line belongs to (orders.order_id)."),
            _Col("product_id", "INTEGER NOT NULL", "Product sold (products.product_id)."),
            _Col("quantity", "INTEGER NOT NULL", "Number of units sold on this line."),
            _Col(
                "unit_price",
                "DECIMAL(12,2) NOT NULL",
                "List price of one unit at the time of the order, before discount, in USD.",
            ),
            _Col(
                "discount",
                "DECIMAL(3,2) NOT NULL",
                "Discount as a fraction of the list price, from 0 (none) to 0.30 (30% off).",
            ),
            _Col(
                "net_amount",
                "DECIMAL(12,2) NOT NULL",
                "Revenue of the line after discount, in USD: quantity * unit_price * "
                "(1 - discount), rounded to cents. Sum this for sales / revenue.",
            ),
        ),
        (
            "FOREIGN KEY (order_id) REFERENCES orders (order_id)",
            "FOREIGN KEY (product_id) REFERENCES products (product_id)",
        ),
    ),
    _Table(
        "returns",
        "Returned order lines: one row per order line the customer sent back after delivery.",
        (
            _Col("return_id", "INTEGER PRIMARY KEY", "Unique return identifier."),
            _Col(
                "order_line_id",
                "INTEGER NOT NULL UNIQUE",
                "Order line that was returned (order_lines.order_line_id); the whole line is returned.",
            ),
            _Col("return_date", "DATE NOT NULL", "Date the returned goods were received."),
            _Col(
                "reason",
                "VARCHAR NOT NULL",
                "Why the customer returned it: 'Defective', 'Damaged in transit', 'Wrong item "
                "shipped', 'Not as described' or 'No longer needed'.",
            ),
            _Col(
                "refund_amount",
                "DECIMAL(12,2) NOT NULL",
                "Money refunded to the customer, in USD: the line's net_amount, less a 15% "
                "restocking fee when the reason is 'No longer needed'.",
            ),
        ),
        ("FOREIGN KEY (order_line_id) REFERENCES order_lines (order_line_id)",),
    ),
    _Table(
        "sales_targets",
        "Quarterly revenue targets per sales rep, one row per rep, year and quarter.",
        (
            _Col("rep_id", "INTEGER NOT NULL", "Sales rep the target is for (sales_reps.rep_id)."),
            _Col("year", "INTEGER NOT NULL", "Calendar year of the target, e.g. 2025."),
            _Col("quarter", "INTEGER NOT NULL", "Calendar quarter of the target, 1 to 4."),
            _Col(
                "target_amount",
                "DECIMAL(12,2) NOT NULL",
                "Revenue target in USD, to compare with SUM(order_lines.net_amount) over the "
                "rep's orders whose order_date falls in that quarter.",
            ),
        ),
        (
            "PRIMARY KEY (rep_id, year, quarter)",
            "FOREIGN KEY (rep_id) REFERENCES sales_reps (rep_id)",
            "CHECK (quarter BETWEEN 1 AND 4)",
        ),
    ),
)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ddl(table: _Table) -> list[str]:
    body = ",\n  ".join([f"{c.name} {c.ddl}" for c in table.columns] + list(table.constraints))
    statements = [f"CREATE TABLE {table.name} (\n  {body}\n)"]
    statements.append(f"COMMENT ON TABLE {table.name} IS {_quote(table.comment)}")
    statements += [f"COMMENT ON COLUMN {table.name}.{c.name} IS {_quote(c.comment)}" for c in table.columns]
    return statements


# --------------------------------------------------------------------------------------------
# Reference data.

_REGIONS: dict[str, tuple[float, dict[str, tuple[float, tuple[str, ...]]]]] = {
    "North America": (
        0.40,
        {
            "United States": (
                0.82,
                (
                    "New York",
                    "Los Angeles",
                    "Chicago",
                    "Houston",
                    "Seattle",
                    "Boston",
                    "Atlanta",
                    "Denver",
                    "Austin",
                    "San Francisco",
                ),
            ),
            "Canada": (0.18, ("Toronto", "Vancouver", "Montreal", "Calgary", "Ottawa")),
        },
    ),
    "Europe": (
        0.30,
        {
            "United Kingdom": (0.24, ("London", "Manchester", "Birmingham", "Edinburgh", "Bristol")),
            "Germany": (0.22, ("Berlin", "Munich", "Hamburg", "Frankfurt", "Cologne")),
            "France": (0.16, ("Paris", "Lyon", "Marseille", "Toulouse")),
            "Spain": (0.10, ("Madrid", "Barcelona", "Valencia", "Seville")),
            "Italy": (0.10, ("Milan", "Rome", "Turin", "Naples")),
            "Netherlands": (0.09, ("Amsterdam", "Rotterdam", "Utrecht")),
            "Sweden": (0.05, ("Stockholm", "Gothenburg", "Malmo")),
            "Ireland": (0.04, ("Dublin", "Cork")),
        },
    ),
    "Asia Pacific": (
        0.20,
        {
            "Australia": (0.26, ("Sydney", "Melbourne", "Brisbane", "Perth")),
            "Japan": (0.24, ("Tokyo", "Osaka", "Yokohama", "Nagoya")),
            "India": (0.20, ("Mumbai", "Bangalore", "Delhi", "Hyderabad", "Pune")),
            "South Korea": (0.12, ("Seoul", "Busan", "Incheon")),
            "Singapore": (0.10, ("Singapore",)),
            "New Zealand": (0.08, ("Auckland", "Wellington", "Christchurch")),
        },
    ),
    "Latin America": (
        0.10,
        {
            "Brazil": (0.34, ("Sao Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba")),
            "Mexico": (0.28, ("Mexico City", "Guadalajara", "Monterrey", "Puebla")),
            "Colombia": (0.12, ("Bogota", "Medellin", "Cali")),
            "Chile": (0.10, ("Santiago", "Valparaiso")),
            "Argentina": (0.10, ("Buenos Aires", "Cordoba", "Rosario")),
            "Peru": (0.06, ("Lima", "Arequipa")),
        },
    ),
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SEGMENTS = {"Consumer": 0.60, "Corporate": 0.25, "Small Business": 0.15}

_FIRST_NAMES = _words(
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Carlos Karen Ana Lucas Sofia Noah Emma Liam "
    "Mia Ethan Chloe Hiroshi Yuki Arjun Ananya Wei Mei Lars Ingrid Pierre Camille Jonas Lena "
    "Mateus Beatriz Oliver Amelia Jack Isla Raj Kavya Min-jun Seo-yeon Diego Valeria Marco "
    "Giulia Sven Freya Tariq Leila"
)
_LAST_NAMES = _words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
    "Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Thompson White Harris Clark Lewis "
    "Walker Young Allen King Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell "
    "Roberts Carter Muller Schmidt Dubois Moreau Rossi Bianchi Tanaka Suzuki Sato Patel Sharma "
    "Kim Park Chen Wang Silva Santos Johansson Andersson Murphy"
)
_COMPANY_WORDS = _words(
    "Acme Apex Atlas Beacon Blue Bright Cascade Cedar Crest Delta Eagle Evergreen Falcon "
    "Frontier Granite Harbor Horizon Iron Keystone Lakeside Liberty Maple Meridian Northwind "
    "Oak Orion Pacific Peak Pine Pioneer Quantum Redwood River Sierra Silver Summit Sun "
    "Titan Union Vista"
)
_CORPORATE_KINDS = (
    "Logistics",
    "Systems",
    "Holdings",
    "Industries",
    "Manufacturing",
    "Consulting",
    "Financial",
    "Health",
    "Energy",
    "Technologies",
    "Foods",
    "Media",
)
_CORPORATE_SUFFIXES = ("Inc", "Corp", "Group", "Ltd", "PLC")
_SMALL_BUSINESS_KINDS = (
    "Bakery",
    "Dental",
    "Design Studio",
    "Cafe",
    "Hardware",
    "Florist",
    "Law Office",
    "Accounting",
    "Print Shop",
    "Fitness",
    "Veterinary Clinic",
    "Bookshop",
    "Architects",
    "Auto Repair",
    "Realty",
)

# (name, category, subcategory, 2025 list price in USD, launch date or None for "before 2023").
_PRODUCTS: tuple[tuple[str, str, str, float, str | None], ...] = (
    ("Aurora 14 Ultrabook", "Electronics", "Laptops", 1299.00, None),
    ("Aurora 16 Pro Laptop", "Electronics", "Laptops", 1899.00, None),
    ("Vector 15 Business Laptop", "Electronics", "Laptops", 1049.00, None),
    ("Nimbus Chromebook 11", "Electronics", "Laptops", 329.00, None),
    ("Zenith 24-inch FHD Monitor", "Electronics", "Monitors", 189.00, None),
    ("Zenith 27-inch 4K Monitor", "Electronics", "Monitors", 449.00, None),
    ("Zenith 34-inch Curved Monitor", "Electronics", "Monitors", 699.00, "2023-05-15"),
    ("Pulse Wireless Earbuds", "Electronics", "Audio", 129.00, None),
    ("Pulse Noise-Cancelling Headphones", "Electronics", "Audio", 279.00, None),
    ("Echo Bluetooth Speaker", "Electronics", "Audio", 89.00, None),
    ("Orbit 10 Tablet", "Electronics", "Phones & Tablets", 399.00, None),
    ("Orbit 6 Smartphone", "Electronics", "Phones & Tablets", 749.00, None),
    ("Orbit 6 Pro Smartphone", "Electronics", "Phones & Tablets", 999.00, "2024-09-16"),
    ("Vertex Ergonomic Office Chair", "Furniture", "Chairs", 389.00, None),
    ("Vertex Mesh Task Chair", "Furniture", "Chairs", 199.00, None),
    ("Harbor Executive Leather Chair", "Furniture", "Chairs", 549.00, None),
    ("Summit Electric Standing Desk", "Furniture", "Desks", 649.00, None),
    ("Summit Writing Desk", "Furniture", "Desks", 279.00, None),
    ("Atlas L-Shaped Corner Desk", "Furniture", "Desks", 459.00, "2023-09-01"),
    ("Cedar 3-Drawer Filing Cabinet", "Furniture", "Storage", 219.00, None),
    ("Cedar 5-Shelf Bookcase", "Furniture", "Storage", 159.00, None),
    ("Cedar Mobile Pedestal", "Furniture", "Storage", 179.00, None),
    ("Lumen LED Desk Lamp", "Furniture", "Lighting", 59.00, None),
    ("Lumen Arc Floor Lamp", "Furniture", "Lighting", 119.00, None),
    ("Brightline Copy Paper 500 Sheets", "Office Supplies", "Paper", 8.99, None),
    ("Brightline Copy Paper Case 10 Reams", "Office Supplies", "Paper", 54.99, None),
    ("Brightline Sticky Notes 12-Pack", "Office Supplies", "Paper", 11.49, None),
    ("Inkwell Gel Pens 12-Pack", "Office Supplies", "Writing Instruments", 14.99, None),
    ("Inkwell Fountain Pen", "Office Supplies", "Writing Instruments", 49.00, None),
    ("Inkwell Dry-Erase Markers 8-Pack", "Office Supplies", "Writing Instruments", 12.99, None),
    ("Keystone 2-Inch Ring Binder", "Office Supplies", "Binders & Filing", 6.49, None),
    ("Keystone Hanging File Folders 25-Pack", "Office Supplies", "Binders & Filing", 19.99, None),
    ("Keystone Label Maker", "Office Supplies", "Binders & Filing", 39.99, None),
    ("Tidy Desk Organizer Set", "Office Supplies", "Desk Organizers", 29.99, None),
    ("Tidy Monitor Stand with Drawer", "Office Supplies", "Desk Organizers", 44.99, None),
    ("Tidy Cable Management Kit", "Office Supplies", "Desk Organizers", 24.99, "2024-03-04"),
    ("Brewmaster Espresso Machine", "Appliances", "Coffee Makers", 599.00, None),
    ("Brewmaster Drip Coffee Maker", "Appliances", "Coffee Makers", 89.00, None),
    ("Brewmaster Electric Kettle", "Appliances", "Coffee Makers", 49.00, None),
    ("Brewmaster Cold Brew System", "Appliances", "Coffee Makers", 129.00, "2025-03-03"),
    ("Jetstream Laser Printer", "Appliances", "Printers & Scanners", 329.00, None),
    ("Jetstream Color Inkjet Printer", "Appliances", "Printers & Scanners", 179.00, None),
    ("Jetstream Document Scanner", "Appliances", "Printers & Scanners", 259.00, None),
    ("Shredmax Cross-Cut Shredder", "Appliances", "Shredders", 149.00, None),
    ("Shredmax Micro-Cut Shredder", "Appliances", "Shredders", 289.00, None),
    ("Breeze HEPA Air Purifier", "Appliances", "Climate Control", 229.00, None),
    ("Breeze Tower Fan", "Appliances", "Climate Control", 79.00, None),
    ("Breeze Space Heater", "Appliances", "Climate Control", 69.00, None),
    ("Pulse Wireless Keyboard", "Accessories", "Keyboards & Mice", 69.00, None),
    ("Pulse Ergonomic Mouse", "Accessories", "Keyboards & Mice", 49.00, None),
    ("Pulse Mechanical Keyboard", "Accessories", "Keyboards & Mice", 129.00, None),
    ("Volt USB-C Charger 65W", "Accessories", "Cables & Chargers", 45.00, None),
    ("Volt USB-C Docking Station", "Accessories", "Cables & Chargers", 189.00, None),
    ("Volt Braided Charging Cable 2m", "Accessories", "Cables & Chargers", 19.00, None),
    ("Volt Power Bank 20000mAh", "Accessories", "Cables & Chargers", 59.00, None),
    ("Voyager Laptop Backpack", "Accessories", "Bags & Cases", 89.00, None),
    ("Voyager Laptop Sleeve 14-inch", "Accessories", "Bags & Cases", 35.00, None),
    ("Clearview HD Webcam", "Accessories", "Webcams", 79.00, None),
    ("Clearview 4K Webcam", "Accessories", "Webcams", 169.00, None),
    ("Clearview Conference Speakerphone", "Accessories", "Webcams", 229.00, "2024-02-05"),
)

# Per category: unit cost as a fraction of list price (low, high), and the geometric p of the
# quantity on a line (smaller p, bigger baskets: paper goes by the dozen, laptops one at a time).
_CATEGORY_COST = {
    "Electronics": (0.68, 0.80),
    "Furniture": (0.48, 0.60),
    "Office Supplies": (0.38, 0.52),
    "Appliances": (0.58, 0.70),
    "Accessories": (0.42, 0.55),
}
_CATEGORY_QTY_P = {
    "Electronics": 0.70,
    "Furniture": 0.72,
    "Office Supplies": 0.28,
    "Appliances": 0.78,
    "Accessories": 0.50,
}

_REPS: tuple[tuple[str, str, str], ...] = (
    ("Olivia Bennett", "North America", "2018-03-12"),
    ("Marcus Reed", "North America", "2019-07-01"),
    ("Priya Natarajan", "North America", "2020-02-17"),
    ("Daniel Kowalski", "North America", "2021-05-03"),
    ("Hannah Brooks", "North America", "2022-01-10"),
    ("Jamal Carter", "North America", "2023-06-05"),
    ("Emily Tran", "North America", "2024-04-15"),
    ("Sophie Laurent", "Europe", "2017-09-04"),
    ("Lukas Schneider", "Europe", "2019-01-14"),
    ("Isabella Rossi", "Europe", "2020-10-19"),
    ("Tom Whitaker", "Europe", "2021-08-23"),
    ("Elena Garcia", "Europe", "2023-03-01"),
    ("Niamh Byrne", "Europe", "2024-09-02"),
    ("Kenji Watanabe", "Asia Pacific", "2018-11-05"),
    ("Aisha Kapoor", "Asia Pacific", "2020-06-08"),
    ("Liam Chen", "Asia Pacific", "2022-03-21"),
    ("Grace Park", "Asia Pacific", "2024-01-08"),
    ("Mateo Silva", "Latin America", "2019-04-22"),
    ("Valentina Cruz", "Latin America", "2021-11-15"),
    ("Diego Fernandez", "Latin America", "2023-09-11"),
)

_CHANNELS = ("Online", "Retail", "Partner")
_ORDER_FREQUENCY = {"Consumer": 0.6, "Corporate": 2.5, "Small Business": 1.2}
_CHANNEL_MIX = {
    "Consumer": (0.62, 0.30, 0.08),
    "Corporate": (0.35, 0.25, 0.40),
    "Small Business": (0.50, 0.22, 0.28),
}
# Month of year (Jan..Dec): a soft summer, and the Q4 holiday and budget-flush peak.
_SEASONALITY = np.array([0.85, 0.85, 0.95, 0.95, 1.0, 0.98, 0.92, 0.95, 1.02, 1.10, 1.35, 1.55])
_WEEKDAY = np.array([1.05, 1.05, 1.05, 1.05, 1.0, 0.85, 0.80])  # Monday..Sunday
_ANNUAL_GROWTH = 1.11
_DISCOUNTS = np.array([0, 5, 10, 15, 20, 25, 30])  # percent
_DISCOUNT_MIX_STANDARD = np.array([0.55, 0.15, 0.12, 0.08, 0.05, 0.03, 0.02])
_DISCOUNT_MIX_NEGOTIATED = np.array([0.28, 0.20, 0.20, 0.13, 0.10, 0.06, 0.03])
_PRICE_LEVEL = {2023: 0.94, 2024: 0.97, 2025: 1.0}  # list prices rose about 3% a year
_RETURN_REASONS = (
    "Defective",
    "Damaged in transit",
    "Wrong item shipped",
    "Not as described",
    "No longer needed",
)
_RETURN_REASON_MIX = (0.30, 0.18, 0.10, 0.17, 0.25)
_RETURN_RATE = 0.045
_RESTOCKING_FEE_PERCENT = 15


# --------------------------------------------------------------------------------------------
# Generation. Dates are numpy datetime64[D]; money is computed in integer cents so that
# net_amount is exactly quantity * unit_price * (1 - discount) rounded half up.


def _days(values: np.ndarray) -> np.ndarray:
    return values.astype("datetime64[D]")


def _cents_to_usd(cents: np.ndarray) -> np.ndarray:
    return cents / 100  # exact after the DECIMAL(12,2) cast, since cents are integers


def _customers(rng: np.random.Generator) -> pd.DataFrame:
    n = N_CUSTOMERS
    segment = rng.choice(list(_SEGMENTS), size=n, p=list(_SEGMENTS.values()))
    region_names = list(_REGIONS)
    region = rng.choice(region_names, size=n, p=[_REGIONS[r][0] for r in region_names])
    country = np.empty(n, dtype=object)
    city = np.empty(n, dtype=object)
    for name in region_names:
        mask = region == name
        countries = _REGIONS[name][1]
        picked = rng.choice(list(countries), size=mask.sum(), p=[w for w, _ in countries.values()])
        country[mask] = picked
        for country_name, (_, cities) in countries.items():
            here = mask & (country == country_name)
            city[here] = rng.choice(cities, size=here.sum())

    names = np.empty(n, dtype=object)
    people = segment == "Consumer"
    combos = rng.choice(len(_FIRST_NAMES) * len(_LAST_NAMES), size=people.sum(), replace=False)
    names[people] = [f"{_FIRST_NAMES[c // len(_LAST_NAMES)]} {_LAST_NAMES[c % len(_LAST_NAMES)]}" for c in combos]
    corporate = segment == "Corporate"
    k, s = len(_CORPORATE_KINDS), len(_CORPORATE_SUFFIXES)
    combos = rng.choice(len(_COMPANY_WORDS) * k * s, size=corporate.sum(), replace=False)
    names[corporate] = [
        f"{_COMPANY_WORDS[c // (k * s)]} {_CORPORATE_KINDS[c // s % k]} {_CORPORATE_SUFFIXES[c % s]}" for c in combos
    ]
    small = segment == "Small Business"
    k = len(_SMALL_BUSINESS_KINDS)
    combos = rng.choice(len(_COMPANY_WORDS) * k, size=small.sum(), replace=False)
    names[small] = [f"{_COMPANY_WORDS[c // k]} {_SMALL_BUSINESS_KINDS[c % k]}" for c in combos]

    # About 55% signed up before the first order date; the rest join steadily until Nov 2025.
    early = rng.random(n) < 0.55
    first, cutover, last = (np.datetime64(d) for d in ("2019-01-01", "2023-01-01", "2025-11-30"))
    offset = np.where(
        early,
        rng.integers(0, (cutover - first).astype(int), size=n),
        (cutover - first).astype(int) + rng.integers(0, (last - cutover).astype(int), size=n),
    )
    signup = first + offset
    # Number customers in signup order, so "customers signed up by day d" is a prefix of ids.
    order = np.argsort(signup, kind="stable")
    return pd.DataFrame(
        {
            "customer_id": np.arange(1, n + 1),
            "customer_name": names[order],
            "segment": segment[order],
            "region": region[order],
            "country": country[order],
            "city": city[order],
            "signup_date": signup[order],
        }
    )


def _products(rng: np.random.Generator) -> pd.DataFrame:
    frame = pd.DataFrame(_PRODUCTS, columns=["product_name", "category", "subcategory", "unit_price", "launch"])
    frame.insert(0, "product_id", np.arange(1, len(frame) + 1))
    low = frame["category"].map(lambda c: _CATEGORY_COST[c][0]).to_numpy()
    high = frame["category"].map(lambda c: _CATEGORY_COST[c][1]).to_numpy()
    price_cents = np.round(frame["unit_price"].to_numpy() * 100).astype(np.int64)
    frame["price_cents"] = price_cents
    frame["unit_cost"] = _cents_to_usd(np.round(price_cents * rng.uniform(low, high)))
    older = np.datetime64("2019-01-07") + rng.integers(0, 1400, size=len(frame))
    explicit = pd.to_datetime(frame["launch"]).to_numpy().astype("datetime64[D]")
    frame["launch_date"] = np.where(frame["launch"].isna(), older, explicit)
    return frame.drop(columns="launch")


def _reps() -> pd.DataFrame:
    frame = pd.DataFrame(_REPS, columns=["rep_name", "region", "hire_date"])
    frame.insert(0, "rep_id", np.arange(1, len(frame) + 1))
    frame["hire_date"] = pd.to_datetime(frame["hire_date"]).to_numpy().astype("datetime64[D]")
    return frame


def _order_dates(rng: np.random.Generator) -> np.ndarray:
    days = np.arange(START, END + 1)
    years = (days - START).astype(int) / 365.25
    month = days.astype("datetime64[M]").astype(int) % 12
    weekday = (days.astype(int) + 3) % 7  # 1970-01-01 was a Thursday
    weight = _ANNUAL_GROWTH**years * _SEASONALITY[month] * _WEEKDAY[weekday]
    per_day = rng.multinomial(N_ORDERS, weight / weight.sum())
    return np.repeat(days, per_day)


def _orders(rng: np.random.Generator, customers: pd.DataFrame, reps: pd.DataFrame) -> pd.DataFrame:
    order_date = _order_dates(rng)
    n = len(order_date)

    # A few loyal customers order often, most order now and then; businesses order more.
    signup = customers["signup_date"].to_numpy()
    segment_factor = customers["segment"].map(_ORDER_FREQUENCY).to_numpy()
    propensity = np.cumsum((rng.pareto(3.0, size=len(customers)) + 0.5) * segment_factor)
    eligible = np.searchsorted(signup, order_date, side="right")
    pick = rng.random(n) * propensity[eligible - 1]
    cust_idx = np.searchsorted(propensity, pick, side="right")
    segment = customers["segment"].to_numpy()[cust_idx]
    region = customers["region"].to_numpy()[cust_idx]

    channel = np.empty(n, dtype=object)
    for seg, mix in _CHANNEL_MIX.items():
        mask = segment == seg
        channel[mask] = rng.choice(_CHANNELS, size=mask.sum(), p=mix)

    # The rep is one from the customer's region already hired on the order date.
    rep_id = np.zeros(n, dtype=np.int64)
    for reg, group in reps.sort_values(["hire_date", "rep_id"]).groupby("region", sort=True):
        mask = region == reg
        hired = np.searchsorted(group["hire_date"].to_numpy(), order_date[mask], side="right")
        rep_id[mask] = group["rep_id"].to_numpy()[(rng.random(mask.sum()) * hired).astype(int)]

    ship_lag = rng.choice(6, size=n, p=[0.10, 0.35, 0.25, 0.15, 0.10, 0.05])
    ship_lag = ship_lag + (channel == "Partner")  # reseller orders are consolidated: a day later
    ship_date = order_date + ship_lag
    delivered = ship_date + rng.integers(1, 7, size=n)
    cancelled = rng.random(n) < 0.03
    status = np.where(delivered <= END, "Delivered", "Shipped").astype(object)
    status[ship_date > END] = "Processing"
    status[cancelled] = "Cancelled"
    not_shipped = np.isin(status, ["Processing", "Cancelled"])
    return pd.DataFrame(
        {
            "order_id": np.arange(1, n + 1),
            "customer_id": customers["customer_id"].to_numpy()[cust_idx],
            "rep_id": rep_id,
            "order_date": order_date,
            "ship_date": pd.Series(ship_date).where(~not_shipped),
            "status": status,
            "channel": channel,
            # Internal helpers, not stored.
            "delivered": delivered,
            "negotiated": (segment == "Corporate") | (channel == "Partner"),
            "corporate": segment == "Corporate",
        }
    )


def _order_lines(rng: np.random.Generator, orders: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    per_order = 1 + np.minimum(rng.poisson(1.45, size=len(orders)), 5)
    row = np.repeat(np.arange(len(orders)), per_order)
    order_date = orders["order_date"].to_numpy()[row]

    popularity = rng.lognormal(0.0, 0.45, size=len(products)) / products["unit_price"] ** 0.45
    popularity = (popularity / popularity.sum()).to_numpy()
    product_idx = rng.choice(len(products), size=len(row), p=popularity)
    # A product cannot sell before its launch: redraw those lines among the older products.
    launch = products["launch_date"].to_numpy()
    too_early = order_date < launch[product_idx]
    old = launch <= START
    redraw = rng.choice(np.flatnonzero(old), size=too_early.sum(), p=popularity[old] / popularity[old].sum())
    product_idx[too_early] = redraw

    lines = pd.DataFrame({"row": row, "product_idx": product_idx})
    lines = lines.drop_duplicates(["row", "product_idx"]).reset_index(drop=True)
    row = lines["row"].to_numpy()
    product_idx = lines["product_idx"].to_numpy()
    n = len(lines)

    category = products["category"].to_numpy()[product_idx]
    qty_p = np.array([_CATEGORY_QTY_P[c] for c in category])
    quantity = np.minimum(rng.geometric(qty_p), 12)
    corporate = orders["corporate"].to_numpy()[row]
    quantity = np.where(corporate, quantity * rng.choice([1, 2, 5], size=n, p=[0.6, 0.3, 0.1]), quantity)

    year = orders["order_date"].to_numpy()[row].astype("datetime64[Y]").astype(int) + 1970
    level = np.vectorize(_PRICE_LEVEL.get)(year)
    price_cents = np.round(products["price_cents"].to_numpy()[product_idx] * level).astype(np.int64)

    negotiated = orders["negotiated"].to_numpy()[row]
    discount = np.where(
        negotiated,
        rng.choice(_DISCOUNTS, size=n, p=_DISCOUNT_MIX_NEGOTIATED),
        rng.choice(_DISCOUNTS, size=n, p=_DISCOUNT_MIX_STANDARD),
    )
    net_cents = (price_cents * quantity * (100 - discount) + 50) // 100
    return pd.DataFrame(
        {
            "order_line_id": np.arange(1, n + 1),
            "order_id": orders["order_id"].to_numpy()[row],
            "product_id": products["product_id"].to_numpy()[product_idx],
            "quantity": quantity,
            "unit_price": _cents_to_usd(price_cents),
            "discount": discount / 100,
            "net_amount": _cents_to_usd(net_cents),
            "net_cents": net_cents,
            "row": row,
        }
    )


def _returns(rng: np.random.Generator, orders: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    row = lines["row"].to_numpy()
    delivered_ok = orders["status"].to_numpy()[row] == "Delivered"
    return_date = orders["delivered"].to_numpy()[row] + rng.integers(2, 31, size=len(lines))
    chosen = delivered_ok & (rng.random(len(lines)) < _RETURN_RATE) & (return_date <= END)
    idx = np.flatnonzero(chosen)
    reason = rng.choice(_RETURN_REASONS, size=len(idx), p=_RETURN_REASON_MIX)
    net_cents = lines["net_cents"].to_numpy()[idx]
    fee = reason == "No longer needed"
    refund_cents = np.where(fee, (net_cents * (100 - _RESTOCKING_FEE_PERCENT) + 50) // 100, net_cents)
    # Order status follows its lines: any returned line makes the order 'Returned'.
    orders.loc[np.unique(row[idx]), "status"] = "Returned"
    return pd.DataFrame(
        {
            "return_id": np.arange(1, len(idx) + 1),
            "order_line_id": lines["order_line_id"].to_numpy()[idx],
            "return_date": return_date[idx],
            "reason": reason,
            "refund_amount": _cents_to_usd(refund_cents),
        }
    )


def _sales_targets(rng: np.random.Generator, orders: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    # Targets were set near what each rep went on to sell, some beaten and some missed.
    dates = pd.DatetimeIndex(orders["order_date"].to_numpy()[lines["row"].to_numpy()])
    actual = (
        pd.DataFrame(
            {
                "rep_id": orders["rep_id"].to_numpy()[lines["row"].to_numpy()],
                "year": dates.year,
                "quarter": dates.quarter,
                "net_cents": lines["net_cents"].to_numpy(),
            }
        )
        .groupby(["rep_id", "year", "quarter"], as_index=False)["net_cents"]
        .sum()
        .sort_values(["rep_id", "year", "quarter"], ignore_index=True)
    )
    factor = rng.uniform(0.85, 1.18, size=len(actual))
    target_thousands = np.maximum(np.round(actual["net_cents"].to_numpy() * factor / 100_000), 1)
    return actual.drop(columns="net_cents").assign(target_amount=target_thousands * 1000.0)


def _insert(con: duckdb.DuckDBPyConnection, table: _Table, frame: pd.DataFrame) -> None:
    columns = ", ".join(c.name for c in table.columns)
    con.register("_demo_source", frame)
    try:
        con.execute(f"INSERT INTO {table.name} ({columns}) SELECT {columns} FROM _demo_source")
    finally:
        con.unregister("_demo_source")


def demo_frames(say: Progress | None = None) -> dict[str, pd.DataFrame]:
    """Every demo table's rows, by table name, generated from the fixed seed."""
    say = say or (lambda _message: None)
    rng = np.random.default_rng(SEED)
    say("Creating customers…")
    customers = _customers(rng)
    say("Creating products and sales reps…")
    products = _products(rng)
    reps = _reps()
    say("Creating orders…")
    orders = _orders(rng, customers, reps)
    say("Creating order lines…")
    lines = _order_lines(rng, orders, products)
    say("Creating returns and sales targets…")
    returns = _returns(rng, orders, lines)
    targets = _sales_targets(rng, orders, lines)
    return {
        "customers": customers,
        "products": products,
        "sales_reps": reps,
        "orders": orders,
        "order_lines": lines,
        "returns": returns,
        "sales_targets": targets,
    }


def _build(path: Path, say: Progress) -> None:
    frames = demo_frames(say)
    say("Writing the demo warehouse…")
    con = duckdb.connect(str(path))
    try:
        for table in _TABLES:
            for statement in _ddl(table):
                con.execute(statement)
            _insert(con, table, frames[table.name])
        con.execute("CHECKPOINT")
    finally:
        con.close()


if __name__ == "__main__":
    print(ensure_demo_warehouse(progress=print))
