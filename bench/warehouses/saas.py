"""A B2B SaaS company's warehouse: Tallyboard, a team-collaboration product sold per seat on four plans (plans,
accounts, subscriptions, invoices, payment attempts, monthly product usage, support tickets).

    python -m bench.warehouses.saas OUT_DIR [--with-questions]

writes OUT_DIR/database/saas/saas.sqlite, the layout of the project's eval sets (see bench/dataset.py);
`--with-questions` also copies the held-out questions (bench/heldout/saas/questions.json) beside it, so that
`python -m bench --dataset OUT_DIR --out FILE.json` runs them. Those questions are the project's fair measure:
do not read them (nor their wrong answers) while designing what they measure.

Everything comes from a fixed seed over fixed dates (2024-01-01 .. 2025-12-31), with only the standard library, so
every build holds the same rows. The product became generally available on 2024-01-01 (the data starts then:
every account signed up on or after that day), and the business has a shape worth asking about: sign-ups follow
the B2B buying year (strong in January and September-October, weak in the summer and in December) and grow
steadily; a direct sales team starts on 2024-07-01 together with the annual-only Enterprise plan, so Enterprise
accounts, few at launch, become a large share of new business and of monthly recurring revenue (MRR) in 2025;
EMEA sign-ups double from March 2025, when EU data residency launches; self-serve trials convert far less often
than sales-led ones; small businesses (SMB), above all on the Starter plan and billed monthly, churn fast while
Enterprise accounts on annual contracts rarely leave and often expand; Education accounts cancel at the end of
the school year (June and July); Team accounts grow into Business; card payments of small monthly invoices fail
now and then and are retried, and a few accounts are lost when every retry fails; accounts use fewer seats in the
months before they cancel; and a faulty release on 2025-03-11 brings a wave of bug tickets, slower answers and
unhappier customers until the end of April 2025.

SQLite has no COMMENT ON: every table and column is documented by a `--` comment inside its CREATE TABLE, which
SQLite keeps in sqlite_master.sql; `COMMENTS` holds the same text for readers that want it as data.
"""

from __future__ import annotations

import calendar
import math
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bench.warehouses import sqlite_file
from bench.warehouses.sqlite_file import Col, Table, comments

DB_ID = "saas"
HELD_OUT_QUESTIONS = Path(__file__).resolve().parent.parent / "heldout" / DB_ID / "questions.json"
SEED = 20240104
START = date(2024, 1, 1)
END = date(2025, 12, 31)  # the data's "today": nothing later is known

