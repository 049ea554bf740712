"""Helpers for the retention tests: a fully worked, closed dossier and a snapshot of
every figure the Regionale-Tafel report is made of."""

import base64
import io
from datetime import timedelta

import openpyxl
from dateutil.relativedelta import relativedelta

from odoo import fields

from .common import KetenCase

# The statistical content of the chain, per table: every column the reports group
# or count by. Anonymisation must leave all of it exactly as it was.
STATISTICAL_QUERIES = {
    "dossiers": """
        SELECT d.id, d.name, d.date_opened, d.date_closed, d.stage_id, d.hoofdstap_id,
               d.is_closed, d.closing_reason, d.urgency, d.kwalificatie, d.quadrant,
               d.traject_zorg, d.traject_zorg_strafrecht, d.traject_ondermijning,
               d.woongemeente_id, d.gemeente_uitbuiting_id, d.victim_count,
               d.nazorg_status, d.has_criminal_track, d.regie_organisation_id,
               d.zorgcoordinator_organisation_id, d.meldpunt_organisation_id,
               d.registering_organisation_id, d.active,
               ARRAY(SELECT vorm_id FROM keten_dossier_vorm_rel r
                      WHERE r.dossier_id = d.id ORDER BY vorm_id),
               ARRAY(SELECT organisation_id FROM keten_dossier_involved_org_rel r
                      WHERE r.dossier_id = d.id ORDER BY organisation_id)
          FROM keten_dossier d ORDER BY d.id
    """,
    "dossier_persons": """
        SELECT id, dossier_id, person_id, role, age_at_start, age_group, gender,
               nationality_group, person_woongemeente_id
          FROM keten_dossier_person ORDER BY id
    """,
    "persons": """
        SELECT id, gender, nationality_id, nationality_group, woongemeente_id, active
          FROM keten_person ORDER BY id
    """,
    "meldingen": """
        SELECT m.id, m.name, m.date_received, m.channel, m.category, m.organisation_id,
               m.source_type, m.source_organisation_id, m.source_organisation_kind,
               m.melder_anonymous, m.is_situatieschets, m.location_type,
               m.gemeente_uitbuiting_id, m.woongemeente_id, m.frequency, m.nr_victims,
               m.nr_offenders, m.hulpverlening_betrokken, m.politie_gebeld,
               m.zorgcoordinator_betrokken, m.acuut_volgens_melder, m.dossier_id,
               m.handled_without_dossier, m.date_handled, m.state, m.active,
               ARRAY(SELECT vorm_id FROM keten_melding_vorm_rel r
                      WHERE r.melding_id = m.id ORDER BY vorm_id),
               ARRAY(SELECT person_id FROM keten_melding_person_rel r
                      WHERE r.melding_id = m.id ORDER BY person_id),
               ARRAY(SELECT person_id FROM keten_melding_suspect_rel r
                      WHERE r.melding_id = m.id ORDER BY person_id)
          FROM keten_melding m ORDER BY m.id
    """,
    "wegingen": """
        SELECT id, dossier_id, weging_type, date, state, actueel, acuut_volgens_melder,
               veiligheid, doorlaatverbod, kwalificatie, afschaling_type,
               overdracht_organisation_id, zorg, quadrant, melder_gehoord, factor_lvb,
               factor_psychisch, factor_verslaving, factor_systeem,
               factor_sociaal_economisch, bedenktijd_b8, urgency, traject_zorg,
               traject_zorg_strafrecht, traject_ondermijning, overleg_id
          FROM keten_weging ORDER BY id
    """,
    "bewijsmiddelen": "SELECT id, weging_id, kind FROM keten_bewijsmiddel ORDER BY id",
    "agenda": """
        SELECT id, overleg_id, dossier_id, deadline, state,
               ARRAY(SELECT organisation_id FROM keten_overleg_item_invited_org_rel r
                      WHERE r.item_id = i.id ORDER BY organisation_id)
          FROM keten_casusoverleg_item i ORDER BY id
    """,
    "plans": """
        SELECT id, dossier_id, state, overleg_id, date_adopted FROM keten_plan
         ORDER BY id
    """,
    "actions": """
        SELECT id, plan_id, dossier_id, organisation_id, user_id, rasci_role,
               date_deadline, state
          FROM keten_plan_action ORDER BY id
    """,
    "interventies": """
        SELECT id, dossier_id, intervention_type, is_justice, organisation_id, user_id,
               person_id, date_start, date_end, state, result
          FROM keten_interventie ORDER BY id
    """,
    "strafrecht": """
        SELECT id, dossier_id, organisation_id, state, date_start, om_besluit
          FROM keten_strafrecht ORDER BY id
    """,
    "evaluaties": """
        SELECT id, level, dossier_id, procesbegeleider_organisation_id, date_planned,
               date_done, state
          FROM keten_evaluatie ORDER BY id
    """,
    "lessons": """
        SELECT id, evaluatie_id, level, category, description, owner_organisation_id,
               state
          FROM keten_lesson ORDER BY id
    """,
    "stage_history": """
        SELECT id, dossier_id, stage_id, hoofdstap_id, date_start, date_end
          FROM keten_dossier_stage_history ORDER BY id
    """,
}


def statistical_snapshot(env):
    env.flush_all()
    snapshot = {}
    for name, query in STATISTICAL_QUERIES.items():
        env.cr.execute(query)
        snapshot[name] = env.cr.fetchall()
    return snapshot


