"""The need-to-know specification, written by hand from issue #3.

Do not derive these expectations from the record rules: the matrix tests compare
what the ORM and the JSON-RPC layer do with what this table says, so a rule
that is too wide (or too narrow) makes them fail.

Every row is ``user: (read, write, create, unlink)``; each entry lists the record
labels (see ``RECORDS`` in ``test_access_matrix.py``) for which the operation
must succeed. Every other label must be refused. ``read`` also decides what
``search`` returns. For ``create`` the labels are the create variants of the
model (``CREATES``), e.g. "A" = a record on dossier A.

Involvement in the grid (``KetenAccessCase``):

* dossier A: Gemeente (registering), Veilig Thuis (meldpunt), ZVH (regie,
  invited to the overleg), GGD (invited for A), Politie (strafrechtelijke
  interventie). Strafrecht track: Politie.
* dossier B: Moviera (registering), Veilig Thuis, ZVH, Arbeidsinspectie
  (strafrechtelijke interventie). Strafrecht track: Arbeidsinspectie.
* RIEC: procesbegeleider of the casus evaluatie of A, not involved in A.
* School (secundair) has a melding without dossier about person P.

Users: melder_school, melder_gemeente (Melder); partner_ggd, partner_gemeente,
partner_moviera, partner_riec (Ketenpartner); regie_zvh, regie_meldpunt
(Ketenregie of ZVH and Veilig Thuis); justitie_politie, justitie_ai
(Ketenpartner + Justitie); rapportage; privacy (Privacy officer); beheerder
(ZVH); finance (internal user without any keten group).
"""

NOTHING = ("", "", "", "")
KETEN_USERS = (
    "melder_school",
    "melder_gemeente",
    "partner_ggd",
    "partner_gemeente",
    "partner_moviera",
    "partner_riec",
    "regie_zvh",
    "regie_meldpunt",
    "justitie_politie",
    "justitie_ai",
    "rapportage",
    "privacy",
    "beheerder",
)
USERS = KETEN_USERS + ("finance",)


def _config(read_only=(), **rows):
    """Configuration: every keten user reads; only the Beheerder changes."""
    spec = {user: ("X", "", "", "") for user in KETEN_USERS}
    spec["finance"] = NOTHING
    spec["beheerder"] = ("X", "X", "new", "X")
    spec.update(rows)
    return spec


