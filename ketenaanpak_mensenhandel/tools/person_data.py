"""Personal data: BSN, names, ages and contact details (pure Python, no ORM)."""

import re
import unicodedata
from datetime import date

AGE_GROUPS = [
    ("minor", "< 18"),
    ("18_22", "18-22"),
    ("23_plus", "23+"),
    ("unknown", "Unknown"),
]

TUSSENVOEGSELS = {
    "van",
    "de",
    "der",
    "den",
    "het",
    "ten",
    "ter",
    "te",
    "in",
    "t",
    "op",
    "la",
    "le",
    "du",
    "da",
    "di",
    "del",
    "von",
    "zu",
    "vd",
    "v",
    "d",
}


def bsn_is_valid(value):
    """Return True when ``value`` passes the Dutch BSN 11-proef (elfproef)."""
    if not value:
        return False
    digits = re.sub(r"[\s.-]", "", value)
    if not digits.isdigit() or len(digits) not in (8, 9):
        return False
    digits = digits.zfill(9)
    if digits == "000000000":
        return False
    weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True))
    return total % 11 == 0


def normalise_bsn(value):
    if not value:
        return value
    return re.sub(r"[\s.-]", "", value).zfill(9)


def age_on(birth_date, on_date=None):
    if not birth_date:
        return None
    on_date = on_date or date.today()
    years = on_date.year - birth_date.year
    if (on_date.month, on_date.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def age_group(age):
    if age is None or age < 0:
        return "unknown"
    if age < 18:
        return "minor"
    if age < 23:
        return "18_22"
    return "23_plus"


def strip_accents(text):
    return "".join(
        c
        for c in unicodedata.normalize("NFKD", text or "")
        if not unicodedata.combining(c)
    )


def normalise_name(*parts):
    """Lowercase, without diacritics, tussenvoegsels or punctuation; words sorted.

    Sorting the words makes "Jan de Vries" and "Vries, Jan de" equal.
    """
    text = strip_accents(" ".join(p for p in parts if p)).lower()
    words = re.findall(r"[a-z0-9]+", text.replace("'", ""))
    words = [w for w in words if w not in TUSSENVOEGSELS]
    return " ".join(sorted(words))


PHONE_RE = re.compile(r"^\+?[0-9 ()./-]+$")


def phone_is_valid(value):
    """A plausible phone number: digits with the usual separators, 6 to 15 digits."""
    if not value:
        return True
    value = value.strip()
    digits = re.sub(r"\D", "", value)
    return bool(PHONE_RE.match(value)) and 6 <= len(digits) <= 15


EMAIL_RE = re.compile(
    r"^[^@\s<>(),;:\"\[\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
)


def email_is_valid(value):
    """One plain e-mail address (no display name, no list)."""
    if not value:
        return True
    return bool(EMAIL_RE.match(value.strip()))
