"""Need-to-know matrix over the ORM: every user x model x operation x record.

The expectations are the hand-written table in ``access_spec.py``.
"""

import base64
import logging
from contextlib import closing

import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .access_spec import SPEC, USERS
from .common import KetenAccessCase, P

_logger = logging.getLogger(__name__)

REFUSALS = (UserError, ValidationError, psycopg2.Error)
PDF = base64.b64encode(b"%PDF-1.4\n% keten test\n%%EOF\n").decode()


class AccessGrid:
    """Records, write values and create values of the matrix, per model."""

    @classmethod
    def grid_records(cls):
        """{model: {label: record}} for the records named in ``SPEC``."""
        return {
            "keten.hoofdstap": {"X": cls.env.ref(P + "hoofdstap_preventie")},
            "keten.stage": {"X": cls.stage_extra},
            "keten.gemeente": {"X": cls.gemeente_b},
            "keten.verschijningsvorm": {"X": cls.vorm_orgaan},
            "keten.organisation": {"X": cls.org_extra},
            "keten.rasci": {"X": cls.rasci},
            "keten.preventie": {"X": cls.preventie},
            "keten.person": {
                "V": cls.person_victim,
                "S": cls.person_suspect,
                "N": cls.person_network,
                "O": cls.person_other,
                "P": cls.person_school,
            },
            "keten.melding": {
                "MA": cls.melding_a,
                "MB": cls.melding_b,
                "MS": cls.melding_school,
            },
            "keten.dossier": {"A": cls.dossier_a, "B": cls.dossier_b},
            "keten.dossier.person": {
                "A": cls.dossier_a.person_link_ids.filtered(
                    lambda link: link.person_id == cls.person_victim
                ),
                "N": cls.dossier_a.person_link_ids.filtered(
                    lambda link: link.person_id == cls.person_network
                ),
                "B": cls.dossier_b.person_link_ids,
            },
            "keten.dossier.stage.history": {
                "A": cls.dossier_a.stage_history_ids[:1],
                "B": cls.dossier_b.stage_history_ids[:1],
            },
            "keten.weging": {"WA": cls.weging_a, "WB": cls.weging_b},
            "keten.bewijsmiddel": {
                "BA": cls.weging_a.bewijsmiddel_ids,
                "BB": cls.weging_b.bewijsmiddel_ids,
            },
            "keten.casusoverleg": {"O": cls.overleg, "O2": cls.overleg_2},
            "keten.casusoverleg.item": {"IA": cls.item_a, "IB": cls.item_b},
            "keten.casusoverleg.attendee": {
                "AT": cls.overleg.attendee_ids,
                "AT2": cls.overleg_2.attendee_ids,
            },
            "keten.plan": {"PA": cls.plan_a, "PB": cls.plan_b},
            "keten.plan.action": {
                "GEM": cls.action_gemeente,
                "GGD": cls.action_ggd,
                "MOV": cls.action_moviera,
            },
            "keten.interventie": {
                "IZA": cls.interventie_a,
                "ISA": cls.interventie_a_justice,
                "IZB": cls.interventie_b,
                "ISB": cls.interventie_b_justice,
            },
            "keten.strafrecht": {"SA": cls.strafrecht_a, "SB": cls.strafrecht_b},
            "keten.evaluatie": {
                "EA": cls.evaluatie_a,
                "EB": cls.evaluatie_b,
                "EK": cls.evaluatie_keten,
            },
            "keten.lesson": {
                "LA": cls.evaluatie_a.lesson_ids,
                "LB": cls.evaluatie_b.lesson_ids,
                "LK": cls.evaluatie_keten.lesson_ids,
            },
            "keten.access.log": {"LD": cls.log_dossier, "LP": cls.log_person},
            "keten.involve.organisation.wizard": {},
            # rows of the SQL view cannot be read one by one (totals only)
            "keten.rapportage": {},
            "keten.rapportage.wizard": {"W": cls.rapportage_wizard},
            "keten.intake.attempt": {"R": cls.intake_attempt},
            "keten.person.duplicate.wizard": {"W": cls.review_wizard},
            "keten.person.duplicate.wizard.line": {"WL": cls.review_wizard.line_ids},
            "keten.person.merge.wizard": {"MW": cls.merge_wizard},
            "keten.retention.wizard": {},
            "keten.retention.wizard.line": {},
            "keten.termijn": {"X": cls.env.ref(P + "termijn_plan")},
            "keten.deadline": {
                "DA": cls.deadline_a,
                "DB": cls.deadline_b,
                "DS": cls.deadline_school,
            },
            "keten.signalering": {"GA": cls.signal_a, "GS": cls.signal_school},
            "keten.legal.basis": {"X": cls.legal_basis_extra},
            "keten.basis.override": {"BO": cls.basis_override},
            "keten.consent": {"CV": cls.consent_victim, "CO": cls.consent_other},
            "keten.rectification": {"RV": cls.rectification_victim},
            "keten.avg.request": {"AR": cls.avg_request},
            "keten.processing.register.wizard": {},
            "keten.document": {
                "DA": cls.document_a,
                "DM": cls.document_medisch,
                "DJ": cls.document_justitie,
                "DB": cls.document_b,
                "DP": cls.document_person,
            },
            "keten.comensha.registration": {"CR": cls.registration_victim},
            "keten.comensha.export.wizard": {"W": cls.comensha_wizard},
        }

    # Harmless values for the write test (no business guard involved).
    WRITE_VALUES = {
        "keten.hoofdstap": {"owner_description": "Test"},
        "keten.stage": {"description": "Test"},
        "keten.gemeente": {"region": "Test"},
        "keten.verschijningsvorm": {"color": 3},
        "keten.organisation": {"note": "Test"},
        "keten.rasci": {"note": "Test"},
        "keten.preventie": {"description": "Test"},
        "keten.person": {"note": "Test"},
        "keten.melding": {"location_address": "Teststraat 1"},
        "keten.dossier": {"summary": "Test"},
        "keten.dossier.person": {"note": "Test"},
        "keten.dossier.stage.history": {"user_id": False},
        "keten.weging": {"history_note": "Test"},
        "keten.bewijsmiddel": {"description": "Test"},
        "keten.casusoverleg": {"location": "Test"},
        "keten.casusoverleg.item": {"question": "Test"},
        "keten.casusoverleg.attendee": {"attendance": "afgemeld"},
        "keten.plan": {"next_steps": "Test"},
        "keten.plan.action": {"result": "Test"},
        "keten.interventie": {"result_note": "Test"},
        "keten.strafrecht": {"verdenking": "Test"},
        "keten.evaluatie": {"went_well": "Test"},
        "keten.lesson": {"description": "Test"},
        "keten.access.log": {"login": "Test"},
        "keten.involve.organisation.wizard": {"reason": "Test"},
        "keten.rapportage": {},
        "keten.rapportage.wizard": {"date_to": "2025-12-31"},
        "keten.intake.attempt": {"address_hash": "Test"},
        "keten.person.duplicate.wizard": {"hidden": True},
        "keten.person.duplicate.wizard.line": {"dossier_names": "Test"},
        "keten.person.merge.wizard": {"reason": "Test"},
        "keten.retention.wizard": {"result": "<p>Test</p>"},
        "keten.retention.wizard.line": {"note": "Test"},
        "keten.termijn": {"description": "Test"},
        "keten.deadline": {"close_reason": "closed"},
        "keten.signalering": {"date_first": "2026-01-01"},
        "keten.legal.basis": {"scope": "Test"},
        "keten.basis.override": {"reason": "Test"},
        "keten.consent": {"purpose_note": "Test"},
        "keten.rectification": {"reason": "Test"},
        "keten.avg.request": {"response_note": "Test"},
        "keten.processing.register.wizard": {},
        "keten.document": {"note": "Test"},
        "keten.comensha.registration": {"note": "Test"},
        "keten.comensha.export.wizard": {"date_to": "2025-12-31"},
    }

    @classmethod
    def own_organisation(cls, user):
        return user.sudo().keten_organisation_ids[:1] or cls.org_school

    @classmethod
    def grid_creates(cls):
        """{model: {label: function(user) -> vals}} for the create test."""
        hoofdstap = cls.env.ref(P + "hoofdstap_evaluatie")

        def melding(organisation, **kw):
            return lambda user: dict(
                content="Test",
                melder_name="Test",
                organisation_id=organisation.id,
                **kw,
            )

        def document(**kw):
            return lambda user: dict(
                {
                    "name": "Test",
                    "document_type": "verslag",
                    "organisation_id": cls.own_organisation(user).id,
                    "datas": PDF,
                    "file_name": "test.pdf",
                },
                **kw,
            )

        def interventie(dossier, organisation=None, kind="zorg"):
            return lambda user: {
                "dossier_id": dossier.id,
                "name": "Test",
                "intervention_type": kind,
                "organisation_id": (organisation or cls.own_organisation(user)).id,
            }

        return {
            "keten.hoofdstap": {
                "new": lambda user: {"name": "Test", "code": "evaluatie"}
            },
            "keten.stage": {
                "new": lambda user: {
                    "name": "Test",
                    "hoofdstap_id": hoofdstap.id,
                    "sequence": 1000,
                }
            },
            "keten.gemeente": {
                "new": lambda user: {"name": "Test", "cbs_code": "GM9999"}
            },
            "keten.verschijningsvorm": {
                "new": lambda user: {"name": "Test", "code": "test"}
            },
            "keten.organisation": {"new": lambda user: {"name": "Test org"}},
            "keten.rasci": {
                "new": lambda user: {
                    "organisation_id": cls.org_ggd.id,
                    "hoofdstap_id": hoofdstap.id,
                    "role": "C",
                }
            },
            "keten.preventie": {"new": lambda user: {"name": "Test"}},
            "keten.person": {"new": lambda user: {"first_name": "Test"}},
            "keten.melding": {
                "gemeente": melding(cls.org_gemeente),
                "moviera": melding(cls.org_moviera),
                "school": melding(cls.org_school),
                "A-self": lambda user: melding(
                    cls.own_organisation(user), dossier_id=cls.dossier_a.id
                )(user),
            },
            "keten.dossier": {
                "A": lambda user: {
                    "registering_organisation_id": cls.org_gemeente.id,
                    "meldpunt_organisation_id": cls.org_vt.id,
                    "regie_organisation_id": cls.org_zvh.id,
                },
                "B": lambda user: {
                    "registering_organisation_id": cls.org_moviera.id,
                    "meldpunt_organisation_id": cls.org_vt.id,
                },
            },
            "keten.dossier.person": {
                "A": lambda user: {
                    "dossier_id": cls.dossier_a.id,
                    "person_id": cls.person_victim.id,
                    "role": "betrokkene",
                },
                "B": lambda user: {
                    "dossier_id": cls.dossier_b.id,
                    "person_id": cls.person_other.id,
                    "role": "betrokkene",
                },
                "A-P": lambda user: {
                    "dossier_id": cls.dossier_a.id,
                    "person_id": cls.person_school.id,
                    "role": "betrokkene",
                },
            },
            "keten.dossier.stage.history": {
                label: (
                    lambda user, dossier=dossier: {
                        "dossier_id": dossier.id,
                        "stage_id": cls.stage_verrijken.id,
                        "hoofdstap_id": cls.stage_verrijken.hoofdstap_id.id,
                        "date_start": "2026-01-01 00:00:00",
                    }
                )
                for label, dossier in (("A", cls.dossier_a), ("B", cls.dossier_b))
            },
            "keten.weging": {
                label: (
                    lambda user, dossier=dossier: {
                        "dossier_id": dossier.id,
                        "weging_type": "tweede",
                    }
                )
                for label, dossier in (("A", cls.dossier_a), ("B", cls.dossier_b))
            },
            "keten.bewijsmiddel": {
                label: (
                    lambda user, weging=weging: {
                        "weging_id": weging.id,
                        "description": "Test",
                    }
                )
                for label, weging in (("A", cls.weging_a), ("B", cls.weging_b))
            },
            "keten.casusoverleg": {
                "new": lambda user: {
                    "date_start": "2026-03-01 10:00:00",
                    "invited_organisation_ids": [(6, 0, cls.org_zvh.ids)],
                }
            },
            "keten.casusoverleg.item": {
                label: (
                    lambda user, dossier=dossier: {
                        "overleg_id": cls.overleg_2.id,
                        "dossier_id": dossier.id,
                    }
                )
                for label, dossier in (("A", cls.dossier_a), ("B", cls.dossier_b))
            },
            "keten.casusoverleg.attendee": {
                label: (
                    lambda user, overleg=overleg: {
                        "overleg_id": overleg.id,
                        "organisation_id": cls.org_riec.id,
                    }
                )
                for label, overleg in (("O", cls.overleg), ("O2", cls.overleg_2))
            },
            "keten.plan": {
                label: (lambda user, dossier=dossier: {"dossier_id": dossier.id})
                for label, dossier in (("A", cls.dossier_a), ("B", cls.dossier_b))
            },
            "keten.plan.action": {
                "A": lambda user: {
                    "plan_id": cls.plan_a.id,
                    "name": "Test",
                    "organisation_id": cls.org_gemeente.id,
                },
                "B": lambda user: {
                    "plan_id": cls.plan_b.id,
                    "name": "Test",
                    "organisation_id": cls.org_moviera.id,
                },
            },
            "keten.interventie": {
                "A": interventie(cls.dossier_a, cls.org_gemeente),
                "B": interventie(cls.dossier_b, cls.org_moviera, "opvang"),
                "SA": interventie(cls.dossier_a, cls.org_politie, "strafrechtelijk"),
                "SB": interventie(cls.dossier_b, cls.org_ai, "strafrechtelijk"),
                "A-self": interventie(cls.dossier_a),
                "B-self": interventie(cls.dossier_b),
            },
            "keten.strafrecht": {
                "A": lambda user: {
                    "dossier_id": cls.dossier_a.id,
                    "organisation_id": cls.org_politie.id,
                },
                "B": lambda user: {
                    "dossier_id": cls.dossier_b.id,
                    "organisation_id": cls.org_ai.id,
                },
            },
            "keten.evaluatie": {
                "A": lambda user: {"name": "Test", "dossier_id": cls.dossier_a.id},
                "B": lambda user: {"name": "Test", "dossier_id": cls.dossier_b.id},
                "K": lambda user: {"name": "Test", "level": "keten"},
            },
            "keten.lesson": {
                label: (
                    lambda user, evaluatie=evaluatie: {
                        "evaluatie_id": evaluatie.id,
                        "description": "Test",
                    }
                )
                for label, evaluatie in (
                    ("A", cls.evaluatie_a),
                    ("B", cls.evaluatie_b),
                    ("K", cls.evaluatie_keten),
                )
            },
            "keten.access.log": {"new": lambda user: {"login": "Test"}},
            "keten.involve.organisation.wizard": {
                label: (
                    lambda user, dossier=dossier: {
                        "dossier_id": dossier.id,
                        "organisation_id": cls.org_riec.id,
                        "reason": "Test",
                    }
                )
                for label, dossier in (("A", cls.dossier_a), ("B", cls.dossier_b))
            },
            "keten.rapportage": {},
            "keten.rapportage.wizard": {
                "new": lambda user: {"date_from": "2025-01-01", "date_to": "2025-06-30"}
            },
            "keten.intake.attempt": {"new": lambda user: {"address_hash": "Test"}},
            "keten.person.duplicate.wizard": {
                label: (
                    lambda user, record=record: {
                        "res_model": record._name,
                        "res_id": record.id,
                    }
                )
                for label, record in (
                    ("MA", cls.melding_a),
                    ("MB", cls.melding_b),
                    ("MS", cls.melding_school),
                    ("A", cls.dossier_a),
                    ("B", cls.dossier_b),
                )
            },
            "keten.person.duplicate.wizard.line": {
                "W": lambda user: {
                    "wizard_id": cls.review_wizard.id,
                    "person_id": cls.person_victim.id,
                    "candidate_id": cls.person_other.id,
                    "reason": "name",
                }
            },
            "keten.person.merge.wizard": {
                "new": lambda user: {
                    "person_ids": [(6, 0, (cls.person_victim | cls.person_other).ids)],
                    "target_person_id": cls.person_victim.id,
                    "reason": "Test",
                }
            },
            "keten.termijn": {
                "new": lambda user: {
                    "name": "Test",
                    "code": "plan",
                    "activity_type_id": cls.env.ref(P + "mail_activity_type_plan").id,
                }
            },
            "keten.deadline": {
                label: (
                    lambda user, melding=melding: {
                        "termijn_id": cls.env.ref(P + "termijn_terugkoppeling").id,
                        "res_model": "keten.melding",
                        "res_id": melding.id,
                        "melding_id": melding.id,
                        "dossier_id": melding.sudo().dossier_id.id,
                        "date_start": "2026-01-01",
                        "date_deadline": "2026-01-15",
                    }
                )
                for label, melding in (
                    ("A", cls.melding_a),
                    ("B", cls.melding_b),
                    ("S", cls.melding_school),
                )
            },
            "keten.signalering": {
                "A": lambda user: {
                    "reason": "stale",
                    "dossier_id": cls.dossier_a.id,
                    "date_first": "2026-01-01",
                }
            },
            "keten.legal.basis": {
                "new": lambda user: {
                    "organisation_id": cls.org_extra.id,
                    "name": "Test",
                    "date_from": "2025-01-01",
                }
            },
            "keten.basis.override": {
                "new": lambda user: {
                    "dossier_id": cls.dossier_a.id,
                    "organisation_id": cls.org_riec.id,
                    "source": "manual",
                    "reason": "Test",
                    "user_id": user.id,
                }
            },
            "keten.consent": {
                label: (
                    lambda user, person=person: {
                        "person_id": person.id,
                        "purpose": "other",
                        "date_given": "2026-01-01",
                    }
                )
                for label, person in (("A", cls.person_victim), ("B", cls.person_other))
            },
            "keten.rectification": {
                "new": lambda user: {
                    "person_id": cls.person_victim.id,
                    "field_name": "phone",
                    "new_value": "Test",
                }
            },
            "keten.avg.request": {"new": lambda user: {"request_type": "inzage"}},
            "keten.processing.register.wizard": {"new": lambda user: {}},
            "keten.retention.wizard": {"new": lambda user: {}},
            "keten.retention.wizard.line": {
                "new": lambda user: {
                    "wizard_id": cls.retention_wizard.id,
                    "kind": "dossier",
                    "outcome": "anonymise",
                }
            },
            "keten.document": {
                "A": document(dossier_id=cls.dossier_a.id),
                "AM": document(dossier_id=cls.dossier_a.id, document_type="medisch"),
                "SA": document(strafrecht_id=cls.strafrecht_a.id),
                "B": document(dossier_id=cls.dossier_b.id),
                "P": document(person_id=cls.person_school.id),
            },
            "keten.comensha.registration": {
                "new": lambda user: {
                    "dossier_id": cls.dossier_b.id,
                    "person_id": cls.person_other.id,
                }
            },
            "keten.comensha.export.wizard": {
                "new": lambda user: {"date_from": "2025-01-01", "date_to": "2025-06-30"}
            },
        }

    @classmethod
    def setup_matrix(cls):
        cls.setup_matrix_extras()
        cls.records = cls.grid_records()
        cls.creates = cls.grid_creates()
        cls.users = cls.access_users()

    @classmethod
    def setup_matrix_extras(cls):
        """Unreferenced configuration records the matrix may change and delete."""
        cls.retention_wizard = cls.env["keten.retention.wizard"].create({})
        cls.setup_avg_grid()
        cls.setup_document_grid()
        cls.stage_extra = cls.env["keten.stage"].create(
            {
                "name": "Extra stage",
                "hoofdstap_id": cls.env.ref(P + "hoofdstap_evaluatie").id,
                "sequence": 999,
            }
        )
        cls.org_extra = cls.env["keten.organisation"].create(
            {"name": "Test Woningcorporatie", "membership": "secundair"}
        )
        cls.legal_basis_extra = cls.give_legal_basis(cls.org_extra)
        # somebody else's request for the workbook
        cls.rapportage_wizard = cls.env["keten.rapportage.wizard"].create(
            {"date_from": "2025-01-01", "date_to": "2025-06-30"}
        )
        # intake: a rate-limit row, a review opened by the meldpunt, a merge
        # prepared by the ZVH
        cls.intake_attempt = cls.env["keten.intake.attempt"].create(
            {"address_hash": "grid"}
        )
        cls.review_wizard = (
            cls.env["keten.person.duplicate.wizard"]
            .with_user(cls.user_meldpunt)
            .create({"res_model": "keten.melding", "res_id": cls.melding_a.id})
        )
        cls.env["keten.person.duplicate.wizard.line"].with_user(
            cls.user_meldpunt
        ).create(
            {
                "wizard_id": cls.review_wizard.id,
                "person_id": cls.person_victim.id,
                "candidate_id": cls.person_network.id,
                "reason": "name",
            }
        )
        # termijnen: the 1e weging of meldingen A (met) and B (open), and of the
        # school's melding without dossier; entries of the signaleringslijst
        Deadline = cls.env["keten.deadline"]
        cls.deadline_a, cls.deadline_b, cls.deadline_school = (
            Deadline.search(
                [
                    ("termijn_code", "=", "eerste_weging"),
                    ("melding_id", "=", melding.id),
                ]
            )
            for melding in (cls.melding_a, cls.melding_b, cls.melding_school)
        )
        Signalering = cls.env["keten.signalering"].sudo()
        cls.signal_a = Signalering.create(
            {
                "reason": "no_responsible",
                "dossier_id": cls.dossier_a.id,
                "date_first": "2026-01-02",
            }
        ).with_env(cls.env)
        cls.signal_school = Signalering.create(
            {
                "reason": "melding_no_dossier",
                "melding_id": cls.melding_school.id,
                "date_first": "2026-01-02",
            }
        ).with_env(cls.env)
        cls.merge_wizard = (
            cls.env["keten.person.merge.wizard"]
            .with_user(cls.user_regie)
            .create(
                {
                    "person_ids": [(6, 0, (cls.person_victim | cls.person_other).ids)],
                    "target_person_id": cls.person_victim.id,
                    "reason": "Grid",
                }
            )
        )

    @classmethod
    def setup_avg_grid(cls):
        """The records of issue 10 the matrix reads and changes."""
        env = cls.env
        cls.basis_override = env["keten.basis.override"].create(
            {
                "dossier_id": cls.dossier_a.id,
                "organisation_id": cls.org_riec.id,
                "source": "manual",
                "reason": "Grid",
                "user_id": cls.user_regie.id,
            }
        )
        Consent = env["keten.consent"]
        cls.consent_victim = Consent.create(
            {
                "person_id": cls.person_victim.id,
                "purpose": "sharing",
                "organisation_id": cls.org_ggd.id,
                "date_given": "2026-01-01",
            }
        )
        cls.consent_other = Consent.create(
            {
                "person_id": cls.person_other.id,
                "purpose": "other",
                "date_given": "2026-01-01",
            }
        )
        cls.person_victim.write({"phone": "0612345678"})
        cls.rectification_victim = env["keten.rectification"].search(
            [("person_id", "=", cls.person_victim.id)]
        )
        cls.avg_request = env["keten.avg.request"].create(
            {"request_type": "inzage", "person_id": cls.person_victim.id}
        )

    @classmethod
    def setup_document_grid(cls):
        """The records of issue 21: documents of each kind, a CoMensha
        registration and somebody else's CoMensha export."""
        Document = cls.env["keten.document"]

        def document(name, organisation, **kw):
            return Document.create(
                dict(
                    {
                        "name": name,
                        "document_type": "verslag",
                        "organisation_id": organisation.id,
                        "datas": PDF,
                        "file_name": f"{name}.pdf",
                    },
                    **kw,
                )
            )

        cls.document_a = document(
            "Verslag huisbezoek",
            cls.org_gemeente,
            dossier_id=cls.dossier_a.id,
            person_id=cls.person_victim.id,
        )
        cls.document_medisch = document(
            "Verklaring huisarts",
            cls.org_ggd,
            dossier_id=cls.dossier_a.id,
            person_id=cls.person_victim.id,
            document_type="medisch",
        )
        cls.document_justitie = document(
            "Proces-verbaal aangifte",
            cls.org_politie,
            strafrecht_id=cls.strafrecht_a.id,
            document_type="proces_verbaal",
        )
        cls.document_b = document(
            "Arbeidscontract",
            cls.org_moviera,
            dossier_id=cls.dossier_b.id,
            person_id=cls.person_other.id,
            document_type="overig",
        )
        cls.document_person = document(
            "Kopie identiteitsbewijs",
            cls.org_vt,
            person_id=cls.person_school.id,
            document_type="overig",
        )
        # dossier A is qualified (weging A): V's consent registers her
        cls.env["keten.consent"].create(
            {
                "person_id": cls.person_victim.id,
                "purpose": "comensha",
                "organisation_id": cls.org_ggd.id,
                "date_given": "2026-01-01",
            }
        )
        cls.registration_victim = cls.env["keten.comensha.registration"].search(
            [("person_id", "=", cls.person_victim.id)]
        )
        cls.comensha_wizard = cls.env["keten.comensha.export.wizard"].create(
            {"date_from": "2025-01-01", "date_to": "2025-06-30"}
        )


