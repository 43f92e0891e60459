"""A fitness club chain's warehouse: Ironwood Fitness, gyms in three cities (clubs, membership plans, the members
with their join dates, freezes and cancellations, the membership billing with its declined card payments, members'
check-ins at the clubs, group classes with their types, instructors, scheduled sessions and members' bookings,
personal training packages and their sessions, and the sales of the clubs' cafés and shops).

    python -m bench.warehouses.fitness OUT_DIR [--with-questions]

writes OUT_DIR/database/fitness/fitness.sqlite, the layout of the project's eval sets (see bench/dataset.py);
`--with-questions` also copies the held-out questions (bench/heldout/fitness/questions.json) beside it, so that
`python -m bench --dataset OUT_DIR --out FILE.json` runs them. Those questions are the project's fair measure: do
not read them (nor their wrong answers) while designing what they measure.

Everything comes from a fixed seed over fixed dates (2024-01-01 .. 2025-12-31), with only the standard library, so
every build holds the same rows. The chain moved to its current club system on 2024-01-01: the members who belonged
on that day are in the data with their older join dates, and everyone who joined since; invoices, check-ins,
classes, bookings, personal training and sales start on 2024-01-01. A member belongs to one home club and has one
plan. Monthly plans bill every month on the day of the month the member joined (the 28th for days after it),
annual memberships once a year on the anniversary; a member who cancels is a member up to the end of the period
paid for, and the membership ends the day before the next bill. A member on a monthly plan may freeze the
membership for one to three whole billing periods, paying a small freeze fee instead of the plan's price, and does
not come in meanwhile. A declined card is retried three and seven days later; when the third try fails too, the
invoice is written off and the membership ends that day, for non-payment. Every member who attends a class or a
personal training session checks in at the club that day before it. The clubs close on Christmas Day.

The business has a shape worth asking about: sign-ups surge every January and pick up again in September (when
students come back), and fall away in December; visits are highest in January and dip in the summer (June to
August), when more members freeze. Prices of the monthly plans and the annual membership rise on 2025-03-01, and
more members of the monthly plans cancel in March and April 2025, giving the price as their reason. The Student plan
is closed to new members from 2025-04-01 (its members keep it). A summer promotion in 2024 (code 'SUMMER24') halves
the first month's price of the monthly plans for members joining from 2024-06-15 to 2024-07-31; the 'NEWYEAR25'
promotion waives the joining fee in January 2025 and brings in more members than January 2024, who cancel more
often in their first months. A new club, Riverton Northgate, opens on 2025-06-02: its founding members sign up
from 2025-04-15 (code 'FOUNDER', joining fee waived) and are billed from the opening day, and the club builds its
membership over the rest of the year. Members cancel more in their first three months; the Student plan loses its
members fastest, then Off-Peak, Standard and Premium, and about a third of annual members do not renew. Early
morning (06:15) classes and Student members have more no-shows; Lakeshore Harbor, Brookfield Commons and Riverton
Northgate have pools and teach Aqua Fit.

SQLite has no COMMENT ON: every table and column is documented by a `--` comment inside its CREATE TABLE, which
SQLite keeps in sqlite_master.sql; `COMMENTS` holds the same text for readers that want it as data.
"""

from __future__ import annotations

import math
import random
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from bench.warehouses import sqlite_file
from bench.warehouses.sqlite_file import Col, Table, comments

DB_ID = "fitness"
HELD_OUT_QUESTIONS = Path(__file__).resolve().parent.parent / "heldout" / DB_ID / "questions.json"
SEED = 20240908
START = date(2024, 1, 1)
END = date(2025, 12, 31)  # the data's "today": nothing later is known

