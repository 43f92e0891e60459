"""An HR warehouse of a mid-size software company (departments, offices, jobs, employees, salary history,
performance reviews, requisitions and applications, absences, trainings).

    python -m bench.warehouses.hr OUT_DIR [--with-questions]

writes OUT_DIR/database/hr/hr.sqlite, the layout of the project's eval sets (see bench/dataset.py);
`--with-questions` also copies the held-out questions (bench/heldout/hr/questions.json) beside it, so that
`python -m bench --dataset OUT_DIR --out FILE.json` runs them. Those questions are the project's fair measure:
do not read them (nor their wrong answers) while designing what they measure.

Everything comes from a fixed seed over fixed dates (2021-01-01 .. 2025-12-31), with only the standard library,
so every build holds the same rows. The business has a shape worth asking about: Engineering and Data & Analytics
grow fast (a Toronto office opens for them in 2023) while Customer Support shrinks (fewer backfills, a
restructuring in June 2023); the Phoenix service center loses people much faster than the other offices;
resignations peaked in 2021-2022; hiring runs high in spring, as each year's headcount plan is released, peaks in
August, when graduates start, and stops in late December; merit raises follow the year-end review ratings each
March; and time to fill differs much by department. People who left before 2021 are not in the data (the HR
system went live then), but everyone employed on 2021-01-01 is, with the full salary history since their hire.

SQLite has no COMMENT ON: every table and column is documented by a `--` comment inside its CREATE TABLE, which
SQLite keeps in sqlite_master.sql; `COMMENTS` holds the same text for readers that want it as data.
"""

from __future__ import annotations

import math
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bench.warehouses import sqlite_file
from bench.warehouses.sqlite_file import Col, Table, comments

DB_ID = "hr"
HELD_OUT_QUESTIONS = Path(__file__).resolve().parent.parent / "heldout" / DB_ID / "questions.json"
SEED = 20210101
START = date(2021, 1, 1)
END = date(2025, 12, 31)  # the data's "today": statuses are as of this date


