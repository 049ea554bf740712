"""Rectificatie (AVG art. 16): changes of personal fields are recorded with
who, when, old and new value and a reason; correcting needs the reason."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import KetenCase


@tagged("post_install", "-at_install", "keten_avg")
class TestAvgRectification(KetenCase):
    def rows(self, **domain):
        return self.env["keten.rectification"].search(
            [(key, "=", value) for key, value in domain.items()], order="id"
        )

    def test_correcting_a_person_needs_a_reason_and_is_recorded(self):
        person = self.person_victim.with_user(self.user_regie)
        with self.assertRaises(UserError) as caught:
            person.write({"last_name": "de Vries-Jansen"})
        self.assertIn("Last Name", str(caught.exception))
        self.assertEqual(self.person_victim.last_name, "de Vries")
        self.assertFalse(self.rows(person_id=self.person_victim.id))
        person.write(
            {
                "last_name": "de Vries-Jansen",
                "birth_date": "2007-03-15",
                "change_reason": "Geboorteakte getoond",
            }
        )
        rows = self.rows(person_id=self.person_victim.id)
        self.assertEqual(len(rows), 2)
        by_field = {row.field_name: row for row in rows}
        self.assertEqual(by_field["last_name"].old_value, "de Vries")
        self.assertEqual(by_field["last_name"].new_value, "de Vries-Jansen")
        self.assertEqual(by_field["birth_date"].old_value, "2007-03-14")
        self.assertEqual(by_field["birth_date"].new_value, "2007-03-15")
        for row in rows:
            self.assertEqual(row.reason, "Geboorteakte getoond")
            self.assertEqual(row.user_id, self.user_regie)
            self.assertEqual(row.record_ref, f"P-{self.person_victim.id}")
            self.assertTrue(row.create_date)
        # the value as shown: a country by name, a gender by label
        person.write(
            {
                "nationality_id": self.env.ref("base.be").id,
                "gender": "x",
                "change_reason": "Correctie",
            }
        )
        by_field = {row.field_name: row for row in self.rows(person_id=person.id)}
        self.assertEqual(by_field["nationality_id"].old_value, "Netherlands")
        self.assertEqual(by_field["nationality_id"].new_value, "Belgium")
        self.assertEqual(by_field["gender"].new_value, "X / other")

    def test_adding_what_was_empty_needs_no_reason(self):
        person = self.person_suspect.with_user(self.user_regie)
        person.write({"phone": "0612345678", "gender": "man"})  # gender unchanged
        row = self.rows(person_id=self.person_suspect.id)
        self.assertEqual(len(row), 1)
        self.assertFalse(row.old_value)
        self.assertEqual(row.new_value, "0612345678")
        self.assertFalse(row.reason)
        # 'onbekend' counts as empty
        other = self.env["keten.person"].create({"first_name": "Nieuw"})
        other.with_user(self.user_regie).write({"gender": "vrouw"})
        row = self.rows(person_id=other.id)
        self.assertEqual((row.old_value, row.new_value), ("Unknown", "Female"))
        # a note is working text, not a rectification
        person.write({"note": "Spreekt Pools."})
        self.assertEqual(len(self.rows(person_id=self.person_suspect.id)), 1)

    def test_context_reason_and_system_changes(self):
        person = self.person_victim.with_user(self.user_regie).with_context(
            keten_change_reason="AVG-verzoek AVG-2026-0001"
        )
        person.write({"street": "Dorpsstraat 2"})
        person.write({"street": "Dorpsstraat 3"})
        rows = self.rows(person_id=self.person_victim.id, field_name="street")
        self.assertEqual(rows.mapped("reason"), ["AVG-verzoek AVG-2026-0001"] * 2)
        # superuser work needs no reason but is recorded
        self.person_victim.write({"city": "Testdorp"})
        self.person_victim.write({"city": "Teststad"})
        row = self.rows(person_id=self.person_victim.id, field_name="city")[-1]
        self.assertEqual((row.old_value, row.new_value), ("Testdorp", "Teststad"))

    def test_the_melder_of_a_melding(self):
        melding = self.dossier_a.melding_ids.with_user(self.user_meldpunt)
        with self.assertRaises(UserError):
            melding.write({"melder_name": "Jan Melder"})
        melding.write({"melder_name": "Jan Melder", "change_reason": "Typfout"})
        row = self.rows(melding_id=melding.id)
        self.assertEqual((row.old_value, row.new_value), ("Melder Test", "Jan Melder"))
        self.assertEqual(row.record_ref, melding.name)
        self.assertEqual(row.res_model, "keten.melding")
        # other fields of the melding are not personal data of the melder
        melding.write({"location_address": "Kerkstraat 1"})
        self.assertEqual(len(self.rows(melding_id=melding.id)), 1)

    def test_the_record_is_read_by_the_privacy_officer_and_never_changed(self):
        self.person_victim.with_user(self.user_regie).write({"phone": "0612345678"})
        row = self.rows(person_id=self.person_victim.id)
        self.assertEqual(row.with_user(self.user_privacy).new_value, "0612345678")
        for user in (self.user_regie, self.user_partner_gemeente, self.user_melder):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                row.with_user(user).read(["new_value"])
        for user in (self.user_privacy, self.user_beheerder):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    row.with_user(user).write({"new_value": "x"})
                with self.assertRaises(UserError):
                    row.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    self.env["keten.rectification"].with_user(user).create(
                        {"person_id": self.person_victim.id, "field_name": "phone"}
                    )

    def test_anonymisation_removes_the_old_values(self):
        self.person_other.with_user(self.user_regie).write(
            {"last_name": "Petrov", "change_reason": "Spelling"}
        )
        melding = self.dossier_b.melding_ids
        melding.with_user(self.user_regie).write(
            {"melder_phone": "0611111111", "change_reason": "Nieuw nummer"}
        )
        self.assertTrue(self.rows(person_id=self.person_other.id))
        self.assertTrue(self.rows(melding_id=melding.id))
        self.first_weging(self.dossier_b, "geen")
        summary = self.dossier_b._anonymise("bewaartermijn")
        self.assertGreaterEqual(summary["rectifications"], 2)
        self.assertFalse(self.rows(person_id=self.person_other.id))
        self.assertFalse(self.rows(melding_id=melding.id))
