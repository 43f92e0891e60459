"""A marketing warehouse of a direct-to-consumer home goods brand (channels, campaigns, daily ad spend, email
sends, leads, customers, orders attributed to campaigns).

    python -m bench.warehouses.marketing OUT_DIR [--with-questions]

writes OUT_DIR/database/marketing/marketing.sqlite, the layout of the project's eval sets (see bench/dataset.py);
`--with-questions` also copies the held-out questions (bench/heldout/marketing/questions.json) beside it, so that
`python -m bench --dataset OUT_DIR --out FILE.json` runs them. Those questions are the project's fair measure:
do not read them (nor their wrong answers) while designing what they measure.

Everything comes from a fixed seed over fixed dates (2024-01-01 .. 2025-12-31), with only the standard library, so
every build holds the same rows. The brand opened its online shop on 2024-01-01 (the data starts then), and the
business has a shape worth asking about: budget moves from display to paid social in 2025 (the 2025 display
prospecting campaign is cancelled at the end of June, a creator campaign starts in April) and paid social overtakes
paid search as the channel we spend most on, referral and search leads convert far more often and faster than
display and social ones, customers won by referral or organic search buy again more than those from ads, the Black
Friday and holiday weeks bring the year's peak of spend and orders, email open rates slip in 2025 as the list grows,
and many customers buy once and never again.

SQLite has no COMMENT ON: every table and column is documented by a `--` comment inside its CREATE TABLE, which
SQLite keeps in sqlite_master.sql; `COMMENTS` holds the same text for readers that want it as data.
"""

from __future__ import annotations

import bisect
import math
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bench.warehouses import sqlite_file
from bench.warehouses.sqlite_file import Col, Table, comments

DB_ID = "marketing"
HELD_OUT_QUESTIONS = Path(__file__).resolve().parent.parent / "heldout" / DB_ID / "questions.json"
SEED = 20240101
START = date(2024, 1, 1)
END = date(2025, 12, 31)  # the data's "today": statuses are as of this date

_REGIONS_TEXT = "'Northeast', 'Southeast', 'Midwest', 'Southwest' or 'West'"