class RetentionCase(KetenCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.retention = cls.env["keten.retention"]
        cls.set_retention_years(5)

    @classmethod
    def set_retention_years(cls, years):
        cls.env["ir.config_parameter"].sudo().set_param(
            "ketenaanpak_mensenhandel.retention_years", str(years)
        )

    @classmethod
    def years_ago(cls, years, days=0):
        return fields.Date.today() - relativedelta(years=years) - timedelta(days=days)

    @classmethod
    def close_dossier_fully(cls, dossier, closed_on=None):
        """Take ``dossier`` along the whole route, with text, messages, files and
        activities on every record, and close it (on ``closed_on``)."""
        env = cls.env
        cls.first_weging(
            dossier,
            doorlaatverbod=True,
            veiligheid="onveilig",
            analysis="Slachtoffer woont bij de uitbuiter.",
            bewijsmiddel_ids=[
                (0, 0, {"kind": "digitaal", "description": "Chats met Kees"}),
                (0, 0, {"kind": "getuigenverklaring", "description": "Buurvrouw"}),
            ],
        )
        overleg = env["keten.casusoverleg"].create(
            {
                "date_start": fields.Datetime.now() - timedelta(hours=3),
                "item_ids": [
                    (0, 0, {"dossier_id": dossier.id, "question": "Opvang Sanne?"})
                ],
            }
        )
        cls.second_weging(
            dossier,
            overleg_id=overleg.id,
            history_note="Eerder gemeld in 2019.",
            factor_lvb=True,
        )
        overleg.action_fill_attendance()
        overleg.action_hold()
        overleg.item_ids.decisions = "Sanne naar de opvang van Moviera."
        overleg.action_approve()
        plan = cls.adopted_plan(dossier)
        plan.action_ids.result = "Opvang geregeld voor Sanne."
        dossier.stage_id = cls.stage_uitvoering
        interventie = env["keten.interventie"].create(
            {
                "dossier_id": dossier.id,
                "name": "Opvang Sanne",
                "intervention_type": "opvang",
                "organisation_id": cls.org_moviera.id,
                "person_id": cls.person_victim.id,
                "date_start": fields.Date.today() - timedelta(days=2),
            }
        )
        interventie.action_start()
        interventie.write({"result": "geslaagd", "result_note": "Sanne is veilig."})
        interventie.action_finish()
        env["keten.strafrecht"].create(
            {
                "dossier_id": dossier.id,
                "organisation_id": cls.org_politie.id,
                "verdenking": "Kees Bakker, art. 273f Sr.",
                "state": "onderzoek",
            }
        )
        dossier.write(
            {
                "nazorg_status": "geregeld",
                "nazorg_note": "Sanne heeft een advocaat.",
                "summary": "Sanne (17) wordt uitgebuit door Kees.",
            }
        )
        evaluatie = env["keten.evaluatie"].create(
            {
                "name": "Casusevaluatie",
                "dossier_id": dossier.id,
                "date_planned": fields.Date.today(),
                "procesbegeleider_organisation_id": cls.org_riec.id,
                "case_description": "Een minderjarig meisje werd uitgebuit.",
                "lesson_ids": [(0, 0, {"description": "Eerder de GGD betrekken."})],
            }
        )
        dossier.stage_id = cls.stage_afgesloten
        evaluatie.action_done()
        evaluatie.action_approve()
        # chatter, files and activities on the dossier and its melding
        dossier.message_post(body="Gesprek met Sanne de Vries gehad.")
        for record in (dossier, dossier.melding_ids[:1], cls.person_victim):
            env["ir.attachment"].create(
                {
                    "name": "verklaring.txt",
                    "raw": b"Verklaring van Sanne",
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
        dossier.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=cls.user_regie.id,
            note="Bel Sanne",
        )
        # tracking values are written at the end of a transaction, and not for
        # records created in it: end the "transaction" of the set-up first
        env.cr.flush()
        cls.person_victim.write({"note": "Spreekt Nederlands.", "phone": "0612345678"})
        env.cr.flush()
        # who viewed
        dossier.with_user(cls.user_regie).read(["name"])
        cls.person_victim.with_user(cls.user_regie).read(["name"])
        if closed_on:
            cls.backdate_closing(dossier, closed_on)
        return dossier

    @classmethod
    def backdate_closing(cls, dossier, closed_on):
        """Pretend ``dossier`` was opened and closed long ago."""
        dossier.sudo().write(
            {"date_opened": closed_on - timedelta(days=60), "date_closed": closed_on}
        )

    def access_log_count(self, dossier=None, person=None):
        self.env.flush_all()
        if dossier:
            self.env.cr.execute(
                "SELECT count(*) FROM keten_access_log WHERE dossier_res_id = %s "
                "OR (res_model = 'keten.dossier' AND res_id = %s)",
                [dossier.id, dossier.id],
            )
        else:
            self.env.cr.execute(
                "SELECT count(*) FROM keten_access_log WHERE person_res_id = %s "
                "OR (res_model = 'keten.person' AND res_id = %s)",
                [person.id, person.id],
            )
        return self.env.cr.fetchone()[0]

    @staticmethod
    def attachment_datas(text):
        return base64.b64encode(text.encode())

    def regionale_tafel(self):
        """The Rapportage Regionale Tafel over the last ten years: its figures and
        every cell of its workbook."""
        wizard = self.env["keten.rapportage.wizard"].create(
            {"date_from": self.years_ago(10), "date_to": self.years_ago(0)}
        )
        figures = self.env["keten.rapportage.figures"]._collect(
            wizard._rapportage_params()
        )
        report = self.env.ref(
            "ketenaanpak_mensenhandel.rapportage_regionale_tafel_xlsx"
        )
        content, _type = report._render_xlsx(report.report_name, wizard.ids, {})
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        cells = {
            sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in workbook.worksheets
        }
        return figures, cells
