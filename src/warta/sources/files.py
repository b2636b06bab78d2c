"""Reading one file: size limit, binary detection, encoding detection, format sniffing."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError

# News articles are kilobytes; a page with inline scripts a few megabytes. Larger inputs
# are almost always a wrong file (a dump, a video), so they are refused, not parsed.
MAX_BYTES = 10 * 1024 * 1024

_HTML_SNIFF = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]|<(?:p|div|article)[\s>]",
                         re.IGNORECASE)


def read_file(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[str, list[str]]:
    """The decoded text of ``path`` and any warnings; InputError when it cannot be an article."""
    source = str(path)
    check_size(source, path.stat().st_size, max_bytes)
    return decode_bytes(path.read_bytes(), source)


def check_size(source: str, size: int, max_bytes: int = MAX_BYTES) -> None:
    """InputError when a file of ``size`` bytes is over the limit."""
    if size > max_bytes:
        raise InputError(source, f"file is {size / 1048576:.1f} MB, over the limit of "
                                 f"{max_bytes / 1048576:.0f} MB (--max-bytes)")


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8, a declared charset, or what charset-normalizer detects."""
    if not data.strip():
        raise InputError(source, "empty file")
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (contains NUL bytes), not text or HTML")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    warnings: list[str] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
        for enc in filter(None, [declared]):
            try:
                text = data.decode(enc)
                warnings.append(f"decoded as {enc}")
            except (UnicodeDecodeError, LookupError):
                text = None
        if text is None:
            text, enc = _detect(data, source)
            warnings.append(f"not UTF-8; decoded as {enc}")
    if _looks_binary(text):
        raise InputError(source, "binary file (mostly control characters), not text or HTML")
    if not text.strip():
        raise InputError(source, "empty file")
    return text, warnings


def _detect(data: bytes, source: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    # Indonesian news outside UTF-8 is nearly always Windows-1252 or Latin-1.
    encoding = best.encoding if best is not None else "cp1252"
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise InputError(source, "cannot decode: not UTF-8 and no known encoding fits") from None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return controls > max(8, len(sample) // 20)


def sniff_format(text: str, ext: str = "") -> str:
    """'html' or 'text': an HTML extension decides, else the content is sniffed."""
    if ext in (".html", ".htm", ".xhtml"):
        return "html"
    return "html" if _HTML_SNIFF.search(text[:4096]) else "text"