_TABLES: tuple[Table, ...] = (
    Table(
        "departments",
        "Departments of the company (organisational units people belong to), one row per department.",
        (
            Col("department_id", "INTEGER PRIMARY KEY", "Unique department identifier."),
            Col("department_name", "TEXT NOT NULL", "Department name, e.g. 'Engineering' or 'Customer Support'."),
            Col(
                "division",
                "TEXT NOT NULL",
                "Division the department reports into: 'Technology', 'Go-to-Market', 'Operations' or 'Corporate'.",
            ),
            Col("cost_center", "TEXT NOT NULL", "Finance cost center code the department's payroll is booked to."),
        ),
    ),
    Table(
        "locations",
        "Offices and sites where employees are based, one row per location.",
        (
            Col("location_id", "INTEGER PRIMARY KEY", "Unique location identifier."),
            Col("location_name", "TEXT NOT NULL", "Location name used in reports, e.g. 'Austin HQ'."),
            Col("city", "TEXT NOT NULL", "City of the office."),
            Col("country", "TEXT NOT NULL", "Country of the office: 'United States', 'Canada' or 'United Kingdom'."),
            Col(
                "site_type",
                "TEXT NOT NULL",
                "Kind of site: 'Headquarters', 'Office' or 'Service Center' (customer support and operations).",
            ),
            Col(
                "opened_date",
                "TEXT NOT NULL",
                "Date the location opened (YYYY-MM-DD); nobody is based there before it.",
            ),
        ),
    ),
    Table(
        "jobs",
        "Job catalogue: each job title with its job family and level, one row per job.",
        (
            Col("job_id", "INTEGER PRIMARY KEY", "Unique job identifier."),
            Col("job_title", "TEXT NOT NULL", "Job title, e.g. 'Senior Software Engineer'."),
            Col(
                "job_family",
                "TEXT NOT NULL",
                "Job family, named like the department whose work it is, e.g. 'Engineering' or 'Finance'.",
            ),
            Col(
                "job_level",
                "INTEGER NOT NULL",
                "Career level from 1 to 6: 1 Associate, 2 Professional, 3 Senior, 4 Manager, 5 Director, 6 Executive.",
            ),
            Col(
                "level_name",
                "TEXT NOT NULL",
                "Name of the level: 'Associate', 'Professional', 'Senior', 'Manager', 'Director' or 'Executive'.",
            ),
            Col(
                "is_people_manager",
                "INTEGER NOT NULL",
                "1 if people in this job manage a team (levels 4 to 6), else 0.",
            ),
        ),
    ),
    Table(
        "employees",
        "Employees: one row per person employed on or after 2021-01-01, current and former (people who left "
        "before 2021 are not here). Headcount on a date D = employees with hire_date <= D and "
        "(termination_date IS NULL OR termination_date > D). A hire is an employee whose hire_date falls in the "
        "period; a leaver is one whose termination_date falls in it.",
        (
            Col("employee_id", "INTEGER PRIMARY KEY", "Unique employee identifier."),
            Col("first_name", "TEXT NOT NULL", "Employee's first (given) name."),
            Col("last_name", "TEXT NOT NULL", "Employee's last (family) name."),
            Col(
                "gender",
                "TEXT",
                "Gender as self-identified by the employee: 'Female', 'Male' or 'Non-binary'; NULL when the "
                "employee chose not to say.",
            ),
            Col("hire_date", "TEXT NOT NULL", "Employee's first day of employment (YYYY-MM-DD)."),
            Col(
                "termination_date",
                "TEXT",
                "Date employment ended (YYYY-MM-DD): from this date on the person is no longer employed. NULL "
                "while still employed. Tenure in days = julianday(termination_date, or the reference date) - "
                "julianday(hire_date).",
            ),
            Col(
                "termination_type",
                "TEXT",
                "Who decided the departure: 'Voluntary' (the employee resigned or retired) or 'Involuntary' "
                "(the company ended the employment); NULL while still employed.",
            ),
            Col(
                "termination_reason",
                "TEXT",
                "Main reason for leaving, NULL while still employed. Voluntary: 'Better opportunity', "
                "'Compensation', 'Relocation', 'Career change', 'Personal reasons' or 'Retirement'; involuntary: "
                "'Performance', 'Policy violation' or 'Position eliminated'.",
            ),
            Col(
                "employment_status",
                "TEXT NOT NULL",
                "Status as of 2025-12-31: 'Active' or 'Terminated' (termination_date is set).",
            ),
            Col(
                "employment_type",
                "TEXT NOT NULL",
                "'Full-time' or 'Part-time'. Headcount counts people, part-time ones included.",
            ),
            Col(
                "department_id",
                "INTEGER NOT NULL",
                "Department the employee works in (departments.department_id); people do not move between "
                "departments in this data.",
            ),
            Col(
                "location_id",
                "INTEGER NOT NULL",
                "Office the employee is based at (locations.location_id); people do not move between offices.",
            ),
            Col(
                "job_id",
                "INTEGER NOT NULL",
                "Current job (jobs.job_id), or the last one held for people who left; earlier jobs are in "
                "salary_history.job_id.",
            ),
            Col(
                "manager_id",
                "INTEGER",
                "Current manager (employees.employee_id), or the last one for people who left; NULL for the "
                "chief executive. Direct reports of a manager are the employees whose manager_id is theirs.",
            ),
        ),
        (
            "FOREIGN KEY (department_id) REFERENCES departments (department_id)",
            "FOREIGN KEY (location_id) REFERENCES locations (location_id)",
            "FOREIGN KEY (job_id) REFERENCES jobs (job_id)",
            "FOREIGN KEY (manager_id) REFERENCES employees (employee_id)",
        ),
    ),
    Table(
        "salary_history",
        "Base pay history: one row per pay change of an employee, from their hire on (also before 2021). The "
        "salary in effect on a date D is the employee's row with the latest effective_date <= D; an employee's "
        "current salary is their row with the latest effective_date.",
        (
            Col("salary_id", "INTEGER PRIMARY KEY", "Unique salary record identifier."),
            Col("employee_id", "INTEGER NOT NULL", "Employee paid (employees.employee_id)."),
            Col("job_id", "INTEGER NOT NULL", "Job held from the effective date on (jobs.job_id)."),
            Col("effective_date", "TEXT NOT NULL", "Date the new salary took effect (YYYY-MM-DD)."),
            Col(
                "end_date",
                "TEXT",
                "Last day this salary was paid before the next change (YYYY-MM-DD); NULL on the employee's latest "
                "row, which stays in effect until they leave.",
            ),
            Col(
                "annual_base_salary",
                "REAL NOT NULL",
                "Annual base salary in USD (pay of non-US offices converted at a fixed rate), before bonus; for "
                "part-time employees the full-time equivalent.",
            ),
            Col(
                "change_reason",
                "TEXT NOT NULL",
                "Why pay changed: 'New hire' (starting salary), 'Merit increase' (each March 1, from the "
                "previous year-end review rating), 'Promotion' (a new job one level up) or 'Market adjustment'.",
            ),
        ),
        (
            "FOREIGN KEY (employee_id) REFERENCES employees (employee_id)",
            "FOREIGN KEY (job_id) REFERENCES jobs (job_id)",
        ),
    ),
    Table(
        "performance_reviews",
        "Performance reviews: one row per employee per review cycle, twice a year (mid-year in June, year-end in "
        "December) since 2021. Employees hired less than two months before a cycle are not reviewed in it.",
        (
            Col("review_id", "INTEGER PRIMARY KEY", "Unique review identifier."),
            Col("employee_id", "INTEGER NOT NULL", "Employee reviewed (employees.employee_id)."),
            Col("reviewer_id", "INTEGER NOT NULL", "Manager who wrote the review (employees.employee_id)."),
            Col(
                "review_cycle",
                "TEXT NOT NULL",
                "Cycle the review belongs to: '<year> Mid-Year' or '<year> Year-End', e.g. '2024 Year-End'.",
            ),
            Col("review_date", "TEXT NOT NULL", "Date the review was completed (YYYY-MM-DD)."),
            Col(
                "rating",
                "INTEGER NOT NULL",
                "Overall rating from 1 to 5: 1 Unsatisfactory, 2 Needs improvement, 3 Meets expectations, "
                "4 Exceeds expectations, 5 Outstanding.",
            ),
        ),
        (
            "FOREIGN KEY (employee_id) REFERENCES employees (employee_id)",
            "FOREIGN KEY (reviewer_id) REFERENCES employees (employee_id)",
        ),
    ),
    Table(
        "job_requisitions",
        "Job requisitions (approved openings to hire for), one row per opening, since 2021: every hire since "
        "2021 filled one. Time to fill in days = julianday(filled_date) - julianday(opened_date), over filled "
        "requisitions.",
        (
            Col("requisition_id", "INTEGER PRIMARY KEY", "Unique requisition identifier."),
            Col("department_id", "INTEGER NOT NULL", "Department hiring (departments.department_id)."),
            Col("location_id", "INTEGER NOT NULL", "Office the new hire will be based at (locations.location_id)."),
            Col("job_id", "INTEGER NOT NULL", "Job to be filled (jobs.job_id)."),
            Col(
                "hiring_manager_id",
                "INTEGER NOT NULL",
                "Employee responsible for the hire (employees.employee_id).",
            ),
            Col(
                "requisition_type",
                "TEXT NOT NULL",
                "'New position' (added headcount) or 'Backfill' (replaces someone who left).",
            ),
            Col("opened_date", "TEXT NOT NULL", "Date the requisition was approved and opened (YYYY-MM-DD)."),
            Col(
                "filled_date",
                "TEXT",
                "Date the position was filled: the hired person's first day, equal to their employees.hire_date "
                "(YYYY-MM-DD). NULL unless status is 'Filled'.",
            ),
            Col(
                "closed_date",
                "TEXT",
                "Date the requisition was closed, filled or cancelled (YYYY-MM-DD); NULL while open.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "Status as of 2025-12-31: 'Open', 'Filled' or 'Cancelled' (closed without a hire).",
            ),
            Col(
                "hired_employee_id",
                "INTEGER",
                "Employee hired to fill it (employees.employee_id); NULL unless status is 'Filled'.",
            ),
        ),
        (
            "FOREIGN KEY (department_id) REFERENCES departments (department_id)",
            "FOREIGN KEY (location_id) REFERENCES locations (location_id)",
            "FOREIGN KEY (job_id) REFERENCES jobs (job_id)",
            "FOREIGN KEY (hiring_manager_id) REFERENCES employees (employee_id)",
            "FOREIGN KEY (hired_employee_id) REFERENCES employees (employee_id)",
        ),
    ),
    Table(
        "candidates",
        "Candidates: people who applied for a requisition, one row per person in the applicant tracking system.",
        (
            Col("candidate_id", "INTEGER PRIMARY KEY", "Unique candidate identifier."),
            Col("first_name", "TEXT NOT NULL", "Candidate's first (given) name."),
            Col("last_name", "TEXT NOT NULL", "Candidate's last (family) name."),
            Col(
                "created_date",
                "TEXT NOT NULL",
                "Date the candidate's profile was created, at their first application (YYYY-MM-DD).",
            ),
        ),
    ),
    Table(
        "applications",
        "Applications: one row per candidate per requisition applied to, with how far it got. A filled "
        "requisition has exactly one application with status 'Hired'.",
        (
            Col("application_id", "INTEGER PRIMARY KEY", "Unique application identifier."),
            Col("requisition_id", "INTEGER NOT NULL", "Requisition applied to (job_requisitions.requisition_id)."),
            Col("candidate_id", "INTEGER NOT NULL", "Candidate who applied (candidates.candidate_id)."),
            Col(
                "source",
                "TEXT NOT NULL",
                "Where the application came from: 'Careers site', 'LinkedIn', 'Job board', 'Referral' (an "
                "employee referred them), 'Agency' (a recruiting agency) or 'University'.",
            ),
            Col("applied_date", "TEXT NOT NULL", "Date the application was received (YYYY-MM-DD)."),
            Col(
                "stage_reached",
                "TEXT NOT NULL",
                "Furthest stage of the hiring process reached, in order: 'Applied', 'Phone screen', 'Interview', "
                "'Offer', 'Hired'.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "Outcome as of 2025-12-31: 'Hired', 'Rejected', 'Withdrawn' (the candidate pulled out), "
                "'Offer declined' or 'In progress'.",
            ),
            Col(
                "status_date",
                "TEXT NOT NULL",
                "Date of the last status change (YYYY-MM-DD); for a hired candidate, the day they accepted the offer.",
            ),
        ),
        (
            "FOREIGN KEY (requisition_id) REFERENCES job_requisitions (requisition_id)",
            "FOREIGN KEY (candidate_id) REFERENCES candidates (candidate_id)",
        ),
    ),
    Table(
        "absences",
        "Absences (leave taken), one row per continuous absence of an employee, approved and taken; dated by "
        "start_date.",
        (
            Col("absence_id", "INTEGER PRIMARY KEY", "Unique absence identifier."),
            Col("employee_id", "INTEGER NOT NULL", "Employee absent (employees.employee_id)."),
            Col(
                "absence_type",
                "TEXT NOT NULL",
                "Kind of leave: 'Vacation', 'Sick leave', 'Parental leave', 'Bereavement' or 'Unpaid leave'.",
            ),
            Col("start_date", "TEXT NOT NULL", "First day of the absence (YYYY-MM-DD), a weekday."),
            Col(
                "end_date",
                "TEXT NOT NULL",
                "Last day of the absence (YYYY-MM-DD), inclusive: a one-day absence has end_date = start_date.",
            ),
            Col(
                "working_days",
                "INTEGER NOT NULL",
                "Working days (Monday to Friday) from start_date to end_date inclusive; public holidays are not "
                "deducted. Days of absence = SUM(working_days).",
            ),
        ),
        ("FOREIGN KEY (employee_id) REFERENCES employees (employee_id)",),
    ),
    Table(
        "training_courses",
        "Training catalogue: courses employees can take, one row per course.",
        (
            Col("course_id", "INTEGER PRIMARY KEY", "Unique course identifier."),
            Col("course_name", "TEXT NOT NULL", "Course title."),
            Col(
                "category",
                "TEXT NOT NULL",
                "Kind of course: 'Onboarding', 'Compliance' (mandatory), 'Leadership', 'Professional skills', "
                "'Technical', 'Sales', 'Customer service' or 'Health & safety'.",
            ),
            Col(
                "delivery_method",
                "TEXT NOT NULL",
                "How it is taught: 'Online' (self-paced), 'Virtual classroom' or 'In person'.",
            ),
            Col("duration_hours", "REAL NOT NULL", "Length of the course in hours, for one participant."),
            Col(
                "cost_per_participant",
                "REAL NOT NULL",
                "What one participant's place costs us, in USD (0 for courses run in-house at no charge).",
            ),
        ),
    ),
    Table(
        "training_enrollments",
        "Course enrollments: one row per employee per course taken. Training hours of an enrollment = the "
        "course's duration_hours, counted when it is completed.",
        (
            Col("enrollment_id", "INTEGER PRIMARY KEY", "Unique enrollment identifier."),
            Col("employee_id", "INTEGER NOT NULL", "Employee enrolled (employees.employee_id)."),
            Col("course_id", "INTEGER NOT NULL", "Course taken (training_courses.course_id)."),
            Col("enrolled_date", "TEXT NOT NULL", "Date the employee enrolled (YYYY-MM-DD)."),
            Col(
                "completed_date",
                "TEXT",
                "Date the employee completed the course (YYYY-MM-DD); NULL unless status is 'Completed'.",
            ),
            Col(
                "status",
                "TEXT NOT NULL",
                "Status as of 2025-12-31: 'Completed', 'In progress' or 'Withdrawn' (dropped, or left the "
                "company first).",
            ),
        ),
        (
            "FOREIGN KEY (employee_id) REFERENCES employees (employee_id)",
            "FOREIGN KEY (course_id) REFERENCES training_courses (course_id)",
        ),
    ),
)

