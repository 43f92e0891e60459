"""A freight-forwarding warehouse (shippers, carriers, depots, routes, shipments, costs, delivery exceptions).

    python -m bench.warehouses.logistics OUT_DIR [--with-questions]

writes OUT_DIR/database/logistics/logistics.sqlite, the layout of the project's eval sets (see bench/dataset.py);
`--with-questions` also copies the held-out questions (bench/heldout/logistics/questions.json) beside it, so that
`python -m bench --dataset OUT_DIR --out FILE.json` runs them. Those questions are the project's fair measure:
do not read them (nor their wrong answers) while designing what they measure.

Everything comes from a fixed seed over fixed dates (2022-01-01 .. 2025-12-31), with only the standard library,
so every build holds the same rows. The business has a shape worth asking about: a Q4 peak for retail and
e-commerce shippers, e-commerce growing fast while manufacturing shrinks, one carrier that is cheap but often
late (worse in winter), a depot opened in 2024, a few enterprise shippers carrying much of the volume, and some
shippers that stop shipping.

SQLite has no COMMENT ON: every table and column is documented by a `--` comment inside its CREATE TABLE, which
SQLite keeps in sqlite_master.sql; `COMMENTS` holds the same text for readers that want it as data.
"""

from __future__ import annotations

import math
import random
import sys
from datetime import date, timedelta
from pathlib import Path

from bench.warehouses import sqlite_file
from bench.warehouses.sqlite_file import Col, Table, comments

DB_ID = "logistics"
HELD_OUT_QUESTIONS = Path(__file__).resolve().parent.parent / "heldout" / DB_ID / "questions.json"
SEED = 20220101
START = date(2022, 1, 1)
END = date(2025, 12, 31)  # the data's "today": shipments still moving then have no delivery date


