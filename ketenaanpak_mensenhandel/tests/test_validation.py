"""Every bad input is refused with a clear message, and leaves nothing behind.

One table of distinct invalid inputs across the models. For each: the expected
exception and message, and a fingerprint of every keten_* table (and of the mail,
attachment and settings tables) that must be the same afterwards. Inputs marked
``PRE`` must be refused before anything is written: no INSERT, UPDATE or DELETE
on a keten_* table is even attempted.
"""

import base64
import re
from datetime import timedelta
from unittest.mock import patch

import psycopg2

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.sql_db import Cursor
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import KetenCase, P

PRE = True  # refused before any write
DB = psycopg2.IntegrityError
VE = ValidationError
UE = UserError

FINGERPRINT_TABLES_EXTRA = (
    "mail_message",
    "mail_tracking_value",
    "mail_activity",
    "mail_followers",
    "ir_attachment",
    "ir_config_parameter",
)
DML_ON_KETEN = re.compile(
    r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?keten_', re.IGNORECASE
)
MB = 1024 * 1024


def melding_vals(t, **kw):
    vals = {
        "content": "Signalen.",
        "melder_name": "Melder",
        "organisation_id": t.org_vt.id,
    }
    vals.update(kw)
    return vals


def weging(t, dossier=None, **kw):
    vals = {
        "dossier_id": (dossier or t.dossier_c).id,
        "weging_type": "eerste",
        "actueel": "ja",
        "acuut_volgens_melder": "nee",
        "veiligheid": "onveilig",
        "kwalificatie": "wel",
    }
    vals.update(kw)
    return t.env["keten.weging"].create(vals)


def two_bewijs():
    return [
        (0, 0, {"kind": "digitaal", "description": "Chats"}),
        (0, 0, {"kind": "getuigenverklaring", "description": "Buurvrouw"}),
    ]


def overleg(t, **kw):
    vals = {"date_start": fields.Datetime.now() - timedelta(hours=1)}
    vals.update(kw)
    return t.env["keten.casusoverleg"].create(vals)


def interventie(t, **kw):
    vals = {
        "dossier_id": t.dossier_a.id,
        "name": "Opvang",
        "intervention_type": "opvang",
        "organisation_id": t.org_moviera.id,
    }
    vals.update(kw)
    return t.env["keten.interventie"].create(vals)


def evaluatie(t, **kw):
    vals = {
        "name": "Casusevaluatie",
        "dossier_id": t.dossier_a.id,
        "date_planned": fields.Date.today(),
    }
    vals.update(kw)
    return t.env["keten.evaluatie"].create(vals)


def attachment(t, record, size, **kw):
    vals = {
        "name": "groot.pdf",
        "raw": b"x" * size,
        "res_model": record._name,
        "res_id": record.id,
    }
    vals.update(kw)
    return t.env["ir.attachment"].create(vals)


def tomorrow():
    return fields.Date.today() + timedelta(days=1)


def in_a_day():
    return fields.Datetime.now() + timedelta(days=1)