_TABLES: tuple[Table, ...] = (
    Table(
        "clubs",
        "Our fitness clubs, one row per club, in three cities.",
        (
            Col("club_id", "INTEGER PRIMARY KEY", "Unique club identifier."),
            Col("club_name", "TEXT NOT NULL", "Name of the club, unique, e.g. 'Riverton Downtown'."),
            Col("city", "TEXT NOT NULL", "City the club is in: 'Riverton', 'Lakeshore' or 'Brookfield'."),
            Col("street_address", "TEXT NOT NULL", "Street address of the club."),
            Col(
                "opened_date",
                "TEXT NOT NULL",
                "Date the club opened its doors (YYYY-MM-DD); nobody checks in, and no class or sale happens "
                "there, before it.",
            ),
            Col("has_pool", "INTEGER NOT NULL", "1 when the club has a swimming pool (and teaches Aqua Fit), else 0."),
            Col("floor_area_sqft", "INTEGER NOT NULL", "Floor area of the club in square feet."),
        ),
    ),
    Table(
        "membership_plans",
        "Membership plans, one row per plan. A member has one plan; the plan's price is billed every month, or "
        "every year for the annual membership.",
        (
            Col("plan_id", "INTEGER PRIMARY KEY", "Unique plan identifier."),
            Col(
                "plan_name",
                "TEXT NOT NULL",
                "Name of the plan: 'Standard', 'Off-Peak', 'Student', 'Premium' or 'Annual'.",
            ),
            Col(
                "billing_period",
                "TEXT NOT NULL",
                "'Monthly' (billed every month) or 'Annual' (billed once a year, on the anniversary of joining).",
            ),
            Col(
                "price",
                "REAL NOT NULL",
                "Price in USD of one billing period (a month, or a year for 'Annual') from 2025-03-01.",
            ),
            Col(
                "previous_price",
                "REAL NOT NULL",
                "Price in USD of one billing period before 2025-03-01 (billed for periods starting before it).",
            ),
            Col(
                "joining_fee",
                "REAL NOT NULL",
                "One-off fee in USD paid on joining (waived by some promotions); 0 when the plan has none.",
            ),
            Col(
                "all_clubs_access",
                "INTEGER NOT NULL",
                "1 when members may use every club (Premium), 0 when only their home club.",
            ),
            Col(
                "off_peak_only",
                "INTEGER NOT NULL",
                "1 when members may only come in off-peak: weekdays from 09:00 to 15:59, and any time at weekends.",
            ),
            Col(
                "closed_to_new_date",
                "TEXT",
                "Date from which no new member can join the plan (YYYY-MM-DD), its existing members keeping it; "
                "NULL for a plan still on sale.",
            ),
        ),
    ),
    Table(
        "members",
        "Members, one row per person who was a member on 2024-01-01 or joined since, including those who have "
        "cancelled. A member is a member from join_date to cancel_date (or still is).",
        (
            Col("member_id", "INTEGER PRIMARY KEY", "Unique member identifier."),
            Col("first_name", "TEXT NOT NULL", "First name."),
            Col("last_name", "TEXT NOT NULL", "Last name; a full name is not unique."),
            Col("gender", "TEXT NOT NULL", "'F' or 'M'."),
            Col("date_of_birth", "TEXT NOT NULL", "Date of birth (YYYY-MM-DD); members are 16 or older."),
            Col(
                "home_club_id",
                "INTEGER NOT NULL",
                "Club the member joined and belongs to (clubs.club_id); only Premium members may use other clubs.",
            ),
            Col("plan_id", "INTEGER NOT NULL", "Membership plan (membership_plans.plan_id)."),
            Col(
                "join_date",
                "TEXT NOT NULL",
                "Date the member signed up (YYYY-MM-DD); before 2024 for those who were members on 2024-01-01. A "
                "founding member of a club that had not opened yet signed up before its opened_date.",
            ),
            Col(
                "signup_channel",
                "TEXT NOT NULL",
                "How the member signed up: 'Walk-in', 'Website', 'Referral' (brought by a member) or 'Corporate "
                "partner' (through an employer's wellness scheme).",
            ),
            Col(
                "promotion_code",
                "TEXT",
                "Promotion the member joined under: 'SUMMER24' (first month half price, monthly plans, joined "
                "2024-06-15 .. 2024-07-31), 'NEWYEAR25' (joining fee waived, joined in January 2025) or 'FOUNDER' "
                "(founding member of Riverton Northgate before it opened, joining fee waived); NULL for none.",
            ),
            Col(
                "cancel_date",
                "TEXT",
                "Last day of the membership (YYYY-MM-DD) for a member who cancelled or was cancelled; NULL for a "
                "member who still belongs on 2025-12-31.",
            ),
            Col(
                "cancel_reason",
                "TEXT",
                "Why the membership ended: 'Not using it', 'Cost', 'Price increase', 'Moving away', 'Joined another "
                "gym', 'Medical', 'Other', 'Did not renew' (an annual member who let the year run out) or "
                "'Non-payment' (billing failed three times); NULL unless cancel_date is set.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "Status on 2025-12-31: 'Active', 'Frozen' (a freeze covers that day) or 'Cancelled'.",
            ),
        ),
        (
            "FOREIGN KEY (home_club_id) REFERENCES clubs (club_id)",
            "FOREIGN KEY (plan_id) REFERENCES membership_plans (plan_id)",
        ),
    ),
    Table(
        "membership_freezes",
        "Freezes of memberships, one row per freeze starting from 2024-01-01: whole billing periods during which a "
        "member on a monthly plan pays the freeze fee instead of the plan's price and does not come in.",
        (
            Col("freeze_id", "INTEGER PRIMARY KEY", "Unique freeze identifier."),
            Col("member_id", "INTEGER NOT NULL", "Member who froze the membership (members.member_id)."),
            Col("start_date", "TEXT NOT NULL", "First day of the freeze (YYYY-MM-DD), a billing day."),
            Col(
                "end_date",
                "TEXT NOT NULL",
                "Last day of the freeze (YYYY-MM-DD), as agreed when it started (it may lie after 2025-12-31), or "
                "the membership's last day when the membership ended for non-payment during the freeze.",
            ),
            Col(
                "reason",
                "TEXT NOT NULL",
                "Reason given: 'Travel', 'Injury', 'Medical', 'Financial' or 'Other'.",
            ),
        ),
        ("FOREIGN KEY (member_id) REFERENCES members (member_id)",),
    ),
    Table(
        "invoices",
        "Membership billing, one row per invoice from 2024-01-01: the joining fee, each billing period's plan "
        "price, and the freeze fee of a frozen period; charged to the member's card on the invoice date.",
        (
            Col("invoice_id", "INTEGER PRIMARY KEY", "Unique invoice identifier."),
            Col("member_id", "INTEGER NOT NULL", "Member billed (members.member_id)."),
            Col(
                "invoice_type",
                "TEXT NOT NULL",
                "'Joining fee' (paid at the desk on the join date), 'Membership' (a billing period's plan price) or "
                "'Freeze fee' (a frozen billing period).",
            ),
            Col("invoice_date", "TEXT NOT NULL", "Date of the invoice and of the first card charge (YYYY-MM-DD)."),
            Col(
                "period_start",
                "TEXT",
                "First day of the billing period billed (YYYY-MM-DD), the invoice date; NULL for a joining fee.",
            ),
            Col(
                "period_end",
                "TEXT",
                "Last day of the billing period billed (YYYY-MM-DD), the day before the next bill would be; NULL "
                "for a joining fee.",
            ),
            Col(
                "amount",
                "REAL NOT NULL",
                "Amount billed in USD: the plan's price for the period (previous_price before 2025-03-01, half of "
                "it for a first month under 'SUMMER24'), the joining fee, or the freeze fee of 9.99.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "Status on 2025-12-31: 'Paid', 'Failed' (declined three times and written off; the membership "
                "ended) or 'Open' (declined, with a retry still to come).",
            ),
            Col(
                "declined_attempts",
                "INTEGER NOT NULL",
                "Number of card charges of the invoice that were declined, 0 to 3 (charges are tried on the invoice "
                "date, 3 days and 7 days after it).",
            ),
            Col(
                "decline_reason",
                "TEXT",
                "Reason of the first declined charge: 'Insufficient funds', 'Card expired' or 'Card declined'; "
                "NULL when no charge was declined.",
            ),
            Col("paid_date", "TEXT", "Date the invoice was paid (YYYY-MM-DD); NULL unless status is 'Paid'."),
        ),
        ("FOREIGN KEY (member_id) REFERENCES members (member_id)",),
    ),
    Table(
        "check_ins",
        "Visits, one row per member's check-in at a club's front desk from 2024-01-01 (at most one a member a day).",
        (
            Col("check_in_id", "INTEGER PRIMARY KEY", "Unique check-in identifier."),
            Col("member_id", "INTEGER NOT NULL", "Member who came in (members.member_id)."),
            Col(
                "club_id",
                "INTEGER NOT NULL",
                "Club visited (clubs.club_id): the member's home club, or any club for a Premium member.",
            ),
            Col("check_in_time", "TEXT NOT NULL", "Date and time of the check-in, 'YYYY-MM-DD HH:MM'."),
        ),
        (
            "FOREIGN KEY (member_id) REFERENCES members (member_id)",
            "FOREIGN KEY (club_id) REFERENCES clubs (club_id)",
        ),
    ),
    Table(
        "instructors",
        "Our coaches, one row per person: group class instructors and personal trainers, each based at one club.",
        (
            Col("instructor_id", "INTEGER PRIMARY KEY", "Unique instructor identifier."),
            Col("full_name", "TEXT NOT NULL", "Full name, unique."),
            Col("club_id", "INTEGER NOT NULL", "Club the instructor works at (clubs.club_id)."),
            Col(
                "role",
                "TEXT NOT NULL",
                "'Group instructor' (teaches classes) or 'Personal trainer' (coaches personal training sessions).",
            ),
            Col("hire_date", "TEXT NOT NULL", "Date the instructor started with us (YYYY-MM-DD)."),
            Col("hourly_rate", "REAL NOT NULL", "Pay in USD per hour taught or coached."),
        ),
        ("FOREIGN KEY (club_id) REFERENCES clubs (club_id)",),
    ),
    Table(
        "class_types",
        "Kinds of group class we teach, one row per class type.",
        (
            Col("class_type_id", "INTEGER PRIMARY KEY", "Unique class type identifier."),
            Col(
                "class_name",
                "TEXT NOT NULL",
                "Name of the class: 'Yoga', 'Pilates', 'Spin', 'HIIT', 'Zumba', 'Body Pump', 'Boxing Fit' or 'Aqua "
                "Fit' (in the pool).",
            ),
            Col("category", "TEXT NOT NULL", "'Mind & body', 'Cardio', 'Strength' or 'Dance'."),
            Col("duration_minutes", "INTEGER NOT NULL", "Length of a session in minutes."),
            Col("capacity", "INTEGER NOT NULL", "Places in a session (bikes, mats, lanes): the most it can book."),
        ),
    ),
    Table(
        "class_sessions",
        "Scheduled group classes, one row per session on the weekly timetable of a club from 2024-01-01, held or "
        "cancelled.",
        (
            Col("session_id", "INTEGER PRIMARY KEY", "Unique session identifier."),
            Col("class_type_id", "INTEGER NOT NULL", "Kind of class (class_types.class_type_id)."),
            Col("club_id", "INTEGER NOT NULL", "Club where it takes place (clubs.club_id)."),
            Col(
                "instructor_id",
                "INTEGER NOT NULL",
                "Instructor who teaches it (instructors.instructor_id): the timetable's, or a colleague covering.",
            ),
            Col("start_time", "TEXT NOT NULL", "Date and time the class starts, 'YYYY-MM-DD HH:MM'."),
            Col(
                "status",
                "TEXT NOT NULL",
                "'Held' or 'Cancelled' (called off by the club, e.g. the instructor was ill; its bookings were "
                "cancelled too).",
            ),
        ),
        (
            "FOREIGN KEY (class_type_id) REFERENCES class_types (class_type_id)",
            "FOREIGN KEY (club_id) REFERENCES clubs (club_id)",
            "FOREIGN KEY (instructor_id) REFERENCES instructors (instructor_id)",
        ),
    ),
    Table(
        "class_bookings",
        "Bookings of places in group classes, one row per member's booking of a session (a member books at most "
        "one class a day), whatever became of it.",
        (
            Col("booking_id", "INTEGER PRIMARY KEY", "Unique booking identifier."),
            Col("session_id", "INTEGER NOT NULL", "Session booked (class_sessions.session_id)."),
            Col("member_id", "INTEGER NOT NULL", "Member who booked (members.member_id)."),
            Col("booked_time", "TEXT NOT NULL", "Date and time the booking was made, 'YYYY-MM-DD HH:MM'."),
            Col(
                "status",
                "TEXT NOT NULL",
                "What became of it: 'Attended', 'No-show' (booked, did not cancel, did not come), 'Late cancel' "
                "(cancelled less than 12 hours before the start), 'Cancelled' (cancelled in time, by the member) or "
                "'Class cancelled' (the session was cancelled by the club).",
            ),
        ),
        (
            "FOREIGN KEY (session_id) REFERENCES class_sessions (session_id)",
            "FOREIGN KEY (member_id) REFERENCES members (member_id)",
        ),
    ),
    Table(
        "pt_packages",
        "Personal training packages, one row per package of sessions a member bought with a personal trainer, "
        "from 2024-01-01.",
        (
            Col("package_id", "INTEGER PRIMARY KEY", "Unique package identifier."),
            Col("member_id", "INTEGER NOT NULL", "Member who bought it (members.member_id)."),
            Col(
                "trainer_id",
                "INTEGER NOT NULL",
                "Personal trainer who coaches it (instructors.instructor_id), at the member's home club.",
            ),
            Col("purchase_date", "TEXT NOT NULL", "Date of the purchase (YYYY-MM-DD)."),
            Col(
                "package_name",
                "TEXT NOT NULL",
                "'Intro 3' (3 sessions at an introductory price, for members in their first month), '5 sessions', "
                "'10 sessions' or '20 sessions'.",
            ),
            Col("sessions_included", "INTEGER NOT NULL", "Number of sessions the package pays for."),
            Col("price", "REAL NOT NULL", "Price paid in USD for the whole package."),
            Col(
                "expiry_date",
                "TEXT NOT NULL",
                "Last day a session of the package can be used (YYYY-MM-DD): 30 days after purchase for 'Intro 3', "
                "90 days otherwise; sessions not used by then are lost.",
            ),
        ),
        (
            "FOREIGN KEY (member_id) REFERENCES members (member_id)",
            "FOREIGN KEY (trainer_id) REFERENCES instructors (instructor_id)",
        ),
    ),
    Table(
        "pt_sessions",
        "Personal training sessions, one row per one-hour session booked from a package (completed or missed).",
        (
            Col("pt_session_id", "INTEGER PRIMARY KEY", "Unique session identifier."),
            Col("package_id", "INTEGER NOT NULL", "Package the session is taken from (pt_packages.package_id)."),
            Col(
                "session_time",
                "TEXT NOT NULL",
                "Date and time the session starts, 'YYYY-MM-DD HH:MM', at the member's home club.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "'Completed' or 'No-show' (the member did not come; the session is used up all the same).",
            ),
        ),
        ("FOREIGN KEY (package_id) REFERENCES pt_packages (package_id)",),
    ),
    Table(
        "retail_sales",
        "Sales at the clubs' cafés and shops, one row per item sold (a receipt line), from 2024-01-01.",
        (
            Col("sale_id", "INTEGER PRIMARY KEY", "Unique sale identifier."),
            Col("club_id", "INTEGER NOT NULL", "Club where it was sold (clubs.club_id)."),
            Col(
                "member_id",
                "INTEGER",
                "Member who bought it, after checking in that day (members.member_id); NULL for a guest.",
            ),
            Col("sale_time", "TEXT NOT NULL", "Date and time of the sale, 'YYYY-MM-DD HH:MM'."),
            Col("product_name", "TEXT NOT NULL", "Product sold, e.g. 'Protein Shake', 'Whey Protein 2 lb'."),
            Col("category", "TEXT NOT NULL", "'Café', 'Supplements', 'Apparel' or 'Accessories'."),
            Col("quantity", "INTEGER NOT NULL", "Number of items sold."),
            Col("unit_price", "REAL NOT NULL", "List price in USD of one item."),
            Col(
                "discount_amount",
                "REAL NOT NULL",
                "Members' discount in USD: 10% off supplements, apparel and accessories bought by a member, to the "
                "cent; 0 otherwise.",
            ),
            Col("total_amount", "REAL NOT NULL", "Amount paid in USD: quantity * unit_price - discount_amount."),
        ),
        (
            "FOREIGN KEY (club_id) REFERENCES clubs (club_id)",
            "FOREIGN KEY (member_id) REFERENCES members (member_id)",
        ),
    ),
)

COMMENTS = comments(_TABLES)
_TIMES = {
    "check_ins": ("check_in_time",),
    "class_sessions": ("start_time",),
    "class_bookings": ("booked_time",),
    "pt_sessions": ("session_time",),
    "retail_sales": ("sale_time",),
}


# --------------------------------------------------------------------------------------------
# Reference data.


@dataclass(frozen=True)
class _Club:
    name: str
    city: str
    street: str
    opened: date
    pool: bool
    area: int
    signups: float  # sign-ups a day at an ordinary time
    members: int  # members on 2024-01-01
    sales: float  # café and shop sales a day at an ordinary time


_CLUBS = (
    _Club("Riverton Downtown", "Riverton", "210 Main Street", date(2012, 3, 1), False, 32_000, 0.9, 470, 13),
    _Club("Riverton Eastside", "Riverton", "85 Orchard Avenue", date(2016, 9, 1), False, 24_000, 0.7, 350, 9),
    _Club("Lakeshore Harbor", "Lakeshore", "4 Pier Road", date(2014, 5, 1), True, 28_000, 0.75, 380, 10),
    _Club("Brookfield Commons", "Brookfield", "1200 Commons Boulevard", date(2019, 1, 15), True, 21_000, 0.55, 260, 7),
    _Club("Riverton Northgate", "Riverton", "77 Northgate Parkway", date(2025, 6, 2), True, 30_000, 0.8, 0, 9),
)
_NEW_CLUB = 4  # index of Riverton Northgate
_PRESALE = date(2025, 4, 15)


@dataclass(frozen=True)
class _Plan:
    name: str
    period: str
    price: float  # from 2025-03-01
    before: float
    fee: float
    all_clubs: bool
    off_peak: bool
    closed: date | None
    weight: float  # share of sign-ups
    churn: float  # chance of cancelling at a monthly bill
    visits: float  # median visits a week
    decline: float  # chance the first card charge is declined
    classes: float  # share who take classes


_PLANS = (
    _Plan("Standard", "Monthly", 54.99, 49.99, 49.0, False, False, None, 44, 0.026, 1.4, 0.045, 0.45),
    _Plan("Off-Peak", "Monthly", 37.99, 34.99, 49.0, False, True, None, 14, 0.036, 1.1, 0.05, 0.35),
    _Plan("Student", "Monthly", 32.99, 29.99, 0.0, False, False, date(2025, 4, 1), 13, 0.048, 1.5, 0.09, 0.4),
    _Plan("Premium", "Monthly", 89.99, 79.99, 0.0, True, False, None, 11, 0.016, 2.1, 0.03, 0.65),
    _Plan("Annual", "Annual", 549.0, 499.0, 0.0, False, False, None, 18, 0.0, 1.7, 0.06, 0.5),
)
_STANDARD, _OFF_PEAK, _STUDENT, _PREMIUM, _ANNUAL = range(5)
_PRICE_RISE = date(2025, 3, 1)
_FREEZE_FEE = 9.99
_NOT_RENEWED = 0.32

_SUMMER24 = ("SUMMER24", date(2024, 6, 15), date(2024, 7, 31))
_NEWYEAR25 = ("NEWYEAR25", date(2025, 1, 1), date(2025, 1, 31))
_FOUNDER = "FOUNDER"

_SIGNUP_MONTHS = (2.2, 1.3, 1.1, 1.0, 0.9, 0.8, 0.8, 0.85, 1.25, 1.0, 0.85, 0.55)
_VISIT_MONTHS = (1.25, 1.15, 1.05, 1.0, 0.95, 0.8, 0.72, 0.75, 1.0, 1.0, 0.95, 0.82)
_VISIT_WEEK = (1.2, 1.15, 1.1, 1.05, 0.85, 0.85, 0.8)
_HOURS = (
    (5, 3), (6, 8), (7, 9), (8, 6), (9, 5), (10, 4), (11, 4), (12, 7), (13, 5), (14, 3), (15, 3), (16, 5), (17, 10),
    (18, 11), (19, 8), (20, 5), (21, 3),
)  # fmt: skip
_CHANNELS = (("Walk-in", 30), ("Website", 40), ("Referral", 18), ("Corporate partner", 12))
_REASONS = (
    ("Not using it", 30), ("Cost", 20), ("Moving away", 15), ("Joined another gym", 12), ("Medical", 8), ("Other", 15),
)  # fmt: skip
_FREEZE_REASONS = (("Travel", 40), ("Injury", 22), ("Medical", 14), ("Financial", 12), ("Other", 12))
_DECLINES = (("Insufficient funds", 55), ("Card expired", 30), ("Card declined", 15))


@dataclass(frozen=True)
class _ClassType:
    name: str
    category: str
    minutes: int
    capacity: int
    appeal: float  # share of places booked at a good time


_CLASS_TYPES = (
    _ClassType("Yoga", "Mind & body", 60, 24, 0.9),
    _ClassType("Pilates", "Mind & body", 45, 16, 0.85),
    _ClassType("Spin", "Cardio", 45, 22, 0.88),
    _ClassType("HIIT", "Cardio", 30, 20, 0.8),
    _ClassType("Zumba", "Dance", 55, 30, 0.6),
    _ClassType("Body Pump", "Strength", 60, 25, 0.75),
    _ClassType("Boxing Fit", "Strength", 45, 18, 0.72),
    _ClassType("Aqua Fit", "Cardio", 45, 15, 0.7),
)
_TYPE = {t.name: i for i, t in enumerate(_CLASS_TYPES)}
# the weekly timetable: (weekday 0 = Monday, 'HH:MM', class) and, per club, the classes swapped in
_TIMETABLE = (
    (0, "06:15", "Spin"), (0, "12:15", "Yoga"), (0, "18:00", "Body Pump"), (0, "19:15", "Pilates"),
    (1, "06:15", "HIIT"), (1, "09:30", "Aqua Fit"), (1, "18:00", "Spin"), (1, "19:15", "Yoga"),
    (2, "06:15", "Spin"), (2, "12:15", "Pilates"), (2, "18:00", "Zumba"), (2, "19:15", "Boxing Fit"),
    (3, "06:15", "HIIT"), (3, "09:30", "Aqua Fit"), (3, "18:00", "Yoga"), (3, "19:15", "Body Pump"),
    (4, "06:15", "Spin"), (4, "12:15", "Boxing Fit"), (4, "18:00", "HIIT"),
    (5, "09:00", "Spin"), (5, "10:30", "Yoga"), (6, "10:00", "Zumba"), (6, "11:30", "Pilates"),
)  # fmt: skip
_SWAPS = {
    "Riverton Downtown": {(2, "18:00"): "Boxing Fit", (6, "10:00"): "Body Pump", (1, "09:30"): "Yoga"},
    "Riverton Eastside": {(0, "19:15"): "Yoga", (4, "18:00"): "Zumba", (3, "09:30"): "Pilates"},
    "Lakeshore Harbor": {(3, "19:15"): "Spin", (5, "10:30"): "Aqua Fit"},
    "Brookfield Commons": {(2, "19:15"): "Zumba", (1, "19:15"): "Pilates", (0, "06:15"): "HIIT"},
    "Riverton Northgate": {(4, "12:15"): "Aqua Fit", (6, "11:30"): "Yoga"},
}
_CLASS_CANCELLED = 0.018


@dataclass(frozen=True)
class _Coach:
    name: str
    club: int
    role: str
    hired: date
    rate: float


_GROUP, _TRAINER = "Group instructor", "Personal trainer"
_COACHES = (
    _Coach("Dana Whitfield", 0, _GROUP, date(2015, 4, 1), 38.0),
    _Coach("Marco Silva", 0, _GROUP, date(2018, 9, 10), 34.0),
    _Coach("Priya Raman", 0, _GROUP, date(2021, 1, 18), 32.0),
    _Coach("Tom Kessler", 0, _TRAINER, date(2016, 6, 1), 45.0),
    _Coach("Alicia Grant", 0, _TRAINER, date(2020, 3, 2), 42.0),
    _Coach("Jade Okafor", 1, _GROUP, date(2017, 1, 9), 35.0),
    _Coach("Ben Hartley", 1, _GROUP, date(2022, 5, 16), 31.0),
    _Coach("Sofia Lindqvist", 1, _GROUP, date(2019, 8, 5), 33.0),
    _Coach("Ryan Castillo", 1, _TRAINER, date(2018, 2, 12), 43.0),
    _Coach("Nina Petrova", 2, _GROUP, date(2014, 6, 2), 37.0),
    _Coach("Kofi Mensah", 2, _GROUP, date(2019, 11, 4), 33.0),
    _Coach("Hannah Brooks", 2, _GROUP, date(2023, 2, 20), 30.0),
    _Coach("Leo Martins", 2, _TRAINER, date(2015, 9, 14), 44.0),
    _Coach("Grace Tan", 2, _TRAINER, date(2022, 7, 11), 40.0),
    _Coach("Owen Price", 3, _GROUP, date(2019, 1, 15), 34.0),
    _Coach("Maya Ferreira", 3, _GROUP, date(2020, 10, 5), 32.0),
    _Coach("Caleb Wu", 3, _TRAINER, date(2019, 3, 4), 41.0),
    _Coach("Isla Morgan", 4, _GROUP, date(2025, 5, 12), 34.0),
    _Coach("Diego Alvarez", 4, _GROUP, date(2025, 5, 12), 33.0),
    _Coach("Chloe Bennett", 4, _GROUP, date(2025, 5, 19), 31.0),
    _Coach("Sam Adebayo", 4, _TRAINER, date(2025, 5, 12), 42.0),
    _Coach("Lena Hoffman", 4, _TRAINER, date(2025, 5, 26), 40.0),
)

_PACKAGES = (("Intro 3", 3, 99.0, 30), ("5 sessions", 5, 375.0, 90), ("10 sessions", 10, 700.0, 90))
_PACKAGES += (("20 sessions", 20, 1300.0, 90),)
_PACKAGE_WEIGHTS = (0, 45, 40, 15)
_PT_BUYS = (0.012, 0.006, 0.004, 0.03, 0.016)  # chance a month, by plan
_INTRO = 0.12  # new members who buy the introductory package

_PRODUCTS = (
    ("Coffee", "Café", 3.5, 18), ("Protein Shake", "Café", 6.5, 22), ("Smoothie", "Café", 7.25, 16),
    ("Protein Bar", "Café", 3.25, 14), ("Bottled Water", "Café", 2.0, 12),
    ("Whey Protein 2 lb", "Supplements", 44.99, 2.5), ("Pre-Workout", "Supplements", 34.99, 1.5),
    ("Electrolyte Mix", "Supplements", 19.99, 2.0), ("Ironwood T-Shirt", "Apparel", 24.0, 1.2),
    ("Training Shorts", "Apparel", 32.0, 0.8), ("Ironwood Hoodie", "Apparel", 55.0, 0.6),
    ("Shaker Bottle", "Accessories", 12.0, 2.0), ("Lifting Gloves", "Accessories", 22.0, 0.8),
    ("Padlock", "Accessories", 9.0, 1.2), ("Gym Towel", "Accessories", 15.0, 1.0),
)  # fmt: skip
_MEMBER_DISCOUNT = 0.10

_FIRST_F = (
    "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Lisa",
    "Nancy", "Ashley", "Emily", "Michelle", "Amanda", "Melissa", "Stephanie", "Maria", "Mei", "Leila", "Priya",
    "Lucia", "Keisha", "Aiko", "Elena", "Imani", "Valentina", "Emma", "Olivia", "Ava", "Grace", "Hannah", "Zoe",
    "Chloe", "Mia", "Sophie", "Amara", "Rosa", "Ingrid",
)  # fmt: skip
_FIRST_M = (
    "James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas", "Christopher", "Daniel",
    "Matthew", "Anthony", "Mark", "Steven", "Andrew", "Joshua", "Kevin", "Brian", "Luis", "Wei", "Omar", "Ravi",
    "Carlos", "Marcus", "Kenji", "Pavel", "Andre", "Mateo", "Noah", "Liam", "Ethan", "Lucas", "Owen", "Caleb",
    "Jonas", "Tariq", "Felix", "Hugo", "Diego",
)  # fmt: skip
_LAST = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
    "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young",
    "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker",
    "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Chen", "Patel", "Kim", "Murphy", "Sullivan",
    "Nowak", "Fischer", "Bianchi", "Moreau", "Horvat", "Adeyemi", "Khoury", "Berg", "Tanaka", "Gupta", "Reyes",
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


def _cents(amount: float) -> float:
    """`amount` to the cent, halves up."""
    return float(Decimal(repr(amount)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _pick(rng: random.Random, choices: tuple | list) -> str:
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


def _at(day: date, minutes: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day) + timedelta(minutes=minutes)


def _hhmm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _add_months(day: date, months: int, billing_day: int) -> date:
    """The billing day `months` months after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, billing_day)


def _add_years(day: date, years: int) -> date:
    """The anniversary `years` years after `day` (February 28 for February 29 in a common year)."""
    try:
        return date(day.year + years, day.month, day.day)
    except ValueError:
        return date(day.year + years, 2, 28)


def _open(day: date) -> bool:
    return not (day.month == 12 and day.day == 25)


def _off_peak_ok(moment: datetime) -> bool:
    return moment.weekday() >= 5 or 9 * 60 <= moment.hour * 60 + moment.minute < 16 * 60


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
class _Member:
    seq: int
    club: int
    plan: int
    joined: date
    first_bill: date  # the first billing day (the opening day for a founding member)
    channel: str
    promo: str | None
    first: str
    last: str
    gender: str
    born: date
    visits: float  # median visits a week
    class_goer: bool
    no_show: float
    cancelled: date | None = None
    reason: str | None = None
    freezes: list[tuple[date, date, str]] = field(default_factory=list)
    invoices: list[dict] = field(default_factory=list)
    row: dict | None = None

    def active(self, day: date) -> bool:
        """A member on `day`, and not frozen."""
        if day < self.joined or day < self.first_bill or (self.cancelled is not None and day > self.cancelled):
            return False
        return not any(start <= day <= end for start, end, _ in self.freezes)


class _Chain:
    def __init__(self, seed: int) -> None:
        self.member_rng = random.Random(seed)
        self.bill_rng = random.Random(seed + 1)
        self.visit_rng = random.Random(seed + 2)
        self.class_rng = random.Random(seed + 3)
        self.pt_rng = random.Random(seed + 4)
        self.sale_rng = random.Random(seed + 5)
        self.members: list[_Member] = []
        self.visits: dict[tuple[int, date], tuple[int, datetime]] = {}
        self.sessions: list[dict] = []
        self.bookings: list[dict] = []
        self.packages: list[dict] = []
        self.pt_sessions: list[dict] = []
        self.sales: list[dict] = []

    # --- members

    def _member(self, club: int, plan: int, joined: date, promo: str | None) -> _Member:
        rng = self.member_rng
        gender = "F" if rng.random() < 0.52 else "M"
        youngest, oldest = (18, 25) if plan == _STUDENT else (16, 70)
        age = rng.randint(youngest, oldest) if plan == _STUDENT else int(min(oldest, max(youngest, rng.gauss(36, 11))))
        born = joined - timedelta(days=age * 365 + age // 4 + 1 + rng.randint(0, 360))
        first_bill = joined
        if club == _NEW_CLUB and joined < _CLUBS[club].opened:
            first_bill = _CLUBS[club].opened
        p = _PLANS[plan]
        member = _Member(
            seq=len(self.members),
            club=club,
            plan=plan,
            joined=joined,
            first_bill=first_bill,
            channel=_pick(rng, _CHANNELS),
            promo=promo,
            first=rng.choice(_FIRST_F if gender == "F" else _FIRST_M),
            last=rng.choice(_LAST),
            gender=gender,
            born=born,
            visits=p.visits * math.exp(rng.gauss(0, 0.5)),
            class_goer=rng.random() < p.classes,
            no_show=(0.11 if plan == _STUDENT else 0.055) * math.exp(rng.gauss(0, 0.4)),
        )
        self.members.append(member)
        return member

    def _plan_for(self, day: date) -> int:
        weights = [p.weight for p in _PLANS]
        if day.month == 9:
            weights[_STUDENT] *= 2.5
        if day.month == 1:
            weights[_ANNUAL] *= 1.4
        if day >= _PLANS[_STUDENT].closed:  # type: ignore[operator]
            weights[_STUDENT] = 0
        return self.member_rng.choices(range(len(_PLANS)), weights)[0]

    def people(self) -> None:
        """The members of 2024-01-01, then every day's sign-ups at every open club."""
        rng = self.member_rng
        for k, club in enumerate(_CLUBS):
            for _ in range(club.members):
                back = int(rng.expovariate(1 / 650))
                joined = START - timedelta(days=1 + back)
                if joined < club.opened:
                    joined = club.opened + timedelta(days=rng.randint(0, 400))
                plan = self.member_rng.choices(range(len(_PLANS)), [p.weight for p in _PLANS])[0]
                self._member(k, plan, joined, None)
        day = START
        while day <= END:
            for k, club in enumerate(_CLUBS):
                rate = club.signups * _SIGNUP_MONTHS[day.month - 1]
                if k == _NEW_CLUB:
                    if day < _PRESALE:
                        continue
                    if day < club.opened:
                        rate = club.signups * 1.1
                    elif day < date(2025, 8, 1):
                        rate *= 1.35
                elif day >= _CLUBS[_NEW_CLUB].opened and k in (0, 1):
                    rate *= 0.88  # Riverton's other clubs lose some sign-ups to the new one
                if _NEWYEAR25[1] <= day <= _NEWYEAR25[2]:
                    rate *= 1.3
                if _SUMMER24[1] <= day <= _SUMMER24[2]:
                    rate *= 1.2
                if not _open(day):
                    rate = 0
                for _ in range(_poisson(rng, rate)):
                    plan = self._plan_for(day)
                    promo = None
                    if _NEWYEAR25[1] <= day <= _NEWYEAR25[2]:
                        promo = _NEWYEAR25[0]
                    elif _SUMMER24[1] <= day <= _SUMMER24[2] and _PLANS[plan].period == "Monthly":
                        promo = _SUMMER24[0]
                    elif k == _NEW_CLUB and day < club.opened:
                        promo = _FOUNDER
                    self._member(k, plan, day, promo)
            day += timedelta(days=1)

    # --- billing, freezes, cancellations

    def bill(self) -> None:
        for member in self.members:
            self._bill(member)

    def _charge(
        self, member: _Member, kind: str, day: date, start: date | None, end: date | None, amount: float
    ) -> bool:
        """Invoice `amount` on `day`; False when it ends up written off."""
        rng = self.bill_rng
        declined, reason, paid, status = 0, None, None, "Paid"
        chance = _PLANS[member.plan].decline if kind != "Joining fee" else 0.0
        for offset, success in ((0, 1 - chance), (3, 0.6), (7, 0.45)):
            attempt = day + timedelta(days=offset)
            if attempt > END:
                status = "Open"
                break
            if rng.random() < success:
                paid = attempt
                break
            declined += 1
            if reason is None:
                reason = _pick(rng, _DECLINES)
        else:
            status = "Failed"
        member.invoices.append(
            {
                "invoice_type": kind,
                "invoice_date": day,
                "period_start": start,
                "period_end": end,
                "amount": amount,
                "status": status,
                "declined_attempts": declined,
                "decline_reason": reason,
                "paid_date": paid,
            }
        )
        return status != "Failed"

    def _bill(self, m: _Member) -> None:
        rng = self.bill_rng
        plan = _PLANS[m.plan]
        if m.joined >= START and plan.fee > 0 and m.promo not in (_NEWYEAR25[0], _FOUNDER):
            self._charge(m, "Joining fee", m.joined, None, None, plan.fee)
        annual = plan.period == "Annual"
        billing_day = m.first_bill.day if annual else min(m.first_bill.day, 28)
        k = 0
        frozen_until = -1  # index of the last frozen period
        thawed = False
        while True:
            start = _add_years(m.first_bill, k) if annual else (m.first_bill if k == 0 else None)
            if start is None:
                start = _add_months(m.first_bill, k, billing_day)
            if start > END:
                break
            following = _add_years(m.first_bill, k + 1) if annual else _add_months(m.first_bill, k + 1, billing_day)
            end = following - timedelta(days=1)
            k += 1
            if start < START:
                continue
            months_in = (start.year - m.joined.year) * 12 + start.month - m.joined.month
            if k > 1 and start > START and k - 1 > frozen_until:
                if annual:
                    if rng.random() < _NOT_RENEWED:
                        m.cancelled, m.reason = start - timedelta(days=1), "Did not renew"
                        return
                else:
                    hazard = plan.churn * (1.5 if months_in <= 3 else 1.0)
                    if m.promo == _NEWYEAR25[0] and months_in <= 6:
                        hazard *= 1.8
                    if m.plan == _STUDENT and start.month in (5, 6):
                        hazard *= 2.0
                    if thawed:
                        hazard *= 1.5
                    shock = 0.04 if m.plan != _STUDENT and _PRICE_RISE <= start < date(2025, 5, 1) else 0.0
                    draw = rng.random()
                    if draw < hazard + shock:
                        m.cancelled = start - timedelta(days=1)
                        m.reason = "Price increase" if draw < shock else _pick(rng, _REASONS)
                        return
            thawed = False
            if not annual and k > 1 and k - 1 > frozen_until:
                chance = 0.03 if start.month in (6, 7, 8) else 0.011
                if rng.random() < chance:
                    length = rng.choice((1, 1, 2, 2, 3))
                    frozen_until = k - 1 + length - 1
                    last = _add_months(m.first_bill, k - 1 + length, billing_day) - timedelta(days=1)
                    m.freezes.append((start, last, _pick(rng, _FREEZE_REASONS)))
            if k - 1 <= frozen_until:
                amount = _FREEZE_FEE
                kind = "Freeze fee"
                thawed = k - 1 == frozen_until
            else:
                amount = plan.price if start >= _PRICE_RISE else plan.before
                if k == 1 and m.promo == _SUMMER24[0]:
                    amount = _cents(amount / 2)
                kind = "Membership"
            if not self._charge(m, kind, start, start, end, amount):
                m.cancelled, m.reason = start + timedelta(days=7), "Non-payment"
                if m.freezes and m.freezes[-1][1] > m.cancelled:  # a freeze ends with the membership
                    m.freezes[-1] = (m.freezes[-1][0], m.cancelled, m.freezes[-1][2])
                return

    # --- visits

    def visit(self) -> None:
        """Each member's own visits, on the days they are a member and not frozen."""
        rng = self.visit_rng
        for m in self.members:
            first = max(m.joined, m.first_bill, START, _CLUBS[m.club].opened)
            last = min(m.cancelled or END, END)
            day = first
            off_peak = _PLANS[m.plan].off_peak
            while day <= last:
                if not _open(day) or not m.active(day):
                    day += timedelta(days=1)
                    continue
                rate = 0.6 * m.visits / 7 * _VISIT_MONTHS[day.month - 1] * _VISIT_WEEK[day.weekday()]
                if (day - m.joined).days < 42:
                    rate *= 1.4
                if m.cancelled is not None and (m.cancelled - day).days < 60:
                    rate *= 0.5
                if rng.random() < min(0.9, rate):
                    club = m.club
                    if _PLANS[m.plan].all_clubs and rng.random() < 0.15:
                        club = rng.choice([k for k, c in enumerate(_CLUBS) if c.opened <= day])
                    if off_peak and day.weekday() < 5:
                        minute = rng.randint(9 * 60, 15 * 60 + 30)
                    else:
                        minute = int(_pick(rng, _HOURS)) * 60 + rng.randint(0, 59)
                    self.visits[m.seq, day] = (club, _at(day, minute))
                day += timedelta(days=1)

    def _present(self, m: _Member, club: int, moment: datetime) -> None:
        """The member checks in at `club` before `moment` (a class or a training session) that day."""
        rng = self.visit_rng
        arrive = moment - timedelta(minutes=rng.randint(5, 25))
        had = self.visits.get((m.seq, moment.date()))
        if had is None or had[0] != club or had[1] > arrive:
            self.visits[m.seq, moment.date()] = (club, arrive)

    # --- group classes

    def classes(self) -> None:
        rng = self.class_rng
        goers: dict[int, list[_Member]] = {k: [] for k in range(len(_CLUBS))}
        for m in self.members:
            if m.class_goer:
                goers[m.club].append(m)
        for k, club in enumerate(_CLUBS):
            coaches = [i for i, c in enumerate(_COACHES) if c.club == k and c.role == _GROUP]
            slots = []
            for n, (weekday, at, name) in enumerate(_TIMETABLE):
                name = _SWAPS[club.name].get((weekday, at), name)
                if name == "Aqua Fit" and not club.pool:
                    continue
                slots.append((weekday, _hhmm(at), _TYPE[name], coaches[n % len(coaches)]))
            day = max(START, club.opened)
            booked: set[tuple[int, date]] = set()
            while day <= END:
                todays = [s for s in slots if s[0] == day.weekday()] if _open(day) else []
                eligible = [m for m in goers[k] if m.active(day)] if todays else []
                for _, minute, kind, coach in todays:
                    start = _at(day, minute)
                    ctype = _CLASS_TYPES[kind]
                    teacher = coach
                    if rng.random() < 0.05:
                        teacher = rng.choice([i for i, c in enumerate(_COACHES) if c.club == k and c.role == _GROUP])
                    status = "Cancelled" if rng.random() < _CLASS_CANCELLED else "Held"
                    session = {
                        "type": kind,
                        "club": k,
                        "instructor": teacher,
                        "start_time": start,
                        "status": status,
                    }
                    self.sessions.append(session)
                    fit = ctype.appeal * _VISIT_MONTHS[day.month - 1] ** 1.3
                    fit *= {375: 0.75, 570: 0.55, 540: 0.7, 735: 0.7}.get(minute, 1.0)
                    if day.weekday() >= 5:
                        fit *= 0.95
                    want = min(ctype.capacity, max(0, round(rng.gauss(ctype.capacity * fit, 2.5))))
                    pool = [
                        m
                        for m in eligible
                        if (m.seq, day) not in booked and (not _PLANS[m.plan].off_peak or _off_peak_ok(start))
                    ]
                    # a weighted draw without replacement: the keys random() ** (1 / weight), largest first
                    keyed = sorted(((rng.random() ** (1 / m.visits), m.seq, m) for m in pool), reverse=True)
                    chosen = [m for _, _, m in keyed[:want]]
                    for m in chosen:
                        booked.add((m.seq, day))
                        ahead = min(rng.randint(60, 96 * 60), int((start - _at(m.joined)).total_seconds() // 60))
                        when = start - timedelta(minutes=max(ahead, 30))
                        if status == "Cancelled":
                            result = "Class cancelled"
                        else:
                            draw = rng.random()
                            no_show = m.no_show * (1.9 if minute == 375 else 1.0)
                            if draw < 0.07:
                                result = "Cancelled"
                            elif draw < 0.12 and start - when > timedelta(hours=12):
                                result = "Late cancel"
                            elif draw < 0.12 + no_show:
                                result = "No-show"
                            else:
                                result = "Attended"
                                self._present(m, k, start)
                        self.bookings.append({"session": session, "member": m, "booked_time": when, "status": result})
                day += timedelta(days=1)

    # --- personal training

    def training(self) -> None:
        rng = self.pt_rng
        for m in self.members:
            trainers = [
                i for i, c in enumerate(_COACHES) if c.club == m.club and c.role == _TRAINER
            ]  # the club's trainers
            weights = [2.0 if n == 0 else 1.0 for n in range(len(trainers))]
            first = max(m.joined, m.first_bill, START)
            last = min(m.cancelled or END, END)
            buys: list[tuple[date, int]] = []
            if m.joined >= START and m.plan != _STUDENT and rng.random() < _INTRO:
                buys.append((first + timedelta(days=rng.randint(0, 14)), 0))
            day = date(first.year, first.month, 1)
            while day <= last:
                if rng.random() < _PT_BUYS[m.plan]:
                    at = day + timedelta(days=rng.randint(0, 27))
                    buys.append((at, rng.choices((1, 2, 3), _PACKAGE_WEIGHTS[1:])[0]))
                day = _add_months(day, 1, 1)
            busy_until = date.min
            for bought, kind in sorted(buys):
                if bought < busy_until or not (first <= bought <= last) or not m.active(bought) or not _open(bought):
                    continue
                trainer = rng.choices(trainers, weights)[0]
                if _COACHES[trainer].hired > bought:
                    continue
                name, sessions, price, days = _PACKAGES[kind]
                expiry = bought + timedelta(days=days)
                package = {
                    "member": m,
                    "trainer": trainer,
                    "purchase_date": bought,
                    "package_name": name,
                    "sessions_included": sessions,
                    "price": price,
                    "expiry_date": expiry,
                }
                self.packages.append(package)
                day, used = bought + timedelta(days=rng.randint(1, 6)), 0
                gap = (3, 6) if kind == 0 else (3, 10)
                while used < sessions and day <= min(expiry, last):
                    if m.active(day) and _open(day):
                        hour = rng.choice(
                            (6, 7, 8, 12, 17, 18, 19, 20) if not _PLANS[m.plan].off_peak else (10, 11, 14)
                        )
                        moment = _at(day, hour * 60)
                        status = "No-show" if rng.random() < 0.07 else "Completed"
                        self.pt_sessions.append({"package": package, "session_time": moment, "status": status})
                        if status == "Completed":
                            self._present(m, m.club, moment)
                        used += 1
                    day += timedelta(days=rng.randint(*gap))
                busy_until = bought + timedelta(days=min(days, 45))

    # --- café and shop

    def sell(self) -> None:
        rng = self.sale_rng
        by_day: dict[tuple[int, date], list[tuple[int, datetime]]] = {}
        for (seq, day), (club, moment) in sorted(self.visits.items()):
            by_day.setdefault((club, day), []).append((seq, moment))
        products = [(p, p[3]) for p in _PRODUCTS]
        for k, club in enumerate(_CLUBS):
            day = max(START, club.opened)
            while day <= END:
                if _open(day):
                    rate = club.sales * _VISIT_MONTHS[day.month - 1]
                    if k == _NEW_CLUB:
                        rate *= min(1.0, 0.4 + (day - club.opened).days / 200)
                    here = by_day.get((k, day), [])
                    for _ in range(_poisson(rng, rate)):
                        product = _pick(rng, products)
                        member = None
                        if here and rng.random() < 0.72:
                            seq, came = rng.choice(here)
                            member = self.members[seq]
                            moment = came + timedelta(minutes=rng.randint(30, 110))
                            if moment.date() != day:
                                moment = _at(day, 23 * 60 + 30)
                        else:
                            moment = _at(day, rng.randint(6 * 60, 21 * 60 + 30))
                        name, category, price, _ = product
                        quantity = 2 if category == "Café" and rng.random() < 0.12 else 1
                        gross = _cents(quantity * price)
                        discount = _cents(gross * _MEMBER_DISCOUNT) if member and category != "Café" else 0.0
                        self.sales.append(
                            {
                                "club": k,
                                "member": member,
                                "sale_time": moment,
                                "product_name": name,
                                "category": category,
                                "quantity": quantity,
                                "unit_price": price,
                                "discount_amount": discount,
                                "total_amount": _cents(gross - discount),
                            }
                        )
                day += timedelta(days=1)

    # --- the tables

    def finish(self) -> dict[str, list[dict]]:
        people = sorted(self.members, key=lambda m: (m.joined, m.seq))
        members = []
        for number, m in enumerate(people, start=1):
            if m.cancelled is not None:
                status = "Cancelled"
            elif any(start <= END <= end for start, end, _ in m.freezes):
                status = "Frozen"
            else:
                status = "Active"
            m.row = {
                "member_id": number,
                "first_name": m.first,
                "last_name": m.last,
                "gender": m.gender,
                "date_of_birth": m.born,
                "home_club_id": m.club + 1,
                "plan_id": m.plan + 1,
                "join_date": m.joined,
                "signup_channel": m.channel,
                "promotion_code": m.promo,
                "cancel_date": m.cancelled,
                "cancel_reason": m.reason,
                "status": status,
            }
            members.append(m.row)

        def member_id(m: _Member) -> int:
            assert m.row is not None
            return m.row["member_id"]

        freezes = sorted(
            ((start, member_id(m), end, reason) for m in people for start, end, reason in m.freezes),
        )
        invoices = sorted(
            ({"member_id": member_id(m), **i} for m in people for i in m.invoices),
            key=lambda i: (i["invoice_date"], i["member_id"], i["invoice_type"] != "Joining fee"),
        )
        visits = sorted(
            (moment, member_id(self.members[seq]), club + 1) for (seq, _), (club, moment) in self.visits.items()
        )
        sessions = sorted(self.sessions, key=lambda s: (s["start_time"], s["club"]))
        for number, s in enumerate(sessions, start=1):
            s["session_id"] = number
        bookings = sorted(
            self.bookings, key=lambda b: (b["booked_time"], b["session"]["session_id"], member_id(b["member"]))
        )
        packages = sorted(self.packages, key=lambda p: (p["purchase_date"], member_id(p["member"])))
        for number, p in enumerate(packages, start=1):
            p["package_id"] = number
        pt = sorted(self.pt_sessions, key=lambda s: (s["session_time"], s["package"]["package_id"]))
        sales = sorted(self.sales, key=lambda s: (s["sale_time"], s["club"]))
        return {
            "clubs": [
                {
                    "club_id": k,
                    "club_name": c.name,
                    "city": c.city,
                    "street_address": c.street,
                    "opened_date": c.opened,
                    "has_pool": int(c.pool),
                    "floor_area_sqft": c.area,
                }
                for k, c in enumerate(_CLUBS, start=1)
            ],
            "membership_plans": [
                {
                    "plan_id": k,
                    "plan_name": p.name,
                    "billing_period": p.period,
                    "price": p.price,
                    "previous_price": p.before,
                    "joining_fee": p.fee,
                    "all_clubs_access": int(p.all_clubs),
                    "off_peak_only": int(p.off_peak),
                    "closed_to_new_date": p.closed,
                }
                for k, p in enumerate(_PLANS, start=1)
            ],
            "members": members,
            "membership_freezes": [
                {"freeze_id": n, "member_id": who, "start_date": start, "end_date": end, "reason": reason}
                for n, (start, who, end, reason) in enumerate(freezes, start=1)
            ],
            "invoices": [{"invoice_id": n, **i} for n, i in enumerate(invoices, start=1)],
            "check_ins": [
                {"check_in_id": n, "member_id": who, "club_id": club, "check_in_time": moment}
                for n, (moment, who, club) in enumerate(visits, start=1)
            ],
            "instructors": [
                {
                    "instructor_id": k,
                    "full_name": c.name,
                    "club_id": c.club + 1,
                    "role": c.role,
                    "hire_date": c.hired,
                    "hourly_rate": c.rate,
                }
                for k, c in enumerate(_COACHES, start=1)
            ],
            "class_types": [
                {
                    "class_type_id": k,
                    "class_name": t.name,
                    "category": t.category,
                    "duration_minutes": t.minutes,
                    "capacity": t.capacity,
                }
                for k, t in enumerate(_CLASS_TYPES, start=1)
            ],
            "class_sessions": [
                {
                    "session_id": s["session_id"],
                    "class_type_id": s["type"] + 1,
                    "club_id": s["club"] + 1,
                    "instructor_id": s["instructor"] + 1,
                    "start_time": s["start_time"],
                    "status": s["status"],
                }
                for s in sessions
            ],
            "class_bookings": [
                {
                    "booking_id": n,
                    "session_id": b["session"]["session_id"],
                    "member_id": member_id(b["member"]),
                    "booked_time": b["booked_time"],
                    "status": b["status"],
                }
                for n, b in enumerate(bookings, start=1)
            ],
            "pt_packages": [
                {
                    "package_id": p["package_id"],
                    "member_id": member_id(p["member"]),
                    "trainer_id": p["trainer"] + 1,
                    **{k: p[k] for k in ("purchase_date", "package_name", "sessions_included", "price", "expiry_date")},
                }
                for p in packages
            ],
            "pt_sessions": [
                {
                    "pt_session_id": n,
                    "package_id": s["package"]["package_id"],
                    "session_time": s["session_time"],
                    "status": s["status"],
                }
                for n, s in enumerate(pt, start=1)
            ],
            "retail_sales": [
                {
                    "sale_id": n,
                    "club_id": s["club"] + 1,
                    "member_id": member_id(s["member"]) if s["member"] is not None else None,
                    **{
                        k: s[k]
                        for k in (
                            "sale_time",
                            "product_name",
                            "category",
                            "quantity",
                            "unit_price",
                            "discount_amount",
                            "total_amount",
                        )  # fmt: skip
                    },
                }
                for n, s in enumerate(sales, start=1)
            ],
        }


def fitness_rows() -> dict[str, list[dict]]:
    """Every table's rows, by table name, generated from the fixed seed. Times are datetimes (written as
    'YYYY-MM-DD HH:MM')."""
    chain = _Chain(SEED)
    chain.people()
    chain.bill()
    chain.visit()
    chain.training()
    chain.classes()
    chain.sell()
    return chain.finish()


def database_path(out_dir: Path) -> Path:
    return sqlite_file.database_path(out_dir, DB_ID)


def build(out_dir: Path) -> Path:
    """Write the warehouse under `out_dir` in the eval-set layout, replacing an older build; return its path."""
    return sqlite_file.write(database_path(out_dir), _TABLES, _with_minute_times(fitness_rows()))


def main(argv: list[str] | None = None) -> int:
    return sqlite_file.main(argv, "bench.warehouses.fitness", build, HELD_OUT_QUESTIONS)


if __name__ == "__main__":
    sys.exit(main())
