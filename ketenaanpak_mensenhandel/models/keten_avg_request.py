"""Requests of data subjects (AVG art. 15-18), answered by the privacy officer.

Inzage and rectificatie are handled by the privacy officer (functionaris
gegevensbescherming). Erasure and restriction follow four eyes: one
Beheerder asks for the execution, *another* Beheerder approves it. Erasure is
refused, with the reasons, while there is a reason to keep the data (see
:meth:`KetenAvgRequest._keep_reasons` and docs/privacy.md).
"""

from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.person_data import normalise_bsn, normalise_name

REQUEST_TYPES = [
    ("inzage", "Inzage (access, art. 15)"),
    ("rectificatie", "Rectificatie (correction, art. 16)"),
    ("wissen", "Erasure (art. 17)"),
    ("beperking", "Restriction (art. 18)"),
]

REQUEST_STATES = [
    ("received", "Received"),
    ("submitted", "Awaiting approval"),
    ("done", "Handled"),
    ("refused", "Refused"),
    ("lifted", "Restriction lifted"),
]

CHANNELS = [
    ("brief", "Letter"),
    ("email", "E-mail"),
    ("balie", "In person"),
    ("telefoon", "Phone"),
    ("via_partner", "Through a partner"),
    ("overig", "Other"),
]

REQUESTERS = [
    ("self", "The person themselves"),
    ("parent", "Parent or guardian (person under 16)"),
    ("representative", "Legal representative"),
    ("authorised", "Lawyer or other authorised person"),
]

ERASURE_GROUNDS = [
    ("not_necessary", "No longer necessary (art. 17(1)(a))"),
    ("consent_withdrawn", "Consent withdrawn (art. 17(1)(b))"),
    ("objection", "Objection upheld (art. 17(1)(c))"),
    ("unlawful", "Processed unlawfully (art. 17(1)(d))"),
    ("legal_obligation", "Legal obligation to erase (art. 17(1)(e))"),
]

RESTRICTION_GROUNDS = [
    ("accuracy", "Accuracy contested (art. 18(1)(a))"),
    ("unlawful", "Unlawful, restriction instead of erasure (art. 18(1)(b))"),
    ("legal_claims", "Needed by the person for legal claims (art. 18(1)(c))"),
    ("objection", "Objection pending (art. 18(1)(d))"),
]

# What an anonymisation of the person removes from their requests.
ANONYMISED_REQUEST_FIELDS = (
    "subject_name",
    "subject_birth_date",
    "subject_bsn",
    "requester_name",
    "identity_note",
    "request_note",
    "response_note",
    "extension_reason",
    "refusal_reason",
    "lift_reason",
    "keep_reasons_at_refusal",
)

GROUP = "ketenaanpak_mensenhandel.group_"