_TABLES: tuple[Table, ...] = (
    Table(
        "customers",
        "Shippers: the companies that pay us to move their goods, one row per customer account.",
        (
            Col("customer_id", "INTEGER PRIMARY KEY", "Unique customer (shipper) identifier."),
            Col("customer_name", "TEXT NOT NULL", "Company name of the shipper."),
            Col(
                "industry",
                "TEXT NOT NULL",
                "Shipper's industry: 'E-commerce', 'Retail', 'Manufacturing', 'Healthcare' or 'Food & Beverage'.",
            ),
            Col(
                "tier",
                "TEXT NOT NULL",
                "Account tier by contract size: 'Enterprise', 'Mid-Market' or 'Small Business'.",
            ),
            Col(
                "home_region",
                "TEXT NOT NULL",
                "US region of the shipper's head office: 'Northeast', 'Southeast', 'Midwest', 'Southwest' or 'West'.",
            ),
            Col(
                "account_opened_date",
                "TEXT NOT NULL",
                "Date the customer account was opened (YYYY-MM-DD); the customer has no shipments before it. "
                "An active customer in a period is one with at least one shipment (shipments.ship_date) in it.",
            ),
        ),
    ),
    Table(
        "carriers",
        "Trucking and air-freight companies we subcontract to move shipments, one row per carrier.",
        (
            Col("carrier_id", "INTEGER PRIMARY KEY", "Unique carrier identifier."),
            Col("carrier_name", "TEXT NOT NULL", "Carrier's trading name."),
            Col(
                "carrier_type",
                "TEXT NOT NULL",
                "What the carrier moves: 'Parcel' (small packages), 'LTL' (less-than-truckload pallets), "
                "'FTL' (full truckloads) or 'Air' (air freight).",
            ),
            Col(
                "contract_start_date",
                "TEXT NOT NULL",
                "Date our contract with the carrier began (YYYY-MM-DD); it carries no shipments before it.",
            ),
        ),
    ),
    Table(
        "depots",
        "Our own warehouses (depots / hubs) where shipments are picked up and consolidated, one row per depot.",
        (
            Col("depot_id", "INTEGER PRIMARY KEY", "Unique depot identifier."),
            Col("depot_name", "TEXT NOT NULL", "Depot name, e.g. 'Chicago Hub'."),
            Col("city", "TEXT NOT NULL", "City the depot is in."),
            Col(
                "region",
                "TEXT NOT NULL",
                "US region of the depot: 'Northeast', 'Southeast', 'Midwest', 'Southwest', 'West' or 'Mountain'.",
            ),
            Col("opened_date", "TEXT NOT NULL", "Date the depot started operating (YYYY-MM-DD)."),
            Col("capacity_pallets", "INTEGER NOT NULL", "Storage capacity of the depot, in pallet positions."),
        ),
    ),
    Table(
        "routes",
        "Lanes we run: from one of our depots to a destination city, one row per lane.",
        (
            Col("route_id", "INTEGER PRIMARY KEY", "Unique route (lane) identifier."),
            Col(
                "origin_depot_id",
                "INTEGER NOT NULL",
                "Depot the route starts from (depots.depot_id); a shipment's origin depot is its route's.",
            ),
            Col("destination_city", "TEXT NOT NULL", "City the route delivers to, e.g. 'Boston'."),
            Col(
                "destination_region",
                "TEXT NOT NULL",
                "US region of the destination city: 'Northeast', 'Southeast', 'Midwest', 'Southwest', 'West' "
                "or 'Mountain'.",
            ),
            Col("distance_km", "INTEGER NOT NULL", "Road distance from the depot to the destination, in km."),
            Col(
                "standard_transit_days",
                "INTEGER NOT NULL",
                "Days from pickup to delivery promised on this lane for the 'Standard' service level.",
            ),
        ),
        ("FOREIGN KEY (origin_depot_id) REFERENCES depots (depot_id)",),
    ),
    Table(
        "shipments",
        "Shipments: one row per consignment a customer booked and we picked up (cancelled bookings are not "
        "here). Revenue is SUM(freight_charge); costs are in shipment_costs; the date of a shipment is ship_date.",
        (
            Col("shipment_id", "INTEGER PRIMARY KEY", "Unique shipment identifier (tracking number)."),
            Col("customer_id", "INTEGER NOT NULL", "Shipper who booked and pays for it (customers.customer_id)."),
            Col("carrier_id", "INTEGER NOT NULL", "Carrier that moved it (carriers.carrier_id)."),
            Col(
                "route_id",
                "INTEGER NOT NULL",
                "Lane it travelled (routes.route_id); gives the origin depot and the destination.",
            ),
            Col(
                "service_level",
                "TEXT NOT NULL",
                "Service bought: 'Express' (faster than the lane's standard transit), 'Standard' or 'Economy' "
                "(slower, cheaper).",
            ),
            Col("booked_date", "TEXT NOT NULL", "Date the customer booked the shipment (YYYY-MM-DD)."),
            Col(
                "ship_date",
                "TEXT NOT NULL",
                "Date the shipment was picked up and left the origin depot (YYYY-MM-DD). Use this date for "
                "shipments, revenue and costs by day, month, quarter or year.",
            ),
            Col(
                "promised_date",
                "TEXT NOT NULL",
                "Delivery date promised to the customer (YYYY-MM-DD): ship_date plus the transit days of the "
                "lane and service level.",
            ),
            Col(
                "delivered_date",
                "TEXT",
                "Date it was delivered (YYYY-MM-DD); NULL while still in transit. On-time delivery: "
                "delivered_date <= promised_date; late: delivered_date > promised_date, by "
                "julianday(delivered_date) - julianday(promised_date) days. Transit time in days = "
                "julianday(delivered_date) - julianday(ship_date). On-time rate (%) = on-time shipments / "
                "delivered shipments * 100; shipments in transit count in neither.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "Status as of 2025-12-31: 'Delivered' or 'In Transit' (picked up, not delivered yet).",
            ),
            Col("weight_kg", "REAL NOT NULL", "Gross weight of the shipment, in kg."),
            Col("pallets", "INTEGER NOT NULL", "Number of pallets (or parcel bundles) in the shipment."),
            Col(
                "freight_charge",
                "REAL NOT NULL",
                "What we invoiced the customer for the shipment, in USD: our revenue. Revenue = "
                "SUM(freight_charge); margin = revenue - cost, margin % = margin / revenue * 100.",
            ),
        ),
        (
            "FOREIGN KEY (customer_id) REFERENCES customers (customer_id)",
            "FOREIGN KEY (carrier_id) REFERENCES carriers (carrier_id)",
            "FOREIGN KEY (route_id) REFERENCES routes (route_id)",
        ),
    ),
    Table(
        "shipment_costs",
        "What a shipment cost us: one row per cost item (several per shipment). Cost of a shipment = "
        "SUM(amount) over its rows; cost per shipment = SUM(amount) / COUNT(DISTINCT shipment_id) over the "
        "shipments counted.",
        (
            Col("cost_id", "INTEGER PRIMARY KEY", "Unique cost item identifier."),
            Col("shipment_id", "INTEGER NOT NULL", "Shipment the cost belongs to (shipments.shipment_id)."),
            Col(
                "cost_type",
                "TEXT NOT NULL",
                "Kind of cost: 'Linehaul' (paid to the carrier for the move), 'Fuel surcharge' (paid to the "
                "carrier, follows diesel prices), 'Handling' (our depot labour) or 'Detention' (waiting-time "
                "fees, only on some shipments).",
            ),
            Col("amount", "REAL NOT NULL", "Cost amount in USD. The cost is dated by its shipment's ship_date."),
        ),
        ("FOREIGN KEY (shipment_id) REFERENCES shipments (shipment_id)",),
    ),
    Table(
        "delivery_exceptions",
        "Delivery exceptions (delay events) logged by drivers and depots: one row per event. A shipment may "
        "have none, one or several; not every exception made the shipment late.",
        (
            Col("exception_id", "INTEGER PRIMARY KEY", "Unique exception identifier."),
            Col("shipment_id", "INTEGER NOT NULL", "Shipment affected (shipments.shipment_id)."),
            Col("exception_date", "TEXT NOT NULL", "Date the exception was logged (YYYY-MM-DD)."),
            Col(
                "reason",
                "TEXT NOT NULL",
                "Cause: 'Weather', 'Carrier capacity', 'Vehicle breakdown', 'Address issue', 'Recipient "
                "unavailable' or 'Depot backlog'.",
            ),
            Col(
                "responsible_party",
                "TEXT NOT NULL",
                "Who caused it: 'Carrier', 'Depot' (us), 'Customer' (shipper or recipient) or 'External' "
                "(weather and the like).",
            ),
            Col("delay_hours", "INTEGER NOT NULL", "Hours of delay the event caused, as estimated when logged."),
        ),
        ("FOREIGN KEY (shipment_id) REFERENCES shipments (shipment_id)",),
    ),
)

