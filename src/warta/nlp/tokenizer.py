"""warta's tokenizer: spaCy's Indonesian punctuation rules, without its exception table, plus fixes."""
from __future__ import annotations

import re

from spacy.util import registry

from .sentences import abbreviations

# Designations stay one token: Su-35, MiG-29, F-16, COVID-19, QZ8501.
DESIGNATION = re.compile(r"^[A-Za-z]{1,6}-\d{1,4}[A-Za-z]{0,2}$")

# Hyphenated words stay whole, as in the CoNLL data the model learnt from ("negara-negara",
# "Komsomolsk-on-Amur", "Instagram-nya"); this replaces spaCy's ~16,000 Indonesian
# reduplication exceptions, which cost seconds to load.
HYPHENATED = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)+$")


def _token_match(text: str):
    return DESIGNATION.match(text) or HYPHENATED.match(text)


def fast_prefix_search(prefixes, compile_prefix_regex):
    """spaCy's prefix search, skipped for tokens that start with an ASCII letter or digit no
    prefix starts with. Most tokens are such words; the full search (171 patterns) costs
    about 10 µs a call. Only currencies (Rp, US$, IDR …) start a prefix with a letter."""
    search = compile_prefix_regex(prefixes).search
    starts = frozenset(p[0] for p in prefixes if p[:1].isascii() and p[:1].isalnum())

    def prefix_search(text: str):
        first = text[:1]
        if first.isascii() and first.isalnum() and first not in starts:
            return None
        return search(text)

    return prefix_search


def make_tokenizer(nlp):
    """The tokenizer of ``nlp``'s language with warta's rules (registered as warta.tokenizer.v1)."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    defaults = nlp.Defaults
    tokenizer = Tokenizer(nlp.vocab, rules={},
                          prefix_search=fast_prefix_search(defaults.prefixes, compile_prefix_regex),
                          suffix_search=compile_suffix_regex(defaults.suffixes).search,
                          infix_finditer=compile_infix_regex(defaults.infixes).finditer,
                          token_match=_token_match, url_match=defaults.url_match)
    exact, folded = abbreviations()
    for abbr in set(exact) | {a.capitalize() for a in folded} | set(folded):
        tokenizer.add_special_case(abbr, [{"ORTH": abbr}])
    return tokenizer


@registry.tokenizers("warta.tokenizer.v1")
def create_tokenizer():
    """The tokenizer factory warta's pipelines name in their config."""
    return make_tokenizer