def expected_labels(cell):
    return set(cell.split())


@tagged("post_install", "-at_install", "keten_access")
class TestAccessMatrix(AccessGrid, KetenAccessCase):
    """user x model x operation x record, over the ORM."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_matrix()

    def _attempt(self, operation, check):
        """Run ``operation`` in a savepoint that is always rolled back.

        Returns True when it is allowed. A business refusal (UserError, a
        constraint) counts as allowed only if ``check`` (the ORM's own access
        check for that operation) passes.
        """
        try:
            with closing(self.env.cr.savepoint()):
                operation()
                self.env.flush_all()
            return True
        except AccessError:
            return False
        except REFUSALS:
            try:
                check()
            except AccessError:
                return False
            return True
        finally:
            self.env.invalidate_all()

    def test_every_model_has_a_specification(self):
        models = {
            name
            for name, model in self.env.registry.items()
            if name.startswith("keten.") and not model._abstract
        }
        missing = models - set(SPEC)
        self.assertFalse(
            missing,
            f"Models without an entry in tests/access_spec.py: {sorted(missing)}. "
            "Write down who may read, change, create and delete them.",
        )
        for model, rows in SPEC.items():
            self.assertEqual(set(rows), set(USERS), f"{model}: rows per user")
            self.assertIn(model, self.records)
            for user, cells in rows.items():
                known = set(self.records[model])
                for index in (0, 1, 3):
                    self.assertLessEqual(
                        expected_labels(cells[index]), known, f"{model} {user}"
                    )
                self.assertLessEqual(
                    expected_labels(cells[2]), set(self.creates[model]), model
                )

    def test_matrix(self):
        cells = 0
        failures = []
        for model_name, rows in SPEC.items():
            records = self.records[model_name]
            for user_key in USERS:
                user = self.users[user_key]
                read, write, create, unlink = map(expected_labels, rows[user_key])
                Model = self.env[model_name].with_user(user)
                all_ids = [rec.id for rec in records.values()]

                # search: exactly the readable records
                try:
                    found = set(Model.search([("id", "in", all_ids)]).ids)
                except AccessError:
                    found = set()
                for label, record in records.items():
                    cells += 1
                    if (record.id in found) != (label in read):
                        failures.append(
                            (user_key, model_name, "search", label, label in read)
                        )
                write_values = self.WRITE_VALUES[model_name]
                for label, record in records.items():
                    rec = record.with_user(user)
                    for operation, expected, run, check in (
                        (
                            "read",
                            read,
                            lambda rec=rec: rec.read(),
                            lambda rec=rec: rec.check_access("read"),
                        ),
                        (
                            "write",
                            write,
                            lambda rec=rec, vals=write_values: rec.write(vals),
                            lambda rec=rec: rec.check_access("write"),
                        ),
                        (
                            "unlink",
                            unlink,
                            lambda rec=rec: rec.unlink(),
                            lambda rec=rec: rec.check_access("unlink"),
                        ),
                    ):
                        cells += 1
                        allowed = self._attempt(run, check)
                        if allowed != (label in expected):
                            failures.append(
                                (user_key, model_name, operation, label, not allowed)
                            )
                for label, values in self.creates[model_name].items():
                    cells += 1
                    vals = values(user)
                    allowed = self._attempt(
                        lambda vals=vals, Model=Model: Model.create(vals),
                        lambda Model=Model: Model.check_access("create"),
                    )
                    if allowed != (label in create):
                        failures.append(
                            (user_key, model_name, "create", label, not allowed)
                        )
        _logger.info(
            "Need-to-know matrix (ORM): %s cells checked, %s users, %s models, "
            "%s differ from the specification",
            cells,
            len(USERS),
            len(SPEC),
            len(failures),
        )
        self.assertFalse(
            failures,
            "Cells that differ from the specification "
            "(user, model, operation, record, expected allowed):\n"
            + "\n".join(map(str, failures)),
        )