COMMENTS = comments(_TABLES)


# --------------------------------------------------------------------------------------------
# Reference data.


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


@dataclass(frozen=True)
class _Dept:
    name: str
    division: str
    cost_center: str
    headcount_2021: int  # on 2021-01-01, head included
    growth: float  # yearly factor of the headcount plan
    days_to_fill: float  # typical days from opening a requisition to the hire's first day
    leaving: float  # factor on the monthly chance of resigning
    part_time: float  # share of part-time hires (levels 1 and 2)
    pay: float  # factor on the company's pay scale
    applicants: int  # typical applications per requisition


# fmt: off
_DEPARTMENTS = (
    _Dept("Executive", "Corporate", "CC-100", 3, 1.0, 90, 0.3, 0.0, 1.0, 25),
    _Dept("Engineering", "Technology", "CC-210", 112, 1.24, 58, 0.95, 0.02, 1.30, 18),
    _Dept("Product", "Technology", "CC-220", 24, 1.09, 52, 0.9, 0.0, 1.25, 20),
    _Dept("Data & Analytics", "Technology", "CC-230", 17, 1.26, 64, 0.95, 0.0, 1.22, 16),
    _Dept("IT", "Technology", "CC-240", 19, 1.02, 40, 1.0, 0.0, 1.05, 12),
    _Dept("Sales", "Go-to-Market", "CC-310", 88, 1.08, 38, 1.3, 0.0, 0.95, 14),
    _Dept("Marketing", "Go-to-Market", "CC-320", 29, 1.04, 42, 1.05, 0.04, 1.0, 22),
    _Dept("Customer Support", "Go-to-Market", "CC-330", 158, 0.90, 24, 1.3, 0.15, 0.72, 10),
    _Dept("Operations", "Operations", "CC-410", 78, 1.01, 27, 1.1, 0.08, 0.82, 9),
    _Dept("Finance", "Corporate", "CC-510", 27, 1.03, 47, 0.85, 0.03, 1.05, 14),
    _Dept("Human Resources", "Corporate", "CC-520", 18, 1.06, 41, 0.9, 0.05, 0.95, 16),
    _Dept("Legal", "Corporate", "CC-530", 8, 1.05, 75, 0.6, 0.0, 1.28, 12),
)
_ENGINEERING, _DATA, _SUPPORT, _OPERATIONS = 2, 4, 8, 9  # department ids, in that order
# Where a department's new positions go (location name: weight); its head sits at the first.
_OFFICES = {
    "Executive": {"Austin HQ": 1.0},
    "Engineering": {"Austin HQ": 0.30, "New York": 0.15, "Chicago": 0.10, "London": 0.15, "Toronto": 0.30},
    "Product": {"Austin HQ": 0.40, "New York": 0.35, "London": 0.25},
    "Data & Analytics": {"Austin HQ": 0.35, "New York": 0.30, "Toronto": 0.35},
    "IT": {"Austin HQ": 0.50, "Phoenix": 0.30, "Chicago": 0.20},
    "Sales": {"New York": 0.35, "Chicago": 0.25, "London": 0.20, "Austin HQ": 0.20},
    "Marketing": {"New York": 0.50, "Austin HQ": 0.30, "London": 0.20},
    "Customer Support": {"Phoenix": 0.65, "Austin HQ": 0.15, "London": 0.20},
    "Operations": {"Phoenix": 0.55, "Chicago": 0.45},
    "Finance": {"Austin HQ": 0.60, "New York": 0.20, "London": 0.20},
    "Human Resources": {"Austin HQ": 0.60, "Phoenix": 0.20, "London": 0.20},
    "Legal": {"Austin HQ": 0.50, "New York": 0.50},
}
# Job titles of levels 1 (Associate) to 5 (Director) in each department; the executive team's are below.
_TITLES = {
    "Engineering": ("Software Engineer I", "Software Engineer II", "Senior Software Engineer",
                    "Engineering Manager", "Director of Engineering"),
    "Product": ("Associate Product Manager", "Product Manager", "Senior Product Manager", "Group Product Manager",
                "Director of Product"),
    "Data & Analytics": ("Data Analyst", "Data Scientist", "Senior Data Scientist", "Analytics Manager",
                         "Director of Data"),
    "IT": ("IT Support Technician", "Systems Administrator", "Senior Systems Engineer", "IT Manager",
           "Director of IT"),
    "Sales": ("Sales Development Representative", "Account Executive", "Senior Account Executive",
              "Sales Manager", "Head of Sales"),
    "Marketing": ("Marketing Coordinator", "Marketing Specialist", "Senior Marketing Specialist",
                  "Marketing Manager", "Director of Marketing"),
    "Customer Support": ("Support Associate", "Support Specialist", "Senior Support Specialist", "Support Manager",
                         "Director of Customer Support"),
    "Operations": ("Operations Associate", "Operations Coordinator", "Senior Operations Analyst",
                   "Operations Manager", "Director of Operations"),
    "Finance": ("Accounting Associate", "Financial Analyst", "Senior Financial Analyst", "Finance Manager",
                "Director of Finance"),
    "Human Resources": ("HR Coordinator", "HR Generalist", "Senior HR Business Partner", "HR Manager",
                        "Director of People"),
    "Legal": ("Paralegal", "Corporate Counsel", "Senior Corporate Counsel", "Associate General Counsel",
              "General Counsel"),
}
# fmt: on
_EXECUTIVE_TITLES = ((2, "Executive Assistant"), (5, "Chief of Staff"), (6, "Chief Executive Officer"))
_LEVEL_NAMES = {1: "Associate", 2: "Professional", 3: "Senior", 4: "Manager", 5: "Director", 6: "Executive"}
_LEVEL_PAY = {1: 58_000, 2: 78_000, 3: 102_000, 4: 128_000, 5: 175_000, 6: 320_000}  # 2025 USD, Austin
_PAY_INFLATION = 1.03  # starting salaries rise this much a year

