"""Which hosts a process (and its children) holds sockets to, read from /proc: the server-side half of the
zero-egress check (the browser half watches the page's requests)."""

from __future__ import annotations

import ipaddress
import os
import re
import threading
from pathlib import Path

_SOCKET = re.compile(r"socket:\[(\d+)\]")
_TABLES = ("tcp", "tcp6", "udp", "udp6")
# Chromium's IPv6 reachability probe (net/dns HostResolverManager, IsGloballyReachable): a UDP socket connected
# to Google's public DNS address at port 443, read back with getsockname and closed. A UDP connect sends no
# packet: strace -f of an image export showed socket, connect, getsockname, close and nothing else on it, at
# every export. The watch cannot see what a socket sent, so it leaves out exactly this one, UDP only.
REACHABILITY_PROBE = ("udp6", ipaddress.IPv6Address("2001:4860:4860::8888"), 443)


def process_tree(pid: int) -> set[int]:
    found, pending = set(), [pid]
    while pending:
        current = pending.pop()
        if current in found:
            continue
        found.add(current)
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                pending += [int(child) for child in children.read_text().split()]
            except OSError:
                continue  # the task ended meanwhile
    return found


def remote_hosts(pid: int) -> set[str]:
    """The remote addresses of every connected socket the process tree holds (listening ones have none)."""
    return set(remote_hosts_by_process(pid))


def remote_hosts_by_process(pid: int) -> dict[str, int]:
    """Each remote address the process tree holds a socket to, with one process that holds it."""
    hosts: dict[str, int] = {}
    for member in process_tree(pid):
        inodes = _socket_inodes(member)
        if not inodes:
            continue
        for table in _TABLES:
            try:
                lines = Path(f"/proc/{member}/net/{table}").read_text().splitlines()[1:]
            except OSError:
                continue
            for line in lines:
                fields = line.split()
                if len(fields) > 9 and fields[9] in inodes:
                    hex_address, hex_port = fields[2].split(":")
                    address = _decode(hex_address)
                    if not address.is_unspecified and (table, address, int(hex_port, 16)) != REACHABILITY_PROBE:
                        hosts[str(address)] = member
    return hosts


def is_loopback(host: str) -> bool:
    address = ipaddress.ip_address(host)
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


class SocketWatch:
    """Polls a process tree's sockets in the background until stopped; short-lived ones may slip between
    polls, so it polls often (every 20 ms) for the whole time the flow runs."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.pid, self.interval = pid, interval
        self.hosts: set[str] = set()
        self.holders: dict[str, str] = {}  # an outside host -> the command line of a process that called it
        self.polls = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> set[str]:
        self._stop.set()
        self._thread.join()
        return self.hosts

    def _run(self) -> None:
        while not self._stop.is_set():
            for host, member in remote_hosts_by_process(self.pid).items():
                if host not in self.hosts and not is_loopback(host):
                    self.holders[host] = _command_line(member)
                self.hosts.add(host)
            self.polls += 1
            self._stop.wait(self.interval)


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:400]
    except OSError:
        return f"process {pid}, ended"


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    try:
        for fd in os.scandir(f"/proc/{pid}/fd"):
            try:
                if match := _SOCKET.match(os.readlink(fd.path)):
                    inodes.add(match.group(1))
            except OSError:
                continue
    except OSError:
        pass
    return inodes


def _decode(hex_address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    raw = bytes.fromhex(hex_address)
    if len(raw) == 4:
        return ipaddress.IPv4Address(raw[::-1])
    # /proc prints IPv6 as four 32-bit words, each in host (little-endian) order.
    return ipaddress.IPv6Address(b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4)))
