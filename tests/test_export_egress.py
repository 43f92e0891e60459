"""Image export calls nothing outside this machine. Its own module: test_exports.py shares one kaleido browser
across its tests, and the app starts a Chromium per export, which is the path watched here."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from charts.choose import ChartSpec
from charts.render import figure
from exports.files import chromium_path, figure_image
from tests.egress import SocketWatch, is_loopback


def test_image_export_calls_no_host_outside_this_machine() -> None:
    """kaleido's default page asks a CDN for MathJax and Chromium's background networking resolves hosts: the
    DNS lookup alone leaves the customer's network (the browser test's socket watch saw it in CI)."""
    if chromium_path() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing: CI installs Debian's chromium for image export.")
        pytest.skip("Chromium is not installed here: image export cannot be tested.")
    data = pd.DataFrame({"channel": ["Online", "Retail"], "revenue": [1250.5, 980.25]})
    chart = figure(data, ChartSpec("bar", x="channel", y="revenue"))
    watch = SocketWatch(os.getpid())
    for extension in ("png", "svg", "pdf", "png"):
        assert figure_image(chart, extension)
    hosts = watch.stop()
    assert watch.polls > 50, "four Chromium starts take seconds: the watch polled all along"
    assert all(is_loopback(host) for host in hosts), watch.holders
