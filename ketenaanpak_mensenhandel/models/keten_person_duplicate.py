import re

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.name_match import name_match_score
from ..tools.person_data import bsn_is_valid, normalise_bsn, normalise_name

PARAM = "ketenaanpak_mensenhandel."
DEFAULT_THRESHOLDS = {
    # pg_trgm similarity() of whole normalised names: only finds candidates
    "duplicate_candidate_threshold": 0.3,
    # word-by-word score (tools/name_match.py) with the same birth date or year
    "duplicate_match_threshold": 0.8,
    # word-by-word score when a birth date is missing on either side
    "duplicate_match_threshold_no_birth": 0.9,
}
CANDIDATE_LIMIT = 50

DUPLICATE_REASONS = [
    ("bsn", "Same BSN"),
    ("name_birth_date", "Same or similar name and the same birth date"),
    ("name_birth_year", "Similar name and the same birth year"),
    ("name", "Same or nearly the same name, birth date unknown"),
]
REASON_RANK = {key: rank for rank, (key, _label) in enumerate(DUPLICATE_REASONS)}

# Fields of a person that identify it; a change re-runs the duplicate check.
IDENTITY_FIELDS = ("first_name", "name_prefix", "last_name", "birth_date", "bsn")
# Never copied from a merged duplicate onto the person that is kept.
MERGE_SKIP_FIELDS = {
    "id",
    "active",
    "name",
    "normalized_name",
    "is_anonymised",
    "anonymised_date",
    "merged_into_id",
    "access_organisation_ids",
}


