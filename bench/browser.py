"""Speed as a business user meets it, in a real browser:

    python -m bench.browser [--questions N] [--out FILE.json]

Starts `streamlit run` on a free port with a fresh app database, opens Debian's Chromium through
Playwright, waits until the sidebar says Ready, then asks the business questions one after another as a
user does: type, press Enter, wait for the rendered answer (its footer, drawn last). Reports the seconds
from start to Ready and to the first answer, each answer's wall time (Enter to rendered) beside the app's
own time, p50/p95, the CPU seconds the app's process and the browser's processes used while each answer
was awaited, and how many answers match the reference SQL (the SQL the page shows, run after the server
stopped). Run it under the model lock, like every run of the real model.

`--model-threads N` starts the app with TABLETALK_MODEL_THREADS=N, to measure how the model's threads and the
browser share the cores.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
READY_TIMEOUT_MS = 900_000
ANSWER_TIMEOUT_MS = 600_000
# The footer under every answer starts with the app's own seconds: "3.2 s · 1 SQL attempt · model".
FOOTER = re.compile(r"^(\d+\.\d) s\b")
# True once the newest chat message is the answer to question number `count` with its footer drawn.
_STAGE = re.compile(r"(?:^|· )([a-z][a-z -]*?) (\d+\.\d+) s")
_TOKENS = {
    "prompt_cached_tokens": re.compile(r"([\d,]+) from cache"),
    "prompt_computed_tokens": re.compile(r"([\d,]+) computed"),
    "generated_tokens": re.compile(r"([\d,]+) generated"),
}
_ANSWERED_JS = """count => {
  const messages = [...document.querySelectorAll('[data-testid="stChatMessage"]')];
  const answers = messages.filter(m => m.querySelector('[data-testid="stChatMessageAvatarAssistant"]'));
  if (answers.length < count) return false;
  const last = answers[count - 1];
  if (last.closest('[data-stale="true"]')) return false;
  const captions = [...last.querySelectorAll('[data-testid="stCaptionContainer"]')].map(c => c.innerText);
  return captions.some(text => /^\\d+\\.\\d s\\b/.test(text.trim()));
}"""


@dataclass
class App:
    url: str
    process: subprocess.Popen[bytes]
    started: float  # time.monotonic() at `streamlit run`


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def streamlit_app(log: Path, environment: dict[str, str] | None = None, health_seconds: float = 60) -> Iterator[App]:
    """`streamlit run streamlit_app.py` on a free loopback port, stopped on exit; its output goes to `log`."""
    port = free_port()
    command = [
        *(sys.executable, "-m", "streamlit", "run", "streamlit_app.py"),
        *("--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true"),
    ]
    started = time.monotonic()
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, env={**os.environ, **(environment or {})}
        )
    app = App(f"http://127.0.0.1:{port}", process, started)
    try:
        wait_for_health(app, log, health_seconds)
        yield app
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for_health(app: App, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if app.process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {app.process.returncode}:\n{log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{app.url}/_stcore/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"streamlit did not answer /_stcore/health within {seconds:g} s:\n{log.read_text()[-2000:]}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far (Linux /proc), 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def browser_pids() -> list[int]:
    """Chromium's processes (browser, renderers, GPU and utility processes)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if "chrom" in (entry / "comm").read_text():
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


@dataclass
class CpuMeter:
    """CPU seconds of the app's process and of the browser's processes since the last reading."""

    app_pid: int
    _last: tuple[float, float] = (0.0, 0.0)

    def reading(self) -> tuple[float, float]:
        return cpu_seconds(self.app_pid), sum(cpu_seconds(pid) for pid in browser_pids())

    def start(self) -> None:
        self._last = self.reading()

    def since_start(self) -> dict[str, float]:
        (app_before, browser_before), (app_now, browser_now) = self._last, self.reading()
        return {"app_cpu_s": round(app_now - app_before, 2), "browser_cpu_s": round(browser_now - browser_before, 2)}


def ask(tab, question: str, number: int, meter: CpuMeter | None = None) -> dict:  # type: ignore[no-untyped-def]
    """Type the question, press Enter, wait for answer number `number` to be drawn; its numbers and SQL."""
    box = tab.get_by_test_id("stChatInputTextArea")
    box.wait_for(timeout=ANSWER_TIMEOUT_MS)
    tab.wait_for_function("() => !document.querySelector('[data-testid=\"stChatInputTextArea\"]').disabled")
    box.fill(question)
    if meter:
        meter.start()
    entered = time.monotonic()
    box.press("Enter")
    tab.wait_for_function(_ANSWERED_JS, arg=number, timeout=ANSWER_TIMEOUT_MS, polling=50)
    wall = time.monotonic() - entered
    cpu = meter.since_start() if meter else {}
    answer = tab.locator('[data-testid="stChatMessage"]').filter(
        has=tab.locator('[data-testid="stChatMessageAvatarAssistant"]')
    )
    last = answer.nth(number - 1)
    captions = [c.strip() for c in last.locator('[data-testid="stCaptionContainer"]').all_inner_texts()]
    footer = next((c for c in captions if FOOTER.match(c)), "")
    details = (
        last.locator('[data-testid="stExpander"]')
        .filter(has_text="Where the time went")
        .locator('[data-testid="stCaptionContainer"]')
    )
    match = FOOTER.match(footer)
    return {
        "question": question,
        "wall_s": round(wall, 2),
        "app_s": float(match.group(1)) if match else None,
        "footer": footer,
        "timings": parse_timings(details.first.text_content() or "") if details.count() else {},
        **cpu,
    }