COMMENTS = comments(_TABLES)


# --------------------------------------------------------------------------------------------
# Reference data.


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_INDUSTRIES = {  # share of accounts, yearly volume growth, month-of-year seasonality (Jan..Dec)
    "E-commerce": (0.24, 1.32, (0.9, 0.8, 0.9, 0.9, 0.95, 0.95, 1.0, 1.0, 1.05, 1.15, 1.6, 1.8)),
    "Retail": (0.24, 1.06, (0.85, 0.8, 0.9, 0.95, 1.0, 1.0, 0.95, 1.05, 1.1, 1.2, 1.4, 1.3)),
    "Manufacturing": (0.20, 0.90, (1.0, 1.05, 1.1, 1.05, 1.05, 1.0, 0.85, 0.95, 1.05, 1.05, 1.0, 0.85)),
    "Healthcare": (0.16, 1.14, (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.05, 1.05, 1.0)),
    "Food & Beverage": (0.16, 1.04, (0.85, 0.85, 0.95, 1.0, 1.1, 1.25, 1.3, 1.25, 1.0, 0.95, 1.0, 1.1)),
}
_TIERS = {"Enterprise": (0.12, 9.0), "Mid-Market": (0.33, 3.0), "Small Business": (0.55, 1.0)}
_REGIONS = ("Northeast", "Southeast", "Midwest", "Southwest", "West")
_NAME_WORDS = _words(
    "Acorn Alpine Anchor Apex Arrow Aspen Beacon Birch Bluebird Boulder Bridge Canyon Cardinal Cedar Cobalt "
    "Compass Copper Crescent Crown Cypress Delta Eastgate Ember Evergreen Falcon Fern Fjord Foxglove Frontier "
    "Garnet Glacier Golden Granite Harbor Hawthorn Heron Highland Hollow Horizon Indigo Ironwood Juniper Keystone "
    "Lakeshore Laurel Liberty Lighthouse Linden Magnolia Maple Meadow Meridian Mesa Midland Monarch Northstar "
    "Oakridge Orchard Osprey Pacific Palmetto Pinnacle Pioneer Prairie Quarry Redwood Ridgeline Riverbend Sable "
    "Sagebrush Sequoia Sierra Silverline Skyline Sparrow Spruce Stonebridge Summit Sunrise Tamarack Timber "
    "Trailhead Tundra Valley Vantage Willow Windmill Yarrow Zephyr"
)
_NAME_KINDS = {
    "E-commerce": ("Online", "Direct", "Marketplace", "Shop"),
    "Retail": ("Stores", "Outfitters", "Home Goods", "Mercantile"),
    "Manufacturing": ("Industries", "Manufacturing", "Components", "Fabrication"),
    "Healthcare": ("Medical Supply", "Health", "Pharma", "Diagnostics"),
    "Food & Beverage": ("Foods", "Beverages", "Provisions", "Farms"),
}
_SUFFIXES = ("Inc", "LLC", "Co", "Corp")

