from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .keten_dossier import KWALIFICATIES, QUADRANTS, URGENCIES

YES_NO_UNKNOWN = [
    ("ja", "Yes"),
    ("nee", "No"),
    ("onbekend", "Unknown"),
]


class KetenWeging(models.Model):
    """1e weging en kwalificatie, or the 2e weging in the casusoverleg."""

    _name = "keten.weging"
    _description = "Weging"
    _inherit = [
        "keten.mail.privacy.mixin",
        "keten.guidance.mixin",
        "keten.validation.mixin",
    ]
    _guidance_depends = ("weging_type",)
    _order = "date desc, id desc"
    _state_transitions = {"concept": ("vastgesteld",)}

    name = fields.Char(compute="_compute_name", store=True)
    weging_type = fields.Selection(
        [("eerste", "1e weging and kwalificatie"), ("tweede", "2e weging")],
        string="Type",
        required=True,
        default="eerste",
        help="1e weging en kwalificatie: made when the melding comes in. 2e weging: "
        "made in the casusoverleg after the dossier has been enriched and analysed.",
    )
    dossier_id = fields.Many2one(
        "keten.dossier", required=True, ondelete="cascade", index=True
    )
    melding_id = fields.Many2one(
        "keten.melding",
        domain="[('dossier_id', '=', dossier_id)]",
        help="The melding this weging is about.",
    )
    date = fields.Datetime(
        required=True, default=fields.Datetime.now, help="When the weging was made."
    )
    user_id = fields.Many2one(
        "res.users", string="Done by", default=lambda self: self.env.user
    )
    organisation_id = fields.Many2one(
        "keten.organisation",
        default=lambda self: self.env.user.keten_organisation_ids[:1],
    )
    overleg_id = fields.Many2one(
        "keten.casusoverleg",
        string="In casusoverleg",
        help="The casusoverleg in which the 2e weging was made.",
    )
    state = fields.Selection(
        [("concept", "Draft"), ("vastgesteld", "Confirmed")],
        default="concept",
        required=True,
        tracking=True,
        help="A confirmed (vastgesteld) weging is not changed afterwards; record a "
        "new weging instead.",
    )
    # 1e weging
    actueel = fields.Selection(
        YES_NO_UNKNOWN,
        help="Is the situation current: is the victim still in the situation?",
    )
    acuut_volgens_melder = fields.Selection(
        YES_NO_UNKNOWN,
        string="Acuut volgens melder",
        help="Is it acute according to the melder?",
    )
    veiligheid = fields.Selection(
        [("veilig", "Safe"), ("onveilig", "Unsafe"), ("onbekend", "Unknown")],
        help="Is the victim safe (veilig) or not (onveilig)? When onveilig, weigh the "
        "doorlaatverbod.",
    )
    doorlaatverbod = fields.Boolean(
        help="Intervene at once and take the victim out of the situation, even if it "
        "costs the criminal case. Needs great certainty, based on at least two "
        "bewijsmiddelen (digital evidence, witness statement, ...).",
    )
    bewijsmiddel_ids = fields.One2many(
        "keten.bewijsmiddel",
        "weging_id",
        string="Bewijsmiddelen",
        help="The evidence behind the weging; a doorlaatverbod needs at least two.",
    )
    kwalificatie = fields.Selection(
        KWALIFICATIES,
        tracking=True,
        help="Wel mensenhandel: on to the casustafel of the ketenregieteam. Geen: "
        "scale down or hand over, and record that.",
    )
    afschaling_type = fields.Selection(
        [
            ("afschalen", "Scale down (afschalen)"),
            ("overdracht", "Handover to a partner"),
        ],
        string="Afschaling",
        help="For geen mensenhandel: scaled down, or handed over to the right partner.",
    )
    overdracht_organisation_id = fields.Many2one(
        "keten.organisation",
        string="Handed over to",
        help="The partner that takes the case over.",
    )
    afschaling_note = fields.Text(
        string="Afschaling / overdracht note",
        help="Why the dossier is scaled down or handed over, and what was agreed with "
        "the partner.",
    )
    # 2e weging
    zorg = fields.Selection(
        [("wel", "Care needed"), ("geen", "No care needed")],
        help="Is care needed? With the kwalificatie this gives the four quadrants.",
    )
    quadrant = fields.Selection(
        QUADRANTS,
        compute="_compute_quadrant",
        store=True,
        help="Outcome of the 2e weging in four quadrants: wel or geen mensenhandel, "
        "wel or geen zorg.",
    )
    melder_gehoord = fields.Boolean(
        string="Melder heard",
        help="The melder was heard and that information was brought into the analysis.",
    )
    history_note = fields.Text(
        string="History", help="History of the business/offender, earlier meldingen."
    )
    factor_lvb = fields.Boolean(
        string="LVB / cognitive level",
        help="Factor of victimhood: a licht verstandelijke beperking (LVB) or low "
        "cognitive level.",
    )
    factor_psychisch = fields.Boolean(
        string="Mental health", help="Factor of victimhood: a mental disorder."
    )
    factor_verslaving = fields.Boolean(
        string="Addiction", help="Factor of victimhood: addiction."
    )
    factor_systeem = fields.Boolean(
        string="System / family",
        help="Factor of victimhood: the system (family, partner, network) makes the "
        "person vulnerable.",
    )
    factor_sociaal_economisch = fields.Boolean(
        string="Socio-economic",
        help="Factor of victimhood: the socio-economic position (debts, housing, "
        "work, residence status).",
    )
    factor_other = fields.Char(
        string="Other factors",
        help="Other characteristics of the persons involved, the system or the "
        "environment that make the person vulnerable.",
    )
    analysis = fields.Text(
        string="Analysis and duiding",
        help="Concrete analysis and duiding: causes and consequences of the "
        "verschijningsvorm and the characteristics of the persons involved.",
    )
    bedenktijd_b8 = fields.Boolean(
        string="Bedenktijd / B8",
        help="Start the bedenktijd of the B8 residence scheme for victims.",
    )
    extra_expertise_organisation_ids = fields.Many2many(
        "keten.organisation",
        "keten_weging_expertise_rel",
        "weging_id",
        "organisation_id",
        string="Extra expertise needed",
        help="Which extra expertise or organisations must be involved in the case.",
    )
    urgency = fields.Selection(
        URGENCIES,
        string="Urgency decision",
        help="Decision on urgency or priority. Confirming the weging sets it on the "
        "dossier.",
    )
    traject_zorg = fields.Boolean(
        string="Alleen zorg", help="Only a care track: to the zorgcoördinator."
    )
    traject_zorg_strafrecht = fields.Boolean(
        string="Zorg en strafrecht",
        help="Care and criminal track: process direction at the Zorg- en Veiligheidshuis.",
    )
    traject_ondermijning = fields.Boolean(
        string="Ondermijning (RIEC)",
        help="Organised crime: to the RIEC informatieplein.",
    )

    @api.depends("weging_type", "dossier_id.name")
    def _compute_name(self):
        labels = dict(self._fields["weging_type"]._description_selection(self.env))
        for weging in self:
            weging.name = (
                f"{labels.get(weging.weging_type, '')} {weging.dossier_id.name or ''}"
            )

    @api.depends("weging_type", "kwalificatie", "zorg")
    def _compute_quadrant(self):
        for weging in self:
            if weging.weging_type == "tweede" and weging.kwalificatie and weging.zorg:
                mh = "mh" if weging.kwalificatie == "wel" else "geen_mh"
                zorg = "zorg" if weging.zorg == "wel" else "geen_zorg"
                weging.quadrant = f"{mh}_{zorg}"
            else:
                weging.quadrant = False

    def _guidance_stage(self):
        xmlid = (
            "ketenaanpak_mensenhandel.stage_tweede_weging"
            if self.weging_type == "tweede"
            else "ketenaanpak_mensenhandel.stage_eerste_weging"
        )
        return self.env.ref(xmlid, raise_if_not_found=False) or self.env["keten.stage"]

    @api.constrains("doorlaatverbod", "bewijsmiddel_ids", "kwalificatie", "actueel")
    def _check_doorlaatverbod(self):
        for weging in self.filtered("doorlaatverbod"):
            if len(weging.bewijsmiddel_ids) < 2:
                raise ValidationError(
                    self.env._(
                        "A doorlaatverbod needs at least two recorded bewijsmiddelen "
                        "(e.g. digital evidence, a witness statement)."
                    )
                )
            if weging.kwalificatie == "geen":
                raise ValidationError(
                    self.env._(
                        "A doorlaatverbod needs great certainty that this is "
                        "mensenhandel: it does not go with geen mensenhandel."
                    )
                )
            if weging.actueel == "nee":
                raise ValidationError(
                    self.env._(
                        "A doorlaatverbod takes the victim out of the situation: it "
                        "does not go with a situation that is no longer actueel."
                    )
                )

    @api.constrains("bedenktijd_b8", "kwalificatie")
    def _check_b8(self):
        for weging in self:
            if weging.bedenktijd_b8 and weging.kwalificatie == "geen":
                raise ValidationError(
                    self.env._(
                        "The bedenktijd of the B8 scheme is for possible victims of "
                        "mensenhandel: it does not go with geen mensenhandel."
                    )
                )

    @api.constrains("traject_zorg", "traject_zorg_strafrecht")
    def _check_trajecten(self):
        for weging in self:
            if weging.traject_zorg and weging.traject_zorg_strafrecht:
                raise ValidationError(
                    self.env._(
                        "Choose either 'alleen zorg' or 'zorg en strafrecht', not both."
                    )
                )

    @api.constrains("afschaling_type", "overdracht_organisation_id", "kwalificatie")
    def _check_afschaling(self):
        for weging in self:
            if weging.afschaling_type and weging.kwalificatie == "wel":
                raise ValidationError(
                    self.env._(
                        "Only a weging with geen mensenhandel leads to afschaling."
                    )
                )
            if (
                weging.afschaling_type == "overdracht"
                and not weging.overdracht_organisation_id
            ):
                raise ValidationError(
                    self.env._("Record to which partner the dossier is handed over.")
                )
            if (
                weging.overdracht_organisation_id
                and weging.afschaling_type != "overdracht"
            ):
                raise ValidationError(
                    self.env._(
                        "A partner to hand over to goes only with an overdracht, not "
                        "with afschalen."
                    )
                )

    @api.constrains("date", "dossier_id")
    def _check_date(self):
        now = fields.Datetime.now()
        for weging in self:
            if weging.date and weging.date > now:
                raise ValidationError(
                    self.env._("A weging cannot be dated in the future.")
                )
            opened = weging.dossier_id.sudo().date_opened
            if (
                weging.date
                and opened
                and fields.Datetime.context_timestamp(weging, weging.date).date()
                < opened
            ):
                raise ValidationError(
                    self.env._(
                        "A weging cannot be dated before its dossier was opened."
                    )
                )

    @api.constrains("dossier_id", "melding_id", "overleg_id")
    def _check_links(self):
        for weging in self:
            dossier = weging.dossier_id.sudo()
            if weging.melding_id and weging.melding_id.sudo().dossier_id != dossier:
                raise ValidationError(
                    self.env._(
                        "Melding %(ref)s does not belong to dossier %(dossier)s.",
                        ref=weging.melding_id.sudo().name,
                        dossier=dossier.name,
                    )
                )
            weging.overleg_id._ensure_on_agenda(dossier)

    @api.model_create_multi
    def create(self, vals_list):
        wegingen = super().create(vals_list)
        closed = wegingen.sudo().dossier_id.filtered("is_closed")
        if closed:
            raise UserError(
                self.env._(
                    "Dossier %(ref)s is closed: a new weging belongs in a new dossier "
                    "(register a melding).",
                    ref=", ".join(closed.mapped("name")),
                )
            )
        self.env["keten.deadline"]._sync_for_records(
            wegingen.filtered(lambda w: w.state == "vastgesteld")
        )
        return wegingen

    def write(self, vals):
        locked = self.filtered(lambda w: w.state == "vastgesteld")
        if (
            locked
            and set(vals) - {"state", "message_main_attachment_id"}
            and not self._is_anonymising()
        ):
            raise UserError(
                self.env._(
                    "A confirmed weging is not changed afterwards; record a new weging instead."
                )
            )
        result = super().write(vals)
        if {"state", "date", "melding_id"} & set(vals):
            self.env["keten.deadline"]._sync_for_records(self)
        return result

    def _deadline_subjects(self):
        """(termijn code, subjects) that a change of these wegingen bears on."""
        dossiers = self.dossier_id
        return [
            ("eerste_weging", dossiers.melding_ids),
            ("terugkoppeling", dossiers.melding_ids),
            ("plan", dossiers),
        ]

    def _ensure_complete(self):
        self.ensure_one()
        _ = self.env._
        if not self.kwalificatie:
            raise UserError(_("Give the kwalificatie: wel or geen mensenhandel."))
        if self.weging_type == "eerste":
            missing = [
                label
                for field, label in (
                    ("actueel", _("actueel")),
                    ("acuut_volgens_melder", _("acuut volgens melder")),
                    ("veiligheid", _("veiligheid")),
                )
                if not self[field]
            ]
            if missing:
                raise UserError(
                    _(
                        "The 1e weging is not complete: %(fields)s.",
                        fields=", ".join(missing),
                    )
                )
        else:
            if not self.zorg:
                raise UserError(_("Give the outcome on zorg: wel or geen zorg."))
            if self.kwalificatie == "wel" and not (
                self.traject_zorg
                or self.traject_zorg_strafrecht
                or self.traject_ondermijning
            ):
                raise UserError(
                    _(
                        "Take the trajectbesluit: alleen zorg, zorg en strafrecht, and/or "
                        "ondermijning."
                    )
                )
        if self.kwalificatie == "geen" and not self.afschaling_type:
            raise UserError(
                _(
                    "Geen mensenhandel: record whether the dossier is scaled down "
                    "(afschalen) or handed over (overdracht)."
                )
            )

    def action_confirm(self):
        """Vaststellen. 'Geen' closes the dossier (afgeschaald); 'wel' after a 1e weging
        moves it to the casustafel (Analyse)."""
        for weging in self:
            if weging.state == "vastgesteld":
                continue
            weging._ensure_complete()
            if (
                weging.weging_type == "tweede"
                and not weging.dossier_id.sudo()._latest_weging("eerste")
            ):
                raise UserError(
                    self.env._(
                        "Confirm the 1e weging of dossier %(ref)s before the 2e weging.",
                        ref=weging.dossier_id.sudo().name,
                    )
                )
            weging.state = "vastgesteld"
            dossier = weging.dossier_id
            if weging.urgency:
                dossier.urgency = weging.urgency
            if weging.kwalificatie == "geen":
                if not dossier.is_closed:
                    dossier.closing_reason = (
                        "overgedragen"
                        if weging.afschaling_type == "overdracht"
                        else "afgeschaald"
                    )
                    dossier._move_to_first_stage(closing_type="afgeschaald")
            elif (
                weging.weging_type == "eerste"
                and dossier.hoofdstap_code == "signalering"
            ):
                dossier._move_to_first_stage("analyse")
            dossier.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "%(weging)s vastgesteld: %(outcome)s.",
                    weging=weging.name,
                    outcome=dict(
                        self._fields["kwalificatie"]._description_selection(self.env)
                    ).get(weging.kwalificatie),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
