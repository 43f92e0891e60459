"""A regional electricity and gas utility's warehouse: Northwind Energy, supplying residential and business customers
in four regions with electricity and gas (tariffs and their prices over time, customers, their meters, monthly meter
readings, monthly bills and when they were paid, power cuts on the network, and customer service cases).

    python -m bench.warehouses.utility OUT_DIR [--with-questions]

writes OUT_DIR/database/utility/utility.sqlite, the layout of the project's eval sets (see bench/dataset.py);
`--with-questions` also copies the held-out questions (bench/heldout/utility/questions.json) beside it, so that
`python -m bench --dataset OUT_DIR --out FILE.json` runs them. Those questions are the project's fair measure: do
not read them (nor their wrong answers) while designing what they measure.

Everything comes from a fixed seed over fixed dates (2024-01-01 .. 2025-12-31), with only the standard library, so
every build holds the same rows. The utility moved to its current billing and customer system on 2024-01-01: the
customers supplied that day are in the data with the dates they joined, their meters with the dates they were
fitted, and the tariffs with their launch dates, while readings, bills, power cuts and service cases start on
2024-01-01. Every customer has an electricity meter and many a gas meter too; each meter is read at the end of
every month (and on the day a customer leaves), and each customer gets one bill a month, issued on the day of the
readings, for the usage of both fuels at the tariff's prices that month plus a daily standing charge and tax.

The business has a shape worth asking about: gas use peaks in the winter, electricity use has a summer peak from
air conditioning (strongest on the coast, weakest in the cold Highlands, which burn the most gas) and a smaller
winter one; the variable tariffs' prices fall a little on 2024-07-01 and rise steeply on 2025-04-01 (announced in
February 2025), so that many customers fix their price in the spring of 2025, more customers switch supplier in
the months after the rise, and customers use a little less; a new green electricity tariff is launched in June
2024 and the fixed tariffs of 2024 are replaced by new ones, at higher prices, in 2025; business fixed prices are
reset each January. Most customers pay on time (direct debit on the due date), some pay late, a few never pay; a
paper mill closes in the Lakeshore region in March 2025 and from then on late and unpaid bills there grow month
by month, and so do its arrears, while the other regions keep their habits. A winter storm strikes the Coastal and
Highlands regions on 2025-02-08, cutting power in many places for a day or more and bringing a wave of calls.
Customers join and leave every month (moving home, switching supplier, a business closing).

SQLite has no COMMENT ON: every table and column is documented by a `--` comment inside its CREATE TABLE, which
SQLite keeps in sqlite_master.sql; `COMMENTS` holds the same text for readers that want it as data.
"""

from __future__ import annotations

import calendar
import math
import random
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from bench.warehouses import sqlite_file
from bench.warehouses.sqlite_file import Col, Table, comments

DB_ID = "utility"
HELD_OUT_QUESTIONS = Path(__file__).resolve().parent.parent / "heldout" / DB_ID / "questions.json"
SEED = 20240311
START = date(2024, 1, 1)
END = date(2025, 12, 31)  # the data's "today": nothing later is known

