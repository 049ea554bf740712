from odoo.tests import tagged

from .common import KetenCase

# Queries to open a dossier form (web_read of the form's fields) with a cold
# ORM cache and warm rule and view caches; the same for 1 and 50 meldingen and
# interventies (benchmark P4, docs/benchmarks.md). 31 and 30 before the
# termijnen page and the AVG fields came on the form. The stage card shows the
# RASCI of the hoofdstap (2 queries: its rows and their organisations); the
# test gives the hoofdstap one where none is configured (the demo data has
# them), so that the budget is the same with and without demo data. The
# documents page adds one (the documents of the dossier).
FORM_QUERIES = {"regie": 38, "partner": 37}


@tagged("post_install", "-at_install", "keten_performance", "is_query_count")
class TestFormQueryCount(KetenCase):
    """Opening a dossier form costs the same number of queries whatever its size."""

    def _form_spec(self, user):
        view = self.env["keten.dossier"].with_user(user).get_views([(False, "form")])
        spec = {}
        for name, info in view["models"]["keten.dossier"]["fields"].items():
            if info["type"] in ("one2many", "many2many"):
                spec[name] = {"fields": {"display_name": {}}, "limit": 40}
            elif info["type"] == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        return spec

    def _dossier_with(self, size):
        person = self.env["keten.person"].create(
            {"first_name": "Lena", "last_name": f"Groot {size}"}
        )
        dossier = self.create_dossier_with_melding(person, self.org_moviera)
        self.bring_to_uitvoering(dossier)
        for _i in range(size - 1):
            self.create_melding(organisation=self.org_moviera, dossier_id=dossier.id)
        self.env["keten.interventie"].create(
            [
                {
                    "dossier_id": dossier.id,
                    "name": f"Interventie {i}",
                    "organisation_id": self.org_moviera.id,
                }
                for i in range(size)
            ]
        )
        self.assertEqual(len(dossier.melding_ids), size)
        self.assertEqual(len(dossier.interventie_ids), size)
        return dossier

    def _count(self, dossier, user, spec):
        record = dossier.with_user(user)
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        record.web_read(spec)
        return self.cr.sql_log_count - before

    def test_form_queries_do_not_grow_with_meldingen_and_interventies(self):
        small = self._dossier_with(1)
        big = self._dossier_with(50)
        hoofdstap = small.stage_id.hoofdstap_id
        if not hoofdstap.rasci_ids:
            self.env["keten.rasci"].create(
                {
                    "hoofdstap_id": hoofdstap.id,
                    "organisation_id": self.org_zvh.id,
                    "role": "R",
                }
            )
        for key, user in (
            ("regie", self.user_regie),
            ("partner", self.user_partner_moviera),
        ):
            spec = self._form_spec(user)
            # warm the rule and view caches of this user on both dossiers
            for dossier in (small, big):
                dossier.with_user(user).web_read(spec)
                self.env.invalidate_all()
            for dossier in (small, big):
                self.env.invalidate_all()
                with self.assertQueryCount(FORM_QUERIES[key]):
                    values = dossier.with_user(user).web_read(spec)
                self.assertEqual(
                    len(values[0]["melding_ids"]), len(dossier.melding_ids)
                )
            queries_big = self._count(big, user, spec)
            queries_small = self._count(small, user, spec)
            self.assertEqual(
                queries_small,
                queries_big,
                f"form of a dossier with 50 meldingen and interventies costs "
                f"{queries_big} queries against {queries_small} for one ({user.login})",
            )
