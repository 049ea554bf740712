"""AVG art. 21, objection: recorded with the weighing, its decision and reason.

The chain processes on its public task (the convenant, statutory tasks), so a
person may object (art. 21(1)) to all processing of their data by the chain, or
to the sharing with one organisation. The privacy officer weighs it:

* rejected: the processing continues on a recorded ground (compelling
  legitimate grounds that override the person's interests, or legal claims);
  the request is handled;
* upheld: the processing on that basis stops, with four eyes like a
  restriction (a Beheerder asks, another approves): an objection to all
  processing restricts the person (AVG art. 18(1)(d) and 21(1): no change, no
  new link; erasure may follow on the ground "objection upheld"); an objection
  to sharing with an organisation stops that organisation from being
  involved in the person's dossiers from then on (refused, no override).
"""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

OBJECTION_SCOPES = [
    ("all", "All processing of their data by the chain"),
    ("sharing", "Sharing their data with one organisation"),
]

OBJECTION_DECISIONS = [
    ("upheld", "Upheld: the processing stops"),
    ("rejected", "Rejected: the processing continues"),
]

OBJECTION_GROUNDS = [
    (
        "compelling",
        "Compelling legitimate grounds that override the person's interests "
        "(art. 21(1))",
    ),
    ("legal_claims", "Needed for legal claims (art. 21(1))"),
]

# What an anonymisation of the person removes from their requests.
OBJECTION_ANONYMISED_FIELDS = ("objection_reason",)