def parse_timings(text: str) -> dict[str, float]:
    """The answer details' `model 1.52 s · prefill 0.21 s ...; prompt tokens 2,103 from cache, 45 computed;
    38 generated` (ui.timings) back into numbers."""
    timings = {label: float(seconds) for label, seconds in _STAGE.findall(text)}
    for key, pattern in _TOKENS.items():
        if found := pattern.search(text):
            timings[key] = float(found.group(1).replace(",", ""))
    return timings


def run(questions: list[str], log: Path, model_threads: int | None = None) -> dict:
    """Start the app, wait for Ready, ask every question in one conversation; the timings."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        environment = {"TABLETALK_APP_DB_URL": f"sqlite:///{Path(scratch) / 'app.sqlite'}"}
        if model_threads:
            environment["TABLETALK_MODEL_THREADS"] = str(model_threads)
        with streamlit_app(log, environment) as app, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            tab = browser.new_context(viewport={"width": 1400, "height": 1800}).new_page()
            tab.goto(app.url)
            tab.get_by_test_id("stChatInputTextArea").wait_for(timeout=60_000)
            page_s = time.monotonic() - app.started
            tab.locator('[data-testid="stSidebar"] [data-testid="stAlertContentSuccess"]').filter(
                has_text="Ready"
            ).first.wait_for(timeout=READY_TIMEOUT_MS)
            ready_s = time.monotonic() - app.started
            rows, meter = [], CpuMeter(app.process.pid)
            for number, question in enumerate(questions, start=1):
                rows.append(ask(tab, question, number, meter))
                print(f"{rows[-1]['wall_s']:6.1f} s wall  {rows[-1]['footer']:<50.50}  {question}", flush=True)
            browser.close()
        for row, sql in zip(rows, answered_sql(Path(scratch) / "app.sqlite"), strict=False):
            row["sql"] = sql
    return {"page_s": page_s, "ready_s": ready_s, "rows": rows}


def answered_sql(app_database: Path) -> list[str | None]:
    """The SQL of each question in the order asked, from the app's audit log (what the user was shown)."""
    with closing(sqlite3.connect(app_database)) as connection:
        return [sql for (sql,) in connection.execute("SELECT sql FROM audit_log WHERE source = 'question' ORDER BY id")]


def score(rows: list[dict], gold_sql: dict[str, str]) -> None:
    """Mark each row right or wrong against the reference SQL, on the demo warehouse (the app has stopped)."""
    from bench.demo import business_answer_matches
    from bench.scoring import business_order_matters
    from chains.warehouses import open_warehouse
    from connectors.errors import WarehouseError

    warehouse = open_warehouse()
    try:
        for row in rows:
            gold = gold_sql[row["question"]]
            try:
                predicted = warehouse.run(row["sql"]).data if row.get("sql") else None
            except WarehouseError:
                predicted = None
            ordered = business_order_matters(gold)
            row["right"] = predicted is not None and business_answer_matches(
                warehouse.run(gold).data, predicted, ordered
            )
    finally:
        warehouse.close()


def summarize(measured: dict) -> dict:
    from bench.demo import stage_medians

    rows = measured["rows"]
    walls = sorted(r["wall_s"] for r in rows)
    later = sorted(r["wall_s"] for r in rows[1:]) or walls
    apps = sorted(r["app_s"] for r in rows if r["app_s"] is not None)
    return {
        "page_after_start_s": round(measured["page_s"], 1),
        "ready_after_start_s": round(measured["ready_s"], 1),
        "first_answer_after_ready_s": rows[0]["wall_s"],
        "p50_wall_s": round(statistics.median(walls), 2),
        "p95_wall_s": _p95(walls),
        "p50_wall_after_first_s": round(statistics.median(later), 2),
        "p50_app_s": round(statistics.median(apps), 2) if apps else None,
        "p50_ui_overhead_s": round(statistics.median(r["wall_s"] - r["app_s"] for r in rows if r["app_s"]), 2),
        # CPU seconds per wall second while an answer was awaited: 2.0 is both cores.
        "app_cpu_share": _share(rows, "app_cpu_s"),
        "browser_cpu_share": _share(rows, "browser_cpu_s"),
        "right": sum(bool(r.get("right")) for r in rows),
        "questions": len(rows),
        "stage_medians": stage_medians([r["timings"] for r in rows]),
    }


def _share(rows: list[dict], key: str) -> float | None:
    if not all(key in r for r in rows):
        return None
    return round(sum(r[key] for r in rows) / sum(r["wall_s"] for r in rows), 2)


def _p95(values: list[float]) -> float:
    return round(values[min(len(values) - 1, int(0.95 * len(values)))], 2)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.browser")
    parser.add_argument("--questions", type=int, default=0, help="ask only the first N business questions")
    parser.add_argument("--out", type=Path, help="also write the numbers as JSON")
    parser.add_argument("--model-threads", type=int, help="the app's TABLETALK_MODEL_THREADS (default: all cores)")
    parser.add_argument("--log", type=Path, default=Path(tempfile.gettempdir()) / "tabletalk-bench-browser.log")
    args = parser.parse_args()

    from tests.business_questions import BUSINESS_QUESTIONS

    chosen = BUSINESS_QUESTIONS[: args.questions or None]
    measured = run([q for q, _gold in chosen], args.log, args.model_threads)
    if args.out:  # the measured rows first: scoring or summing up must not lose a long run
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(measured, indent=2))
    score(measured["rows"], dict(chosen))
    summary = summarize(measured)
    print(json.dumps(summary, indent=2))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"summary": summary, "results": measured["rows"]}, indent=2))


if __name__ == "__main__":
    main()
