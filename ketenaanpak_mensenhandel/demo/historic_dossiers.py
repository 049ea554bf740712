"""About fifty closed dossiers of Noord- en Oost-Gelderland over the past two
years: the dashboards and the Regionale-Tafel workbook have something to
count. Random (seeded) forms, municipalities and senders; three in ten are
geen mensenhandel (afgeschaald or handed over), the others went the whole way
to a closed dossier with nazorg and evaluatie. Their stage history is moved
into the past afterwards, in SQL, the one thing the ORM stamps "now"."""

from datetime import timedelta


def load_historic_dossiers(build, count=50):
    """``count`` closed dossiers; the first gets ``demo_dossier_historic_first``."""
    g, orgs, users = build.gemeenten, build.orgs, build.users
    rng = build.rng
    vormen = (
        ["vorm_seksueel"] * 5
        + ["vorm_arbeid"] * 4
        + ["vorm_crimineel"] * 3
        + ["vorm_orgaan"]
        + ["vorm_onbekend"]
    )
    senders = [
        "vt",
        "politie",
        "gemeente",
        "ggd",
        "arbeidsinspectie",
        "jeugd",
        "zorg",
        "opvang",
    ]
    names = list(g)
    closed = build.env["keten.dossier"]
    for i in range(count):
        start = rng.randint(60, 720)
        vorm = rng.choice(vormen)
        gemeente = g[rng.choice(names)]
        victim = build.person(gemeente, female=rng.random() < 0.65)
        sender = rng.choice(senders)
        m = build.melding(
            start,
            orgs[sender],
            users.get(sender, users["meldpunt"]),
            [victim],
            [],
            [vorm],
            gemeente,
        )
        d = build.dossier(m)
        if rng.random() < 0.3:
            # geen mensenhandel: afgeschaald or handed over
            kind = rng.choice(["afschalen", "overdracht"])
            build.weging(
                d,
                "eerste",
                start - 3,
                kwalificatie="geen",
                afschaling_type=kind,
                overdracht_organisation_id=(
                    orgs["jeugd"].id if kind == "overdracht" else False
                ),
            )
            if rng.random() < 0.9:
                build.feedback(d, start - 3 - rng.randint(1, 12))
            closed_days = start - 3
        else:
            build.weging(d, "eerste", start - 4)
            if rng.random() < 0.9:
                build.feedback(d, start - 4 - rng.randint(1, 12))
            build.weging(
                d,
                "tweede",
                start - 15,
                traject_zorg_strafrecht=rng.random() < 0.4 or None,
            )
            build.plan(d, start - 25)
            d.stage_id = build.ref("stage_uitvoering")
            build.interventies(d, start - 30, done=True)
            d.stage_id = build.ref("stage_nazorg")
            closed_days = max(start - 45, 1)
            build.close(d, evaluatie_days=20 - closed_days)
        d.date_closed = build.today() - timedelta(days=closed_days)
        if d.stage_id.closing_type == "afgesloten" and closed_days > 50:
            # held a month after closing; the nazorg was checked after three
            for evaluatie in d.evaluatie_ids:
                evaluatie.date_done = d.date_closed + timedelta(days=30)
                evaluatie.action_done()
            if closed_days > 100:
                d.nazorg_check_date = d.date_closed + timedelta(
                    days=rng.randint(85, 100)
                )
        d.melding_ids.write({"state": "afgerond"})
        closed |= d
        if i == 0:
            build.xmlid("demo_dossier_historic_first", d)
    # The stage history of these dossiers happened in the past too (the
    # closing dates above written first).
    build.env.flush_all()
    build.env.cr.execute(
        """
        UPDATE keten_dossier_stage_history h
           SET date_start = LEAST(h.date_start, d.date_closed::timestamp),
               date_end = CASE WHEN h.date_end IS NULL THEN NULL
                          ELSE LEAST(h.date_end, d.date_closed::timestamp) END
          FROM keten_dossier d
         WHERE d.id = h.dossier_id AND d.id = ANY(%s)
        """,
        [closed.ids],
    )
    build.env.cr.execute(
        "UPDATE keten_dossier SET date_last_stage_update = date_closed::timestamp"
        " WHERE id = ANY(%s)",
        [closed.ids],
    )
    build.env.invalidate_all()
    return closed
