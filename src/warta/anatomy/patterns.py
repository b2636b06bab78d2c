"""Vocabulary of Indonesian news pages, kept apart from the logic that uses it.

Each pattern matches one whole line (a paragraph of the page). Adding a line here is how
a new outlet's boilerplate is taught; tests parametrise over these tables.
"""
from __future__ import annotations

import re

# Related-article and editor's-pick lines: (kind as reported, pattern of the lead-in).
RELATED_KINDS = (
    ("Pilihan Editor", r"pilihan\s+editor"),
    ("Baca juga", r"baca\s+juga"),
    ("Baca juga", r"baca\s+pula"),
    ("Baca selengkapnya", r"baca\s+selengkapnya"),
    ("Simak juga", r"simak\s+juga"),
    ("Lihat juga", r"lihat\s+juga"),
    ("Tonton juga", r"tonton\s+juga"),
    ("Saksikan juga", r"saksikan\s+juga"),
    ("Artikel terkait", r"artikel\s+terkait"),
    ("Berita terkait", r"berita\s+terkait"),
    ("Simak video", r"simak\s+video"),
    ("Video", r"video\s+pilihan"),
)
# The lead-in is followed by ':' or a dash, or directly by a quoted title; a line that merely
# starts with the same words ("Lihat juga bagaimana ...") is body text.
RELATED = [(kind, re.compile(rf"^\s*[\[(]?\s*{lead}\s*[\])]?(?:\s*(?::|-|–|—)\s*|\s+(?=[\"“]))"
                             r"(?P<text>.{0,250}?)\s*$", re.IGNORECASE))
           for kind, lead in RELATED_KINDS]

# Lines that are page furniture: advertising, scroll prompts, share bars, embeds, calls to
# follow the outlet elsewhere, comment-box prompts.
NOISE = [re.compile(p, re.IGNORECASE) for p in (
    r"^\s*advertisement\s*$",
    r"^\s*iklan\s*$",
    r"^\s*scroll\s+(?:to|untuk)\s+(?:continue|lanjut|melanjutkan).*$",
    r"^\s*scroll\s+down.*$",
    r"^\s*(?:share|bagikan|bagikan\s+artikel\s+ini)\s*:?\s*(?:facebook|twitter|whatsapp|\s|,)*$",
    r"^\s*\[?\(?gambas\s*:.*$",
    r"^\s*(?:dapatkan|ikuti)\s+(?:update|berita|informasi).*(?:telegram|whatsapp|google\s+news|channel).*$",
    r"^\s*simak\s+breaking\s+news.*$",
    r"^\s*(?:klik|kunjungi)\s+(?:di\s+)?sini\b.*$",
    r"^\s*artikel\s+ini\s+(?:telah\s+)?(?:tayang|terbit|dimuat)\s+di\b.*$",
    r"^\s*(?:copyright|hak\s+cipta)\b.*$",
    r"^\s*(?:periksa\s+kembali\s+dan\s+lengkapi|segera\s+lengkapi)\s+data\s+dirimu.*$",
    r"^\s*data\s+dirimu\s+akan\s+digunakan\b.*$",
    r"^\s*.*#jernihberkomentar.*$",
    r"^\s*(?:tag|tags|topik|topic)\s*:.*$",
    r"^\s*(?:loading|memuat)\s*\.{0,3}\s*$",
    r"^\s*\(\s*(?:video|foto|sumber\s+foto)\s*:.*\)\s*$",
)]

# Byline lines kept as metadata: "Editor: Budi", "Pewarta: Ani Lestari", "Penulis : X".
BYLINE_ROLES = ("Editor", "Reporter", "Penulis", "Penyunting", "Pewarta", "Redaktur",
                "Fotografer", "Kontributor", "Koresponden", "Laporan", "Wartawan")
BYLINE = re.compile(rf"^\s*(?P<role>{'|'.join(BYLINE_ROLES)})\s*:\s*(?P<name>[^:]{{2,80}}?)\s*$",
                    re.IGNORECASE)
# Several bylines on one line: "Pewarta: Ani Lestari Editor: Budi".
BYLINE_INLINE = re.compile(rf"(?P<role>{'|'.join(BYLINE_ROLES)})\s*:\s*", re.IGNORECASE)
# Reporter initials closing detik and Merdeka pieces: "(vyp/kna)", "(mdk/did)".
INITIALS = re.compile(r"^\s*\((?P<name>[a-z]{2,5}(?:/[a-z]{2,5}){1,3})\)\s*$")

# A wire-credit or reporter line: upper case names joined by '|' ("AL JAZEERA | NBC NEWS").
CREDIT = re.compile(r"^\s*(?P<credits>[A-Z0-9][A-Z0-9 .,&'’()/-]{1,60}"
                    r"(?:\s*\|\s*[A-Z0-9][A-Z0-9 .,&'’()/-]{1,60})*)\s*$")

# Visible publication dates: "Jumat, 15 September 2023 14:30 WIB", "15/09/2023".
MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maret": 3, "mar": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "nopember": 11, "desember": 12, "des": 12,
    # English names, as scraped metadata often has them.
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "aug": 8, "october": 10, "oct": 10, "december": 12, "dec": 12,
}
WEEKDAYS = r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)"
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_CLOCK = r"(?:[,\s|-]+(?:pukul\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:WIB|WITA|WIT)?)?"
DATE_LINE = re.compile(
    rf"^\s*(?:{WEEKDAYS}\s*,?\s*)?(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH_ALT})\.?\s+(?P<y>\d{{4}}){_CLOCK}\s*$"
    rf"|^\s*(?:{WEEKDAYS}\s*,?\s*)?(?P<d2>\d{{1,2}})/(?P<m2>\d{{1,2}})/(?P<y2>\d{{4}}){_CLOCK}\s*$",
    re.IGNORECASE)
# Metadata dates: "Sep 24, 2019", "Oktober 19, 2019", "10-Sep-19".
MONTH_FIRST = re.compile(rf"^\s*(?P<m>{_MONTH_ALT})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b", re.IGNORECASE)
DAY_MON_YEAR = re.compile(rf"^\s*(?P<d>\d{{1,2}})-(?P<m>{_MONTH_ALT})-(?P<y>\d{{2}}|\d{{4}})\s*$", re.IGNORECASE)
