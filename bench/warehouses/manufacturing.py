"""A manufacturer's warehouse: Ironbridge Pump & Valve, a mid-size maker of industrial pumps and valves with three
plants (Dayton, Ohio, which makes pumps; Tulsa, Oklahoma and Monterrey, Mexico, which make valves), selling to
distributors, equipment makers (OEMs), municipal water utilities, oil and gas companies and farms in the US, Canada
and Mexico (production lines and their machines, products, work orders, machine downtime, defects found at quality
inspection, suppliers and raw-material purchase orders, customers and their sales orders and shipments).

    python -m bench.warehouses.manufacturing OUT_DIR [--with-questions]

writes OUT_DIR/database/manufacturing/manufacturing.sqlite, the layout of the project's eval sets (see
bench/dataset.py); `--with-questions` also copies the held-out questions (bench/heldout/manufacturing/questions.json)
beside it, so that `python -m bench --dataset OUT_DIR --out FILE.json` runs them. Those questions are the project's
fair measure: do not read them (nor their wrong answers) while designing what they measure.

Everything comes from a fixed seed over fixed dates (2024-01-01 .. 2025-12-31), with only the standard library, so
every build holds the same rows. The company moved to its current ERP and shop-floor systems on 2024-01-01: lines,
machines, products, suppliers and customers keep their older dates, while orders, work orders, downtime and defects
start on 2024-01-01. A plant is named the same way ('Dayton', 'Tulsa', 'Monterrey') wherever it appears. Each
production line makes one product family; every product is made on one line, and production follows demand: each
month, each product is made in a few work orders sized to what customers ordered that month. The plants work on
weekdays and close from Christmas Eve to New Year's Day, when nothing is made, shipped or received (customers may
still place orders); work orders that reach the closure wait for the new year.

The business has a shape worth asking about: orders come with the seasons (farms buy irrigation pumps in the spring,
municipal water utilities spend before their fiscal year ends on June 30, everyone orders less in December);
municipal business grows strongly in 2025 while oil and gas orders fall; list prices rose about 4% on 2025-01-01.
The gate valve line in Tulsa (TUL-2) has a bad summer in 2024: its old machining center breaks down again and again
from June until it is retired on 2024-10-11 and replaced by a new one, so the line's work orders run late, its scrap
(mostly dimensional defects) triples and gate valve shipments go out late. Great Lakes Foundry, which casts the pump
and valve bodies for Dayton and Tulsa, starts delivering late in April 2025 and only partly recovers in November;
Dayton's assembly cells stand idle waiting for castings, its work orders start late, pump shipments slip, and from
June 2025 Dayton buys part of its castings from a second foundry, Sierra Castings, whose castings bring more porosity
defects for a few months. A new family, smart control valves, is launched on 2025-03-03, made on a new line in
Tulsa (TUL-3, commissioned 2025-02-17) whose scrap starts high and falls as the line learns; its electronics come
from a new supplier. Monterrey ships on time most reliably; the Kaiyuan valve balls from China come late in the
first months of 2024 while ships avoid the Red Sea. Some orders are cancelled, and some are still open at the end.

SQLite has no COMMENT ON: every table and column is documented by a `--` comment inside its CREATE TABLE, which
SQLite keeps in sqlite_master.sql; `COMMENTS` holds the same text for readers that want it as data.
"""

from __future__ import annotations

import math
import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from bench.warehouses import sqlite_file
from bench.warehouses.sqlite_file import Col, Table, comments

DB_ID = "manufacturing"
HELD_OUT_QUESTIONS = Path(__file__).resolve().parent.parent / "heldout" / DB_ID / "questions.json"
SEED = 20240322
START = date(2024, 1, 1)
END = date(2025, 12, 31)  # the data's "today": nothing later is known

_PLANTS_TEXT = "'Dayton' (Ohio, USA: pumps), 'Tulsa' (Oklahoma, USA: valves) or 'Monterrey' (Mexico: valves)"
_FAMILIES_TEXT = (
    "'Centrifugal pumps', 'Gear pumps', 'Ball valves', 'Gate valves', 'Butterfly valves' or 'Control valves'"
)