# (name, exception, message pattern, refused before any write, action)
CASES = [
    # ---- persons
    (
        "person: birth date in the future",
        VE,
        "future",
        False,
        lambda t: t.env["keten.person"].create(
            {"first_name": "A", "birth_date": tomorrow()}
        ),
    ),
    (
        "person: birth date before 1900",
        VE,
        "1900",
        False,
        lambda t: t.env["keten.person"].create(
            {"first_name": "A", "birth_date": "1899-12-31"}
        ),
    ),
    (
        "person: BSN fails the 11-proef",
        VE,
        "11-proef",
        False,
        lambda t: t.env["keten.person"].create({"first_name": "A", "bsn": "123456789"}),
    ),
    (
        "person: BSN with a letter",
        VE,
        "11-proef",
        False,
        lambda t: t.env["keten.person"].create({"first_name": "A", "bsn": "12345678a"}),
    ),
    (
        "person: BSN of another person",
        DB,
        "bsn_uniq",
        False,
        lambda t: t.env["keten.person"].create({"first_name": "A", "bsn": "111222333"}),
    ),
    (
        "person: no name at all",
        VE,
        "first name",
        False,
        lambda t: t.env["keten.person"].create({"gender": "vrouw"}),
    ),
    (
        "person: invalid e-mail",
        VE,
        "e-mail",
        False,
        lambda t: t.person_victim.write({"email": "sanne@"}),
    ),
    (
        "person: invalid phone",
        VE,
        "phone",
        False,
        lambda t: t.person_victim.write({"phone": "bel me maar"}),
    ),
    (
        "person: name longer than the maximum",
        VE,
        "too long",
        PRE,
        lambda t: t.person_victim.write({"first_name": "x" * 1001}),
    ),
    (
        "person: notes longer than the maximum",
        VE,
        "too long",
        PRE,
        lambda t: t.env["keten.person"].create(
            {"first_name": "A", "note": "x" * 20001}
        ),
    ),
    (
        "person: anonymised person given a name again",
        UE,
        "anonymised",
        PRE,
        lambda t: t.person_anon.write({"first_name": "Anna"}),
    ),
    (
        "person: marked anonymised by hand",
        UE,
        "not by hand",
        PRE,
        lambda t: t.person_other.write({"is_anonymised": True}),
    ),
    (
        "person: anonymised person added to a dossier",
        VE,
        "anonymised",
        False,
        lambda t: t.env["keten.dossier.person"].create(
            {"dossier_id": t.dossier_c.id, "person_id": t.person_anon.id}
        ),
    ),
    (
        "person: same role twice in a dossier",
        DB,
        "dossier_person_role_uniq",
        False,
        lambda t: t.env["keten.dossier.person"].create(
            {"dossier_id": t.dossier_a.id, "person_id": t.person_victim.id}
        ),
    ),
    # ---- meldingen
    (
        "melding: received in the future",
        VE,
        "future",
        False,
        lambda t: t.env["keten.melding"].create(
            melding_vals(t, date_received=in_a_day())
        ),
    ),
    (
        "melding: negative number of victims",
        VE,
        "negative",
        False,
        lambda t: t.env["keten.melding"].create(melding_vals(t, nr_victims=-1)),
    ),
    (
        "melding: negative number of offenders",
        VE,
        "negative",
        False,
        lambda t: t.melding_a.write({"nr_offenders": -3}),
    ),
    (
        "melding: anonymous melder with a name",
        VE,
        "anonymous",
        False,
        lambda t: t.env["keten.melding"].create(melding_vals(t, melder_anonymous=True)),
    ),
    (
        "melding: anonymous melder with a phone number",
        VE,
        "anonymous",
        False,
        lambda t: t.env["keten.melding"].create(
            melding_vals(
                t, melder_name=False, melder_anonymous=True, melder_phone="0612345678"
            )
        ),
    ),
    (
        "melding: anonymous melder who is a known person",
        VE,
        "anonymous",
        False,
        lambda t: t.env["keten.melding"].create(
            melding_vals(
                t,
                melder_name=False,
                melder_anonymous=True,
                melder_person_id=t.person_other.id,
            )
        ),
    ),
    (
        "melding: nobody reported it and not anonymous",
        VE,
        "Record who reported",
        False,
        lambda t: t.env["keten.melding"].create(melding_vals(t, melder_name=False)),
    ),
    (
        "melding: situatieschets naming a victim",
        VE,
        "situatieschets",
        False,
        lambda t: t.env["keten.melding"].create(
            melding_vals(
                t, is_situatieschets=True, person_ids=[(6, 0, t.person_other.ids)]
            )
        ),
    ),
    (
        "melding: situatieschets naming an offender",
        VE,
        "situatieschets",
        False,
        lambda t: t.env["keten.melding"].create(
            melding_vals(
                t, is_situatieschets=True, suspect_ids=[(6, 0, t.person_suspect.ids)]
            )
        ),
    ),
    (
        "melding: invalid e-mail of the melder",
        VE,
        "e-mail",
        False,
        lambda t: t.melding_a.write({"melder_email": "jan@@example"}),
    ),
    (
        "melding: invalid phone of the melder",
        VE,
        "phone",
        False,
        lambda t: t.melding_a.write({"melder_phone": "12"}),
    ),
    (
        "melding: content longer than the maximum",
        VE,
        "too long",
        PRE,
        lambda t: t.env["keten.melding"].create(melding_vals(t, content="x" * 20001)),
    ),
    (
        "melding: handled without dossier, no note",
        UE,
        "Handling",
        False,
        lambda t: (
            t.env["keten.melding"]
            .create(melding_vals(t))
            .action_handle_without_dossier()
        ),
    ),
    (
        "melding: handled without dossier while in one",
        UE,
        "belongs to a dossier",
        PRE,
        lambda t: t.melding_a.action_handle_without_dossier(),
    ),
    (
        "melding: second dossier for the same melding",
        UE,
        "already belongs",
        PRE,
        lambda t: t.melding_a.action_create_dossier(),
    ),
    (
        "melding: in a dossier and handled without one",
        VE,
        "as well",
        False,
        lambda t: t.melding_a.write({"handled_without_dossier": True}),
    ),
    # ---- dossiers
    (
        "dossier: opened in the future",
        VE,
        "future",
        False,
        lambda t: t.dossier_c.write({"date_opened": tomorrow()}),
    ),
    (
        "dossier: opened after it was closed",
        VE,
        "opened after",
        False,
        lambda t: t.dossier_d.write(
            {"date_closed": t.dossier_d.date_opened - timedelta(days=1)}
        ),
    ),
    (
        "dossier: regievoerder of another organisation",
        VE,
        "does not act",
        False,
        lambda t: t.dossier_a.write({"regie_user_id": t.user_partner_ggd.id}),
    ),
    (
        "dossier: zorgcoördinator of another organisation",
        VE,
        "does not act",
        False,
        lambda t: t.dossier_a.write(
            {
                "zorgcoordinator_organisation_id": t.org_moviera.id,
                "zorgcoordinator_user_id": t.user_regie.id,
            }
        ),
    ),
    (
        "dossier: leaves Signaleren without 1e weging",
        UE,
        "1e weging",
        PRE,
        lambda t: t.dossier_b.write({"stage_id": t.stage_casusoverleg.id}),
    ),
    (
        "dossier: Uitvoering without adopted plan",
        UE,
        "plan van aanpak",
        PRE,
        lambda t: t.dossier_c.write({"stage_id": t.stage_uitvoering.id}),
    ),
    (
        "dossier: closed before nazorg is decided",
        UE,
        "nazorg",
        PRE,
        lambda t: t.dossier_a.write({"stage_id": t.stage_afgesloten.id}),
    ),
    (
        "dossier: afgeschaald while wel mensenhandel",
        UE,
        "geen mensenhandel",
        PRE,
        lambda t: t.dossier_c.write({"stage_id": t.stage_afgeschaald.id}),
    ),
    (
        "dossier: moved to a preventie stage",
        UE,
        "Preventie",
        PRE,
        lambda t: t.dossier_c.write({"stage_id": t.stage_preventie.id}),
    ),
    (
        "dossier: summary longer than the maximum",
        VE,
        "too long",
        PRE,
        lambda t: t.dossier_a.write({"summary": "x" * 20001}),
    ),
    (
        "dossier: deleted while it has meldingen",
        UE,
        "not deleted",
        PRE,
        lambda t: t.dossier_a.unlink(),
    ),
    (
        "dossier: involved by hand without a reason",
        UE,
        "reason",
        PRE,
        lambda t: t.dossier_a._involve_organisation(t.org_ggd, "   "),
    ),
    # ---- wegingen
    (
        "weging: dated in the future",
        VE,
        "future",
        False,
        lambda t: weging(t, date=in_a_day()),
    ),
    (
        "weging: dated before the dossier was opened",
        VE,
        "before its dossier",
        False,
        lambda t: weging(t, date=fields.Datetime.now() - timedelta(days=400)),
    ),
    (
        "weging: doorlaatverbod with one bewijsmiddel",
        VE,
        "two recorded",
        False,
        lambda t: weging(t, doorlaatverbod=True, bewijsmiddel_ids=two_bewijs()[:1]),
    ),
    (
        "weging: doorlaatverbod with geen mensenhandel",
        VE,
        "great certainty",
        False,
        lambda t: weging(
            t,
            doorlaatverbod=True,
            bewijsmiddel_ids=two_bewijs(),
            kwalificatie="geen",
            afschaling_type="afschalen",
        ),
    ),
    (
        "weging: doorlaatverbod when no longer actueel",
        VE,
        "actueel",
        False,
        lambda t: weging(
            t, doorlaatverbod=True, bewijsmiddel_ids=two_bewijs(), actueel="nee"
        ),
    ),
    (
        "weging: alleen zorg and zorg en strafrecht",
        VE,
        "not both",
        False,
        lambda t: weging(
            t, weging_type="tweede", traject_zorg=True, traject_zorg_strafrecht=True
        ),
    ),
    (
        "weging: afschaling with wel mensenhandel",
        VE,
        "Only a weging with geen",
        False,
        lambda t: weging(t, afschaling_type="afschalen"),
    ),
    (
        "weging: overdracht without a partner",
        VE,
        "handed over",
        False,
        lambda t: weging(t, kwalificatie="geen", afschaling_type="overdracht"),
    ),
    (
        "weging: partner to hand over to with afschalen",
        VE,
        "only with an overdracht",
        False,
        lambda t: weging(
            t,
            kwalificatie="geen",
            afschaling_type="afschalen",
            overdracht_organisation_id=t.org_ggd.id,
        ),
    ),
    (
        "weging: B8 with geen mensenhandel",
        VE,
        "B8",
        False,
        lambda t: weging(
            t,
            weging_type="tweede",
            kwalificatie="geen",
            zorg="wel",
            afschaling_type="afschalen",
            bedenktijd_b8=True,
        ),
    ),
    (
        "weging: confirmed without kwalificatie",
        UE,
        "kwalificatie",
        False,
        lambda t: (
            t.weging_concept.write({"kwalificatie": False}),
            t.weging_concept.action_confirm(),
        ),
    ),
    (
        "weging: 1e weging confirmed incomplete",
        UE,
        "not complete",
        False,
        lambda t: weging(t, veiligheid=False).action_confirm(),
    ),
    (
        "weging: 2e weging confirmed without zorg",
        UE,
        "zorg",
        False,
        lambda t: weging(t, weging_type="tweede").action_confirm(),
    ),
    (
        "weging: 2e weging confirmed without trajectbesluit",
        UE,
        "trajectbesluit",
        False,
        lambda t: weging(t, weging_type="tweede", zorg="wel").action_confirm(),
    ),
    (
        "weging: 2e weging before the 1e",
        UE,
        "before the 2e weging",
        False,
        lambda t: weging(
            t, t.dossier_b, weging_type="tweede", zorg="wel", traject_zorg=True
        ).action_confirm(),
    ),
    (
        "weging: confirmed weging changed",
        UE,
        "not changed afterwards",
        PRE,
        lambda t: t.weging_a.write({"analysis": "Toch anders."}),
    ),
    (
        "weging: confirmed weging back to concept",
        UE,
        "cannot go from",
        PRE,
        lambda t: t.weging_a.write({"state": "concept"}),
    ),
    (
        "weging: new weging on a closed dossier",
        UE,
        "closed",
        False,
        lambda t: weging(t, t.dossier_d),
    ),
    (
        "weging: melding of another dossier",
        VE,
        "does not belong",
        False,
        lambda t: weging(t, melding_id=t.melding_a.id),
    ),
    (
        "weging: in an overleg without the dossier",
        VE,
        "not on the agenda",
        False,
        lambda t: weging(t, weging_type="tweede", overleg_id=t.overleg_future.id),
    ),
    (
        "bewijsmiddel: added to a confirmed weging",
        UE,
        "confirmed weging",
        PRE,
        lambda t: t.env["keten.bewijsmiddel"].create(
            {"weging_id": t.weging_a.id, "description": "Foto"}
        ),
    ),
    (
        "bewijsmiddel: doorlaatverbod left with one",
        VE,
        "two recorded",
        False,
        lambda t: t.weging_concept.bewijsmiddel_ids[:1].unlink(),
    ),
    (
        "bewijsmiddel: description longer than the maximum",
        VE,
        "too long",
        PRE,
        lambda t: t.weging_concept.bewijsmiddel_ids[:1].write(
            {"description": "x" * 1001}
        ),
    ),
    # ---- casusoverleg
    (
        "overleg: duration of zero hours",
        VE,
        "between 0 and 24",
        False,
        lambda t: overleg(t, duration=0),
    ),
    (
        "overleg: duration of 25 hours",
        VE,
        "between 0 and 24",
        False,
        lambda t: t.overleg_future.write({"duration": 25}),
    ),
    (
        "overleg: held before it starts",
        UE,
        "starts in the future",
        PRE,
        lambda t: t.overleg_future.action_hold(),
    ),
    (
        "overleg: held without attendance",
        UE,
        "attendance",
        PRE,
        lambda t: t.overleg_planned.action_hold(),
    ),
    (
        "overleg: held twice",
        UE,
        "Only a planned",
        PRE,
        lambda t: t.overleg_held.action_hold(),
    ),
    (
        "overleg: verslag adopted before it was held",
        UE,
        "only after",
        PRE,
        lambda t: t.overleg_planned.action_approve(),
    ),
    (
        "overleg: verslag adopted without besluiten",
        VE,
        "besluiten",
        PRE,
        lambda t: t.overleg_held.action_approve(),
    ),
    (
        "overleg: jump from planned to adopted",
        UE,
        "cannot go from",
        PRE,
        lambda t: t.overleg_planned.write({"state": "vastgesteld"}),
    ),
    (
        "overleg: held by hand without attendance",
        VE,
        "attendance",
        False,
        lambda t: t.overleg_planned.write({"state": "gehouden"}),
    ),
    (
        "overleg: adopted verslag cancelled",
        UE,
        "not cancelled",
        PRE,
        lambda t: t.overleg_adopted.action_cancel(),
    ),
    (
        "overleg: adopted overleg moved",
        UE,
        "adopted",
        PRE,
        lambda t: t.overleg_adopted.write({"date_start": fields.Datetime.now()}),
    ),
    (
        "overleg: minutes longer than the maximum",
        VE,
        "too long",
        PRE,
        lambda t: t.overleg_planned.write({"minutes": "<p>" + "x" * 100001 + "</p>"}),
    ),
    (
        "agenda: dossier on a cancelled overleg",
        VE,
        "cancelled",
        False,
        lambda t: t.env["keten.casusoverleg.item"].create(
            {"overleg_id": t.overleg_cancelled.id, "dossier_id": t.dossier_c.id}
        ),
    ),
    (
        "agenda: dossier added after the verslag",
        UE,
        "adopted",
        PRE,
        lambda t: t.env["keten.casusoverleg.item"].create(
            {"overleg_id": t.overleg_adopted.id, "dossier_id": t.dossier_c.id}
        ),
    ),
    (
        "agenda: closed dossier on the agenda",
        VE,
        "closed",
        False,
        lambda t: t.env["keten.casusoverleg.item"].create(
            {"overleg_id": t.overleg_future.id, "dossier_id": t.dossier_d.id}
        ),
    ),
    (
        "agenda: deadline before the dossier was opened",
        VE,
        "deadline",
        False,
        lambda t: t.env["keten.casusoverleg.item"].create(
            {
                "overleg_id": t.overleg_future.id,
                "dossier_id": t.dossier_c.id,
                "deadline": "2000-01-01",
            }
        ),
    ),
    (
        "agenda: discussed before the overleg was held",
        VE,
        "only once the overleg",
        False,
        lambda t: t.overleg_planned.item_ids.write({"state": "besproken"}),
    ),
    (
        "agenda: same dossier twice",
        DB,
        "overleg_dossier_uniq",
        False,
        lambda t: t.env["keten.casusoverleg.item"].create(
            {"overleg_id": t.overleg_planned.id, "dossier_id": t.dossier_c.id}
        ),
    ),
    (
        "agenda: besluiten changed after the verslag",
        UE,
        "adopted",
        PRE,
        lambda t: t.overleg_adopted.item_ids.write({"decisions": "Anders besloten."}),
    ),
    (
        "attendance: representative of another organisation",
        VE,
        "does not act",
        False,
        lambda t: t.env["keten.casusoverleg.attendee"].create(
            {
                "overleg_id": t.overleg_planned.id,
                "organisation_id": t.org_moviera.id,
                "user_id": t.user_regie.id,
            }
        ),
    ),
    (
        "attendance: changed after the verslag",
        UE,
        "adopted",
        PRE,
        lambda t: t.overleg_adopted.attendee_ids[:1].unlink(),
    ),
    # ---- plan van aanpak
    (
        "plan: adopted without a goal",
        UE,
        "goal",
        PRE,
        lambda t: t.plan_concept.action_adopt(),
    ),
    (
        "plan: adopted without actions",
        UE,
        "at least one action",
        False,
        lambda t: (
            (t.plan_concept.write({"goal": "Veilig"}), t.plan_concept.action_adopt())
        ),
    ),
    (
        "plan: adopted twice",
        UE,
        "Only a concept",
        PRE,
        lambda t: t.plan_a.action_adopt(),
    ),
    (
        "plan: set to adopted by hand without actions",
        VE,
        "adopted plan",
        False,
        lambda t: t.plan_concept.write({"state": "vastgesteld", "goal": "Veilig"}),
    ),
    (
        "plan: adopted plan changed",
        UE,
        "Revise",
        PRE,
        lambda t: t.plan_a.write({"goal": "Ander doel"}),
    ),
    (
        "plan: adopted plan back to concept",
        UE,
        "cannot go from",
        PRE,
        lambda t: t.plan_a.write({"state": "concept"}),
    ),
    (
        "plan: new plan on a closed dossier",
        UE,
        "closed",
        False,
        lambda t: t.env["keten.plan"].create({"dossier_id": t.dossier_d.id}),
    ),
    (
        "plan: adopted in an overleg without the dossier",
        VE,
        "not on the agenda",
        False,
        lambda t: t.plan_concept.write({"overleg_id": t.overleg_future.id}),
    ),
    (
        "action: added to an adopted plan",
        UE,
        "Revise",
        PRE,
        lambda t: t.env["keten.plan.action"].create(
            {"plan_id": t.plan_a.id, "name": "Extra", "organisation_id": t.org_zvh.id}
        ),
    ),
    (
        "action: removed from an adopted plan",
        UE,
        "Revise",
        PRE,
        lambda t: t.plan_a.action_ids.unlink(),
    ),
    (
        "action: owner of another organisation",
        VE,
        "does not act",
        False,
        lambda t: t.plan_a.action_ids.write({"user_id": t.user_regie.id}),
    ),
    (
        "action: due before the dossier was opened",
        VE,
        "due date",
        False,
        lambda t: t.plan_a.action_ids.write({"date_deadline": "2000-01-01"}),
    ),
    # ---- interventies
    (
        "interventie: ends before it starts",
        VE,
        "end before it starts",
        False,
        lambda t: interventie(t, date_start="2026-01-10", date_end="2026-01-01"),
    ),
    (
        "interventie: review before the start",
        VE,
        "review",
        False,
        lambda t: interventie(t, date_start="2026-01-10", date_review="2026-01-01"),
    ),
    (
        "interventie: finished without end date",
        VE,
        "end date",
        False,
        lambda t: t.int_running.write({"state": "afgerond", "date_end": False}),
    ),
    (
        "interventie: finished, ending in the future",
        VE,
        "end in the future",
        False,
        lambda t: t.int_running.write({"state": "afgerond", "date_end": tomorrow()}),
    ),
    (
        "interventie: result while planned",
        VE,
        "no result",
        False,
        lambda t: t.int_planned.write({"result": "geslaagd"}),
    ),
    (
        "interventie: finished without starting",
        UE,
        "cannot go from",
        PRE,
        lambda t: t.int_planned.action_finish(),
    ),
    (
        "interventie: finished one started again",
        UE,
        "cannot go from",
        PRE,
        lambda t: t.int_done.write({"state": "lopend"}),
    ),
    (
        "interventie: for a person outside the dossier",
        VE,
        "not in dossier",
        False,
        lambda t: interventie(t, person_id=t.person_other.id),
    ),
    (
        "interventie: plan action of another dossier",
        VE,
        "another dossier",
        False,
        lambda t: interventie(
            t, dossier_id=t.dossier_c.id, plan_action_id=t.plan_a.action_ids[:1].id
        ),
    ),
    (
        "interventie: owner of another organisation",
        VE,
        "does not act",
        False,
        lambda t: interventie(t, user_id=t.user_regie.id),
    ),
    # ---- strafrecht
    (
        "strafrecht: led by a care partner",
        VE,
        "justice partner",
        False,
        lambda t: t.env["keten.strafrecht"].create(
            {"dossier_id": t.dossier_a.id, "organisation_id": t.org_moviera.id}
        ),
    ),
    (
        "strafrecht: vervolging of a dismissed case",
        VE,
        "seponeren",
        False,
        lambda t: t.strafrecht.write(
            {"state": "vervolging", "om_besluit": "seponeren"}
        ),
    ),
    (
        "strafrecht: care contact of another organisation",
        VE,
        "does not act",
        False,
        lambda t: t.strafrecht.write(
            {
                "care_contact_organisation_id": t.org_moviera.id,
                "care_contact_user_id": t.user_regie.id,
            }
        ),
    ),
    (
        "strafrecht: starting in the future",
        VE,
        "future",
        False,
        lambda t: t.strafrecht.write({"date_start": tomorrow()}),
    ),
    # ---- evaluaties
    (
        "evaluatie: casus evaluation without dossier",
        VE,
        "belongs to a dossier",
        False,
        lambda t: evaluatie(t, dossier_id=False),
    ),
    (
        "evaluatie: procesbegeleider organisation owns the case",
        VE,
        "neutral",
        False,
        lambda t: evaluatie(t, procesbegeleider_organisation_id=t.org_zvh.id),
    ),
    (
        "evaluatie: procesbegeleider is the regievoerder",
        VE,
        "neutral",
        False,
        lambda t: evaluatie(t, procesbegeleider_user_id=t.user_regie.id),
    ),
    (
        "evaluatie: procesbegeleider of another organisation",
        VE,
        "does not act",
        False,
        lambda t: evaluatie(
            t,
            procesbegeleider_organisation_id=t.org_riec.id,
            procesbegeleider_user_id=t.user_partner_ggd.id,
        ),
    ),
    (
        "evaluatie: held in the future",
        VE,
        "future",
        False,
        lambda t: t.eval_planned.write({"date_done": tomorrow()}),
    ),
    (
        "evaluatie: held before the dossier was opened",
        VE,
        "before the dossier",
        False,
        lambda t: t.eval_planned.write({"date_done": "2000-01-01"}),
    ),
    (
        "evaluatie: case description names the victim",
        VE,
        "anonymous",
        False,
        lambda t: t.eval_planned.write({"case_description": "Sanne werd uitgebuit."}),
    ),
    (
        "evaluatie: adopted before it was held",
        UE,
        "Only a held",
        PRE,
        lambda t: t.eval_planned.action_approve(),
    ),
    (
        "evaluatie: adopted without lessons",
        VE,
        "lesson",
        False,
        lambda t: t.eval_held.write({"state": "vastgesteld"}),
    ),
    (
        "evaluatie: held without procesbegeleider",
        UE,
        "procesbegeleider",
        False,
        lambda t: evaluatie(t).action_done(),
    ),
    (
        "evaluatie: cancelled one held",
        UE,
        "cannot go from",
        PRE,
        lambda t: t.eval_cancelled.action_done(),
    ),
    (
        "evaluatie: adopted one cancelled",
        UE,
        "cannot go from",
        PRE,
        lambda t: t.eval_adopted.action_cancel(),
    ),
    # ---- preventie
    (
        "preventie: ends before it starts",
        VE,
        "end before it starts",
        False,
        lambda t: t.preventie.write(
            {"date_start": "2026-02-01", "date_end": "2026-01-01"}
        ),
    ),
    (
        "preventie: negative reach",
        VE,
        "negative",
        False,
        lambda t: t.preventie.write({"reach": -10}),
    ),
    (
        "preventie: carried out before it starts",
        VE,
        "not been carried out",
        False,
        lambda t: t.preventie.write({"date_start": tomorrow(), "state": "uitgevoerd"}),
    ),
    (
        "preventie: evaluated without being carried out",
        UE,
        "cannot go from",
        PRE,
        lambda t: t.preventie.write({"state": "geevalueerd"}),
    ),
    # ---- configuration
    (
        "organisation: secondary partner as meldpunt",
        VE,
        "secondary partner",
        False,
        lambda t: t.org_school.write({"is_meldpunt": True}),
    ),
    (
        "organisation: representative who is no member",
        VE,
        "does not act for it",
        False,
        lambda t: t.org_moviera.write({"contact_user_id": t.user_regie.id}),
    ),
    (
        "organisation: deputy is the representative",
        VE,
        "plaatsvervanger",
        False,
        lambda t: t.org_zvh.write(
            {"contact_user_id": t.user_regie.id, "deputy_user_id": t.user_regie.id}
        ),
    ),
    (
        "organisation: invalid functional e-mail",
        VE,
        "e-mail",
        False,
        lambda t: t.org_zvh.write({"email": "zvh at example.org"}),
    ),
    (
        "organisation: name used twice",
        DB,
        "name_uniq",
        False,
        lambda t: t.env["keten.organisation"].create({"name": "Test ZVH"}),
    ),
    (
        "gemeente: CBS code without GM",
        VE,
        "CBS",
        False,
        lambda t: t.env["keten.gemeente"].create(
            {"name": "Ergens", "cbs_code": "0200"}
        ),
    ),
    (
        "gemeente: CBS code used twice",
        DB,
        "cbs_code_uniq",
        False,
        lambda t: t.env["keten.gemeente"].create(
            {"name": "Dubbel", "cbs_code": "GM9901"}
        ),
    ),
    (
        "stage history: left before entered",
        VE,
        "before it entered",
        False,
        lambda t: t.dossier_a.stage_history_ids[:1].write(
            {
                "date_end": t.dossier_a.stage_history_ids[:1].date_start
                - timedelta(days=1)
            }
        ),
    ),
    (
        "settings: bewaartermijn of zero years",
        VE,
        "between",
        False,
        lambda t: t.env["res.config.settings"].create({"keten_retention_years": 0}),
    ),
    (
        "settings: tiny maximum text length",
        VE,
        "between",
        False,
        lambda t: t.env["res.config.settings"].create({"keten_max_text_length": 10}),
    ),
    # ---- files and the access log
    (
        "attachment: file too large on a dossier",
        VE,
        "too large",
        PRE,
        lambda t: attachment(t, t.dossier_a, int(1.5 * MB)),
    ),
    (
        "attachment: too large, as base64",
        VE,
        "too large",
        PRE,
        lambda t: attachment(
            t, t.melding_a, 0, raw=False, datas=base64.b64encode(b"x" * int(1.2 * MB))
        ),
    ),
    (
        "attachment: large file moved onto a dossier",
        VE,
        "too large",
        False,
        lambda t: t.attachment_partner.write(
            {"res_model": "keten.dossier", "res_id": t.dossier_a.id}
        ),
    ),
    (
        "attachment: small file replaced by a large one",
        VE,
        "too large",
        PRE,
        lambda t: t.attachment_small.write({"raw": b"x" * (2 * MB)}),
    ),
    (
        "access log: written by hand",
        UE,
        "system only",
        PRE,
        lambda t: t.env["keten.access.log"].create({"login": "x"}),
    ),
    (
        "access log: changed",
        UE,
        "cannot be changed",
        PRE,
        lambda t: t.access_log.write({"login": "x"}),
    ),
    (
        "access log: deleted",
        UE,
        "cannot be deleted",
        PRE,
        lambda t: t.access_log.unlink(),
    ),
]


