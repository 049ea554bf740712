"""Small-cell suppression for published tables (pure Python, no ORM).

A set of tables is described as ``values`` (key -> non-negative count) and
``equations`` (``(total_key, part_keys)``: the total is the sum of the parts).
Keys may be shared between tables (a margin that appears in two tables is one
key), so linked tables are protected together.

:func:`suppress` returns which keys must not be published:

* primary: counts from 1 to ``threshold - 1`` (totals included);
* secondary: extra cells so that no suppressed value can be recomputed from
  the published ones. Three checks run to a fixpoint:

  1. a line (an equation) with exactly one suppressed member gets a second
     one: the smallest non-zero candidate, cells before totals;
  2. interval reasoning: a reader who knows that primary cells lie in
     ``1 .. threshold - 1`` and secondary cells are 0 or ``>= threshold``
     must not be able to narrow any suppressed value down to one number,
     unless hiding every other cell would not prevent it either (four '<5'
     adding up to a '<5' total are all 1);
  3. linear algebra: no suppressed value may follow from any combination of
     equations (its unit vector is not in their row space).

Cost: groups of keys that no equation links are solved apart, the number of
suppressed members per line is kept up to date instead of counted again,
interval reasoning only looks again at the lines whose bounds changed, and
the checks 2 and 3 are kept per group of suppressed keys sharing lines until
a key is hidden in that group. The result is the same as checking everything
after every step.
"""

import math
from collections import deque

PRIMARY = "primary"
SECONDARY = "secondary"

# Arithmetic modulo a large prime keeps the rank computation exact in practice
# (the equations have coefficients 0/±1) and fast without fractions.
_PRIME = (1 << 61) - 1
_MAX_PROPAGATION_ROUNDS = 50


def primary_cells(values, threshold):
    """Keys whose count lies between 1 and ``threshold - 1``."""
    return {key for key, value in values.items() if 0 < value < threshold}


def suppress(values, equations, threshold=5):
    """Return ``{key: PRIMARY | SECONDARY}`` for every key to suppress.

    :param values: dict key -> int (>= 0); the order of the keys decides ties.
    :param equations: iterable of ``(total_key, [part_keys])``.
    :param threshold: counts below it (and above zero) are suppressed.
    """
    if threshold <= 1:
        return {}
    status = {}
    for part_values, part_equations in _components(values, equations):
        status.update(_Suppression(part_values, part_equations, threshold).run())
    return status


def _components(values, equations):
    """Split the tables into groups of keys that no equation links to each other:
    what is hidden in one group tells nothing about another, so each is solved
    on its own (keys keep their order)."""
    equations = [(total, tuple(parts)) for total, parts in equations]
    parent = {}

    def root(key):
        while parent.get(key, key) != key:
            parent[key] = parent.get(parent[key], parent[key])
            key = parent[key]
        return key

    for total, parts in equations:
        for key in (total, *parts):
            if key not in values:
                raise KeyError(f"Equation refers to unknown key {key!r}")
            a, b = root(total), root(key)
            if a != b:
                parent[a] = b
    groups = {}
    for key, value in values.items():
        groups.setdefault(root(key), ({}, []))[0][key] = value
    for equation in equations:
        groups[root(equation[0])][1].append(equation)
    return list(groups.values())