# name, type, contract start, on-time probability (summer, winter), cost per kg-km factor
_CARRIERS = (
    ("Redline Parcel", "Parcel", "2019-05-01", (0.93, 0.88), 1.25),
    ("BlueRiver Freight", "LTL", "2018-02-01", (0.90, 0.84), 1.00),
    ("Summit Haulage", "FTL", "2020-09-01", (0.92, 0.87), 0.85),
    ("Coastal Carriers", "LTL", "2021-03-01", (0.80, 0.62), 0.78),
    ("Prairie Logistics", "FTL", "2022-06-01", (0.88, 0.80), 0.90),
    ("Falcon Air Cargo", "Air", "2023-04-01", (0.96, 0.93), 2.60),
)
# name, city, region, opened, capacity
_DEPOTS = (
    ("Newark Hub", "Newark", "Northeast", "2015-04-01", 12000),
    ("Atlanta Hub", "Atlanta", "Southeast", "2016-08-01", 9000),
    ("Chicago Hub", "Chicago", "Midwest", "2014-01-15", 14000),
    ("Dallas Hub", "Dallas", "Southwest", "2017-03-01", 8000),
    ("Los Angeles Hub", "Los Angeles", "West", "2016-01-10", 11000),
    ("Denver Depot", "Denver", "Mountain", "2024-03-01", 5000),
)
_CITIES = {  # destination city: (region, rough coordinates in km for distances)
    "Boston": ("Northeast", (3050, 1250)),
    "New York": ("Northeast", (2950, 1050)),
    "Philadelphia": ("Northeast", (2880, 980)),
    "Pittsburgh": ("Northeast", (2500, 950)),
    "Miami": ("Southeast", (2650, -550)),
    "Charlotte": ("Southeast", (2500, 500)),
    "Nashville": ("Southeast", (2050, 450)),
    "Orlando": ("Southeast", (2550, -250)),
    "Detroit": ("Midwest", (2250, 1150)),
    "Minneapolis": ("Midwest", (1650, 1500)),
    "St. Louis": ("Midwest", (1850, 750)),
    "Columbus": ("Midwest", (2350, 900)),
    "Houston": ("Southwest", (1450, -150)),
    "Phoenix": ("Southwest", (500, 250)),
    "San Antonio": ("Southwest", (1250, -200)),
    "Albuquerque": ("Southwest", (850, 450)),
    "Seattle": ("West", (150, 1700)),
    "San Francisco": ("West", (0, 800)),
    "Portland": ("West", (150, 1450)),
    "San Diego": ("West", (250, 250)),
    "Salt Lake City": ("Mountain", (650, 1000)),
    "Boise": ("Mountain", (550, 1350)),
}
_DEPOT_XY = {
    "Newark": (2930, 1040),
    "Atlanta": (2350, 300),
    "Chicago": (2000, 1050),
    "Dallas": (1350, 150),
    "Los Angeles": (200, 400),
    "Denver": (1000, 800),
}
_SERVICE = {"Express": (0.22, -1, 1.7), "Standard": (0.63, 0, 1.0), "Economy": (0.15, 2, 0.8)}
_EXCEPTION_REASONS = {  # reason: (responsible party, weight on a late shipment)
    "Weather": ("External", 0.22),
    "Carrier capacity": ("Carrier", 0.24),
    "Vehicle breakdown": ("Carrier", 0.16),
    "Address issue": ("Customer", 0.12),
    "Recipient unavailable": ("Customer", 0.14),
    "Depot backlog": ("Depot", 0.12),
}
_FUEL_INDEX = {2022: 1.32, 2023: 1.15, 2024: 1.05, 2025: 1.00}  # diesel, relative to 2025
_WINTER = (12, 1, 2)
_SHIPMENTS_PER_UNIT_MONTH = 0.32  # calibrates the total to a few thousand shipments