_TABLES: tuple[Table, ...] = (
    Table(
        "channels",
        "Marketing channels we reach people through, one row per channel.",
        (
            Col("channel_id", "INTEGER PRIMARY KEY", "Unique channel identifier."),
            Col("channel_name", "TEXT NOT NULL", "Channel name, e.g. 'Paid Search' or 'Email'."),
            Col(
                "channel_group",
                "TEXT NOT NULL",
                "'Paid media' (we buy the traffic from an ad platform or affiliate network), 'Owned media' (our "
                "own email list) or 'Earned media' (organic search and customer referrals).",
            ),
            Col(
                "platform",
                "TEXT NOT NULL",
                "Main platform or vendor we run the channel on, e.g. 'Google Ads' or 'Klaviyo'.",
            ),
        ),
    ),
    Table(
        "campaigns",
        "Marketing campaigns, one row per campaign. Each campaign runs in exactly one channel; always-on "
        "programs get a new campaign every calendar year.",
        (
            Col("campaign_id", "INTEGER PRIMARY KEY", "Unique campaign identifier."),
            Col("campaign_name", "TEXT NOT NULL", "Campaign name as used in the team's reports, with its year."),
            Col("channel_id", "INTEGER NOT NULL", "Channel the campaign runs in (channels.channel_id)."),
            Col(
                "objective",
                "TEXT NOT NULL",
                "What the campaign is for: 'Acquisition', 'Lead generation', 'Brand awareness', 'Retargeting', "
                "'Seasonal sale', 'Retention' or 'Reactivation'.",
            ),
            Col(
                "target_audience",
                "TEXT NOT NULL",
                "Who it is aimed at: 'Prospects' (people who have not bought yet), 'Site visitors', "
                "'Subscribers', 'Customers' or 'Lapsed customers'.",
            ),
            Col("start_date", "TEXT NOT NULL", "First day the campaign ran (YYYY-MM-DD)."),
            Col(
                "end_date",
                "TEXT",
                "Last day the campaign ran (YYYY-MM-DD); NULL for campaigns still running with no end date set.",
            ),
            Col(
                "budget",
                "REAL",
                "Media budget approved for the whole campaign, in USD; NULL for campaigns with no media cost "
                "(email, organic and referral programs).",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "Status as of 2025-12-31: 'Active', 'Completed' (ran to its planned end) or 'Cancelled' "
                "(stopped early; end_date is the day it stopped).",
            ),
        ),
        ("FOREIGN KEY (channel_id) REFERENCES channels (channel_id)",),
    ),
    Table(
        "ad_spend_daily",
        "Daily delivery and cost of paid-media campaigns as reported by the ad platforms, one row per campaign "
        "per day it ran. Campaigns without media cost have no rows here.",
        (
            Col("campaign_id", "INTEGER NOT NULL", "Campaign the ads belong to (campaigns.campaign_id)."),
            Col("spend_date", "TEXT NOT NULL", "Day of delivery (YYYY-MM-DD)."),
            Col("impressions", "INTEGER NOT NULL", "Number of times the ads were shown that day."),
            Col("clicks", "INTEGER NOT NULL", "Number of clicks on the ads that day."),
            Col("spend", "REAL NOT NULL", "Media cost of the day in USD, including agency and network fees."),
        ),
        (
            "PRIMARY KEY (campaign_id, spend_date)",
            "FOREIGN KEY (campaign_id) REFERENCES campaigns (campaign_id)",
        ),
    ),
    Table(
        "email_sends",
        "Email blasts sent from our email platform, one row per send (one email to one audience on one day), "
        "with the platform's delivery and engagement counts.",
        (
            Col("send_id", "INTEGER PRIMARY KEY", "Unique send identifier."),
            Col("campaign_id", "INTEGER NOT NULL", "Email campaign the send belongs to (campaigns.campaign_id)."),
            Col("send_date", "TEXT NOT NULL", "Date the email went out (YYYY-MM-DD)."),
            Col(
                "audience_segment",
                "TEXT NOT NULL",
                "List segment the email went to: 'All subscribers', 'Customers', 'Non-buyers' (subscribers who "
                "have not bought yet) or 'Lapsed customers' (no order in the last 6 months).",
            ),
            Col("subject_line", "TEXT NOT NULL", "Subject line of the email."),
            Col("emails_sent", "INTEGER NOT NULL", "Number of addresses the email was sent to."),
            Col(
                "emails_delivered",
                "INTEGER NOT NULL",
                "Number of emails accepted by the recipients' mail servers (sent minus bounces).",
            ),
            Col("unique_opens", "INTEGER NOT NULL", "Number of recipients who opened the email at least once."),
            Col(
                "unique_clicks",
                "INTEGER NOT NULL",
                "Number of recipients who clicked at least one link in the email.",
            ),
            Col("unsubscribes", "INTEGER NOT NULL", "Number of recipients who unsubscribed from this email."),
        ),
        ("FOREIGN KEY (campaign_id) REFERENCES campaigns (campaign_id)",),
    ),
    Table(
        "leads",
        "Leads: people who left their email address with us (sign-up form, pop-up, giveaway, quiz, referral "
        "invite) before buying anything, one row per lead. People who bought without signing up first are not "
        "here, only in customers.",
        (
            Col("lead_id", "INTEGER PRIMARY KEY", "Unique lead identifier."),
            Col("campaign_id", "INTEGER NOT NULL", "Campaign that brought the sign-up (campaigns.campaign_id)."),
            Col("created_date", "TEXT NOT NULL", "Date the person signed up (YYYY-MM-DD)."),
            Col(
                "capture_form",
                "TEXT NOT NULL",
                "Form the lead signed up through: 'Discount pop-up', 'Newsletter sign-up', 'Giveaway entry', "
                "'Style quiz' or 'Referral invite'.",
            ),
            Col("region", "TEXT NOT NULL", f"US region the lead lives in: {_REGIONS_TEXT}."),
            Col(
                "status",
                "TEXT NOT NULL",
                "Status as of 2025-12-31: 'Converted' (placed a first order), 'Nurturing' (subscribed, has not "
                "bought yet), 'Unsubscribed' (opted out before buying) or 'Invalid' (the address bounced).",
            ),
            Col(
                "converted_date",
                "TEXT",
                "Date of the lead's first order (YYYY-MM-DD), when they became a customer; NULL if they have not "
                "bought.",
            ),
            Col(
                "customer_id",
                "INTEGER",
                "Customer record created at the first order (customers.customer_id); NULL if they have not bought.",
            ),
        ),
        (
            "FOREIGN KEY (campaign_id) REFERENCES campaigns (campaign_id)",
            "FOREIGN KEY (customer_id) REFERENCES customers (customer_id)",
        ),
    ),
    Table(
        "customers",
        "Customers: everyone who has placed at least one order in our online shop, which opened on 2024-01-01. "
        "One row per customer.",
        (
            Col("customer_id", "INTEGER PRIMARY KEY", "Unique customer identifier."),
            Col(
                "signup_date",
                "TEXT NOT NULL",
                "Date the person became a customer, i.e. the date of their first order (YYYY-MM-DD).",
            ),
            Col("region", "TEXT NOT NULL", f"US region of the customer's shipping address: {_REGIONS_TEXT}."),
            Col(
                "age_band", "TEXT NOT NULL", "Age band given at checkout: '18-24', '25-34', '35-44', '45-54' or '55+'."
            ),
            Col(
                "acquisition_campaign_id",
                "INTEGER",
                "Campaign credited with winning the customer (campaigns.campaign_id): the lead's campaign for "
                "customers who were leads first, else the campaign of the first order; NULL when the first order "
                "came from no campaign (direct visits, word of mouth).",
            ),
            Col(
                "email_status",
                "TEXT NOT NULL",
                "Email marketing consent as of 2025-12-31: 'Subscribed', 'Unsubscribed' or 'Never subscribed'.",
            ),
            Col(
                "unsubscribed_date",
                "TEXT",
                "Date the customer unsubscribed from our emails (YYYY-MM-DD); NULL unless email_status is "
                "'Unsubscribed'.",
            ),
        ),
        ("FOREIGN KEY (acquisition_campaign_id) REFERENCES campaigns (campaign_id)",),
    ),
    Table(
        "orders",
        "Orders placed in the online shop, one row per order, with the campaign credited for it (last click).",
        (
            Col("order_id", "INTEGER PRIMARY KEY", "Unique order number."),
            Col("customer_id", "INTEGER NOT NULL", "Customer who placed the order (customers.customer_id)."),
            Col("order_date", "TEXT NOT NULL", "Date the order was placed (YYYY-MM-DD)."),
            Col(
                "attributed_campaign_id",
                "INTEGER",
                "Campaign credited with the order by last-click attribution (campaigns.campaign_id); NULL for "
                "orders that came from no campaign (direct visits, bookmarks, typed-in address).",
            ),
            Col(
                "order_status",
                "TEXT NOT NULL",
                "'Completed' (shipped and kept), 'Returned' (sent back and refunded in full) or 'Cancelled' "
                "(cancelled before shipping, never charged).",
            ),
            Col("items_count", "INTEGER NOT NULL", "Number of items in the order."),
            Col("merchandise_amount", "REAL NOT NULL", "Value of the items at list price, in USD."),
            Col(
                "discount_amount",
                "REAL NOT NULL",
                "Discount given on the order (promo codes, sale prices), in USD; 0 when none.",
            ),
            Col(
                "order_total",
                "REAL NOT NULL",
                "Amount charged to the customer in USD: merchandise_amount minus discount_amount, excluding "
                "shipping and sales tax.",
            ),
        ),
        (
            "FOREIGN KEY (customer_id) REFERENCES customers (customer_id)",
            "FOREIGN KEY (attributed_campaign_id) REFERENCES campaigns (campaign_id)",
        ),
    ),
)