_TABLES: tuple[Table, ...] = (
    Table(
        "plans",
        "Price plans we sell, one row per plan. Every plan is priced per seat (per named user) per month.",
        (
            Col("plan_id", "INTEGER PRIMARY KEY", "Unique plan identifier."),
            Col(
                "plan_name",
                "TEXT NOT NULL",
                "Plan name: 'Starter', 'Team', 'Business' or 'Enterprise'.",
            ),
            Col(
                "plan_rank",
                "INTEGER NOT NULL",
                "Position of the plan in our range, from 1 (Starter, the cheapest) to 4 (Enterprise, the highest).",
            ),
            Col(
                "monthly_seat_price",
                "REAL NOT NULL",
                "List price of one seat for one month in USD on monthly billing.",
            ),
            Col(
                "annual_seat_price",
                "REAL NOT NULL",
                "Price of one seat per month in USD on annual billing (paid a year ahead, at a discount).",
            ),
            Col("min_seats", "INTEGER NOT NULL", "Fewest seats a subscription to the plan may have."),
            Col(
                "annual_only",
                "INTEGER NOT NULL",
                "1 if the plan is sold on annual billing only (Enterprise), else 0.",
            ),
            Col("api_access", "INTEGER NOT NULL", "1 if the plan includes access to our API, else 0."),
            Col(
                "support_level",
                "TEXT NOT NULL",
                "Support included: 'Email', 'Email and chat', 'Priority' or 'Dedicated' (a named support engineer).",
            ),
            Col(
                "launched_date",
                "TEXT NOT NULL",
                "Date the plan went on sale (YYYY-MM-DD); no subscription to it starts earlier.",
            ),
        ),
    ),
    Table(
        "accounts",
        "Customer accounts, one row per company that signed up, whether or not it ever paid. An account starts "
        "on a free trial (self-serve and partner sign-ups) or an evaluation with our sales team (sales-led "
        "sign-ups) and becomes a paying customer when its first subscription starts.",
        (
            Col("account_id", "INTEGER PRIMARY KEY", "Unique account identifier."),
            Col("account_name", "TEXT NOT NULL", "Company name of the account, unique, e.g. 'Brightwave Analytics'."),
            Col(
                "industry",
                "TEXT NOT NULL",
                "Industry of the company: 'Software', 'Financial Services', 'Healthcare', 'Retail', "
                "'Manufacturing', 'Education', 'Professional Services' or 'Media'.",
            ),
            Col(
                "segment",
                "TEXT NOT NULL",
                "Customer segment by company size: 'SMB' (fewer than 100 employees), 'Mid-Market' (100 to 999) "
                "or 'Enterprise' (1000 or more).",
            ),
            Col("employee_count", "INTEGER NOT NULL", "Number of employees of the company when it signed up."),
            Col(
                "region",
                "TEXT NOT NULL",
                "Sales region of the company's head office: 'North America', 'EMEA' (Europe, Middle East and "
                "Africa), 'APAC' (Asia-Pacific) or 'LATAM' (Latin America).",
            ),
            Col(
                "acquisition_channel",
                "TEXT NOT NULL",
                "How the account came to us: 'Self-serve' (signed up on our website), 'Partner' (referred by a "
                "reseller or consultancy) or 'Sales' (won by our direct sales team, which started on 2024-07-01).",
            ),
            Col(
                "signup_date",
                "TEXT NOT NULL",
                "Date the account was created, which starts its free trial or sales evaluation (YYYY-MM-DD).",
            ),
        ),
    ),
    Table(
        "subscriptions",
        "Paid subscriptions, one row per account per stretch of service on one plan with one seat count and "
        "billing cycle. A change of plan or of seats ends the subscription (status 'Upgraded' or 'Downgraded') "
        "and starts the account's next one the day after, so an account has at most one subscription running on "
        "any day. An account is a paying customer on a day when one of its subscriptions runs that day "
        "(start_date on or before it, end_date empty or on or after it); an account whose subscription ended "
        "with status 'Cancelled' has churned and has never come back.",
        (
            Col("subscription_id", "INTEGER PRIMARY KEY", "Unique subscription identifier."),
            Col("account_id", "INTEGER NOT NULL", "Account subscribed (accounts.account_id)."),
            Col("plan_id", "INTEGER NOT NULL", "Plan subscribed to (plans.plan_id)."),
            Col(
                "billing_cycle",
                "TEXT NOT NULL",
                "'Monthly' (invoiced every month) or 'Annual' (invoiced a year ahead at the annual seat price).",
            ),
            Col("seats", "INTEGER NOT NULL", "Number of seats (named users) paid for."),
            Col(
                "mrr",
                "REAL NOT NULL",
                "Monthly recurring revenue of the subscription in USD: seats times the plan's monthly_seat_price "
                "on monthly billing, or times its annual_seat_price on annual billing. It does not change during "
                "the subscription.",
            ),
            Col("start_date", "TEXT NOT NULL", "First day of service of the subscription (YYYY-MM-DD)."),
            Col(
                "end_date",
                "TEXT",
                "Last day of service (YYYY-MM-DD): the end of the last billing period paid for, or the day service "
                "was stopped after every payment retry failed. NULL while the subscription is still running "
                "(status 'Active').",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "State as of 2025-12-31: 'Active' (still running), 'Cancelled' (the account stopped being a "
                "customer: it churned), 'Upgraded' (replaced by the account's next subscription, of higher MRR) "
                "or 'Downgraded' (replaced by the account's next subscription, of lower MRR).",
            ),
            Col(
                "cancel_date",
                "TEXT",
                "Date the customer gave notice to cancel, or the day service was stopped for non-payment "
                "(YYYY-MM-DD), on or before end_date; NULL unless status is 'Cancelled'.",
            ),
            Col(
                "cancel_reason",
                "TEXT",
                "Why the subscription was cancelled: 'Too expensive', 'Missing features', 'Switched to "
                "competitor', 'No longer needed' or 'Payment failed' (every retry of a card payment failed); "
                "NULL unless status is 'Cancelled'.",
            ),
        ),
        (
            "FOREIGN KEY (account_id) REFERENCES accounts (account_id)",
            "FOREIGN KEY (plan_id) REFERENCES plans (plan_id)",
        ),
    ),
    Table(
        "invoices",
        "Invoices we issued, one row per billing period of a subscription, issued on the period's first day: "
        "every month for monthly billing, every year for annual billing. Amounts exclude tax.",
        (
            Col("invoice_id", "INTEGER PRIMARY KEY", "Unique invoice number."),
            Col("account_id", "INTEGER NOT NULL", "Account invoiced (accounts.account_id)."),
            Col(
                "subscription_id",
                "INTEGER NOT NULL",
                "Subscription billed (subscriptions.subscription_id), one of the account's.",
            ),
            Col("invoice_date", "TEXT NOT NULL", "Date the invoice was issued (YYYY-MM-DD), the period's first day."),
            Col(
                "period_start",
                "TEXT NOT NULL",
                "First day of the billing period the invoice covers (YYYY-MM-DD), equal to invoice_date.",
            ),
            Col(
                "period_end",
                "TEXT NOT NULL",
                "Last day of the billing period the invoice covers (YYYY-MM-DD): a month or a year after "
                "period_start, less one day.",
            ),
            Col(
                "due_date",
                "TEXT NOT NULL",
                "Date payment is due (YYYY-MM-DD): the invoice date for card payments, 30 days after it for "
                "bank transfers.",
            ),
            Col(
                "amount",
                "REAL NOT NULL",
                "Amount invoiced in USD: the subscription's mrr for a monthly period, twelve times it for a year.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "Payment state as of 2025-12-31: 'Paid' (a payment succeeded), 'Open' (not paid yet) or "
                "'Uncollectible' (written off after every card payment retry failed).",
            ),
        ),
        (
            "FOREIGN KEY (account_id) REFERENCES accounts (account_id)",
            "FOREIGN KEY (subscription_id) REFERENCES subscriptions (subscription_id)",
        ),
    ),
    Table(
        "payments",
        "Payment attempts against invoices, one row per attempt, successful or not. A card payment that fails "
        "is retried 3, 5 and 7 days after the invoice date; an invoice is paid by its one successful attempt, "
        "which is for the invoice's full amount. Cash collected is the amount of successful attempts.",
        (
            Col("payment_id", "INTEGER PRIMARY KEY", "Unique payment attempt identifier."),
            Col("invoice_id", "INTEGER NOT NULL", "Invoice paid (invoices.invoice_id)."),
            Col("payment_date", "TEXT NOT NULL", "Date of the attempt (YYYY-MM-DD), on or after the invoice date."),
            Col("amount", "REAL NOT NULL", "Amount of the attempt in USD, the invoice's full amount."),
            Col(
                "method",
                "TEXT NOT NULL",
                "'Card' (charged automatically) or 'Bank transfer' (paid by the customer, for annual invoices of "
                "Mid-Market and Enterprise accounts).",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "'Succeeded' (money received) or 'Failed' (the card was declined; nothing received).",
            ),
        ),
        ("FOREIGN KEY (invoice_id) REFERENCES invoices (invoice_id)",),
    ),
    Table(
        "usage_monthly",
        "Product usage, one row per account per calendar month in which the account could use the product on "
        "at least one day (on its trial or evaluation, or as a paying customer).",
        (
            Col("usage_id", "INTEGER PRIMARY KEY", "Unique row identifier."),
            Col("account_id", "INTEGER NOT NULL", "Account (accounts.account_id)."),
            Col(
                "usage_month",
                "TEXT NOT NULL",
                "Calendar month measured, as the date of its first day (YYYY-MM-01).",
            ),
            Col(
                "active_users",
                "INTEGER NOT NULL",
                "Number of distinct users of the account who logged in during the month; never more than the "
                "seats of the subscription running on the account's last day of service in the month.",
            ),
            Col("logins", "INTEGER NOT NULL", "Number of log-ins by the account's users during the month."),
            Col(
                "api_calls",
                "INTEGER NOT NULL",
                "Number of calls to our API by the account during the month; 0 when its plan has no API access "
                "and during trials.",
            ),
        ),
        ("FOREIGN KEY (account_id) REFERENCES accounts (account_id)",),
    ),
    Table(
        "support_tickets",
        "Support requests, one row per ticket raised by an account (on trial or paying).",
        (
            Col("ticket_id", "INTEGER PRIMARY KEY", "Unique ticket number."),
            Col("account_id", "INTEGER NOT NULL", "Account that raised the ticket (accounts.account_id)."),
            Col("opened_date", "TEXT NOT NULL", "Date the ticket was raised (YYYY-MM-DD)."),
            Col(
                "closed_date",
                "TEXT",
                "Date the ticket was resolved and closed (YYYY-MM-DD), on or after opened_date; NULL while it "
                "is still open.",
            ),
            Col(
                "category",
                "TEXT NOT NULL",
                "Topic: 'How-to', 'Bug', 'Billing', 'Integration', 'Feature request' or 'Account access'.",
            ),
            Col("priority", "TEXT NOT NULL", "Priority: 'Low', 'Normal', 'High' or 'Urgent'."),
            Col(
                "first_response_hours",
                "REAL NOT NULL",
                "Hours from the ticket being raised to our first reply, to one decimal.",
            ),
            Col(
                "satisfaction_score",
                "INTEGER",
                "Score the customer gave in the survey sent on closing, from 1 (very unhappy) to 5 (very happy); "
                "NULL when the ticket is open or the survey went unanswered.",
            ),
        ),
        ("FOREIGN KEY (account_id) REFERENCES accounts (account_id)",),
    ),
)

