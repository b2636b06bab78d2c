"""The trie regex matches exactly what a longest-first alternation matches."""
import random
import re

from warta.nlp.trie import trie_pattern


def test_trie_pattern_matches_like_longest_first_alternation():
    rng = random.Random(7)
    for _ in range(200):
        words = {"".join(rng.choice("ab .") for _ in range(rng.randint(1, 5))).strip() or "a"
                 for _ in range(rng.randint(1, 12))}
        text = "".join(rng.choice("ab. ") for _ in range(60))
        alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        wrap = r"(?<![\w-])(?:{})(?![\w-])"
        expected = [m.span() for m in re.finditer(wrap.format(alternation), text)]
        assert [m.span() for m in re.finditer(wrap.format(trie_pattern(words, re.escape)), text)] == expected


def test_trie_pattern_spaces_and_empty():
    assert re.fullmatch(trie_pattern(["Wakil Presiden"]), "Wakil  Presiden")
    assert re.search(trie_pattern([]), "anything") is None