@tagged("post_install", "-at_install", "keten_validation")
class TestValidation(KetenCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        now = fields.Datetime.now()
        Overleg = env["keten.casusoverleg"]
        cls.env["ir.config_parameter"].set_param(P + "max_attachment_mb", "1")
        # dossier A: 1e weging, adopted verslag and plan, in uitvoering
        cls.weging_a = cls.first_weging(cls.dossier_a)
        cls.dossier_a.regie_user_id = cls.user_regie
        cls.melding_a = cls.dossier_a.melding_ids
        cls.overleg_adopted = Overleg.create(
            {
                "date_start": now - timedelta(hours=2),
                "item_ids": [(0, 0, {"dossier_id": cls.dossier_a.id})],
            }
        )
        cls.overleg_adopted.action_fill_attendance()
        cls.overleg_adopted.action_hold()
        cls.overleg_adopted.item_ids.decisions = "Plan opstellen."
        cls.overleg_adopted.action_approve()
        cls.plan_a = cls.adopted_plan(cls.dossier_a)
        cls.dossier_a.stage_id = cls.stage_uitvoering
        # dossier C: in Analyse, no plan; dossier D: closed (geen mensenhandel)
        Person = env["keten.person"]
        cls.person_c = Person.create({"first_name": "Chris", "last_name": "Analyse"})
        cls.dossier_c = cls.create_dossier_with_melding(cls.person_c)
        cls.first_weging(cls.dossier_c)
        cls.person_d = Person.create({"first_name": "Dirk", "last_name": "Dicht"})
        cls.dossier_d = cls.create_dossier_with_melding(cls.person_d)
        cls.first_weging(cls.dossier_d, "geen")
        cls.weging_concept = cls.env["keten.weging"].create(
            {
                "dossier_id": cls.dossier_c.id,
                "veiligheid": "onveilig",
                "actueel": "ja",
                "kwalificatie": "wel",
                "doorlaatverbod": True,
                "bewijsmiddel_ids": two_bewijs(),
            }
        )
        cls.person_anon = Person.create({"first_name": "Anna"})
        cls.person_anon._anonymise("test")
        # overleggen in every state
        cls.overleg_planned = Overleg.create(
            {
                "date_start": now - timedelta(hours=1),
                "item_ids": [(0, 0, {"dossier_id": cls.dossier_c.id})],
                "invited_organisation_ids": [(6, 0, [])],
            }
        )
        cls.overleg_future = Overleg.create({"date_start": now + timedelta(days=2)})
        cls.overleg_cancelled = Overleg.create({"date_start": now - timedelta(days=1)})
        cls.overleg_cancelled.action_cancel()
        cls.overleg_held = Overleg.create(
            {
                "date_start": now - timedelta(hours=3),
                "item_ids": [(0, 0, {"dossier_id": cls.dossier_c.id})],
            }
        )
        cls.overleg_held.action_fill_attendance()
        cls.overleg_held.action_hold()
        cls.plan_concept = env["keten.plan"].create({"dossier_id": cls.dossier_c.id})
        # interventies in every state
        cls.int_planned = interventie(cls)
        cls.int_running = interventie(
            cls, date_start=fields.Date.today() - timedelta(days=3)
        )
        cls.int_running.action_start()
        cls.int_done = interventie(
            cls, date_start=fields.Date.today() - timedelta(days=5)
        )
        cls.int_done.action_start()
        cls.int_done.action_finish()
        cls.strafrecht = env["keten.strafrecht"].create(
            {"dossier_id": cls.dossier_a.id, "organisation_id": cls.org_politie.id}
        )
        # evaluaties in every state
        cls.eval_planned = evaluatie(cls)
        cls.eval_cancelled = evaluatie(
            cls, procesbegeleider_organisation_id=cls.org_riec.id
        )
        cls.eval_cancelled.action_cancel()
        cls.eval_held = evaluatie(
            cls,
            procesbegeleider_organisation_id=cls.org_riec.id,
            case_description="Een jonge vrouw werd uitgebuit.",
        )
        cls.eval_held.action_done()
        cls.eval_adopted = evaluatie(
            cls,
            procesbegeleider_organisation_id=cls.org_riec.id,
            case_description="Een jonge vrouw werd uitgebuit.",
            lesson_ids=[(0, 0, {"description": "Eerder de GGD betrekken."})],
        )
        cls.eval_adopted.action_done()
        cls.eval_adopted.action_approve()
        cls.preventie = env["keten.preventie"].create({"name": "Voorlichting"})
        cls.stage_preventie = env["keten.stage"].create(
            {
                "name": "Voorlichting",
                "hoofdstap_id": env.ref(P + "hoofdstap_preventie").id,
            }
        )
        cls.attachment_small = attachment(cls, cls.dossier_a, 10)
        cls.attachment_partner = attachment(
            cls, cls.user_regie.partner_id, int(1.5 * MB)
        )
        cls.dossier_a.with_user(cls.user_regie).read(["name"])
        cls.access_log = env["keten.access.log"].search([], limit=1)

    # ------------------------------------------------------------------
    def fingerprint(self):
        """Row count and content hash of every keten_* table and of the mail,
        attachment and settings tables."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            """
            SELECT table_name FROM information_schema.tables
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
               AND (table_name LIKE 'keten\\_%%' OR table_name = ANY(%s))
             ORDER BY table_name
            """,
            [list(FINGERPRINT_TABLES_EXTRA)],
        )
        tables = [row[0] for row in cr.fetchall()]
        result = {}
        for table in tables:
            cr.execute(
                SQL(
                    "SELECT count(*), md5(coalesce(string_agg(t::text, '|' "
                    "ORDER BY t::text), '')) FROM %s t",
                    SQL.identifier(table),
                )
            )
            result[table] = cr.fetchone()
        return result

    def run_recording_dml(self, action, statements):
        """Run ``action``; collect the INSERT/UPDATE/DELETE on keten_* tables it sends
        to the database in ``statements`` (also when it raises)."""
        execute = Cursor.execute

        def recording_execute(cr, query, params=None, log_exceptions=True):
            code = query.code if isinstance(query, SQL) else str(query)
            if DML_ON_KETEN.search(code):
                statements.append(code)
            return execute(cr, query, params, log_exceptions)

        with patch.object(Cursor, "execute", recording_execute):
            action(self)
            self.env.flush_all()

    def test_fixtures_are_valid(self):
        """The fixtures of the table are in the state the cases expect."""
        self.assertEqual(self.overleg_adopted.state, "vastgesteld")
        self.assertEqual(self.overleg_held.state, "gehouden")
        self.assertEqual(self.overleg_cancelled.state, "geannuleerd")
        self.assertEqual(self.plan_a.state, "vastgesteld")
        self.assertEqual(self.dossier_a.hoofdstap_code, "uitvoering")
        self.assertEqual(self.dossier_c.hoofdstap_code, "analyse")
        self.assertTrue(self.dossier_d.is_closed)
        self.assertEqual(self.eval_adopted.state, "vastgesteld")
        self.assertEqual(self.int_done.state, "afgerond")
        self.assertTrue(self.person_anon.is_anonymised)
        self.assertTrue(self.access_log)

    def test_fingerprint_sees_a_change(self):
        """The fingerprint is not blind: a valid change of one text shows."""
        before = self.fingerprint()
        self.dossier_c.summary = "Een nieuwe samenvatting."
        after = self.fingerprint()
        self.assertNotEqual(before["keten_dossier"], after["keten_dossier"])
        self.assertEqual(before["keten_person"], after["keten_person"])

    def test_dml_recorder_sees_a_write(self):
        """The recorder of writes is not blind either."""
        written = []
        self.run_recording_dml(lambda t: t.dossier_c.write({"summary": "x"}), written)
        self.assertTrue(any("keten_dossier" in s for s in written))

    def test_invalid_inputs_are_refused_and_leave_nothing(self):
        names = [case[0] for case in CASES]
        self.assertEqual(len(names), len(set(names)), "every case is distinct")
        self.assertGreaterEqual(len(CASES), 50)
        for name, exception, pattern, pre, action in CASES:
            with self.subTest(name):
                before = self.fingerprint()
                written = []
                with mute_logger("odoo.sql_db"):
                    with self.assertRaises(exception) as caught:
                        if pre:
                            self.run_recording_dml(action, written)
                        else:
                            action(self)
                            self.env.flush_all()
                self.assertRegex(str(caught.exception), pattern)
                if pre:
                    self.assertFalse(written, "refused before anything is written")
                self.env.invalidate_all()
                self.assertEqual(self.fingerprint(), before, "nothing changed")


@tagged("post_install", "-at_install", "keten_validation")
class TestValidationLimits(KetenCase):
    def test_every_model_bounds_its_free_text(self):
        """A model of the addon with free text inherits the validation mixin."""
        models = self.env["ir.model"].search([("model", "=like", "keten.%")])
        missing = []
        for model in models.mapped("model"):
            Model = self.env[model]
            if Model._abstract or model == "keten.access.log":
                continue  # the access log is written by the system only, in SQL
            has_text = any(
                field.type in ("char", "text", "html") and field.store
                for field in Model._fields.values()
            )
            if has_text and "keten.validation.mixin" not in Model._inherit_module:
                missing.append(model)
        self.assertFalse(missing, "inherit keten.validation.mixin")

    def test_limits_are_configurable(self):
        parameters = self.env["ir.config_parameter"].sudo()
        long_text = "x" * 30000
        with self.assertRaises(ValidationError):
            self.dossier_a.summary = long_text
        parameters.set_param(P + "max_text_length", "50000")
        self.dossier_a.summary = long_text
        self.assertEqual(len(self.dossier_a.summary), 30000)
        # the default maximum of a file is 20 MB; 2 MB is fine
        record = self.env["ir.attachment"].create(
            {
                "name": "verklaring.pdf",
                "raw": b"x" * (2 * MB),
                "res_model": "keten.dossier",
                "res_id": self.dossier_a.id,
            }
        )
        self.assertEqual(record.file_size, 2 * MB)
        parameters.set_param(P + "max_attachment_mb", "1")
        with self.assertRaises(ValidationError):
            record.raw = b"y" * (2 * MB)
        # files of other applications are not limited by the addon
        partner_file = self.env["ir.attachment"].create(
            {
                "name": "contract.pdf",
                "raw": b"x" * (2 * MB),
                "res_model": "res.partner",
                "res_id": self.user_regie.partner_id.id,
            }
        )
        self.assertEqual(partner_file.file_size, 2 * MB)

    def test_settings_store_the_limits(self):
        settings = self.env["res.config.settings"].create(
            {"keten_retention_years": 7, "keten_max_attachment_mb": 50}
        )
        settings.execute()
        parameters = self.env["ir.config_parameter"].sudo()
        self.assertEqual(parameters.get_param(P + "retention_years"), "7")
        self.assertEqual(parameters.get_param(P + "max_attachment_mb"), "50")
        self.assertEqual(self.env["keten.retention"]._retention_years(), 7)