# name, city, country, site type, opened, pay factor, factor on the monthly chance of resigning
_LOCATIONS = (
    ("Austin HQ", "Austin", "United States", "Headquarters", "2012-03-01", 1.00, 0.9),
    ("New York", "New York", "United States", "Office", "2014-09-01", 1.15, 1.0),
    ("Chicago", "Chicago", "United States", "Office", "2016-05-01", 1.00, 0.9),
    ("Phoenix", "Phoenix", "United States", "Service Center", "2017-02-01", 0.90, 2.3),
    ("London", "London", "United Kingdom", "Office", "2018-04-01", 1.05, 0.8),
    ("Toronto", "Toronto", "Canada", "Office", "2023-03-01", 0.92, 0.75),
)
_FEMALE = _words(
    "Abigail Aisha Alice Amanda Amelia Ana Anna Aria Ava Bianca Camila Charlotte Chloe Claire Daniela Elena "
    "Eleanor Emily Emma Fatima Grace Hannah Isabella Jasmine Julia Karen Laura Leah Lily Lucia Maya Mei Mia "
    "Naomi Nina Olivia Priya Rachel Rosa Sara Sofia Valentina Victoria Yuki Zoe"
)
_MALE = _words(
    "Aaron Adam Ahmed Alejandro Andrew Arjun Benjamin Carlos Daniel David Diego Elijah Ethan Gabriel George "
    "Hiroshi Isaac James Jamal John Jonathan Jose Kevin Liam Lucas Luis Marcus Matthew Michael Mohammed Noah "
    "Omar Oliver Paul Rahul Ryan Samuel Thomas Victor Wei William"
)
_NEUTRAL = _words("Alex Avery Casey Jordan Morgan Quinn Riley Rowan Sam Taylor")
_LAST = _words(
    "Adams Ahmed Allen Anderson Baker Bennett Brooks Brown Campbell Carter Chen Clark Collins Cooper Cruz Davis "
    "Diaz Edwards Evans Fischer Flores Garcia Gomez Gonzalez Green Gupta Hall Harris Hernandez Hill Hughes "
    "Jackson Johnson Jones Kelly Khan Kim King Kowalski Lee Lewis Lopez Martin Martinez Miller Mitchell Moore "
    "Morales Murphy Nguyen Nelson O'Brien Okafor Park Patel Perez Phillips Ramirez Reed Reyes Richardson Rivera "
    "Roberts Robinson Rodriguez Rossi Sanchez Scott Shah Singh Smith Stewart Sullivan Tanaka Taylor Thomas "
    "Thompson Torres Turner Walker Wang Ward White Williams Wilson Wong Wright Young Zhang"
)
_GENDERS = (("Female", 0.46), ("Male", 0.47), ("Non-binary", 0.015), (None, 0.055))
_VOLUNTARY_REASONS = (
    ("Better opportunity", 0.36),
    ("Compensation", 0.18),
    ("Relocation", 0.12),
    ("Career change", 0.12),
    ("Personal reasons", 0.15),
    ("Retirement", 0.07),
)
_YEAR_LEAVING = {2021: 1.25, 2022: 1.35, 2023: 1.0, 2024: 0.85, 2025: 0.85}  # a resignation wave, then calm
_MONTHLY_RESIGNING = 0.0068
_MONTHLY_DISMISSAL = 0.0016
_SOURCES = ("Careers site", "LinkedIn", "Job board", "Referral", "Agency", "University")
_SOURCE_APPLYING = (0.34, 0.28, 0.15, 0.13, 0.06, 0.04)
_SOURCE_HIRED = (0.25, 0.24, 0.09, 0.28, 0.09, 0.05)
_STAGES = ("Applied", "Phone screen", "Interview", "Offer", "Hired")
# name, category, delivery, hours, cost per participant, departments that take it as an elective (() = none)
_COURSES = (
    ("New Hire Orientation", "Onboarding", "In person", 4.0, 0.0, ()),
    ("Code of Conduct", "Compliance", "Online", 1.0, 0.0, ()),
    ("Information Security Awareness", "Compliance", "Online", 1.5, 0.0, ()),
    ("Workplace Harassment Prevention", "Compliance", "Online", 2.0, 0.0, ()),
    ("Leadership Essentials", "Leadership", "In person", 16.0, 1200.0, ()),
    ("Coaching for Managers", "Leadership", "Virtual classroom", 8.0, 600.0, ()),
    ("Giving and Receiving Feedback", "Professional skills", "Virtual classroom", 3.0, 150.0, ("*",)),
    ("Presentation Skills", "Professional skills", "In person", 6.0, 400.0, ("*",)),
    ("Time Management", "Professional skills", "Online", 2.0, 80.0, ("*",)),
    ("Secure Coding", "Technical", "Online", 6.0, 250.0, ("Engineering",)),
    ("Cloud Architecture Fundamentals", "Technical", "Virtual classroom", 12.0, 900.0, ("Engineering", "IT")),
    ("SQL for Analysts", "Technical", "Online", 8.0, 200.0, ("Data & Analytics", "Finance", "Marketing")),
    ("Machine Learning in Practice", "Technical", "Virtual classroom", 14.0, 1100.0, ("Data & Analytics",)),
    ("Negotiation Skills", "Sales", "In person", 8.0, 700.0, ("Sales",)),
    ("Consultative Selling", "Sales", "Virtual classroom", 6.0, 450.0, ("Sales", "Marketing")),
    ("Customer Empathy", "Customer service", "Online", 3.0, 90.0, ("Customer Support",)),
    ("De-escalation Techniques", "Customer service", "Virtual classroom", 4.0, 160.0, ("Customer Support",)),
    ("Forklift Safety", "Health & safety", "In person", 4.0, 150.0, ("Operations",)),
    ("First Aid at Work", "Health & safety", "In person", 7.0, 220.0, ("Operations", "IT")),
    ("Contract Law Update", "Technical", "Virtual classroom", 5.0, 500.0, ("Legal",)),
)


