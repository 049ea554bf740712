"""The web intake form in the demo: switched on, and one report through it
about a person who already has an open dossier."""

PARAM = "ketenaanpak_mensenhandel."


def load_intake_demo(env):
    """Switch the form on and receive one report about a known person.

    The report spells the person's surname with a typo, as an outside
    professional might; the meldpunt sees on the melding that the person is
    possibly known, with the open dossier. The person is the first victim of
    an open dossier (in the demo region: the student of pilot dossier 1).
    """
    env["ir.config_parameter"].sudo().set_param(PARAM + "intake_form_enabled", "True")
    link = (
        env["keten.dossier.person"]
        .sudo()
        .search(
            [
                ("role", "=", "slachtoffer"),
                ("dossier_id.is_closed", "=", False),
                ("person_id.birth_date", "!=", False),
                ("person_id.last_name", "!=", False),
            ],
            order="id",
            limit=1,
        )
    )
    if not link:
        return env["keten.melding"]
    person = link.person_id
    last = person.last_name
    if len(last) >= 4:  # "Vries" -> "Vreis"
        last = last[:-3] + last[-2] + last[-3] + last[-1]
    values = {
        "category": "signaal",
        "melder_name": "J. Mentor",
        "melder_organisation_name": "Beroepscollege Oost (demo)",
        "melder_role": "Mentor",
        "melder_email": "mentor@beroepscollege.example",
        "content": "Een studente vertelt dat zij 's avonds moet werken voor de "
        "vriend van haar oom en haar loon moet afgeven. Zij durft niet naar huis.",
        "verschijningsvorm_ids": [(6, 0, link.dossier_id.verschijningsvorm_ids.ids)],
        "hulpverlening_betrokken": False,
        "politie_gebeld": False,
        "zorgcoordinator_betrokken": False,
        "acuut_volgens_melder": False,
        "is_situatieschets": False,
    }
    persons = [
        {
            "first_name": person.first_name,
            "name_prefix": person.name_prefix,
            "last_name": last,
            "birth_date": person.birth_date,
            "gender": person.gender,
        }
    ]
    return env["keten.intake.form"]._create_melding(values, persons, [])
