"""Outlet profiles (outlets.json): names, domains and dateline tokens."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Outlet:
    name: str
    domains: tuple[str, ...]
    tokens: tuple[str, ...]
    place_only_datelines: bool = False


@lru_cache(maxsize=1)
def profiles() -> tuple[Outlet, ...]:
    data = json.loads(resources.files(__package__).joinpath("outlets.json").read_text("utf-8"))
    return tuple(Outlet(o["name"], tuple(o["domains"]), tuple(o["tokens"]),
                        o.get("place_only_datelines", False)) for o in data["outlets"])


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Outlet]:
    table: dict[str, Outlet] = {}
    for outlet in profiles():
        for key in (outlet.name, *outlet.tokens, *outlet.domains):
            table.setdefault(key.casefold(), outlet)
    return table


@lru_cache(maxsize=1)
def token_pattern() -> str:
    """A regex alternative of every known dateline token, longest first."""
    tokens = sorted({t for o in profiles() for t in o.tokens}, key=len, reverse=True)
    return "|".join(re.escape(t) for t in tokens)


def by_token(token: str | None) -> Outlet | None:
    """The profile for a dateline token, a name or a domain, case-insensitive."""
    if not token:
        return None
    key = token.strip().casefold()
    if key in _by_key():
        return _by_key()[key]
    if key.startswith("detik"):
        return _by_key()["detikcom"]
    return by_url(key if "//" in key else f"//{key}")


def by_url(url: str | None) -> Outlet | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").netloc.lower().split(":")[0]
    for outlet in profiles():
        for domain in outlet.domains:
            bare = domain.split("/")[0]
            if host == bare or host.endswith("." + bare):
                return outlet
    return None


def outlet_name(*candidates: str | None) -> str | None:
    """The first candidate, as a profile name when one matches, else as written."""
    for cand in candidates:
        if cand and cand.strip():
            found = by_token(cand)
            return found.name if found else cand.strip()
    return None