# --------------------------------------------------------------------------------------------
# Dates.


def _months() -> list[tuple[int, int]]:
    return [(y, m) for y in range(START.year, END.year + 1) for m in range(1, 13)]


def _month_end(year: int, month: int) -> date:
    return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)


def _monday_on_or_after(day: date) -> date:
    return day + timedelta(days=-day.weekday() % 7)


def _start_date(day: date) -> date:
    """People start on a Monday, and not in the last two weeks of December."""
    start = _monday_on_or_after(day)
    if start.month == 12 and start.day >= 15:
        start = _monday_on_or_after(date(start.year + 1, 1, 2))
    return start


def _random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _employed(e: dict, day: date) -> bool:
    return e["hire_date"] <= day and (e["termination_date"] is None or e["termination_date"] > day)


def _last_day_employed(e: dict) -> date:
    return END if e["termination_date"] is None else e["termination_date"] - timedelta(days=1)


# --------------------------------------------------------------------------------------------
# Generation.


def _poisson(rng: random.Random, mean: float) -> int:
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


class _Company:
    """The month-by-month simulation: people join through requisitions, are reviewed, paid and promoted, leave."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.location_id = {loc[0]: i for i, loc in enumerate(_LOCATIONS, start=1)}
        self.location_opened = {i: date.fromisoformat(loc[4]) for i, loc in enumerate(_LOCATIONS, start=1)}
        self.jobs: list[dict] = []
        self.job_of: dict[tuple[int, int], int] = {}  # (department id, level) -> job id
        for dept_id, dept in enumerate(_DEPARTMENTS, start=1):
            titles = tuple(enumerate(_TITLES[dept.name], start=1)) if dept.name in _TITLES else _EXECUTIVE_TITLES
            for level, title in titles:
                self.job_of[(dept_id, level)] = len(self.jobs) + 1
                self.jobs.append(
                    {
                        "job_id": len(self.jobs) + 1,
                        "job_title": title,
                        "job_family": dept.name,
                        "job_level": level,
                        "level_name": _LEVEL_NAMES[level],
                        "is_people_manager": int(level >= 4),
                    }
                )
        self.employees: list[dict] = []
        self.salaries: list[dict] = []
        self.reviews: list[dict] = []
        self.requisitions: list[dict] = []
        self.chief: dict = {}
        self.heads: dict[int, dict] = {}  # department id -> its head (level 5)

    # -- people --------------------------------------------------------------------------------

    def _pay(self, dept_id: int, level: int, location_id: int, on: date) -> float:
        scale = _LEVEL_PAY[level] * _DEPARTMENTS[dept_id - 1].pay * _LOCATIONS[location_id - 1][5]
        return round(scale * _PAY_INFLATION ** (on.year - 2025) * self.rng.uniform(0.92, 1.08), -2)

    def _person(self, dept_id: int, level: int, location_id: int, hire: date) -> dict:
        rng = self.rng
        gender = rng.choices([g for g, _ in _GENDERS], [w for _, w in _GENDERS])[0]
        first_names = {"Female": _FEMALE, "Male": _MALE}.get(gender, _NEUTRAL)
        part_time = _DEPARTMENTS[dept_id - 1].part_time
        employee = {
            "employee_id": len(self.employees) + 1,
            "first_name": rng.choice(first_names),
            "last_name": rng.choice(_LAST),
            "gender": gender,
            "hire_date": hire,
            "termination_date": None,
            "termination_type": None,
            "termination_reason": None,
            "employment_type": "Part-time" if level <= 2 and rng.random() < part_time else "Full-time",
            "department_id": dept_id,
            "location_id": location_id,
            "job_id": self.job_of[(dept_id, level)],
            "manager_id": None,
            "_level": level,
            "_performance": rng.gauss(0, 1),
            "_stays": level >= 5 or dept_id == 1,  # the executive team and department heads stay throughout
            "_salary": 0.0,
            "_rating": None,  # latest year-end rating
        }
        self.employees.append(employee)
        self._pay_change(employee, hire, self._pay(dept_id, level, location_id, hire), "New hire")
        return employee

    def _pay_change(self, employee: dict, on: date, salary: float, reason: str) -> None:
        employee["_salary"] = salary
        self.salaries.append(
            {
                "employee_id": employee["employee_id"],
                "job_id": employee["job_id"],
                "effective_date": on,
                "annual_base_salary": salary,
                "change_reason": reason,
            }
        )

    def _manager_for(self, dept_id: int, level: int, location_id: int, on: date) -> int | None:
        """Whom someone of this department, level and office reports to on `on`: a people manager of the
        department employed then, of the same office if there is one; else the department head. Managers
        report to their head, heads and the executive team to the chief executive."""
        if level >= 6:
            return None
        if level == 5 or dept_id == 1:
            return self.chief["employee_id"]
        if level == 4:
            return self.heads[dept_id]["employee_id"]
        managers = [
            e for e in self.employees if e["department_id"] == dept_id and e["_level"] == 4 and _employed(e, on)
        ]
        pool = [e for e in managers if e["location_id"] == location_id] or managers
        return self.rng.choice(pool)["employee_id"] if pool else self.heads[dept_id]["employee_id"]

    def _assign_manager(self, employee: dict, on: date) -> None:
        employee["manager_id"] = self._manager_for(
            employee["department_id"], employee["_level"], employee["location_id"], on
        )

    # -- the people employed on 2021-01-01, hired since 2012 -------------------------------------

    def staff_2021(self) -> None:
        rng = self.rng
        for dept_id, dept in enumerate(_DEPARTMENTS, start=1):
            if dept_id == 1:
                levels = [6, 5, 2]
            else:
                people = dept.headcount_2021 - 1
                managers = round(people / 9) if people > 12 else 0
                levels = [5] + [4] * managers + rng.choices((1, 2, 3), (0.28, 0.42, 0.30), k=people - managers)
            offices = [
                (self.location_id[n], w)
                for n, w in _OFFICES[dept.name].items()
                if self.location_opened[self.location_id[n]] < START
            ]
            for level in levels:
                location_id = offices[0][0] if level >= 5 else rng.choices(*zip(*offices, strict=True))[0]
                earliest = _monday_on_or_after(max(date(2012, 3, 1), self.location_opened[location_id]))
                years = rng.expovariate(1 / 3.2) if level < 5 else rng.uniform(3, 8)
                hire = _monday_on_or_after(START - timedelta(days=round(years * 365.25) + 7))
                if hire.month == 12 and hire.day >= 15:
                    hire -= timedelta(days=14)
                employee = self._person(dept_id, level, location_id, max(hire, earliest))
                for year in range(employee["hire_date"].year + 1, START.year):  # a merit increase each March
                    salary = round(employee["_salary"] * rng.uniform(1.02, 1.045), -1)
                    self._pay_change(employee, date(year, 3, 1), salary, "Merit increase")
                if level == 6:
                    self.chief = employee
                elif level == 5 and dept_id > 1:
                    self.heads[dept_id] = employee
        for employee in self.employees:
            self._assign_manager(employee, START)

    # -- what happens in a month ---------------------------------------------------------------

    def _active(self, day: date) -> list[dict]:
        return [e for e in self.employees if _employed(e, day)]

    @staticmethod
    def _leave(employee: dict, on: date, kind: str, reason: str) -> None:
        employee.update(termination_date=on, termination_type=kind, termination_reason=reason)

    def _leavers(self, year: int, month: int) -> list[dict]:
        rng = self.rng
        first, last = date(year, month, 1), _month_end(year, month)
        leavers = []
        for e in self.employees:
            if e["_stays"] or e["hire_date"] >= first or e["termination_date"] is not None:
                continue
            tenure = (first - e["hire_date"]).days / 365.25
            resign = (
                _MONTHLY_RESIGNING
                * _DEPARTMENTS[e["department_id"] - 1].leaving
                * _LOCATIONS[e["location_id"] - 1][6]
                * _YEAR_LEAVING[year]
                * (1.45 if tenure < 1 else 0.7 if tenure > 5 else 1.0)
                * (0.7 if e["_level"] >= 4 else 1.0)
            )
            dismiss = _MONTHLY_DISMISSAL * (4.5 if (e["_rating"] or 3) <= 2 else 1.0)
            draw = rng.random()
            if draw < dismiss:
                reason = rng.choices(("Performance", "Policy violation"), (0.8, 0.2))[0]
                self._leave(e, _random_day(rng, first, last), "Involuntary", reason)
            elif draw < dismiss + resign:
                reason = rng.choices(*zip(*_VOLUNTARY_REASONS, strict=True))[0]
                if reason == "Retirement" and tenure < 4:
                    reason = "Personal reasons"
                self._leave(e, _random_day(rng, first, last), "Voluntary", reason)
            else:
                continue
            leavers.append(e)
        return leavers

    def _restructure(self) -> list[dict]:
        """June 2023: Customer Support moves first-line questions to self-service and cuts about a sixth of it."""
        on = date(2023, 6, 30)
        support = [e for e in self._active(on) if e["department_id"] == _SUPPORT and e["_level"] <= 3]
        cut = sorted(self.rng.sample(support, round(len(support) * 0.16)), key=lambda e: e["employee_id"])
        for e in cut:
            self._leave(e, on, "Involuntary", "Position eliminated")
        return cut

    def _raises(self, year: int) -> None:
        """March 1: a merit increase from the last year-end rating, or a promotion for some of the best."""
        rng = self.rng
        on = date(year, 3, 1)
        rated = {r["employee_id"]: r["rating"] for r in self.reviews if r["review_cycle"] == f"{year - 1} Year-End"}
        for e in self.employees:
            rating = rated.get(e["employee_id"])
            if rating is None or not _employed(e, on):
                continue
            if e["department_id"] != 1 and e["_level"] <= 2 and rng.random() < {5: 0.55, 4: 0.18}.get(rating, 0.0):
                e["_level"] += 1
                e["job_id"] = self.job_of[(e["department_id"], e["_level"])]
                self._pay_change(e, on, round(e["_salary"] * rng.uniform(1.09, 1.14), -1), "Promotion")
            elif rating > 1:
                percent = {2: 0.01, 3: 0.03, 4: 0.045, 5: 0.06}[rating] + rng.uniform(-0.004, 0.004)
                self._pay_change(e, on, round(e["_salary"] * (1 + percent), -1), "Merit increase")

    def _market_adjustment(self) -> None:
        """July 2022: engineers and data people were paid under the market and got 5 to 7% on top."""
        on = date(2022, 7, 1)
        for e in self._active(on):
            if e["department_id"] in (_ENGINEERING, _DATA) and e["_level"] <= 4:
                self._pay_change(e, on, round(e["_salary"] * self.rng.uniform(1.05, 1.07), -1), "Market adjustment")

    def _review(self, year: int, month: int) -> None:
        rng = self.rng
        cycle = f"{year} {'Mid-Year' if month == 6 else 'Year-End'}"
        cutoff = date(year, month, 1) - timedelta(days=61)
        by_id = {e["employee_id"]: e for e in self.employees}
        for e in self.employees:
            if e["_level"] >= 6 or e["hire_date"] > cutoff:
                continue
            on = _random_day(rng, date(year, month, 2), date(year, month, 19 if month == 12 else 28))
            if not _employed(e, on) or rng.random() < 0.03:
                continue
            if not _employed(by_id[e["manager_id"]], on):
                self._assign_manager(e, on)
            rating = max(1, min(5, round(3.35 + 0.7 * e["_performance"] + rng.gauss(0, 0.55))))
            if month == 12:
                e["_rating"] = rating
            self.reviews.append(
                {
                    "employee_id": e["employee_id"],
                    "reviewer_id": e["manager_id"],
                    "review_cycle": cycle,
                    "review_date": on,
                    "rating": rating,
                }
            )

    def _reassign(self, day: date) -> None:
        """Reports of a manager who has left move to another manager."""
        by_id = {e["employee_id"]: e for e in self.employees}
        for e in self.employees:
            if e["manager_id"] is not None and _employed(e, day) and not _employed(by_id[e["manager_id"]], day):
                self._assign_manager(e, day)

    def _plan(self, dept_id: int, year: int, month: int) -> int:
        """Headcount the department is budgeted for: the year's plan is set in January and released over the
        first half (recruiters can only open so many positions at once); Customer Support is cut in June 2023."""
        dept = _DEPARTMENTS[dept_id - 1]
        plan = dept.headcount_2021 * dept.growth ** (year - 2021 + min(month, 6) / 6)
        if dept_id == _SUPPORT and (year, month) >= (2023, 6):
            plan *= 0.85
        return round(plan)

    def _open(self, dept_id: int, level: int, location_id: int, kind: str, opened: date, start: date | None) -> None:
        rng = self.rng
        if start is None:
            typical = _DEPARTMENTS[dept_id - 1].days_to_fill * {1: 0.85, 2: 1.0, 3: 1.15, 4: 1.3}[level]
            start = _start_date(opened + timedelta(days=max(12, round(typical * rng.lognormvariate(0, 0.3)))))
        requisition = {
            "department_id": dept_id,
            "location_id": location_id,
            "job_id": self.job_of[(dept_id, level)],
            "hiring_manager_id": self._manager_for(dept_id, level, location_id, opened),
            "requisition_type": kind,
            "opened_date": opened,
            "filled_date": None,
            "closed_date": None,
            "status": "Open",
            "hired_employee_id": None,
            "_start": start,  # the hire's first day, if it comes (it may be after 2025)
            "_level": level,
        }
        if rng.random() < 0.06:
            requisition.update(status="Cancelled", closed_date=min(END, opened + timedelta(days=rng.randint(15, 110))))
            requisition["_start"] = None
        self.requisitions.append(requisition)

    def _plan_hiring(self, year: int, month: int, leavers: list[dict]) -> None:
        """Open requisitions for the gap between the plan and the people employed or coming: backfills for
        this month's leavers first (same job and office), then new positions (or, where the plan shrinks,
        backfills of earlier leavers)."""
        rng = self.rng
        first, last = date(year, month, 1), _month_end(year, month)
        active = self._active(last)
        for dept_id, dept in enumerate(_DEPARTMENTS, start=1):
            if dept_id == 1:
                continue
            plan = self._plan(dept_id, year, month)
            staff = [e for e in active if e["department_id"] == dept_id]
            coming = [r for r in self.requisitions if r["department_id"] == dept_id and (r["_start"] or first) > last]
            gone = [e for e in leavers if e["department_id"] == dept_id]
            offices = [
                (self.location_id[n], w)
                for n, w in _OFFICES[dept.name].items()
                if self.location_opened[self.location_id[n]] <= first
            ]
            managers_needed = round(plan / 9) if plan > 13 else 0
            managers = sum(e["_level"] == 4 for e in staff) + sum(r["_level"] == 4 for r in coming)
            for i in range(plan - len(staff) - len(coming)):
                if i < len(gone):
                    leaver = gone[i]
                    level, location_id, kind = leaver["_level"], leaver["location_id"], "Backfill"
                    opened = _random_day(rng, leaver["termination_date"], last)
                else:
                    if managers < managers_needed:
                        level, managers = 4, managers + 1
                    else:
                        level = rng.choices((1, 2, 3), (0.34, 0.40, 0.26))[0]
                    location_id = rng.choices(*zip(*offices, strict=True))[0]
                    kind = "Backfill" if dept.growth < 1 else "New position"
                    opened = _random_day(rng, first, last)
                self._open(dept_id, level, location_id, kind, opened, None)
            if month == 3 and dept_id in (_ENGINEERING, _DATA):  # the graduate program: juniors who start in August
                for _ in range(round(plan * 0.07)):
                    location_id = rng.choices(*zip(*offices, strict=True))[0]
                    opened = _random_day(rng, first, last)
                    self._open(dept_id, 1, location_id, "New position", opened, _monday_on_or_after(date(year, 8, 1)))

    def _start_hires(self, year: int, month: int) -> None:
        """Requisitions whose hire starts this month are filled: the hire becomes an employee."""
        first, last = date(year, month, 1), _month_end(year, month)
        for r in self.requisitions:
            if r["_start"] is not None and first <= r["_start"] <= last:
                employee = self._person(r["department_id"], r["_level"], r["location_id"], r["_start"])
                self._assign_manager(employee, r["_start"])
                r.update(filled_date=r["_start"], closed_date=r["_start"], status="Filled")
                r["hired_employee_id"] = employee["employee_id"]

    def run(self) -> None:
        self.staff_2021()
        for year, month in _months():
            leavers = self._leavers(year, month)
            if month == 3 and year > START.year:
                self._raises(year)
            if (year, month) == (2022, 7):
                self._market_adjustment()
            if (year, month) == (2023, 6):
                leavers += self._restructure()
            self._reassign(date(year, month, 1))
            self._start_hires(year, month)
            if month in (6, 12):
                self._review(year, month)
            self._plan_hiring(year, month, leavers)
            self._reassign(_month_end(year, month))


# --------------------------------------------------------------------------------------------
# Recruiting, absences and training, around the people the simulation made.


def _recruiting(rng: random.Random, requisitions: list[dict], employees: list[dict]) -> tuple[list, list]:
    """Candidates and their applications for each requisition; the hire of a filled one applied like the rest."""
    candidates: list[dict] = []
    applications: list[dict] = []

    def candidate(first_name: str, last_name: str, applied: date) -> int:
        candidates.append(
            {
                "candidate_id": len(candidates) + 1,
                "first_name": first_name,
                "last_name": last_name,
                "created_date": applied,
            }
        )
        return len(candidates)

    for r in requisitions:
        dept = _DEPARTMENTS[r["department_id"] - 1]
        level = r["_level"]
        count = max(3, round(rng.lognormvariate(math.log(dept.applicants * (1.25 if level == 1 else 1.0)), 0.4)))
        last_day = r["closed_date"] or END
        window_end = max(r["opened_date"], r["filled_date"] - timedelta(days=21)) if r["filled_date"] else last_day
        hired = rng.randrange(count) if r["status"] == "Filled" else None
        for i in range(count):
            applied = _random_day(rng, r["opened_date"], window_end)
            if i == hired:
                hire = employees[r["hired_employee_id"] - 1]
                source = rng.choices(_SOURCES, _SOURCE_HIRED)[0]
                candidate_id = candidate(hire["first_name"], hire["last_name"], applied)
                latest = r["filled_date"] - timedelta(days=1)
                earliest = min(applied + timedelta(days=7), latest)
                stage = status = "Hired"
                when = _random_day(rng, earliest, max(earliest, latest - timedelta(days=6)))  # the offer accepted
            else:
                weights = [
                    w * (4 if s == "University" and level == 1 else 1)
                    for s, w in zip(_SOURCES, _SOURCE_APPLYING, strict=True)
                ]
                source = rng.choices(_SOURCES, weights)[0]
                earlier = candidates[rng.randrange(len(candidates))] if candidates and rng.random() < 0.08 else None
                if earlier is not None and earlier["created_date"] <= applied:
                    candidate_id = earlier["candidate_id"]
                else:
                    candidate_id = candidate(rng.choice(_FEMALE + _MALE + _NEUTRAL), rng.choice(_LAST), applied)
                stage = rng.choices(_STAGES[:4], (0.57, 0.26, 0.15, 0.02))[0]
                days = {"Applied": (3, 20), "Phone screen": (7, 25), "Interview": (14, 40), "Offer": (20, 50)}[stage]
                when = min(applied + timedelta(days=rng.randint(*days)), last_day)
                if r["status"] == "Open" and applied + timedelta(days=days[1]) > END and rng.random() < 0.7:
                    status, when = "In progress", max(applied, min(when, END))
                elif stage == "Offer":
                    status = "Offer declined"
                else:
                    status = "Withdrawn" if rng.random() < 0.14 else "Rejected"
            applications.append(
                {
                    "application_id": len(applications) + 1,
                    "requisition_id": r["requisition_id"],
                    "candidate_id": candidate_id,
                    "source": source,
                    "applied_date": applied,
                    "stage_reached": stage,
                    "status": status,
                    "status_date": when,
                }
            )
    return candidates, applications


_VACATION_MONTHS = (0.6, 0.7, 1.0, 0.9, 0.9, 1.5, 2.0, 1.8, 0.8, 0.8, 1.0, 1.6)
_SICK_MONTHS = (1.8, 1.7, 1.2, 0.9, 0.7, 0.6, 0.6, 0.6, 0.8, 1.0, 1.3, 1.6)


def _absences(rng: random.Random, employees: list[dict]) -> list[dict]:
    """Leave taken by each employee in each year they worked in, none overlapping."""
    rows = []
    for e in employees:
        taken: list[tuple[date, date]] = []
        for year in range(START.year, END.year + 1):
            first, last = max(date(year, 1, 1), e["hire_date"]), min(date(year, 12, 31), _last_day_employed(e))
            if first > last:
                continue
            share = ((last - first).days + 1) / 365
            wishes = []
            allowance = round(rng.uniform(12, 21) * share)
            while allowance > 0:
                days = min(allowance, rng.choice((1, 1, 2, 3, 4, 5, 5, 5, 10)))
                wishes.append(("Vacation", days, _VACATION_MONTHS))
                allowance -= days
            frontline = e["department_id"] in (_SUPPORT, _OPERATIONS)
            for _ in range(_poisson(rng, 2.0 * share * (1.35 if frontline else 1.0))):
                wishes.append(("Sick leave", rng.choice((1, 1, 1, 2, 2, 3, 4, 5)), _SICK_MONTHS))
            for kind, chance, low, high in (
                ("Parental leave", 0.022, 40, 85),
                ("Bereavement", 0.03, 2, 5),
                ("Unpaid leave", 0.01, 5, 15),
            ):
                if rng.random() < chance * share:
                    wishes.append((kind, rng.randint(low, high), (1.0,) * 12))
            for kind, days, season in wishes:
                for _attempt in range(12):
                    start = _random_day(rng, first, last)
                    if rng.random() * max(season) > season[start.month - 1]:
                        continue
                    start += timedelta(days=max(0, 7 - start.weekday()) if start.weekday() >= 5 else 0)
                    end, counted = start, 1
                    while counted < days:
                        end += timedelta(days=1)
                        counted += end.weekday() < 5
                    if end > last or any(s <= end and start <= t for s, t in taken):
                        continue
                    taken.append((start, end))
                    rows.append(
                        {
                            "employee_id": e["employee_id"],
                            "absence_type": kind,
                            "start_date": start,
                            "end_date": end,
                            "working_days": days,
                        }
                    )
                    break
    rows.sort(key=lambda a: (a["start_date"], a["employee_id"]))
    for number, row in enumerate(rows, start=1):
        row["absence_id"] = number
    return rows


def _training(rng: random.Random, employees: list[dict]) -> list[dict]:
    """Onboarding for every hire, yearly compliance courses for everyone, leadership courses for managers and
    a few electives of their field for each person and year."""
    course_id = {c[0]: i for i, c in enumerate(_COURSES, start=1)}
    rows = []

    def enroll(e: dict, name: str, on: date, days: int, completes: bool) -> None:
        if on > _last_day_employed(e):
            return
        done = on + timedelta(days=days)
        if completes and done <= _last_day_employed(e):
            status, completed = "Completed", done
        elif not completes or e["termination_date"] is not None:
            status, completed = "Withdrawn", None
        else:
            status, completed = "In progress", None
        rows.append(
            {
                "employee_id": e["employee_id"],
                "course_id": course_id[name],
                "enrolled_date": on,
                "completed_date": completed,
                "status": status,
            }
        )

    for e in employees:
        dept = _DEPARTMENTS[e["department_id"] - 1].name
        electives = [c[0] for c in _COURSES if "*" in c[5] or dept in c[5]]
        if e["hire_date"] >= START:
            enroll(e, "New Hire Orientation", e["hire_date"], rng.randint(0, 4), rng.random() < 0.98)
            enroll(e, "Code of Conduct", e["hire_date"], rng.randint(1, 10), rng.random() < 0.97)
            if e["_level"] == 4:
                enroll(
                    e,
                    "Leadership Essentials",
                    e["hire_date"] + timedelta(days=rng.randint(30, 90)),
                    rng.randint(5, 30),
                    rng.random() < 0.9,
                )
        for year in range(START.year, END.year + 1):
            yearly = date(year, 10, 1)
            if _employed(e, yearly):
                enroll(
                    e,
                    "Information Security Awareness",
                    yearly + timedelta(days=rng.randint(0, 10)),
                    int(rng.expovariate(1 / 14)),
                    rng.random() < 0.95,
                )
            if year % 2 and _employed(e, date(year, 4, 1)):
                enroll(
                    e,
                    "Workplace Harassment Prevention",
                    date(year, 4, 1) + timedelta(days=rng.randint(0, 10)),
                    int(rng.expovariate(1 / 18)),
                    rng.random() < 0.95,
                )
            first = max(date(year, 1, 1), e["hire_date"])
            last = min(date(year, 12, 31), _last_day_employed(e))
            if first > last:
                continue
            if e["_level"] >= 4 and rng.random() < 0.3:
                enroll(
                    e, "Coaching for Managers", _random_day(rng, first, last), rng.randint(7, 40), rng.random() < 0.9
                )
            count = min(len(electives), _poisson(rng, 0.9 * ((last - first).days + 1) / 365))
            for name in rng.sample(electives, count):
                enroll(e, name, _random_day(rng, first, last), rng.randint(1, 45), rng.random() < 0.85)
    rows.sort(key=lambda t: (t["enrolled_date"], t["employee_id"], t["course_id"]))
    for number, row in enumerate(rows, start=1):
        row["enrollment_id"] = number
    return rows


def hr_rows() -> dict[str, list[dict]]:
    """Every table's rows, by table name, generated from the fixed seed."""
    rng = random.Random(SEED)
    company = _Company(rng)
    company.run()
    employees = company.employees
    for e in employees:
        e["employment_status"] = "Active" if e["termination_date"] is None else "Terminated"

    salaries = sorted(company.salaries, key=lambda s: (s["employee_id"], s["effective_date"]))
    for number, row in enumerate(salaries, start=1):
        row["salary_id"] = number
        following = salaries[number] if number < len(salaries) else None
        same = following is not None and following["employee_id"] == row["employee_id"]
        row["end_date"] = following["effective_date"] - timedelta(days=1) if same else None
    reviews = sorted(company.reviews, key=lambda r: (r["review_date"], r["employee_id"]))
    for number, row in enumerate(reviews, start=1):
        row["review_id"] = number
    requisitions = sorted(company.requisitions, key=lambda r: r["opened_date"])  # stable: ties keep their order
    for number, row in enumerate(requisitions, start=1):
        row["requisition_id"] = number
    candidates, applications = _recruiting(rng, requisitions, employees)
    departments = [
        {"department_id": i, "department_name": d.name, "division": d.division, "cost_center": d.cost_center}
        for i, d in enumerate(_DEPARTMENTS, start=1)
    ]
    locations = [
        {
            "location_id": i,
            "location_name": loc[0],
            "city": loc[1],
            "country": loc[2],
            "site_type": loc[3],
            "opened_date": date.fromisoformat(loc[4]),
        }
        for i, loc in enumerate(_LOCATIONS, start=1)
    ]
    courses = [
        {
            "course_id": i,
            "course_name": c[0],
            "category": c[1],
            "delivery_method": c[2],
            "duration_hours": c[3],
            "cost_per_participant": c[4],
        }
        for i, c in enumerate(_COURSES, start=1)
    ]
    return {
        "departments": departments,
        "locations": locations,
        "jobs": company.jobs,
        "employees": employees,
        "salary_history": salaries,
        "performance_reviews": reviews,
        "job_requisitions": requisitions,
        "candidates": candidates,
        "applications": applications,
        "absences": _absences(rng, employees),
        "training_courses": courses,
        "training_enrollments": _training(rng, employees),
    }


def database_path(out_dir: Path) -> Path:
    return sqlite_file.database_path(out_dir, DB_ID)


def build(out_dir: Path) -> Path:
    """Write the warehouse under `out_dir` in the eval-set layout, replacing an older build; return its path."""
    return sqlite_file.write(database_path(out_dir), _TABLES, hr_rows())


def main(argv: list[str] | None = None) -> int:
    return sqlite_file.main(argv, "bench.warehouses.hr", build, HELD_OUT_QUESTIONS)


if __name__ == "__main__":
    sys.exit(main())