COMMENTS = comments(_TABLES)


# --------------------------------------------------------------------------------------------
# Reference data.


@dataclass(frozen=True)
class _Plan:
    name: str
    monthly: float
    annual: float
    min_seats: int
    annual_only: bool
    api: bool
    support: str
    launched: date
    response_hours: float  # mean hours to a first reply


_PLANS = (
    _Plan("Starter", 12.0, 10.0, 1, False, False, "Email", START, 20.0),
    _Plan("Team", 29.0, 24.0, 3, False, False, "Email and chat", START, 9.0),
    _Plan("Business", 49.0, 41.0, 10, False, True, "Priority", START, 3.5),
    _Plan("Enterprise", 89.0, 75.0, 50, True, True, "Dedicated", date(2024, 7, 1), 1.2),
)
_SALES_TEAM = date(2024, 7, 1)  # the direct sales team starts, with the Enterprise plan
_EU_RESIDENCY = date(2025, 3, 1)  # EU data residency launches: EMEA sign-ups double
_BAD_RELEASE = (date(2025, 3, 11), date(2025, 4, 30))  # a faulty release and its aftermath

_SEGMENTS = ("SMB", "Mid-Market", "Enterprise")
_REGIONS = ("North America", "EMEA", "APAC", "LATAM")
_REGION_WEIGHTS = (0.55, 0.2, 0.16, 0.09)
_CHANNELS = ("Self-serve", "Partner", "Sales")
_CHANNEL_WEIGHTS = {"SMB": (0.82, 0.15, 0.03), "Mid-Market": (0.45, 0.25, 0.3), "Enterprise": (0.15, 0.2, 0.65)}
_INDUSTRIES = (
    "Software",
    "Financial Services",
    "Healthcare",
    "Retail",
    "Manufacturing",
    "Education",
    "Professional Services",
    "Media",
)
_INDUSTRY_WEIGHTS = (0.24, 0.12, 0.1, 0.1, 0.1, 0.1, 0.16, 0.08)
_SIGNUP_SEASON = (1.25, 1.05, 1.1, 1.0, 0.95, 0.85, 0.7, 0.72, 1.2, 1.2, 1.0, 0.6)
_CONVERSION = {"Self-serve": 0.36, "Partner": 0.55, "Sales": 0.72}
_FIRST_PLAN = {  # plan weights of a new customer: Starter, Team, Business, Enterprise
    "SMB": (0.55, 0.38, 0.07, 0.0),
    "Mid-Market": (0.04, 0.44, 0.46, 0.06),
    "Enterprise": (0.0, 0.08, 0.34, 0.58),
}
_SEATS = {"SMB": (5.0, 0.7), "Mid-Market": (30.0, 0.6), "Enterprise": (150.0, 0.65)}  # median, log spread
_ANNUAL = {"SMB": 0.18, "Mid-Market": 0.45, "Enterprise": 0.85}
_CHURN = {"SMB": 0.04, "Mid-Market": 0.016, "Enterprise": 0.006}  # chance a month that a customer cancels
_UPGRADE = {"SMB": 0.016, "Mid-Market": 0.024, "Enterprise": 0.032}
_DOWNGRADE = {"SMB": 0.006, "Mid-Market": 0.006, "Enterprise": 0.003}
_CARD_FAILS = {"SMB": 0.08, "Mid-Market": 0.04, "Enterprise": 0.02}  # chance a first card attempt fails
_RETRY_DAYS = (3, 5, 7)
_RETRY_FAILS = 0.45
_REASONS = ("Too expensive", "Missing features", "Switched to competitor", "No longer needed")
_REASON_WEIGHTS = {
    "SMB": (0.4, 0.18, 0.17, 0.25),
    "Mid-Market": (0.25, 0.3, 0.3, 0.15),
    "Enterprise": (0.2, 0.3, 0.4, 0.1),
}
_TICKETS = {"SMB": 0.14, "Mid-Market": 0.4, "Enterprise": 1.1}  # tickets a month of a paying account
_CATEGORIES = ("How-to", "Bug", "Billing", "Integration", "Feature request", "Account access")
_CATEGORY_WEIGHTS = (0.34, 0.22, 0.15, 0.13, 0.1, 0.06)
_RESOLVE_DAYS = {
    "How-to": 1.2,
    "Bug": 6.0,
    "Billing": 2.0,
    "Integration": 4.0,
    "Feature request": 12.0,
    "Account access": 0.6,
}
_PRIORITIES = ("Low", "Normal", "High", "Urgent")

