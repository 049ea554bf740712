"""The layout of an anonymised publication: sheets of blocks of cells (pure Python).

Counts are registered under a *key*. A count that appears in several places
(a margin repeated in another table, a key figure that is also a grand total)
is one key, so the suppression of linked tables stays consistent: the same
number is shown or hidden everywhere. :meth:`Publication.solve` runs the
suppression once over every table; the writer then asks each cell how to show
itself.
"""

from .suppression import PRIMARY, suppress

TOTAL = "__total__"
SUPPRESSED_SECONDARY = "x"
NOT_AVAILABLE = "–"


class Count:
    """A count cell: its value is registered in the publication under ``key``."""

    __slots__ = ("key",)

    def __init__(self, key):
        self.key = key


class Derived:
    """A value derived from counts (a percentage, a median): shown only when
    none of the counts it depends on is suppressed."""

    __slots__ = ("kind", "requires", "value")

    def __init__(self, value, requires=(), kind="number"):
        self.value = value
        self.requires = tuple(requires)
        self.kind = kind


class Text:
    __slots__ = ("style", "text")

    def __init__(self, text, style=None):
        self.text = text
        self.style = style


class Block:
    """A titled block of rows; rows are lists of cells (``Count``, ``Derived``,
    ``Text`` or plain str/int)."""

    def __init__(self, title, header, rows, note=None, chart=None):
        self.title = title
        self.header = header
        self.rows = rows
        self.note = note
        self.chart = chart


class Publication:
    def __init__(self, threshold):
        self.threshold = threshold
        self.values = {}
        self.equations = []
        self.sheets = []
        self.status = {}

    # ------------------------------------------------------------------
    # Building
    # ------------------------------------------------------------------
    def sheet(self, name, intro=()):
        sheet = {"name": name, "intro": list(intro), "blocks": []}
        self.sheets.append(sheet)
        return sheet

    def count(self, key, value):
        """Register ``value`` under ``key``; a key registered twice must agree."""
        value = int(value or 0)
        if value < 0:
            raise ValueError(f"Negative count for {key!r}")
        if key in self.values and self.values[key] != value:
            raise ValueError(
                f"Linked count {key!r} differs: {self.values[key]} and {value}"
            )
        self.values[key] = value
        return Count(key)

    def equation(self, total_key, part_keys):
        self.equations.append((total_key, list(part_keys)))

    def cross_table(
        self,
        ident,
        title,
        corner,
        rows,
        cols,
        cells,
        *,
        row_totals=True,
        col_totals=True,
        links=None,
        note=None,
        total_label="Totaal",
    ):
        """A table of counts with margins.

        :param rows: ``[(row_id, label)]``; :param cols: ``[(col_id, label)]``
        :param cells: ``{(row_id, col_id): count}`` (missing = 0)
        :param links: ``{(row_id | TOTAL, col_id | TOTAL): key}`` for cells or
            margins shared with other blocks
        """
        links = links or {}

        def key(r, c):
            return links.get((r, c), (ident, r, c))

        body = []
        for r, label in rows:
            line = [label]
            parts = []
            for c, _label in cols:
                line.append(self.count(key(r, c), cells.get((r, c), 0)))
                parts.append(key(r, c))
            if row_totals:
                total = sum(cells.get((r, c), 0) for c, _label in cols)
                line.append(self.count(key(r, TOTAL), total))
                self.equation(key(r, TOTAL), parts)
            body.append(line)
        if col_totals:
            line = [Text(total_label, "total")]
            for c, _label in cols:
                total = sum(cells.get((r, c), 0) for r, _label in rows)
                line.append(self.count(key(TOTAL, c), total))
                self.equation(key(TOTAL, c), [key(r, c) for r, _label in rows])
            if row_totals:
                grand = sum(cells.get((r, c), 0) for r, _l in rows for c, _l2 in cols)
                line.append(self.count(key(TOTAL, TOTAL), grand))
                self.equation(key(TOTAL, TOTAL), [key(r, TOTAL) for r, _l in rows])
                self.equation(key(TOTAL, TOTAL), [key(TOTAL, c) for c, _l in cols])
            body.append(line)
        header = [corner] + [label for _c, label in cols]
        if row_totals:
            header.append(total_label)
        return Block(title, header, body, note=note)

    # ------------------------------------------------------------------
    # Suppression and display
    # ------------------------------------------------------------------
    def solve(self):
        self.status = suppress(self.values, self.equations, self.threshold)
        return self.status

    def is_suppressed(self, key):
        return key in self.status

    def display(self, cell):
        """What the writer shows for ``cell``: (value, kind)."""
        if isinstance(cell, Count):
            kind = self.status.get(cell.key)
            if kind == PRIMARY:
                return f"<{self.threshold}", "suppressed"
            if kind:
                return SUPPRESSED_SECONDARY, "suppressed"
            return self.values[cell.key], "count"
        if isinstance(cell, Derived):
            if cell.value is None or any(k in self.status for k in cell.requires):
                return NOT_AVAILABLE, "suppressed"
            return cell.value, cell.kind
        if isinstance(cell, Text):
            return cell.text, cell.style or "text"
        if cell is None:
            return None, "text"
        return cell, "text"
