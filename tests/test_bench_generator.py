"""The benchmark's data generator (bench/generate.py) against the addon as it is.

`make bench` runs outside CI; these tests keep its generator in step with the
models: the distributions it promises, and a small chain created through the
ORM in the test database (every constraint and stage guard runs), rolled back.
"""

import sys
from datetime import date
from pathlib import Path

from odoo.tests import TransactionCase

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import generate  # noqa: E402

TODAY = date(2026, 6, 15)


GEMEENTEN = list(range(1, 61))


class BenchCase(TransactionCase):
    # outside an addon, Odoo's test classes get no tags of their own
    test_tags = {"standard", "post_install"}
    test_module = "ketenaanpak_mensenhandel"
    test_sequence = 0


class TestDistributions(BenchCase):
    def test_specs_follow_the_national_figures(self):
        import random

        specs = generate.make_specs(6000, random.Random(7), TODAY, GEMEENTEN)
        n = len(specs)

        def share(test):
            return sum(1 for s in specs if test(s)) / n

        self.assertAlmostEqual(
            share(lambda s: "vorm_seksueel" in s["vormen"]), 0.62, delta=0.04
        )
        self.assertGreaterEqual(share(lambda s: "vorm_arbeid" in s["vormen"]), 0.21)
        self.assertGreaterEqual(share(lambda s: "vorm_crimineel" in s["vormen"]), 0.10)
        self.assertAlmostEqual(
            share(lambda s: s["vormen"] == ["vorm_onbekend"]), 0.11, delta=0.02
        )
        under_23 = share(lambda s: (s["opened"] - s["birth"]).days < 23 * 365)
        self.assertAlmostEqual(under_23, 0.40, delta=0.04)
        self.assertGreater(share(lambda s: s["female"]), 0.6)
        self.assertAlmostEqual(
            share(lambda s: s["uitbuiting"] != s["woongemeente"]), 0.24, delta=0.04
        )
        closed = ("stage_afgeschaald", "stage_afgesloten", "stage_geevalueerd")
        open_share = share(lambda s: s["path"][-1] not in closed)
        self.assertTrue(0.08 < open_share < 0.3, open_share)
        # open dossiers are spread over every stage of hoofdstap 2 to 4
        finals = {s["path"][-1] for s in specs}
        self.assertEqual(finals, set(generate.PATH_WEL) | {"stage_afgeschaald"})
        # chronological, every stage entered on or after the one before, by today
        self.assertEqual(specs, sorted(specs, key=lambda s: s["opened"]))
        for spec in specs:
            days = [spec["entered"][key] for key in spec["path"]]
            self.assertEqual(days, sorted(days))
            self.assertLessEqual(days[-1], TODAY)
            self.assertEqual(days[0], spec["opened"])
        # more signals later on: recognition improves
        first = sum(1 for s in specs if s["opened"].year <= TODAY.year - 8)
        last = sum(1 for s in specs if s["opened"].year >= TODAY.year - 1)
        self.assertGreater(last, 3 * first)


class TestGenerator(BenchCase):
    def test_a_small_chain_through_the_orm(self):
        counts = (
            self.env["keten.dossier"].with_context(active_test=False).search_count([])
        )
        result = generate.generate(self.env, 60, batch_size=25, seed=11, commit=False)
        Dossier = self.env["keten.dossier"].with_context(active_test=False)
        dossiers = Dossier.search([("registering_organisation_id.code", "like", "B-%")])
        self.assertEqual(len(dossiers), 60)
        self.assertEqual(Dossier.search_count([]), counts + 60)
        self.assertEqual(result["dossiers"], 60)
        self.assertGreater(result["rows_per_second"], 0)
        for key in ("meldingen", "wegingen", "plans", "interventies", "evaluaties"):
            self.assertGreater(result[key], 0, key)
        self.assertEqual(
            result["meldingen"],
            self.env["keten.melding"].search_count(
                [("organisation_id.code", "like", "B-%")]
            ),
        )
        today = date.today()
        for dossier in dossiers:
            history = dossier.stage_history_ids.sorted(lambda h: (h.date_start, h.id))
            self.assertEqual(
                history[:1].stage_id,
                self.env.ref(generate.P + "stage_melding_ontvangen"),
            )
            self.assertEqual(history[-1:].stage_id, dossier.stage_id)
            self.assertFalse(history[-1:].date_end)
            self.assertTrue(all(h.date_start.date() <= today for h in history))
            self.assertTrue(all(h.date_end for h in history[:-1]))
            code = dossier.hoofdstap_code
            if dossier.is_closed:
                self.assertLessEqual(dossier.date_closed, today)
                self.assertTrue(dossier.closing_reason)
            if code in ("analyse", "uitvoering", "evaluatie") or dossier.is_closed:
                self.assertTrue(dossier._latest_weging("eerste"), dossier.name)
            if code in ("uitvoering", "evaluatie"):
                self.assertIn("vastgesteld", dossier.plan_ids.mapped("state"))
                self.assertTrue(dossier.interventie_ids)
            if dossier.stage_id.closing_type == "afgesloten":
                self.assertIn(dossier.nazorg_status, ("geregeld", "niet_nodig"))
                self.assertTrue(dossier.evaluatie_ids)
        # the open cases have their termijnen, closed history has none
        Deadline = self.env["keten.deadline"]
        open_dossiers = dossiers.filtered(lambda d: not d.is_closed)
        self.assertTrue(open_dossiers)
        with_termijn = Deadline.search([("dossier_id", "in", dossiers.ids)]).dossier_id
        self.assertFalse(with_termijn - open_dossiers)
        self.assertTrue(
            Deadline.search_count(
                [("dossier_id", "in", open_dossiers.ids), ("state", "=", "open")]
            )
        )
        self.assertGreater(result["termijnen_open"], 0)
        # need-to-know: the partner of the benchmark sees some dossiers, not all
        partner = self.env["res.users"].search([("login", "=", "bench.partner")])
        visible = Dossier.with_user(partner).search_count([("id", "in", dossiers.ids)])
        self.assertTrue(0 < visible < 60, visible)

    def test_the_same_seed_gives_the_same_chain(self):
        import random

        first = generate.make_specs(50, random.Random(3), TODAY, GEMEENTEN)
        again = generate.make_specs(50, random.Random(3), TODAY, GEMEENTEN)
        self.assertEqual(first, again)
