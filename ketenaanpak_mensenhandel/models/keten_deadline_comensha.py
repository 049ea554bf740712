"""The termijn of a CoMensha registration: from the kwalificatie (or the
consent, when it came later) until the registration is reported."""

from odoo import fields, models

from .keten_deadline_rules import Outcome


class KetenDeadline(models.Model):
    _inherit = "keten.deadline"  # pylint: disable=consider-merging-classes-inherited

    close_reason = fields.Selection(
        selection_add=[
            ("comensha", "Reported to CoMensha"),
            ("consent_withdrawn", "Consent withdrawn"),
        ],
        ondelete={"comensha": "set null", "consent_withdrawn": "set null"},
    )

    def _outcome_comensha(self, termijn, registrations, calendar):
        procesregie = self._flagged_organisation("is_procesregie")
        result = {}
        for registration in registrations:
            dossier = registration.dossier_id
            if not dossier.active or not registration.date_kwalificatie:
                result[registration.id] = None
                continue
            if registration.state == "gemeld":
                result[registration.id] = Outcome(
                    "done", date_done=registration.date_reported, reason="comensha"
                )
                continue
            if registration.state == "ingetrokken":
                result[registration.id] = Outcome(
                    "cancelled", reason="consent_withdrawn"
                )
                continue
            if dossier.is_anonymised:
                result[registration.id] = Outcome("cancelled", reason="anonymised")
                continue
            start = max(
                registration.date_kwalificatie,
                registration.consent_id.date_given or registration.date_kwalificatie,
            )
            result[registration.id] = Outcome(
                "open",
                date_start=start,
                date_deadline=termijn._deadline_for(calendar, start),
                target=registration,
                dossier=dossier,
                candidates=dossier.regie_user_id
                | self._regie_users(dossier.regie_organisation_id or procesregie)
                | self._regie_users(dossier.meldpunt_organisation_id),
            )
        return result