class KetenAvgRequest(models.Model):
    _inherit = "keten.avg.request"  # pylint: disable=consider-merging-classes-inherited

    request_type = fields.Selection(
        selection_add=[("bezwaar", "Objection (art. 21)")],
        ondelete={"bezwaar": "cascade"},
    )
    objection_scope = fields.Selection(
        OBJECTION_SCOPES, string="Objection against", tracking=True
    )
    objection_organisation_id = fields.Many2one(
        "keten.organisation",
        string="Organisation objected to",
        tracking=True,
        help="The organisation the person does not want their data shared with.",
    )
    objection_decision = fields.Selection(
        OBJECTION_DECISIONS, string="Decision", tracking=True, copy=False
    )
    objection_ground = fields.Selection(
        OBJECTION_GROUNDS,
        string="Ground to continue",
        tracking=True,
        copy=False,
        help="Why the processing continues although the person objects.",
    )
    objection_reason = fields.Text(
        string="Weighing",
        copy=False,
        help="The weighing of the person's particular situation against the "
        "grounds of the chain, and the reason of the decision.",
    )
    objection_decided_by_id = fields.Many2one(
        "res.users", string="Decided by", readonly=True, copy=False
    )
    date_objection_decided = fields.Datetime(
        string="Decided on", readonly=True, copy=False
    )

    def _system_fields(self):
        return super()._system_fields() + (
            "objection_decided_by_id",
            "date_objection_decided",
        )

    # ------------------------------------------------------------------
    # The decision
    # ------------------------------------------------------------------
    def action_decide_objection(self):
        """The privacy officer records the weighing and the decision."""
        _ = self.env._
        self._ensure_privacy_officer()
        self._ensure_open()
        self._ensure_person_found()
        for request in self:
            if request.request_type != "bezwaar" or request.state != "received":
                raise UserError(_("Only an objection that was received is decided."))
            if not request.objection_scope or (
                request.objection_scope == "sharing"
                and not request.objection_organisation_id
            ):
                raise UserError(
                    _("Record what the objection is against (and which organisation).")
                )
            if (
                not request.objection_decision
                or not (request.objection_reason or "").strip()
            ):
                raise UserError(
                    _("Record the decision and the weighing that leads to it.")
                )
            if request.objection_decision == "rejected" and not (
                request.objection_ground
            ):
                raise UserError(
                    _("Record the ground on which the processing continues.")
                )
            now = fields.Datetime.now()
            vals = {
                "objection_decided_by_id": self.env.uid,
                "date_objection_decided": now,
            }
            if request.objection_decision == "rejected":
                ground = dict(
                    request._fields["objection_ground"]._description_selection(self.env)
                )[request.objection_ground]
                vals.update(
                    state="done",
                    done_by_id=self.env.uid,
                    date_done=now,
                    result=Markup("<p>%s</p>")
                    % _(
                        "Objection rejected: the processing continues. Ground: "
                        "%(ground)s",
                        ground=ground,
                    ),
                )
            request.write(vals)
        return True

    def action_submit(self):
        objections = self.filtered(lambda r: r.request_type == "bezwaar")
        if objections:
            self._ensure_beheerder()
            objections._ensure_open()
            objections._ensure_person_found()
            for request in objections:
                if request.state != "received" or not request.objection_decided_by_id:
                    raise UserError(
                        self.env._(
                            "The privacy officer first decides objection %(ref)s.",
                            ref=request.name,
                        )
                    )
                if request.objection_decision != "upheld":
                    raise UserError(
                        self.env._(
                            "Only an upheld objection is carried out with four eyes."
                        )
                    )
            objections.write(
                {
                    "state": "submitted",
                    "requested_by_id": self.env.uid,
                    "date_requested": fields.Datetime.now(),
                }
            )
        rest = self - objections
        return super(KetenAvgRequest, rest).action_submit() if rest else True

    def _execute_request(self):
        if self.request_type != "bezwaar":
            return super()._execute_request()
        self.ensure_one()
        _ = self.env._
        person = self.person_id.sudo()
        if self.objection_scope == "all":
            if not person.is_restricted:
                person.with_context(keten_restriction=True).write(
                    {"is_restricted": True, "restriction_request_id": self.id}
                )
            result = Markup("<p>%s</p>") % _(
                "%(ref)s is restricted: the chain stops processing their data (no "
                "change and no new link). An erasure on the ground 'objection "
                "upheld' may follow.",
                ref=self.person_ref,
            )
        else:
            organisation = self.objection_organisation_id
            involved = self._dossiers_of_persons(person).filtered(
                lambda d: organisation in d.involved_organisation_ids
            )
            result = Markup("<p>%s</p>") % _(
                "%(organisation)s is no longer involved in dossiers of %(ref)s from "
                "now on: involving it is refused.",
                organisation=organisation.name,
                ref=self.person_ref,
            )
            if involved:
                result += Markup("<p>%s</p>") % _(
                    "Involved already in %(dossiers)s: ask the regie to end that "
                    "involvement and to tell the organisation.",
                    dossiers=", ".join(involved.mapped("name")),
                )
        self._close_approved(result)

    @api.model
    def _dossiers_of_persons(self, persons):
        return persons.sudo().dossier_link_ids.dossier_id

    # ------------------------------------------------------------------
    # The effect of an upheld objection to sharing
    # ------------------------------------------------------------------
    @api.model
    def _upheld_sharing_objections(self, organisations, dossiers):
        """{(organisation, dossier): request} for an upheld objection of a person
        of the dossier to sharing with the organisation."""
        if not organisations or not dossiers:
            return {}
        dossiers = dossiers.sudo()
        persons = dossiers.person_link_ids.person_id
        requests = self.sudo().search(
            [
                ("request_type", "=", "bezwaar"),
                ("objection_scope", "=", "sharing"),
                ("objection_decision", "=", "upheld"),
                ("state", "=", "done"),
                ("objection_organisation_id", "in", organisations.ids),
                ("person_id", "in", persons.ids),
            ]
        )
        blocks = {}
        for request in requests:
            for dossier in dossiers:
                if request.person_id in dossier.person_link_ids.person_id:
                    blocks[(request.objection_organisation_id, dossier)] = request
        return blocks

    @api.model
    def _ensure_no_upheld_objection(self, organisations, dossiers):
        """Refuse to involve an organisation a person of the dossier objected to."""
        blocks = self._upheld_sharing_objections(organisations, dossiers)
        if blocks:
            raise UserError(
                self.env._(
                    "A person of the dossier objected to sharing their data with "
                    "this organisation, and the objection was upheld (AVG art. "
                    "21):\n%(lines)s\nThe organisation cannot be involved.",
                    lines="\n".join(
                        f"- {organisation.name} ({dossier.name}): {request.name}"
                        for (organisation, dossier), request in blocks.items()
                    ),
                )
            )