class _Suppression:
    def __init__(self, values, equations, threshold):
        self.values = values
        self.threshold = threshold
        self.order = {key: index for index, key in enumerate(values)}
        self.equations = [(total, tuple(parts)) for total, parts in equations]
        self.lines = [(total, *parts) for total, parts in self.equations]
        self.lines_of = {key: [] for key in values}
        for index, line in enumerate(self.lines):
            for key in line:
                if key not in values:
                    raise KeyError(f"Equation refers to unknown key {key!r}")
                self.lines_of[key].append(index)
        self.margins = {total for total, _parts in self.equations}
        primary = dict.fromkeys(
            sorted(primary_cells(values, threshold), key=self.order.get), PRIMARY
        )
        # Some values give themselves away whatever else is hidden (two '<3'
        # adding up to a '<3' total are both 1): hiding more cannot help, so
        # they count as known, like published values.
        everything = dict.fromkeys(values, SECONDARY)
        everything.update(primary)
        self.known = frozenset(
            _disclosed_by_intervals(values, self.equations, everything, threshold)
        )
        # suppressed members of each line that are not known anyway
        self.hidden = [0] * len(self.lines)
        self.status = {}
        self.by_intervals = {}
        self.by_rank = {}
        self.parent = {}
        self.groups = {}
        for key, kind in primary.items():
            self.hide(key, kind)

    def hide(self, key, kind):
        self.status[key] = kind
        self.parent[key] = key
        self.groups[key] = {key}
        for index in self.lines_of[key]:
            for other in self.lines[index]:
                if other in self.parent:
                    a, b = self.root(key), self.root(other)
                    if a != b:
                        self.parent[a] = b
                        self.groups[b] |= self.groups.pop(a)
        if key not in self.known:
            for index in self.lines_of[key]:
                self.hidden[index] += 1

    def hidden_in(self, index):
        return self.hidden[index]

    def pick(self, line_indexes):
        """The best extra cell to hide in these lines (any line if none is left):
        non-zero before zero, cells before totals, the smallest count, one that
        also completes another line."""
        candidates = {
            key
            for index in line_indexes
            for key in self.lines[index]
            if key not in self.status
        } or {key for key in self.values if key not in self.status}
        if not candidates:
            return None

        def rank(key):
            helps = sum(1 for i in self.lines_of[key] if self.hidden[i] == 1)
            value = self.values[key]
            return (value == 0, key in self.margins, value, -helps, self.order[key])

        return min(candidates, key=rank)

    def disclosed(self):
        """Suppressed keys a reader can work out: by intervals, else by rank.

        Both look at groups of suppressed keys that share a line; what a reader
        learns in one group does not depend on another, so the answer of a group
        is kept until a key is hidden in it (or joins it to another)."""
        groups = self.hidden_groups()
        found = []
        for keys, equations in groups:
            if keys not in self.by_intervals:
                status = {key: self.status[key] for key in keys}
                self.by_intervals[keys] = _disclosed_by_intervals(
                    self.values, equations, status, self.threshold, self.known
                )
            found += self.by_intervals[keys]
        if found:
            return found
        for keys, equations in groups:
            if keys not in self.by_rank:
                values = {key: self.values[key] for key in self.values if key in keys}
                self.by_rank[keys] = _disclosed_by_rank(
                    values, equations, dict.fromkeys(keys, SECONDARY), self.known
                )
            found += self.by_rank[keys]
        return found

    def hidden_groups(self):
        """``[(frozenset of suppressed keys, their equations)]``: suppressed keys
        linked by the lines they share (kept up to date by :meth:`hide`)."""
        result = []
        for members in self.groups.values():
            keys = frozenset(members)
            if keys in self.by_intervals and keys in self.by_rank:
                result.append((keys, ()))
                continue
            indexes = sorted({i for key in keys for i in self.lines_of[key]})
            result.append((keys, [self.equations[i] for i in indexes]))
        return result

    def root(self, key):
        parent = self.parent
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def run(self):
        while True:
            # 1. every line holds zero or at least two suppressed members
            added = False
            for index in range(len(self.lines)):
                if self.hidden[index] == 1:
                    key = self.pick([index])
                    if key is not None:
                        self.hide(key, SECONDARY)
                        added = True
            if added:
                continue
            # 2. and 3. nothing can be narrowed down to one value; look for a
            # helper in every line through a disclosed value: the cause of an
            # interval disclosure is often another line than the first one
            disclosed = self.disclosed()
            if not disclosed:
                return self.status
            key = self.pick({i for found in disclosed for i in self.lines_of[found]})
            if key is None:
                return self.status
            self.hide(key, SECONDARY)


def _bounds(values, status, threshold, known):
    bounds = {}
    for key, kind in status.items():
        if key in known:
            bounds[key] = (values[key], values[key])
        elif kind == PRIMARY:
            bounds[key] = (1, threshold - 1)
        elif values[key] >= threshold:
            bounds[key] = (threshold, math.inf)
        else:
            bounds[key] = (0, math.inf)
    return bounds