COMMENTS = comments(_TABLES)


# --------------------------------------------------------------------------------------------
# Reference data.


@dataclass(frozen=True)
class _Channel:
    name: str
    group: str
    platform: str
    cpc: float  # cost per click, USD
    ctr: float  # clicks per impression
    leads_per_click: float
    buyers_per_click: float  # people who buy on the spot, without signing up first
    conversion: float  # share of the channel's leads who ever buy
    days_to_buy: float  # mean days from sign-up to first order of a lead who buys


_CHANNELS = (
    _Channel("Paid Search", "Paid media", "Google Ads", 1.45, 0.034, 0.020, 0.012, 0.25, 7),
    _Channel("Paid Social", "Paid media", "Meta Ads", 0.78, 0.011, 0.022, 0.004, 0.10, 21),
    _Channel("Display", "Paid media", "Google Display Network", 0.52, 0.0026, 0.006, 0.0012, 0.05, 30),
    _Channel("Affiliate", "Paid media", "Impact", 0.95, 0.016, 0.020, 0.016, 0.16, 11),
    _Channel("Email", "Owned media", "Klaviyo", 0, 0, 0, 0, 0, 0),
    _Channel("Organic Search", "Earned media", "Website", 0, 0, 0, 0, 0.18, 14),
    _Channel("Referral", "Earned media", "ReferralCandy", 0, 0, 0, 0, 0.34, 6),
)
_CHANNEL_ID = {c.name: i for i, c in enumerate(_CHANNELS, start=1)}


@dataclass(frozen=True)
class _Plan:
    """A campaign as planned: `budgets` per year (None: that year has no such campaign)."""

    name: str
    channel: str
    objective: str
    audience: str
    start: str  # MM-DD
    end: str  # MM-DD
    budgets: tuple[float | None, float | None]  # 2024, 2025; 0 means a campaign without media cost
    leads: float = 1.0  # multiplier of the channel's sign-ups per click (or per day for earned media)
    buyers: float = 1.0  # multiplier of the channel's on-the-spot buyers per click


