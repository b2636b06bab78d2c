"""Errors a user can meet, in one place. Each message is one line: the input, then the problem."""
from __future__ import annotations


class WartaError(Exception):
    """Base class of every error warta raises on purpose."""


class InputError(WartaError):
    """One input (a file, a URL, a JSONL line) could not be read or made into an article."""

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")

    def __reduce__(self):  # crosses process boundaries (worker pools) intact
        return type(self), (self.source, self.problem)


class StoreError(WartaError):
    """The database could not be opened or written."""


class QueryError(WartaError):
    """A search query that cannot be run (for example one with only excluded terms)."""


def describe(exc: BaseException) -> str:
    """A one-line message for any exception reaching a batch boundary."""
    if isinstance(exc, InputError):
        return exc.problem
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else 'no detail'}"