# --------------------------------------------------------------------------------------------
# Generation.


def _poisson(rng: random.Random, mean: float) -> int:
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _months() -> list[tuple[int, int]]:
    return [(y, m) for y in range(START.year, END.year + 1) for m in range(1, 13)]


def _month_days(year: int, month: int) -> int:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return (following - date(year, month, 1)).days


def _customers(rng: random.Random) -> list[dict]:
    customers, names = [], set()
    for customer_id in range(1, 141):
        industry = rng.choices(list(_INDUSTRIES), [v[0] for v in _INDUSTRIES.values()])[0]
        tier = rng.choices(list(_TIERS), [v[0] for v in _TIERS.values()])[0]
        while True:
            name = f"{rng.choice(_NAME_WORDS)} {rng.choice(_NAME_KINDS[industry])} {rng.choice(_SUFFIXES)}"
            if name not in names:
                names.add(name)
                break
        if rng.random() < 0.5:
            opened = date(2017, 1, 1) + timedelta(days=rng.randrange((START - date(2017, 1, 1)).days))
        else:
            opened = START + timedelta(days=rng.randrange((date(2025, 9, 30) - START).days))
        # About one account in six stops shipping at some point (churn); the rest stay to the end.
        last = END
        if rng.random() < 0.17:
            last = max(opened, START) + timedelta(days=rng.randrange(200, 1400))
        customers.append(
            {
                "customer_id": customer_id,
                "customer_name": name,
                "industry": industry,
                "tier": tier,
                "home_region": rng.choice(_REGIONS),
                "account_opened_date": opened,
                "_last": min(last, END),
                "_volume": _TIERS[tier][1] * rng.lognormvariate(0, 0.5),
            }
        )
    return customers


def _routes(rng: random.Random) -> list[dict]:
    routes = []
    for depot_id, (_name, city, *_rest) in enumerate(_DEPOTS, start=1):
        x, y = _DEPOT_XY[city]
        by_distance = sorted(_CITIES, key=lambda c: math.dist((x, y), _CITIES[c][1]))
        lanes = by_distance[:5] + rng.sample(by_distance[5:], 2)  # mostly regional, a couple of long hauls
        for destination in lanes:
            region, xy = _CITIES[destination]
            km = max(60, round(math.dist((x, y), xy) * 1.25))
            routes.append(
                {
                    "route_id": len(routes) + 1,
                    "origin_depot_id": depot_id,
                    "destination_city": destination,
                    "destination_region": region,
                    "distance_km": km,
                    "standard_transit_days": 1 + math.ceil(km / 700),
                }
            )
    return routes