_TABLES: tuple[Table, ...] = (
    Table(
        "production_lines",
        "Production lines in our plants, one row per line: a group of machines that machines, assembles and "
        "pressure-tests the products of one product family.",
        (
            Col("line_id", "INTEGER PRIMARY KEY", "Unique production line identifier."),
            Col(
                "line_code",
                "TEXT NOT NULL",
                "Short code of the line, unique: the plant's code ('DAY' for Dayton, 'TUL' for Tulsa, 'MTY' for "
                "Monterrey) and a number, e.g. 'TUL-2'.",
            ),
            Col("line_name", "TEXT NOT NULL", "Name of the line, e.g. 'Gate valve line'."),
            Col("plant", "TEXT NOT NULL", f"Plant the line is in: {_PLANTS_TEXT}."),
            Col("product_family", "TEXT NOT NULL", f"Product family the line makes: {_FAMILIES_TEXT}."),
            Col("commissioned_date", "TEXT NOT NULL", "Date the line started production (YYYY-MM-DD)."),
        ),
    ),
    Table(
        "machines",
        "Machines on the production lines, one row per machine, including machines retired since 2024-01-01.",
        (
            Col("machine_id", "INTEGER PRIMARY KEY", "Unique machine identifier."),
            Col(
                "asset_tag",
                "TEXT NOT NULL",
                "Asset tag on the machine, unique: line, kind and number, e.g. 'TUL2-MC-01'.",
            ),
            Col("line_id", "INTEGER NOT NULL", "Production line the machine belongs to (production_lines.line_id)."),
            Col(
                "machine_type",
                "TEXT NOT NULL",
                "'CNC lathe', 'CNC machining center', 'Assembly cell', 'Test bench' (pressure and performance "
                "testing) or 'Paint booth'.",
            ),
            Col("manufacturer", "TEXT NOT NULL", "Maker of the machine, e.g. 'Mazak' or 'Haas'."),
            Col("installed_date", "TEXT NOT NULL", "Date the machine was installed on the line (YYYY-MM-DD)."),
            Col(
                "retired_date",
                "TEXT",
                "Date the machine was taken out of service for good (YYYY-MM-DD); NULL while it is in service.",
            ),
        ),
        ("FOREIGN KEY (line_id) REFERENCES production_lines (line_id)",),
    ),
    Table(
        "products",
        "Products we make and sell, one row per product (SKU). Each product is made on one production line of its "
        "product family.",
        (
            Col("product_id", "INTEGER PRIMARY KEY", "Unique product identifier."),
            Col("sku", "TEXT NOT NULL", "Stock-keeping unit code, unique, e.g. 'GV-400'."),
            Col("product_name", "TEXT NOT NULL", "Name of the product, e.g. 'Gate valve 4 in'."),
            Col("product_family", "TEXT NOT NULL", f"Product family: {_FAMILIES_TEXT}."),
            Col(
                "list_price",
                "REAL NOT NULL",
                "Current list price of one unit in USD, since 2025-01-01 (list prices were about 4% lower in "
                "2024); customers pay a negotiated unit price below it (sales_orders.unit_price).",
            ),
            Col(
                "standard_cost",
                "REAL NOT NULL",
                "Standard cost of making one unit in USD (materials, labor and overhead), used for margins.",
            ),
            Col(
                "launched_date",
                "TEXT NOT NULL",
                "Date the product went on sale (YYYY-MM-DD); no order for it is earlier.",
            ),
        ),
    ),
    Table(
        "work_orders",
        "Work orders (production runs), one row per order to make a quantity of one product on one line, planned "
        "to start from 2024-01-01 on. Units produced are good units plus scrapped units; reworked units that then "
        "passed inspection count as good.",
        (
            Col("work_order_id", "INTEGER PRIMARY KEY", "Unique work order identifier."),
            Col("work_order_number", "TEXT NOT NULL", "Work order number, unique, e.g. 'WO-25-0412'."),
            Col("product_id", "INTEGER NOT NULL", "Product made (products.product_id)."),
            Col("line_id", "INTEGER NOT NULL", "Production line it runs on (production_lines.line_id)."),
            Col(
                "status",
                "TEXT NOT NULL",
                "Status on 2025-12-31: 'Completed', 'In progress' (started, not finished), 'Planned' (not started "
                "yet) or 'Cancelled' (called off before it started).",
            ),
            Col("planned_start_date", "TEXT NOT NULL", "Date production was scheduled to start (YYYY-MM-DD)."),
            Col(
                "planned_end_date",
                "TEXT NOT NULL",
                "Date production was scheduled to finish (YYYY-MM-DD); a work order finished on schedule has an "
                "actual_end_date on or before it.",
            ),
            Col(
                "actual_start_date",
                "TEXT",
                "Date production actually started (YYYY-MM-DD); NULL for planned and cancelled work orders.",
            ),
            Col(
                "actual_end_date",
                "TEXT",
                "Date production actually finished (YYYY-MM-DD); NULL unless the work order is completed.",
            ),
            Col("quantity_planned", "INTEGER NOT NULL", "Number of units the work order was planned to make."),
            Col(
                "quantity_good",
                "INTEGER NOT NULL",
                "Units produced that passed inspection (so far, for a work order in progress); 0 for planned and "
                "cancelled work orders.",
            ),
            Col(
                "quantity_scrapped",
                "INTEGER NOT NULL",
                "Units produced that failed inspection and were scrapped (so far, for a work order in progress); "
                "the scrap lines of quality_defects add up to it.",
            ),
        ),
        (
            "FOREIGN KEY (product_id) REFERENCES products (product_id)",
            "FOREIGN KEY (line_id) REFERENCES production_lines (line_id)",
        ),
    ),
    Table(
        "downtime_events",
        "Machine downtime, one row per stop of one machine, from 2024-01-01: breakdowns and other unplanned stops, "
        "planned maintenance and changeovers between work orders.",
        (
            Col("downtime_id", "INTEGER PRIMARY KEY", "Unique downtime event identifier."),
            Col("machine_id", "INTEGER NOT NULL", "Machine that stopped (machines.machine_id)."),
            Col("start_time", "TEXT NOT NULL", "Local date and time the machine stopped, 'YYYY-MM-DD HH:MM'."),
            Col("end_time", "TEXT NOT NULL", "Local date and time the machine ran again, 'YYYY-MM-DD HH:MM'."),
            Col("duration_minutes", "INTEGER NOT NULL", "Length of the stop in minutes, end_time less start_time."),
            Col(
                "downtime_type",
                "TEXT NOT NULL",
                "'Planned' (planned maintenance or a changeover) or 'Unplanned' (every other reason).",
            ),
            Col(
                "reason",
                "TEXT NOT NULL",
                "Why the machine stopped: 'Mechanical failure', 'Electrical fault', 'Tooling' (a broken or worn "
                "tool), 'Material shortage' (waiting for parts or material), 'No operator', 'Planned maintenance' "
                "or 'Changeover' (setting up for the next work order).",
            ),
        ),
        ("FOREIGN KEY (machine_id) REFERENCES machines (machine_id)",),
    ),
    Table(
        "quality_defects",
        "Defects found at quality inspection, one row per defect report: the units of one work order found with "
        "one kind of defect at one inspection, and what was done with them. Every unit produced is inspected.",
        (
            Col("defect_id", "INTEGER PRIMARY KEY", "Unique defect report identifier."),
            Col("work_order_id", "INTEGER NOT NULL", "Work order the units belong to (work_orders.work_order_id)."),
            Col("detected_date", "TEXT NOT NULL", "Date the defect was found (YYYY-MM-DD)."),
            Col(
                "inspection_stage",
                "TEXT NOT NULL",
                "Inspection that found it: 'In-process' (during machining), 'Pressure test' or 'Final inspection'.",
            ),
            Col(
                "defect_type",
                "TEXT NOT NULL",
                "Kind of defect: 'Dimensional' (out of tolerance), 'Casting porosity', 'Leak', 'Surface finish', "
                "'Assembly error' or 'Electronics fault' (control valves only).",
            ),
            Col("units_affected", "INTEGER NOT NULL", "Number of units found with the defect."),
            Col(
                "disposition",
                "TEXT NOT NULL",
                "What was done with the units: 'Scrap' (thrown away: counted in work_orders.quantity_scrapped) or "
                "'Rework' (repaired, passed and counted in work_orders.quantity_good).",
            ),
        ),
        ("FOREIGN KEY (work_order_id) REFERENCES work_orders (work_order_id)",),
    ),
    Table(
        "suppliers",
        "Suppliers of raw materials and components, one row per supplier.",
        (
            Col("supplier_id", "INTEGER PRIMARY KEY", "Unique supplier identifier."),
            Col("supplier_name", "TEXT NOT NULL", "Supplier's company name, unique."),
            Col("country", "TEXT NOT NULL", "Country the supplier ships from, e.g. 'USA' or 'Mexico'."),
            Col(
                "material_category",
                "TEXT NOT NULL",
                "What the supplier sells us: 'Castings', 'Forgings', 'Bar stock', 'Seals and gaskets', 'Motors', "
                "'Bearings', 'Electronics', 'Fasteners' or 'Coatings'.",
            ),
            Col("approved_date", "TEXT NOT NULL", "Date the supplier was approved to supply us (YYYY-MM-DD)."),
        ),
    ),
    Table(
        "purchase_orders",
        "Purchase orders for raw materials and components, one row per order of one material from one supplier "
        "for one plant, placed from 2024-01-01 on; each is delivered in a single shipment.",
        (
            Col("po_id", "INTEGER PRIMARY KEY", "Unique purchase order identifier."),
            Col("po_number", "TEXT NOT NULL", "Purchase order number, unique, e.g. 'PO-25-0173'."),
            Col("supplier_id", "INTEGER NOT NULL", "Supplier ordered from (suppliers.supplier_id)."),
            Col("plant", "TEXT NOT NULL", f"Plant the material is delivered to: {_PLANTS_TEXT}."),
            Col("material", "TEXT NOT NULL", "Material or component ordered, e.g. 'Pump casing castings'."),
            Col("order_date", "TEXT NOT NULL", "Date the order was placed (YYYY-MM-DD)."),
            Col(
                "promised_date",
                "TEXT NOT NULL",
                "Delivery date the supplier confirmed (YYYY-MM-DD); a delivery received on or before it is on time.",
            ),
            Col(
                "received_date",
                "TEXT",
                "Date the delivery was received at the plant (YYYY-MM-DD); NULL while the order is open.",
            ),
            Col("status", "TEXT NOT NULL", "'Received' or 'Open' (not delivered by 2025-12-31)."),
            Col("quantity", "INTEGER NOT NULL", "Quantity ordered, in the unit of the unit column."),
            Col("unit", "TEXT NOT NULL", "Unit of the quantity: 'pcs' (pieces), 'kg' or 'L' (liters)."),
            Col("unit_price", "REAL NOT NULL", "Price per unit in USD."),
            Col("amount", "REAL NOT NULL", "Value of the order in USD: quantity times unit_price, to the cent."),
        ),
        ("FOREIGN KEY (supplier_id) REFERENCES suppliers (supplier_id)",),
    ),
    Table(
        "customers",
        "Customers, one row per customer account: a company or public utility that has ordered from us since "
        "2024-01-01.",
        (
            Col("customer_id", "INTEGER PRIMARY KEY", "Unique customer identifier."),
            Col("customer_name", "TEXT NOT NULL", "Customer's name, unique."),
            Col(
                "segment",
                "TEXT NOT NULL",
                "Kind of customer: 'Distributor' (resells our products), 'OEM' (builds them into its own "
                "equipment), 'Municipal water' (a city or county water utility), 'Oil and gas' or 'Agriculture'.",
            ),
            Col(
                "region",
                "TEXT NOT NULL",
                "Where the customer is: 'US Midwest', 'US Northeast', 'US South', 'US West', 'Canada' or 'Mexico'.",
            ),
            Col(
                "customer_since",
                "TEXT NOT NULL",
                "Date the account was opened (YYYY-MM-DD); the customer has no order before it.",
            ),
        ),
    ),
    Table(
        "sales_orders",
        "Customer orders, one row per order of one product, placed from 2024-01-01 on; each order ships complete, "
        "in one shipment. Sales revenue is quantity times unit_price of the orders shipped, counted on the "
        "shipped date.",
        (
            Col("order_id", "INTEGER PRIMARY KEY", "Unique order identifier."),
            Col("order_number", "TEXT NOT NULL", "Order number given to the customer, unique, e.g. 'SO-2500123'."),
            Col("customer_id", "INTEGER NOT NULL", "Customer who ordered (customers.customer_id)."),
            Col("product_id", "INTEGER NOT NULL", "Product ordered (products.product_id)."),
            Col(
                "plant",
                "TEXT NOT NULL",
                f"Plant the order ships from, the one whose line makes the product: {_PLANTS_TEXT}.",
            ),
            Col("order_date", "TEXT NOT NULL", "Date the customer placed the order (YYYY-MM-DD)."),
            Col(
                "promised_date",
                "TEXT NOT NULL",
                "Ship date we promised the customer (YYYY-MM-DD); an order shipped on or before it is on time.",
            ),
            Col(
                "shipped_date",
                "TEXT",
                "Date the order shipped (YYYY-MM-DD); NULL for open and cancelled orders.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "'Shipped', 'Open' (not shipped by 2025-12-31) or 'Cancelled' (by the customer, never shipped).",
            ),
            Col("quantity", "INTEGER NOT NULL", "Number of units ordered."),
            Col(
                "unit_price",
                "REAL NOT NULL",
                "Price of one unit in USD agreed for the order, after the customer's discount from list price.",
            ),
        ),
        (
            "FOREIGN KEY (customer_id) REFERENCES customers (customer_id)",
            "FOREIGN KEY (product_id) REFERENCES products (product_id)",
        ),
    ),
)

