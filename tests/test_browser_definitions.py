"""In Chromium: a growth question answered from the business definitions names the right category and says
how it was computed (the picture is kept under test-artifacts/)."""

from __future__ import annotations

import pytest

from chains.warehouses import open_warehouse
from tests import test_browser as browser
from tests.test_browser import ARTIFACTS, Server, _wait_for_answer

# The browser tests' fixtures, shared: Chromium, one app server per module, a fresh page per test.
chromium, server, page = browser.chromium, browser.server, browser.page

pytestmark = [pytest.mark.browser, pytest.mark.model]
QUESTION = "Which product category grew the most from 2024 to 2025?"


def test_a_growth_question_shows_the_right_category_and_how_it_was_computed(server: Server, page) -> None:  # type: ignore[no-untyped-def]
    # Through the app's own read-only connection: the test process may hold the demo file open already.
    expected = (
        open_warehouse(None)
        .run(
            """SELECT p.category FROM order_lines l JOIN orders o USING (order_id) JOIN products p USING (product_id)
        GROUP BY 1 ORDER BY SUM(CASE WHEN YEAR(o.order_date) = 2025 THEN l.net_amount ELSE 0 END)
                          - SUM(CASE WHEN YEAR(o.order_date) = 2024 THEN l.net_amount ELSE 0 END) DESC LIMIT 1"""
        )
        .data.iloc[0, 0]
    )
    tab, _traffic = page
    tab.goto(server.url)
    box = tab.get_by_test_id("stChatInputTextArea")
    box.wait_for(timeout=30_000)
    box.fill(QUESTION)
    box.press("Enter")
    _wait_for_answer(tab)
    tab.wait_for_timeout(1500)
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "chat-growth.png"), full_page=True)
    answer = tab.locator('[data-testid="stChatMessage"]').last
    assert answer.get_by_text("Computed from the business definitions", exact=False).count() == 1
    shown = answer.inner_text()  # the sentence and the chart's labels (the table itself is drawn on a canvas)
    assert expected in shown, shown
