"""Alternations of many words as one prefix-trie regex.

``a|ab|abc`` over thousands of names makes Python's ``re`` try every name at every position;
the trie form ``a(?:b(?:c)?)?`` tries one branch per character. Longer names are tried before
their prefixes, as in a longest-first alternation, so the matches are the same.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable


def _piece(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)


def trie_pattern(words: Iterable[str], piece: Callable[[str], str] = _piece) -> str:
    """A regex (no anchors, no groups) matching any of ``words``, longest first."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _render(root, piece) or "(?!)"


def _render(node: dict, piece: Callable[[str], str]) -> str:
    end = "" in node
    branches = [piece(ch) + _render(child, piece) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + ")?"
    return body
