"""The hotels warehouse and its held-out questions: built from scratch, documented, deterministic, consistent, and
every gold query runs and agrees with a second computation in Python over the generator's rows (not SQL). No
model; the questions are read as data only (they are the project's fair measure)."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from bench.warehouses import hotels
from tests.heldout_checks import (
    assert_every_table_and_column_commented,
    assert_golds_agree,
    assert_held_out_set,
    assert_rounded_golds_have_exact_twins,
    count,
    held_out_questions,
    in_year,
    mean,
    ranked,
    warehouse_fixtures,
)

dataset, con = warehouse_fixtures(hotels)


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    return hotels.hotels_rows()


def test_tables_are_sizeable_and_cover_two_years(dataset: Path, con: sqlite3.Connection) -> None:
    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(hotels.COMMENTS) and 6 <= len(tables) <= 9
    assert count(con, "SELECT count(*) FROM properties") == 8
    for table in ("guests", "bookings", "folio_charges", "reviews"):
        assert count(con, f"SELECT count(*) FROM {table}") >= 3000, table
    dated = {
        "bookings": "check_in_date",
        "folio_charges": "charge_date",
        "reviews": "review_date",
        "guests": "signup_date",
    }
    for table, column in dated.items():
        first, last = con.execute(f"SELECT min({column}), max({column}) FROM {table}").fetchone()
        assert first.startswith("2024-01") and last.startswith("2025-12"), table
    every_date = (
        "SELECT min(d), max(d) FROM (SELECT booking_date AS d FROM bookings UNION ALL SELECT check_in_date "
        "FROM bookings UNION ALL SELECT check_out_date FROM bookings UNION ALL SELECT cancelled_date FROM bookings "
        "UNION ALL SELECT charge_date FROM folio_charges UNION ALL SELECT review_date FROM reviews "
        "UNION ALL SELECT signup_date FROM guests)"
    )
    assert con.execute(every_date).fetchone() == ("2024-01-01", "2025-12-31")
    assert hotels.database_path(dataset).stat().st_size < 10_000_000


def test_every_table_and_column_is_commented_in_its_ddl(con: sqlite3.Connection) -> None:
    assert_every_table_and_column_commented(con, hotels.COMMENTS)


def test_keys_and_dates_hold(con: sqlite3.Connection) -> None:
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    foreign_keys = {t: len(con.execute(f"PRAGMA foreign_key_list({t})").fetchall()) for t in hotels.COMMENTS}
    assert foreign_keys == {
        "properties": 0,
        "room_types": 1,
        "guests": 0,
        "bookings": 3,
        "folio_charges": 1,
        "reviews": 2,
    }
    nights = "(julianday(b.check_out_date) - julianday(b.check_in_date))"
    broken = {
        "a hotel's rooms are not the sum of its room types": "SELECT count(*) FROM properties p "
        "WHERE p.rooms_count <> (SELECT sum(rooms) FROM room_types rt WHERE rt.property_id = p.property_id)",
        "a booking's room type is another hotel's": "SELECT count(*) FROM bookings b JOIN room_types rt "
        "USING (room_type_id) WHERE rt.property_id <> b.property_id OR b.occupants > rt.max_guests "
        "OR b.occupants < 1",
        "a booking's dates are out of order": "SELECT count(*) FROM bookings b JOIN properties p "
        "USING (property_id) WHERE b.booking_date > b.check_in_date OR b.check_out_date <= b.check_in_date "
        "OR b.check_in_date < p.opened_date OR b.booking_date < '2024-01-01' OR b.check_out_date > '2025-12-31'",
        "a cancellation disagrees with the status": "SELECT count(*) FROM bookings "
        "WHERE (cancelled_date IS NOT NULL) <> (status = 'Cancelled') OR cancelled_date < booking_date "
        "OR cancelled_date > check_in_date OR status NOT IN ('Checked out', 'Cancelled', 'No-show')",
        "a booking's amounts do not add up": f"SELECT count(*) FROM bookings b WHERE b.total_amount <> "
        f"b.nightly_rate * {nights} OR b.nightly_rate <= 0 OR (b.commission_amount > 0) <> "
        "(b.channel = 'OTA' AND b.status = 'Checked out') OR abs(b.commission_amount - "
        "round(0.17 * b.total_amount, 2)) > 0.005 AND b.commission_amount > 0",
        "a guest's profile is not created with their first booking": "SELECT count(*) FROM guests g "
        "LEFT JOIN (SELECT guest_id, min(booking_date) AS first FROM bookings GROUP BY guest_id) f "
        "USING (guest_id) WHERE g.signup_date IS NOT f.first",
        "a stay has no single room charge equal to its total": "SELECT count(*) FROM bookings b "
        "LEFT JOIN (SELECT booking_id, count(*) AS n, sum(amount) AS amount, min(charge_date) AS day "
        "FROM folio_charges WHERE category = 'Room' GROUP BY booking_id) f USING (booking_id) "
        "WHERE (b.status = 'Checked out') <> (f.n IS NOT NULL) OR f.n <> 1 OR f.amount <> b.total_amount "
        "OR f.day <> b.check_out_date",
        "a charge on a booking that did not stay, or outside the stay": "SELECT count(*) FROM folio_charges f "
        "JOIN bookings b USING (booking_id) WHERE (b.status = 'Cancelled') "
        "OR (b.status = 'No-show' AND NOT (f.category = 'No-show fee' AND f.amount = b.nightly_rate "
        "AND f.charge_date = b.check_in_date)) OR (b.status = 'Checked out' AND (f.category = 'No-show fee' "
        "OR f.charge_date < b.check_in_date OR f.charge_date > b.check_out_date)) OR f.amount <= 0",
        "a spa charge at a hotel without a spa": "SELECT count(*) FROM folio_charges f JOIN bookings b "
        "USING (booking_id) JOIN properties p USING (property_id) WHERE f.category = 'Spa' AND p.has_spa = 0",
        "a review of a stay that did not happen, or of another hotel": "SELECT count(*) FROM reviews r "
        "JOIN bookings b USING (booking_id) WHERE b.status <> 'Checked out' OR r.property_id <> b.property_id "
        "OR r.review_date < b.check_out_date OR r.score NOT BETWEEN 1 AND 10",
        "two reviews of one stay": "SELECT count(*) FROM (SELECT 1 FROM reviews GROUP BY booking_id "
        "HAVING count(*) > 1)",
    }
    for what, sql in broken.items():
        assert count(con, sql) == 0, what


def test_no_room_type_is_ever_overbooked(rows: dict) -> None:
    rooms = {rt["room_type_id"]: rt["rooms"] for rt in rows["room_types"]}
    held: Counter = Counter()
    for b in rows["bookings"]:
        if b["status"] != "Cancelled":
            for k in range((b["check_out_date"] - b["check_in_date"]).days):
                held[b["room_type_id"], b["check_in_date"] + timedelta(days=k)] += 1
    assert max(n - rooms[rt] for (rt, _), n in held.items()) <= 0
    full = sum(n == rooms[rt] for (rt, _), n in held.items())
    assert full > 500  # hotels do sell out at their peaks


def test_the_business_has_the_shape_its_docstring_promises(con: sqlite3.Connection) -> None:
    ota = dict(
        con.execute(
            "SELECT substr(check_in_date, 1, 4), avg(channel = 'OTA') FROM bookings GROUP BY 1 ORDER BY 1"
        ).fetchall()
    )
    direct = dict(con.execute("SELECT substr(check_in_date, 1, 4), avg(channel = 'Direct') FROM bookings GROUP BY 1"))
    assert ota["2025"] < ota["2024"] - 0.08 and direct["2025"] > direct["2024"] + 0.08
    cancelled = dict(con.execute("SELECT channel, avg(status = 'Cancelled') FROM bookings GROUP BY 1"))
    assert cancelled["OTA"] > 2 * max(cancelled["Direct"], cancelled["Phone"], cancelled["Corporate"])
    lead = dict(
        con.execute("SELECT channel, avg(julianday(check_in_date) - julianday(booking_date)) FROM bookings GROUP BY 1")
    )
    assert lead["Corporate"] < 0.5 * min(lead["Direct"], lead["OTA"], lead["Phone"])
    busiest = dict(
        con.execute(
            "SELECT city, month FROM (SELECT p.city, strftime('%m', b.check_in_date) AS month, "
            "ROW_NUMBER() OVER (PARTITION BY p.city ORDER BY count(*) DESC) AS rn FROM bookings b "
            "JOIN properties p USING (property_id) WHERE b.status = 'Checked out' GROUP BY 1, 2) WHERE rn = 1"
        )
    )
    assert busiest["Aspen"] in ("01", "02", "03", "12") and busiest["San Diego"] in ("06", "07", "08")
    assert busiest["Scottsdale"] in ("01", "02", "03")
    assert con.execute(
        "SELECT min(b.check_in_date), p.opened_date FROM bookings b JOIN properties p USING (property_id) "
        "WHERE p.city = 'Austin'"
    ).fetchone() == ("2025-05-15", "2025-05-15")
    repeat = dict(
        con.execute(
            "SELECT g.loyalty_tier, avg(s.n >= 2) FROM guests g JOIN (SELECT guest_id, count(*) AS n FROM bookings "
            "WHERE status = 'Checked out' GROUP BY guest_id) s USING (guest_id) GROUP BY 1"
        )
    )
    assert repeat["Platinum"] > repeat["Gold"] > repeat["Silver"] > 3 * repeat["Non-member"]
    revenue = {
        (city, year): amount
        for city, year, amount in con.execute(
            "SELECT p.city, substr(b.check_in_date, 1, 4), sum(b.total_amount) FROM bookings b "
            "JOIN properties p USING (property_id) WHERE b.status = 'Checked out' GROUP BY 1, 2"
        )
    }
    growth = {c: revenue[c, "2025"] / revenue[c, "2024"] for c, y in revenue if y == "2024"}
    assert max(growth, key=growth.get) == "San Diego" and growth["Chicago"] < 1
    scores = {
        (city, year): score
        for city, year, score in con.execute(
            "SELECT p.city, substr(r.review_date, 1, 4), avg(r.score) FROM reviews r "
            "JOIN properties p USING (property_id) GROUP BY 1, 2"
        )
    }
    assert scores["Chicago", "2024"] - scores["Chicago", "2025"] > 1
    assert all(abs(scores[c, "2025"] - scores[c, "2024"]) < 0.3 for c, y in scores if y == "2024" and c != "Chicago")
    spa = {
        city
        for (city,) in con.execute(
            "SELECT DISTINCT p.city FROM folio_charges f JOIN bookings b "
            "USING (booking_id) JOIN properties p USING (property_id) "
            "WHERE f.category = 'Spa'"
        )
    }
    assert spa == {"New York", "Aspen", "San Diego", "Scottsdale"}


def test_build_is_deterministic(dataset: Path, tmp_path: Path, rows: dict) -> None:
    again = hotels.build(tmp_path)
    assert again.read_bytes() == hotels.database_path(dataset).read_bytes()
    assert hotels.hotels_rows() == rows


def test_held_out_gold_queries_run_and_answer(dataset: Path, con: sqlite3.Connection) -> None:
    assert_held_out_set(dataset, con, hotels, {"easy": 3, "medium": 5, "hard": 5, "extra": 7})


# --------------------------------------------------------------------------------------------
# The second computation: every answer again, in Python, from the generator's rows.


def _nights(b: dict) -> int:
    return (b["check_out_date"] - b["check_in_date"]).days


def _expected(rows: dict[str, list[dict]]) -> dict[str, list[tuple]]:
    hotel = {p["property_id"]: p for p in rows["properties"]}
    name = {i: p["property_name"] for i, p in hotel.items()}
    room_type = {rt["room_type_id"]: rt for rt in rows["room_types"]}
    tier = {g["guest_id"]: g["loyalty_tier"] for g in rows["guests"]}
    bookings = rows["bookings"]
    stays = [b for b in bookings if b["status"] == "Checked out"]
    stays25 = [b for b in stays if in_year(b["check_in_date"], 2025)]
    in25 = [b for b in bookings if in_year(b["check_in_date"], 2025)]
    by_id = {b["booking_id"]: b for b in bookings}
    out: dict[str, list[tuple]] = {}

    out["hotels-01"] = [(sum(b["total_amount"] for b in stays25),)]
    out["hotels-02"] = [(sum(b["status"] == "Cancelled" for b in in25),)]
    luxury = sorted((p for p in hotel.values() if p["brand_tier"] == "Luxury"), key=lambda p: -p["rooms_count"])
    out["hotels-03"] = [(p["property_name"], p["city"], p["rooms_count"]) for p in luxury]

    spa: Counter = Counter()
    for f in rows["folio_charges"]:
        if f["category"] == "Spa" and in_year(f["charge_date"], 2025):
            spa[name[by_id[f["booking_id"]]["property_id"]]] += f["amount"]
    out["hotels-04"] = list(spa.items())

    channels = sorted({b["channel"] for b in bookings})
    out["hotels-05"] = [
        (ch, 100 * mean([b["status"] == "Cancelled" for b in in25 if b["channel"] == ch])) for ch in channels
    ]

    by_type: Counter = Counter()
    for b in stays25:
        by_type[b["room_type_id"]] += b["total_amount"]
    out["hotels-06"] = [
        (name[room_type[i]["property_id"]], room_type[i]["room_type_name"], by_type[i]) for i in ranked(by_type, 3)
    ]

    newest = [i for i, p in hotel.items() if p["opened_date"].year == 2025]
    assert len(newest) == 1
    opening = defaultdict(list)
    for b in stays:
        if b["property_id"] == newest[0]:
            opening[f"{b['check_in_date']:%Y-%m}"].append(b["total_amount"])
    out["hotels-07"] = [(m, len(v), sum(v)) for m, v in sorted(opening.items())]

    per_hotel = defaultdict(list)
    for b in stays25:
        per_hotel[b["property_id"]].append(b)
    out["hotels-08"] = [(name[i], mean([_nights(b) for b in v])) for i, v in per_hotel.items()]

    out["hotels-09"] = [
        (ch, mean([(b["check_in_date"] - b["booking_date"]).days for b in in25 if b["channel"] == ch]))
        for ch in channels
    ]
    out["hotels-10"] = [
        (name[i], sum(b["total_amount"] for b in v) / sum(_nights(b) for b in v)) for i, v in per_hotel.items()
    ]

    out["hotels-11"] = []
    for year in (2024, 2025):
        revenue = Counter()
        for b in stays:
            if in_year(b["check_in_date"], year):
                revenue[b["channel"]] += b["total_amount"]
        out["hotels-11"] += [(str(year), ch, 100 * revenue[ch] / sum(revenue.values())) for ch in channels]

    out["hotels-12"] = [
        (
            ch,
            mean(
                [
                    (b["check_in_date"] - b["cancelled_date"]).days
                    for b in in25
                    if b["channel"] == ch and b["status"] == "Cancelled"
                ]
            ),
        )
        for ch in channels
    ]

    quarters = defaultdict(list)
    for b in bookings:
        quarters[b["check_in_date"].year, (b["check_in_date"].month + 2) // 3].append(b["channel"] == "OTA")
    out["hotels-13"] = [(str(y), q, 100 * mean(v)) for (y, q), v in sorted(quarters.items())]

    yearly = defaultdict(Counter)
    for b in stays:
        yearly[b["property_id"]][b["check_in_date"].year] += b["total_amount"]
    growth = {i: 100 * (r[2025] - r[2024]) / r[2024] for i, r in yearly.items() if r[2024] > 0}
    out["hotels-14"] = [(name[i], growth[i]) for i in ranked(growth, 1)]

    stay_count = Counter(b["guest_id"] for b in stays)
    repeat = defaultdict(list)
    for guest, n in stay_count.items():
        repeat[tier[guest]].append(n >= 2)
    out["hotels-15"] = [(t, 100 * mean(v)) for t, v in repeat.items()]

    q3_nights: Counter = Counter()
    first, last = date(2025, 7, 1), date(2025, 9, 30)
    for b in stays:
        for k in range(_nights(b)):
            if first <= b["check_in_date"] + timedelta(days=k) <= last:
                q3_nights[b["property_id"]] += 1
    out["hotels-16"] = [(name[i], 100 * n / (hotel[i]["rooms_count"] * 92)) for i, n in q3_nights.items()]

    monthly = Counter()
    for b in stays25:
        monthly[f"{b['check_in_date']:%Y-%m}"] += b["total_amount"]
    running = 0.0
    out["hotels-17"] = []
    for month in sorted(monthly):
        running += monthly[month]
        out["hotels-17"].append((month, monthly[month], running))

    hotel_months = defaultdict(Counter)
    for b in stays25:
        hotel_months[b["property_id"]][f"{b['check_in_date']:%Y-%m}"] += b["total_amount"]
    out["hotels-18"] = [(name[i], m, c[m]) for i, c in hotel_months.items() for m in ranked(c, 2)]

    out_in25 = {b["booking_id"]: b for b in stays if in_year(b["check_out_date"], 2025)}
    spend, spenders = Counter(), defaultdict(set)
    for f in rows["folio_charges"]:
        if f["booking_id"] in out_in25:
            guest = out_in25[f["booking_id"]]["guest_id"]
            spend[tier[guest]] += f["amount"]
            spenders[tier[guest]].add(guest)
    out["hotels-19"] = [(t, spend[t] / len(g)) for t, g in spenders.items()]

    scores = defaultdict(lambda: defaultdict(list))
    for r in rows["reviews"]:
        scores[r["property_id"]][r["review_date"].year].append(r["score"])
    both = {i: (mean(s[2024]), mean(s[2025])) for i, s in scores.items() if s[2024] and s[2025]}
    fell = {i: a - b for i, (a, b) in both.items()}
    out["hotels-20"] = [(name[i], *both[i]) for i in ranked(fell, 1)]
    return out


def test_every_gold_answer_agrees_with_a_second_computation(con: sqlite3.Connection, rows: dict) -> None:
    assert_golds_agree(con, held_out_questions(hotels), _expected(rows))


def test_rounded_golds_have_an_exact_twin_far_from_a_rounding_edge(con: sqlite3.Connection) -> None:
    """A question that asks for rounding holds the rounded gold and the same query unrounded; no exact value lies
    so near a half unit that summing in another order could round it the other way."""
    assert_rounded_golds_have_exact_twins(con, held_out_questions(hotels))
