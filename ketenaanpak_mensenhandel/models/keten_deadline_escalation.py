"""Termijnbewaking: the daily escalation of what passed its deadline."""

from markupsafe import Markup

from odoo import api, models

from .keten_deadline import P

DEFAULT_BATCH_SIZE = 2000
# Dossier numbers named in one escalation message; the rest is counted.
MAX_REFS_IN_MESSAGE = 30


class KetenDeadline(models.Model):
    _inherit = "keten.deadline"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Daily termijnbewaking
    # ------------------------------------------------------------------
    @api.model
    def _cron_escalate(self, batch_size=DEFAULT_BATCH_SIZE):
        """Daily: mark what passed its deadline, flag the dossiers, refresh the
        signaleringslijst and tell the procesregie. Set-based: a fixed number of
        queries per batch of ``batch_size`` newly overdue deadlines."""
        Termijn = self.env["keten.termijn"]
        today = Termijn._today()
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            """
            WITH due AS (
                SELECT id FROM keten_deadline
                 WHERE state = 'open' AND date_deadline < %(today)s
                   AND overdue_since IS NULL
                 ORDER BY id
                 LIMIT %(limit)s
                   FOR NO KEY UPDATE SKIP LOCKED)
            UPDATE keten_deadline k
               SET overdue_since = %(today)s, is_late = TRUE
              FROM due WHERE k.id = due.id
            """,
            {"today": today, "limit": batch_size},
        )
        done = cr.rowcount
        cr.execute(
            """
            SELECT count(*) FROM keten_deadline
             WHERE state = 'open' AND date_deadline < %(today)s
               AND overdue_since IS NULL
            """,
            {"today": today},
        )
        remaining = cr.fetchone()[0]
        summary = {"marked": done, "remaining": remaining}
        if not remaining:
            summary.update(self._flag_overdue_dossiers(today))
            summary.update(self.env["keten.signalering"]._refresh(today))
            summary.update(self._notify_procesregie(today, summary))
            Termijn._generate_holidays()
        self.env.invalidate_all()
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return summary

    @api.model
    def _flag_overdue_dossiers(self, today):
        cr = self.env.cr
        overdue = """
            SELECT dossier_id FROM keten_deadline
             WHERE state = 'open' AND date_deadline < %(today)s
               AND dossier_id IS NOT NULL
        """
        cr.execute(
            f"""
            UPDATE keten_dossier SET termijn_overdue = TRUE
             WHERE termijn_overdue IS NOT TRUE AND id IN ({overdue})
            """,
            {"today": today},
        )
        flagged = cr.rowcount
        cr.execute(
            f"""
            UPDATE keten_dossier SET termijn_overdue = FALSE
             WHERE termijn_overdue AND id NOT IN ({overdue})
            """,
            {"today": today},
        )
        return {"dossiers_flagged": flagged, "dossiers_cleared": cr.rowcount}

    @api.model
    def _notify_procesregie(self, today, summary):
        """One content-free message to the procesregie: how many termijnen passed
        their deadline (with the dossier numbers) and how many entries the
        signaleringslijst gained. No e-mail, no case content."""
        cr = self.env.cr
        cr.execute(
            """
            WITH news AS (
                UPDATE keten_deadline SET overdue_notified = TRUE
                 WHERE overdue_since IS NOT NULL AND overdue_notified IS NOT TRUE
                   AND state = 'open'
             RETURNING id, dossier_id, melding_id)
            SELECT count(*),
                   (SELECT array_agg(DISTINCT ref ORDER BY ref) FROM (
                        SELECT COALESCE(d.name, m.name) AS ref
                          FROM news n
                          LEFT JOIN keten_dossier d ON d.id = n.dossier_id
                          LEFT JOIN keten_melding m ON m.id = n.melding_id
                         LIMIT %(limit)s) refs)
              FROM news
            """,
            {"limit": MAX_REFS_IN_MESSAGE},
        )
        count, refs = cr.fetchone()
        new_entries = summary.get("signalering_added", 0)
        if not count and not new_entries:
            return {"notified": 0}
        channel = self.env.ref(P + "channel_termijnbewaking", raise_if_not_found=False)
        if not channel:
            return {"notified": 0}
        _ = self.env._
        lines = []
        if count:
            lines.append(
                _(
                    "%(count)s termijn(en) passed their deadline: %(refs)s%(more)s.",
                    count=count,
                    refs=", ".join(refs or []),
                    more=_(" and others") if count > len(refs or []) else "",
                )
            )
        if new_entries:
            lines.append(
                _(
                    "%(count)s new entr(y/ies) on the signaleringslijst.",
                    count=new_entries,
                )
            )
        body = Markup("<p>%s</p>") % _(
            "Termijnbewaking of %(day)s", day=today.strftime("%d-%m-%Y")
        )
        body += Markup("<ul>%s</ul>") % Markup("").join(
            Markup("<li>%s</li>") % line for line in lines
        )
        channel.sudo().message_post(
            body=body,
            author_id=self.env.ref("base.partner_root").id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return {"notified": count}
