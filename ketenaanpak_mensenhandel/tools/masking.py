"""Finding a person's identifying strings in free text (no ORM access).

Used by the inzage report (other persons are masked by their role) and by an
AVG erasure (the erased person's names are removed from the case text). Free
text cannot be parsed for persons; what can be done reliably is to find the
strings the system knows identify them: names, alias, BSN, contact details and
birth date in the usual notations. Matching is case-insensitive and on whole
words, so "Jan" does not hit "Janssen"; masking too much is the safe side.
"""

import re

from markupsafe import Markup, escape

from .person_data import normalise_bsn

# A name part shorter than this is not matched on its own ("Jo" is kept, as a
# word it is too common to say anything); it is still part of the full name.
MIN_PART_LENGTH = 3
DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y")
TAG_RE = re.compile(r"(<[^>]*>)")


def identifying_strings(
    first_name=None,
    name_prefix=None,
    last_name=None,
    known_as=None,
    bsn=None,
    phone=None,
    email=None,
    street=None,
    birth_date=None,
    extra=(),
):
    """The strings that identify one person, longest first."""
    parts = [p.strip() for p in (first_name, name_prefix, last_name) if p and p.strip()]
    found = set()
    if parts:
        found.add(" ".join(parts))
    if first_name and last_name:
        found.add(f"{first_name.strip()} {last_name.strip()}")
    if name_prefix and last_name:
        found.add(f"{name_prefix.strip()} {last_name.strip()}")
    for part in (first_name, last_name, known_as, street, email, phone, *extra):
        if part and len(part.strip()) >= MIN_PART_LENGTH:
            found.add(part.strip())
    if bsn:
        found.add(bsn.strip())
        found.add(normalise_bsn(bsn))
    if phone:
        digits = re.sub(r"\D", "", phone)
        if len(digits) >= 6:
            found.add(digits)
    if birth_date:
        for fmt in DATE_FORMATS:
            found.add(birth_date.strftime(fmt))
        found.add(f"{birth_date.day}-{birth_date.month}-{birth_date.year}")
    return sorted(found, key=lambda s: (-len(s), s))


def compile_masks(masks):
    """[(strings, replacement)] -> [(compiled pattern, replacement)].

    Longer strings go first, across persons too, so that "Sanne de Vries" is
    replaced as a whole before "Vries" of somebody else.
    """
    pairs = [(s, replacement) for strings, replacement in masks for s in strings if s]
    pairs.sort(key=lambda pair: (-len(pair[0]), pair[0]))
    return [
        (re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)", re.IGNORECASE), replacement)
        for s, replacement in pairs
    ]


def mask_text(text, compiled):
    """``text`` with every compiled pattern replaced; False stays False."""
    if not text or not compiled:
        return text
    for pattern, replacement in compiled:
        text = pattern.sub(lambda _match, r=replacement: r, text)
    return text


def mask_html(html, compiled):
    """Like :func:`mask_text`, but only in the text between tags."""
    if not html or not compiled:
        return html
    escaped = [(pattern, str(escape(r))) for pattern, r in compiled]
    parts = TAG_RE.split(str(html))
    masked = "".join(
        part if index % 2 else mask_text(part, escaped)
        for index, part in enumerate(parts)
    )
    return Markup(masked) if isinstance(html, Markup) else masked


def person_strings(person):
    """:func:`identifying_strings` of a person record (or anything with the
    same attributes)."""
    return identifying_strings(
        person.first_name,
        person.name_prefix,
        person.last_name,
        person.known_as,
        person.bsn,
        person.phone,
        person.email,
        person.street,
        person.birth_date,
    )