COMMENTS = comments(_TABLES)


# --------------------------------------------------------------------------------------------
# Reference data.


@dataclass(frozen=True)
class _Line:
    code: str
    name: str
    plant: str
    family: str
    commissioned: date
    machines: tuple[tuple[str, str, str, date, date | None], ...]  # kind tag, type, maker, installed, retired


_LATHE, _MC, _ASM, _TEST, _PAINT = "CNC lathe", "CNC machining center", "Assembly cell", "Test bench", "Paint booth"
_GATE_TROUBLE = (date(2024, 6, 3), date(2024, 10, 11))  # TUL-2's old machining center fails, until it is retired
_TUL3 = date(2025, 2, 17)  # the control valve line starts
_LAUNCH = date(2025, 3, 3)  # control valves go on sale

_LINES = (
    _Line(
        "DAY-1", "End-suction pump line", "Dayton", "Centrifugal pumps", date(2009, 5, 4),
        (("LTH-01", _LATHE, "Mazak", date(2015, 3, 9), None), ("LTH-02", _LATHE, "Okuma", date(2019, 8, 19), None),
         ("MC-01", _MC, "Haas", date(2012, 6, 4), None), ("ASM-01", _ASM, "Ironbridge", date(2009, 5, 4), None),
         ("TST-01", _TEST, "Hydrotest Systems", date(2016, 1, 11), None),
         ("PNT-01", _PAINT, "Graco", date(2010, 2, 22), None)),
    ),
    _Line(
        "DAY-2", "Split-case pump line", "Dayton", "Centrifugal pumps", date(2014, 9, 15),
        (("LTH-01", _LATHE, "Okuma", date(2014, 9, 15), None), ("MC-01", _MC, "DMG Mori", date(2014, 9, 15), None),
         ("MC-02", _MC, "DMG Mori", date(2021, 4, 12), None), ("ASM-01", _ASM, "Ironbridge", date(2014, 9, 15), None),
         ("TST-01", _TEST, "Hydrotest Systems", date(2014, 9, 15), None)),
    ),
    _Line(
        "DAY-3", "Gear pump line", "Dayton", "Gear pumps", date(2011, 3, 7),
        (("LTH-01", _LATHE, "Haas", date(2011, 3, 7), None), ("LTH-02", _LATHE, "Haas", date(2018, 10, 1), None),
         ("MC-01", _MC, "Mazak", date(2013, 7, 15), None), ("ASM-01", _ASM, "Ironbridge", date(2011, 3, 7), None),
         ("TST-01", _TEST, "Hydrotest Systems", date(2017, 5, 22), None)),
    ),
    _Line(
        "TUL-1", "Ball valve line", "Tulsa", "Ball valves", date(2006, 6, 12),
        (("LTH-01", _LATHE, "Okuma", date(2013, 2, 4), None), ("LTH-02", _LATHE, "Doosan", date(2020, 9, 14), None),
         ("MC-01", _MC, "Haas", date(2008, 11, 3), None), ("ASM-01", _ASM, "Ironbridge", date(2006, 6, 12), None),
         ("ASM-02", _ASM, "Ironbridge", date(2018, 3, 5), None),
         ("TST-01", _TEST, "Hydrotest Systems", date(2012, 8, 27), None)),
    ),
    _Line(
        "TUL-2", "Gate valve line", "Tulsa", "Gate valves", date(2008, 2, 18),
        (("MC-01", _MC, "Cincinnati Milacron", date(2008, 2, 18), _GATE_TROUBLE[1]),
         ("MC-02", _MC, "Mazak", date(2016, 7, 11), None), ("LTH-01", _LATHE, "Okuma", date(2011, 4, 25), None),
         ("ASM-01", _ASM, "Ironbridge", date(2008, 2, 18), None),
         ("TST-01", _TEST, "Hydrotest Systems", date(2014, 10, 6), None),
         ("MC-03", _MC, "Mazak", date(2024, 10, 14), None)),
    ),
    _Line(
        "TUL-3", "Control valve line", "Tulsa", "Control valves", _TUL3,
        (("MC-01", _MC, "DMG Mori", date(2025, 2, 3), None), ("LTH-01", _LATHE, "Okuma", date(2025, 2, 4), None),
         ("ASM-01", _ASM, "Ironbridge", date(2025, 2, 10), None),
         ("TST-01", _TEST, "Hydrotest Systems", date(2025, 2, 10), None)),
    ),
    _Line(
        "MTY-1", "Ball valve line", "Monterrey", "Ball valves", date(2017, 8, 21),
        (("LTH-01", _LATHE, "Doosan", date(2017, 8, 21), None), ("LTH-02", _LATHE, "Doosan", date(2022, 3, 14), None),
         ("MC-01", _MC, "Haas", date(2017, 8, 21), None), ("ASM-01", _ASM, "Ironbridge", date(2017, 8, 21), None),
         ("TST-01", _TEST, "Hydrotest Systems", date(2017, 8, 21), None)),
    ),
    _Line(
        "MTY-2", "Butterfly valve line", "Monterrey", "Butterfly valves", date(2019, 4, 8),
        (("MC-01", _MC, "Haas", date(2019, 4, 8), None), ("MC-02", _MC, "Doosan", date(2023, 5, 15), None),
         ("ASM-01", _ASM, "Ironbridge", date(2019, 4, 8), None),
         ("TST-01", _TEST, "Hydrotest Systems", date(2019, 4, 8), None),
         ("PNT-01", _PAINT, "Graco", date(2019, 4, 8), None)),
    ),
)  # fmt: skip


@dataclass(frozen=True)
class _Product:
    sku: str
    name: str
    family: str
    line: str  # line code
    price: float  # list price from 2025-01-01
    cost: float  # standard cost
    launched: date
    order_qty: float  # median units an order
    pack: int  # units are ordered in multiples of this


