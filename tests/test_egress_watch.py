"""The socket watch behind the zero-egress test sees an outside connection when there is one."""

from __future__ import annotations

import os
import socket
import time

import pytest

from tests.egress import SocketWatch, is_loopback, remote_hosts


def test_the_watch_sees_a_socket_to_another_host() -> None:
    watch = SocketWatch(os.getpid())
    # A connected UDP socket has a remote address but sends nothing: TEST-NET-1, never routed anywhere.
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as outside,
        socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as six,
    ):
        outside.connect(("192.0.2.1", 53))
        six.connect(("::1", 9))
        assert {"192.0.2.1", "::1"} <= remote_hosts(os.getpid())
        while watch.polls < 3:
            time.sleep(0.01)
    hosts = watch.stop()
    assert "192.0.2.1" in hosts and not is_loopback("192.0.2.1")
    assert "python" in watch.holders["192.0.2.1"] and "::1" not in watch.holders, "who called out is named"
    assert is_loopback("::1") and is_loopback("127.0.0.1") and is_loopback("::ffff:127.0.0.1")


def test_only_chromiums_reachability_probe_is_left_out() -> None:
    """The probe's exact socket (UDP, IPv6, port 443) is no call out; the same address at another port is."""
    probe_address = "2001:4860:4860::8888"
    with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect((probe_address, 443))
        except OSError:
            pytest.skip("this machine has no IPv6 route: a UDP connect to an IPv6 address fails")
        assert probe_address not in remote_hosts(os.getpid())
        with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as dns:
            dns.connect((probe_address, 53))
            assert probe_address in remote_hosts(os.getpid())