_PLANS = (
    _Plan("Brand Search", "Paid Search", "Acquisition", "Prospects", "01-01", "12-31", (22_000, 24_000), 0.8, 2.2),
    _Plan("Generic Search", "Paid Search", "Acquisition", "Prospects", "01-01", "12-31", (48_000, 50_000)),
    _Plan("Spring Sale Search", "Paid Search", "Seasonal sale", "Prospects", "03-04", "04-14", (6_000, 7_000), 0.6),
    _Plan("Black Friday Search", "Paid Search", "Seasonal sale", "Prospects", "11-11", "12-02", (9_000, 10_000), 0.6),
    _Plan("Holiday Gifts Search", "Paid Search", "Seasonal sale", "Prospects", "12-03", "12-22", (5_500, 6_000)),
    _Plan("Social Prospecting", "Paid Social", "Acquisition", "Prospects", "01-01", "12-31", (28_000, 48_000)),
    _Plan(
        "Social Retargeting", "Paid Social", "Retargeting", "Site visitors", "01-01", "12-31", (11_000, 17_000), 0.5, 3
    ),
    _Plan("Summer Giveaway", "Paid Social", "Lead generation", "Prospects", "06-03", "07-28", (4_500, 7_000), 3.0, 0.3),
    _Plan(
        "Black Friday Social", "Paid Social", "Seasonal sale", "Prospects", "11-11", "12-02", (7_000, 12_000), 0.7, 2
    ),
    _Plan("Creator Partnerships", "Paid Social", "Brand awareness", "Prospects", "04-01", "09-30", (None, 15_000), 0.8),
    _Plan("Display Prospecting", "Display", "Brand awareness", "Prospects", "01-01", "12-31", (22_000, 20_000)),
    _Plan("Display Retargeting", "Display", "Retargeting", "Site visitors", "01-01", "12-31", (10_000, 8_000), 0.5, 4),
    _Plan("Black Friday Display", "Display", "Seasonal sale", "Prospects", "11-11", "12-02", (4_500, None), 0.5, 2),
    _Plan("Affiliate Program", "Affiliate", "Acquisition", "Prospects", "01-01", "12-31", (13_000, 16_000)),
    _Plan("Black Friday Coupon Sites", "Affiliate", "Seasonal sale", "Prospects", "11-18", "12-02", (2_600, 4_000)),
    _Plan("Weekly Newsletter", "Email", "Retention", "Subscribers", "01-01", "12-31", (0, 0)),
    _Plan("Spring Sale Email", "Email", "Seasonal sale", "Subscribers", "03-04", "04-14", (0, 0)),
    _Plan("Black Friday Email", "Email", "Seasonal sale", "Subscribers", "11-18", "12-02", (0, 0)),
    _Plan("Holiday Gift Guide Email", "Email", "Seasonal sale", "Subscribers", "12-03", "12-20", (0, 0)),
    _Plan("Win-back Email", "Email", "Reactivation", "Lapsed customers", "02-01", "11-30", (None, 0)),
    _Plan("SEO Content Hub", "Organic Search", "Lead generation", "Prospects", "01-01", "12-31", (0, 0)),
    _Plan("Refer-a-Friend", "Referral", "Acquisition", "Customers", "01-01", "12-31", (0, 0)),
)
_CANCELLED = ("Display Prospecting", 2025, date(2025, 6, 30))  # budget moved to paid social
_OPEN_ENDED = {"Weekly Newsletter", "SEO Content Hub", "Refer-a-Friend"}  # 2025's run on with no end date

_EARNED_LEADS_PER_DAY = {"Organic Search": 1.3, "Referral": 0.55}
_EARNED_BUYERS_PER_DAY = {"Organic Search": 0.9, "Referral": 0.35}
_DIRECT_BUYERS_PER_DAY = 1.1  # first orders credited to no campaign
# How much customers won through a channel buy again (None: first order from no campaign): referred friends and
# people who came to us directly are loyal, coupon and banner shoppers less so.
_LOYALTY = {
    "Paid Search": 1.0,
    "Paid Social": 0.8,
    "Display": 0.75,
    "Affiliate": 0.7,
    "Organic Search": 1.15,
    "Referral": 1.4,
    None: 1.25,
}
_SEASON = (0.82, 0.78, 0.95, 0.97, 1.0, 0.95, 0.9, 0.94, 0.98, 1.05, 1.35, 1.55)  # Jan..Dec
_REGIONS = ("Northeast", "Southeast", "Midwest", "Southwest", "West")
_REGION_WEIGHTS = (0.22, 0.25, 0.19, 0.13, 0.21)
_AGE_BANDS = ("18-24", "25-34", "35-44", "45-54", "55+")
_AGE_WEIGHTS = (0.11, 0.31, 0.27, 0.18, 0.13)
_FORMS = ("Discount pop-up", "Newsletter sign-up", "Style quiz")
_FORM_WEIGHTS = (0.5, 0.3, 0.2)
_BLACK_FRIDAY = {2024: date(2024, 11, 29), 2025: date(2025, 11, 28)}

