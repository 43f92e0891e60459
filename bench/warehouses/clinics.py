"""A physiotherapy and sports-medicine clinic group's warehouse: Stride, eight outpatient clinics in Great Britain
(clinics, practitioners, insurers, patients, episodes of care, appointments, invoices with their insurance claims,
and patient surveys).

    python -m bench.warehouses.clinics OUT_DIR [--with-questions]

writes OUT_DIR/database/clinics/clinics.sqlite, the layout of the project's eval sets (see bench/dataset.py);
`--with-questions` also copies the held-out questions (bench/heldout/clinics/questions.json) beside it, so that
`python -m bench --dataset OUT_DIR --out FILE.json` runs them. Those questions are the project's fair measure:
do not read them (nor their wrong answers) while designing what they measure.

Everything comes from a fixed seed over fixed dates (2024-01-01 .. 2025-12-31), with only the standard library, so
every build holds the same rows. The group moved to its current practice-management system on 2024-01-01 (the data
starts then: every episode of care in it begins on or after that day), and the business has a shape worth asking
about: new injuries follow the year (a January rush, busy spring and autumn sports seasons, a quiet August and
Christmas), and demand grows a little in 2025, when prices also rise; a new clinic opens in the North in spring
2025 and takes months to fill its diaries; a London clinic adds a practitioner in the autumn of 2024; SMS booking
reminders start in the autumn of 2024 and patients who get one miss far fewer appointments; winter brings more
cancellations; a senior physiotherapist in Manchester leaves in mid-2025, their patients pass to a colleague
and the clinic is short-handed until a replacement starts some weeks later; patients who miss or cancel sessions
often drop out before their plan is done and rate us lower; self-paying patients pay at the desk, while insurers
pay weeks later, deny some claims (sessions past a policy's limit, treatments a policy does not cover, incomplete
claims), and one insurer tightens its terms in spring 2025, paying less, later and less often.

SQLite has no COMMENT ON: every table and column is documented by a `--` comment inside its CREATE TABLE, which
SQLite keeps in sqlite_master.sql; `COMMENTS` holds the same text for readers that want it as data.
"""

from __future__ import annotations

import math
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from bench.warehouses import sqlite_file
from bench.warehouses.sqlite_file import Col, Table, comments

DB_ID = "clinics"
HELD_OUT_QUESTIONS = Path(__file__).resolve().parent.parent / "heldout" / DB_ID / "questions.json"
SEED = 20240107
START = date(2024, 1, 1)
END = date(2025, 12, 31)  # the data's "today": nothing later is known