_TABLES: tuple[Table, ...] = (
    Table(
        "tariffs",
        "Tariffs (price plans) we sell, one row per tariff, each for one fuel and one kind of customer; what each "
        "costs, and when, is in tariff_prices.",
        (
            Col("tariff_id", "INTEGER PRIMARY KEY", "Unique tariff identifier."),
            Col(
                "tariff_name",
                "TEXT NOT NULL",
                "Tariff name as on the bill, unique, e.g. 'Standard Variable Electricity' or 'Fixed Saver Gas 2025'.",
            ),
            Col("fuel", "TEXT NOT NULL", "Fuel the tariff prices: 'Electricity' or 'Gas'."),
            Col(
                "tariff_type",
                "TEXT NOT NULL",
                "'Variable' (the price follows the market and changes from time to time, for every customer on the "
                "tariff) or 'Fixed' (the price is fixed: for as long as a residential customer stays on the tariff, "
                "and for the calendar year for business customers).",
            ),
            Col(
                "customer_type",
                "TEXT NOT NULL",
                "Kind of customer the tariff is sold to: 'Residential' (households) or 'Business'.",
            ),
            Col("launched_date", "TEXT NOT NULL", "Date the tariff was first offered (YYYY-MM-DD)."),
            Col(
                "withdrawn_date",
                "TEXT",
                "Last date new customers could choose the tariff (YYYY-MM-DD); customers already on it keep it. NULL "
                "while it is still on sale.",
            ),
        ),
    ),
    Table(
        "tariff_prices",
        "Price history of the tariffs, one row per tariff per period with one price: a price applies from "
        "valid_from to valid_to, both included. Prices only change on the first day of a month.",
        (
            Col("price_id", "INTEGER PRIMARY KEY", "Unique price identifier."),
            Col("tariff_id", "INTEGER NOT NULL", "Tariff the price belongs to (tariffs.tariff_id)."),
            Col("valid_from", "TEXT NOT NULL", "First day the price applies (YYYY-MM-DD)."),
            Col(
                "valid_to",
                "TEXT",
                "Last day the price applies (YYYY-MM-DD); NULL for the tariff's current price.",
            ),
            Col("unit_rate", "REAL NOT NULL", "Price of energy in USD per kWh, before tax."),
            Col(
                "standing_charge",
                "REAL NOT NULL",
                "Fixed charge in USD per day of supply, whatever the usage, before tax.",
            ),
        ),
        ("FOREIGN KEY (tariff_id) REFERENCES tariffs (tariff_id)",),
    ),
    Table(
        "customers",
        "Customer accounts, one row per customer supplied at any time since 2024-01-01: a household or a business "
        "at one address (premises). A customer who moves home and stays with us gets a new account.",
        (
            Col("customer_id", "INTEGER PRIMARY KEY", "Unique customer identifier."),
            Col("account_number", "TEXT NOT NULL", "Account number printed on the bills, unique, e.g. 'NW4821907'."),
            Col("customer_type", "TEXT NOT NULL", "'Residential' (a household) or 'Business'."),
            Col(
                "region",
                "TEXT NOT NULL",
                "Region of the premises: 'Metro', 'Lakeshore', 'Coastal' or 'Highlands'.",
            ),
            Col("town", "TEXT NOT NULL", "Town of the premises, e.g. 'Port Alder'; each town is in one region."),
            Col(
                "joined_date",
                "TEXT NOT NULL",
                "Date we started supplying the customer (YYYY-MM-DD), before 2024 for customers supplied when the "
                "data starts.",
            ),
            Col(
                "left_date",
                "TEXT",
                "Last day we supplied the customer (YYYY-MM-DD) when they have left us; NULL while we still supply "
                "them.",
            ),
            Col(
                "leave_reason",
                "TEXT",
                "Why the customer left: 'Moved home', 'Switched supplier' or 'Business closed'; NULL while we still "
                "supply them.",
            ),
            Col(
                "payment_method",
                "TEXT NOT NULL",
                "How the customer pays their bills: 'Direct debit' (collected on the due date), 'Card', 'Bank "
                "transfer' or 'Check'.",
            ),
        ),
    ),
    Table(
        "meters",
        "Meters at the customers' premises, one row per meter on an account: every customer has one electricity "
        "meter, and one gas meter when the premises has gas.",
        (
            Col("meter_id", "INTEGER PRIMARY KEY", "Unique meter identifier."),
            Col("customer_id", "INTEGER NOT NULL", "Customer account the meter is on (customers.customer_id)."),
            Col(
                "serial_number",
                "TEXT NOT NULL",
                "Serial number of the meter, unique, 'E' or 'G' (for the fuel) and eight digits.",
            ),
            Col("fuel", "TEXT NOT NULL", "Fuel the meter measures: 'Electricity' or 'Gas'."),
            Col(
                "meter_type",
                "TEXT NOT NULL",
                "'Smart' (sends its readings itself) or 'Standard' (read by a meter reader or the customer, "
                "otherwise estimated).",
            ),
            Col(
                "installed_date",
                "TEXT NOT NULL",
                "Date the meter was fitted at the premises (YYYY-MM-DD), often long before the customer joined.",
            ),
            Col(
                "tariff_id",
                "INTEGER NOT NULL",
                "Tariff the meter is on today (tariffs.tariff_id), or was on when the customer left; the tariff "
                "of each past month is on meter_readings.",
            ),
        ),
        (
            "FOREIGN KEY (customer_id) REFERENCES customers (customer_id)",
            "FOREIGN KEY (tariff_id) REFERENCES tariffs (tariff_id)",
        ),
    ),
    Table(
        "meter_readings",
        "Meter readings, one row per meter per billing period: at the end of every calendar month, and on the day "
        "the customer leaves. A period starts on the first of the month, or on the day the customer joined.",
        (
            Col("reading_id", "INTEGER PRIMARY KEY", "Unique reading identifier."),
            Col("meter_id", "INTEGER NOT NULL", "Meter read (meters.meter_id)."),
            Col("period_start", "TEXT NOT NULL", "First day of the period the reading covers (YYYY-MM-DD)."),
            Col(
                "reading_date",
                "TEXT NOT NULL",
                "Date of the reading (YYYY-MM-DD), the last day of the period it covers.",
            ),
            Col(
                "consumption_kwh",
                "INTEGER NOT NULL",
                "Energy used in the period in kWh (gas volumes are converted to kWh).",
            ),
            Col(
                "reading_type",
                "TEXT NOT NULL",
                "How the reading was taken: 'Actual' (by the smart meter or a meter reader), 'Customer' (sent by "
                "the customer) or 'Estimated' (by us, when no reading came in).",
            ),
            Col(
                "tariff_id",
                "INTEGER NOT NULL",
                "Tariff the meter was on for the period (tariffs.tariff_id); a customer's tariff only changes on "
                "the first day of a month.",
            ),
        ),
        (
            "FOREIGN KEY (meter_id) REFERENCES meters (meter_id)",
            "FOREIGN KEY (tariff_id) REFERENCES tariffs (tariff_id)",
        ),
    ),
    Table(
        "bills",
        "Bills, one row per customer per billing period, for all the customer's meters, issued on the last day of "
        "the period (the day of its readings). Amounts are in USD; a bill is paid in full or not at all.",
        (
            Col("bill_id", "INTEGER PRIMARY KEY", "Unique bill number."),
            Col("customer_id", "INTEGER NOT NULL", "Customer billed (customers.customer_id)."),
            Col("bill_date", "TEXT NOT NULL", "Date the bill was issued (YYYY-MM-DD), the end of its period."),
            Col("period_start", "TEXT NOT NULL", "First day of the period billed (YYYY-MM-DD)."),
            Col("period_end", "TEXT NOT NULL", "Last day of the period billed (YYYY-MM-DD)."),
            Col(
                "energy_charge",
                "REAL NOT NULL",
                "Charge for the energy used in the period: each meter's kWh times its tariff's unit rate, before tax.",
            ),
            Col(
                "standing_charge",
                "REAL NOT NULL",
                "Daily standing charges of the customer's meters for the days of the period, before tax.",
            ),
            Col(
                "tax_amount",
                "REAL NOT NULL",
                "Sales tax on the energy and standing charges: 5% for residential and 7% for business customers.",
            ),
            Col(
                "total_amount",
                "REAL NOT NULL",
                "Amount the customer has to pay: energy_charge plus standing_charge plus tax_amount.",
            ),
            Col(
                "due_date",
                "TEXT NOT NULL",
                "Date the bill must be paid by (YYYY-MM-DD): 21 days after the bill date for residential and 30 "
                "days for business customers.",
            ),
            Col(
                "paid_date",
                "TEXT",
                "Date the bill was paid in full (YYYY-MM-DD); NULL while it is unpaid. Paid after due_date means "
                "paid late.",
            ),
        ),
        ("FOREIGN KEY (customer_id) REFERENCES customers (customer_id)",),
    ),
    Table(
        "outages",
        "Power cuts on our electricity network, one row per outage, from the fault (or the start of planned "
        "work) until power was back for everyone affected.",
        (
            Col("outage_id", "INTEGER PRIMARY KEY", "Unique outage identifier."),
            Col(
                "region",
                "TEXT NOT NULL",
                "Region where the outage happened: 'Metro', 'Lakeshore', 'Coastal' or 'Highlands'.",
            ),
            Col("town", "TEXT NOT NULL", "Town where the outage happened, one of the region's towns."),
            Col("start_time", "TEXT NOT NULL", "Local date and time the power went off, 'YYYY-MM-DD HH:MM'."),
            Col(
                "end_time",
                "TEXT NOT NULL",
                "Local date and time the power was back for every premises affected, 'YYYY-MM-DD HH:MM'.",
            ),
            Col(
                "cause",
                "TEXT NOT NULL",
                "Cause: 'Equipment failure', 'Vegetation' (trees on the lines), 'Severe weather' (lightning, heat "
                "or wind), 'Storm' (a named storm), 'Third-party damage' (e.g. digging) or 'Planned maintenance'.",
            ),
            Col(
                "customers_affected",
                "INTEGER NOT NULL",
                "Number of premises on the network left without power, ours and other suppliers' customers alike.",
            ),
        ),
    ),
    Table(
        "service_cases",
        "Customer service cases, one row per contact that opened a case (a call, an email or a web chat).",
        (
            Col("case_id", "INTEGER PRIMARY KEY", "Unique case number."),
            Col("customer_id", "INTEGER NOT NULL", "Customer who contacted us (customers.customer_id)."),
            Col("opened_date", "TEXT NOT NULL", "Date the case was opened (YYYY-MM-DD)."),
            Col(
                "closed_date",
                "TEXT",
                "Date the case was resolved and closed (YYYY-MM-DD); NULL while it is still open.",
            ),
            Col(
                "category",
                "TEXT NOT NULL",
                "What the case is about: 'Billing query', 'Payment arrangement' (a plan to pay overdue bills), "
                "'Meter problem', 'Power cut', 'Moving home', 'Tariff change' or 'Complaint'.",
            ),
            Col("channel", "TEXT NOT NULL", "How the customer contacted us: 'Phone', 'Email' or 'Web chat'."),
            Col(
                "outage_id",
                "INTEGER",
                "Outage the customer reported (outages.outage_id) for 'Power cut' cases; NULL for other cases.",
            ),
        ),
        (
            "FOREIGN KEY (customer_id) REFERENCES customers (customer_id)",
            "FOREIGN KEY (outage_id) REFERENCES outages (outage_id)",
        ),
    ),
)