_NAME_HEADS = (
    "Bright", "Blue", "Cedar", "Silver", "North", "Iron", "Clear", "Swift", "Harbor", "Summit", "Maple", "Copper",
    "Green", "Stone", "River", "Golden", "Pine", "Red", "Oak", "Nova", "True", "Bold", "Quiet", "Wild", "Lumen",
    "Peak", "Coral", "Amber", "Arc", "Keystone",
)  # fmt: skip
_NAME_TAILS = (
    "wave", "field", "point", "bridge", "line", "stone", "works", "path", "gate", "light", "view", "spring",
    "forge", "crest", "ridge", "leaf", "wind", "star", "hill", "shore",
)  # fmt: skip
_NAME_KINDS = {
    "Software": ("Software", "Labs", "Systems", "Technologies", "Digital"),
    "Financial Services": ("Capital", "Financial", "Partners", "Advisors", "Lending"),
    "Healthcare": ("Health", "Medical", "Clinics", "Care", "Diagnostics"),
    "Retail": ("Retail", "Outfitters", "Goods", "Market", "Stores"),
    "Manufacturing": ("Manufacturing", "Industries", "Fabrication", "Components", "Machining"),
    "Education": ("Academy", "Learning", "School", "College", "Institute"),
    "Professional Services": ("Consulting", "Group", "Associates", "Legal", "Analytics"),
    "Media": ("Media", "Studios", "Publishing", "Creative", "Productions"),
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


def _add_months(day: date, months: int) -> date:
    """The same day of the month `months` later, or the month's last day when it is shorter."""
    years, month = divmod(day.month - 1 + months, 12)
    year = day.year + years
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _month_starts(first: date, last: date) -> list[date]:
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(day)
        day = _add_months(day, 1)
    return months


def _month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _mrr(plan: int, seats: int, cycle: str) -> float:
    p = _PLANS[plan]
    return float(seats * (p.annual if cycle == "Annual" else p.monthly))


# --------------------------------------------------------------------------------------------
# Generation.


def _plans() -> list[dict]:
    return [
        {
            "plan_id": i,
            "plan_name": p.name,
            "plan_rank": i,
            "monthly_seat_price": p.monthly,
            "annual_seat_price": p.annual,
            "min_seats": p.min_seats,
            "annual_only": int(p.annual_only),
            "api_access": int(p.api),
            "support_level": p.support,
            "launched_date": p.launched,
        }
        for i, p in enumerate(_PLANS, start=1)
    ]


def _accounts(rng: random.Random) -> list[dict]:
    """Sign-ups day by day: the B2B buying season, steady growth, a launch-day rush, more Enterprise once the
    sales team starts (and more again in 2025), and more EMEA once EU data residency launches."""
    names = [f"{h}{t}" for h in _NAME_HEADS for t in _NAME_TAILS]
    used: set[str] = set()
    rows = []
    for n in range((END - START).days + 1):
        day = START + timedelta(days=n)
        t = n / 365
        mean = 3.5 * _SIGNUP_SEASON[day.month - 1] * (0.35 if day.weekday() >= 5 else 1.12) * (1 + 0.5 * t)
        if day == START:
            mean = 25.0
        for _ in range(_poisson(rng, mean)):
            enterprise = 0.05 * (1.0 if day < _SALES_TEAM else 2.2 if day.year == 2024 else 3.4)
            segment = rng.choices(_SEGMENTS, (0.8, 0.17, enterprise))[0]
            regions = list(_REGION_WEIGHTS)
            if day >= _EU_RESIDENCY:
                regions[1] *= 2.0
            channels = list(_CHANNEL_WEIGHTS[segment])
            if day < _SALES_TEAM:
                channels[2] = 0.0
            industry = rng.choices(_INDUSTRIES, _INDUSTRY_WEIGHTS)[0]
            low, high = {"SMB": (5, 99), "Mid-Market": (100, 999), "Enterprise": (1000, 25000)}[segment]
            employees = int(math.exp(rng.uniform(math.log(low), math.log(high + 1))))
            while True:
                name = f"{rng.choice(names)} {rng.choice(_NAME_KINDS[industry])}"
                if name not in used:
                    used.add(name)
                    break
            rows.append(
                {
                    "account_id": len(rows) + 1,
                    "account_name": name,
                    "industry": industry,
                    "segment": segment,
                    "employee_count": min(high, max(low, employees)),
                    "region": rng.choices(_REGIONS, regions)[0],
                    "acquisition_channel": rng.choices(_CHANNELS, channels)[0],
                    "signup_date": day,
                }
            )
    return rows


@dataclass
class _Sub:
    account: dict
    plan: int  # index into _PLANS
    cycle: str
    seats: int
    start: date
    end: date | None = None
    status: str = "Active"
    cancel_date: date | None = None
    cancel_reason: str | None = None
    id: int = 0  # subscription_id, numbered once every subscription is known

    @property
    def mrr(self) -> float:
        return _mrr(self.plan, self.seats, self.cycle)


def _first_subscription(rng: random.Random, a: dict) -> _Sub | None:
    """Whether the trial (or evaluation) converts, when, and to what."""
    channel, segment = a["acquisition_channel"], a["segment"]
    chance = _CONVERSION[channel] * (0.85 if a["industry"] == "Education" else 1.0)
    if segment == "Enterprise" and channel == "Self-serve":
        chance *= 0.75
    if rng.random() >= chance:
        return None
    if channel == "Self-serve":
        wait = 14 if rng.random() < 0.6 else rng.randint(2, 13)
    elif channel == "Partner":
        wait = rng.randint(7, 35)
    else:
        wait = 12 + int(rng.expovariate(1 / (40 if segment == "Enterprise" else 22)))
    start = a["signup_date"] + timedelta(days=wait)
    if start > END:
        return None
    weights = list(_FIRST_PLAN[segment])
    if start < _PLANS[3].launched:
        weights[3] = 0.0
    plan = rng.choices(range(4), weights)[0]
    median, spread = _SEATS[segment]
    seats = max(_PLANS[plan].min_seats, round(median * rng.lognormvariate(0, spread)))
    if segment == "SMB":
        seats = min(seats, 60)
    cycle = "Annual" if _PLANS[plan].annual_only or rng.random() < _ANNUAL[segment] else "Monthly"
    return _Sub(a, plan, cycle, seats, start)


def _changed(rng: random.Random, sub: _Sub, up: bool, start: date) -> _Sub | None:
    """The account's next subscription after an upgrade or a downgrade, or None if there is none to make."""
    plan, seats = sub.plan, sub.seats
    if up:
        if plan < 3 and rng.random() < 0.5 and start >= _PLANS[plan + 1].launched:
            plan += 1
            seats = max(seats, _PLANS[plan].min_seats)
        else:
            seats = max(seats + 1, round(seats * rng.uniform(1.15, 1.7)))
    else:
        if plan > 0 and rng.random() < 0.5:
            plan -= 1
        else:
            seats = max(_PLANS[plan].min_seats, round(seats * rng.uniform(0.55, 0.85)))
    cycle = "Annual" if _PLANS[plan].annual_only else sub.cycle
    new = _Sub(sub.account, plan, cycle, seats, start)
    if (new.mrr > sub.mrr) != up or new.mrr == sub.mrr:
        return None
    return new


def _card_attempts(rng: random.Random, invoice_date: date, segment: str) -> list[tuple[date, bool]]:
    """A card charge on the invoice date and, while it fails, retries; attempts after 2025-12-31 are unknown."""
    attempts = []
    fails = _CARD_FAILS[segment]
    for offset in (0, *_RETRY_DAYS):
        day = invoice_date + timedelta(days=offset)
        if day > END:
            break
        ok = rng.random() >= fails
        attempts.append((day, ok))
        if ok:
            break
        fails = _RETRY_FAILS
    return attempts


def _customer(rng: random.Random, first: _Sub) -> tuple[list[_Sub], list[dict]]:
    """One customer's life: each billing period invoiced and paid (or not), and at each period's end the chance
    to cancel, to upgrade or to downgrade. Returns its subscriptions and invoices (with their attempts)."""
    a = first.account
    segment = a["segment"]
    subs, invoices = [first], []
    sub = first
    k = 0
    while True:
        months = 12 if sub.cycle == "Annual" else 1
        period_start = _add_months(sub.start, k * months)
        period_end = _add_months(sub.start, (k + 1) * months) - timedelta(days=1)
        card = sub.cycle == "Monthly" or segment == "SMB"
        invoice = {
            "sub": sub,
            "invoice_date": period_start,
            "period_end": period_end,
            "due_date": period_start if card else period_start + timedelta(days=30),
            "amount": sub.mrr * months,
            "method": "Card" if card else "Bank transfer",
        }
        invoices.append(invoice)
        if card:
            attempts = _card_attempts(rng, period_start, segment)
        else:
            slow = 1.5 if segment == "Enterprise" else 1.0
            day = period_start + timedelta(days=2 + int(rng.lognormvariate(math.log(18 * slow), 0.5)))
            attempts = [(day, True)] if day <= END else []
        invoice["attempts"] = attempts
        if len(attempts) == 1 + len(_RETRY_DAYS) and not attempts[-1][1]:
            sub.end = sub.cancel_date = attempts[-1][0]
            sub.status, sub.cancel_reason = "Cancelled", "Payment failed"
            return subs, invoices
        if period_end >= END:
            return subs, invoices
        churn = _CHURN[segment] * (1.25 if sub.plan == 0 else 1.0)
        if a["industry"] == "Education" and period_end.month in (6, 7):
            churn *= 5.0
        up, down = _UPGRADE[segment] * (1.4 if sub.plan == 1 else 1.0), _DOWNGRADE[segment]
        if months == 12:
            churn = 0.7 * (1 - (1 - churn) ** 12)
            up, down = 0.8 * (1 - (1 - up) ** 12), 0.8 * (1 - (1 - down) ** 12)
        r = rng.random()
        if r < churn:
            noticed = max(period_start, period_end - timedelta(days=60))
            sub.end, sub.status = period_end, "Cancelled"
            sub.cancel_date = noticed + timedelta(days=rng.randint(0, (period_end - noticed).days))
            reasons = list(_REASON_WEIGHTS[segment])
            if a["industry"] == "Education" and period_end.month in (6, 7):
                reasons[3] *= 6.0
            sub.cancel_reason = rng.choices(_REASONS, reasons)[0]
            return subs, invoices
        if r < churn + up + down:
            new = _changed(rng, sub, r < churn + up, period_end + timedelta(days=1))
            if new is not None:
                sub.end, sub.status = period_end, "Upgraded" if new.mrr > sub.mrr else "Downgraded"
                subs.append(new)
                sub, k = new, 0
                continue
        k += 1


def _usage(rng: random.Random, a: dict, subs: list[_Sub]) -> list[dict]:
    """A row per month of trial or service: active users a share of the seats (fewer in the two months before a
    customer cancels), log-ins per user, API calls on plans that have them."""
    last = (subs[-1].end or END) if subs else min(END, a["signup_date"] + timedelta(days=13))
    utilisation = rng.uniform(
        *{"SMB": (0.65, 1.0), "Mid-Market": (0.5, 0.92), "Enterprise": (0.38, 0.82)}[a["segment"]]
    )
    leaving = subs[-1].end if subs and subs[-1].cancel_reason not in (None, "Payment failed") else None
    rows = []
    for month in _month_starts(a["signup_date"], last):
        day = min(last, _month_end(month))
        running = [s for s in subs if s.start <= day and (s.end is None or s.end >= day)]
        if running:
            sub = running[0]
            share = utilisation * rng.uniform(0.85, 1.1)
            if leaving is not None and (leaving - month).days < 70:
                share *= 0.45
            users = max(1, min(sub.seats, round(sub.seats * share)))
            api = _PLANS[sub.plan].api
        else:
            trial = {"SMB": 3, "Mid-Market": 8, "Enterprise": 20}[a["segment"]]
            users = 1 + _poisson(rng, trial)
            api = False
        rows.append(
            {
                "account_id": a["account_id"],
                "usage_month": month,
                "active_users": users,
                "logins": sum(1 + _poisson(rng, 14) for _ in range(min(users, 30))) * max(1, users // 30),
                "api_calls": int(users * 110 * rng.lognormvariate(0, 0.6)) if api else 0,
            }
        )
    return rows


def _tickets(rng: random.Random, a: dict, subs: list[_Sub]) -> list[dict]:
    """Tickets over the account's trial and service, more for bigger accounts; a wave of bugs after the faulty
    release; faster replies on plans with better support; a survey answered now and then."""
    last = (subs[-1].end or END) if subs else min(END, a["signup_date"] + timedelta(days=13))
    rows = []
    for month in _month_starts(a["signup_date"], last):
        first_day, last_day = max(month, a["signup_date"]), min(last, _month_end(month))
        days = (last_day - first_day).days + 1
        share = days / calendar.monthrange(month.year, month.month)[1]
        wave = (
            sum(_BAD_RELEASE[0] <= first_day + timedelta(days=k) <= _BAD_RELEASE[1] for k in range(days))
            / calendar.monthrange(month.year, month.month)[1]
        )
        base = _TICKETS[a["segment"]]
        count = _poisson(rng, base * share)
        bugs = _poisson(rng, base * 0.8 * wave)
        for n in range(count + bugs):
            opened = first_day + timedelta(days=rng.randrange(days))
            if n >= count:
                while not _BAD_RELEASE[0] <= opened <= _BAD_RELEASE[1]:
                    opened = first_day + timedelta(days=rng.randrange(days))
            category = "Bug" if n >= count else rng.choices(_CATEGORIES, _CATEGORY_WEIGHTS)[0]
            running = [s for s in subs if s.start <= opened and (s.end is None or s.end >= opened)]
            hours = _PLANS[running[0].plan].response_hours if running else 16.0
            priority_weights = (0.2, 0.5, 0.22, 0.08) if category == "Bug" else (0.35, 0.5, 0.12, 0.03)
            priority = rng.choices(_PRIORITIES, priority_weights)[0]
            hours *= {"Low": 1.4, "Normal": 1.0, "High": 0.6, "Urgent": 0.3}[priority]
            in_wave = _BAD_RELEASE[0] <= opened <= _BAD_RELEASE[1]
            if in_wave:
                hours *= 1.8
            resolve = int(rng.expovariate(1 / _RESOLVE_DAYS[category]) * (1.5 if in_wave else 1.0))
            closed = opened + timedelta(days=resolve)
            score = None
            if closed <= END and rng.random() < 0.42:
                mean = 4.35 - 0.06 * min(resolve, 20) - (0.9 if in_wave and category == "Bug" else 0.0)
                score = max(1, min(5, round(rng.gauss(mean, 0.8))))
            rows.append(
                {
                    "account_id": a["account_id"],
                    "opened_date": opened,
                    "closed_date": closed if closed <= END else None,
                    "category": category,
                    "priority": priority,
                    "first_response_hours": round(max(0.1, hours * rng.lognormvariate(0, 0.5)), 1),
                    "satisfaction_score": score,
                }
            )
    return rows


def saas_rows() -> dict[str, list[dict]]:
    """Every table's rows, by table name, generated from the fixed seed."""
    rng = random.Random(SEED)
    plans = _plans()
    accounts = _accounts(rng)
    subs: list[_Sub] = []
    invoices: list[dict] = []
    usage: list[dict] = []
    tickets: list[dict] = []
    for a in accounts:
        first = _first_subscription(rng, a)
        own, bills = _customer(rng, first) if first else ([], [])
        subs += own
        invoices += bills
        usage += _usage(rng, a, own)
        tickets += _tickets(rng, a, own)

    subs.sort(key=lambda s: (s.start, s.account["account_id"]))
    sub_rows = []
    for number, s in enumerate(subs, start=1):
        s.id = number
        sub_rows.append(
            {
                "subscription_id": number,
                "account_id": s.account["account_id"],
                "plan_id": s.plan + 1,
                "billing_cycle": s.cycle,
                "seats": s.seats,
                "mrr": s.mrr,
                "start_date": s.start,
                "end_date": s.end,
                "status": s.status,
                "cancel_date": s.cancel_date,
                "cancel_reason": s.cancel_reason,
            }
        )

    invoices.sort(key=lambda i: (i["invoice_date"], i["sub"].id))
    invoice_rows, payment_rows = [], []
    for number, i in enumerate(invoices, start=1):
        attempts = i["attempts"]
        paid = bool(attempts) and attempts[-1][1]
        failed_out = len(attempts) == 1 + len(_RETRY_DAYS) and not paid
        invoice_rows.append(
            {
                "invoice_id": number,
                "account_id": i["sub"].account["account_id"],
                "subscription_id": i["sub"].id,
                "invoice_date": i["invoice_date"],
                "period_start": i["invoice_date"],
                "period_end": i["period_end"],
                "due_date": i["due_date"],
                "amount": i["amount"],
                "status": "Paid" if paid else "Uncollectible" if failed_out else "Open",
            }
        )
        for day, ok in attempts:
            payment_rows.append(
                {
                    "invoice_id": number,
                    "payment_date": day,
                    "amount": i["amount"],
                    "method": i["method"],
                    "status": "Succeeded" if ok else "Failed",
                }
            )
    payment_rows.sort(key=lambda p: (p["payment_date"], p["invoice_id"]))
    for number, p in enumerate(payment_rows, start=1):
        p["payment_id"] = number

    usage.sort(key=lambda u: (u["usage_month"], u["account_id"]))
    for number, u in enumerate(usage, start=1):
        u["usage_id"] = number
    tickets.sort(key=lambda t: (t["opened_date"], t["account_id"]))
    for number, t in enumerate(tickets, start=1):
        t["ticket_id"] = number
    return {
        "plans": plans,
        "accounts": accounts,
        "subscriptions": sub_rows,
        "invoices": invoice_rows,
        "payments": payment_rows,
        "usage_monthly": usage,
        "support_tickets": tickets,
    }


def database_path(out_dir: Path) -> Path:
    return sqlite_file.database_path(out_dir, DB_ID)


def build(out_dir: Path) -> Path:
    """Write the warehouse under `out_dir` in the eval-set layout, replacing an older build; return its path."""
    return sqlite_file.write(database_path(out_dir), _TABLES, saas_rows())


def main(argv: list[str] | None = None) -> int:
    return sqlite_file.main(argv, "bench.warehouses.saas", build, HELD_OUT_QUESTIONS)


if __name__ == "__main__":
    sys.exit(main())