class KetenPerson(models.Model):
    """Duplicate-person detection and merging.

    Matching runs as superuser over every person, but what a user is told
    depends on what that user may see: persons the user may read are proposed
    with name, birth year and the dossier numbers the user may see; about the
    others the user learns only that the person may be known.
    """

    _inherit = "keten.person"

    merged_into_id = fields.Many2one(
        "keten.person",
        string="Merged into",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="This record was a duplicate; its links moved to this person.",
    )
    duplicate_alert = fields.Html(
        compute="_compute_duplicate_alert",
        sanitize=False,
        string="Possible duplicates",
    )
    duplicate_hidden = fields.Boolean(compute="_compute_duplicate_alert")
    duplicate_candidate_ids = fields.Many2many(
        "keten.person",
        compute="_compute_duplicate_alert",
        string="Possibly the same person",
    )

    @api.depends(*IDENTITY_FIELDS)
    @api.depends_context("uid")
    def _compute_duplicate_alert(self):
        for person in self:
            proposals = self._duplicate_proposals(
                person._identity_values(),
                exclude_ids=[person._origin.id] if person._origin.id else [],
            )
            person.duplicate_candidate_ids = [
                (6, 0, [proposal["person"].id for proposal in proposals["visible"]])
            ]
            person.duplicate_hidden = proposals["hidden"]
            person.duplicate_alert = self._render_duplicate_alert(proposals)

    # ------------------------------------------------------------------
    # CRUD: a person typed into a many2one field gets its name split
    # ------------------------------------------------------------------
    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        typed = self.env.context.get("default_name")
        if typed and not any(
            values.get(key) for key in ("first_name", "name_prefix", "last_name")
        ):
            values.update(self._split_name(typed))
        return values

    @api.model
    def name_create(self, name):
        person = self.create(self._split_name(name))
        return person.id, person.display_name

    @api.model
    def _split_name(self, text):
        """Split a typed name into first name, tussenvoegsel and last name.

        "de Vries, Jan" and "Jan de Vries" both give Jan / de / Vries.
        """
        text = " ".join((text or "").split())
        if "," in text:
            last, _sep, first = text.partition(",")
            words = first.split() + last.split()
        else:
            words = text.split()
        if len(words) < 2:
            return {"last_name": text} if text else {}
        prefix_words = {"van", "de", "der", "den", "het", "ten", "ter", "te", "in"}
        prefix_words |= {"op", "la", "le", "du", "da", "di", "del", "von", "zu", "'t"}
        first = [words[0]]
        rest = words[1:]
        prefix = []
        while len(rest) > 1 and rest[0].lower() in prefix_words:
            prefix.append(rest.pop(0))
        if not prefix:
            first, rest = words[:-1], words[-1:]
        return {
            "first_name": " ".join(first),
            "name_prefix": " ".join(prefix) or False,
            "last_name": " ".join(rest),
        }

    @api.model
    def _search_display_name(self, operator, value):
        """Also find spelling variants: "de Vries, Jan", "Jàn de Vries"."""
        domain = super()._search_display_name(operator, value)
        if operator == "ilike" and isinstance(value, str):
            normalised = normalise_name(value)
            if normalised:
                domain = ["|", ("normalized_name", "ilike", normalised)] + list(domain)
        return domain

    # ------------------------------------------------------------------
    # Matching
    # ------------------------------------------------------------------
    def _identity_values(self):
        self.ensure_one()
        return {field: self[field] for field in IDENTITY_FIELDS}

    @api.model
    def _duplicate_thresholds(self):
        get_param = self.env["ir.config_parameter"].sudo().get_param
        thresholds = {}
        for key, default in DEFAULT_THRESHOLDS.items():
            try:
                value = float(get_param(PARAM + key, default))
            except (TypeError, ValueError):
                value = default
            thresholds[key] = min(max(value, 0.05), 1.0)
        return thresholds

    @api.model
    def _duplicate_candidates(self, values, exclude_ids=()):
        """Likely existing persons for ``values``, best first, as superuser.

        :param dict values: first_name, name_prefix, last_name, birth_date, bsn
        :returns: list of dicts ``{person, reason, score}``
        """
        matches = {}
        exclude_ids = [pid for pid in exclude_ids if isinstance(pid, int)]
        bsn = values.get("bsn")
        if bsn and bsn_is_valid(bsn):
            for person in (
                self.sudo()
                .with_context(active_test=True)
                .search(
                    [("bsn", "=", normalise_bsn(bsn)), ("id", "not in", exclude_ids)]
                )
            ):
                matches[person.id] = {"person": person, "reason": "bsn", "score": 1.0}
        normalised = normalise_name(
            values.get("first_name"), values.get("name_prefix"), values.get("last_name")
        )
        if normalised:
            for row in self._name_candidates(
                normalised, values.get("birth_date"), exclude_ids
            ):
                if row["person_id"] not in matches:
                    matches[row["person_id"]] = row
        found = self.sudo().browse(list(matches))
        result = []
        for person in found:
            match = matches[person.id]
            match["person"] = person
            result.append(match)
        result.sort(
            key=lambda m: (REASON_RANK[m["reason"]], -m["score"], m["person"].id)
        )
        return result

    def init(self):
        """A GiST trigram index: the nearest names first, without sorting them all.

        The GIN index of ``normalized_name`` finds every name above the
        threshold; for a common name that is thousands of rows to sort. GiST
        answers ``ORDER BY normalized_name <-> name LIMIT n`` from the index.
        """
        result = super().init()
        if self.env.registry.has_trigram:
            self.env.cr.execute(
                """
                CREATE INDEX IF NOT EXISTS keten_person_normalized_name_gist_idx
                    ON keten_person USING gist (normalized_name gist_trgm_ops)
                """
            )
        return result

    @api.model
    def _name_candidates(self, normalised, birth_date, exclude_ids):
        thresholds = self._duplicate_thresholds()
        birth_date = fields.Date.to_date(birth_date) if birth_date else None
        year = birth_date.year if birth_date else 0
        self.env["keten.person"].flush_model(
            ["normalized_name", "birth_year", "birth_date", "active", "is_anonymised"]
        )
        params = {
            "name": normalised,
            "exclude": list(exclude_ids),
            "year": year,
            "limit": CANDIDATE_LIMIT,
            "threshold": str(thresholds["duplicate_candidate_threshold"]),
        }
        previous = None
        if self.env.registry.has_trigram:
            # ``%`` and ``<->`` use the trigram indexes on normalized_name
            name_filter = "normalized_name %% %(name)s"
            order = "normalized_name <-> %(name)s, id"
            self.env.cr.execute(
                """
                SELECT current_setting('pg_trgm.similarity_threshold'),
                       set_config('pg_trgm.similarity_threshold', %(threshold)s, true)
                """,
                params,
            )
            previous = self.env.cr.fetchone()[0]
        else:  # without pg_trgm: the same normalised name only
            name_filter = "normalized_name = %(name)s"
            order = "id"
        self.env.cr.execute(
            f"""
            SELECT id, normalized_name, birth_date, coalesce(birth_year, 0)
              FROM keten_person
             WHERE active
               AND NOT coalesce(is_anonymised, false)
               AND {name_filter}
               AND NOT (id = ANY(%(exclude)s))
               AND (%(year)s = 0 OR coalesce(birth_year, 0) IN (0, %(year)s))
             ORDER BY {order}
             LIMIT %(limit)s
            """,
            params,
        )
        rows = self.env.cr.fetchall()
        if previous is not None:
            self.env.cr.execute(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
                [previous],
            )
        matches = []
        for person_id, other_name, other_date, other_year in rows:
            score = name_match_score(normalised, other_name)
            if birth_date and other_date == birth_date:
                reason = "name_birth_date"
                needed = thresholds["duplicate_match_threshold"]
            elif year and other_year:
                reason = "name_birth_year"
                needed = thresholds["duplicate_match_threshold"]
            else:
                reason = "name"
                needed = thresholds["duplicate_match_threshold_no_birth"]
            if score >= needed:
                matches.append(
                    {"person_id": person_id, "reason": reason, "score": score}
                )
        return matches

    @api.model
    def _duplicate_proposals(self, values, exclude_ids=()):
        """What the current user may be told about likely existing persons.

        :returns: ``{"visible": [proposal, ...], "hidden": bool}``; a proposal
            holds ``person`` (in the user's environment), ``reason``,
            ``reason_label``, ``birth_year`` and ``dossiers`` (names of the
            dossiers of that person the user may see). ``hidden`` is True when
            there are candidates the user may not see, whatever their number.
        """
        return self._duplicate_proposals_batch({0: (values, exclude_ids)})[0]

    @api.model
    def _duplicate_proposals_batch(self, requests):
        """:meth:`_duplicate_proposals` for several persons at once.

        :param dict requests: key -> (values, exclude_ids)
        :returns: key -> proposals; what the user may see is checked with one
            search for all candidates together.
        """
        candidates = {
            key: self._duplicate_candidates(values, exclude_ids)
            for key, (values, exclude_ids) in requests.items()
        }
        candidate_ids = {c["person"].id for found in candidates.values() for c in found}
        Person = self.env["keten.person"].sudo(False)
        visible = Person.browse()
        if candidate_ids and Person.has_access("read"):
            visible = Person.search([("id", "in", list(candidate_ids))])
        dossiers = self._visible_dossier_names(visible)
        labels = dict(
            self.env["keten.person.duplicate.wizard.line"]
            ._fields["reason"]
            ._description_selection(self.env)
        )
        visible_by_id = {person.id: person for person in visible}
        results = {}
        for key, found in candidates.items():
            result = results[key] = {"visible": [], "hidden": False}
            for candidate in found:
                person = visible_by_id.get(candidate["person"].id)
                if not person:
                    result["hidden"] = True
                    continue
                result["visible"].append(
                    {
                        "person": person,
                        "reason": candidate["reason"],
                        "reason_label": labels.get(candidate["reason"]),
                        "score": candidate["score"],
                        "birth_year": candidate["person"].birth_year or False,
                        "dossiers": dossiers.get(person.id, []),
                    }
                )
        return results

    @api.model
    def _visible_dossier_names(self, persons):
        Link = self.env["keten.dossier.person"].sudo(False)
        if not persons or not Link.has_access("read"):
            return {}
        names = {}
        for link in Link.search([("person_id", "in", persons.ids)]):
            names.setdefault(link.person_id.id, [])
            if link.dossier_id.name not in names[link.person_id.id]:
                names[link.person_id.id].append(link.dossier_id.name)
        return names

    @api.model
    def _possibly_known_message(self):
        return self.env._("Possibly already known: please contact the ketenregie.")

    @api.model
    def _render_duplicate_alert(self, proposals):
        if not proposals["visible"] and not proposals["hidden"]:
            return False
        return self.env["ir.qweb"]._render(
            "ketenaanpak_mensenhandel.keten_person_duplicate_alert",
            {
                "proposals": proposals["visible"],
                "hidden": proposals["hidden"],
                "hidden_message": self._possibly_known_message(),
            },
        )

    # ------------------------------------------------------------------
    # Links and merging
    # ------------------------------------------------------------------
    @api.model
    def _person_link_fields(self):
        """Every stored many2one/many2many field that points to keten.person.

        Found in the registry at call time, so links added by other modules
        (consents, requests of data subjects, ...) are kept in a merge too.
        """
        result = []
        for model_name in sorted(self.env.registry):
            Model = self.env[model_name]
            if Model._abstract or Model._transient or not Model._auto:
                continue
            for name, field in Model._fields.items():
                if (
                    field.type in ("many2one", "many2many")
                    and field.comodel_name == "keten.person"
                    and field.store
                    and not field.compute
                    and not field.related
                    and (model_name, name) != ("keten.person", "merged_into_id")
                ):
                    result.append((model_name, name))
        return result

    def _records_pointing_here(self):
        """{(model, field): records} of the records that point to ``self``."""
        references = {}
        for model_name, field_name in self._person_link_fields():
            records = (
                self.env[model_name]
                .sudo()
                .with_context(active_test=False)
                .search([(field_name, "in", self.ids)])
            )
            if records:
                references[(model_name, field_name)] = records
        return references

    def _merge_into(self, target, reason):
        """Merge the duplicates ``self`` into ``target``; keep every link.

        Runs as superuser after the caller checked the user's right to merge.
        Returns the number of links moved.
        """
        target.ensure_one()
        duplicates = self - target
        if not duplicates:
            raise UserError(
                self.env._("Choose at least one duplicate besides the person to keep.")
            )
        self._ensure_mergeable(target)
        # the changes of personal data a merge makes are recorded with its reason
        change_reason = self.env._(
            "Merge of duplicate persons: %(reason)s", reason=reason
        )
        self = duplicates.sudo().with_context(keten_change_reason=change_reason)
        target = target.sudo().with_context(keten_change_reason=change_reason)
        dossiers = self.env["keten.dossier"]
        moved = 0
        for (model_name, field_name), records in self._records_pointing_here().items():
            dossiers |= self._related_dossiers(records)
            if model_name == "keten.dossier.person" and field_name == "person_id":
                moved += self._merge_dossier_links(records, target)
            elif self.env[model_name]._fields[field_name].type == "many2one":
                self._ensure_no_unique_conflicts(records, field_name, target)
                records.write({field_name: target.id})
                moved += len(records)
            else:
                commands = [(3, pid) for pid in self.ids] + [(4, target.id)]
                records.write({field_name: commands})
                moved += len(records)
        self._move_owned_records(target)
        self._copy_missing_values(target)
        # the BSN moved to the kept person is a recorded change of the duplicate
        self.env["keten.rectification"].sudo().search(
            [("person_id", "in", self.ids)]
        ).write({"person_id": target.id})
        self.write({"active": False, "merged_into_id": target.id})
        self._record_merge(target, dossiers, reason, moved)
        return moved

    def _ensure_mergeable(self, target):
        persons = (self | target).sudo()
        if persons.filtered("is_anonymised"):
            raise UserError(self.env._("An anonymised person cannot be merged."))
        if persons.filtered("is_restricted"):
            raise UserError(
                self.env._(
                    "A restricted person (AVG art. 18) cannot be merged until the "
                    "restriction is lifted."
                )
            )
        bsns = {normalise_bsn(p.bsn) for p in persons if p.bsn}
        if len(bsns) > 1:
            raise UserError(
                self.env._(
                    "These persons have different BSNs: they are not the same person. "
                    "Correct the BSN first if one of them is wrong."
                )
            )

    @api.model
    def _related_dossiers(self, records):
        if records._name == "keten.dossier":
            return records
        if "dossier_id" in records._fields:
            field = records._fields["dossier_id"]
            if field.type == "many2one" and field.comodel_name == "keten.dossier":
                return records.sudo().dossier_id
        return self.env["keten.dossier"]

    def _merge_dossier_links(self, links, target):
        """Move dossier roles; one role per person per dossier (the SQL constraint)."""
        moved = 0
        target_links = {
            (link.dossier_id.id, link.role): link for link in target.dossier_link_ids
        }
        for link in links.sorted("id"):
            existing = target_links.get((link.dossier_id.id, link.role))
            if existing:
                notes = [n for n in (existing.note, link.note) if n]
                existing.note = "; ".join(dict.fromkeys(notes)) or False
                link.unlink()
            else:
                link.person_id = target
                target_links[(link.dossier_id.id, link.role)] = link
            moved += 1
        return moved

    def _ensure_no_unique_conflicts(self, records, field_name, target):
        """Refuse (before writing) a merge that would break a unique constraint."""
        Model = records
        for _name, definition, _message in Model._sql_constraints:
            found = re.match(r"\s*unique\s*\(([^)]*)\)", definition, re.IGNORECASE)
            columns = [c.strip() for c in found.group(1).split(",")] if found else []
            if field_name not in columns:
                continue
            others = [c for c in columns if c != field_name]
            for record in records:
                domain = [(field_name, "=", target.id), ("id", "!=", record.id)]
                domain += [
                    (c, "=", record[c].id if hasattr(record[c], "id") else record[c])
                    for c in others
                ]
                if Model.with_context(active_test=False).search_count(domain):
                    raise UserError(
                        self.env._(
                            "The merge would give %(model)s two records for the same "
                            "person; resolve that by hand first.",
                            model=self.env["ir.model"]._get(records._name).display_name,
                        )
                    )

    def _move_owned_records(self, target):
        """Attachments and activities of a duplicate belong to the kept person."""
        for model_name in ("ir.attachment", "mail.activity"):
            owned = (
                self.env[model_name]
                .sudo()
                .search(
                    [("res_model", "=", "keten.person"), ("res_id", "in", self.ids)]
                )
            )
            owned.write({"res_id": target.id})

    def _copy_missing_values(self, target):
        """Fill empty fields of ``target`` from the duplicates; never overwrite."""
        values = {}
        for duplicate in self.sorted("id"):
            for name, field in self._fields.items():
                if (
                    name in MERGE_SKIP_FIELDS
                    or name in models.MAGIC_COLUMNS
                    or not field.store
                    or field.compute
                    or field.related
                    or field.type in ("one2many", "many2many", "binary")
                    or name.startswith(("message_", "activity_"))
                    or name in values
                ):
                    continue
                empty = not target[name] or (
                    name == "gender" and target[name] == "onbekend"
                )
                if empty and duplicate[name] and duplicate[name] != "onbekend":
                    value = duplicate[name]
                    values[name] = value.id if field.type == "many2one" else value
            if duplicate.note and target.note and duplicate.note not in target.note:
                values["note"] = (
                    f"{values.get('note') or target.note}\n{duplicate.note}"
                )
        if values.get("bsn"):
            self.write({"bsn": False})
        if values:
            target.write(values)

    def _record_merge(self, target, dossiers, reason, moved):
        _ = self.env._
        user = self.env.user
        refs = ", ".join(f"P-{p.id}" for p in self)
        body = Markup("<p>%s</p>") % _(
            "Duplicate person record(s) %(refs)s merged into this person by %(user)s; "
            "%(count)s link(s) moved. Reason: %(reason)s",
            refs=refs,
            user=user.name,
            count=moved,
            reason=reason,
        )
        target.message_post(body=body, subtype_xmlid="mail.mt_note")
        for duplicate in self:
            duplicate.message_post(
                body=Markup("<p>%s</p>")
                % _(
                    "Merged into person P-%(target)s by %(user)s and archived. Reason: "
                    "%(reason)s",
                    target=target.id,
                    user=user.name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        for dossier in dossiers.sudo():
            dossier.message_post(
                body=Markup("<p>%s</p>")
                % _(
                    "Duplicate person record(s) %(refs)s merged into person P-%(target)s "
                    "by %(user)s.",
                    refs=refs,
                    target=target.id,
                    user=user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        persons = (self | target).with_env(self.env(su=False))
        persons._write_access_log("write", path="other")

    def action_merge_duplicates(self):
        """Open the merge wizard with this person and the candidates the user sees."""
        self.ensure_one()
        candidates = self.duplicate_candidate_ids
        return self.env["keten.person.merge.wizard"]._action_open(
            self | candidates, (self | candidates).sorted("id")[:1]
        )