COMMENTS = comments(_TABLES)


# --------------------------------------------------------------------------------------------
# Reference data.

_REGIONS = {  # region: (towns, share of new customers, AC use in summer, gas use in winter, outages a day)
    "Metro": (("Northwind City", "Eastgate", "Millbrook"), 0.40, 1.0, 1.0, 0.11),
    "Lakeshore": (("Port Alder", "Lakeside", "Fenwick"), 0.22, 0.8, 1.15, 0.09),
    "Coastal": (("Seabright", "Saltmarsh", "Gull Harbor"), 0.21, 1.25, 0.85, 0.12),
    "Highlands": (("Ridgeway", "Pinecrest", "Stonebridge"), 0.17, 0.55, 1.3, 0.14),
}
_TOWN_WEIGHTS = (0.5, 0.3, 0.2)
_TROUBLED = "Lakeshore"
_MILL_CLOSES = date(2025, 3, 1)  # Lakeshore's arrears grow from this month on
_PRICE_DROP = date(2024, 7, 1)
_PRICE_RISE = date(2025, 4, 1)
_PRICE_AUTUMN = date(2025, 10, 1)
_GREEN_LAUNCH = date(2024, 6, 1)
_FIX_2025 = date(2025, 1, 1)
_STORM = (date(2025, 2, 8), {"Coastal": 34, "Highlands": 22, "Metro": 5})  # first day, outages per region
_TAX = {"Residential": 0.05, "Business": 0.07}
_DUE_DAYS = {"Residential": 21, "Business": 30}