_PRODUCTS = (
    _Product("CP-E2", "End-suction pump 2 in", "Centrifugal pumps", "DAY-1", 1850, 1065, date(2009, 6, 1), 5, 1),
    _Product("CP-E3", "End-suction pump 3 in", "Centrifugal pumps", "DAY-1", 2450, 1390, date(2009, 6, 1), 4, 1),
    _Product("CP-E4", "End-suction pump 4 in", "Centrifugal pumps", "DAY-1", 3200, 1835, date(2012, 4, 2), 3, 1),
    _Product("CP-S6", "Split-case pump 6 in", "Centrifugal pumps", "DAY-2", 9800, 5950, date(2014, 11, 3), 2, 1),
    _Product("CP-S8", "Split-case pump 8 in", "Centrifugal pumps", "DAY-2", 14500, 8720, date(2015, 3, 2), 2, 1),
    _Product("GP-10", "Gear pump 10 gpm", "Gear pumps", "DAY-3", 1250, 690, date(2011, 5, 2), 6, 1),
    _Product("GP-25", "Gear pump 25 gpm", "Gear pumps", "DAY-3", 1900, 1045, date(2011, 5, 2), 5, 1),
    _Product("GP-60", "Gear pump 60 gpm", "Gear pumps", "DAY-3", 3100, 1760, date(2016, 9, 6), 3, 1),
    _Product("BV-050", "Ball valve 1/2 in", "Ball valves", "MTY-1", 48, 20.5, date(2006, 8, 1), 150, 10),
    _Product("BV-100", "Ball valve 1 in", "Ball valves", "MTY-1", 86, 38.2, date(2006, 8, 1), 100, 10),
    _Product("BV-200", "Ball valve 2 in", "Ball valves", "TUL-1", 210, 97.5, date(2007, 2, 5), 40, 5),
    _Product("BV-400", "Ball valve 4 in", "Ball valves", "TUL-1", 640, 305, date(2007, 2, 5), 12, 1),
    _Product("GV-200", "Gate valve 2 in", "Gate valves", "TUL-2", 390, 188, date(2008, 4, 7), 20, 1),
    _Product("GV-400", "Gate valve 4 in", "Gate valves", "TUL-2", 920, 452, date(2008, 4, 7), 10, 1),
    _Product("GV-800", "Gate valve 8 in", "Gate valves", "TUL-2", 2650, 1330, date(2010, 1, 4), 4, 1),
    _Product("FV-300", "Butterfly valve 3 in", "Butterfly valves", "MTY-2", 260, 118, date(2019, 6, 3), 30, 5),
    _Product("FV-600", "Butterfly valve 6 in", "Butterfly valves", "MTY-2", 480, 224, date(2019, 6, 3), 14, 1),
    _Product("FV-1200", "Butterfly valve 12 in", "Butterfly valves", "MTY-2", 1350, 648, date(2020, 2, 3), 5, 1),
    _Product("SV-200", "Smart control valve 2 in", "Control valves", "TUL-3", 2400, 1290, _LAUNCH, 8, 1),
    _Product("SV-400", "Smart control valve 4 in", "Control valves", "TUL-3", 3900, 2080, _LAUNCH, 5, 1),
)
_SKU = {p.sku: i for i, p in enumerate(_PRODUCTS)}
_PRICE_2024 = 1 / 1.04  # 2024 list prices against today's

_MONTHS_FLAT = (1.0,) * 12


@dataclass(frozen=True)
class _Segment:
    customers: int
    orders: float  # orders a working day in 2024 across the segment
    growth: float  # orders in 2025 relative to 2024
    discount: float  # usual discount from list price
    size: float  # order quantities relative to the product's median
    season: tuple[float, ...]  # orders by month, Jan..Dec
    regions: tuple[tuple[str, float], ...]
    products: tuple[tuple[str, float], ...]  # sku, how often ordered (relative)


_SEGMENTS = {
    "Distributor": _Segment(
        46, 6.4, 1.05, 0.32, 1.4, (0.85, 0.9, 1.05, 1.1, 1.1, 1.1, 1.0, 1.0, 1.05, 1.05, 0.95, 0.72),
        (("US Midwest", 0.3), ("US Northeast", 0.15), ("US South", 0.3), ("US West", 0.15), ("Canada", 0.05),
         ("Mexico", 0.05)),
        (("CP-E2", 3), ("CP-E3", 3), ("CP-E4", 2), ("GP-10", 2), ("GP-25", 2), ("GP-60", 1), ("BV-050", 8),
         ("BV-100", 8), ("BV-200", 5), ("BV-400", 2), ("GV-200", 3), ("GV-400", 2), ("FV-300", 3), ("FV-600", 2)),
    ),
    "OEM": _Segment(
        26, 3.0, 1.08, 0.25, 1.2, (1.0, 1.0, 1.05, 1.0, 1.0, 1.0, 0.92, 0.95, 1.05, 1.05, 1.0, 0.8),
        (("US Midwest", 0.35), ("US Northeast", 0.2), ("US South", 0.25), ("US West", 0.1), ("Canada", 0.05),
         ("Mexico", 0.05)),
        (("CP-E2", 3), ("CP-E3", 3), ("CP-E4", 2), ("GP-10", 4), ("GP-25", 4), ("GP-60", 3), ("BV-050", 2),
         ("BV-100", 2), ("BV-200", 2), ("SV-200", 2), ("SV-400", 1)),
    ),
    "Municipal water": _Segment(
        30, 2.3, 1.18, 0.12, 0.8, (0.8, 0.85, 1.0, 1.15, 1.35, 1.45, 0.95, 0.9, 1.0, 0.9, 0.8, 0.65),
        (("US Midwest", 0.35), ("US Northeast", 0.2), ("US South", 0.25), ("US West", 0.2)),
        (("CP-E3", 1), ("CP-E4", 2), ("CP-S6", 4), ("CP-S8", 3), ("GV-200", 2), ("GV-400", 4), ("GV-800", 3),
         ("FV-600", 3), ("FV-1200", 3)),
    ),
    "Oil and gas": _Segment(
        20, 2.2, 0.86, 0.18, 1.0, _MONTHS_FLAT,
        (("US South", 0.55), ("US West", 0.1), ("Canada", 0.2), ("Mexico", 0.15)),
        (("GP-25", 2), ("GP-60", 2), ("BV-200", 4), ("BV-400", 5), ("GV-400", 3), ("GV-800", 3), ("SV-200", 4),
         ("SV-400", 4)),
    ),
    "Agriculture": _Segment(
        22, 1.3, 1.0, 0.2, 0.9, (0.65, 1.15, 1.85, 1.95, 1.4, 0.9, 0.7, 0.6, 0.6, 0.7, 0.7, 0.75),
        (("US Midwest", 0.4), ("US West", 0.35), ("US South", 0.15), ("Mexico", 0.1)),
        (("CP-E2", 4), ("CP-E3", 5), ("CP-E4", 3), ("FV-300", 3), ("FV-600", 2), ("BV-100", 2), ("GP-10", 1)),
    ),
}  # fmt: skip
_CONTROL_RAMP = 90  # days after the launch until control valves sell at their full rate

_TOWNS = {
    "US Midwest": ("Springfield", "Fort Wayne", "Peoria", "Toledo", "Cedar Rapids", "Grand Rapids", "Lincoln",
                   "Madison", "Akron", "Wichita", "Dubuque", "Rockford"),
    "US Northeast": ("Albany", "Hartford", "Allentown", "Syracuse", "Worcester", "Scranton", "Erie", "Utica"),
    "US South": ("Shreveport", "Lubbock", "Huntsville", "Knoxville", "Midland", "Baton Rouge", "Corpus Christi",
                 "Odessa", "Tyler", "Amarillo"),
    "US West": ("Fresno", "Boise", "Reno", "Bakersfield", "Spokane", "Modesto", "Yakima", "Salinas"),
    "Canada": ("Calgary", "Edmonton", "Regina", "Saskatoon", "Red Deer", "Lethbridge"),
    "Mexico": ("Saltillo", "Chihuahua", "Torreon", "Hermosillo", "Queretaro", "Reynosa", "Culiacan"),
}  # fmt: skip
_NAME_WORDS = {
    "Distributor": ("Industrial Supply", "Pipe & Valve", "Pump Supply", "Flow Products", "Process Supply",
                    "Fluid Systems Supply", "Valve & Fitting"),
    "OEM": ("Process Systems", "Skid Systems", "Fluid Equipment", "Engineered Packages", "Machinery",
            "Filtration Systems"),
    "Municipal water": ("City of {} Water Department", "{} Water Authority", "{} Utilities",
                        "{} Public Works"),
    "Oil and gas": ("Midstream", "Energy Services", "Pipeline Co.", "Petroleum", "Energy Partners", "Gas Gathering"),
    "Agriculture": ("Irrigation", "Farm Supply", "Ag Services", "Growers Co-op", "Agri Water"),
}  # fmt: skip
_NEW_CUSTOMERS = 0.12  # share of customers whose account opens during the data

# Shipping: (plant, family) -> chance an order ships on time, mean days late when it is late
_ON_TIME = {"Dayton": 0.9, "Tulsa": 0.9, "Monterrey": 0.96}
_LATE_DAYS = 3.5
_LEAD_DAYS = {  # family: days from order to the promised ship date
    "Centrifugal pumps": 21,
    "Gear pumps": 14,
    "Ball valves": 10,
    "Gate valves": 14,
    "Butterfly valves": 12,
    "Control valves": 35,
}
_LEAD_SKU = {"CP-S6": 42, "CP-S8": 42}
_CANCELLED = 0.012