def _carrier_for(rng: random.Random, service: str, pallets: int, ship_date: date) -> int:
    if service == "Express" and ship_date >= date(2023, 4, 1) and rng.random() < 0.45:
        return 6  # Falcon Air Cargo
    if pallets <= 2 and rng.random() < 0.6:
        return 1  # Redline Parcel
    weights = [0.0, 0.30, 0.22, 0.30, 0.18 if ship_date >= date(2022, 6, 1) else 0.0, 0.0]
    if service == "Economy":
        weights[3] *= 2.5  # the cheap, late carrier gets the economy freight
    return rng.choices(range(1, 7), weights)[0]


def _shipments(rng: random.Random, customers: list[dict], routes: list[dict]) -> list[dict]:
    depot_opened = {i: date.fromisoformat(d[3]) for i, d in enumerate(_DEPOTS, start=1)}
    depot_region = {i: d[2] for i, d in enumerate(_DEPOTS, start=1)}
    planned = []
    for customer in customers:
        _share, growth, season = _INDUSTRIES[customer["industry"]]
        for year, month in _months():
            first = date(year, month, 1)
            if (
                first > customer["_last"]
                or date(year, month, _month_days(year, month)) < customer["account_opened_date"]
            ):
                continue
            years = year - START.year + (month - 1) / 12
            mean = _SHIPMENTS_PER_UNIT_MONTH * customer["_volume"] * growth**years * season[month - 1]
            for _ in range(_poisson(rng, mean)):
                day = first + timedelta(days=rng.randrange(_month_days(year, month)))
                if customer["account_opened_date"] <= day <= customer["_last"]:
                    planned.append((day, customer))
    planned.sort(key=lambda item: (item[0], item[1]["customer_id"]))

    shipments = []
    for ship_date, customer in planned:
        open_routes = [r for r in routes if depot_opened[r["origin_depot_id"]] <= ship_date]
        weights = [
            (4.0 if depot_region[r["origin_depot_id"]] == customer["home_region"] else 1.0)
            * (1.6 if r["origin_depot_id"] == 6 else 1.0)
            for r in open_routes
        ]
        route = rng.choices(open_routes, weights)[0]
        service = rng.choices(list(_SERVICE), [v[0] for v in _SERVICE.values()])[0]
        tier_size = {"Enterprise": 2.2, "Mid-Market": 1.3, "Small Business": 0.7}[customer["tier"]]
        pallets = max(1, min(26, round(rng.lognormvariate(math.log(3 * tier_size), 0.7))))
        weight = round(pallets * rng.uniform(180, 420), 1)
        carrier_id = _carrier_for(rng, service, pallets, ship_date)
        transit = max(1, route["standard_transit_days"] + _SERVICE[service][1])
        if carrier_id == 6:
            transit = 1 + (route["distance_km"] > 1800)
        promised = ship_date + timedelta(days=transit)
        on_time_p = _CARRIERS[carrier_id - 1][3][ship_date.month in _WINTER]
        if route["origin_depot_id"] == 3 and ship_date.month in _WINTER:
            on_time_p -= 0.08  # Chicago winters
        late = rng.random() > on_time_p
        if late:
            delivered = promised + timedelta(days=min(8, 1 + int(rng.expovariate(0.7))))
        else:
            early = rng.random() < 0.25 and transit > 1
            delivered = promised - timedelta(days=int(early))
        distance_factor = route["distance_km"] * weight / 1000
        charge = 85 + 0.21 * distance_factor * _SERVICE[service][2] * (2.2 if carrier_id == 6 else 1.0) + 12 * pallets
        charge *= {"Enterprise": 0.86, "Mid-Market": 0.94, "Small Business": 1.0}[customer["tier"]]
        shipments.append(
            {
                "shipment_id": len(shipments) + 1,
                "customer_id": customer["customer_id"],
                "carrier_id": carrier_id,
                "route_id": route["route_id"],
                "service_level": service,
                "booked_date": ship_date - timedelta(days=rng.choice((0, 1, 1, 2, 2, 3, 5))),
                "ship_date": ship_date,
                "promised_date": promised,
                "delivered_date": delivered if delivered <= END else None,
                "status": "Delivered" if delivered <= END else "In Transit",
                "weight_kg": weight,
                "pallets": pallets,
                "freight_charge": round(charge, 2),
                "_late": late,
                "_distance_factor": distance_factor,
            }
        )
    return shipments