# tariff name: (fuel, type, customer type, launched, withdrawn, prices [(valid_from, unit_rate, standing_charge)])
_TARIFFS = (
    (
        "Standard Variable Electricity",
        "Electricity",
        "Variable",
        "Residential",
        date(2015, 4, 1),
        None,
        (
            (date(2023, 10, 1), 0.245, 0.48),
            (_PRICE_DROP, 0.238, 0.48),
            (_PRICE_RISE, 0.279, 0.51),
            (_PRICE_AUTUMN, 0.284, 0.51),
        ),
    ),
    (
        "Standard Variable Gas",
        "Gas",
        "Variable",
        "Residential",
        date(2015, 4, 1),
        None,
        (
            (date(2023, 10, 1), 0.068, 0.31),
            (_PRICE_DROP, 0.064, 0.31),
            (_PRICE_RISE, 0.079, 0.33),
            (_PRICE_AUTUMN, 0.081, 0.33),
        ),
    ),
    (
        "Fixed Saver Electricity 2024",
        "Electricity",
        "Fixed",
        "Residential",
        date(2023, 7, 1),
        date(2024, 12, 31),
        ((date(2023, 7, 1), 0.252, 0.46),),
    ),
    (
        "Fixed Saver Gas 2024",
        "Gas",
        "Fixed",
        "Residential",
        date(2023, 7, 1),
        date(2024, 12, 31),
        ((date(2023, 7, 1), 0.07, 0.30),),
    ),
    (
        "Fixed Saver Electricity 2025",
        "Electricity",
        "Fixed",
        "Residential",
        _FIX_2025,
        None,
        ((_FIX_2025, 0.265, 0.47),),
    ),
    ("Fixed Saver Gas 2025", "Gas", "Fixed", "Residential", _FIX_2025, None, ((_FIX_2025, 0.074, 0.30),)),
    (
        "Green Electricity",
        "Electricity",
        "Variable",
        "Residential",
        _GREEN_LAUNCH,
        None,
        (
            (_GREEN_LAUNCH, 0.255, 0.48),
            (_PRICE_DROP, 0.248, 0.48),
            (_PRICE_RISE, 0.293, 0.51),
            (_PRICE_AUTUMN, 0.298, 0.51),
        ),
    ),
    (
        "Business Variable Electricity",
        "Electricity",
        "Variable",
        "Business",
        date(2015, 4, 1),
        None,
        (
            (date(2023, 10, 1), 0.221, 1.15),
            (_PRICE_DROP, 0.215, 1.15),
            (_PRICE_RISE, 0.254, 1.22),
            (_PRICE_AUTUMN, 0.258, 1.22),
        ),
    ),
    (
        "Business Variable Gas",
        "Gas",
        "Variable",
        "Business",
        date(2015, 4, 1),
        None,
        (
            (date(2023, 10, 1), 0.061, 0.82),
            (_PRICE_DROP, 0.058, 0.82),
            (_PRICE_RISE, 0.072, 0.86),
            (_PRICE_AUTUMN, 0.074, 0.86),
        ),
    ),
    (
        "Business Fixed Electricity",
        "Electricity",
        "Fixed",
        "Business",
        date(2019, 1, 1),
        None,
        ((date(2024, 1, 1), 0.229, 1.10), (_FIX_2025, 0.241, 1.12)),
    ),
    (
        "Business Fixed Gas",
        "Gas",
        "Fixed",
        "Business",
        date(2019, 1, 1),
        None,
        ((date(2024, 1, 1), 0.065, 0.80), (_FIX_2025, 0.069, 0.80)),
    ),
)
_TARIFF_ID = {t[0]: i for i, t in enumerate(_TARIFFS, start=1)}

# Use by month, Jan..Dec: electricity's base load (lighting, appliances, some heating), its air conditioning
# (scaled by the region's AC use) and gas heating (scaled by the region's gas use).
_ELECTRIC = (1.12, 1.05, 0.97, 0.9, 0.85, 0.83, 0.83, 0.84, 0.86, 0.93, 1.02, 1.12)
_COOLING = (0.0, 0.0, 0.0, 0.02, 0.1, 0.3, 0.52, 0.48, 0.2, 0.03, 0.0, 0.0)
_HEATING = (2.05, 1.8, 1.45, 0.95, 0.55, 0.32, 0.27, 0.27, 0.4, 0.85, 1.4, 1.9)
_USE = {("Residential", "Electricity"): 300.0, ("Residential", "Gas"): 640.0}
_USE |= {("Business", "Electricity"): 2600.0, ("Business", "Gas"): 2400.0}
_PAYMENT = {
    "Residential": (("Direct debit", 0.58), ("Card", 0.22), ("Bank transfer", 0.12), ("Check", 0.08)),
    "Business": (("Direct debit", 0.45), ("Bank transfer", 0.43), ("Card", 0.06), ("Check", 0.06)),
}
_RISK = ((0.5, 0.8), (1.5, 0.15), (4.0, 0.05))  # (how much more often than usual the payer is late, share)
_CAUSES = (  # cause: weight, median hours, customers affected (median)
    ("Equipment failure", 0.4, 2.5, 420),
    ("Vegetation", 0.2, 3.5, 260),
    ("Severe weather", 0.15, 4.0, 600),
    ("Third-party damage", 0.1, 3.0, 180),
    ("Planned maintenance", 0.15, 5.0, 150),
)
_CASE_DAYS = {  # category: mean days to resolve
    "Billing query": 4.0,
    "Payment arrangement": 6.0,
    "Meter problem": 14.0,
    "Power cut": 0.7,
    "Moving home": 6.0,
    "Tariff change": 2.0,
    "Complaint": 18.0,
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


def _months() -> list[tuple[date, date]]:
    """The first and last day of every month of the data."""
    out = []
    for year in (2024, 2025):
        for month in range(1, 13):
            out.append((date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])))
    return out