# Castings
_FOUNDRY_LATE = date(2025, 4, 1)  # Great Lakes Foundry's deliveries promised from then are often late
_FOUNDRY_BETTER = date(2025, 11, 1)  # and somewhat less so from then
_SHORTAGE = (date(2025, 4, 21), date(2025, 10, 31))  # Dayton waits for castings
_SECOND_SOURCE = date(2025, 6, 2)  # Dayton orders part of its castings from Sierra Castings
_POROSITY = (date(2025, 6, 16), date(2025, 10, 31))  # the second source's castings: more porosity at Dayton
_RED_SEA = (date(2024, 1, 1), date(2024, 5, 31))  # valve balls from China arrive late

# Production: (line code) -> scrap rate and rework rate of a unit, before trouble
_SCRAP = {
    "DAY-1": 0.014,
    "DAY-2": 0.011,
    "DAY-3": 0.019,
    "TUL-1": 0.021,
    "TUL-2": 0.026,
    "TUL-3": 0.03,
    "MTY-1": 0.024,
    "MTY-2": 0.018,
}
_REWORK = 0.6  # reworked units relative to scrapped ones
_DEFECTS = {  # family kind: (defect type, share of defects)
    "pump": (("Casting porosity", 0.28), ("Dimensional", 0.25), ("Leak", 0.17), ("Surface finish", 0.1),
             ("Assembly error", 0.2)),
    "valve": (("Dimensional", 0.3), ("Leak", 0.3), ("Casting porosity", 0.15), ("Surface finish", 0.15),
              ("Assembly error", 0.1)),
    "control": (("Electronics fault", 0.35), ("Assembly error", 0.25), ("Leak", 0.2), ("Dimensional", 0.2)),
}  # fmt: skip
_STAGES = {  # defect type: (inspection stage, chance)
    "Dimensional": (("In-process", 0.85), ("Final inspection", 0.15)),
    "Casting porosity": (("In-process", 0.5), ("Pressure test", 0.5)),
    "Leak": (("Pressure test", 1.0),),
    "Surface finish": (("Final inspection", 0.8), ("In-process", 0.2)),
    "Assembly error": (("Final inspection", 0.7), ("Pressure test", 0.3)),
    "Electronics fault": (("Final inspection", 1.0),),
}

# Downtime
_STOPS = {  # machine type: (unplanned stops a working day, (reason, share) ...)
    _LATHE: (0.045, (("Mechanical failure", 0.35), ("Electrical fault", 0.2), ("Tooling", 0.35), ("No operator", 0.1))),
    _MC: (0.055, (("Mechanical failure", 0.4), ("Electrical fault", 0.2), ("Tooling", 0.3), ("No operator", 0.1))),
    _ASM: (0.025, (("Material shortage", 0.35), ("Mechanical failure", 0.2), ("Electrical fault", 0.1),
                   ("No operator", 0.35))),
    _TEST: (0.025, (("Mechanical failure", 0.3), ("Electrical fault", 0.4), ("No operator", 0.3))),
    _PAINT: (0.03, (("Mechanical failure", 0.5), ("Electrical fault", 0.3), ("No operator", 0.2))),
}  # fmt: skip
_MINUTES = {  # reason: (median minutes, spread)
    "Mechanical failure": (110, 0.8),
    "Electrical fault": (70, 0.7),
    "Tooling": (35, 0.5),
    "Material shortage": (170, 0.6),
    "No operator": (85, 0.5),
    "Planned maintenance": (240, 0.3),
    "Changeover": (55, 0.4),
}


@dataclass(frozen=True)
class _Supplier:
    name: str
    country: str
    category: str
    approved: date
    on_time: float  # chance a delivery arrives by the promised date, usually
    late_days: float  # mean days late when it is late


_SUPPLIERS = (
    _Supplier("Great Lakes Foundry", "USA", "Castings", date(1996, 4, 15), 0.93, 3.0),
    _Supplier("Sierra Castings", "Mexico", "Castings", date(2017, 6, 5), 0.88, 4.0),
    _Supplier("Kaiyuan Valve Components", "China", "Forgings", date(2012, 9, 10), 0.84, 6.0),
    _Supplier("Hoosier Steel Service", "USA", "Bar stock", date(2003, 2, 3), 0.95, 2.0),
    _Supplier("Aceros del Norte", "Mexico", "Bar stock", date(2017, 7, 3), 0.9, 3.0),
    _Supplier("Apex Seal & Gasket", "USA", "Seals and gaskets", date(2005, 10, 17), 0.91, 3.0),
    _Supplier("Brandt Electric Motors", "USA", "Motors", date(2009, 3, 2), 0.87, 5.0),
    _Supplier("Precision Bearing Co.", "USA", "Bearings", date(2010, 1, 18), 0.94, 2.5),
    _Supplier("Vantage Controls", "Canada", "Electronics", date(2024, 9, 16), 0.82, 5.0),
    _Supplier("Midwest Fastener Supply", "USA", "Fasteners", date(2001, 5, 21), 0.97, 1.5),
    _Supplier("ProCoat Industrial Finishes", "USA", "Coatings", date(2010, 8, 9), 0.92, 2.5),
)
_SUPPLIER = {s.name: i for i, s in enumerate(_SUPPLIERS)}


@dataclass(frozen=True)
class _Supply:
    plant: str
    material: str
    supplier: str
    unit: str
    price: float  # USD a unit in 2024
    rise: float  # price change in 2025
    quantity: int  # usual quantity an order
    step: int  # quantities are multiples of this
    every: int  # days between orders
    lead: int  # days from order to promised delivery
    first: date = START


_SUPPLIES = (
    _Supply("Dayton", "Pump casing castings", "Great Lakes Foundry", "pcs", 186.0, 0.06, 180, 10, 7, 21),
    _Supply("Dayton", "Impeller castings", "Great Lakes Foundry", "pcs", 62.5, 0.06, 360, 10, 14, 21),
    _Supply("Dayton", "Stainless steel bar", "Hoosier Steel Service", "kg", 6.4, -0.03, 3000, 100, 14, 7),
    _Supply("Dayton", "Electric motors", "Brandt Electric Motors", "pcs", 640.0, 0.04, 120, 5, 14, 28),
    _Supply("Dayton", "Mechanical seals", "Apex Seal & Gasket", "pcs", 48.0, 0.03, 360, 10, 14, 10),
    _Supply("Dayton", "Bearings", "Precision Bearing Co.", "pcs", 22.0, 0.02, 1500, 50, 28, 14),
    _Supply("Dayton", "Industrial coatings", "ProCoat Industrial Finishes", "L", 18.5, 0.05, 500, 20, 28, 7),
    _Supply("Dayton", "Fasteners", "Midwest Fastener Supply", "pcs", 0.35, 0.02, 30000, 1000, 28, 5),
    _Supply("Tulsa", "Valve body castings", "Great Lakes Foundry", "pcs", 38.0, 0.06, 650, 10, 7, 21),
    _Supply("Tulsa", "Forged valve balls", "Kaiyuan Valve Components", "pcs", 9.5, 0.02, 2400, 100, 28, 56),
    _Supply("Tulsa", "Carbon steel bar", "Hoosier Steel Service", "kg", 2.1, -0.02, 8000, 100, 14, 7),
    _Supply("Tulsa", "Seals and gaskets", "Apex Seal & Gasket", "pcs", 4.6, 0.03, 3000, 100, 14, 10),
    _Supply("Tulsa", "Fasteners", "Midwest Fastener Supply", "pcs", 0.35, 0.02, 40000, 1000, 28, 5),
    _Supply(
        "Tulsa", "Valve positioner electronics", "Vantage Controls", "pcs", 318.0, 0.0, 60, 5, 14, 35,
        date(2024, 10, 1),
    ),
    _Supply("Monterrey", "Valve body castings", "Sierra Castings", "pcs", 7.4, 0.04, 3000, 50, 7, 14),
    _Supply("Monterrey", "Carbon steel bar", "Aceros del Norte", "kg", 1.85, -0.02, 9000, 100, 14, 7),
    _Supply("Monterrey", "Forged valve balls", "Kaiyuan Valve Components", "pcs", 2.6, 0.02, 12000, 500, 28, 56),
    _Supply("Monterrey", "Seals and gaskets", "Apex Seal & Gasket", "pcs", 1.2, 0.03, 12000, 500, 14, 12),
    _Supply("Monterrey", "Industrial coatings", "ProCoat Industrial Finishes", "L", 18.5, 0.05, 400, 20, 28, 10),
    _Supply("Monterrey", "Fasteners", "Midwest Fastener Supply", "pcs", 0.35, 0.02, 40000, 1000, 28, 7),
)  # fmt: skip


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


