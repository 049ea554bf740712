"""Termijnen of the demo: they follow from the dossiers by themselves; this
adds what makes the signaleringslijst show its cases, then runs the daily
termijnbewaking."""


def load_termijnen(build):
    """A melding waiting in the meldpunt queue, a dossier without a stage change
    for six weeks; then the escalation cron."""
    g, orgs, users = build.gemeenten, build.orgs, build.users
    # A melding of twelve days ago still waiting in the meldpunt queue.
    victim = build.person(g["Brummen"], age=31)
    waiting = build.melding(
        12,
        orgs["politie"],
        users["politie"],
        [victim],
        [],
        ["vorm_arbeid"],
        g["Brummen"],
        location_type="bouw",
        content="Wijkagent ziet bouwvakkers die op de bouwplaats slapen (demo).",
    )
    build.xmlid("demo_melding_waiting", waiting)
    # Dossier 8 has been in monitoring for six weeks without a stage change.
    dossier = build.ref("demo_dossier_8")
    build.env.flush_all()
    build.env.cr.execute(
        "UPDATE keten_dossier SET date_last_stage_update = now() - interval "
        "'45 days' WHERE id = %s",
        [dossier.id],
    )
    build.env.invalidate_all()
    return build.env["keten.deadline"]._cron_escalate()