_NEWSLETTER_TOPICS = (
    "New arrivals for the season",
    "Our bestselling throws are back",
    "5 ways to style a small living room",
    "Meet the makers behind our ceramics",
    "The linen edit",
    "Fresh picks for the kitchen",
    "Bedroom refresh ideas",
    "Staff favorites this week",
    "How to care for stoneware",
    "Outdoor living essentials",
    "Candles, scents and cozy nights",
    "Just landed: the table collection",
)
_PROMO_SUBJECTS = {
    "Spring Sale Email": ("Spring Sale starts now: 20% off", "Spring Sale: last chance", "Fresh for spring"),
    "Black Friday Email": (
        "Early access: Black Friday deals",
        "Black Friday is here: up to 30% off",
        "Our biggest sale of the year",
        "Cyber Monday: final hours",
        "Still thinking it over?",
    ),
    "Holiday Gift Guide Email": (
        "The holiday gift guide",
        "Gifts under $50",
        "Last day for delivery before the holidays",
        "Gifts for the host",
    ),
    "Win-back Email": ("We miss you: 15% off your next order", "It's been a while", "Something new for you"),
}


# --------------------------------------------------------------------------------------------
# Helpers.


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _black_friday_boost(day: date) -> float:
    """Demand multiplier around Black Friday through Cyber Monday."""
    bf = _BLACK_FRIDAY[day.year]
    return 2.4 if bf - timedelta(days=1) <= day <= bf + timedelta(days=3) else 1.0


# --------------------------------------------------------------------------------------------
# Generation.


def _campaigns() -> tuple[list[dict], dict[int, _Plan]]:
    rows: list[dict] = []
    plan_of: dict[int, _Plan] = {}
    for year_index, year in enumerate((2024, 2025)):
        for plan in _PLANS:
            budget = plan.budgets[year_index]
            if budget is None:
                continue
            start = date.fromisoformat(f"{year}-{plan.start}")
            end: date | None = date.fromisoformat(f"{year}-{plan.end}")
            status = "Completed"
            if (plan.name, year) == _CANCELLED[:2]:
                end, status = _CANCELLED[2], "Cancelled"
            elif year == END.year and plan.name in _OPEN_ENDED:
                end, status = None, "Active"
            elif end is not None and end >= END:
                status = "Active"
            campaign_id = len(rows) + 1
            plan_of[campaign_id] = plan
            rows.append(
                {
                    "campaign_id": campaign_id,
                    "campaign_name": f"{plan.name} {year}",
                    "channel_id": _CHANNEL_ID[plan.channel],
                    "objective": plan.objective,
                    "target_audience": plan.audience,
                    "start_date": start,
                    "end_date": end,
                    "budget": float(budget) if budget else None,
                    "status": status,
                }
            )
    return rows, plan_of


def _running_days(campaign: dict) -> list[date]:
    return _days(campaign["start_date"], campaign["end_date"] or END)


def _spend(rng: random.Random, campaigns: list[dict], plan_of: dict[int, _Plan]) -> list[dict]:
    """Each paid campaign's budget spread over its planned days by season and weekday, a little over or under."""
    rows = []
    for c in campaigns:
        if c["budget"] is None:
            continue
        channel = _CHANNELS[c["channel_id"] - 1]
        planned = _days(
            c["start_date"], date(c["start_date"].year, *map(int, plan_of[c["campaign_id"]].end.split("-")))
        )
        weights = [
            _SEASON[d.month - 1] * (1.1 if d.weekday() >= 5 else 1.0) * _black_friday_boost(d) * rng.uniform(0.8, 1.2)
            for d in planned
        ]
        total = c["budget"] * rng.uniform(0.93, 1.05)
        weight_sum = sum(weights)
        cpc_factor = 0.6 if plan_of[c["campaign_id"]].name == "Brand Search" else 1.0
        ctr_factor = 2.5 if plan_of[c["campaign_id"]].name == "Brand Search" else 1.0
        for day, weight in zip(planned, weights, strict=True):
            if c["end_date"] is not None and day > c["end_date"]:
                break
            spend = round(total * weight / weight_sum, 2)
            cpc = channel.cpc * cpc_factor * rng.uniform(0.85, 1.15) * (1.12 if day.month in (11, 12) else 1.0)
            clicks = max(1, round(spend / cpc))
            impressions = round(clicks / (channel.ctr * ctr_factor * rng.uniform(0.85, 1.15)))
            rows.append(
                {
                    "campaign_id": c["campaign_id"],
                    "spend_date": day,
                    "impressions": impressions,
                    "clicks": clicks,
                    "spend": spend,
                }
            )
    return rows


