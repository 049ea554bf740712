"""P5: the access log at volume (docs/benchmarks.md).

    python3 bench/run.py --n 10000 --only p5 --log-rows 5000000

The log is filled in bulk SQL, once per database, with rows spread over ten
years: 60 % dossier reads, 25 % person reads, 15 % melding reads, by the
benchmark users. Then, each a median of --runs runs:

* the overhead of logging: a partner's read of one dossier form with the log
  against the same read with logging switched off;
* "who viewed this person": the privacy officer's list of the log rows about
  the most-viewed person (the first page and the count, as the web client asks
  them), with the index on (res_model, res_id) and, in the same run, without it;
* the inzage report (AVG art. 15) of that person, rendered as HTML;
* erasing one dossier's log rows, as the retention job does per dossier.

The EXPLAIN ANALYZE of the lookup, with and without the index, goes into the
result. Everything but the seeded log is rolled back.
"""

import time

from run import P, form_spec, paired, rolled_back

INDEX = "keten_access_log_res_model_res_id_index"
SHARES = (("keten.dossier", 0.60), ("keten.person", 0.85), ("keten.melding", 1.0))


def seed_access_log(env, rows, batch=1_000_000):
    """Top the log up to ``rows`` rows; returns the number of rows."""
    cr = env.cr
    cr.execute("SELECT count(*) FROM keten_access_log")
    have = cr.fetchone()[0]
    cr.execute("SELECT setseed(0.5)")
    while have < rows:
        count = min(batch, rows - have)
        started = time.perf_counter()
        cr.execute(
            """
            WITH d AS (SELECT array_agg(id) AS ids FROM keten_dossier),
                 p AS (SELECT array_agg(id) AS ids FROM keten_person),
                 m AS (SELECT array_agg(id) AS ids, array_agg(dossier_id) AS dos
                         FROM keten_melding),
                 u AS (SELECT array_agg(id) AS ids, array_agg(login) AS logins
                         FROM res_users WHERE login LIKE 'bench.%%')
            INSERT INTO keten_access_log (
                user_id, login, role, organisation_names, res_model, res_id,
                record_ref, dossier_res_id, person_res_id, path, action,
                create_uid, create_date, write_uid, write_date)
            SELECT u.ids[x.ui], u.logins[x.ui], 'Ketenpartner', 'Bench',
                   x.model, x.res_id, x.model || ',' || x.res_id,
                   CASE x.model WHEN 'keten.dossier' THEN x.res_id
                                WHEN 'keten.melding' THEN m.dos[x.mi] END,
                   CASE x.model WHEN 'keten.person' THEN x.res_id END,
                   CASE WHEN x.k < 0.7 THEN 'form' ELSE 'list' END, 'read',
                   u.ids[x.ui], x.at, u.ids[x.ui], x.at
              FROM generate_series(1, %(count)s) AS g, d, p, m, u,
                   LATERAL (
                       SELECT y.*,
                              CASE WHEN y.k < %(d)s THEN 'keten.dossier'
                                   WHEN y.k < %(p)s THEN 'keten.person'
                                   ELSE 'keten.melding' END AS model,
                              CASE WHEN y.k < %(d)s THEN d.ids[y.di]
                                   WHEN y.k < %(p)s THEN p.ids[y.pi]
                                   ELSE m.ids[y.mi] END AS res_id
                         FROM (SELECT random() + 0 * g AS k,
                                      1 + floor(random() * cardinality(d.ids))::int
                                          AS di,
                                      1 + floor(random() * cardinality(p.ids))::int
                                          AS pi,
                                      1 + floor(random() * cardinality(m.ids))::int
                                          AS mi,
                                      1 + floor(random() * cardinality(u.ids))::int
                                          AS ui,
                                      now() at time zone 'UTC'
                                          - random() * interval '3652 days' AS at
                              ) AS y
                   ) AS x
            """,
            {"count": count, "d": SHARES[0][1], "p": SHARES[1][1]},
        )
        have += count
        env.cr.commit()
        print(
            f"access log: {have} rows ({time.perf_counter() - started:.0f} s for "
            f"{count})",
            flush=True,
        )
    env.cr.execute("ANALYZE keten_access_log")
    return have


def most_viewed_person(env):
    """The person with the most log rows about them, through their dossiers."""
    env.cr.execute(
        """
        SELECT dp.person_id, count(*)
          FROM keten_access_log l
          JOIN keten_dossier_person dp ON dp.dossier_id = l.dossier_res_id
         GROUP BY dp.person_id ORDER BY count(*) DESC LIMIT 1
        """
    )
    return env["keten.person"].browse(env.cr.fetchone()[0])


def privacy_officer(env):
    Users = env["res.users"].with_context(no_reset_password=True)
    user = Users.search([("login", "=", "bench.privacy")])
    if not user:
        user = Users.create(
            {
                "name": "Bench Privacy officer",
                "login": "bench.privacy",
                "groups_id": [(6, 0, [env.ref(P + "group_privacy").id])],
            }
        )
    return user