def _money(amount: float) -> float:
    return round(amount, 2)


def _working(day: date) -> date:
    """`day`, or the first working day after it: not a weekend, nor a day the plants are closed."""
    while day.weekday() >= 5 or _closed(day):
        day += timedelta(days=1)
    return day


def _over_holidays(first: date, last: date) -> date:
    """The last day of work that runs from `first` to `last` on working time, after the holiday closure it spans."""
    return last + timedelta(days=9) if last >= date(first.year, 12, 24) > first else last


def _closed(day: date) -> bool:
    """Whether the plants are closed: from Christmas Eve to New Year's Day."""
    return (day.month, day.day) >= (12, 24) or (day.month, day.day) == (1, 1)


def _pick(rng: random.Random, choices: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


def _between(day: date, period: tuple[date, date]) -> bool:
    return period[0] <= day <= period[1]


def _days() -> list[date]:
    return [START + timedelta(days=n) for n in range((END - START).days + 1)]


def _month_index(day: date) -> int:
    return (day.year - START.year) * 12 + day.month - 1


# --------------------------------------------------------------------------------------------
# Generation: reference tables.


def _lines() -> tuple[list[dict], list[dict]]:
    lines, machines = [], []
    for line_id, line in enumerate(_LINES, start=1):
        lines.append(
            {
                "line_id": line_id,
                "line_code": line.code,
                "line_name": line.name,
                "plant": line.plant,
                "product_family": line.family,
                "commissioned_date": line.commissioned,
            }
        )
        for tag, kind, maker, installed, retired in line.machines:
            machines.append(
                {
                    "machine_id": len(machines) + 1,
                    "asset_tag": f"{line.code.replace('-', '')}-{tag}",
                    "line_id": line_id,
                    "machine_type": kind,
                    "manufacturer": maker,
                    "installed_date": installed,
                    "retired_date": retired,
                }
            )
    return lines, machines


def _products() -> list[dict]:
    return [
        {
            "product_id": i,
            "sku": p.sku,
            "product_name": p.name,
            "product_family": p.family,
            "list_price": float(p.price),
            "standard_cost": float(p.cost),
            "launched_date": p.launched,
        }
        for i, p in enumerate(_PRODUCTS, start=1)
    ]


def _suppliers() -> list[dict]:
    return [
        {
            "supplier_id": i,
            "supplier_name": s.name,
            "country": s.country,
            "material_category": s.category,
            "approved_date": s.approved,
        }
        for i, s in enumerate(_SUPPLIERS, start=1)
    ]


_LINE_ID = {line.code: i for i, line in enumerate(_LINES, start=1)}
_PLANT_OF = {line.code: line.plant for line in _LINES}


def _customers(rng: random.Random) -> tuple[list[dict], dict[int, float]]:
    """The customers, each with how much they order relative to others of their segment."""
    found: list[tuple[date, str, str, str, float]] = []
    names: set[str] = set()
    for segment, s in _SEGMENTS.items():
        for _ in range(s.customers):
            region = _pick(rng, s.regions)
            while True:
                town = rng.choice(_TOWNS[region])
                word = rng.choice(_NAME_WORDS[segment])
                name = word.format(town) if "{}" in word else f"{town} {word}"
                if name not in names:
                    break
            names.add(name)
            if rng.random() < _NEW_CUSTOMERS:
                since = START + timedelta(days=rng.randrange((date(2025, 9, 30) - START).days))
            else:
                oldest = date(1995, 1, 2)
                since = oldest + timedelta(days=int((date(2023, 12, 29) - oldest).days * rng.random() ** 0.7))
            found.append((since, segment, name, region, rng.lognormvariate(0, 0.9)))
    found.sort(key=lambda c: (c[0], c[2]))
    rows, size = [], {}
    for n, (since, segment, name, region, weight) in enumerate(found, start=1):
        rows.append(
            {"customer_id": n, "customer_name": name, "segment": segment, "region": region, "customer_since": since}
        )
        size[n] = weight
    return rows, size


# --------------------------------------------------------------------------------------------
# Generation: sales.


def _ship(rng: random.Random, product: _Product, ordered: date, promised: date) -> date:
    """The day an order ships: on time as a rule, later when its plant or line is in trouble."""
    plant = _PLANT_OF[product.line]
    on_time, late = _ON_TIME[plant], _LATE_DAYS
    if product.family == "Gate valves" and date(2024, 6, 17) <= promised <= date(2024, 11, 8):
        on_time, late = 0.48, 9.0
    if plant == "Dayton" and date(2025, 5, 5) <= promised <= date(2025, 11, 14):
        on_time, late = 0.66, 7.0
    if product.family == "Control valves" and promised < date(2025, 7, 1):
        on_time, late = 0.7, 6.0
    if promised.month == 12 and promised.day > 15:
        on_time -= 0.05
    if rng.random() < on_time:
        shipped = promised - timedelta(days=min(rng.choice((0, 0, 0, 1, 1, 2, 3, 4)), (promised - ordered).days - 1))
    else:
        shipped = promised + timedelta(days=1 + int(rng.expovariate(1 / late)))
    return _working(shipped)


def _sales(rng: random.Random, customers: list[dict], size: dict[int, float]) -> list[dict]:
    by_segment: dict[str, list[dict]] = defaultdict(list)
    for c in customers:
        by_segment[c["segment"]].append(c)
    orders = []
    for day in _days():
        if day.weekday() >= 5:
            continue
        for segment, s in _SEGMENTS.items():
            mean = s.orders * s.season[day.month - 1] * (s.growth if day.year == 2025 else 1.0)
            present = [c for c in by_segment[segment] if c["customer_since"] <= day]
            weights = [size[c["customer_id"]] for c in present]
            skus = [sku for sku, _ in s.products if _PRODUCTS[_SKU[sku]].launched <= day]
            ramp = min(1.0, (day - _LAUNCH).days / _CONTROL_RAMP)
            shares = [
                w * (ramp if _PRODUCTS[_SKU[sku]].family == "Control valves" else 1.0)
                for sku, w in s.products
                if sku in skus
            ]
            for _ in range(_poisson(rng, mean)):
                customer = rng.choices(present, weights)[0]
                product = _PRODUCTS[_SKU[rng.choices(skus, shares)[0]]]
                units = product.order_qty * s.size * rng.lognormvariate(0, 0.6)
                quantity = max(product.pack, round(units / product.pack) * product.pack)
                price = product.price * (_PRICE_2024 if day.year == 2024 else 1.0)
                discount = s.discount + rng.uniform(-0.03, 0.03) + (0.03 if quantity > 3 * product.order_qty else 0)
                lead = _LEAD_SKU.get(product.sku, _LEAD_DAYS[product.family])
                promised = _working(day + timedelta(days=lead + rng.randint(-2, 5)))
                shipped = _ship(rng, product, day, promised)
                status = "Shipped"
                if rng.random() < _CANCELLED:
                    status, shipped = "Cancelled", None
                elif shipped > END:
                    status, shipped = "Open", None
                orders.append(
                    {
                        "customer_id": customer["customer_id"],
                        "product_id": _SKU[product.sku] + 1,
                        "plant": _PLANT_OF[product.line],
                        "order_date": day,
                        "promised_date": promised,
                        "shipped_date": shipped,
                        "status": status,
                        "quantity": quantity,
                        "unit_price": _money(price * (1 - discount)),
                    }
                )
    per_year: Counter = Counter()
    for n, row in enumerate(orders, start=1):
        per_year[row["order_date"].year] += 1
        row["order_id"] = n
        row["order_number"] = f"SO-{row['order_date'].year % 100}{per_year[row['order_date'].year]:05d}"
    return orders


# --------------------------------------------------------------------------------------------
# Generation: production.


@dataclass
class _Run:
    """A work order being generated."""

    product: int  # index into _PRODUCTS
    planned_start: date
    planned_days: int
    quantity: int
    rate: float  # units a day
    row: dict | None = None


def _rates(orders: list[dict]) -> dict[int, float]:
    """Each product's production rate, units a day: enough that its line makes a month's demand in about 16 days."""
    demand: Counter = Counter()
    months: dict[int, set] = defaultdict(set)
    for o in orders:
        if o["status"] != "Cancelled":
            demand[o["product_id"] - 1] += o["quantity"]
            months[o["product_id"] - 1].add(_month_index(o["order_date"]))
    per_line = Counter(p.line for p in _PRODUCTS)
    return {i: demand[i] / len(months[i]) * per_line[p.line] / 16 for i, p in enumerate(_PRODUCTS)}


def _plan(rng: random.Random, orders: list[dict]) -> list[_Run]:
    """Each month, each product's demand in a few work orders of about two and a half days' production each,
    spread over the month; a pilot run of control valves before their launch."""
    rates = _rates(orders)
    demand: dict[tuple[int, int], int] = Counter()
    for o in orders:
        if o["status"] != "Cancelled":
            demand[o["product_id"] - 1, _month_index(o["order_date"])] += o["quantity"]
    runs = [_Run(_SKU["SV-200"], date(2025, 2, 19), 6, 40, rates[_SKU["SV-200"]])]
    for month in range(24):
        first = date(2024 + month // 12, month % 12 + 1, 1)
        days = ((first.replace(day=28) + timedelta(days=4)).replace(day=1) - first).days
        for i, p in enumerate(_PRODUCTS):
            wanted = demand.get((i, month), 0)
            if not wanted:
                continue
            rate = rates[i]
            k = max(1, min(6, round(wanted / (rate * 2.5))))
            for n in range(k):
                units = wanted / k * rng.uniform(1.0, 1.06)
                quantity = max(p.pack, math.ceil(units / p.pack) * p.pack)
                offset = int((n + rng.uniform(0.1, 0.9)) * days / k)
                start = _working(first + timedelta(days=min(offset, days - 1)))
                if start.month != first.month:  # planned before the holidays instead
                    start = date(first.year, 12, 23)
                    while start.weekday() >= 5:
                        start -= timedelta(days=1)
                planned_days = max(1, math.ceil(quantity / rate)) + 1
                runs.append(_Run(i, start, planned_days, quantity, rate))
    runs.sort(key=lambda r: (r.planned_start, _LINE_ID[_PRODUCTS[r.product].line], r.product))
    return runs


def _scrap_rate(line: str, day: date) -> tuple[float, str | None, float]:
    """A unit's chance of being scrapped as usual, and of being scrapped for the trouble of the day, with its
    defect type."""
    base = _SCRAP[line]
    if line == "TUL-3":
        months = max(0, (day.year - 2025) * 12 + day.month - 2)
        base = 0.028 + 0.2 * math.exp(-months / 2.5)
    if line == "TUL-2" and _between(day, _GATE_TROUBLE) and day >= date(2024, 6, 10):
        return base, "Dimensional", 0.055
    if _PLANT_OF[line] == "Dayton" and line != "DAY-3" and _between(day, _POROSITY):
        return base, "Casting porosity", 0.016
    return base, None, 0.0


class _Plant:
    """The work orders as they ran, and the downtime and defects that came with them."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.defect_rng = random.Random(seed + 1)
        self.stop_rng = random.Random(seed + 2)
        self.work_orders: list[dict] = []
        self.defects: list[dict] = []
        self.stops: list[dict] = []

    def run(self, runs: list[_Run]) -> None:
        per_year: Counter = Counter()
        for run in runs:
            per_year[run.planned_start.year] += 1
            number = f"WO-{run.planned_start.year % 100}-{per_year[run.planned_start.year]:04d}"
            self._work_order(run, len(self.work_orders) + 1, number)

    def _work_order(self, run: _Run, work_order_id: int, number: str) -> None:
        rng = self.rng
        p = _PRODUCTS[run.product]
        line = p.line
        planned_end = _over_holidays(run.planned_start, run.planned_start + timedelta(days=run.planned_days - 1))
        delay = rng.choices((0, 1, 2, 3), (0.72, 0.18, 0.07, 0.03))[0]
        factor = rng.lognormvariate(0, 0.16)
        short = 1.0
        if line == "TUL-2" and _between(run.planned_start, _GATE_TROUBLE):
            delay += rng.randint(0, 3)
            factor *= 1.75
        if _PLANT_OF[line] == "Dayton" and _between(run.planned_start, _SHORTAGE):
            if rng.random() < 0.55:
                delay += rng.randint(2, 8)
            if rng.random() < 0.2:
                short = rng.uniform(0.85, 0.97)
        if line == "TUL-3" and run.planned_start < date(2025, 6, 1):
            factor *= 1.35
        start = _working(run.planned_start + timedelta(days=delay))
        days = max(1, round(run.quantity / run.rate * factor))
        end = _over_holidays(start, start + timedelta(days=days - 1))
        produced = round(run.quantity * short)
        status = "Completed"
        if rng.random() < 0.008 and run.planned_start > START:
            status = "Cancelled"
        elif start > END:
            status = "Planned"
        elif end > END:
            status = "In progress"
            worked = sum(not _closed(start + timedelta(days=n)) for n in range((END - start).days + 1))
            produced = int(produced * min(worked, days) / days)
        row = {
            "work_order_id": work_order_id,
            "work_order_number": number,
            "product_id": run.product + 1,
            "line_id": _LINE_ID[line],
            "status": status,
            "planned_start_date": run.planned_start,
            "planned_end_date": planned_end,
            "actual_start_date": start if status in ("Completed", "In progress") else None,
            "actual_end_date": end if status == "Completed" else None,
            "quantity_planned": run.quantity,
            "quantity_good": 0,
            "quantity_scrapped": 0,
        }
        self.work_orders.append(row)
        if row["actual_start_date"] is not None:
            self._inspect(row, line, p.family, produced, start, min(end, END))

    def _inspect(self, row: dict, line: str, family: str, produced: int, first: date, last: date) -> None:
        """Every unit produced is inspected: some are scrapped for the usual defects of the family or for the
        trouble of the day, some reworked; one defect report per defect type, stage and disposition."""
        rng = self.defect_rng
        base, trouble, extra = _scrap_rate(line, first)
        base *= rng.lognormvariate(0, 0.25)
        kinds = _DEFECTS["control" if family == "Control valves" else "pump" if "pumps" in family else "valve"]
        types, shares = [t for t, _ in kinds], [s for _, s in kinds]
        scrap: Counter = Counter()
        rework: Counter = Counter()
        for _ in range(produced):
            r = rng.random()
            if r < extra:
                scrap[trouble] += 1
            elif r < extra + base:
                scrap[rng.choices(types, shares)[0]] += 1
            elif r < extra + base * (1 + _REWORK):
                rework[rng.choices(types, shares)[0]] += 1
        row["quantity_scrapped"] = sum(scrap.values())
        row["quantity_good"] = produced - row["quantity_scrapped"]
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        days = [d for d in days if not _closed(d)]
        for disposition, found in (("Scrap", scrap), ("Rework", rework)):
            for defect_type in sorted(found):
                stages: Counter = Counter(_pick(rng, _STAGES[defect_type]) for _ in range(found[defect_type]))
                for stage in sorted(stages):
                    self.defects.append(
                        {
                            "work_order_id": row["work_order_id"],
                            "detected_date": rng.choice(days),
                            "inspection_stage": stage,
                            "defect_type": defect_type,
                            "units_affected": stages[stage],
                            "disposition": disposition,
                        }
                    )

    # --- downtime

    def _stop(self, machine: dict, begins: datetime, reason: str, minutes: int) -> None:
        ends = begins + timedelta(minutes=minutes)
        if ends.date() > END:
            return
        self.stops.append(
            {
                "machine_id": machine["machine_id"],
                "start_time": begins,
                "end_time": ends,
                "duration_minutes": minutes,
                "downtime_type": "Planned" if reason in ("Planned maintenance", "Changeover") else "Unplanned",
                "reason": reason,
            }
        )

    def _minutes(self, reason: str, longer: float = 1.0) -> int:
        median, spread = _MINUTES[reason]
        return max(5, round(median * longer * self.stop_rng.lognormvariate(0, spread)))

    def downtime(self, machines: list[dict], lines: list[dict]) -> None:
        """Each machine's breakdowns and other stops on working days while in service (the old gate valve
        machining center far more often in its last summer, Dayton's assembly cells waiting for castings, more
        electrical faults in the summer heat of Tulsa and Monterrey), its monthly planned maintenance on the first
        Saturday of the month, and a changeover on a line's machine when a work order starts."""
        rng = self.stop_rng
        line_of = {line["line_id"]: line for line in lines}
        for m in machines:
            line = line_of[m["line_id"]]
            first = max(m["installed_date"], START)
            last = min(m["retired_date"] or END, END)
            rate, reasons = _STOPS[m["machine_type"]]
            old = 1.25 if m["installed_date"].year < 2012 else 1.0
            troubled = m["asset_tag"] == "TUL2-MC-01"
            for n in range((last - first).days + 1):
                day = first + timedelta(days=n)
                if day.weekday() == 5 and day.day <= 7:
                    self._stop(m, datetime(day.year, day.month, day.day, 7), "Planned maintenance",
                               self._minutes("Planned maintenance"))  # fmt: skip
                if day.weekday() >= 5 or _closed(day):
                    continue
                shares = [w for _, w in reasons]
                if line["plant"] != "Dayton" and day.month in (6, 7, 8):
                    shares = [
                        w * (1.8 if r == "Electrical fault" else 1.0) for (r, _), w in zip(reasons, shares, strict=True)
                    ]
                for _ in range(_poisson(rng, rate * old)):
                    reason = rng.choices([r for r, _ in reasons], shares)[0]
                    begins = datetime(day.year, day.month, day.day, 6) + timedelta(minutes=rng.randrange(16 * 60))
                    self._stop(m, begins, reason, self._minutes(reason))
                if troubled and _between(day, _GATE_TROUBLE) and day >= _GATE_TROUBLE[0]:
                    for _ in range(_poisson(rng, 0.4)):
                        reason = "Mechanical failure" if rng.random() < 0.8 else "Electrical fault"
                        begins = datetime(day.year, day.month, day.day, 6) + timedelta(minutes=rng.randrange(14 * 60))
                        self._stop(m, begins, reason, self._minutes(reason, 3.0))
                shortage = line["plant"] == "Dayton" and m["machine_type"] == _ASM and _between(day, _SHORTAGE)
                if shortage and rng.random() < 0.22:
                    begins = datetime(day.year, day.month, day.day, 6) + timedelta(minutes=rng.randrange(8 * 60))
                    self._stop(m, begins, "Material shortage", self._minutes("Material shortage", 1.6))
        by_line: dict[int, list[dict]] = defaultdict(list)
        for m in machines:
            if m["machine_type"] in (_LATHE, _MC):
                by_line[m["line_id"]].append(m)
        for wo in self.work_orders:
            start = wo["actual_start_date"]
            if start is None:
                continue
            ready = [
                m for m in by_line[wo["line_id"]] if m["installed_date"] <= start and (m["retired_date"] or END) > start
            ]
            machine = rng.choice(ready)
            begins = datetime(start.year, start.month, start.day, 6) + timedelta(minutes=rng.randrange(90))
            self._stop(machine, begins, "Changeover", self._minutes("Changeover"))

    def finish(self) -> dict[str, list[dict]]:
        self.defects.sort(key=lambda d: (d["detected_date"], d["work_order_id"], d["disposition"], d["defect_type"]))
        for n, row in enumerate(self.defects, start=1):
            row["defect_id"] = n
        self.stops.sort(key=lambda s: (s["start_time"], s["machine_id"]))
        for n, row in enumerate(self.stops, start=1):
            row["downtime_id"] = n
        return {"work_orders": self.work_orders, "downtime_events": self.stops, "quality_defects": self.defects}


# --------------------------------------------------------------------------------------------
# Generation: purchasing.


def _activity(work_orders: list[dict]) -> dict[tuple[str, int], float]:
    """Each plant's planned production in each month, relative to its average month."""
    planned: Counter = Counter()
    plant_of_line = {_LINE_ID[line.code]: line.plant for line in _LINES}
    for wo in work_orders:
        planned[plant_of_line[wo["line_id"]], _month_index(wo["planned_start_date"])] += wo["quantity_planned"]
    out = {}
    for plant in ("Dayton", "Tulsa", "Monterrey"):
        average = sum(planned[plant, m] for m in range(24)) / 24
        for m in range(24):
            out[plant, m] = planned[plant, m] / average
    return out


def _receive(rng: random.Random, supplier: str, promised: date) -> date:
    s = _SUPPLIERS[_SUPPLIER[supplier]]
    on_time, late = s.on_time, s.late_days
    if supplier == "Great Lakes Foundry" and promised >= _FOUNDRY_LATE:
        on_time, late = (0.72, 5.0) if promised >= _FOUNDRY_BETTER else (0.38, 11.0)
    if supplier == "Kaiyuan Valve Components" and _between(promised, _RED_SEA):
        on_time, late = 0.35, 15.0
    if rng.random() < on_time:
        return _working(promised - timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 3))))
    return _working(promised + timedelta(days=1 + int(rng.expovariate(1 / late))))


