"""Portability (AVG art. 20): the data a person provided, as JSON and CSV in
one zip (pure Python, no ORM).

``sections`` maps a name to a list of rows (dicts with the same keys); every
section becomes ``<name>.csv`` and all of them together ``data.json``. The
fingerprint covers the sections only, so that an export prepared by one
privacy officer and released by another can be checked to hold the same data.
"""

import csv
import hashlib
import io
import json
import zipfile


def data_json(sections, meta=None):
    document = dict(meta or {})
    document.update(sections)
    return json.dumps(document, ensure_ascii=False, indent=2, default=str)


def fingerprint(sections):
    text = json.dumps(sections, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def section_csv(rows):
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return buffer.getvalue()


def build_zip(sections, meta=None, readme=""):
    """The zip: data.json, one CSV per section, README.txt."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", data_json(sections, meta))
        for name, rows in sections.items():
            archive.writestr(f"{name}.csv", section_csv(rows))
        if readme:
            archive.writestr("README.txt", readme)
    return buffer.getvalue()