def who_viewed(env, user, person):
    Log = env["keten.access.log"].with_user(user)
    domain = [("concerned_person", "=", f"P-{person.id}")]
    spec = {name: {} for name in ("create_date", "login", "record_ref", "path")}
    return lambda: Log.web_search_read(domain, spec, limit=80)


def explain(env, user, person):
    Log = env["keten.access.log"].with_user(user)
    query = Log._search([("concerned_person", "=", f"P-{person.id}")])
    sql = query.select()
    env.cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql.code, sql.params)
    return "\n".join(line for (line,) in env.cr.fetchall())


def without_index(env, func):
    """``func()`` with the (res_model, res_id) index dropped in a savepoint."""

    def run():
        with env.cr.savepoint():
            env.cr.execute(f"DROP INDEX IF EXISTS {INDEX}")
            return func()

    return run


def inzage(env, user, person):
    request = (
        env["keten.avg.request"]
        .with_user(user)
        .create(
            {
                "request_type": "inzage",
                "channel": "brief",
                "subject_name": person.sudo().name,
                "identity_note": "Benchmark",
            }
        )
    )
    request.sudo().write({"person_id": person.id, "person_found": "found"})
    request.action_verify_identity()
    report = env["ir.actions.report"].with_user(user)
    return lambda: report._render_qweb_html(
        P + "keten_avg_request_report_inzage", request.ids
    )


def measure_p5(env, runs, log_rows):
    rows = seed_access_log(env, log_rows)
    partner = env["res.users"].search([("login", "=", "bench.partner")])
    officer = privacy_officer(env)
    person = most_viewed_person(env)
    dossier = env["keten.dossier"].with_user(partner).search([], limit=1)
    spec = form_spec(env["keten.dossier"].with_user(partner))
    Dossier = env["keten.dossier"].with_user(partner)
    reads = paired(
        env,
        {
            "logged": lambda: Dossier.browse(dossier.id).web_read(spec),
            "unlogged": lambda: (
                Dossier.with_context(keten_skip_access_log=True)
                .browse(dossier.id)
                .web_read(spec)
            ),
        },
        runs,
    )
    lookup = who_viewed(env, officer, person)
    viewed = paired(
        env, {"index": lookup, "no index": without_index(env, lookup)}, runs
    )
    plans = {"index": explain(env, officer, person)}
    with env.cr.savepoint(flush=False) as savepoint:
        env.cr.execute(f"DROP INDEX {INDEX}")
        plans["no index"] = explain(env, officer, person)
        savepoint.rollback()
    with rolled_back(env):
        report = paired(env, {"inzage": inzage(env, officer, person)}, runs)
    erased = paired(
        env,
        {
            "erase": lambda: env["keten.access.log"]._purge(
                "dossier_res_id = ANY(%s) OR "
                "(res_model = 'keten.dossier' AND res_id = ANY(%s))",
                [dossier.ids, dossier.ids],
            )
        },
        runs,
    )
    env.cr.execute(
        "SELECT count(*) FROM keten_access_log WHERE dossier_res_id = %s",
        dossier.ids,
    )
    dossier_rows = env.cr.fetchone()[0]
    env.cr.execute(
        "SELECT count(*) FROM keten_access_log l WHERE l.dossier_res_id IN "
        "(SELECT dossier_id FROM keten_dossier_person WHERE person_id = %s) "
        "OR l.person_res_id = %s",
        [person.id, person.id],
    )
    person_rows = env.cr.fetchone()[0]
    env.cr.rollback()
    return {
        "log_rows": rows,
        "person_rows": person_rows,
        "dossier_rows": dossier_rows,
        "read": reads,
        "read_ratio": reads["logged"]["median"] / reads["unlogged"]["median"],
        "who_viewed": viewed,
        "plans": plans,
        "inzage": report["inzage"],
        "erase": erased["erase"],
    }


def report_lines(p5):
    """Markdown lines of a P5 result."""
    read, viewed = p5["read"], p5["who_viewed"]
    ms = 1000
    return [
        f"P5, access log of {p5['log_rows']:,} rows "
        f"(person: {p5['person_rows']:,} rows, dossier: {p5['dossier_rows']:,})",
        "",
        "| measure | median | queries | reference | target |",
        "|---|---|---|---|---|",
        f"| dossier form read, logged | {read['logged']['median'] * ms:.1f} ms "
        f"| {read['logged']['queries']} | unlogged "
        f"{read['unlogged']['median'] * ms:.1f} ms, ratio {p5['read_ratio']:.2f} "
        "| ≤ 1.3× |",
        f"| who viewed this person | {viewed['index']['median'] * ms:.1f} ms "
        f"| {viewed['index']['queries']} | without the (res_model, res_id) index "
        f"{viewed['no index']['median'] * ms:.1f} ms | ≤ 200 ms |",
        f"| inzage report | {p5['inzage']['median'] * ms:.0f} ms "
        f"| {p5['inzage']['queries']} | | ≤ 5 s |",
        f"| erase one dossier's log rows | {p5['erase']['median'] * ms:.1f} ms "
        f"| {p5['erase']['queries']} | | bounded per dossier |",
    ]
