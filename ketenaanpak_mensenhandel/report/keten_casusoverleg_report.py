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

Access is computed per user with one query per model, not per item, and the
dossiers printed go into the who-viewed log (action print, path report).
"""

from odoo import api, models

GROUP = "ketenaanpak_mensenhandel.group_"


def _names(*names):
    return ", ".join(n for n in names if n)


class KetenCasusoverlegReport(models.AbstractModel):
    _name = "report.ketenaanpak_mensenhandel.casusoverleg_agenda"
    _description = "Casusoverleg agenda (need-to-know per reader)"

    _report_document = "agenda"

    @api.model
    def _get_report_values(self, docids, data=None):
        overleggen = self.env["keten.casusoverleg"].browse(docids)
        overleggen.check_access("read")
        printer = self.env.user
        per_invitee = bool((data or {}).get("per_invitee")) and printer.has_group(
            GROUP + "ketenregie"
        )
        copies = []
        printed = self.env["keten.dossier"]
        for overleg in overleggen:
            readers = (
                overleg._invitee_readers()
                if per_invitee
                else [(printer, printer.keten_organisation_ids[:1])]
            )
            dossiers = overleg.sudo().item_ids.dossier_id
            for reader, organisation in readers:
                users = printer | reader
                visible = self._readable_ids(users, dossiers)
                tracks = set()
                if all(u.has_group(GROUP + "justitie") for u in users):
                    tracks = self._readable_ids(users, dossiers.strafrecht_ids)
                copies.append(
                    self._reader_copy(overleg, reader, organisation, visible, tracks)
                )
                printed |= printed.browse(visible)
        printed._write_access_log(action="print", path="report")
        return {
            "doc_ids": docids,
            "doc_model": "keten.casusoverleg",
            "docs": overleggen,
            "copies": copies,
            "document": self._report_document,
            "per_invitee": per_invitee,
        }

    @api.model
    def _readable_ids(self, users, records):
        """Ids of ``records`` that each of ``users`` may read (a query per user)."""
        ids = set(records.ids)
        for user in users:
            ids &= set(records.with_user(user)._filtered_access("read").ids)
        return ids

    def _reader_copy(self, overleg, reader, organisation, visible, tracks):
        """One printed copy of ``overleg`` for ``reader``: the content of the
        items whose dossier id is in ``visible``, of the criminal tracks whose id
        is in ``tracks``."""
        overleg_sudo = overleg.sudo()
        items = []
        invited = overleg_sudo.invited_organisation_ids
        # one read of every organisation's name, whoever is visible
        (invited | overleg_sudo.item_ids.invited_organisation_ids).mapped("name")
        for number, item in enumerate(overleg_sudo.item_ids, start=1):
            values = {"number": number, "visible": item.dossier_id.id in visible}
            if values["visible"]:
                values.update(self._item_values(item, tracks))
                invited |= item.invited_organisation_ids
            items.append(values)
        attendance_labels = self._selection_labels(
            "keten.casusoverleg.attendee", "attendance"
        )
        return {
            "overleg": overleg,
            "reference": overleg_sudo.name,
            "type": self._selection_labels("keten.casusoverleg", "overleg_type").get(
                overleg_sudo.overleg_type
            ),
            "state": overleg_sudo.state,
            "state_label": self._selection_labels("keten.casusoverleg", "state").get(
                overleg_sudo.state
            ),
            "date_start": overleg_sudo.date_start,
            "duration": overleg_sudo.duration,
            "location": overleg_sudo.location or "",
            "is_digital": overleg_sudo.is_digital,
            "procesregie": overleg_sudo.procesregie_organisation_id.name or "",
            "chair": overleg_sudo.chair_user_id.name or "",
            # invited for the overleg, and for the items this reader may see
            "invited": _names(*invited.mapped("name")),
            "reader": reader.name,
            "reader_organisation": organisation.name or "",
            "items": items,
            "attendance": [
                {
                    "organisation": line.organisation_id.name,
                    "user": line.user_id.name or "",
                    "attendance": attendance_labels.get(line.attendance),
                }
                for line in overleg_sudo.attendee_ids
            ],
            "minutes": overleg_sudo.minutes,
            "approved_by": overleg_sudo.approved_by_id.name or "",
            "date_approved": overleg_sudo.date_approved,
        }

    @api.model
    def _selection_labels(self, model, field):
        return dict(self.env[model]._fields[field]._description_selection(self.env))

    def _item_values(self, item, tracks):
        """Content of an agenda item both the printer and the reader may read."""
        dossier = item.dossier_id
        track_states = self._selection_labels("keten.strafrecht", "state")
        return {
            "dossier": dossier.name,
            "stage": dossier.stage_id.name or "",
            "hoofdstap": dossier.hoofdstap_id.name or "",
            "urgency": self._selection_labels("keten.dossier", "urgency").get(
                dossier.urgency, ""
            ),
            "vormen": _names(*dossier.verschijningsvorm_ids.mapped("name")),
            "woongemeente": dossier.woongemeente_id.name or "",
            "gemeente_uitbuiting": dossier.gemeente_uitbuiting_id.name or "",
            "regie": _names(
                dossier.regie_organisation_id.name, dossier.regie_user_id.name
            ),
            "zorgcoordinator": dossier.zorgcoordinator_organisation_id.name or "",
            "deadline": item.deadline,
            "question": item.question or "",
            "invited": _names(*item.invited_organisation_ids.mapped("name")),
            "decisions": item.decisions or "",
            "item_state": self._selection_labels(
                "keten.casusoverleg.item", "state"
            ).get(item.state, ""),
            "criminal_track": dossier.has_criminal_track,
            "criminal_contact": _names(
                dossier.criminal_contact_organisation_id.name,
                dossier.criminal_contact_user_id.name,
            ),
            "strafrecht": [
                {
                    "name": track.name,
                    "organisation": track.organisation_id.name or "",
                    "state": track_states.get(track.state, ""),
                    "officier": track.officier_user_id.name or "",
                }
                for track in dossier.strafrecht_ids
                if track.id in tracks
            ],
        }


class KetenCasusoverlegVerslagReport(models.AbstractModel):
    _name = "report.ketenaanpak_mensenhandel.casusoverleg_verslag"
    _inherit = "report.ketenaanpak_mensenhandel.casusoverleg_agenda"
    _description = "Casusoverleg verslag (need-to-know per reader)"

    _report_document = "verslag"
