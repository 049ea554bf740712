from odoo import api, fields, models


class KetenDuplicateReviewMixin(models.AbstractModel):
    """Propose known persons for the persons linked to a melding or dossier.

    The persons entered on the record are compared with every other person
    (as superuser); the user sees the proposals they may see and, for the
    others, only the "possibly known" message.
    """

    _name = "keten.duplicate.review.mixin"
    _description = "Review of possible duplicate persons"

    duplicate_review_alert = fields.Html(
        compute="_compute_duplicate_review", sanitize=False, string="Possibly known"
    )
    duplicate_review_count = fields.Integer(
        compute="_compute_duplicate_review",
        help="Persons on this record for which the user can review proposals.",
    )

    def _review_person_fields(self):
        """Paths to the persons on this record, for the dependencies (to implement)."""
        return []

    def _review_persons(self):
        """The persons entered on this record (to implement)."""
        return self.env["keten.person"]

    @api.depends(
        lambda self: [
            f"{path}.{field}"
            for path in self._review_person_fields()
            for field in (
                "active",
                "first_name",
                "name_prefix",
                "last_name",
                "birth_date",
                "bsn",
            )
        ]
    )
    @api.depends_context("uid")
    def _compute_duplicate_review(self):
        Person = self.env["keten.person"]
        for record in self:
            proposals = record._review_proposals()
            hidden = any(item["hidden"] for item in proposals.values())
            visible = [p for item in proposals.values() for p in item["visible"]]
            record.duplicate_review_count = len(
                [pid for pid, item in proposals.items() if item["visible"]]
            )
            record.duplicate_review_alert = Person._render_duplicate_alert(
                {"visible": visible, "hidden": hidden}
            )

    def _review_proposals(self):
        """{person id: proposals} for the persons on this record."""
        self.ensure_one()
        persons = self._review_persons().sudo()
        persons = persons.filtered(lambda p: p.active and not p.is_anonymised)
        batch = self.env["keten.person"]._duplicate_proposals_batch(
            {person.id: (person._identity_values(), persons.ids) for person in persons}
        )
        return {
            person_id: proposals
            for person_id, proposals in batch.items()
            if proposals["visible"] or proposals["hidden"]
        }

    def _replace_person(self, source, target):
        """Put ``target`` where ``source`` is on this record (to implement)."""
        raise NotImplementedError

    def action_review_duplicates(self):
        self.ensure_one()
        wizard = self.env["keten.person.duplicate.wizard"].create(
            {"res_model": self._name, "res_id": self.id}
        )
        wizard._fill_lines()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Possibly known persons"),
            "res_model": "keten.person.duplicate.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }
