from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..models.keten_retention import ANONYMISED_FIELDS, RETAINED_TEXT_FIELDS
from .retention_common import RetentionCase, statistical_snapshot


@tagged("post_install", "-at_install", "keten_retention")
class TestRetention(RetentionCase):
    def messages_of(self, records):
        return self.env["mail.message"].search(
            [("model", "=", records._name), ("res_id", "in", records.ids)]
        )

    def test_anonymise_dossier_removes_identifying_data_and_keeps_figures(self):
        dossier = self.close_dossier_fully(self.dossier_a, self.years_ago(6))
        victim, suspect = self.person_victim, self.person_suspect
        melding = dossier.melding_ids
        records = {
            "keten.dossier": dossier,
            "keten.melding": melding,
            "keten.weging": dossier.weging_ids,
            "keten.plan": dossier.plan_ids,
            "keten.plan.action": dossier.action_ids,
            "keten.interventie": dossier.interventie_ids,
            "keten.casusoverleg.item": dossier.agenda_item_ids,
            "keten.evaluatie": dossier.evaluatie_ids,
            "keten.strafrecht": dossier.sudo().strafrecht_ids,
        }
        self.assertTrue(self.messages_of(dossier))
        self.assertTrue(self.messages_of(victim))
        todo = self.env.ref("mail.mail_activity_data_todo")
        self.assertEqual(
            len(dossier.activity_ids.filtered(lambda a: a.activity_type_id == todo)), 1
        )
        # the planted to-do and the termijnen (open, and met ones kept as done)
        activities = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    "|",
                    "&",
                    ("res_model", "=", "keten.dossier"),
                    ("res_id", "=", dossier.id),
                    "|",
                    "&",
                    ("res_model", "=", "keten.melding"),
                    ("res_id", "in", melding.ids),
                    "|",
                    "&",
                    ("res_model", "=", "keten.interventie"),
                    ("res_id", "in", dossier.interventie_ids.ids),
                    "&",
                    ("res_model", "=", "keten.evaluatie"),
                    ("res_id", "in", dossier.evaluatie_ids.ids),
                ]
            )
        )
        open_termijnen = dossier.deadline_ids.filtered(lambda d: d.state == "open")
        self.assertTrue(open_termijnen, "nazorg check and evaluatie were due")
        self.assertGreater(self.access_log_count(dossier=dossier), 0)
        self.assertGreater(self.access_log_count(person=victim), 0)
        tracking = self.env["mail.tracking.value"].search(
            [("mail_message_id.model", "=", "keten.person")]
        )
        self.assertTrue(tracking, "the phone change of the victim was tracked")
        before = statistical_snapshot(self.env)

        summary = dossier._anonymise("test of the bewaartermijn")

        self.assertEqual(summary["dossiers"], 1)
        self.assertEqual(summary["meldingen"], 1)
        self.assertEqual(summary["persons"], 2)
        self.assertGreater(summary["messages"], 0)
        self.assertEqual(summary["attachments"], 3)
        self.assertEqual(summary["activities"], len(activities))
        self.assertEqual(summary["termijnen"], len(open_termijnen))
        self.assertEqual(set(open_termijnen.mapped("state")), {"cancelled"})
        self.assertFalse(dossier.termijn_overdue)
        self.assertGreater(summary["access_log"], 0)
        self.env.invalidate_all()
        # persons: identity gone, statistical attributes kept
        for person in victim | suspect:
            self.assertTrue(person.is_anonymised)
            self.assertEqual(person.name, f"Anonymised person {person.id}")
            for name in person._anonymised_fields:
                self.assertFalse(person[name], f"{name} of {person.id} is removed")
        self.assertEqual(victim.gender, "vrouw")
        self.assertEqual(victim.nationality_id, self.env.ref("base.nl"))
        self.assertEqual(victim.woongemeente_id, self.gemeente_a)
        self.assertFalse(victim.normalized_name)
        # the free text of every record of the case
        for model, recs in records.items():
            for name in ANONYMISED_FIELDS[model]:
                for record in recs.sudo():
                    value = record[name]
                    self.assertIn(
                        value,
                        (False, "[removed]"),
                        f"{model}.{name} is emptied",
                    )
        self.assertTrue(dossier.is_anonymised)
        self.assertTrue(melding.is_anonymised)
        self.assertEqual(melding.content, "[removed]")
        # messages, tracking values, files, activities, who-viewed
        notes = self.messages_of(dossier)
        self.assertEqual(len(notes), 1, "only the note of the anonymisation remains")
        self.assertIn("test of the bewaartermijn", notes.body)
        self.assertNotIn("Sanne", notes.body)
        self.assertFalse(notes.tracking_value_ids)
        self.assertFalse(
            self.env["mail.tracking.value"].search([("id", "in", tracking.ids)]),
        )
        for model, recs in records.items():
            if model != "keten.dossier":
                self.assertFalse(
                    self.messages_of(recs.sudo()).filtered(
                        lambda m: "Anonymised" not in (m.body or "")
                    ),
                    f"messages of {model} removed",
                )
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "like", "keten.%"), ("name", "=", "verklaring.txt")]
            )
        )
        self.assertFalse(activities.exists())
        self.assertEqual(self.access_log_count(dossier=dossier), 0)
        self.assertEqual(self.access_log_count(person=victim), 0)
        # the figures are exactly as they were
        self.assertEqual(statistical_snapshot(self.env), before)

    def test_regionale_tafel_is_the_same_after_anonymisation(self):
        self.close_dossier_fully(self.dossier_a, self.years_ago(6))
        self.first_weging(self.dossier_b, "geen")
        self.backdate_closing(self.dossier_b, self.years_ago(7))
        handled = self.create_melding(organisation=self.org_vt)
        handled.handling_note = "Adviesvraag beantwoord."
        handled.action_handle_without_dossier()
        handled.date_handled = self.years_ago(6)
        figures, cells = self.regionale_tafel()
        self.assertTrue(figures["key"], "the report has figures to compare")
        summary = self.retention._run_all()
        self.assertEqual(summary["dossiers"], 2)
        self.assertEqual(summary["meldingen"], 3)
        self.env.invalidate_all()
        figures_after, cells_after = self.regionale_tafel()
        self.assertEqual(figures_after, figures)
        self.assertEqual(cells_after, cells)

    def test_anonymise_is_idempotent(self):
        dossier = self.close_dossier_fully(self.dossier_a, self.years_ago(6))
        dossier._anonymise("first")
        notes = self.messages_of(dossier)
        summary = dossier._anonymise("second")
        self.assertFalse(any(summary.values()), summary)
        self.assertEqual(self.messages_of(dossier), notes)
        self.assertFalse(self.person_victim._anonymise("again").get("persons"))

    def test_person_with_another_case_keeps_identity(self):
        # the suspect is also in dossier B, which is still open
        self.dossier_b.sudo()._add_melding(
            self.create_melding(suspects=self.person_suspect, organisation=self.org_vt)
        )
        dossier = self.close_dossier_fully(self.dossier_a, self.years_ago(6))
        summary = dossier._anonymise("bewaartermijn")
        self.assertTrue(self.person_victim.is_anonymised)
        self.assertFalse(self.person_suspect.is_anonymised)
        self.assertEqual(self.person_suspect.last_name, "Bakker")
        self.assertEqual(summary["persons_kept"], 1)
        # once dossier B goes too, the suspect follows in the person sweep
        self.first_weging(self.dossier_b, "geen")
        self.backdate_closing(self.dossier_b, self.years_ago(7))
        self.retention._run_all()
        self.assertTrue(self.person_suspect.is_anonymised)

    def test_avg_api_on_persons_and_meldingen(self):
        summary = self.person_other._anonymise("AVG-verzoek 12")
        self.assertEqual(summary["persons"], 1)
        self.assertTrue(self.person_other.is_anonymised)
        # an anonymised person's role in an open dossier keeps its figures
        link = self.dossier_b.person_link_ids
        self.assertEqual(link.age_group, "23_plus")
        self.assertEqual(link.nationality_group, "eu")
        melding = self.create_melding(
            organisation=self.org_vt,
            melder_name="Jan Janssen",
            melder_email="jan@example.org",
        )
        melding.handling_note = "Doorverwezen naar de huisarts."
        melding.action_handle_without_dossier()
        summary = melding._anonymise("AVG-verzoek 13")
        self.assertEqual(summary["meldingen"], 1)
        self.assertFalse(melding.melder_name or melding.melder_email)
        self.assertEqual(melding.content, "[removed]")

    def test_cron_follows_the_bewaartermijn(self):
        old = self.close_dossier_fully(self.dossier_a, self.years_ago(6))
        self.first_weging(self.dossier_b, "geen")
        recent = self.dossier_b
        self.backdate_closing(recent, self.years_ago(4))
        handled = self.create_melding(organisation=self.org_vt)
        handled.handling_note = "Adviesvraag beantwoord."
        handled.action_handle_without_dossier()
        handled.date_handled = self.years_ago(5, days=1)
        fresh = self.create_melding(organisation=self.org_vt)
        fresh.handling_note = "Adviesvraag beantwoord."
        fresh.action_handle_without_dossier()

        self.env["keten.dossier"]._cron_anonymise_expired()
        self.assertTrue(old.is_anonymised)
        self.assertFalse(recent.is_anonymised)
        self.assertTrue(handled.is_anonymised)
        self.assertFalse(fresh.is_anonymised)
        self.assertFalse(self.person_other.is_anonymised)

        self.set_retention_years(3)
        self.env["keten.dossier"]._cron_anonymise_expired()
        self.assertTrue(recent.is_anonymised)
        self.assertTrue(self.person_other.is_anonymised)
        self.assertFalse(fresh.is_anonymised)
        # open dossiers are never touched
        self.assertFalse(
            self.env["keten.dossier"]
            .search([("is_closed", "=", False), ("is_anonymised", "=", True)])
            .ids
        )

    def test_cron_is_batched_and_reports_progress(self):
        dossiers = self.env["keten.dossier"]
        for index in range(3):
            person = self.env["keten.person"].create({"first_name": f"P{index}"})
            dossier = self.create_dossier_with_melding(person)
            self.first_weging(dossier, "geen")
            self.backdate_closing(dossier, self.years_ago(6))
            dossiers |= dossier
        cron = self.env.ref("ketenaanpak_mensenhandel.ir_cron_keten_retention")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Dossier = self.env["keten.dossier"].with_context(
            ir_cron_progress_id=progress.id
        )
        Dossier._cron_anonymise_expired(batch_size=2)
        self.assertEqual(len(dossiers.filtered("is_anonymised")), 2)
        # two dossiers and their two persons; the third dossier is left
        self.assertEqual(progress.done, 4)
        self.assertEqual(progress.remaining, 1)
        Dossier._cron_anonymise_expired(batch_size=2)
        self.assertTrue(all(dossiers.mapped("is_anonymised")))
        self.assertEqual(progress.remaining, 0)

    def test_preview_lists_the_next_run(self):
        self.dossier_b.sudo()._add_melding(
            self.create_melding(suspects=self.person_suspect, organisation=self.org_vt)
        )
        self.close_dossier_fully(self.dossier_a, self.years_ago(6))
        wizard = (
            self.env["keten.retention.wizard"].with_user(self.user_privacy).create({})
        )
        self.assertEqual(wizard.retention_years, 5)
        self.assertEqual(wizard.dossier_count, 1)
        self.assertEqual(wizard.person_count, 1)
        self.assertEqual(wizard.kept_count, 1)
        lines = {(line.kind, line.reference, line.outcome) for line in wizard.line_ids}
        self.assertIn(("dossier", self.dossier_a.name, "anonymise"), lines)
        self.assertIn(("person", f"P-{self.person_victim.id}", "anonymise"), lines)
        self.assertIn(("person", f"P-{self.person_suspect.id}", "keep"), lines)
        kept = wizard.line_ids.filtered(lambda line: line.outcome == "keep")
        self.assertIn(self.dossier_b.name, kept.note)
        # the preview names nobody
        self.assertNotIn("Sanne", str(wizard.line_ids.mapped("reference")))
        # nothing happened yet
        self.assertFalse(self.dossier_a.is_anonymised)
        wizard.action_run()
        self.assertTrue(self.dossier_a.is_anonymised)
        self.assertFalse(self.person_suspect.is_anonymised)

    def test_only_the_privacy_officer_runs_it_by_hand(self):
        self.close_dossier_fully(self.dossier_a, self.years_ago(6))
        with self.assertRaises(AccessError):
            self.env["keten.retention.wizard"].with_user(self.user_regie).create({})
        wizard = self.env["keten.retention.wizard"].create({})
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_regie).action_run()
        self.assertFalse(self.dossier_a.is_anonymised)

    def test_anonymised_person_is_not_identified_again(self):
        self.person_victim._anonymise("AVG")
        from odoo.exceptions import UserError

        with self.assertRaises(UserError):
            self.person_victim.first_name = "Sanne"
        with self.assertRaises(UserError):
            self.person_other.is_anonymised = True
        self.assertEqual(self.person_other.first_name, "Olga")

    def test_run_cost_is_bounded(self):
        for index in range(4):
            person = self.env["keten.person"].create({"first_name": f"Q{index}"})
            dossier = self.create_dossier_with_melding(person)
            self.first_weging(dossier, "geen")
            self.backdate_closing(dossier, self.years_ago(6))
        self.env.flush_all()
        self.env.invalidate_all()
        # counting what is due is three queries and the setting, however much
        # data there is
        with self.assertQueryCount(4):
            self.retention._remaining()
        # anonymising four dossiers at once stays within a fixed budget (measured:
        # 181, of which ~30 for the activities of their termijnen and closing the
        # open ones, ~15 for their documents and CoMensha registrations): the
        # text, mail and log clean-up is set-based per model; only the closing
        # note is posted per dossier and per person (~11 queries each).
        with self.assertQueryCount(190):
            summary = self.retention._run_batch(batch_size=10)
        self.assertEqual(summary["dossiers"], 4)

    def test_every_free_text_field_is_classified(self):
        """A new Char, Text or Html field on a record of a case must be listed as
        anonymised or retained, so retention cannot silently keep it."""
        case_models = {
            name
            for name in self.env
            if name.startswith("keten.")
            and not self.env[name]._abstract
            and not self.env[name]._transient
            and (
                name in ("keten.dossier", "keten.person")
                or any(
                    field.type == "many2one"
                    and field.comodel_name
                    in (
                        "keten.dossier",
                        "keten.weging",
                        "keten.plan",
                        "keten.person",
                        "keten.melding",
                    )
                    for field in self.env[name]._fields.values()
                )
            )
        }
        self.assertIn("keten.bewijsmiddel", case_models)
        self.assertIn("keten.rectification", case_models)
        self.assertIn("keten.consent", case_models)
        missing = []
        for name in sorted(case_models):
            model = self.env[name]
            listed = set(ANONYMISED_FIELDS.get(name, ())) | set(
                RETAINED_TEXT_FIELDS.get(name, ())
            )
            if name == "keten.person":
                listed |= set(model._anonymised_fields)
            for fname, field in model._fields.items():
                if (
                    field.type in ("char", "text", "html")
                    and field.store
                    and not field.compute
                    and not field.related
                    and fname not in listed
                ):
                    missing.append(f"{name}.{fname}")
        self.assertFalse(
            missing,
            "Classify these fields in models/keten_retention.py "
            "(ANONYMISED_FIELDS or RETAINED_TEXT_FIELDS)",
        )