SPEC = {
    # ------------------------------------------------------------------
    # Configuration
    # ------------------------------------------------------------------
    "keten.hoofdstap": _config(),
    "keten.gemeente": _config(),
    "keten.verschijningsvorm": _config(),
    "keten.organisation": _config(),
    "keten.rasci": _config(),
    # The legal basis of each partner for receiving data (#10): configuration.
    "keten.legal.basis": _config(),
    "keten.stage": _config(
        regie_zvh=("X", "X", "new", ""),
        regie_meldpunt=("X", "X", "new", ""),
    ),
    # Hoofdstap 1 works on activities of the chain, not on cases.
    "keten.preventie": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("X", "X", "new", ""),
        "partner_gemeente": ("X", "X", "new", ""),
        "partner_moviera": ("X", "X", "new", ""),
        "partner_riec": ("X", "X", "new", ""),
        "regie_zvh": ("X", "X", "new", ""),
        "regie_meldpunt": ("X", "X", "new", ""),
        "justitie_politie": ("X", "X", "new", ""),
        "justitie_ai": ("X", "X", "new", ""),
        "rapportage": ("X", "", "", ""),
        "privacy": NOTHING,
        "beheerder": ("X", "X", "new", "X"),
        "finance": NOTHING,
    },
    # ------------------------------------------------------------------
    # Persons: V victim (A), S suspect (A), N network (only linked in A),
    # O other (B), P person of the school's melding (no dossier).
    # ------------------------------------------------------------------
    "keten.person": {
        "melder_school": ("P", "P", "new", ""),
        "melder_gemeente": ("V S", "V S", "new", ""),  # through melding A only
        "partner_ggd": ("V S N", "V S N", "new", ""),
        "partner_gemeente": ("V S N", "V S N", "new", ""),
        "partner_moviera": ("O", "O", "new", ""),
        "partner_riec": ("", "", "new", ""),
        "regie_zvh": ("V S N O P", "V S N O P", "new", ""),
        "regie_meldpunt": ("V S N O P", "V S N O P", "new", ""),
        "justitie_politie": ("V S N", "V S N", "new", ""),
        "justitie_ai": ("O", "O", "new", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("V S N O P", "V S N O P", "new", "V S N O P"),
        "finance": NOTHING,
    },
    # ------------------------------------------------------------------
    # Meldingen: MA (gemeente, dossier A), MB (Moviera, dossier B), MS (school,
    # no dossier). Create variants: the receiving organisation; "A-self" links
    # the new melding to dossier A for the user's own organisation.
    # ------------------------------------------------------------------
    "keten.melding": {
        "melder_school": ("MS", "MS", "gemeente moviera school", ""),
        "melder_gemeente": ("MA", "", "gemeente moviera school", ""),
        "partner_ggd": ("MA", "MA", "gemeente moviera school A-self", ""),
        "partner_gemeente": ("MA", "MA", "gemeente moviera school A-self", ""),
        "partner_moviera": ("MB", "MB", "gemeente moviera school", ""),
        "partner_riec": ("", "", "gemeente moviera school", ""),
        "regie_zvh": ("MA MB MS", "MA MB MS", "gemeente moviera school A-self", ""),
        "regie_meldpunt": (
            "MA MB MS",
            "MA MB MS",
            "gemeente moviera school A-self",
            "",
        ),
        "justitie_politie": ("MA", "MA", "gemeente moviera school A-self", ""),
        "justitie_ai": ("MB", "MB", "gemeente moviera school", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": (
            "MA MB MS",
            "MA MB MS",
            "gemeente moviera school A-self",
            "MA MB MS",
        ),
        "finance": NOTHING,
    },
    # ------------------------------------------------------------------
    # Dossiers. Create "A": registered by the gemeente, regie ZVH;
    # "B": registered by Moviera. Both with meldpunt Veilig Thuis.
    # ------------------------------------------------------------------
    "keten.dossier": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("A", "A", "", ""),
        "partner_gemeente": ("A", "A", "A", ""),
        "partner_moviera": ("B", "B", "B", ""),
        "partner_riec": NOTHING,
        "regie_zvh": ("A B", "A B", "A B", ""),
        "regie_meldpunt": ("A B", "A B", "A B", ""),
        "justitie_politie": ("A", "A", "", ""),
        "justitie_ai": ("B", "B", "", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("A B", "A B", "A B", "A B"),
        "finance": NOTHING,
    },
    # Person roles: A (victim in A), N (network person in A), B (other in B).
    # Create "A"/"B": a person of that dossier in another role; "A-P": the
    # school's person (whom only the school and ketenregie may see) linked
    # into dossier A.
    "keten.dossier.person": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("A N", "A N", "A", "A N"),
        "partner_gemeente": ("A N", "A N", "A", "A N"),
        "partner_moviera": ("B", "B", "B", "B"),
        "partner_riec": NOTHING,
        "regie_zvh": ("A N B", "A N B", "A B A-P", "A N B"),
        "regie_meldpunt": ("A N B", "A N B", "A B A-P", "A N B"),
        "justitie_politie": ("A N", "A N", "A", "A N"),
        "justitie_ai": ("B", "B", "B", "B"),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("A N B", "A N B", "A B A-P", "A N B"),
        "finance": NOTHING,
    },
    # Stage history is written by the system only.
    "keten.dossier.stage.history": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("A", "", "", ""),
        "partner_gemeente": ("A", "", "", ""),
        "partner_moviera": ("B", "", "", ""),
        "partner_riec": NOTHING,
        "regie_zvh": ("A B", "", "", ""),
        "regie_meldpunt": ("A B", "", "", ""),
        "justitie_politie": ("A", "", "", ""),
        "justitie_ai": ("B", "", "", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("A B", "", "", ""),
        "finance": NOTHING,
    },
    # ------------------------------------------------------------------
    # Wegingen (ketenregie runs them): WA confirmed on A, WB concept on B;
    # bewijsmiddelen BA (on WA) and BB (on WB).
    # ------------------------------------------------------------------
    "keten.weging": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("WA", "", "", ""),
        "partner_gemeente": ("WA", "", "", ""),
        "partner_moviera": ("WB", "", "", ""),
        "partner_riec": NOTHING,
        "regie_zvh": ("WA WB", "WA WB", "A B", ""),
        "regie_meldpunt": ("WA WB", "WA WB", "A B", ""),
        "justitie_politie": ("WA", "", "", ""),
        "justitie_ai": ("WB", "", "", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("WA WB", "WA WB", "A B", "WA WB"),
        "finance": NOTHING,
    },
    "keten.bewijsmiddel": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("BA", "", "", ""),
        "partner_gemeente": ("BA", "", "", ""),
        "partner_moviera": ("BB", "", "", ""),
        "partner_riec": NOTHING,
        "regie_zvh": ("BA BB", "BA BB", "A B", "BA BB"),
        "regie_meldpunt": ("BA BB", "BA BB", "A B", "BA BB"),
        "justitie_politie": ("BA", "", "", ""),
        "justitie_ai": ("BB", "", "", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("BA BB", "BA BB", "A B", "BA BB"),
        "finance": NOTHING,
    },
    # ------------------------------------------------------------------
    # Casusoverleg O: agenda A and B, ZVH invited, GGD invited for A.
    # O2: no agenda, Moviera invited. Only invited organisations see an
    # overleg (calendar); agenda items follow the dossier.
    # ------------------------------------------------------------------
    "keten.casusoverleg": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("O", "", "", ""),
        "partner_gemeente": NOTHING,
        "partner_moviera": ("O2", "", "", ""),
        "partner_riec": NOTHING,
        "regie_zvh": ("O O2", "O O2", "new", ""),
        "regie_meldpunt": ("O O2", "O O2", "new", ""),
        "justitie_politie": NOTHING,
        "justitie_ai": NOTHING,
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("O O2", "O O2", "new", "O O2"),
        "finance": NOTHING,
    },
    # Items IA (O, dossier A) and IB (O, dossier B); create on O2.
    "keten.casusoverleg.item": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("IA", "", "", ""),
        "partner_gemeente": ("IA", "", "", ""),
        "partner_moviera": ("IB", "", "", ""),
        "partner_riec": NOTHING,
        "regie_zvh": ("IA IB", "IA IB", "A B", "IA IB"),
        "regie_meldpunt": ("IA IB", "IA IB", "A B", "IA IB"),
        "justitie_politie": ("IA", "", "", ""),
        "justitie_ai": ("IB", "", "", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("IA IB", "IA IB", "A B", "IA IB"),
        "finance": NOTHING,
    },
    # Attendance AT (ZVH at O) and AT2 (Moviera at O2); create RIEC at O / O2.
    "keten.casusoverleg.attendee": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("AT", "", "", ""),
        "partner_gemeente": NOTHING,
        "partner_moviera": ("AT2", "", "", ""),
        "partner_riec": NOTHING,
        "regie_zvh": ("AT AT2", "AT AT2", "O O2", "AT AT2"),
        "regie_meldpunt": ("AT AT2", "AT AT2", "O O2", "AT AT2"),
        "justitie_politie": NOTHING,
        "justitie_ai": NOTHING,
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("AT AT2", "AT AT2", "O O2", "AT AT2"),
        "finance": NOTHING,
    },
    # ------------------------------------------------------------------
    # Plannen PA (adopted, A) and PB (concept, B). Actions: GEM and GGD on PA,
    # MOV on PB. Partners change only the actions of their own organisation.
    # ------------------------------------------------------------------
    "keten.plan": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("PA", "", "", ""),
        "partner_gemeente": ("PA", "", "", ""),
        "partner_moviera": ("PB", "", "", ""),
        "partner_riec": NOTHING,
        "regie_zvh": ("PA PB", "PA PB", "A B", ""),
        "regie_meldpunt": ("PA PB", "PA PB", "A B", ""),
        "justitie_politie": ("PA", "", "", ""),
        "justitie_ai": ("PB", "", "", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("PA PB", "PA PB", "A B", "PA PB"),
        "finance": NOTHING,
    },
    "keten.plan.action": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("GEM GGD", "GGD", "", ""),
        "partner_gemeente": ("GEM GGD", "GEM", "", ""),
        "partner_moviera": ("MOV", "MOV", "", ""),
        "partner_riec": NOTHING,
        "regie_zvh": ("GEM GGD MOV", "GEM GGD MOV", "A B", "GEM GGD MOV"),
        "regie_meldpunt": ("GEM GGD MOV", "GEM GGD MOV", "A B", "GEM GGD MOV"),
        "justitie_politie": ("GEM GGD", "", "", ""),
        "justitie_ai": ("MOV", "", "", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("GEM GGD MOV", "GEM GGD MOV", "A B", "GEM GGD MOV"),
        "finance": NOTHING,
    },
    # ------------------------------------------------------------------
    # Interventies: IZA (zorg, gemeente, A), ISA (strafrechtelijk, Politie, A),
    # IZB (opvang, Moviera, B), ISB (strafrechtelijk, Arbeidsinspectie, B).
    # Create: "A"/"B" zorg for the gemeente / Moviera; "SA"/"SB"
    # strafrechtelijk for Politie / Arbeidsinspectie; "A-self"/"B-self" zorg
    # for the user's own organisation (a partner cannot involve itself).
    # ------------------------------------------------------------------
    "keten.interventie": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("IZA", "", "A-self", ""),
        "partner_gemeente": ("IZA", "IZA", "A A-self", ""),
        "partner_moviera": ("IZB", "IZB", "B B-self", ""),
        "partner_riec": NOTHING,
        "regie_zvh": ("IZA IZB", "IZA IZB", "A B A-self B-self", ""),
        "regie_meldpunt": ("IZA IZB", "IZA IZB", "A B A-self B-self", ""),
        "justitie_politie": ("IZA ISA", "ISA", "SA A-self", ""),
        "justitie_ai": ("IZB ISB", "ISB", "SB B-self", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("IZA IZB", "IZA IZB", "A B A-self B-self", "IZA IZB"),
        "finance": NOTHING,
    },
    # Criminal-investigation information: Justitie of an involved organisation.
    "keten.strafrecht": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": NOTHING,
        "partner_gemeente": NOTHING,
        "partner_moviera": NOTHING,
        "partner_riec": NOTHING,
        "regie_zvh": NOTHING,
        "regie_meldpunt": NOTHING,
        "justitie_politie": ("SA", "SA", "A", ""),
        "justitie_ai": ("SB", "SB", "B", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": NOTHING,
        "finance": NOTHING,
    },
    # ------------------------------------------------------------------
    # Evaluaties EA (casus A, procesbegeleider RIEC), EB (casus B), EK (chain
    # level); lessons LA, LB, LK. The procesbegeleider reads the evaluation it
    # leads without seeing the dossier.
    # ------------------------------------------------------------------
    "keten.evaluatie": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("EA EK", "", "", ""),
        "partner_gemeente": ("EA EK", "", "", ""),
        "partner_moviera": ("EB EK", "", "", ""),
        "partner_riec": ("EA EK", "", "", ""),
        "regie_zvh": ("EA EB EK", "EA EB EK", "A B K", ""),
        "regie_meldpunt": ("EA EB EK", "EA EB EK", "A B K", ""),
        "justitie_politie": ("EA EK", "", "", ""),
        "justitie_ai": ("EB EK", "", "", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("EA EB EK", "EA EB EK", "A B K", "EA EB EK"),
        "finance": NOTHING,
    },
    "keten.lesson": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("LA LK", "", "", ""),
        "partner_gemeente": ("LA LK", "", "", ""),
        "partner_moviera": ("LB LK", "", "", ""),
        "partner_riec": ("LA LK", "", "", ""),
        "regie_zvh": ("LA LB LK", "LA LB LK", "A B K", "LA LB LK"),
        "regie_meldpunt": ("LA LB LK", "LA LB LK", "A B K", "LA LB LK"),
        "justitie_politie": ("LA LK", "", "", ""),
        "justitie_ai": ("LB LK", "", "", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("LA LB LK", "LA LB LK", "A B K", "LA LB LK"),
        "finance": NOTHING,
    },
    # ------------------------------------------------------------------
    # Who-viewed log: LD (a read of dossier A), LP (a read of person V).
    # Readable by ketenregie, Beheerder and the privacy officer; nobody
    # changes, creates or deletes rows.
    # ------------------------------------------------------------------
    "keten.access.log": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": NOTHING,
        "partner_gemeente": NOTHING,
        "partner_moviera": NOTHING,
        "partner_riec": NOTHING,
        "regie_zvh": ("LD LP", "", "", ""),
        "regie_meldpunt": ("LD LP", "", "", ""),
        "justitie_politie": NOTHING,
        "justitie_ai": NOTHING,
        "rapportage": NOTHING,
        "privacy": ("LD LP", "", "", ""),
        "beheerder": ("LD LP", "", "", ""),
        "finance": NOTHING,
    },
    # The involve wizard only opens on a dossier the user works on.
    "keten.involve.organisation.wizard": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("", "", "A", ""),
        "partner_gemeente": ("", "", "A", ""),
        "partner_moviera": ("", "", "B", ""),
        "partner_riec": NOTHING,
        "regie_zvh": ("", "", "A B", ""),
        "regie_meldpunt": ("", "", "A B", ""),
        "justitie_politie": ("", "", "A", ""),
        "justitie_ai": ("", "", "B", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("", "", "A B", ""),
        "finance": NOTHING,
    },
    # Figures without records: the SQL view is read through read_group only
    # (pivot and graph, Ketenregie and Rapportage); no row is ever read.
    "keten.rapportage": {user: NOTHING for user in USERS},
    # The workbook is asked for by Ketenregie and Rapportage (region-wide
    # aggregates); each request is seen only by whoever made it.
    "keten.rapportage.wizard": {
        user: (
            ("", "", "new", "")
            if user in ("regie_zvh", "regie_meldpunt", "rapportage", "beheerder")
            else NOTHING
        )
        for user in USERS
    },
    # ------------------------------------------------------------------
    # Intake (#6). Rate-limit rows (R) are written by the web form as
    # superuser; no user reads or changes them.
    # ------------------------------------------------------------------
    "keten.intake.attempt": {user: NOTHING for user in USERS},
    # Review of possibly known persons: it opens only on a melding (MA MB MS)
    # or dossier (A B) the user may read; a review (W, opened by the meldpunt)
    # and its line (WL) are seen by the user who opened it only.
    "keten.person.duplicate.wizard": {
        "melder_school": ("", "", "MS", ""),
        "melder_gemeente": ("", "", "MA", ""),
        "partner_ggd": ("", "", "MA A", ""),
        "partner_gemeente": ("", "", "MA A", ""),
        "partner_moviera": ("", "", "MB B", ""),
        "partner_riec": ("", "", "", ""),
        "regie_zvh": ("", "", "MA MB MS A B", ""),
        "regie_meldpunt": ("W", "W", "MA MB MS A B", ""),
        "justitie_politie": ("", "", "MA A", ""),
        "justitie_ai": ("", "", "MB B", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("", "", "MA MB MS A B", ""),
        "finance": NOTHING,
    },
    "keten.person.duplicate.wizard.line": {
        "melder_school": ("", "", "", ""),
        "melder_gemeente": ("", "", "", ""),
        "partner_ggd": ("", "", "", ""),
        "partner_gemeente": ("", "", "", ""),
        "partner_moviera": ("", "", "", ""),
        "partner_riec": ("", "", "", ""),
        "regie_zvh": ("", "", "", ""),
        "regie_meldpunt": ("WL", "WL", "W", ""),
        "justitie_politie": ("", "", "", ""),
        "justitie_ai": ("", "", "", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("", "", "", ""),
        "finance": NOTHING,
    },
    # Merging persons is for the ketenregie; a prepared merge (MW, by the ZVH)
    # is seen by the user who prepared it only.
    "keten.person.merge.wizard": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": NOTHING,
        "partner_gemeente": NOTHING,
        "partner_moviera": NOTHING,
        "partner_riec": NOTHING,
        "regie_zvh": ("MW", "MW", "new", ""),
        "regie_meldpunt": ("", "", "new", ""),
        "justitie_politie": NOTHING,
        "justitie_ai": NOTHING,
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("", "", "new", ""),
        "finance": NOTHING,
    },
    # ------------------------------------------------------------------
    # AVG (#10). BO: dossier A shared with the RIEC without a valid basis,
    # recorded by the system; the ketenregie and the privacy officer read it,
    # nobody changes or makes one by hand.
    # ------------------------------------------------------------------
    "keten.basis.override": {
        user: (
            ("BO", "", "", "")
            if user in ("regie_zvh", "regie_meldpunt", "privacy", "beheerder")
            else NOTHING
        )
        for user in USERS
    },
    # Consents follow the person: CV of the victim V (dossier A), CO of person O
    # (dossier B); create "A" for V, "B" for O. Nobody deletes one (withdraw
    # it); the privacy officer reads them all.
    "keten.consent": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("CV", "CV", "A", ""),
        "partner_gemeente": ("CV", "CV", "A", ""),
        "partner_moviera": ("CO", "CO", "B", ""),
        "partner_riec": NOTHING,
        "regie_zvh": ("CV CO", "CV CO", "A B", ""),
        "regie_meldpunt": ("CV CO", "CV CO", "A B", ""),
        "justitie_politie": ("CV", "CV", "A", ""),
        "justitie_ai": ("CO", "CO", "B", ""),
        "rapportage": NOTHING,
        "privacy": ("CV CO", "", "", ""),
        "beheerder": ("CV CO", "CV CO", "A B", ""),
        "finance": NOTHING,
    },
    # The record of changes of personal data (RV: a change of V's phone):
    # privacy officer only; written by the system, never changed.
    "keten.rectification": {
        user: (("RV", "", "", "") if user in ("privacy", "beheerder") else NOTHING)
        for user in USERS
    },
    # Requests of data subjects (AR: an inzage request about V): the privacy
    # officer; a request is never deleted (accountability).
    "keten.avg.request": {
        user: (("AR", "AR", "new", "") if user in ("privacy", "beheerder") else NOTHING)
        for user in USERS
    },
    "keten.processing.register.wizard": {
        user: ("", "", "new", "") if user in ("privacy", "beheerder") else NOTHING
        for user in USERS
    },
    # Retention: the preview of the next run and its button, privacy officer only.
    "keten.retention.wizard": {
        user: ("", "", "new", "") if user in ("privacy", "beheerder") else NOTHING
        for user in USERS
    },
    "keten.retention.wizard.line": {
        user: ("", "", "new", "") if user in ("privacy", "beheerder") else NOTHING
        for user in USERS
    },
    # ------------------------------------------------------------------
    # Termijnen (#4). The termijnen themselves are configuration: read by every
    # keten user, changed by the Beheerder, never created or deleted (one per
    # code; archive it instead). Deadlines DA (melding A), DB (melding B), DS
    # (the school's melding, no dossier) follow their dossier or melding and are
    # written by the records of the case only. The signaleringslijst (GA: dossier
    # A, GS: the school's melding) is the ketenregie's.
    # ------------------------------------------------------------------
    "keten.termijn": _config(beheerder=("X", "X", "", "")),
    "keten.deadline": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("DA", "", "", ""),
        "partner_gemeente": ("DA", "", "", ""),
        "partner_moviera": ("DB", "", "", ""),
        "partner_riec": NOTHING,
        "regie_zvh": ("DA DB DS", "", "", ""),
        "regie_meldpunt": ("DA DB DS", "", "", ""),
        "justitie_politie": ("DA", "", "", ""),
        "justitie_ai": ("DB", "", "", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("DA DB DS", "", "", ""),
        "finance": NOTHING,
    },
    # ------------------------------------------------------------------
    # Documents (#21): DA a verslag on dossier A about V (added by the
    # gemeente), DM a medical statement on A (GGD), DJ a proces-verbaal on the
    # criminal track of A (Politie), DB a document on B (Moviera), DP a
    # document on person P only (Veilig Thuis). Create: "A" a verslag on A,
    # "AM" a medical statement on A, "SA" a document on the criminal track of A,
    # "B" one on B, "P" one on person P; always for the user's own organisation.
    # Medical: zorg partners involved and the ketenregie; criminal track:
    # Justitie of an involved organisation; the rest follows the dossier.
    # ------------------------------------------------------------------
    "keten.document": {
        "melder_school": NOTHING,
        "melder_gemeente": NOTHING,
        "partner_ggd": ("DA DM", "DM", "A AM", "DM"),
        "partner_gemeente": ("DA", "DA", "A", "DA"),
        "partner_moviera": ("DB", "DB", "B", "DB"),
        "partner_riec": NOTHING,
        "regie_zvh": ("DA DM DB DP", "DA DM DB DP", "A AM B P", "DA DM DB DP"),
        "regie_meldpunt": ("DA DM DB DP", "DA DM DB DP", "A AM B P", "DA DM DB DP"),
        "justitie_politie": ("DA DJ", "DJ", "A SA", "DJ"),
        "justitie_ai": ("DB", "", "B", ""),
        "rapportage": NOTHING,
        "privacy": NOTHING,
        "beheerder": ("DA DM DB DP", "DA DM DB DP", "A AM B P", "DA DM DB DP"),
        "finance": NOTHING,
    },
    # CoMensha registration CR (victim V of dossier A, with her consent): made
    # by the system, reported by the ketenregie, read by the privacy officer;
    # never deleted (withdrawn with the consent). The export (W: somebody
    # else's) is seen by whoever made it.
    "keten.comensha.registration": {
        user: (
            ("CR", "CR", "", "")
            if user in ("regie_zvh", "regie_meldpunt", "beheerder")
            else ("CR", "", "", "")
            if user == "privacy"
            else NOTHING
        )
        for user in USERS
    },
    "keten.comensha.export.wizard": {
        user: (
            ("", "", "new", "")
            if user in ("regie_zvh", "regie_meldpunt", "beheerder")
            else NOTHING
        )
        for user in USERS
    },
    "keten.signalering": {
        user: ("GA GS", "", "", "")
        if user in ("regie_zvh", "regie_meldpunt", "beheerder")
        else NOTHING
        for user in USERS
    },
}