def _arrivals(rng: random.Random, campaigns: list[dict], plan_of: dict[int, _Plan], spend: list[dict]) -> tuple:
    """Sign-ups (leads) and on-the-spot first orders (buyers), each as (date, campaign_id or None)."""
    clicks = {(s["campaign_id"], s["spend_date"]): s["clicks"] for s in spend}
    leads: list[tuple[date, int]] = []
    buyers: list[tuple[date, int | None]] = []
    for c in campaigns:
        plan = plan_of[c["campaign_id"]]
        channel = _CHANNELS[c["channel_id"] - 1]
        if channel.name == "Email":
            continue
        for day in _running_days(c):
            if c["budget"] is not None:
                n = clicks.get((c["campaign_id"], day), 0)
                lead_mean, buyer_mean = n * channel.leads_per_click, n * channel.buyers_per_click
            else:
                grow = 1 + 0.35 * (day - START).days / 730  # content and referrals compound
                lead_mean = _EARNED_LEADS_PER_DAY[channel.name] * grow * _SEASON[day.month - 1]
                buyer_mean = _EARNED_BUYERS_PER_DAY[channel.name] * grow * _SEASON[day.month - 1]
            for _ in range(_poisson(rng, lead_mean * plan.leads)):
                leads.append((day, c["campaign_id"]))
            for _ in range(_poisson(rng, buyer_mean * plan.buyers * _black_friday_boost(day))):
                buyers.append((day, c["campaign_id"]))
    for day in _days(START, END):
        mean = (
            _DIRECT_BUYERS_PER_DAY * _SEASON[day.month - 1] * _black_friday_boost(day) * (1 + 0.2 * (day.year - 2024))
        )
        for _ in range(_poisson(rng, mean)):
            buyers.append((day, None))
    return leads, buyers


def _people(rng: random.Random, campaigns: list[dict], arrivals: tuple) -> tuple[list[dict], list[dict]]:
    """Leads (some of whom buy) and customers (converted leads and on-the-spot buyers), numbered by date; each
    customer also carries (as `_` keys, not written) the traits the order simulation needs."""
    leads_in, buyers_in = arrivals
    channel_of = {c["campaign_id"]: _CHANNELS[c["channel_id"] - 1] for c in campaigns}
    name_of = {c["campaign_id"]: c["campaign_name"] for c in campaigns}
    leads: list[dict] = []
    people: list[dict] = []  # future customers, before numbering
    for day, campaign_id in sorted(leads_in, key=lambda t: (t[0], t[1])):
        channel = channel_of[campaign_id]
        if channel.name == "Referral":
            form = "Referral invite"
        elif name_of[campaign_id].startswith("Summer Giveaway"):
            form = "Giveaway entry"
        else:
            form = rng.choices(_FORMS, _FORM_WEIGHTS)[0]
        region = rng.choices(_REGIONS, _REGION_WEIGHTS)[0]
        chance = channel.conversion * (0.45 if form == "Giveaway entry" else 1.2 if form == "Discount pop-up" else 1.0)
        lead = {
            "campaign_id": campaign_id,
            "created_date": day,
            "capture_form": form,
            "region": region,
            "converted_date": None,
            "customer_id": None,
        }
        bought = None
        if rng.random() < chance:
            bought = day + timedelta(days=int(rng.expovariate(1 / channel.days_to_buy)))
        if bought is not None and bought <= END:
            lead["converted_date"] = bought
            lead["status"] = "Converted"
            people.append(
                {
                    "signup_date": bought,
                    "region": region,
                    "campaign_id": campaign_id,
                    "_lead": lead,
                    "_form": form,
                    "_subscribed": rng.random() < 0.93,
                }
            )
        else:
            r, opting_out = rng.random(), 0.22 * min(1.0, (END - day).days / 365)  # older leads had more time
            if r < 0.04:
                lead["status"] = "Invalid"
            elif r < 0.04 + opting_out:
                lead["status"] = "Unsubscribed"
            else:
                lead["status"] = "Nurturing"
        leads.append(lead)
    for day, campaign_id in buyers_in:
        region = rng.choices(_REGIONS, _REGION_WEIGHTS)[0]
        people.append(
            {
                "signup_date": day,
                "region": region,
                "campaign_id": campaign_id,
                "_lead": None,
                "_form": None,
                "_subscribed": rng.random() < 0.62,
            }
        )
    for number, lead in enumerate(leads, start=1):
        lead["lead_id"] = number
    people.sort(key=lambda p: (p["signup_date"], p["_lead"]["lead_id"] if p["_lead"] else 0, p["campaign_id"] or 0))
    customers = []
    for number, p in enumerate(people, start=1):
        if p["_lead"] is not None:
            p["_lead"]["customer_id"] = number
        unsubscribed = None
        if p["_subscribed"]:
            gone = p["signup_date"] + timedelta(days=int(rng.expovariate(0.16 / 365)))
            unsubscribed = gone if gone <= END else None
        loyalty = _LOYALTY[channel_of[p["campaign_id"]].name if p["campaign_id"] else None]
        status = "Never subscribed" if not p["_subscribed"] else "Unsubscribed" if unsubscribed else "Subscribed"
        customers.append(
            {
                "customer_id": number,
                "signup_date": p["signup_date"],
                "region": p["region"],
                "age_band": rng.choices(_AGE_BANDS, _AGE_WEIGHTS)[0],
                "acquisition_campaign_id": p["campaign_id"],
                "email_status": status,
                "unsubscribed_date": unsubscribed,
                "_form": p["_form"],
                "_loyalty": loyalty * rng.lognormvariate(math.log(1.7), 0.7),  # repeat orders a year while they stay
                "_stays": rng.expovariate(1 / (420 * loyalty)),  # days they keep buying
                "_one_off": rng.random() < 0.42 / loyalty,
            }
        )
    return leads, customers


