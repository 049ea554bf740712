"""The dossier's way through the reference model: the stage guards, the next
step it asks for (the *Werkwijze* card) and moving to the first stage of a
hoofdstap."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class KetenDossier(models.Model):
    """Stage-transition workflow of the dossier.

    Guards follow the hoofdstappen, not individual stages, run as superuser
    (they check that data exists, not who can see it) and raise ``UserError``
    before anything is written.
    """

    _inherit = "keten.dossier"  # pylint: disable=consider-merging-classes-inherited

    stage_card = fields.Html(compute="_compute_stage_card", string="Werkwijze")
    next_step = fields.Char(
        compute="_compute_stage_card",
        help="What the reference model asks next for this dossier, from its stage "
        "and the data recorded so far.",
    )

    @api.depends(
        "stage_id",
        "weging_ids.state",
        "plan_ids.state",
        "agenda_item_ids",
        "interventie_ids",
        "nazorg_status",
        "evaluatie_ids.state",
    )
    def _compute_stage_card(self):
        for dossier in self:
            # Whether process records exist, not their content: read as superuser.
            next_step = dossier.sudo()._next_step_hint() if dossier.id else False
            dossier.next_step = next_step
            dossier.stage_card = (
                dossier.stage_id._render_card(next_step) if dossier.stage_id else False
            )

    # ------------------------------------------------------------------
    # Process guards
    # ------------------------------------------------------------------
    def _latest_weging(self, weging_type=None):
        self.ensure_one()
        wegingen = self.weging_ids.filtered(
            lambda w: (
                w.state == "vastgesteld"
                and (not weging_type or w.weging_type == weging_type)
            )
        )
        return wegingen.sorted(lambda w: (w.date, w.id))[-1:] if wegingen else wegingen

    def _ensure_stage_transition(self, new_stage, from_stage=None):
        """Refuse a stage change when the data the reference model requires is missing.

        Guards follow the hoofdstappen, not individual stages, so coordinators can
        rename, add or reorder stages without losing them.
        """
        self.ensure_one()
        old = from_stage if from_stage is not None else self.stage_id
        if new_stage == old:
            return
        _ = self.env._
        if new_stage.hoofdstap_code == "preventie":
            raise UserError(
                _(
                    "Preventie works on activities, not on dossiers: choose another stage."
                )
            )
        first_weging = self._latest_weging("eerste")
        latest = self._latest_weging()
        leaving_signalering = (
            old.hoofdstap_code == "signalering"
            and not old.is_closed
            and (new_stage.hoofdstap_code != "signalering" or new_stage.is_closed)
        )
        if leaving_signalering and not first_weging.kwalificatie:
            raise UserError(
                _(
                    "Dossier %(ref)s cannot leave Signaleren without a 1e weging with a "
                    "kwalificatie (wel or geen mensenhandel). Record and confirm the 1e "
                    "weging first.",
                    ref=self.name,
                )
            )
        if new_stage.closing_type == "afgeschaald":
            if latest.kwalificatie != "geen":
                raise UserError(
                    _(
                        "Dossier %(ref)s is only afgeschaald when the latest weging "
                        "qualifies it as geen mensenhandel.",
                        ref=self.name,
                    )
                )
            if not latest.afschaling_type:
                raise UserError(
                    _(
                        "Dossier %(ref)s: record in the weging whether it is afgeschaald or "
                        "handed over (overdracht), and to whom.",
                        ref=self.name,
                    )
                )
            return
        if (
            new_stage.hoofdstap_code in ("analyse", "uitvoering", "evaluatie")
            and latest.kwalificatie == "geen"
        ):
            raise UserError(
                _(
                    "Dossier %(ref)s is qualified as geen mensenhandel: scale it down "
                    "(afschalen) or hand it over instead of moving it on.",
                    ref=self.name,
                )
            )
        if new_stage.hoofdstap_code in (
            "uitvoering",
            "evaluatie",
        ) and not self.plan_ids.filtered(lambda p: p.state == "vastgesteld"):
            raise UserError(
                _(
                    "Uitvoering of dossier %(ref)s starts only with a plan van aanpak that "
                    "the ketenregieteam has adopted (vastgesteld).",
                    ref=self.name,
                )
            )
        if new_stage.closing_type == "afgesloten":
            if self.nazorg_status not in ("geregeld", "niet_nodig"):
                raise UserError(
                    _(
                        "Dossier %(ref)s cannot be closed before nazorg is decided: "
                        "record whether nazorg is arranged or not needed.",
                        ref=self.name,
                    )
                )
            planned = self.evaluatie_ids.filtered(
                lambda e: (
                    e.level == "casus" and e.state != "geannuleerd" and e.date_planned
                )
            )
            if not planned:
                raise UserError(
                    _(
                        "Dossier %(ref)s cannot be closed before a casus evaluatie is "
                        "planned (date and procesbegeleider).",
                        ref=self.name,
                    )
                )

    def _next_step_hint(self):
        """One sentence: what the reference model asks next for this dossier."""
        self.ensure_one()
        _ = self.env._
        code = self.hoofdstap_code
        casus_evaluations = self.evaluatie_ids.filtered(
            lambda e: e.level == "casus" and e.state != "geannuleerd"
        )
        if self.is_closed:
            if self.stage_id.closing_type == "afgeschaald":
                return _(
                    "Closed as geen mensenhandel: afgeschaald or handed over. A new "
                    "melding about the person opens a new dossier."
                )
            if casus_evaluations.filtered(lambda e: e.state == "vastgesteld"):
                return _("Evaluated: the lessons learned are secured.")
            return _(
                "Hold the casus evaluatie with the neutral procesbegeleider and adopt "
                "it with at least one lesson learned."
            )
        if code == "signalering":
            if not self._latest_weging("eerste"):
                if self.weging_ids.filtered(
                    lambda w: w.weging_type == "eerste" and w.state == "concept"
                ):
                    return _("Complete the 1e weging and confirm it (Vaststellen).")
                return _(
                    "Record the 1e weging en kwalificatie (button Weging): actueel, "
                    "acuut volgens melder, veiligheid, doorlaatverbod and kwalificatie."
                )
            return _("The 1e weging is confirmed: move the dossier to Analyse.")
        if code == "analyse":
            if not self.agenda_item_ids:
                return _(
                    "Put the dossier on the agenda of a casusoverleg, with a deadline "
                    "for discussion."
                )
            if not self._latest_weging("tweede"):
                return _(
                    "Make the 2e weging in the casusoverleg: quadrant, urgency, "
                    "bedenktijd/B8 and the trajectbesluit."
                )
            if not self.plan_ids.filtered(lambda p: p.state == "vastgesteld"):
                return _(
                    "Make the plan van aanpak and have the ketenregieteam adopt it "
                    "(Vaststellen)."
                )
            return _("The plan van aanpak is adopted: move the dossier to Uitvoering.")
        if code == "uitvoering":
            if not self.interventie_ids:
                return _(
                    "Record the interventions started for the actions of the plan van "
                    "aanpak."
                )
            if self.nazorg_status == "open":
                return _("Monitor the interventions and decide on nazorg.")
            if not casus_evaluations.filtered("date_planned"):
                return _(
                    "Plan the casus evaluatie (date and neutral procesbegeleider) "
                    "before closing the dossier."
                )
            return _(
                "Nazorg is decided and the evaluation is planned: the dossier can be "
                "closed."
            )
        return False

    def _move_to_first_stage(self, hoofdstap_code=None, closing_type=None):
        domain = [("closing_type", "=", closing_type or False)]
        if hoofdstap_code:
            domain.append(("hoofdstap_code", "=", hoofdstap_code))
        stage = self.env["keten.stage"].search(domain, limit=1)
        if stage:
            self.write({"stage_id": stage.id})
        return stage