def _disclosed_by_intervals(values, equations, status, threshold, known=()):
    """Suppressed keys (not ``known``) whose value a reader can pin down by
    interval reasoning.

    Bounds are narrowed line by line until nothing changes; a line is looked at
    again only when the bounds of one of its members changed (at most
    ``_MAX_PROPAGATION_ROUNDS`` looks per line on average)."""
    bounds = _bounds(values, status, threshold, known)
    rows = []
    rows_of = {}
    for total, parts in equations:
        terms = [(total, -1)] + [(part, 1) for part in parts]
        unknown = [(key, coef) for key, coef in terms if key in status]
        if not unknown:
            continue
        constant = -sum(coef * values[key] for key, coef in terms if key not in status)
        for key, _coef in unknown:
            rows_of.setdefault(key, []).append(len(rows))
        rows.append((unknown, constant))
    pending = deque(range(len(rows)))
    queued = [True] * len(rows)
    budget = _MAX_PROPAGATION_ROUNDS * len(rows)
    while pending and budget:
        budget -= 1
        index = pending.popleft()
        queued[index] = False
        unknown, constant = rows[index]
        # sum(coef * x) == constant: bound each x by the others' bounds
        contributions = [
            (key, coef, *_contribution(coef, bounds[key])) for key, coef in unknown
        ]
        low_sum, low_open = _split(c[2] for c in contributions)
        high_sum, high_open = _split(c[3] for c in contributions)
        for key, coef, own_low, own_high in contributions:
            low_rest = (
                -math.inf
                if low_open - (own_low == -math.inf)
                else low_sum - (0 if own_low == -math.inf else own_low)
            )
            high_rest = (
                math.inf
                if high_open - (own_high == math.inf)
                else high_sum - (0 if own_high == math.inf else own_high)
            )
            if coef > 0:
                low, high = constant - high_rest, constant - low_rest
            else:
                low, high = low_rest - constant, high_rest - constant
            current_low, current_high = bounds[key]
            new = (max(current_low, low), min(current_high, high))
            if new != (current_low, current_high):
                bounds[key] = new
                for other in rows_of[key]:
                    if not queued[other]:
                        queued[other] = True
                        pending.append(other)
    return [
        key for key, (low, high) in bounds.items() if low == high and key not in known
    ]


def _contribution(coef, bounds):
    """(lowest, highest) of ``coef * x`` for x within ``bounds``."""
    low, high = bounds
    return (low, high) if coef > 0 else (-high, -low)


def _split(numbers):
    """(sum of the finite numbers, how many are infinite)."""
    total = infinite = 0
    for number in numbers:
        if math.isinf(number):
            infinite += 1
        else:
            total += number
    return total, infinite


def _disclosed_by_rank(values, equations, status, known=()):
    """Suppressed keys (not ``known``) whose value follows from a linear
    combination of equations."""
    hidden = (k for k in values if k in status and k not in known)
    columns = {key: index for index, key in enumerate(hidden)}
    if not columns:
        return []
    matrix = []
    for total, parts in equations:
        row = {}
        for key, coef in [(total, -1)] + [(part, 1) for part in parts]:
            if key in columns:
                row[columns[key]] = (row.get(columns[key], 0) + coef) % _PRIME
        row = {col: coef for col, coef in row.items() if coef}
        if row:
            matrix.append(row)
    pivots = _reduced_row_echelon(matrix)
    keys = list(columns)
    return [keys[col] for col, row in pivots.items() if len(row) == 1]


def _reduced_row_echelon(matrix):
    """Reduce sparse rows (dict column -> coefficient mod p); return {pivot: row}."""
    pivots = {}
    for row in matrix:
        row = dict(row)
        for col, pivot_row in pivots.items():
            if col in row:
                factor = row[col]
                for c, v in pivot_row.items():
                    row[c] = (row.get(c, 0) - factor * v) % _PRIME
                row = {c: v for c, v in row.items() if v}
        if not row:
            continue
        col = min(row)
        inverse = pow(row[col], _PRIME - 2, _PRIME)
        row = {c: v * inverse % _PRIME for c, v in row.items()}
        for other_col, other_row in pivots.items():
            if col in other_row:
                factor = other_row[col]
                for c, v in row.items():
                    other_row[c] = (other_row.get(c, 0) - factor * v) % _PRIME
                pivots[other_col] = {c: v for c, v in other_row.items() if v}
        pivots[col] = row
    return pivots