def _email_sends(rng: random.Random, campaigns: list[dict], leads: list[dict], customers: list[dict]) -> list[dict]:
    """Sends of each email campaign; audience sizes follow the list as it grows and loses people."""
    joined = sorted(
        [lead["created_date"] for lead in leads if lead["status"] != "Invalid" and lead["customer_id"] is None]
        + [c["signup_date"] for c in customers if c["email_status"] != "Never subscribed"]
    )
    left = sorted(
        [c["unsubscribed_date"] for c in customers if c["unsubscribed_date"]]
        + [lead["created_date"] + timedelta(days=40) for lead in leads if lead["status"] == "Unsubscribed"]
    )
    buyers = sorted(c["signup_date"] for c in customers)

    def audience(day: date, segment: str) -> int:
        subscribers = 4200 + bisect.bisect_right(joined, day) - bisect.bisect_right(left, day)
        customers_then = bisect.bisect_right(buyers, day)
        size = {
            "All subscribers": subscribers,
            "Customers": round(0.55 * customers_then),
            "Non-buyers": subscribers - round(0.55 * customers_then),
            "Lapsed customers": round(0.28 * bisect.bisect_right(buyers, day - timedelta(days=183))),
        }[segment]
        return max(150, round(size * rng.uniform(0.97, 1.0)))

    plans: list[tuple[date, int, str, str]] = []
    for c in campaigns:
        if _CHANNELS[c["channel_id"] - 1].name != "Email":
            continue
        name = c["campaign_name"][:-5]
        days = _running_days(c)
        if name == "Weekly Newsletter":
            for i, day in enumerate(d for d in days if d.weekday() == 3):
                topic = _NEWSLETTER_TOPICS[(i + 5 * (day.year - 2024)) % len(_NEWSLETTER_TOPICS)]
                plans.append((day, c["campaign_id"], "All subscribers", topic))
        elif name == "Win-back Email":
            subjects = _PROMO_SUBJECTS[name]
            for i, day in enumerate(d for d in days if d.day == 10):
                plans.append((day, c["campaign_id"], "Lapsed customers", subjects[i % len(subjects)]))
        else:
            subjects = _PROMO_SUBJECTS[name]
            step = max(1, len(days) // len(subjects))
            for i, subject in enumerate(subjects):
                day = days[min(i * step, len(days) - 1)]
                plans.append((day, c["campaign_id"], "All subscribers", subject))
                if name == "Black Friday Email" and i == 0:
                    plans.append((day, c["campaign_id"], "Customers", "VIP early access: Black Friday deals"))
                if name == "Spring Sale Email" and i == 0:
                    plans.append((day, c["campaign_id"], "Non-buyers", "Your first order: 20% off this spring"))
    rows = []
    for day, campaign_id, segment, subject in sorted(plans):
        sent = audience(day, segment)
        delivered = round(sent * rng.uniform(0.975, 0.993))
        name = next(c["campaign_name"] for c in campaigns if c["campaign_id"] == campaign_id)
        promo = not name.startswith("Weekly Newsletter")
        open_rate = (0.38 if day.year == 2024 else 0.33) * rng.uniform(0.9, 1.1) * (1.12 if promo else 1.0)
        opens = round(delivered * open_rate)
        click_to_open = (0.16 if promo else 0.09) * rng.uniform(0.85, 1.15)
        unsub_rate = (0.006 if segment == "Lapsed customers" else 0.0022) * rng.uniform(0.7, 1.3)
        rows.append(
            {
                "send_id": len(rows) + 1,
                "campaign_id": campaign_id,
                "send_date": day,
                "audience_segment": segment,
                "subject_line": subject,
                "emails_sent": sent,
                "emails_delivered": delivered,
                "unique_opens": opens,
                "unique_clicks": round(opens * click_to_open),
                "unsubscribes": round(delivered * unsub_rate),
            }
        )
    return rows


def _orders(rng: random.Random, campaigns: list[dict], customers: list[dict], sends: list[dict]) -> list[dict]:
    """Each customer's first order on their signup date, then repeat orders while they stay, credited to a
    promotional email, a seasonal sale or retargeting campaign running then, or to none."""
    by_id = {c["campaign_id"]: c for c in campaigns}

    def running(c: dict, day: date) -> bool:
        return c["start_date"] <= day <= (c["end_date"] or END)

    sale = [c for c in campaigns if c["objective"] == "Seasonal sale" and c["budget"] is not None]
    retargeting = [c for c in campaigns if c["objective"] == "Retargeting"]
    email_days = sorted((s["send_date"], s["campaign_id"]) for s in sends)
    peak = max(_SEASON) * 2.4
    rows = []
    for customer in customers:
        first = customer["signup_date"]
        acquired = customer["acquisition_campaign_id"]
        dates = [(first, acquired)]
        if not customer["_one_off"]:
            rate = customer["_loyalty"] * peak / 365
            day, last = first, min(END, first + timedelta(days=int(customer["_stays"])))
            while True:
                day += timedelta(days=1 + int(rng.expovariate(rate)))
                if day > last:
                    break
                if rng.random() * peak > _SEASON[day.month - 1] * _black_friday_boost(day):
                    continue
                subscribed = customer["email_status"] != "Never subscribed" and (
                    customer["unsubscribed_date"] is None or customer["unsubscribed_date"] > day
                )
                recent = [
                    cid
                    for d, cid in email_days[bisect.bisect_left(email_days, (day - timedelta(days=3), 0)) :]
                    if d <= day
                ]
                selling = [c["campaign_id"] for c in sale if running(c, day)]
                chasing = [c for c in retargeting if running(c, day)]
                r = rng.random()
                if subscribed and recent and r < 0.38:
                    credited = rng.choice(recent)
                elif selling and r < 0.55:
                    credited = rng.choice(selling)
                elif chasing and r < 0.24:
                    credited = rng.choices(chasing, [c["budget"] for c in chasing])[0]["campaign_id"]
                else:
                    credited = None
                dates.append((day, credited))
        for number, (day, credited) in enumerate(dates):
            campaign = by_id.get(credited) if credited else None
            items = min(8, 1 + _poisson(rng, 1.1))
            merchandise = round(items * rng.lognormvariate(math.log(42), 0.45) + rng.uniform(0, 9), 2)
            if campaign is not None and campaign["objective"] == "Seasonal sale":
                discount = 0.2 if campaign["campaign_name"].startswith("Spring") else rng.choice((0.2, 0.25, 0.3))
            elif (campaign is not None and campaign["objective"] == "Reactivation") or (
                number == 0 and customer["_form"] == "Discount pop-up"
            ):
                discount = 0.15
            elif rng.random() < 0.1:
                discount = 0.1
            else:
                discount = 0.0
            discount_amount = round(merchandise * discount, 2)
            r = rng.random()
            returned = 0.11 if day.month == 12 else 0.06  # gifts come back in January
            if r < 0.03 and number > 0:  # a first order that is cancelled makes nobody a customer
                status = "Cancelled"
            elif r > 1 - returned:
                status = "Returned"
            else:
                status = "Completed"
            rows.append(
                {
                    "customer_id": customer["customer_id"],
                    "order_date": day,
                    "attributed_campaign_id": credited,
                    "order_status": status,
                    "items_count": items,
                    "merchandise_amount": merchandise,
                    "discount_amount": discount_amount,
                    "order_total": round(merchandise - discount_amount, 2),
                }
            )
    rows.sort(key=lambda o: (o["order_date"], o["customer_id"]))
    for number, row in enumerate(rows, start=1):
        row["order_id"] = number
    return rows


def marketing_rows() -> dict[str, list[dict]]:
    """Every table's rows, by table name, generated from the fixed seed."""
    rng = random.Random(SEED)
    campaigns, plan_of = _campaigns()
    spend = _spend(rng, campaigns, plan_of)
    leads, customers = _people(rng, campaigns, _arrivals(rng, campaigns, plan_of, spend))
    sends = _email_sends(rng, campaigns, leads, customers)
    orders = _orders(rng, campaigns, customers, sends)
    channels = [
        {"channel_id": i, "channel_name": c.name, "channel_group": c.group, "platform": c.platform}
        for i, c in enumerate(_CHANNELS, start=1)
    ]
    return {
        "channels": channels,
        "campaigns": campaigns,
        "ad_spend_daily": spend,
        "email_sends": sends,
        "leads": leads,
        "customers": customers,
        "orders": orders,
    }


def database_path(out_dir: Path) -> Path:
    return sqlite_file.database_path(out_dir, DB_ID)


def build(out_dir: Path) -> Path:
    """Write the warehouse under `out_dir` in the eval-set layout, replacing an older build; return its path."""
    return sqlite_file.write(database_path(out_dir), _TABLES, marketing_rows())


def main(argv: list[str] | None = None) -> int:
    return sqlite_file.main(argv, "bench.warehouses.marketing", build, HELD_OUT_QUESTIONS)


if __name__ == "__main__":
    sys.exit(main())
