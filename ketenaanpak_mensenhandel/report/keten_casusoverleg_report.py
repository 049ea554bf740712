"""Printable agenda and verslag of a casusoverleg, need-to-know per reader.

The templates never touch a dossier themselves: this model prepares plain values
per agenda item, and an item a reader may not see becomes an "agendapunt zonder
toegang" with its number only. A reader sees an item when both the user who prints
and the reader may read its dossier (record rules of each, through ``with_user``);
the content of a criminal track only when both are Justitie and may read the track.

Printed from the form, the reader is the user who prints. Ketenregie can print the
agenda *per invitee*: one copy per invited organisation, read with the access of
its representative (attendance line, vaste vertegenwoordiger, plaatsvervanger or a
user of the organisation). Which copies to make is decided here, never taken from
the request, so a crafted request cannot ask for another reader.
"""

from odoo import api, models

GROUP = "ketenaanpak_mensenhandel.group_"


class KetenCasusoverlegReport(models.AbstractModel):
    _name = "report.ketenaanpak_mensenhandel.casusoverleg_agenda"
    _description = "Casusoverleg agenda (need-to-know per reader)"

    _keten_document = "agenda"

    @api.model
    def _get_report_values(self, docids, data=None):
        overleggen = self.env["keten.casusoverleg"].browse(docids)
        overleggen.check_access("read")
        printer = self.env.user
        per_invitee = bool((data or {}).get("per_invitee")) and printer.has_group(
            GROUP + "ketenregie"
        )
        copies = []
        for overleg in overleggen:
            readers = (
                overleg._keten_invitee_readers()
                if per_invitee
                else [(printer, printer.keten_organisation_ids[:1])]
            )
            for reader, organisation in readers:
                copies.append(self._keten_copy(overleg, reader, organisation))
        return {
            "doc_ids": docids,
            "doc_model": "keten.casusoverleg",
            "docs": overleggen,
            "copies": copies,
            "document": self._keten_document,
            "per_invitee": per_invitee,
        }

    def _keten_copy(self, overleg, reader, organisation):
        """The values of one printed copy of ``overleg`` for ``reader``."""
        overleg_sudo = overleg.sudo()
        printer = self.env.user
        justice = all(u.has_group(GROUP + "justitie") for u in (printer | reader))
        items = []
        for number, item in enumerate(overleg_sudo.item_ids, start=1):
            dossier = item.dossier_id
            visible = all(
                dossier.with_user(user).has_access("read")
                for user in (printer | reader)
            )
            values = {"number": number, "visible": visible}
            if visible:
                values.update(self._keten_item_values(item, reader, justice))
            items.append(values)
        attendance = [
            {
                "organisation": line.organisation_id.name,
                "user": line.user_id.name or "",
                "attendance": dict(
                    line._fields["attendance"]._description_selection(self.env)
                ).get(line.attendance),
            }
            for line in overleg_sudo.attendee_ids
        ]
        return {
            "overleg": overleg,
            "reference": overleg_sudo.name,
            "type": dict(
                overleg_sudo._fields["overleg_type"]._description_selection(self.env)
            ).get(overleg_sudo.overleg_type),
            "state": overleg_sudo.state,
            "state_label": dict(
                overleg_sudo._fields["state"]._description_selection(self.env)
            ).get(overleg_sudo.state),
            "date_start": overleg_sudo.date_start,
            "duration": overleg_sudo.duration,
            "location": overleg_sudo.location or "",
            "is_digital": overleg_sudo.is_digital,
            "procesregie": overleg_sudo.procesregie_organisation_id.name or "",
            "chair": overleg_sudo.chair_user_id.name or "",
            "invited": ", ".join(
                overleg_sudo.all_invited_organisation_ids.mapped("name")
            ),
            "reader": reader.name,
            "reader_organisation": organisation.name or "",
            "items": items,
            "attendance": attendance,
            "minutes": overleg_sudo.minutes,
            "approved_by": overleg_sudo.approved_by_id.name or "",
            "date_approved": overleg_sudo.date_approved,
        }

    def _keten_item_values(self, item, reader, justice):
        """Content of an agenda item both the printer and ``reader`` may read."""
        dossier = item.dossier_id
        state_labels = dict(item._fields["state"]._description_selection(self.env))
        urgency_labels = dict(
            dossier._fields["urgency"]._description_selection(self.env)
        )
        values = {
            "dossier": dossier.name,
            "stage": dossier.stage_id.name or "",
            "hoofdstap": dossier.hoofdstap_id.name or "",
            "urgency": urgency_labels.get(dossier.urgency, ""),
            "vormen": ", ".join(dossier.verschijningsvorm_ids.mapped("name")),
            "woongemeente": dossier.woongemeente_id.name or "",
            "gemeente_uitbuiting": dossier.gemeente_uitbuiting_id.name or "",
            "regie": ", ".join(
                n
                for n in (
                    dossier.regie_organisation_id.name,
                    dossier.regie_user_id.name,
                )
                if n
            ),
            "zorgcoordinator": dossier.zorgcoordinator_organisation_id.name or "",
            "deadline": item.deadline,
            "question": item.question or "",
            "invited": ", ".join(item.invited_organisation_ids.mapped("name")),
            "decisions": item.decisions or "",
            "item_state": state_labels.get(item.state, ""),
            "criminal_track": dossier.has_criminal_track,
            "criminal_contact": ", ".join(
                n
                for n in (
                    dossier.criminal_contact_organisation_id.name,
                    dossier.criminal_contact_user_id.name,
                )
                if n
            ),
            "strafrecht": [],
        }
        if justice:
            track_states = dict(
                self.env["keten.strafrecht"]
                ._fields["state"]
                ._description_selection(self.env)
            )
            for track in dossier.strafrecht_ids:
                if all(
                    track.with_user(user).has_access("read")
                    for user in (self.env.user | reader)
                ):
                    values["strafrecht"].append(
                        {
                            "name": track.name,
                            "organisation": track.organisation_id.name or "",
                            "state": track_states.get(track.state, ""),
                            "officier": track.officier_user_id.name or "",
                        }
                    )
        return values


class KetenCasusoverlegVerslagReport(models.AbstractModel):
    _name = "report.ketenaanpak_mensenhandel.casusoverleg_verslag"
    _inherit = "report.ketenaanpak_mensenhandel.casusoverleg_agenda"
    _description = "Casusoverleg verslag (need-to-know per reader)"

    _keten_document = "verslag"
