"""The suppression of small counts, as a pure function (no database)."""

import math
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..tools.suppression import (
    PRIMARY,
    SECONDARY,
    _disclosed_by_rank,
    suppress,
)

T = "T"


def table(ident, cells, row_totals=True, col_totals=True, links=None):
    """Values and equations of a table given as a list of rows of counts."""
    links = links or {}

    def key(r, c):
        return links.get((r, c), (ident, r, c))

    values, equations = {}, []
    rows, cols = range(len(cells)), range(len(cells[0]))
    for r in rows:
        for c in cols:
            values[key(r, c)] = cells[r][c]
    if row_totals:
        for r in rows:
            values[key(r, T)] = sum(cells[r])
            equations.append((key(r, T), [key(r, c) for c in cols]))
    if col_totals:
        for c in cols:
            values[key(T, c)] = sum(cells[r][c] for r in rows)
            equations.append((key(T, c), [key(r, c) for r in rows]))
    if row_totals and col_totals:
        values[key(T, T)] = sum(map(sum, cells))
        equations.append((key(T, T), [key(r, T) for r in rows]))
        equations.append((key(T, T), [key(T, c) for c in cols]))
    return values, equations


def determined(values, equations, suppressed):
    """Independent check with exact fractions: the suppressed keys whose value
    follows from the equations and the published values."""
    keys = [k for k in values if k in suppressed]
    index = {k: i for i, k in enumerate(keys)}
    matrix = []
    for total, parts in equations:
        row = [Fraction(0)] * len(keys)
        for key, coef in [(total, -1)] + [(p, 1) for p in parts]:
            if key in index:
                row[index[key]] += coef
        if any(row):
            matrix.append(row)

    def rank(columns):
        rows = [[r[c] for c in columns] for r in matrix]
        rank_ = 0
        for col in range(len(columns)):
            pivot = next((i for i in range(rank_, len(rows)) if rows[i][col]), None)
            if pivot is None:
                continue
            rows[rank_], rows[pivot] = rows[pivot], rows[rank_]
            for i in range(len(rows)):
                if i != rank_ and rows[i][col]:
                    factor = rows[i][col] / rows[rank_][col]
                    rows[i] = [
                        a - factor * b
                        for a, b in zip(rows[i], rows[rank_], strict=True)
                    ]
            rank_ += 1
        return rank_

    everything = list(range(len(keys)))
    full = rank(everything)
    return {
        keys[i] for i in everything if rank([c for c in everything if c != i]) < full
    }


def interval_singletons(values, equations, status, threshold):
    """Suppressed keys a reader pins down by interval reasoning over the lines
    (repeated until nothing changes), knowing that primary cells lie in
    1..threshold-1 and secondary cells are 0 or above."""
    bounds = {}
    for key, kind in status.items():
        if kind == PRIMARY:
            bounds[key] = [1, threshold - 1]
        else:
            bounds[key] = [threshold if values[key] >= threshold else 0, math.inf]
    changed = True
    while changed:
        changed = False
        for total, parts in equations:
            terms = [(total, -1)] + [(p, 1) for p in parts]
            unknown = [(k, c) for k, c in terms if k in status]
            constant = -sum(c * values[k] for k, c in terms if k not in status)
            for key, coef in unknown:
                low = high = 0
                for other, other_coef in unknown:
                    if other != key:
                        lo, hi = bounds[other]
                        if other_coef > 0:
                            low, high = low + lo, high + hi
                        else:
                            low, high = low - hi, high - lo
                if coef > 0:
                    lo, hi = constant - high, constant - low
                else:
                    lo, hi = low - constant, high - constant
                if lo > bounds[key][0]:
                    bounds[key][0], changed = lo, True
                if hi < bounds[key][1]:
                    bounds[key][1], changed = hi, True
    return {key for key, (lo, hi) in bounds.items() if lo == hi}


counts = st.sampled_from([0, 0, 0, 1, 2, 3, 4, 5, 6, 9, 14])
grids = st.integers(1, 4).flatmap(
    lambda cols: st.lists(
        st.lists(counts, min_size=cols, max_size=cols), min_size=1, max_size=5
    )
)