def _costs(rng: random.Random, shipments: list[dict]) -> list[dict]:
    costs = []
    for s in shipments:
        rate = _CARRIERS[s["carrier_id"] - 1][4]
        linehaul = 40 + 0.115 * s["_distance_factor"] * rate * rng.uniform(0.9, 1.1)
        items = [
            ("Linehaul", linehaul),
            ("Fuel surcharge", linehaul * 0.18 * _FUEL_INDEX[s["ship_date"].year]),
            ("Handling", 9.5 * s["pallets"] + 15),
        ]
        if (s["_late"] and rng.random() < 0.35) or rng.random() < 0.04:
            items.append(("Detention", 75 * rng.randint(1, 4)))
        for cost_type, amount in items:
            costs.append(
                {
                    "cost_id": len(costs) + 1,
                    "shipment_id": s["shipment_id"],
                    "cost_type": cost_type,
                    "amount": round(amount, 2),
                }
            )
    return costs


def _exceptions(rng: random.Random, shipments: list[dict]) -> list[dict]:
    events = []
    reasons = list(_EXCEPTION_REASONS)
    for s in shipments:
        winter = s["ship_date"].month in _WINTER
        weights = [w * (2.5 if r == "Weather" and winter else 1.0) for r, (_p, w) in _EXCEPTION_REASONS.items()]
        if s["carrier_id"] == 4:
            weights[reasons.index("Carrier capacity")] *= 2.0
        count = (1 + (rng.random() < 0.2)) if s["_late"] else int(rng.random() < 0.05)
        for _ in range(count):
            reason = rng.choices(reasons, weights)[0]
            span = max(0, (s["promised_date"] - s["ship_date"]).days)
            logged = s["ship_date"] + timedelta(days=rng.randint(0, span))
            if logged > END:
                continue
            events.append(
                {
                    "exception_id": len(events) + 1,
                    "shipment_id": s["shipment_id"],
                    "exception_date": logged,
                    "reason": reason,
                    "responsible_party": _EXCEPTION_REASONS[reason][0],
                    "delay_hours": rng.choice((4, 8, 12, 24, 24, 36, 48, 72)) if s["_late"] else rng.choice((2, 4, 6)),
                }
            )
    return events


def logistics_rows() -> dict[str, list[dict]]:
    """Every table's rows, by table name, generated from the fixed seed."""
    rng = random.Random(SEED)
    customers = _customers(rng)
    carriers = [
        {"carrier_id": i, "carrier_name": c[0], "carrier_type": c[1], "contract_start_date": date.fromisoformat(c[2])}
        for i, c in enumerate(_CARRIERS, start=1)
    ]
    depots = [
        {
            "depot_id": i,
            "depot_name": d[0],
            "city": d[1],
            "region": d[2],
            "opened_date": date.fromisoformat(d[3]),
            "capacity_pallets": d[4],
        }
        for i, d in enumerate(_DEPOTS, start=1)
    ]
    routes = _routes(rng)
    shipments = _shipments(rng, customers, routes)
    return {
        "customers": customers,
        "carriers": carriers,
        "depots": depots,
        "routes": routes,
        "shipments": shipments,
        "shipment_costs": _costs(rng, shipments),
        "delivery_exceptions": _exceptions(rng, shipments),
    }


def database_path(out_dir: Path) -> Path:
    return sqlite_file.database_path(out_dir, DB_ID)


def build(out_dir: Path) -> Path:
    """Write the warehouse under `out_dir` in the eval-set layout, replacing an older build; return its path."""
    return sqlite_file.write(database_path(out_dir), _TABLES, logistics_rows())


def main(argv: list[str] | None = None) -> int:
    return sqlite_file.main(argv, "bench.warehouses.logistics", build, HELD_OUT_QUESTIONS)


if __name__ == "__main__":
    sys.exit(main())