class KetenAvgRequest(models.Model):
    _name = "keten.avg.request"
    _description = "AVG request of a data subject"
    _inherit = ["keten.mail.privacy.mixin", "keten.validation.mixin"]
    _order = "date_received desc, id desc"
    _keten_mail_reference_field = "name"
    _state_transitions = {
        "received": ("submitted", "done", "refused"),
        "submitted": ("received", "done", "refused"),
        "done": ("lifted",),
    }

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    request_type = fields.Selection(
        REQUEST_TYPES, string="Request", required=True, default="inzage", tracking=True
    )
    state = fields.Selection(
        REQUEST_STATES,
        default="received",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    date_received = fields.Date(
        string="Received on",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    channel = fields.Selection(CHANNELS, required=True, default="brief")
    requester_type = fields.Selection(
        REQUESTERS, string="Asked by", required=True, default="self"
    )
    requester_name = fields.Char(
        string="Name of the requester",
        help="When somebody else asks on the person's behalf; check the authorisation.",
    )
    # How the requester identified the person; used to find them, never shown
    # elsewhere, and erased with the person.
    subject_name = fields.Char(string="Name given")
    subject_birth_date = fields.Date(string="Birth date given")
    subject_bsn = fields.Char(string="BSN given")
    person_id = fields.Many2one(
        "keten.person",
        readonly=True,
        index=True,
        ondelete="restrict",
        help="The person the request is about, found with 'Find person'.",
    )
    person_ref = fields.Char(compute="_compute_person_ref", string="Person ref")
    person_found = fields.Selection(
        [("found", "Found"), ("none", "No data about this person")],
        string="Search result",
        readonly=True,
        copy=False,
    )
    identity_verified = fields.Boolean(readonly=True, copy=False, tracking=True)
    identity_note = fields.Char(
        string="Identity checked with",
        help="How the identity (and any authorisation) was checked, e.g. 'ID card "
        "shown at the desk'. Do not copy document numbers.",
    )
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_verified = fields.Datetime(readonly=True, copy=False)
    request_note = fields.Text(
        string="What is asked",
        help="For a rectificatie: which data is wrong and what it should be.",
    )
    erasure_ground = fields.Selection(ERASURE_GROUNDS, tracking=True)
    restriction_ground = fields.Selection(RESTRICTION_GROUNDS, tracking=True)
    date_deadline = fields.Date(
        string="Answer by",
        compute="_compute_date_deadline",
        store=True,
        help="One month after receipt (AVG art. 12(3)); two more months when "
        "extended, which must be told to the person within the first month.",
    )
    extended = fields.Boolean(string="Extended by two months", tracking=True)
    extension_reason = fields.Text()
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_overdue")
    keep_reasons = fields.Text(
        string="Reasons to keep",
        compute="_compute_keep_reasons",
        help="Why the data may not be erased now. While there is one, an erasure "
        "is refused.",
    )
    keep_reasons_at_refusal = fields.Text(
        string="Reasons to keep when refused", readonly=True, copy=False
    )
    response_note = fields.Text(
        string="Answer to the person",
        help="The letter to the person; printed on the inzage report.",
    )
    requested_by_id = fields.Many2one(
        "res.users", string="Execution asked by", readonly=True, copy=False
    )
    date_requested = fields.Datetime(
        string="Approval asked on", readonly=True, copy=False
    )
    approved_by_id = fields.Many2one(
        "res.users", string="Approved by", readonly=True, copy=False
    )
    date_approved = fields.Datetime(readonly=True, copy=False)
    refused_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    refusal_reason = fields.Text(
        help="Why the request is refused. What is told to the person goes in "
        "'Answer to the person': never mention a criminal investigation to a "
        "suspect."
    )
    done_by_id = fields.Many2one("res.users", string="Handled by", readonly=True)
    date_done = fields.Datetime(string="Handled on", readonly=True, copy=False)
    result = fields.Html(readonly=True, copy=False)
    report_date = fields.Datetime(string="Inzage report printed", readonly=True)
    report_user_id = fields.Many2one(
        "res.users", string="Printed by", readonly=True, copy=False
    )
    lifted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_lifted = fields.Datetime(readonly=True, copy=False)
    lift_reason = fields.Text(string="Why the restriction is lifted")
    rectification_ids = fields.One2many(
        "keten.rectification", "request_id", string="Changes made"
    )
    is_anonymised = fields.Boolean(
        readonly=True,
        copy=False,
        help="Who asked and about whom was removed (with the person, or after the "
        "bewaartermijn).",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("person_id")
    def _compute_person_ref(self):
        for request in self:
            request.person_ref = (
                f"P-{request.person_id.id}" if request.person_id else False
            )

    @api.depends("date_received", "extended")
    def _compute_date_deadline(self):
        for request in self:
            if not request.date_received:
                request.date_deadline = False
                continue
            months = 3 if request.extended else 1
            request.date_deadline = request.date_received + relativedelta(months=months)

    @api.depends("date_deadline", "state")
    @api.depends_context("date")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for request in self:
            request.is_overdue = bool(
                request.state in ("received", "submitted")
                and request.date_deadline
                and request.date_deadline < today
            )

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue requests."))
        domain = [
            ("state", "in", ("received", "submitted")),
            ("date_deadline", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.depends("person_id", "request_type", "erasure_ground", "state")
    def _compute_keep_reasons(self):
        for request in self:
            reasons = []
            if request.request_type == "wissen" and request.person_id:
                reasons = request._keep_reasons()
            request.keep_reasons = "\n".join(reasons) or False

    # ------------------------------------------------------------------
    # Constraints and CRUD
    # ------------------------------------------------------------------
    @api.constrains("date_received")
    def _check_date_received(self):
        today = fields.Date.context_today(self)
        for request in self:
            if request.date_received and request.date_received > today:
                raise ValidationError(
                    self.env._("A request cannot be received in the future.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("keten.avg.request") or "/"
                )
            if vals.get("subject_bsn"):
                vals["subject_bsn"] = normalise_bsn(vals["subject_bsn"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("subject_bsn"):
            vals["subject_bsn"] = normalise_bsn(vals["subject_bsn"])
        # a merge of duplicate persons (superuser) moves the request along
        merging = self.env.su and set(vals) <= {"person_id"}
        if not self._is_anonymising() and not merging:
            locked = self.filtered(lambda r: r.state in ("done", "refused", "lifted"))
            editable = {"response_note", "lift_reason"}
            if locked and set(vals) - editable - {"state"} - set(self._system_fields()):
                raise UserError(
                    self.env._(
                        "Request %(ref)s is closed: only the answer to the person can "
                        "still be changed.",
                        ref=locked[0].name,
                    )
                )
        return super().write(vals)

    @api.model
    def _system_fields(self):
        return (
            "requested_by_id",
            "date_requested",
            "approved_by_id",
            "date_approved",
            "refused_by_id",
            "done_by_id",
            "date_done",
            "result",
            "report_date",
            "report_user_id",
            "lifted_by_id",
            "date_lifted",
            "keep_reasons_at_refusal",
            "is_anonymised",
            "message_main_attachment_id",
        )

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _ensure_privacy_officer(self):
        if not self.env.user.has_group(GROUP + "privacy"):
            raise AccessError(
                self.env._("Requests of data subjects are for the privacy officer.")
            )

    def _ensure_beheerder(self):
        if not self.env.user.has_group(GROUP + "beheerder"):
            raise AccessError(
                self.env._(
                    "Erasure and restriction are asked for and approved by two "
                    "Beheerders."
                )
            )

    def _ensure_open(self):
        for request in self:
            if request.state not in ("received", "submitted"):
                raise UserError(
                    self.env._("Request %(ref)s is already closed.", ref=request.name)
                )
            if not request.identity_verified:
                raise UserError(
                    self.env._(
                        "Check the identity of the requester first (and their "
                        "authorisation when they ask for somebody else): request "
                        "%(ref)s.",
                        ref=request.name,
                    )
                )

    def _ensure_person_found(self):
        for request in self:
            if not request.person_id:
                raise UserError(
                    self.env._(
                        "Request %(ref)s is about nobody known to the chain: find the "
                        "person first.",
                        ref=request.name,
                    )
                )

    def _keep_reasons(self):
        """Why the person may not be erased now (empty: erasure may go ahead).

        Decided (docs/privacy.md):

        * a role in an open dossier, or a melding about, by or naming them that
          is still being handled: the chain needs the data for its task while
          the case runs (AVG art. 17(3)(b)); restriction is possible instead;
        * a criminal investigation in any of their dossiers that is not closed
          (a strafrechtelijk traject, a strafrechtelijke interventie planned or
          running): the Openbaar Ministerie decides (art. 17(3)(b) and (e));
        * a closed dossier or handled melding still within the bewaartermijn,
          when the ground is "no longer necessary": the convenant keeps it for
          that term. The other grounds (consent withdrawn, objection upheld,
          unlawful processing, legal obligation) do not wait for the term.
        """
        self.ensure_one()
        _ = self.env._
        person = self.person_id.sudo().with_context(active_test=False)
        if person.is_anonymised:
            return []
        reasons = []
        dossiers = person.dossier_link_ids.dossier_id.filtered(
            lambda d: not d.is_anonymised
        )
        meldingen = (
            person.melding_ids | person.melder_melding_ids | person.suspect_melding_ids
        ).filtered(lambda m: not m.is_anonymised)
        dossiers |= meldingen.dossier_id
        open_dossiers = dossiers.filtered(lambda d: not d.is_closed)
        if open_dossiers:
            reasons.append(
                _(
                    "%(ref)s has a role in open dossier(s) %(dossiers)s: the chain "
                    "needs the data for its task while the case runs (AVG art. "
                    "17(3)(b)). A restriction (art. 18) is possible instead.",
                    ref=self.person_ref,
                    dossiers=", ".join(open_dossiers.mapped("name")),
                )
            )
        open_meldingen = meldingen.filtered(
            lambda m: not m.dossier_id and not m.handled_without_dossier
        )
        if open_meldingen:
            reasons.append(
                _(
                    "Melding(en) %(meldingen)s about or by %(ref)s are still being "
                    "handled.",
                    meldingen=", ".join(open_meldingen.mapped("name")),
                    ref=self.person_ref,
                )
            )
        tracks = dossiers.strafrecht_ids.filtered(lambda t: t.state != "afgesloten")
        justice = dossiers.interventie_ids.filtered(
            lambda i: i.is_justice and i.state in ("gepland", "lopend")
        )
        criminal = tracks.dossier_id | justice.dossier_id
        if criminal:
            contacts = ", ".join(
                name
                for name in criminal.mapped("criminal_contact_organisation_id.name")
                if name
            )
            reasons.append(
                _(
                    "A criminal investigation in dossier(s) %(dossiers)s is not "
                    "closed: the Openbaar Ministerie decides about that data (AVG "
                    "art. 17(3)(b) and (e)). Align with %(contact)s.",
                    dossiers=", ".join(criminal.mapped("name")),
                    contact=contacts or _("the OM"),
                )
            )
        if self.erasure_ground in (False, "not_necessary"):
            retention = self.env["keten.retention"]
            cutoff = retention._cutoff_date()
            years = retention._retention_years()
            kept = dossiers.filtered(
                lambda d: d.is_closed and d.date_closed and d.date_closed > cutoff
            )
            kept_meldingen = meldingen.filtered(
                lambda m: (
                    not m.dossier_id
                    and m.handled_without_dossier
                    and m.date_handled
                    and m.date_handled > cutoff
                )
            )
            for record, closed in [(d, d.date_closed) for d in kept] + [
                (m, m.date_handled) for m in kept_meldingen
            ]:
                reasons.append(
                    _(
                        "%(ref)s was closed on %(date)s and is kept until %(until)s "
                        "(bewaartermijn of %(years)s years): the data is still "
                        "necessary for the chain's task. Erasure on another ground "
                        "(consent withdrawn, objection upheld, unlawful processing, "
                        "legal obligation) does not wait for the term.",
                        ref=record.name,
                        date=closed.strftime("%d-%m-%Y"),
                        until=(closed + relativedelta(years=years)).strftime(
                            "%d-%m-%Y"
                        ),
                        years=years,
                    )
                )
        return reasons

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_find_person(self):
        """Find the person the requester identified, as superuser: the privacy
        officer does not browse persons. A BSN decides; otherwise the name and
        the birth date must both match exactly."""
        self.ensure_one()
        self._ensure_privacy_officer()
        if self.state not in ("received", "submitted"):
            raise UserError(self.env._("This request is closed."))
        Person = self.env["keten.person"].sudo().with_context(active_test=False)
        if self.subject_bsn:
            persons = Person.search([("bsn", "=", normalise_bsn(self.subject_bsn))])
        elif self.subject_name and self.subject_birth_date:
            persons = Person.search(
                [
                    ("normalized_name", "=", normalise_name(self.subject_name)),
                    ("birth_date", "=", self.subject_birth_date),
                ]
            )
        else:
            raise UserError(
                self.env._(
                    "Give the BSN, or the full name and the birth date, as the "
                    "requester stated them."
                )
            )
        persons = persons.filtered(lambda p: not p.is_anonymised)
        merged = persons.filtered(lambda p: not p.active and p.merged_into_id)
        persons = (persons - merged) | merged.merged_into_id
        if len(persons) > 1:
            raise UserError(
                self.env._(
                    "%(count)s persons match: ask the requester for the BSN.",
                    count=len(persons),
                )
            )
        self.write(
            {"person_id": persons.id, "person_found": "found" if persons else "none"}
        )
        return True

    def action_verify_identity(self):
        self._ensure_privacy_officer()
        for request in self:
            if not request.identity_note:
                raise UserError(
                    self.env._(
                        "Record in 'Identity checked with' how the identity was "
                        "checked."
                    )
                )
        self.write(
            {
                "identity_verified": True,
                "verified_by_id": self.env.uid,
                "date_verified": fields.Datetime.now(),
            }
        )
        return True

    def action_print_inzage(self):
        self.ensure_one()
        self._ensure_privacy_officer()
        if self.request_type != "inzage":
            raise UserError(self.env._("Only an inzage request has a report."))
        if not self.identity_verified:
            raise UserError(
                self.env._("Check the identity of the requester before printing.")
            )
        if not self.person_found:
            raise UserError(
                self.env._("Find the person first (or establish that nobody is found).")
            )
        return self.env.ref(
            "ketenaanpak_mensenhandel.keten_avg_request_report_inzage"
        ).report_action(self)

    def action_done(self):
        """Inzage handed over, rectificatie carried out."""
        self._ensure_privacy_officer()
        self._ensure_open()
        for request in self:
            if request.request_type not in ("inzage", "rectificatie"):
                raise UserError(
                    self.env._(
                        "Erasure and restriction are approved by a second Beheerder."
                    )
                )
            if request.request_type == "inzage" and not request.report_date:
                raise UserError(
                    self.env._("Print the inzage report before handing it over.")
                )
        self.write(
            {
                "state": "done",
                "done_by_id": self.env.uid,
                "date_done": fields.Datetime.now(),
            }
        )
        return True

    def action_submit(self):
        """A Beheerder asks for the erasure or restriction to be carried out."""
        self._ensure_beheerder()
        self._ensure_open()
        self._ensure_person_found()
        for request in self:
            if request.request_type not in ("wissen", "beperking"):
                raise UserError(
                    self.env._("Only erasure and restriction need a second Beheerder.")
                )
            if request.state != "received":
                raise UserError(
                    self.env._(
                        "Request %(ref)s already awaits approval.", ref=request.name
                    )
                )
            request._ensure_ground()
            request._refuse_if_kept()
        self.write(
            {
                "state": "submitted",
                "requested_by_id": self.env.uid,
                "date_requested": fields.Datetime.now(),
            }
        )
        return True

    def action_reset(self):
        """Back to received (e.g. the approver sends it back)."""
        self._ensure_beheerder()
        self.filtered(lambda r: r.state == "submitted").write(
            {"state": "received", "requested_by_id": False, "date_requested": False}
        )
        return True

    def action_approve(self):
        """Four eyes: another Beheerder than the one who asked approves, and the
        erasure or restriction is carried out."""
        self._ensure_beheerder()
        self._ensure_open()
        for request in self:
            if request.state != "submitted":
                raise UserError(
                    self.env._(
                        "A Beheerder first asks for the execution of request %(ref)s.",
                        ref=request.name,
                    )
                )
            if request.requested_by_id == self.env.user:
                raise UserError(
                    self.env._(
                        "Four eyes: request %(ref)s was put forward by you; another "
                        "Beheerder approves it.",
                        ref=request.name,
                    )
                )
            request._refuse_if_kept()
            request._execute_request()
        return True

    def action_refuse(self):
        """Refuse with the explanation (the reasons to keep when there are)."""
        self._ensure_privacy_officer()
        for request in self:
            if request.state not in ("received", "submitted"):
                raise UserError(
                    self.env._("Request %(ref)s is already closed.", ref=request.name)
                )
            reason = (request.refusal_reason or "").strip() or request.keep_reasons
            if not reason:
                raise UserError(
                    self.env._(
                        "Give the reason for refusing request %(ref)s.",
                        ref=request.name,
                    )
                )
            request.write(
                {
                    "state": "refused",
                    "refusal_reason": reason,
                    "keep_reasons_at_refusal": request.keep_reasons,
                    "refused_by_id": self.env.uid,
                    "date_done": fields.Datetime.now(),
                }
            )
        return True

    def action_lift(self):
        """Lift a restriction (a Beheerder, with the reason)."""
        self._ensure_beheerder()
        for request in self:
            if (
                request.state != "done"
                or request.person_id.sudo().restriction_request_id != request
            ):
                raise UserError(
                    self.env._("Only a restriction in force can be lifted.")
                )
            if not (request.lift_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Give the reason for lifting the restriction; tell the "
                        "person before it is lifted (AVG art. 18(3))."
                    )
                )
            request.person_id.sudo().with_context(keten_restriction=True).write(
                {"is_restricted": False, "restriction_request_id": False}
            )
            request.write(
                {
                    "state": "lifted",
                    "lifted_by_id": self.env.uid,
                    "date_lifted": fields.Datetime.now(),
                }
            )
            request.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Restriction lifted by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=request.lift_reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_open_access_log(self):
        """Who viewed this person, their dossiers and meldingen."""
        self.ensure_one()
        self._ensure_person_found()
        self.env["keten.access.log"].check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ketenaanpak_mensenhandel.keten_access_log_action"
        )
        action.update(
            domain=[("concerned_person_id", "=", self.person_id.id)],
            context={},
            name=self.env._("Access to %(ref)s", ref=self.person_ref),
        )
        return action

    # ------------------------------------------------------------------
    # Execution
    # ------------------------------------------------------------------
    def _ensure_ground(self):
        self.ensure_one()
        if self.request_type == "wissen" and not self.erasure_ground:
            raise UserError(self.env._("Choose the ground of the erasure request."))
        if self.request_type == "beperking" and not self.restriction_ground:
            raise UserError(self.env._("Choose the ground of the restriction request."))

    def _refuse_if_kept(self):
        self.ensure_one()
        if self.request_type != "wissen":
            return
        reasons = self._keep_reasons()
        if reasons:
            raise UserError(
                self.env._(
                    "%(ref)s cannot be erased now:\n%(reasons)s\n\nRefuse the "
                    "request with this explanation, or wait until the reasons are "
                    "gone.",
                    ref=self.person_ref,
                    reasons="\n".join(f"- {reason}" for reason in reasons),
                )
            )

    def _execute_request(self):
        self.ensure_one()
        person = self.person_id.sudo()
        _ = self.env._
        if self.request_type == "wissen":
            reason = _("AVG erasure request %(ref)s", ref=self.name)
            summary = self.env["keten.retention"]._erase_person(person, reason)
            items = [
                (_("Persons anonymised"), summary["persons"]),
                (
                    _("Texts in their case records cleared of their name"),
                    summary["scrubbed"],
                ),
                (_("Messages removed"), summary["messages"]),
                (_("Files removed"), summary["attachments"]),
                (_("Documents about them removed"), summary["documents"]),
                (
                    _(
                        "Documents on their dossiers about nobody in particular "
                        "(review them by hand)"
                    ),
                    summary["documents_to_review"],
                ),
                (_("Who-viewed entries removed"), summary["access_log"]),
                (_("Recorded changes removed"), summary["rectifications"]),
            ]
            result = Markup("<ul>%s</ul>") % Markup("").join(
                Markup("<li>%s: %s</li>") % (escape(label), count)
                for label, count in items
            )
        else:
            person.with_context(keten_restriction=True).write(
                {"is_restricted": True, "restriction_request_id": self.id}
            )
            result = Markup("<p>%s</p>") % _(
                "%(ref)s is restricted: no change and no new link until the "
                "restriction is lifted.",
                ref=self.person_ref,
            )
        self._close_approved(result)

    def _close_approved(self, result, **values):
        """The request was approved (four eyes) and carried out by this user."""
        now = fields.Datetime.now()
        self.write(
            {
                "state": "done",
                "approved_by_id": self.env.uid,
                "date_approved": now,
                "done_by_id": self.env.uid,
                "date_done": now,
                "result": result,
                **values,
            }
        )
