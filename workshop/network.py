"""The machine's address on the local network, for links phones can open."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

import ifaddr


def _rank(address: ipaddress.IPv4Address) -> int:
    # Prefer the usual home/venue ranges over container bridges and link-local.
    if address in ipaddress.ip_network("192.168.0.0/16"):
        return 0
    if address in ipaddress.ip_network("10.0.0.0/8"):
        return 1
    if address in ipaddress.ip_network("172.16.0.0/12"):
        return 2
    if address.is_link_local:
        return 4
    return 3


@lru_cache(maxsize=1)
def lan_address() -> str | None:
    """Return this machine's best IPv4 address on a network, or None (reads interfaces only)."""
    candidates = []
    for adapter in ifaddr.get_adapters():
        if adapter.name.startswith(("docker", "br-", "veth", "virbr", "lo")):
            continue
        for ip in adapter.ips:
            if not isinstance(ip.ip, str):
                continue
            address = ipaddress.IPv4Address(ip.ip)
            if address.is_loopback or address.is_unspecified:
                continue
            candidates.append((_rank(address), str(address)))
    return min(candidates)[1] if candidates else None


def is_loopback_host(host: str) -> bool:
    """Return True for localhost names and loopback addresses (with or without a port)."""
    name = host.rsplit(":", 1)[0].strip("[]") if host.count(":") <= 1 else host.strip("[]")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_all_interfaces(host: str) -> bool:
    """Return True for a bind address that listens on every interface (0.0.0.0, ::, empty)."""
    name = host.strip("[]")
    if name in ("", "*"):
        return True
    try:
        return ipaddress.ip_address(name).is_unspecified
    except ValueError:
        return False


def address_for_links(bind_host: str) -> str:
    """Return the host that links should name for a server bound to ``bind_host``.

    Bound to every interface, that is the LAN address (loopback when there is none);
    bound to one address or name, it is that one: the only one that answers.
    """
    if is_all_interfaces(bind_host):
        return lan_address() or "127.0.0.1"
    name = bind_host.strip("[]")
    return f"[{name}]" if ":" in name else name
