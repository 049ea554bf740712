"""AVG in the demo: a consent, a correction, an organisation involved without
a valid basis and a request of a data subject, made by the users who would
make them. The legal bases themselves are fixed records
(keten_legal_basis_demo.xml)."""

from datetime import timedelta


def load_privacy(build):
    """CoMensha's consent for the victim of pilot 7, a rectificatie for the
    victim of pilot 3, Jeugdzorg involved in pilot 2 with a reason, and an
    inzage request of the victim of pilot 9, found and checked."""
    orgs, users = build.orgs, build.users
    today = build.today()
    # CoMensha registers the victim of pilot 7 with her written consent.
    victim_7 = build.victim(build.ref("demo_dossier_7"))
    consent = build.env["keten.consent"].create(
        {
            "person_id": victim_7.id,
            "purpose": "comensha",
            "organisation_id": orgs["comensha"].id,
            "purpose_note": "Landelijke registratie slachtoffers mensenhandel",
            "date_given": today - timedelta(days=50),
            "given_by": "self",
            "written": True,
        }
    )
    build.xmlid("demo_consent_comensha", consent)
    # The meldpunt corrects a surname after a call (rectificatie).
    victim_3 = build.victim(build.ref("demo_dossier_3"))
    victim_3.with_user(users["meldpunt"]).write(
        {
            "known_as": f"{victim_3.first_name[:3]}",
            "change_reason": "Roepnaam doorgegeven door de cliënte",
        }
    )
    # Jeugdzorg's covenant expired; the meldpunt involves it anyway, with why.
    dossier_2 = build.ref("demo_dossier_2")
    dossier_2.with_user(users["meldpunt"]).with_context(
        keten_basis_override_reason="Jeugdzorg is de voogd van de jongen; het "
        "convenant wordt verlengd."
    )._involve_organisation(orgs["jeugd"], "Jongen staat onder voogdij.")
    # The victim of pilot 9 asks to see her data: registered and checked.
    victim_9 = build.victim(build.ref("demo_dossier_9"))
    request = (
        build.env["keten.avg.request"]
        .with_user(users["privacy"])
        .create(
            {
                "request_type": "inzage",
                "channel": "brief",
                "date_received": today - timedelta(days=6),
                "subject_name": victim_9.name,
                "subject_birth_date": victim_9.birth_date,
                "identity_note": "ID-kaart getoond aan de balie van het ZVH",
            }
        )
    )
    request.action_find_person()
    request.action_verify_identity()
    build.xmlid("demo_avg_request_inzage", request)
    return request


def load_rights(build):
    """The other rights of data subjects and the CoMensha registration: the
    registration of the victim of pilot 7 reported, that of pilot 8 still to
    report; a portability request of the victim of pilot 10 prepared by the
    privacy officer and awaiting its release by a second one (the Beheerder);
    an objection of the victim of pilot 9 to sharing with the
    woningcorporatie, upheld and carried out with four eyes."""
    env, orgs, users = build.env, build.orgs, build.users
    today = build.today()
    Registration = env["keten.comensha.registration"]
    dossier_7, dossier_8 = build.ref("demo_dossier_7"), build.ref("demo_dossier_8")
    reported = Registration.search([("dossier_id", "=", dossier_7.id)])
    reported.write(
        {
            "state": "gemeld",
            "date_reported": today - timedelta(days=45),
            "reported_by_id": users["ketenregie"].id,
            "note": "Kenmerk CoMensha 2026-0417 (demo)",
        }
    )
    build.xmlid("demo_comensha_registration_7", reported)
    env["keten.consent"].create(
        {
            "person_id": build.victim(dossier_8).id,
            "purpose": "comensha",
            "organisation_id": orgs["comensha"].id,
            "purpose_note": "Landelijke registratie slachtoffers mensenhandel",
            "date_given": today - timedelta(days=2),
            "given_by": "self",
            "written": True,
            "comensha_name_allowed": True,
        }
    )
    build.xmlid(
        "demo_comensha_registration_8",
        Registration.search([("dossier_id", "=", dossier_8.id)]),
    )

    def request(victim, request_type, days_ago, **values):
        found = (
            env["keten.avg.request"]
            .with_user(users["privacy"])
            .create(
                {
                    "request_type": request_type,
                    "channel": "email",
                    "date_received": today - timedelta(days=days_ago),
                    "subject_name": victim.name,
                    "subject_birth_date": victim.birth_date,
                    "identity_note": "Kopie ID-bewijs gezien via de advocaat, "
                    "niet bewaard",
                    **values,
                }
            )
        )
        found.action_find_person()
        found.action_verify_identity()
        return found

    portability = request(
        build.victim(build.ref("demo_dossier_10")),
        "portabiliteit",
        4,
        request_note="Wil haar gegevens meenemen naar de hulpverlener in haar "
        "nieuwe woonplaats.",
    )
    portability.action_prepare_portability()
    build.xmlid("demo_avg_request_portability", portability)
    objection = request(
        build.victim(build.ref("demo_dossier_9")),
        "bezwaar",
        12,
        request_note="Wil niet dat de woningcorporatie iets over haar weet.",
        objection_scope="sharing",
        objection_organisation_id=orgs["woningcorporatie"].id,
        objection_decision="upheld",
        objection_reason="De woningcorporatie heeft geen taak in haar zaak en geen "
        "grondslag; haar belang om niet bekend te zijn bij haar verhuurder weegt "
        "zwaarder.",
    )
    objection.action_decide_objection()
    objection.with_user(users["beheerder"]).action_submit()
    objection.with_user(env.ref("base.user_admin")).action_approve()
    build.xmlid("demo_avg_request_objection", objection)
