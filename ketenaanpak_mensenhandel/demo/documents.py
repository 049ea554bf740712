"""Documents in the demo: one of each kind on the pilot dossiers, added by the
organisation that would add it, with a small invented PDF or picture as the
file. Who sees which follows the kind (docs/privacy.md): the proces-verbaal
on the criminal track of pilot 7 only the police and the OM, the medical
statement only the zorg partners and the ketenregie."""

import base64
import io

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

DEMO_NOTE = "Verzonnen document voor de demo: geen echte persoon of zaak."


def demo_pdf(title, lines):
    """A one-page PDF with a title and a few lines (the same bytes every time)."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setTitle(title)
    page.setFont("Helvetica-Bold", 16)
    page.drawString(72, 770, title)
    page.setFont("Helvetica", 11)
    for index, line in enumerate([*lines, "", DEMO_NOTE]):
        page.drawString(72, 740 - 16 * index, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def demo_png():
    """A small picture: a floor plan in two colours."""
    image = Image.new("RGB", (240, 160), (236, 239, 244))
    for x in range(20, 220):
        for y in (20, 140):
            image.putpixel((x, y), (52, 73, 94))
    for y in range(20, 141):
        for x in (20, 120, 220):
            image.putpixel((x, y), (52, 73, 94))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def load_documents(build):
    """A document of each kind on pilot dossiers 1, 5 and 7."""
    orgs = build.orgs
    Document = build.env["keten.document"]
    d1, d5, d7 = (build.ref(f"demo_dossier_{n}") for n in (1, 5, 7))
    victim_1, victim_7 = build.victim(d1), build.victim(d7)
    track_7 = d7.strafrecht_ids[:1]
    documents = [
        (
            "demo_document_pv",
            {
                "name": "Proces-verbaal van aangifte",
                "document_type": "proces_verbaal",
                "organisation_id": orgs["politie"].id,
                "strafrecht_id": track_7.id,
                "person_id": victim_7.id,
            },
            demo_pdf(
                "Proces-verbaal van aangifte",
                ["Politie Oost-Nederland, AVIM", "Aangifte van uitbuiting (demo)."],
            ),
            "pv-aangifte.pdf",
        ),
        (
            "demo_document_medisch",
            {
                "name": "Verklaring huisarts",
                "document_type": "medisch",
                "organisation_id": orgs["ggd"].id,
                "dossier_id": d7.id,
                "person_id": victim_7.id,
            },
            demo_pdf(
                "Medische verklaring",
                ["GGD Noord- en Oost-Gelderland", "Letsel vastgesteld (demo)."],
            ),
            "verklaring-huisarts.pdf",
        ),
        (
            "demo_document_b8",
            {
                "name": "Besluit bedenktijd B8",
                "document_type": "b8_ind",
                "organisation_id": orgs["ind"].id,
                "dossier_id": d7.id,
                "person_id": victim_7.id,
            },
            demo_pdf(
                "Besluit verblijf B8 (bedenktijd)",
                ["Immigratie- en Naturalisatiedienst", "Bedenktijd verleend (demo)."],
            ),
            "besluit-b8.pdf",
        ),
        (
            "demo_document_toestemming",
            {
                "name": "Getekende toestemming registratie CoMensha",
                "document_type": "toestemming",
                "organisation_id": orgs["zorg"].id,
                "dossier_id": d7.id,
                "person_id": victim_7.id,
            },
            demo_pdf(
                "Toestemming registratie CoMensha",
                ["Ondertekend door het slachtoffer (demo)."],
            ),
            "toestemming-comensha.pdf",
        ),
        (
            "demo_document_verslag",
            {
                "name": "Verslag huisbezoek",
                "document_type": "verslag",
                "organisation_id": orgs["zorg"].id,
                "dossier_id": d1.id,
                "person_id": victim_1.id,
            },
            demo_pdf(
                "Verslag huisbezoek",
                ["Zorgcoördinatie Mensenhandel Oost", "Gesprek op het adres (demo)."],
            ),
            "verslag-huisbezoek.pdf",
        ),
        (
            "demo_document_overig",
            {
                "name": "Plattegrond van de werkplaats",
                "document_type": "overig",
                "organisation_id": orgs["arbeidsinspectie"].id,
                "dossier_id": d5.id,
            },
            demo_png(),
            "plattegrond.png",
        ),
    ]
    for xmlid, vals, raw, file_name in documents:
        document = Document.create(
            dict(
                vals,
                note=DEMO_NOTE,
                datas=base64.b64encode(raw),
                file_name=file_name,
            )
        )
        build.xmlid(xmlid, document)
