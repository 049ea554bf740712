"""A small, fully known data set for the Rapportage Regionale Tafel.

Period 1 January - 30 June 2025, municipalities Testdorp (A) and Teststad (B):

* group A, three dossiers opened 13-15 January: seksuele uitbuiting, living and
  exploited in Testdorp, a Dutch girl under 18 each; melding by phone
  (category melding, source professional, via Moviera); 1e weging wel,
  2e weging (wel mensenhandel, wel zorg, zorg en strafrecht) on 10 February,
  plan van aanpak adopted 17 February, in Uitvoering since; discussed in a
  regular casusoverleg on 3 February; a zorg interventie each (afgerond,
  geslaagd) and on A1 an opvang interventie started before the period
  (afgerond, deels geslaagd);
* group B, three dossiers opened 3-5 March: arbeidsuitbuiting, living and
  exploited in Teststad, a man of 23+ from outside the EU each; melding by
  e-mail (category signaal, source ketenpartner, via the police); 1e weging
  geen mensenhandel on 10 March, handed over to the municipality and closed.

15 January 2025 is a day off in the working calendar.
"""

from ..models.res_config_settings import THRESHOLD_PARAM
from .common import KetenCase

PERIOD = ("2025-01-01", "2025-06-30")

VICTIMS_A = [
    {
        "first_name": "Zwaantje",
        "last_name": "Kortenhoeven",
        "birth_date": "2010-05-01",
        "bsn": "987654251",
        "street": "Lindelaan 12",
        "zip": "7201 AB",
        "city": "Pimpelhoven",
        "phone": "06-12345678",
        "email": "zwaantje@example.org",
    },
    {
        "first_name": "Fenna",
        "last_name": "Wolderink",
        "birth_date": "2009-11-23",
        "bsn": "987654202",
        "street": "Kastanjehof 3",
        "zip": "7202 CD",
        "city": "Pimpelhoven",
    },
    {
        "first_name": "Gerdien",
        "last_name": "Oosterbroek",
        "birth_date": "2011-02-07",
        "bsn": "987654160",
        "street": "Beukenstraat 88",
        "zip": "7203 EF",
        "city": "Pimpelhoven",
    },
]
VICTIMS_B = [
    {
        "first_name": "Youssef",
        "last_name": "Amrani",
        "birth_date": "1985-04-09",
        "bsn": "987654111",
        "street": "Havenkade 5",
        "zip": "7301 GH",
        "city": "Knollendam",
    },
    {
        "first_name": "Karim",
        "last_name": "Haddouchi",
        "birth_date": "1979-09-30",
        "bsn": "987654020",
        "street": "Havenkade 7",
        "zip": "7301 GH",
        "city": "Knollendam",
    },
    {
        "first_name": "Nabil",
        "last_name": "Ouhadiyya",
        "birth_date": "1990-12-24",
        "bsn": "987653957",
        "street": "Loswal 19",
        "zip": "7302 JK",
        "city": "Knollendam",
    },
]


