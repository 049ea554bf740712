"""The ten pilot-like dossiers of Noord- en Oost-Gelderland.

The pilot of the region had ten cases, every form of exploitation at least
once; these ten are spread over every hoofdstap, each walked through the steps
its stage needs. Two secondary partners hand in a situatieschets, one
casusoverleg was held and the next one is planned. All invented.
"""


def load_pilot_dossiers(build):
    """Pilot dossiers 1 to 10 (XML ids ``demo_dossier_<n>``), in stage order."""
    g, orgs, users = build.gemeenten, build.orgs, build.users
    pilots = []

    def add(key, dossier):
        build.xmlid("demo_dossier_" + key, dossier)
        pilots.append(dossier)
        return dossier

    # 1. Signaleren / ontvangen: arbeidsuitbuiting in de agrarische sector.
    # The victim is the first open one: the intake demo
    # (demo/intake.py) reports a student about her again.
    victim = build.person(g["Oldebroek"], age=19)
    suspect = build.person(g["Elburg"], female=False, age=48)
    m = build.melding(
        1,
        orgs["arbeidsinspectie"],
        users["arbeidsinspectie"],
        [victim],
        [suspect],
        ["vorm_arbeid"],
        g["Oldebroek"],
        location_type="agrarisch",
        content="Een studente werkt 's avonds en in het weekend bij een "
        "teler; de oogstwerkers slapen in een schuur, moeten hun paspoort "
        "inleveren en hun loon gaat naar de ronselaar (demo).",
    )
    add("1", build.dossier(m, zorg=False))

    # 2. Signaleren / verrijken: criminele uitbuiting, minderjarige.
    victim = build.person(g["Doetinchem"], female=False, age=16)
    m = build.melding(
        4,
        orgs["jeugd"],
        users["jeugd"],
        [victim],
        [],
        ["vorm_crimineel"],
        g["Doetinchem"],
        location_type="openbare_ruimte",
        content="Jongen moet drugs rondbrengen om een 'schuld' af te betalen (demo).",
    )
    d = add("2", build.dossier(m, zorg=False))
    d.stage_id = build.ref("stage_dossier_verrijken")

    # 3. Signaleren / 1e weging in concept: seksuele uitbuiting.
    victim = build.person(g["Zutphen"], age=19)
    m = build.melding(
        9,
        orgs["vt"],
        users["meldpunt"],
        [victim],
        [],
        ["vorm_seksueel"],
        g["Zutphen"],
        location_type="online",
        acuut_volgens_melder=True,
        content="Advertenties met de cliënte online, zij "
        "heeft geen eigen telefoon meer (demo).",
    )
    d = add("3", build.dossier(m, zorg=False))
    d.stage_id = build.ref("stage_eerste_weging")
    build.weging(d, "eerste", 2, confirm=False, veiligheid="onveilig")

    # 4. Analyse / casusoverleg: loverboy, 17 jaar, agenda of next overleg.
    victim = build.person(g["Apeldoorn"], age=17)
    suspect = build.person(g["Apeldoorn"], female=False, age=22)
    m = build.melding(
        15,
        orgs["gemeente"],
        users["gemeente"],
        [victim],
        [suspect],
        ["vorm_seksueel"],
        g["Apeldoorn"],
        location_type="woning",
        content="Leerling verzuimt, heeft dure spullen en een "
        "veel oudere vriend (demo).",
    )
    d4 = add("4", build.dossier(m))
    build.weging(d4, "eerste", 10)

    # 5. Analyse / 2e weging: arbeidsuitbuiting in de logistiek.
    victims = [
        build.person(g["Apeldoorn"], female=False, age=35),
        build.person(g["Apeldoorn"], female=False, age=27),
    ]
    m = build.melding(
        30,
        orgs["arbeidsinspectie"],
        users["arbeidsinspectie"],
        victims,
        [],
        ["vorm_arbeid"],
        g["Apeldoorn"],
        location_type="logistiek",
    )
    d5 = add("5", build.dossier(m))
    build.weging(d5, "eerste", 25)
    d5.stage_id = build.ref("stage_tweede_weging")

    # 6. Analyse / plan van aanpak: orgaanhandel (rare), plan in concept.
    victim = build.person(g["Harderwijk"], female=False, age=42)
    m = build.melding(
        45,
        orgs["ggd"],
        users["ggd"],
        [victim],
        [],
        ["vorm_orgaan"],
        g["Harderwijk"],
        location_type="overig",
        content="Patiënt vertelt over een 'donatie' tegen "
        "betaling in het buitenland (demo).",
    )
    d6 = add("6", build.dossier(m))
    build.weging(d6, "eerste", 40)
    past_overleg = build.overleg(28, [d5, d6])
    build.weging(d6, "tweede", 27, overleg_id=past_overleg.id)
    d6.stage_id = build.ref("stage_plan_van_aanpak")
    build.plan(d6, 0, adopt=False)

    # 7. Uitvoering: seksuele uitbuiting with a criminal track.
    victim = build.person(g["Epe"], age=20)
    suspect = build.person(g["Apeldoorn"], female=False, age=35)
    m = build.melding(
        90,
        orgs["politie"],
        users["politie"],
        [victim],
        [suspect],
        ["vorm_seksueel"],
        g["Apeldoorn"],
        location_type="seksbranche",
        politie_gebeld=True,
    )
    d7 = add("7", build.dossier(m))
    build.weging(d7, "eerste", 85)
    build.weging(d7, "tweede", 70, traject_zorg=False, traject_zorg_strafrecht=True)
    build.plan(
        d7,
        60,
        extra_actions=[
            {
                "name": "Verblijf op grond van de B8-regeling aanvragen",
                "organisation_id": orgs["ind"].id,
                "user_id": users["ind"].id,
                "rasci_role": "S",
            }
        ],
    )
    d7.stage_id = build.ref("stage_uitvoering")
    build.strafrecht(d7)
    build.interventies(d7, 55, justice=True)
    # The OM asked not to tell the melder (the police) anything yet.
    build.feedback(
        d7,
        80,
        exception="strafrechtelijk",
        reason="OM: lopend opsporingsonderzoek, melder nog niet informeren (demo).",
    )

    # 8. Uitvoering / monitoring: criminele uitbuiting, ondermijning via RIEC.
    victim = build.person(g["Winterswijk"], female=False, age=19)
    m = build.melding(
        150,
        orgs["gemeente"],
        users["gemeente"],
        [victim],
        [],
        ["vorm_crimineel"],
        g["Winterswijk"],
        location_type="woning",
    )
    d8 = add("8", build.dossier(m))
    build.weging(d8, "eerste", 145)
    build.feedback(d8, 140)
    build.weging(d8, "tweede", 130, traject_ondermijning=True)
    build.plan(d8, 120)
    d8.stage_id = build.ref("stage_uitvoering")
    build.interventies(d8, 115)
    d8.stage_id = build.ref("stage_monitoring")

    # 9. Uitvoering / nazorg: arbeidsuitbuiting in de schoonmaak.
    victim = build.person(g["Zutphen"], age=27)
    m = build.melding(
        240,
        orgs["gemeente"],
        users["gemeente"],
        [victim],
        [],
        ["vorm_arbeid"],
        g["Lochem"],
        location_type="schoonmaak",
    )
    d9 = add("9", build.dossier(m))
    build.walk_to_nazorg(d9, 235)

    # 10. Evaluatie / afgesloten: seksuele uitbuiting, evaluatie planned.
    victim = build.person(g["Putten"], age=23)
    m = build.melding(
        330,
        orgs["vt"],
        users["meldpunt"],
        [victim],
        [],
        ["vorm_seksueel", "vorm_arbeid"],
        g["Ermelo"],
        location_type="horeca",
    )
    d10 = add("10", build.dossier(m))
    build.walk_to_nazorg(d10, 325)
    build.close(d10, evaluatie_days=10)

    # Secondary partners hand in a situatieschets without names.
    for key, text in (
        (
            "school",
            "Een leerling van 15 slaapt vaak in de klas en vertelt over "
            "nachtwerk bij een kennis (situatieschets, demo).",
        ),
        (
            "woningcorporatie",
            "In een rijtjeshuis wonen wisselend tien tot "
            "vijftien arbeidsmigranten; busjes halen hen om 5 uur op "
            "(situatieschets, demo).",
        ),
    ):
        schets = build.melding(
            3,
            orgs[key],
            users[key],
            [],
            [],
            ["vorm_onbekend"],
            g["Zutphen"],
            is_situatieschets=True,
            category="signaal",
            content=text,
        )
        build.xmlid("demo_melding_situatieschets_" + key, schets)

    # The next overleg: dossier 4 on the agenda (gepland).
    upcoming = build.overleg(-7, [d4], held=False)
    build.xmlid("demo_overleg_upcoming", upcoming)
    build.xmlid("demo_overleg_past", past_overleg)
    d4.stage_id = build.ref("stage_casusoverleg")
    return pilots
