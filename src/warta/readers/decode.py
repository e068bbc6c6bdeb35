"""Bytes → str: UTF-8 first (BOM handled), charset-normalizer when that fails; binary rejected."""
from __future__ import annotations

import codecs
import re

# A text sample whose share of printable characters is below this is treated as binary.
MIN_PRINTABLE_RATIO = 0.95  # text has well under 5% control bytes; random/compressed data ~12%
SAMPLE_BYTES = 64 * 1024
# C0 controls but tab, newline, carriage return and form feed; and DEL.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodeError(ValueError):
    """The bytes are not text we can read; the message is the reason shown to the user."""


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def binary_reason(sample: bytes, any_nul: bool = True) -> str | None:
    """Why `sample` looks binary (NUL bytes, few printable characters), or None if it looks like text.
    With `any_nul=False` a few NUL bytes only count as control bytes (one bad record in a big file)."""
    if not sample or bom_encoding(sample) in ("utf-16", "utf-32"):
        return None
    if any_nul and b"\x00" in sample:
        return "binary file (contains NUL bytes)"
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if control / len(sample) > 1 - MIN_PRINTABLE_RATIO:
        return f"binary file ({control / len(sample):.0%} control bytes)"
    return None


def guess_encoding(sample: bytes) -> str:
    """The encoding of a file from its first bytes: a BOM, UTF-8, else charset-normalizer's guess."""
    bom = bom_encoding(sample)
    if bom:
        return bom
    if _is_utf8_prefix(sample):
        return "utf-8"
    best = _best_guess(sample)
    if best is None:
        raise DecodeError("undecodable bytes: not UTF-8 and no other text encoding fits")
    return best.encoding


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes (`<meta charset=...>`), if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a whole text (a file, a record). Returns (text, encoding). Raises DecodeError.
    UTF-8 is tried first; then the `declared` charset (an HTML page's), then detection."""
    bom = bom_encoding(data)
    if bom:
        try:
            return data.decode(bom), bom
        except UnicodeDecodeError as exc:
            raise DecodeError(f"undecodable bytes at byte {exc.start} ({bom} BOM)") from None
    reason = binary_reason(data[:SAMPLE_BYTES])  # NUL bytes are valid UTF-8: check before decoding
    if reason:
        raise DecodeError(reason)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared and declared.replace("-", "").replace("_", "") not in ("utf8", "utf8sig"):
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass  # pages lie about their charset often enough: detect instead
    best = _best_guess(data)
    if best is None:
        raise DecodeError("undecodable bytes: not UTF-8 and no other text encoding fits")
    return str(best), best.encoding


def decode_line(data: bytes, encoding: str) -> tuple[str, str]:
    """Decode one line of a file whose encoding was guessed from its start; a line that does not
    fit (a latin-1 record in a UTF-8 file) gets its own guess. Raises DecodeError."""
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        first_error = exc
    if b"\x00" in data:
        raise DecodeError("binary data (NUL bytes)")
    best = _best_guess(data)
    if best is None:
        raise DecodeError(f"undecodable bytes at byte {first_error.start} (not {encoding})")
    return str(best), best.encoding


# On short mostly-ASCII text charset-normalizer often ties Western and Central European code pages
# (cp1250 turns "ñ" into "ń"); legacy Indonesian text is far likelier Western: prefer these on a tie.
_PREFERRED_ON_TIE = ("cp1252", "latin_1", "iso8859_15")


def _best_guess(data: bytes):  # -> charset_normalizer.CharsetMatch | None
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for m in matches:
        if (m.encoding in _PREFERRED_ON_TIE and m.chaos <= best.chaos + 0.01
                and m.coherence >= best.coherence - 0.01):
            return m
    return best


def _is_utf8_prefix(sample: bytes) -> bool:
    """True when `sample` is UTF-8, allowing a character cut off at the end of the sample."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return True
    except UnicodeDecodeError:
        return False