_TABLES: tuple[Table, ...] = (
    Table(
        "clinics",
        "Clinics of the group, one row per clinic. Clinics are open Monday to Saturday and closed on Sundays, "
        "25 and 26 December and 1 January.",
        (
            Col("clinic_id", "INTEGER PRIMARY KEY", "Unique clinic identifier."),
            Col("clinic_name", "TEXT NOT NULL", "Clinic name, e.g. 'Stride Islington'."),
            Col("city", "TEXT NOT NULL", "City the clinic is in."),
            Col(
                "region",
                "TEXT NOT NULL",
                "Region of Great Britain the clinic belongs to: 'London', 'South East', 'North' or 'Scotland'.",
            ),
            Col(
                "opened_date",
                "TEXT NOT NULL",
                "Date the clinic opened to patients (YYYY-MM-DD); no appointment there is earlier.",
            ),
            Col("treatment_rooms", "INTEGER NOT NULL", "Number of treatment rooms in the clinic."),
        ),
    ),
    Table(
        "practitioners",
        "Clinicians who treat patients, one row per person; each works at one clinic only.",
        (
            Col("practitioner_id", "INTEGER PRIMARY KEY", "Unique practitioner identifier."),
            Col("full_name", "TEXT NOT NULL", "Practitioner's full name, unique, e.g. 'Amelia Hart'."),
            Col("clinic_id", "INTEGER NOT NULL", "Clinic the practitioner works at (clinics.clinic_id)."),
            Col(
                "role",
                "TEXT NOT NULL",
                "Job: 'Senior Physiotherapist', 'Physiotherapist', 'Sports Therapist' (sports rehabilitation and "
                "sports massage) or 'Sports Medicine Doctor' (sees patients in sports medicine consultations).",
            ),
            Col(
                "specialty",
                "TEXT NOT NULL",
                "Clinical specialty: 'Musculoskeletal', 'Sports injuries', 'Post-operative rehabilitation', "
                "'Pelvic health' or 'Sports medicine'.",
            ),
            Col(
                "weekly_hours",
                "REAL NOT NULL",
                "Contracted clinical hours per week: the time the practitioner is available to see patients.",
            ),
            Col(
                "start_date",
                "TEXT NOT NULL",
                "Date the practitioner started working for the group (YYYY-MM-DD); no appointment with them is "
                "earlier.",
            ),
            Col(
                "end_date",
                "TEXT",
                "Last working day of a practitioner who has left the group (YYYY-MM-DD); no appointment with them "
                "is later. NULL while they still work for us.",
            ),
        ),
        ("FOREIGN KEY (clinic_id) REFERENCES clinics (clinic_id)",),
    ),
    Table(
        "insurers",
        "Health insurers whose policyholders we treat, one row per insurer. Treatment of an insured patient is "
        "billed to their insurer; patients without an insurer pay themselves (self-pay).",
        (
            Col("insurer_id", "INTEGER PRIMARY KEY", "Unique insurer identifier."),
            Col("insurer_name", "TEXT NOT NULL", "Insurer name, e.g. 'Northgate Health'."),
            Col(
                "insurer_type",
                "TEXT NOT NULL",
                "'Private medical insurer' (individual and company health policies) or 'Sports cover' (insurance "
                "bought through sports clubs).",
            ),
            Col(
                "session_limit",
                "INTEGER NOT NULL",
                "Most treatment sessions (attended appointments) per episode of care that the insurer pays for; "
                "claims for later sessions of the episode are denied.",
            ),
            Col(
                "covers_sports_massage",
                "INTEGER NOT NULL",
                "1 if the insurer pays for 'Sports massage' appointments, else 0 (such claims are denied).",
            ),
            Col(
                "requires_preauthorisation",
                "INTEGER NOT NULL",
                "1 if, as of 2025-12-31, the insurer only pays for treatment it authorised in advance, else 0.",
            ),
            Col(
                "payment_terms_days",
                "INTEGER NOT NULL",
                "Days within which, as of 2025-12-31, the insurer's contract with us says it settles a claim; "
                "actual payment may come later.",
            ),
        ),
    ),
    Table(
        "patients",
        "Patients, one row per person who has booked an appointment with us.",
        (
            Col("patient_id", "INTEGER PRIMARY KEY", "Unique patient identifier."),
            Col("sex", "TEXT NOT NULL", "'Female' or 'Male'."),
            Col("birth_year", "INTEGER NOT NULL", "Year the patient was born."),
            Col(
                "referral_source",
                "TEXT NOT NULL",
                "Who sent the patient to us the first time: 'Self-referral' (the patient found us themselves), "
                "'GP' (their family doctor), 'Consultant' (a hospital specialist, often after surgery), 'Sports "
                "club' or 'Insurer' (their insurer directed them to us).",
            ),
            Col(
                "insurer_id",
                "INTEGER",
                "Insurer that pays for the patient's treatment (insurers.insurer_id); NULL for self-pay patients, "
                "who pay for their treatment themselves. A patient's insurer does not change.",
            ),
            Col(
                "home_clinic_id",
                "INTEGER NOT NULL",
                "Clinic where the patient was first treated, and where all their appointments are (clinics.clinic_id).",
            ),
            Col(
                "registered_date",
                "TEXT NOT NULL",
                "Date the patient registered with us, i.e. the booked_date of their first appointment "
                "(YYYY-MM-DD). A new patient is one registered in the period.",
            ),
        ),
        (
            "FOREIGN KEY (insurer_id) REFERENCES insurers (insurer_id)",
            "FOREIGN KEY (home_clinic_id) REFERENCES clinics (clinic_id)",
        ),
    ),
    Table(
        "episodes",
        "Episodes of care (treatment plans), one row per course of treatment of one patient for one problem. "
        "An episode starts with its first appointment (an initial assessment for physiotherapy) and holds all "
        "the appointments that follow for that problem; a patient may come back later for a new episode.",
        (
            Col("episode_id", "INTEGER PRIMARY KEY", "Unique episode identifier."),
            Col("patient_id", "INTEGER NOT NULL", "Patient treated (patients.patient_id)."),
            Col("clinic_id", "INTEGER NOT NULL", "Clinic where the treatment takes place (clinics.clinic_id)."),
            Col(
                "practitioner_id",
                "INTEGER NOT NULL",
                "Practitioner who took the patient on (practitioners.practitioner_id), the one booked for the "
                "episode's first appointment; if they leave the group, later appointments are with a colleague.",
            ),
            Col(
                "body_region",
                "TEXT NOT NULL",
                "Part of the body treated: 'Back', 'Neck', 'Shoulder', 'Hip', 'Knee', 'Ankle and foot', "
                "'Pelvis' or 'Other'.",
            ),
            Col(
                "planned_sessions",
                "INTEGER NOT NULL",
                "Number of attended appointments the treatment plan foresees, set at the start of the episode.",
            ),
            Col(
                "start_date",
                "TEXT NOT NULL",
                "Date of the episode's first appointment, whatever became of it (YYYY-MM-DD).",
            ),
            Col(
                "end_date",
                "TEXT",
                "Date of the episode's last appointment, whatever became of it (YYYY-MM-DD), once the episode is "
                "closed; NULL while it is 'Ongoing'.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "State as of 2025-12-31: 'Completed' (the patient attended all the planned sessions and was "
                "discharged), 'Dropped out' (the patient stopped coming before the plan was done) or 'Ongoing' "
                "(still in treatment).",
            ),
            Col(
                "pain_score_start",
                "INTEGER",
                "Pain the patient reported at their first attended appointment, from 0 (none) to 10 (worst "
                "imaginable); NULL if they never attended one.",
            ),
            Col(
                "pain_score_end",
                "INTEGER",
                "Pain the patient reported at their last session, from 0 to 10; NULL unless status is 'Completed'.",
            ),
        ),
        (
            "FOREIGN KEY (patient_id) REFERENCES patients (patient_id)",
            "FOREIGN KEY (clinic_id) REFERENCES clinics (clinic_id)",
            "FOREIGN KEY (practitioner_id) REFERENCES practitioners (practitioner_id)",
        ),
    ),
    Table(
        "appointments",
        "Appointments booked, one row per booking, whatever became of it: attended, cancelled or no-show. A "
        "cancelled or missed appointment is not moved: a new one is booked. Only appointments on or before "
        "2025-12-31 are held.",
        (
            Col("appointment_id", "INTEGER PRIMARY KEY", "Unique appointment identifier."),
            Col("episode_id", "INTEGER NOT NULL", "Episode of care the appointment belongs to (episodes.episode_id)."),
            Col("patient_id", "INTEGER NOT NULL", "Patient booked (patients.patient_id), the episode's patient."),
            Col(
                "practitioner_id",
                "INTEGER NOT NULL",
                "Practitioner the appointment is with (practitioners.practitioner_id).",
            ),
            Col(
                "clinic_id",
                "INTEGER NOT NULL",
                "Clinic of the appointment (clinics.clinic_id), the practitioner's and the episode's clinic.",
            ),
            Col(
                "appointment_type",
                "TEXT NOT NULL",
                "'Initial assessment' (the first session of a physiotherapy episode), 'Follow-up' (a later "
                "treatment session), 'Sports massage' or 'Sports medicine consultation' (with a doctor).",
            ),
            Col(
                "booked_date",
                "TEXT NOT NULL",
                "Date the appointment was booked (YYYY-MM-DD). Lead time is the days from booked_date to "
                "appointment_date. Follow-ups are usually booked at the end of the previous session.",
            ),
            Col("appointment_date", "TEXT NOT NULL", "Date of the appointment (YYYY-MM-DD), a day the clinic is open."),
            Col("duration_minutes", "INTEGER NOT NULL", "Length of the appointment slot in minutes."),
            Col(
                "fee",
                "REAL NOT NULL",
                "List price of the appointment in GBP from the price list of its year (prices rose on "
                "2025-01-01; London clinics charge more). It is the price booked, whatever the status; only "
                "attended appointments are invoiced.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "'Attended', 'Cancelled' (cancelled by the patient before the appointment, or on the day) or "
                "'No-show' (the patient did not come and did not cancel).",
            ),
            Col(
                "cancelled_date",
                "TEXT",
                "Date the patient cancelled (YYYY-MM-DD), between booked_date and appointment_date; NULL unless "
                "status is 'Cancelled'.",
            ),
            Col(
                "reminder_sent",
                "INTEGER NOT NULL",
                "1 if an SMS reminder was sent two days before the appointment, else 0. The reminder system "
                "started on 2024-09-02 and reminds only of appointments booked at least two days ahead.",
            ),
        ),
        (
            "FOREIGN KEY (episode_id) REFERENCES episodes (episode_id)",
            "FOREIGN KEY (patient_id) REFERENCES patients (patient_id)",
            "FOREIGN KEY (practitioner_id) REFERENCES practitioners (practitioner_id)",
            "FOREIGN KEY (clinic_id) REFERENCES clinics (clinic_id)",
        ),
    ),
    Table(
        "invoices",
        "Invoices, one row per attended appointment, issued on the appointment's date. An insured patient's "
        "appointment is billed to their insurer as a claim; a self-pay patient's is billed to the patient. "
        "Revenue is the amount invoiced; cash collected is paid_amount.",
        (
            Col("invoice_id", "INTEGER PRIMARY KEY", "Unique invoice number."),
            Col("appointment_id", "INTEGER NOT NULL", "Appointment invoiced (appointments.appointment_id)."),
            Col("patient_id", "INTEGER NOT NULL", "Patient treated (patients.patient_id)."),
            Col("clinic_id", "INTEGER NOT NULL", "Clinic of the appointment (clinics.clinic_id)."),
            Col(
                "insurer_id",
                "INTEGER",
                "Insurer billed (insurers.insurer_id), the patient's insurer; NULL when the invoice is billed to a "
                "self-pay patient. An invoice billed to an insurer is an insurance claim.",
            ),
            Col("invoice_date", "TEXT NOT NULL", "Date the invoice was issued (YYYY-MM-DD), the appointment's date."),
            Col("amount", "REAL NOT NULL", "Amount invoiced in GBP, the appointment's fee."),
            Col(
                "status",
                "TEXT NOT NULL",
                "State as of 2025-12-31. Claims to insurers: 'Paid' (paid in full), 'Part paid' (the insurer paid "
                "less than the amount and the rest was written off), 'Denied' (the insurer refused to pay; the "
                "amount was written off) or 'Pending' (not decided yet). Invoices to patients: 'Paid' or 'Unpaid'.",
            ),
            Col(
                "denial_reason",
                "TEXT",
                "Why a claim was denied: 'Session limit reached', 'Treatment not covered', 'No pre-authorisation' "
                "or 'Incomplete claim'; NULL unless status is 'Denied'.",
            ),
            Col(
                "paid_date",
                "TEXT",
                "Date the payment was received (YYYY-MM-DD), on or after invoice_date; NULL unless status is 'Paid' "
                "or 'Part paid'. Days to payment are the days from invoice_date to paid_date.",
            ),
            Col(
                "paid_amount",
                "REAL NOT NULL",
                "Amount received in GBP: the full amount for 'Paid', less for 'Part paid', 0 otherwise.",
            ),
        ),
        (
            "FOREIGN KEY (appointment_id) REFERENCES appointments (appointment_id)",
            "FOREIGN KEY (patient_id) REFERENCES patients (patient_id)",
            "FOREIGN KEY (clinic_id) REFERENCES clinics (clinic_id)",
            "FOREIGN KEY (insurer_id) REFERENCES insurers (insurer_id)",
        ),
    ),
    Table(
        "surveys",
        "Patient satisfaction surveys, one row per survey sent: a survey is emailed the day after an episode of "
        "care closes (completed or dropped out) if the patient attended at least one appointment in it.",
        (
            Col("survey_id", "INTEGER PRIMARY KEY", "Unique survey identifier."),
            Col("episode_id", "INTEGER NOT NULL", "Episode of care the survey asks about (episodes.episode_id)."),
            Col("patient_id", "INTEGER NOT NULL", "Patient asked (patients.patient_id)."),
            Col("clinic_id", "INTEGER NOT NULL", "Clinic of the episode (clinics.clinic_id)."),
            Col("sent_date", "TEXT NOT NULL", "Date the survey was sent (YYYY-MM-DD), the day after the episode ends."),
            Col(
                "response_date",
                "TEXT",
                "Date the patient answered (YYYY-MM-DD), on or after sent_date; NULL if they have not answered.",
            ),
            Col(
                "recommend_score",
                "INTEGER",
                "Answer to 'How likely are you to recommend us to a friend?', from 0 (not at all) to 10 "
                "(extremely): 9 or 10 is a promoter, 7 or 8 a passive, 0 to 6 a detractor; the net promoter score "
                "(NPS) is the percentage of promoters less the percentage of detractors among answers. NULL if "
                "the patient has not answered.",
            ),
        ),
        (
            "FOREIGN KEY (episode_id) REFERENCES episodes (episode_id)",
            "FOREIGN KEY (patient_id) REFERENCES patients (patient_id)",
            "FOREIGN KEY (clinic_id) REFERENCES clinics (clinic_id)",
        ),
    ),
)

COMMENTS = comments(_TABLES)


# --------------------------------------------------------------------------------------------
# Reference data.


@dataclass(frozen=True)
class _Clinic:
    name: str
    city: str
    region: str
    opened: date
    rooms: int


_CLINICS = (
    _Clinic("Stride Islington", "London", "London", date(2016, 3, 1), 6),
    _Clinic("Stride Clapham", "London", "London", date(2018, 9, 3), 5),
    _Clinic("Stride Brighton", "Brighton", "South East", date(2017, 5, 2), 4),
    _Clinic("Stride Guildford", "Guildford", "South East", date(2019, 2, 4), 4),
    _Clinic("Stride Manchester", "Manchester", "North", date(2015, 10, 5), 6),
    _Clinic("Stride Liverpool", "Liverpool", "North", date(2020, 6, 1), 4),
    _Clinic("Stride Edinburgh", "Edinburgh", "Scotland", date(2021, 1, 11), 4),
    _Clinic("Stride Leeds", "Leeds", "North", date(2025, 5, 6), 4),
)


@dataclass(frozen=True)
class _Practitioner:
    name: str
    clinic: int  # clinic_id
    role: str
    specialty: str
    hours: float
    start: date
    end: date | None = None
    pull: float = 1.0  # how much demand the practitioner draws relative to their hours


_SENIOR, _PHYSIO, _THERAPIST, _DOCTOR = (
    "Senior Physiotherapist",
    "Physiotherapist",
    "Sports Therapist",
    "Sports Medicine Doctor",
)
_MSK, _SPORTS, _POSTOP, _PELVIC, _MEDICINE = (
    "Musculoskeletal",
    "Sports injuries",
    "Post-operative rehabilitation",
    "Pelvic health",
    "Sports medicine",
)
_LEAVES = date(2025, 6, 30)  # a senior physiotherapist in Manchester leaves
_PRACTITIONERS = (
    _Practitioner("Amelia Hart", 1, _SENIOR, _MSK, 30.0, date(2016, 3, 1), None, 1.08),
    _Practitioner("Daniel Okafor", 1, _PHYSIO, _SPORTS, 22.5, date(2019, 9, 2), None, 0.97),
    _Practitioner("Priya Nair", 1, _PHYSIO, _PELVIC, 15.0, date(2021, 4, 12), None, 0.9),
    _Practitioner("Marcus Bell", 1, _DOCTOR, _MEDICINE, 7.5, date(2020, 1, 6), None, 0.85),
    _Practitioner("Sophie Turner", 1, _THERAPIST, _SPORTS, 22.5, date(2022, 2, 7), None, 1.02),
    _Practitioner("Tom Whitaker", 2, _SENIOR, _SPORTS, 30.0, date(2018, 9, 3), None, 1.04),
    _Practitioner("Hannah Price", 2, _PHYSIO, _MSK, 22.5, date(2020, 11, 2), None, 0.95),
    _Practitioner("Oliver Grant", 2, _THERAPIST, _SPORTS, 22.5, date(2021, 5, 4), None, 1.0),
    _Practitioner("Isla Moreno", 2, _PHYSIO, _POSTOP, 22.5, date(2024, 10, 7), None, 0.98),
    _Practitioner("Ethan Clarke", 3, _SENIOR, _MSK, 30.0, date(2017, 5, 2), None, 0.96),
    _Practitioner("Grace Lin", 3, _PHYSIO, _SPORTS, 22.5, date(2019, 3, 11), None, 1.05),
    _Practitioner("Jack Dawson", 3, _THERAPIST, _SPORTS, 15.0, date(2023, 6, 5), None, 0.92),
    _Practitioner("Chloe Bennett", 4, _SENIOR, _POSTOP, 30.0, date(2019, 2, 4), None, 1.0),
    _Practitioner("Samuel Reid", 4, _PHYSIO, _MSK, 22.5, date(2020, 8, 3), None, 0.93),
    _Practitioner("Ruby Patel", 4, _PHYSIO, _PELVIC, 15.0, date(2022, 9, 5), None, 0.88),
    _Practitioner("James Holloway", 5, _SENIOR, _MSK, 30.0, date(2015, 10, 5), _LEAVES, 1.1),
    _Practitioner("Megan Doyle", 5, _PHYSIO, _SPORTS, 30.0, date(2018, 1, 8), None, 0.9),
    _Practitioner("Aisha Rahman", 5, _DOCTOR, _MEDICINE, 7.5, date(2021, 3, 1), None, 0.95),
    _Practitioner("Liam Foster", 5, _THERAPIST, _SPORTS, 22.5, date(2019, 7, 1), None, 1.03),
    _Practitioner("Ryan Walsh", 6, _SENIOR, _SPORTS, 30.0, date(2020, 6, 1), None, 1.01),
    _Practitioner("Ella Murphy", 6, _PHYSIO, _MSK, 22.5, date(2021, 2, 1), None, 0.97),
    _Practitioner("Zoe Hughes", 6, _THERAPIST, _SPORTS, 15.0, date(2022, 4, 4), None, 1.06),
    _Practitioner("Fraser MacLeod", 7, _SENIOR, _MSK, 30.0, date(2021, 1, 11), None, 0.94),
    _Practitioner("Eilidh Campbell", 7, _PHYSIO, _SPORTS, 22.5, date(2021, 8, 2), None, 1.0),
    _Practitioner("Callum Ross", 7, _PHYSIO, _POSTOP, 15.0, date(2023, 1, 9), None, 0.95),
    _Practitioner("Nathan Cole", 5, _SENIOR, _MSK, 30.0, date(2025, 9, 1), None, 1.0),
    _Practitioner("Lucy Barker", 8, _SENIOR, _MSK, 30.0, date(2025, 5, 6), None, 1.0),
    _Practitioner("Adam Shaw", 8, _PHYSIO, _SPORTS, 22.5, date(2025, 5, 6), None, 0.95),
    _Practitioner("Niamh Kelly", 8, _THERAPIST, _SPORTS, 15.0, date(2025, 5, 6), None, 0.95),
)


@dataclass(frozen=True)
class _Insurer:
    name: str
    kind: str
    session_limit: int
    massage: bool
    deny: float  # chance a claim is denied as incomplete
    days: float  # median days to settle a claim
    terms_days: int
    weight: float  # share of insured patients


_INSURERS = (
    _Insurer("Northgate Health", "Private medical insurer", 10, False, 0.025, 17.0, 30, 0.32),
    _Insurer("Crestline Insurance", "Private medical insurer", 8, False, 0.03, 19.0, 45, 0.24),
    _Insurer("Meridian Mutual", "Private medical insurer", 6, True, 0.05, 28.0, 45, 0.18),
    _Insurer("Harbour Health", "Private medical insurer", 8, False, 0.04, 23.0, 30, 0.14),
    _Insurer("Albion Sports Cover", "Sports cover", 6, True, 0.07, 12.0, 21, 0.12),
)
_NEW_TERMS = date(2025, 4, 1)  # Crestline's new terms: pre-authorisation, a follow-up cap, slower payment
_NEW_TERMS_CAP = 48.0
_REMINDERS = date(2024, 9, 2)  # SMS reminders start

_TYPES = ("Initial assessment", "Follow-up", "Sports massage", "Sports medicine consultation")
_PRICES = {  # (type, minutes): price in 2024 and in 2025, outside London
    ("Initial assessment", 60): (75.0, 79.0),
    ("Follow-up", 30): (50.0, 52.0),
    ("Follow-up", 45): (62.0, 65.0),
    ("Sports massage", 45): (55.0, 58.0),
    ("Sports massage", 60): (68.0, 72.0),
    ("Sports medicine consultation", 30): (160.0, 170.0),
}
_LONDON_EXTRA = {"Sports medicine consultation": 20.0}  # other types: 8.0

_SEASON = (1.24, 1.12, 1.08, 1.06, 1.0, 0.95, 0.88, 0.68, 1.12, 1.1, 1.0, 0.74)  # new episodes by month
_UTILISATION = 0.76  # share of contracted hours the generator aims to fill in early 2024
_GROWTH = 0.07  # demand growth a year

_REFERRALS = ("Self-referral", "GP", "Consultant", "Sports club", "Insurer")
_REFERRAL_WEIGHTS = {
    "physio": (0.4, 0.24, 0.1, 0.12, 0.14),
    "massage": (0.62, 0.02, 0.0, 0.3, 0.06),
    "consult": (0.3, 0.18, 0.22, 0.22, 0.08),
}
_INSURED = {"Self-referral": 0.38, "GP": 0.34, "Consultant": 0.72, "Sports club": 0.3, "Insurer": 1.0}
_REGIONS = ("Back", "Neck", "Shoulder", "Hip", "Knee", "Ankle and foot", "Pelvis", "Other")
_REGION_WEIGHTS = {
    _MSK: (0.34, 0.16, 0.17, 0.09, 0.12, 0.06, 0.0, 0.06),
    _SPORTS: (0.12, 0.05, 0.16, 0.1, 0.28, 0.22, 0.0, 0.07),
    _POSTOP: (0.08, 0.02, 0.25, 0.25, 0.35, 0.05, 0.0, 0.0),
    _PELVIC: (0.1, 0.0, 0.0, 0.08, 0.0, 0.0, 0.82, 0.0),
    _MEDICINE: (0.1, 0.04, 0.14, 0.12, 0.3, 0.22, 0.0, 0.08),
}
_RETURNING = 0.11  # chance a new episode is a past patient's
_CANCEL = 0.07
_NO_SHOW = 0.085
_DROP_AFTER = {"Attended": 0.045, "Cancelled": 0.2, "No-show": 0.36}


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


def is_open(day: date) -> bool:
    """Whether the clinics are open on `day`: Monday to Saturday, except 25-26 December and 1 January."""
    return day.weekday() != 6 and (day.month, day.day) not in {(12, 25), (12, 26), (1, 1)}


def _open_on_or_after(day: date) -> date:
    while not is_open(day):
        day += timedelta(days=1)
    return day


def _open_on_or_before(day: date) -> date:
    while not is_open(day):
        day -= timedelta(days=1)
    return day


def price(appointment_type: str, minutes: int, year: int, clinic_id: int) -> float:
    """The list price of an appointment in GBP: the year's price list, more in London."""
    base = _PRICES[appointment_type, minutes][0 if year == 2024 else 1]
    if _CLINICS[clinic_id - 1].region == "London":
        base += _LONDON_EXTRA.get(appointment_type, 8.0)
    return base


def _active(p: _Practitioner, day: date) -> bool:
    return p.start <= day and (p.end is None or day <= p.end)


# --------------------------------------------------------------------------------------------
# Generation.


@dataclass
class _Episode:
    patient: dict
    clinic: int
    lead: int  # practitioner_id
    kind: str  # 'physio', 'massage' or 'consult'
    region: str
    planned: int
    start: date
    appointments: list[dict] = field(default_factory=list)
    end: date | None = None
    status: str = "Ongoing"
    pain_start: int | None = None
    pain_end: int | None = None
    transferred: bool = False
    id: int = 0


def _kind(rng: random.Random, p: _Practitioner) -> str:
    if p.role == _DOCTOR:
        return "consult"
    if p.role == _THERAPIST and rng.random() < 0.45:
        return "massage"
    return "physio"


def _planned(rng: random.Random, kind: str, specialty: str) -> int:
    if kind == "consult":
        return 1 if rng.random() < 0.65 else 2
    if kind == "massage":
        return rng.choice((1, 1, 2, 2, 3, 4))
    if rng.random() < 0.1:
        return 1  # assessment and advice only
    low, high, mode = (6, 12, 8) if specialty == _POSTOP else (3, 9, 5)
    return round(rng.triangular(low, high, mode))


def _colleague(p_id: int, day: date) -> int:
    """Who takes over a leaver's patients: the colleague at the same clinic, active that day, in a role that can
    treat them, with the most hours (the lowest id among equals)."""
    p = _PRACTITIONERS[p_id - 1]
    doctors = p.role == _DOCTOR
    best = None
    for i, q in enumerate(_PRACTITIONERS, start=1):
        fits = q.clinic == p.clinic and i != p_id and _active(q, day) and (q.role == _DOCTOR) == doctors
        if fits and (best is None or q.hours > _PRACTITIONERS[best - 1].hours):
            best = i
    assert best is not None
    return best


def _lead_days(rng: random.Random, referral: str, first: bool) -> int:
    if not first:
        return 0
    mean = {"Self-referral": 3.0, "GP": 7.0, "Consultant": 6.0, "Sports club": 2.0, "Insurer": 5.0}[referral]
    return int(rng.expovariate(1 / mean))


def _treat(rng: random.Random, e: _Episode) -> None:
    """The episode's appointments one after another, from its first to its end or to 2025-12-31."""
    referral = e.patient["referral_source"]
    specialty = _PRACTITIONERS[e.lead - 1].specialty
    follow_minutes = 45 if (specialty in (_POSTOP, _SPORTS) and rng.random() < 0.6) or rng.random() < 0.25 else 30
    massage_minutes = 60 if rng.random() < 0.4 else 45
    lead = _lead_days(rng, referral, True)
    day = e.start
    booked = max(START, e.start - timedelta(days=lead))
    if e.patient["registered_date"] is None:
        e.patient["registered_date"] = booked
    else:  # a returning patient books again once their last episode is over
        booked = max(booked, e.patient["busy_until"])
    attended = 0
    practitioner = e.lead
    self_pay = e.patient["insurer_id"] is None
    while True:
        p = _PRACTITIONERS[practitioner - 1]
        if not _active(p, day):
            practitioner = _colleague(practitioner, day)
            e.transferred = True
        if e.kind == "consult":
            kind, minutes = "Sports medicine consultation", 30
        elif e.kind == "massage":
            kind, minutes = "Sports massage", massage_minutes
        elif attended == 0:
            kind, minutes = "Initial assessment", 60
        else:
            kind, minutes = "Follow-up", follow_minutes
        reminder = day >= _REMINDERS and (day - booked).days >= 2
        cancel = _CANCEL * (1.55 if day.month in (12, 1, 2) else 1.0) * (1.15 if (day - booked).days > 10 else 1.0)
        no_show = _NO_SHOW * (0.38 if reminder else 1.0) * (1.3 if attended == 0 else 1.0)
        no_show *= 1.2 if self_pay else 1.0
        r = rng.random()
        status = "Cancelled" if r < cancel else "No-show" if r < cancel + no_show else "Attended"
        cancelled = None
        if status == "Cancelled":
            cancelled = day - timedelta(days=min((day - booked).days, int(rng.expovariate(1 / 2.5))))
        e.appointments.append(
            {
                "patient": e.patient,
                "practitioner_id": practitioner,
                "clinic_id": e.clinic,
                "appointment_type": kind,
                "booked_date": booked,
                "appointment_date": day,
                "duration_minutes": minutes,
                "fee": price(kind, minutes, day.year, e.clinic),
                "status": status,
                "cancelled_date": cancelled,
                "reminder_sent": int(reminder),
                "session": attended + 1 if status == "Attended" else None,
            }
        )
        if status == "Attended":
            attended += 1
            if attended == 1:
                e.pain_start = max(1, min(10, round(rng.gauss(6.2 if e.kind != "massage" else 4.5, 1.6))))
            if attended == e.planned:
                e.status, e.end = "Completed", day
                gain = rng.gauss(3.8 if e.kind == "physio" else 2.0, 1.4) * (0.8 if e.transferred else 1.0)
                e.pain_end = max(0, min(e.pain_start, round(e.pain_start - gain)))
                return
            booked = day
            step = rng.choice((7, 7, 7, 7, 7, 5, 10, 14, 14, 21)) if e.kind != "consult" else rng.randint(14, 35)
            nxt = day + timedelta(days=step)
        elif status == "Cancelled":
            assert cancelled is not None
            booked = cancelled
            nxt = day + timedelta(days=rng.randint(2, 9))
        else:
            booked = day + timedelta(days=rng.randint(0, 2))
            nxt = booked + timedelta(days=rng.randint(2, 9))
        drop = _DROP_AFTER[status] * (1.3 if self_pay else 1.0) * (1.6 if e.transferred else 1.0)
        if rng.random() < drop:
            e.status, e.end = "Dropped out", day
            return
        nxt = _open_on_or_after(nxt)
        if nxt > END or booked > END:
            return
        day = nxt


def _new_patient(rng: random.Random, kind: str, clinic: int) -> dict:
    referral = rng.choices(_REFERRALS, _REFERRAL_WEIGHTS[kind])[0]
    insured = _INSURED[referral] * (1.25 if _CLINICS[clinic - 1].region == "London" and referral != "Insurer" else 1)
    insurer = None
    if rng.random() < insured:
        weights = [
            i.weight * (2.5 if i.kind == "Sports cover" and referral == "Sports club" else 1.0) for i in _INSURERS
        ]
        insurer = rng.choices(range(1, len(_INSURERS) + 1), weights)[0]
    age = rng.triangular(16, 70, 30) if kind == "massage" or referral == "Sports club" else rng.triangular(18, 88, 48)
    return {
        "sex": "Female" if rng.random() < 0.56 else "Male",
        "birth_year": 2024 - int(age),
        "referral_source": referral,
        "insurer_id": insurer,
        "home_clinic_id": clinic,
        "registered_date": None,
        "busy_until": None,
    }


def _episodes(rng: random.Random) -> tuple[list[dict], list[_Episode]]:
    """Each practitioner's new patients day by day (their hours, the season, growth, a new starter's ramp), each
    episode treated to its end as soon as it starts; some episodes are a past patient's return."""
    minutes = {"physio": 215.0, "massage": 95.0, "consult": 40.0}  # attended minutes an episode brings, roughly
    patients: list[dict] = []
    by_clinic: dict[int, list[dict]] = {c: [] for c in range(1, len(_CLINICS) + 1)}
    episodes: list[_Episode] = []
    for n in range((END - START).days + 1):
        day = START + timedelta(days=n)
        if not is_open(day):
            continue
        share = 0.5 if day.weekday() == 5 else 1.0  # Saturday mornings
        for pid, p in enumerate(_PRACTITIONERS, start=1):
            if not _active(p, day) or (p.end is not None and (p.end - day).days < 21):
                continue  # a leaver takes no new patients in their last three weeks
            clinic = _CLINICS[p.clinic - 1]
            ramp = min(1.0, 0.45 + (day - p.start).days / 150)
            if clinic.opened > START:
                ramp = min(ramp, 0.3 + (day - clinic.opened).days / 240)
            season = _SEASON[day.month - 1]
            if day.month == 12 and day.day >= 20:
                season *= 0.6
            demand = _UTILISATION * (1 + _GROWTH * n / 365) * season * ramp * p.pull
            kind_mix = (0.45 * 95.0 + 0.55 * 215.0) if p.role == _THERAPIST else minutes[_kind_of(p)]
            mean = p.hours / 5.5 * share * 60 * demand / kind_mix
            for _ in range(_poisson(rng, mean)):
                kind = _kind(rng, p)
                patient = None
                if rng.random() < _RETURNING:
                    pool = by_clinic[p.clinic]
                    for _ in range(4 if pool else 0):
                        candidate = rng.choice(pool)
                        if candidate["busy_until"] is not None and candidate["busy_until"] < day:
                            patient = candidate
                            break
                if patient is None:
                    patient = _new_patient(rng, kind, p.clinic)
                    patients.append(patient)
                    by_clinic[p.clinic].append(patient)
                region = rng.choices(_REGIONS, _REGION_WEIGHTS[p.specialty])[0]
                e = _Episode(patient, p.clinic, pid, kind, region, _planned(rng, kind, p.specialty), day)
                _treat(rng, e)
                patient["busy_until"] = e.end or END
                episodes.append(e)
    return patients, episodes


def _kind_of(p: _Practitioner) -> str:
    return "consult" if p.role == _DOCTOR else "physio"


def _invoice(rng: random.Random, a: dict, e: _Episode) -> dict:
    """An attended appointment's invoice: paid at the desk by a self-pay patient (now and then later, or not yet);
    for an insured patient a claim, denied or paid (in part under Crestline's new terms) some weeks later."""
    day, fee = a["appointment_date"], a["fee"]
    insurer_id = e.patient["insurer_id"]
    row = {
        "appointment": a,
        "insurer_id": insurer_id,
        "invoice_date": day,
        "amount": fee,
        "status": "Paid",
        "denial_reason": None,
        "paid_date": day,
        "paid_amount": fee,
    }
    if insurer_id is None:
        if rng.random() < 0.08:
            late = day + timedelta(days=1 + int(rng.expovariate(1 / 12)))
            if late > END or rng.random() < 0.15:
                row.update(status="Unpaid", paid_date=None, paid_amount=0.0)
            else:
                row["paid_date"] = late
        return row
    ins = _INSURERS[insurer_id - 1]
    new_terms = insurer_id == 2 and day >= _NEW_TERMS
    reason = None
    if a["session"] > ins.session_limit:
        reason = "Session limit reached"
    elif a["appointment_type"] == "Sports massage" and not ins.massage:
        reason = "Treatment not covered"
    elif new_terms and rng.random() < 0.1:
        reason = "No pre-authorisation"
    elif rng.random() < ins.deny:
        reason = "Incomplete claim"
    median = ins.days * (2.0 if new_terms else 1.0)
    decided = day + timedelta(days=3 + int(rng.lognormvariate(math.log(median - 3), 0.35)))
    if decided > END:
        row.update(status="Pending", paid_date=None, paid_amount=0.0)
    elif reason is not None:
        row.update(status="Denied", denial_reason=reason, paid_date=None, paid_amount=0.0)
    else:
        row["paid_date"] = decided
        if new_terms and a["appointment_type"] == "Follow-up" and fee > _NEW_TERMS_CAP:
            row.update(status="Part paid", paid_amount=_NEW_TERMS_CAP)
    return row


def _survey(rng: random.Random, e: _Episode) -> dict | None:
    """A survey the day after a closed episode with an attended appointment; answered now and then, happier
    after a completed plan, less so after a change of practitioner or many missed sessions."""
    if e.end is None or e.pain_start is None or e.end + timedelta(days=1) > END:
        return None
    sent = e.end + timedelta(days=1)
    completed = e.status == "Completed"
    row = {"episode": e, "sent_date": sent, "response_date": None, "recommend_score": None}
    if rng.random() < (0.38 if completed else 0.16):
        answered = sent + timedelta(days=int(rng.expovariate(1 / 3)))
        if answered <= END:
            missed = sum(a["status"] != "Attended" for a in e.appointments)
            mean = (8.9 if completed else 6.4) - (1.4 if e.transferred else 0.0) - 0.4 * missed
            row["response_date"] = answered
            row["recommend_score"] = max(0, min(10, round(rng.gauss(mean, 1.5))))
    return row


def clinics_rows() -> dict[str, list[dict]]:
    """Every table's rows, by table name, generated from the fixed seed."""
    rng = random.Random(SEED)
    clinics = [
        {
            "clinic_id": i,
            "clinic_name": c.name,
            "city": c.city,
            "region": c.region,
            "opened_date": c.opened,
            "treatment_rooms": c.rooms,
        }
        for i, c in enumerate(_CLINICS, start=1)
    ]
    practitioners = [
        {
            "practitioner_id": i,
            "full_name": p.name,
            "clinic_id": p.clinic,
            "role": p.role,
            "specialty": p.specialty,
            "weekly_hours": p.hours,
            "start_date": p.start,
            "end_date": p.end,
        }
        for i, p in enumerate(_PRACTITIONERS, start=1)
    ]
    insurers = [
        {
            "insurer_id": i,
            "insurer_name": ins.name,
            "insurer_type": ins.kind,
            "session_limit": ins.session_limit,
            "covers_sports_massage": int(ins.massage),
            "requires_preauthorisation": int(i == 2),
            "payment_terms_days": ins.terms_days,
        }
        for i, ins in enumerate(_INSURERS, start=1)
    ]
    patients, episodes = _episodes(rng)

    patients.sort(key=lambda p: p["registered_date"])  # stable: ties keep the order of arrival
    patient_rows = []
    for number, p in enumerate(patients, start=1):
        p["patient_id"] = number
        patient_rows.append(
            {
                "patient_id": number,
                "sex": p["sex"],
                "birth_year": p["birth_year"],
                "referral_source": p["referral_source"],
                "insurer_id": p["insurer_id"],
                "home_clinic_id": p["home_clinic_id"],
                "registered_date": p["registered_date"],
            }
        )

    episode_rows = []
    for number, e in enumerate(episodes, start=1):  # already in order of start date
        e.id = number
        episode_rows.append(
            {
                "episode_id": number,
                "patient_id": e.patient["patient_id"],
                "clinic_id": e.clinic,
                "practitioner_id": e.lead,
                "body_region": e.region,
                "planned_sessions": e.planned,
                "start_date": e.start,
                "end_date": e.end,
                "status": e.status,
                "pain_score_start": e.pain_start,
                "pain_score_end": e.pain_end,
            }
        )

    appointments = [(a, e) for e in episodes for a in e.appointments]
    appointments.sort(key=lambda ae: (ae[0]["appointment_date"], ae[0]["practitioner_id"], ae[1].id))
    appointment_rows, invoices = [], []
    for number, (a, e) in enumerate(appointments, start=1):
        a["appointment_id"] = number
        appointment_rows.append(
            {
                "appointment_id": number,
                "episode_id": e.id,
                "patient_id": e.patient["patient_id"],
                "practitioner_id": a["practitioner_id"],
                "clinic_id": a["clinic_id"],
                "appointment_type": a["appointment_type"],
                "booked_date": a["booked_date"],
                "appointment_date": a["appointment_date"],
                "duration_minutes": a["duration_minutes"],
                "fee": a["fee"],
                "status": a["status"],
                "cancelled_date": a["cancelled_date"],
                "reminder_sent": a["reminder_sent"],
            }
        )
        if a["status"] == "Attended":
            invoices.append(_invoice(rng, a, e))
    invoice_rows = []
    for number, i in enumerate(invoices, start=1):
        a = i.pop("appointment")
        invoice_rows.append(
            {
                "invoice_id": number,
                "appointment_id": a["appointment_id"],
                "patient_id": a["patient"]["patient_id"],
                "clinic_id": a["clinic_id"],
                **i,
            }
        )

    surveys = [s for e in episodes if (s := _survey(rng, e)) is not None]
    surveys.sort(key=lambda s: (s["sent_date"], s["episode"].id))
    survey_rows = []
    for number, s in enumerate(surveys, start=1):
        e = s["episode"]
        survey_rows.append(
            {
                "survey_id": number,
                "episode_id": e.id,
                "patient_id": e.patient["patient_id"],
                "clinic_id": e.clinic,
                "sent_date": s["sent_date"],
                "response_date": s["response_date"],
                "recommend_score": s["recommend_score"],
            }
        )
    return {
        "clinics": clinics,
        "practitioners": practitioners,
        "insurers": insurers,
        "patients": patient_rows,
        "episodes": episode_rows,
        "appointments": appointment_rows,
        "invoices": invoice_rows,
        "surveys": survey_rows,
    }


def database_path(out_dir: Path) -> Path:
    return sqlite_file.database_path(out_dir, DB_ID)


def build(out_dir: Path) -> Path:
    """Write the warehouse under `out_dir` in the eval-set layout, replacing an older build; return its path."""
    return sqlite_file.write(database_path(out_dir), _TABLES, clinics_rows())


def main(argv: list[str] | None = None) -> int:
    return sqlite_file.main(argv, "bench.warehouses.clinics", build, HELD_OUT_QUESTIONS)


if __name__ == "__main__":
    sys.exit(main())
