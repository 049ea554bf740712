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