def _price(tariff_id: int, day: date) -> tuple[float, float]:
    """The tariff's unit rate and standing charge on `day`."""
    prices = _TARIFFS[tariff_id - 1][6]
    return [(rate, standing) for start, rate, standing in prices if start <= day][-1]


def _pick(rng: random.Random, choices: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


def _random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


# --------------------------------------------------------------------------------------------
# Generation.


def _tariffs() -> tuple[list[dict], list[dict]]:
    tariffs, prices = [], []
    for tid, (name, fuel, kind, customer_type, launched, withdrawn, history) in enumerate(_TARIFFS, start=1):
        tariffs.append(
            {
                "tariff_id": tid,
                "tariff_name": name,
                "fuel": fuel,
                "tariff_type": kind,
                "customer_type": customer_type,
                "launched_date": launched,
                "withdrawn_date": withdrawn,
            }
        )
        for n, (start, rate, standing) in enumerate(history):
            following = history[n + 1][0] - timedelta(days=1) if n + 1 < len(history) else None
            prices.append(
                {
                    "price_id": len(prices) + 1,
                    "tariff_id": tid,
                    "valid_from": start,
                    "valid_to": following,
                    "unit_rate": rate,
                    "standing_charge": standing,
                }
            )
    return tariffs, prices


@dataclass
class _Meter:
    meter_id: int
    fuel: str
    smart: bool
    size: float  # this premises' use relative to a typical one
    tariff_id: int = 0


@dataclass
class _Customer:
    row: dict
    plan: str  # 'Variable', 'Fixed' or 'Green'
    fixed_year: int  # which Fixed Saver tariff a residential customer on a fixed price is on
    risk: float
    meters: list[_Meter] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.row["customer_type"]

    def tariff(self, fuel: str) -> int:
        if self.kind == "Business":
            return _TARIFF_ID[f"Business {'Fixed' if self.plan == 'Fixed' else 'Variable'} {fuel}"]
        if self.plan == "Fixed":
            return _TARIFF_ID[f"Fixed Saver {fuel} {self.fixed_year}"]
        if self.plan == "Green" and fuel == "Electricity":
            return _TARIFF_ID["Green Electricity"]
        return _TARIFF_ID[f"Standard Variable {fuel}"]


class _Utility:
    """The customer base month by month: tariff switches on the first of the month, customers joining and leaving,
    then every meter's reading and every customer's bill for the month, how the bill is paid, and the service
    cases that come with all of it."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.pay_rng = random.Random(seed + 1)
        self.case_rng = random.Random(seed + 2)
        self.customers: list[_Customer] = []
        self.meter_rows: list[dict] = []
        self.readings: list[dict] = []
        self.bills: list[dict] = []
        self.cases: list[dict] = []
        self.accounts: set[str] = set()
        self.serials: set[str] = set()

    # --- customers and meters

    def _add(self, kind: str, joined: date, plan: str, fixed_year: int) -> _Customer:
        rng = self.rng
        regions = list(_REGIONS)
        region = rng.choices(regions, [_REGIONS[r][1] for r in regions])[0]
        town = rng.choices(_REGIONS[region][0], _TOWN_WEIGHTS)[0]
        while (account := f"NW{rng.randint(1_000_000, 9_999_999)}") in self.accounts:
            pass
        self.accounts.add(account)
        risk = rng.choices([r for r, _ in _RISK], [w for _, w in _RISK])[0]
        row = {
            "customer_id": len(self.customers) + 1,
            "account_number": account,
            "customer_type": kind,
            "region": region,
            "town": town,
            "joined_date": joined,
            "left_date": None,
            "leave_reason": None,
            "payment_method": _pick(rng, _PAYMENT[kind]),
        }
        customer = _Customer(row, plan, fixed_year, risk)
        self.customers.append(customer)
        gas_share = {"Residential": 0.68, "Business": 0.45}[kind] * {"Highlands": 1.2, "Coastal": 0.8}.get(region, 1.0)
        fuels = ["Electricity"] + (["Gas"] if rng.random() < gas_share else [])
        for fuel in fuels:
            smart = rng.random() < 0.62
            first = date(2018, 1, 1) if smart else date(2008, 1, 1)
            installed = _random_day(rng, first, max(first, min(joined, date(2023, 12, 31))))
            if joined >= START and rng.random() < 0.3:
                installed = joined  # a new connection or a meter exchange when the customer moved in
            while (serial := f"{fuel[0]}{rng.randint(10_000_000, 99_999_999)}") in self.serials:
                pass
            self.serials.add(serial)
            meter = _Meter(len(self.meter_rows) + 1, fuel, smart, math.exp(rng.gauss(0, 0.33)))
            meter.tariff_id = customer.tariff(fuel)
            customer.meters.append(meter)
            self.meter_rows.append(
                {
                    "meter_id": meter.meter_id,
                    "customer_id": row["customer_id"],
                    "serial_number": serial,
                    "fuel": fuel,
                    "meter_type": "Smart" if smart else "Standard",
                    "installed_date": installed,
                    "tariff_id": meter.tariff_id,
                }
            )
        return customer

    def start(self) -> None:
        """The customers supplied on 2024-01-01, who joined over the years before."""
        rng = self.rng
        for kind, n, fixed in (("Residential", 2350, 0.38), ("Business", 250, 0.55)):
            joined = sorted(date(2012, 1, 1) + timedelta(days=int(rng.triangular(0, 4382, 4382))) for _ in range(n))
            for day in joined:
                self._add(kind, min(day, date(2023, 12, 31)), "Fixed" if rng.random() < fixed else "Variable", 2024)

    def _joiners(self, first: date, last: date) -> list[_Customer]:
        rng = self.rng
        new = []
        later = first >= _FIX_2025
        for kind, mean in (("Residential", 33.0 if later else 29.0), ("Business", 3.5)):
            days = sorted(_random_day(rng, first, last) for _ in range(_poisson(rng, mean)))
            for day in days:
                if kind == "Business":
                    plan = "Fixed" if rng.random() < 0.5 else "Variable"
                else:
                    shares = (0.45, 0.43, 0.12) if later else (0.7, 0.25, 0.05)
                    plan = rng.choices(("Variable", "Fixed", "Green"), shares)[0]
                    if plan == "Green" and first < _GREEN_LAUNCH:
                        plan = "Variable"
                new.append(self._add(kind, day, plan, first.year))
        return new

    # --- the month

    def _switch(self, c: _Customer, first: date) -> bool:
        """Whether the customer changes tariff from `first` on (and to what)."""
        rng = self.rng
        month = (first.year, first.month)
        rush = {(2025, 3): 0.05, (2025, 4): 0.07, (2025, 5): 0.035}
        if c.kind == "Business":
            to_fixed = {(2025, 3): 0.03, (2025, 4): 0.04, (2025, 5): 0.02}.get(
                month, 0.004 if first.year == 2024 else 0.006
            )
        else:
            to_fixed = rush.get(month, 0.004 if first < _FIX_2025 else (0.006 if month < (2025, 3) else 0.011))
        if c.plan == "Green":
            to_fixed *= 0.5
        roll = rng.random()
        if c.plan in ("Variable", "Green") and roll < to_fixed:
            c.plan, c.fixed_year = "Fixed", first.year
            return True
        if c.plan == "Fixed" and roll < (0.002 if first.year == 2024 else 0.0008):
            c.plan = "Variable"
            return True
        if c.kind == "Residential" and c.plan == "Variable" and first >= _GREEN_LAUNCH:
            green = 0.012 if first < date(2024, 9, 1) else 0.004
            if rng.random() < green:
                c.plan = "Green"
                return True
        return False

    def _leaves(self, c: _Customer, first: date, last: date) -> None:
        rng = self.rng
        month = (first.year, first.month)
        after_rise = (2025, 4) <= month <= (2025, 7)
        troubled = c.row["region"] == _TROUBLED and first >= _MILL_CLOSES
        if c.kind == "Business":
            reasons = {"Business closed": 0.003 + (0.009 if troubled else 0.0), "Switched supplier": 0.003}
            if after_rise and c.plan != "Fixed":
                reasons["Switched supplier"] += 0.01
        else:
            switching = 0.0032 * (0.5 if c.plan == "Fixed" else 1.0)
            if after_rise and c.plan != "Fixed":
                switching += 0.013
            reasons = {"Moved home": 0.0052 + (0.004 if troubled else 0.0), "Switched supplier": switching}
        roll = rng.random()
        for reason, p in reasons.items():
            if roll < p:
                c.row["left_date"] = _random_day(rng, first, last)
                c.row["leave_reason"] = reason
                return
            roll -= p

    def _use(self, c: _Customer, meter: _Meter, first: date, days: int, month_days: int) -> int:
        rng = self.rng
        region = _REGIONS[c.row["region"]]
        m = first.month - 1
        hot = 1.1 if first.year == 2025 and first.month in (7, 8) else 1.0
        cold = 1.08 if first.year == 2025 and first.month in (1, 2) else 1.0
        if meter.fuel == "Electricity":
            cooling = _COOLING[m] * region[2] * hot
            shape = _ELECTRIC[m] + cooling if c.kind == "Residential" else 0.95 + 0.5 * cooling
        else:
            heating = _HEATING[m] * region[3] * cold
            shape = heating if c.kind == "Residential" else 0.4 + 0.6 * heating
        saving = 0.96 if first >= _PRICE_RISE and c.kind == "Residential" else 1.0
        mean = _USE[c.kind, meter.fuel] * meter.size * shape * saving * days / month_days
        return max(0, round(mean * rng.gauss(1, 0.07)))

    def month(self, first: date, last: date, outages: list[dict]) -> None:
        rng = self.rng
        present = [c for c in self.customers if c.row["left_date"] is None]
        for c in present:
            if self._switch(c, first):
                for meter in c.meters:
                    meter.tariff_id = c.tariff(meter.fuel)
                if self.case_rng.random() < 0.35:
                    self._case(c, first - timedelta(days=self.case_rng.randint(2, 20)), "Tariff change")
            self._leaves(c, first, last)
        joiners = self._joiners(first, last)
        for c in joiners:
            if self.case_rng.random() < 0.25:
                self._case(c, c.row["joined_date"], "Moving home" if c.kind == "Residential" else "Tariff change")
        month_days = (last - first).days + 1
        for c in present + joiners:
            start = max(first, c.row["joined_date"])
            end = c.row["left_date"] or last
            energy = standing = 0.0
            estimated = False
            for meter in c.meters:
                kwh = self._use(c, meter, first, (end - start).days + 1, month_days)
                if c.row["left_date"] is not None:
                    kind = "Actual"  # the final reading, when the customer leaves
                elif meter.smart:
                    kind = "Actual" if rng.random() >= 0.01 else "Estimated"
                else:
                    kind = rng.choices(("Actual", "Customer", "Estimated"), (0.5, 0.15, 0.35))[0]
                estimated = estimated or kind == "Estimated"
                rate, daily = _price(meter.tariff_id, start)
                energy += kwh * rate
                standing += ((end - start).days + 1) * daily
                self.readings.append(
                    {
                        "meter_id": meter.meter_id,
                        "period_start": start,
                        "reading_date": end,
                        "consumption_kwh": kwh,
                        "reading_type": kind,
                        "tariff_id": meter.tariff_id,
                    }
                )
                self.meter_rows[meter.meter_id - 1]["tariff_id"] = meter.tariff_id
            energy, standing = _cents(energy), _cents(standing)
            tax = _cents((energy + standing) * _TAX[c.kind])
            bill = {
                "customer_id": c.row["customer_id"],
                "bill_date": end,
                "period_start": start,
                "period_end": end,
                "energy_charge": energy,
                "standing_charge": standing,
                "tax_amount": tax,
                "total_amount": _cents(energy + standing + tax),
                "due_date": end + timedelta(days=_DUE_DAYS[c.kind]),
                "paid_date": None,
            }
            self._pay(c, bill)
            self.bills.append(bill)
            self._bill_cases(c, bill, estimated)
        self._month_cases(present + joiners, first, last, outages)

    def _pay(self, c: _Customer, bill: dict) -> None:
        """When the bill is paid: direct debits on the due date unless the collection fails; others some days
        after the bill, more often late in winter and for risky payers; Lakeshore's households and firms fall
        behind more and more after the mill closes."""
        rng = self.pay_rng
        issued, due = bill["bill_date"], bill["due_date"]
        late = c.risk * (1.3 if issued.month in (12, 1, 2, 3) else 1.0)
        never = 0.06
        if c.row["region"] == _TROUBLED and issued >= _MILL_CLOSES:
            months = (issued.year - _MILL_CLOSES.year) * 12 + issued.month - _MILL_CLOSES.month
            late *= min(4.0, 1.8 + 0.25 * months)
            never = min(0.35, 0.12 + 0.025 * months)
        if c.row["payment_method"] == "Direct debit":
            if rng.random() < 0.025 * late:
                paid = None if rng.random() < never * 2 else due + timedelta(days=rng.randint(4, 30))
            else:
                paid = due
        elif rng.random() < min(0.9, 0.15 * late):
            paid = None if rng.random() < never else due + timedelta(days=1 + int(rng.expovariate(1 / 14)))
        else:
            paid = issued + timedelta(days=rng.randint(2, _DUE_DAYS[c.kind]))
        bill["paid_date"] = paid if paid is not None and paid <= END else None

    # --- service cases

    def _case(self, c: _Customer, opened: date, category: str, outage_id: int | None = None) -> None:
        rng = self.case_rng
        opened = max(opened, START, c.row["joined_date"])
        if opened > END:
            return
        phone = 0.55 if opened.year == 2024 else 0.45
        channel = rng.choices(("Phone", "Email", "Web chat"), (phone, 0.25, 0.75 - phone))[0]
        closed = opened + timedelta(days=int(rng.expovariate(1 / _CASE_DAYS[category])))
        self.cases.append(
            {
                "customer_id": c.row["customer_id"],
                "opened_date": opened,
                "closed_date": closed if closed <= END else None,
                "category": category,
                "channel": channel,
                "outage_id": outage_id,
            }
        )

    def _bill_cases(self, c: _Customer, bill: dict, estimated: bool) -> None:
        rng = self.case_rng
        issued = bill["bill_date"]
        query = 0.012 * (1.6 if estimated else 1.0) * (2.2 if date(2025, 4, 1) <= issued <= date(2025, 6, 30) else 1.0)
        if rng.random() < query:
            self._case(c, issued + timedelta(days=rng.randint(1, 20)), "Billing query")
        behind = bill["paid_date"] is None or bill["paid_date"] > bill["due_date"]
        if behind and rng.random() < 0.12:
            self._case(c, bill["due_date"] + timedelta(days=rng.randint(3, 25)), "Payment arrangement")

    def _month_cases(self, customers: list[_Customer], first: date, last: date, outages: list[dict]) -> None:
        rng = self.case_rng
        complaints = 0.0015 * (2.5 if date(2025, 4, 1) <= first <= date(2025, 6, 30) else 1.0)
        for c in customers:
            end = c.row["left_date"] or last
            start = max(first, c.row["joined_date"])
            if rng.random() < sum(0.0008 if m.smart else 0.002 for m in c.meters):
                self._case(c, _random_day(rng, start, end), "Meter problem")
            if rng.random() < complaints:
                self._case(c, _random_day(rng, start, end), "Complaint")
            if c.row["leave_reason"] == "Moved home" and rng.random() < 0.6:  # they left this month
                self._case(c, max(c.row["joined_date"], end - timedelta(days=rng.randint(3, 20))), "Moving home")
        by_town: dict[str, list[_Customer]] = {}
        for c in customers:
            by_town.setdefault(c.row["town"], []).append(c)
        for outage in outages:
            begun = outage["start_time"].date()
            if not first <= begun <= last or outage["cause"] == "Planned maintenance":
                continue
            there = [
                c
                for c in by_town.get(outage["town"], [])
                if c.row["joined_date"] <= begun and (c.row["left_date"] or END) >= begun
            ]
            calls = min(len(there), _poisson(rng, outage["customers_affected"] * 0.0015))
            for c in rng.sample(there, calls):
                self._case(c, begun + timedelta(days=rng.choice((0, 0, 0, 1))), "Power cut", outage["outage_id"])

    def finish(self) -> dict[str, list[dict]]:
        self.readings.sort(key=lambda r: (r["reading_date"], r["meter_id"]))
        for number, row in enumerate(self.readings, start=1):
            row["reading_id"] = number
        self.bills.sort(key=lambda b: (b["bill_date"], b["customer_id"]))
        for number, row in enumerate(self.bills, start=1):
            row["bill_id"] = number
        self.cases.sort(key=lambda s: (s["opened_date"], s["customer_id"], s["category"]))
        for number, row in enumerate(self.cases, start=1):
            row["case_id"] = number
        return {
            "customers": [c.row for c in self.customers],
            "meters": self.meter_rows,
            "meter_readings": self.readings,
            "bills": self.bills,
            "service_cases": self.cases,
        }


def _outages(rng: random.Random) -> list[dict]:
    """Everyday faults and planned work in every region (more weather in summer, more trees in the Highlands),
    and the storm of February 2025: many long outages on the coast and in the hills within three days."""
    found = []
    for n in range((END - START).days + 1):
        day = START + timedelta(days=n)
        for region, (towns, _, _, _, daily) in _REGIONS.items():
            mean = daily * (1.4 if day.month in (6, 7, 8) else 1.0)
            for _ in range(_poisson(rng, mean)):
                weights = [w for _, w, _, _ in _CAUSES]
                weights[2] *= 2.0 if day.month in (6, 7, 8) else 0.7
                weights[1] *= 1.8 if region == "Highlands" else 1.0
                cause, _, hours, affected = rng.choices(_CAUSES, weights)[0]
                if cause == "Planned maintenance":
                    if day.weekday() >= 5:
                        continue
                    begins = datetime(day.year, day.month, day.day, rng.choice((8, 9, 10)))
                    minutes = 60 * rng.randint(3, 8)
                else:
                    begins = datetime(day.year, day.month, day.day) + timedelta(minutes=rng.randrange(1440))
                    minutes = max(10, round(60 * hours * math.exp(rng.gauss(0, 0.6))))
                size = max(3, round(affected * math.exp(rng.gauss(0, 0.9))))
                found.append((begins, minutes, region, rng.choices(towns, _TOWN_WEIGHTS)[0], cause, size))
    first, per_region = _STORM
    for region, n in per_region.items():
        towns = _REGIONS[region][0]
        for _ in range(n):
            begins = datetime(first.year, first.month, first.day, 14) + timedelta(minutes=rng.randrange(36 * 60))
            minutes = min(96 * 60, max(180, round(60 * 18 * math.exp(rng.gauss(0, 0.7)))))
            size = max(50, round(1800 * math.exp(rng.gauss(0, 0.8))))
            found.append((begins, minutes, region, rng.choice(towns), "Storm", size))
    found.sort(key=lambda o: (o[0], o[2], o[3]))
    rows = []
    for begins, minutes, region, town, cause, size in found:
        ends = begins + timedelta(minutes=minutes)
        if ends > datetime(END.year, END.month, END.day, 23, 59):
            continue
        rows.append(
            {
                "outage_id": len(rows) + 1,
                "region": region,
                "town": town,
                "start_time": begins,
                "end_time": ends,
                "cause": cause,
                "customers_affected": size,
            }
        )
    return rows


def utility_rows() -> dict[str, list[dict]]:
    """Every table's rows, by table name, generated from the fixed seed. Times are datetimes (written as
    'YYYY-MM-DD HH:MM')."""
    tariffs, prices = _tariffs()
    outages = _outages(random.Random(SEED + 10))
    utility = _Utility(SEED)
    utility.start()
    for first, last in _months():
        utility.month(first, last, outages)
    return {"tariffs": tariffs, "tariff_prices": prices, **utility.finish(), "outages": outages}


def database_path(out_dir: Path) -> Path:
    return sqlite_file.database_path(out_dir, DB_ID)


def build(out_dir: Path) -> Path:
    """Write the warehouse under `out_dir` in the eval-set layout, replacing an older build; return its path."""
    return sqlite_file.write(database_path(out_dir), _TABLES, sqlite_file.with_minute_times(utility_rows(), "outages"))


def main(argv: list[str] | None = None) -> int:
    return sqlite_file.main(argv, "bench.warehouses.utility", build, HELD_OUT_QUESTIONS)


if __name__ == "__main__":
    sys.exit(main())