def _purchases(rng: random.Random, work_orders: list[dict]) -> list[dict]:
    """Every material for every plant, ordered every so often in quantities that follow the plant's production;
    from June 2025 Dayton orders part of its castings from Sierra Castings."""
    activity = _activity(work_orders)
    found = []
    for supply in _SUPPLIES:
        day = supply.first + timedelta(days=rng.randrange(supply.every))
        while day <= END:
            ordered = _working(day)
            if ordered > END:
                break
            supplier = supply.supplier
            if supply.plant == "Dayton" and supplier == "Great Lakes Foundry" and ordered >= _SECOND_SOURCE:
                supplier = "Sierra Castings" if rng.random() < 0.4 else supplier
            level = activity[supply.plant, _month_index(ordered)]
            if supply.material == "Valve positioner electronics":
                level = 0.35 if ordered < _TUL3 else 1.0
            quantity = supply.quantity * level * rng.lognormvariate(0, 0.15)
            quantity = max(supply.step, round(quantity / supply.step) * supply.step)
            price = supply.price * (1 + supply.rise if ordered.year == 2025 else 1.0)
            if supplier != supply.supplier:
                price *= 1.08
            price = round(price * (1 + rng.gauss(0, 0.015)), 2 if price >= 1 else 4)
            lead = supply.lead + (7 if supplier != supply.supplier else 0)
            promised = _working(ordered + timedelta(days=lead + rng.randint(-1, 3)))
            received = _receive(rng, supplier, promised)
            found.append(
                {
                    "supplier_id": _SUPPLIER[supplier] + 1,
                    "plant": supply.plant,
                    "material": supply.material,
                    "order_date": ordered,
                    "promised_date": promised,
                    "received_date": received if received <= END else None,
                    "status": "Received" if received <= END else "Open",
                    "quantity": quantity,
                    "unit": supply.unit,
                    "unit_price": price,
                    "amount": _money(quantity * price),
                }
            )
            day = ordered + timedelta(days=supply.every + rng.randint(-1, 1))
    found.sort(key=lambda p: (p["order_date"], p["plant"], p["material"]))
    per_year: Counter = Counter()
    for n, row in enumerate(found, start=1):
        per_year[row["order_date"].year] += 1
        row["po_id"] = n
        row["po_number"] = f"PO-{row['order_date'].year % 100}-{per_year[row['order_date'].year]:04d}"
    return found


