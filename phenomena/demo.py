"""This app's part of the demo network: three phenomena of the Tampere region's observations; the first
one's initiative goes from the local steering group through the regional group to the county steering
group, which starts county-wide co-development."""

from __future__ import annotations

from core.demo import DemoContext
from familycentres.demo import network
from familycentres.models import AgendaItem, Meeting

from . import services as ph
from .models import AgendaEntry, Phenomenon

DEMO_PHENOMENA = [
    {
        "title": "Vauvaperheiden vanhempien yksinäisyys iltaisin",
        "description": "Neuvoloissa ja perhepalveluissa vauvaperheiden vanhemmat kertovat olevansa iltaisin "
        "yksin ja väsyneitä. Vertaistuki on tarjolla lähinnä aamupäivisin, ja iltaneuvola on otettu hyvin "
        "vastaan.",
        "kind": "concern",
        "scale": "county",
        "analyser_kind": "team",
        "status": "initiative",
        "observations": ["o01", "o09", "o04"],
        "understanding": "Iltaisin ja viikonloppuisin tukea on vähän, vaikka tarve on silloin suurin.",
        "root_causes": "Palvelut ovat auki virka-aikaan; vertaistuki nojaa vapaaehtoisiin.",
        "initiative": "Ilmiö koskee kaikkia seudun kuntia. Ehdotamme iltaisin ja viikonloppuisin toimivan "
        "vertaistuen kehittämistä yhdessä perheiden ja järjestöjen kanssa.",
    },
    {
        "title": "Uni ja ruutuaika lasten ja nuorten arjessa",
        "description": "Varhaiskasvatuksessa, koulussa ja terveystarkastuksissa näkyy lasten ja nuorten "
        "univaje, joka liittyy iltojen ruutuaikaan.",
        "kind": "concern",
        "scale": "family_centre_area",
        "analyser_kind": "team",
        "status": "under_analysis",
        "observations": ["o05", "o08", "o19"],
        "further_information": "Kouluterveyskyselyn uni- ja ruutuaikaindikaattorit (THL).",
        "understanding": "Univaje näkyy kaikissa ikäryhmissä, eniten yläkouluikäisillä.",
    },
    {
        "title": "Iltapäivätoiminnan jonot",
        "description": "Moni ekaluokkalainen jää ilman iltapäiväkerhon paikkaa ja on iltapäivät yksin.",
        "kind": "concern",
        "scale": "local_area",
        "analyser_kind": "person",
        "status": "draft",
        "observations": ["o02", "o15"],
    },
]


def _load_phenomena(ctx, centres, users, groups) -> None:
    """Three phenomena of the Tampere region's observations; the first one's initiative goes from the
    local steering group through the regional group to the county steering group, which starts
    county-wide co-development. Keyed on the phenomenon's title: a later run changes nothing."""
    centre = centres["tampereen-seutu"]
    by_key = getattr(ctx, "demo_observations", {})
    collector = users["collector"]
    for spec in DEMO_PHENOMENA:
        if Phenomenon.objects.filter(title=spec["title"], family_centre=centre).exists():
            continue
        observations = [by_key[k] for k in spec["observations"] if k in by_key]
        phenomenon = ph.phenomenon_create(
            actor=collector,
            title=spec["title"],
            description=spec["description"],
            kind=spec["kind"],
            scale=spec["scale"],
            analyser_kind=spec["analyser_kind"],
            family_centre=centre,
            further_information=spec.get("further_information", ""),
            observation_ids=[o.pk for o in observations],
        )
        ctx.count("phenomena", True)
        if spec["status"] == "draft":
            continue
        ph.phenomenon_start_analysis(actor=collector, phenomenon=phenomenon)
        ph.phenomenon_update(
            actor=collector,
            phenomenon=phenomenon,
            analysis_understanding=spec.get("understanding", ""),
            analysis_root_causes=spec.get("root_causes", ""),
        )
        if not spec.get("initiative"):
            continue
        initiative = ph.initiative_create(
            actor=collector,
            phenomenon=phenomenon,
            proposal="codevelopment",
            rationale=spec["initiative"],
            group=groups["steering1"],
        )
        ctx.count("initiatives", True)
        # The local group handled it in its last meeting (a decision is never recorded ahead of the meeting).
        local_meeting = (
            Meeting.objects.filter(group=groups["steering1"], status=Meeting.Status.HELD)
            .order_by("-starts_at")
            .first()
        )
        if local_meeting is not None:
            last = local_meeting.agenda_items.order_by("-order").values_list("order", flat=True).first() or 0
            item = AgendaItem.objects.create(
                meeting=local_meeting,
                order=last + 1,
                title=phenomenon.title,
                description=f"{initiative.get_proposal_display()}: {initiative.rationale}",
                created_by=users["secretary"],
            )
            AgendaEntry.objects.create(initiative=initiative, agenda_item=item)
        ph.decision_record(
            actor=users["secretary"],
            initiative=initiative,
            kind="forward",
            reasons="Ilmiö näkyy koko seudulla ja sen ratkaiseminen vaatii alueellista yhteistyötä.",
            meeting=local_meeting,
        )
        ph.decision_record(
            actor=users["r1_chair"],
            initiative=initiative,
            kind="forward",
            reasons="Sama ilmiö on tunnistettu myös muilla alueilla; viedään maakunnalliseen ohjausryhmään.",
        )
        # The county group decided in its last meeting: the item is on that meeting's agenda.
        county_meeting = (
            Meeting.objects.filter(group=groups["county"], status=Meeting.Status.HELD)
            .order_by("-starts_at")
            .first()
        )
        if county_meeting is not None:
            last = county_meeting.agenda_items.order_by("-order").values_list("order", flat=True).first() or 0
            item = AgendaItem.objects.create(
                meeting=county_meeting,
                order=last + 1,
                title=phenomenon.title,
                description=f"{initiative.get_proposal_display()}: {initiative.rationale}",
                created_by=users["county_chair"],
            )
            AgendaEntry.objects.create(initiative=initiative, agenda_item=item)
        ph.decision_record(
            actor=users["county_chair"],
            initiative=initiative,
            kind="start_codevelopment",
            reasons="Käynnistetään maakunnallinen yhteiskehittäminen perheiden, järjestöjen ja "
            "palveluiden kanssa. Kehittäjäryhmä kootaan alueiden perhekeskuksista.",
            scope="county",
            responsible_progress="Maakunnallinen perhekeskuskoordinaattori",
            responsible_coordination="Alueelliset koordinaatioryhmät",
            responsible_facilitation="Järjestöjen kehittämissuunnittelija",
            responsible_users=[users["county_coordinator"], users["fc1_facilitator"]],
            meeting=county_meeting,
        )
        ctx.count("decisions", True)


def load(ctx: DemoContext) -> None:
    net = network(ctx)
    _load_phenomena(ctx, net["centres"], net["users"], net["groups"])