@tagged("post_install", "-at_install", "keten_rapportage")
class TestSuppression(BaseCase):
    def assertProtected(self, values, equations, status, threshold):
        for key, value in values.items():
            if 0 < value < threshold:
                self.assertEqual(status.get(key), PRIMARY, key)
            elif key in status:
                self.assertEqual(status[key], SECONDARY, key)
        # values a reader pins down from the markers alone, whatever is hidden
        everything = dict.fromkeys(values, SECONDARY)
        everything.update({k: v for k, v in status.items() if v == PRIMARY})
        inherent = interval_singletons(values, equations, everything, threshold)
        hidden = {k: v for k, v in status.items() if k not in inherent}
        for total, parts in equations:
            line = [total, *parts]
            self.assertNotEqual(
                sum(1 for key in line if key in hidden),
                1,
                f"line {line} has a single suppressed member",
            )
        self.assertFalse(determined(values, equations, hidden))
        self.assertLessEqual(
            interval_singletons(values, equations, status, threshold), inherent
        )

    def test_small_counts_are_primary_zero_and_large_are_not(self):
        values, equations = table("t", [[0, 1, 4, 5, 12]], col_totals=False)
        status = suppress(values, equations, threshold=5)
        self.assertEqual(status[("t", 0, 1)], PRIMARY)
        self.assertEqual(status[("t", 0, 2)], PRIMARY)
        self.assertNotIn(("t", 0, 0), status)
        self.assertNotIn(("t", 0, 3), status)
        self.assertNotIn(("t", 0, 4), status)

    def test_a_small_total_is_suppressed_too(self):
        values, equations = table("t", [[1, 0], [2, 0]])
        status = suppress(values, equations, threshold=5)
        # the column total (3) and the grand total (3) are small counts as well
        self.assertEqual(status[("t", T, 0)], PRIMARY)
        self.assertEqual(status[("t", T, T)], PRIMARY)
        self.assertNotIn(("t", 0, 1), status)

    def test_secondary_is_the_smallest_non_zero_cell_of_the_line(self):
        values, equations = table("t", [[3, 0, 7, 10], [6, 8, 9, 5]])
        status = suppress(values, equations, threshold=5)
        self.assertEqual(status[("t", 0, 0)], PRIMARY)
        # row 0: not the zero, not the total, the smallest non-zero cell (7)
        self.assertEqual(status[("t", 0, 2)], SECONDARY)
        self.assertNotIn(("t", 0, 1), status)
        self.assertNotIn(("t", 0, 3), status)
        self.assertNotIn(("t", 0, T), status)
        # column 0 gets its second cell (6), column 2 its second (9): row 1
        # then holds two hidden cells and the pattern is a closed rectangle
        self.assertEqual(status[("t", 1, 0)], SECONDARY)
        self.assertEqual(status[("t", 1, 2)], SECONDARY)
        self.assertEqual(len(status), 4)
        self.assertProtected(values, equations, status, 5)

    def test_two_by_two_pattern(self):
        values, equations = table("t", [[3, 10], [7, 8]])
        status = suppress(values, equations, threshold=5)
        self.assertEqual(
            set(status), {("t", 0, 0), ("t", 0, 1), ("t", 1, 0), ("t", 1, 1)}
        )
        self.assertProtected(values, equations, status, 5)

    def test_interval_disclosure_is_prevented(self):
        # 1 + 5 = 6: knowing '<5' is 1..4 and the hidden 5 is at least 5, a
        # reader would find 1 and 5 again; the total has to go as well.
        values, equations = table("t", [[1, 5]], col_totals=False)
        status = suppress(values, equations, threshold=5)
        self.assertEqual(status[("t", 0, T)], SECONDARY)
        self.assertProtected(values, equations, status, 5)

    def test_two_small_counts_adding_up_to_their_maximum(self):
        # 4 + 4 = 8 shown as '<5' twice and 8: both could only be 4
        values, equations = table("t", [[4, 4, 0]], col_totals=False)
        status = suppress(values, equations, threshold=5)
        self.assertIn(("t", 0, T), status)
        self.assertProtected(values, equations, status, 5)

    def test_rank_finds_a_value_every_line_of_which_has_two_hidden_cells(self):
        # Two 2x2 blocks joined by one cell (1, 2): every row and column has at
        # least two hidden cells, yet that cell follows from the totals.
        cells = [
            [5, 6, 0, 0, 1],
            [7, 8, 9, 0, 1],
            [0, 0, 5, 6, 1],
            [0, 0, 7, 8, 1],
        ]
        values, equations = table("t", cells)
        hidden = {
            ("t", r, c): SECONDARY
            for r, c in [(0, 0), (0, 1), (1, 0), (1, 1), (1, 2)]
            + [(2, 2), (2, 3), (3, 2), (3, 3)]
        }
        self.assertEqual(_disclosed_by_rank(values, equations, hidden), [("t", 1, 2)])
        self.assertEqual(determined(values, equations, hidden), {("t", 1, 2)})

    def test_linked_tables_share_the_fate_of_a_shared_margin(self):
        links = {(T, 0): ("vorm", 0), (T, 1): ("vorm", 1), (T, T): ("all",)}
        a_values, a_equations = table("a", [[2, 6], [5, 9]], links=links)
        b_values, b_equations = table("b", [[7, 15]], links=links)
        values = {**a_values, **b_values}
        status = suppress(values, a_equations + b_equations, threshold=5)
        # table b has no small count, but the margins it shares with table a
        # must not give away what table a hides
        self.assertProtected(values, a_equations + b_equations, status, 5)
        self.assertEqual(status[("a", 0, 0)], PRIMARY)

    def test_small_counts_that_give_themselves_away_do_not_hide_the_table(self):
        # '<3' + '<3' = '<3' can only be 1 + 1 = 2, whatever else is hidden: the
        # rest of the table stays visible
        values, equations = table("t", [[1, 6], [1, 7]])
        status = suppress(values, equations, threshold=3)
        self.assertEqual(set(status), {("t", 0, 0), ("t", 1, 0), ("t", T, 0)})
        self.assertProtected(values, equations, status, 3)

    def test_threshold_one_or_less_suppresses_nothing(self):
        values, equations = table("t", [[1, 2]])
        self.assertEqual(suppress(values, equations, threshold=1), {})

    def test_unknown_key_in_equation_is_refused(self):
        with self.assertRaises(KeyError):
            suppress({"a": 1}, [("a", ["b"])], threshold=5)

    @settings(max_examples=250, deadline=None)
    @given(grids, st.sampled_from([3, 5]), st.booleans())
    def test_property_no_suppressed_count_can_be_recomputed(
        self, cells, threshold, one_dimensional
    ):
        values, equations = table("t", cells, row_totals=not one_dimensional)
        status = suppress(values, equations, threshold)
        self.assertProtected(values, equations, status, threshold)
        self.assertEqual(status, suppress(values, equations, threshold))

    @settings(max_examples=150, deadline=None)
    @given(grids, st.lists(counts, min_size=1, max_size=4))
    def test_property_linked_tables(self, cells, other_row):
        width = len(cells[0])
        other_row = (other_row * width)[:width]
        links = {(T, c): ("margin", c) for c in range(width)}
        links[(T, T)] = ("grand",)
        a_values, a_equations = table("a", cells, links=links)
        # table b: a second breakdown with the same column totals
        totals = [sum(row[c] for row in cells) for c in range(width)]
        b_cells = [
            [min(other_row[c], totals[c]) for c in range(width)],
            [totals[c] - min(other_row[c], totals[c]) for c in range(width)],
        ]
        b_values, b_equations = table("b", b_cells, links=links)
        values = {**a_values, **b_values}
        equations = a_equations + b_equations
        status = suppress(values, equations, 5)
        self.assertProtected(values, equations, status, 5)