class RapportageCase(KetenCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(THRESHOLD_PARAM, 3)
        calendar = cls.env["keten.termijn"]._calendar_record()
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Vrije dag",
                "calendar_id": calendar.id,
                "date_from": "2025-01-14 23:00:00",
                "date_to": "2025-01-15 22:59:59",
            }
        )
        cls.victims_a = cls._victims(VICTIMS_A, "vrouw", "base.nl", cls.gemeente_a)
        cls.victims_b = cls._victims(VICTIMS_B, "man", "base.ma", cls.gemeente_b)
        cls.group_a = cls.env["keten.dossier"]
        for person, day, weging_day in zip(
            cls.victims_a,
            ("2025-01-13", "2025-01-14", "2025-01-15"),
            ("2025-01-20", "2025-01-20", "2025-01-29"),
            strict=True,
        ):
            dossier = cls._rapportage_dossier(
                person,
                day,
                vorm=cls.vorm_seksueel,
                gemeente=cls.gemeente_a,
                channel="telefoon",
                category="melding",
                source_type="professional",
                source=cls.org_moviera,
            )
            cls.first_weging(dossier, date=f"{weging_day} 09:00:00")
            cls.second_weging(dossier, date="2025-02-10 09:00:00")
            cls.adopted_plan(dossier).date_adopted = "2025-02-17"
            dossier.stage_id = cls.stage_uitvoering
            cls._history(
                dossier,
                [(day, weging_day), (weging_day, "2025-02-17"), ("2025-02-17", None)],
            )
            cls.env["keten.interventie"].create(
                {
                    "name": "Hulpverlening",
                    "dossier_id": dossier.id,
                    "intervention_type": "zorg",
                    "organisation_id": cls.org_moviera.id,
                    "date_start": "2025-02-18",
                    "date_end": "2025-04-01",
                    "state": "afgerond",
                    "result": "geslaagd",
                }
            )
            overleg = cls.env["keten.casusoverleg"].create(
                {
                    "date_start": "2025-02-03 10:00:00",
                    "item_ids": [(0, 0, {"dossier_id": dossier.id})],
                }
            )
            overleg.action_fill_attendance()
            overleg.action_hold()
            overleg.item_ids.write({"decisions": "Plan maken."})
            overleg.action_approve()
            cls.group_a |= dossier
        cls.env["keten.interventie"].create(
            {
                "name": "Opvang",
                "dossier_id": cls.group_a[0].id,
                "intervention_type": "opvang",
                "organisation_id": cls.org_moviera.id,
                "date_start": "2024-12-30",
                "date_end": "2025-04-02",
                "state": "afgerond",
                "result": "deels",
            }
        )
        cls.group_b = cls.env["keten.dossier"]
        for person, day in zip(
            cls.victims_b, ("2025-03-03", "2025-03-04", "2025-03-05"), strict=True
        ):
            dossier = cls._rapportage_dossier(
                person,
                day,
                vorm=cls.vorm_arbeid,
                gemeente=cls.gemeente_b,
                channel="email",
                category="signaal",
                source_type="ketenpartner",
                source=cls.org_politie,
            )
            cls.first_weging(
                dossier,
                kwalificatie="geen",
                afschaling_type="overdracht",
                overdracht_organisation_id=cls.org_gemeente.id,
                date="2025-03-10 09:00:00",
            )
            dossier.date_closed = "2025-03-10"
            cls._history(dossier, [(day, "2025-03-10"), ("2025-03-10", None)])
            cls.group_b |= dossier
        cls.wizard = (
            cls.env["keten.rapportage.wizard"]
            .with_user(cls.user_regie)
            .create(
                {
                    "date_from": PERIOD[0],
                    "date_to": PERIOD[1],
                    "gemeente_ids": [(6, 0, (cls.gemeente_a | cls.gemeente_b).ids)],
                }
            )
        )

    @classmethod
    def _victims(cls, vals_list, gender, country, gemeente):
        return cls.env["keten.person"].create(
            [
                dict(
                    vals,
                    gender=gender,
                    nationality_id=cls.env.ref(country).id,
                    woongemeente_id=gemeente.id,
                )
                for vals in vals_list
            ]
        )

    @classmethod
    def _rapportage_dossier(
        cls, person, day, vorm, gemeente, channel, category, source_type, source
    ):
        melding = cls.create_melding(
            person,
            cls.org_vt,
            vormen=vorm,
            channel=channel,
            category=category,
            source_type=source_type,
            source_organisation_id=source.id,
            woongemeente_id=gemeente.id,
            gemeente_uitbuiting_id=gemeente.id,
            location_address="Industrieweg 99, Pimpelhoven",
            date_received=f"{day} 09:00:00",
            melder_name="Hendrika Vlietstra-Bosgraaf",
            melder_phone="0575-998877",
            content=f"{person.first_name} werkt 's nachts zonder loon, "
            "zegt de buurvrouw.",
        )
        melding.action_create_dossier()
        dossier = melding.dossier_id
        dossier.date_opened = day
        return dossier

    @classmethod
    def _history(cls, dossier, periods):
        """Put the stage history of ``dossier`` on the given days (09:00 UTC)."""
        rows = dossier.stage_history_ids.sorted("id")
        assert len(rows) == len(periods), (dossier.name, len(rows))
        for row, (start, end) in zip(rows, periods, strict=True):
            row.write(
                {
                    "date_start": f"{start} 09:00:00",
                    "date_end": end and f"{end} 09:00:00",
                }
            )
