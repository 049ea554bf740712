"""Which files a document of the chain may be (pure Python, no ORM).

A file is accepted when its extension is on the list *and* its content is of a
type that extension may have (the type is read from the first bytes, not taken
from the name): a program renamed to ``verklaring.pdf`` is refused. Web pages,
scripts, SVG and archives are never accepted: the browser could run them.
Virus scanning is not done here; it is the platform's job (docs/privacy.md).
"""

import os

OOXML = "application/vnd.openxmlformats-officedocument."
ODF = "application/vnd.oasis.opendocument."
OLE = ("application/msword", "application/vnd.ms-excel")

# extension: the content types a file with that extension may have
ALLOWED_TYPES = {
    ".pdf": ("application/pdf",),
    ".jpg": ("image/jpeg",),
    ".jpeg": ("image/jpeg",),
    ".png": ("image/png",),
    ".gif": ("image/gif",),
    ".webp": ("image/webp",),
    ".docx": (OOXML + "wordprocessingml.document",),
    ".xlsx": (OOXML + "spreadsheetml.sheet",),
    ".odt": (ODF + "text",),
    ".ods": (ODF + "spreadsheet",),
    ".doc": OLE,
    ".xls": OLE,
    ".txt": ("text/plain",),
}

# content types shown in the document form itself
PDF_TYPES = ("application/pdf",)
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")


def extension(name):
    return os.path.splitext(name or "")[1].lower()


def allowed_extensions():
    """The accepted extensions, for messages and the upload button."""
    return sorted(ALLOWED_TYPES)


def accepted_type(name, detected):
    """The content type of a file called ``name`` whose content was detected as
    ``detected``, or None when such a file is not accepted."""
    types = ALLOWED_TYPES.get(extension(name))
    if not types or detected not in types:
        return None
    return detected