# --------------------------------------------------------------------------------------------
# The warehouse.


def manufacturing_rows() -> dict[str, list[dict]]:
    """Every table's rows, by table name, generated from the fixed seed. Downtime times are datetimes (written as
    'YYYY-MM-DD HH:MM')."""
    lines, machines = _lines()
    customers, size = _customers(random.Random(SEED))
    orders = _sales(random.Random(SEED + 1), customers, size)
    plant = _Plant(SEED + 10)
    plant.run(_plan(random.Random(SEED + 2), orders))
    plant.downtime(machines, lines)
    produced = plant.finish()
    return {
        "production_lines": lines,
        "machines": machines,
        "products": _products(),
        **produced,
        "suppliers": _suppliers(),
        "purchase_orders": _purchases(random.Random(SEED + 3), produced["work_orders"]),
        "customers": customers,
        "sales_orders": orders,
    }


def database_path(out_dir: Path) -> Path:
    return sqlite_file.database_path(out_dir, DB_ID)


def build(out_dir: Path) -> Path:
    """Write the warehouse under `out_dir` in the eval-set layout, replacing an older build; return its path."""
    return sqlite_file.write(
        database_path(out_dir), _TABLES, sqlite_file.with_minute_times(manufacturing_rows(), "downtime_events")
    )


def main(argv: list[str] | None = None) -> int:
    return sqlite_file.main(argv, "bench.warehouses.manufacturing", build, HELD_OUT_QUESTIONS)


if __name__ == "__main__":
    sys.exit(main())
