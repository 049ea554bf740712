import hashlib
import hmac

from odoo import api, fields, models


class KetenIntakeAttempt(models.Model):
    """One submission of the web intake form, for the rate limit per address.

    Kept in the database, not in the Python process, so that the limit holds
    across workers. The address is stored as a keyed hash, and rows are
    removed by a daily cron once they no longer count.
    """

    _name = "keten.intake.attempt"
    _description = "Web intake attempt (rate limit)"
    _inherit = ["keten.validation.mixin"]
    _order = "id desc"
    _log_access = False

    address_hash = fields.Char(required=True, index=True, readonly=True)
    attempt_time = fields.Datetime(
        required=True, default=fields.Datetime.now, index=True, readonly=True
    )

    @api.model
    def _hash_address(self, address):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        return hmac.new(
            (secret or "").encode(), (address or "-").encode(), hashlib.sha256
        ).hexdigest()

    @api.model
    def _rate_limit(self):
        Melding = self.env["keten.melding"]

        def number(key, default):
            return Melding._intake_int_param(key, default, minimum=1)

        return number("intake_rate_limit", 10), number("intake_rate_window", 60)

    @api.model
    def _register_attempt(self, address):
        """Count a submission from ``address``; False when over the limit.

        Counted in a transaction of its own, committed at once: the attempt
        counts even when the submission is refused later, and concurrent
        submissions from one address (on any worker) are serialised by an
        advisory lock. That transaction reads committed data (READ COMMITTED):
        under Odoo's REPEATABLE READ the count would come from a snapshot taken
        before the lock was granted, and two workers could both pass.
        """
        if self.env.registry.in_test_mode():
            # tests run in one shared transaction that is never committed
            return self._count_attempt(self.env.cr, address)
        with self.env.registry.cursor() as cr:
            cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            return self._count_attempt(cr, address)

    @api.model
    def _count_attempt(self, cr, address):
        limit, window = self._rate_limit()
        digest = self._hash_address(address)
        cr.execute("SELECT pg_advisory_xact_lock(%s)", [int(digest[:15], 16)])
        cr.execute(
            """
            SELECT count(*) FROM keten_intake_attempt
             WHERE address_hash = %s
               AND attempt_time > (now() at time zone 'UTC') - make_interval(mins => %s)
            """,
            [digest, window],
        )
        if cr.fetchone()[0] >= limit:
            return False
        cr.execute(
            """
            INSERT INTO keten_intake_attempt (address_hash, attempt_time)
            VALUES (%s, now() at time zone 'UTC')
            """,
            [digest],
        )
        return True

    @api.model
    def _gc_attempts(self):
        """Cron: forget attempts that no longer count for any window."""
        _limit, window = self._rate_limit()
        self.env.cr.execute(
            """
            DELETE FROM keten_intake_attempt
             WHERE attempt_time < (now() at time zone 'UTC')
                                  - make_interval(mins => %s)
            """,
            [max(window, 24 * 60)],
        )
        return self.env.cr.rowcount
