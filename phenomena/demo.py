"""This app's part of the demo network: three phenomena of the Tampere region's observations; the first
one's initiative goes from the local steering group through the regional group to the county steering
group, which starts county-wide co-development. A fourth one the Tampere local team raised from its
meeting record to its steering group, whose next meeting has it on the agenda."""

from __future__ import annotations

from core.demo import DemoContext
from familycentres.demo import network
from familycentres.models import AgendaItem, Meeting

from . import referral_services
from . import services as ph
from .models import AgendaEntry, ForwardingRoute, Phenomenon, Referral

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
            # The county coordinator moves the work on and coordinates it with a work pair from early
            # childhood education (the everyday interface); they get these roles in the developer group.
            responsibilities={
                "progress": users["county_coordinator"],
                "coordination": users["county_coordinator"],
                "work_pair": users["fc1_ecec"],
            },
            work_pair_organisation="Tampereen kaupungin varhaiskasvatus",
            meeting=county_meeting,
        )
        ctx.count("decisions", True)


DEMO_REFERRAL = {
    "title": "Iltapäivätoiminnan riittävyys alueellanne",
    "question": "Maakunnallinen ohjausryhmä kysyy paikallisilta perhekeskustiimeiltä: riittävätkö "
    "ekaluokkalaisten iltapäivätoiminnan paikat alueellanne, ja mitä perheet ovat kertoneet iltapäivistä? "
    "Kirjatkaa tiimin vastaus lyhyesti seuraavan tapaamisen jälkeen.",
    "teams": ["team1.1", "team1.2", "team3.1"],
    "answer_team": "team1.1",
    "answer": "Tampereen tiimissä paikkoja ei riitä kaikille ekaluokkalaisille; useampi perhe on kertonut "
    "lapsen olevan iltapäivät yksin. Ehdotamme asiaa ohjausryhmän seuraavaan kokoukseen.",
}


def _load_referral(ctx, users, groups) -> None:
    """The county steering group asks three local teams about after-school care; the Tampere team has
    answered. Keyed on the title: a later run changes nothing."""
    if Referral.objects.filter(title=DEMO_REFERRAL["title"]).exists():
        return
    teams = [groups[key] for key in DEMO_REFERRAL["teams"] if key in groups]
    if "county" not in groups or len(teams) < 3:
        return
    referral = referral_services.referral_send(
        actor=users["county_chair"],
        sender=groups["county"],
        subject=Referral.Subject.QUESTION,
        title=DEMO_REFERRAL["title"],
        question=DEMO_REFERRAL["question"],
        teams=teams,
    )
    ctx.count("referrals", True)
    answer = referral.answers.get(team=groups[DEMO_REFERRAL["answer_team"]])
    referral_services.referral_answer(
        actor=users["professional"], answer=answer, text=DEMO_REFERRAL["answer"]
    )


TEAM_RAISED = {
    "team": "team1.1",
    "by": "professional",
    "title": "Harrastusten hinta lapsiperheiden arjessa",
    "description": "Tiimin tapaamisessa nousi esiin, että monen lapsen harrastus on jäänyt kesken kulujen "
    "vuoksi. Sama näkyy koulussa, varhaiskasvatuksessa ja neuvolassa.",
    "kind": "concern",
    "scale": "local_area",
    "proposal": "local_action",
    "rationale": "Asiaan voidaan vastata paikallisesti: maksuttomat kerhot ja harrastusten tukimuodot "
    "tutuiksi perheille. Ehdotamme ohjausryhmälle työryhmää paikallisia toimia varten.",
}


def _load_team_raised(ctx, users, groups) -> None:
    """A matter the Tampere local team raised from its last meeting to its steering group, now on the
    steering group's agenda. Keyed on the phenomenon's title: a later run changes nothing."""
    team = groups.get(TEAM_RAISED["team"])
    if team is None or Phenomenon.objects.filter(title=TEAM_RAISED["title"]).exists():
        return
    meeting = Meeting.objects.filter(group=team, status=Meeting.Status.HELD).order_by("-starts_at").first()
    initiative = ph.initiative_raise_from_team(
        actor=users[TEAM_RAISED["by"]],
        team=team,
        meeting=meeting,
        title=TEAM_RAISED["title"],
        description=TEAM_RAISED["description"],
        kind=TEAM_RAISED["kind"],
        scale=TEAM_RAISED["scale"],
        proposal=TEAM_RAISED["proposal"],
        rationale=TEAM_RAISED["rationale"],
    )
    ctx.count("phenomena", True)
    ctx.count("initiatives", True)
    steering_meeting = (
        Meeting.objects.filter(group=initiative.group, status=Meeting.Status.PLANNED)
        .order_by("starts_at")
        .first()
    )
    if steering_meeting is not None:
        ph.initiative_put_on_agenda(actor=users["secretary"], initiative=initiative, meeting=steering_meeting)


def _load_routes(ctx, groups) -> None:
    """The county's configured routes: from the county steering group to the welfare board (its parent, named
    here too), the children and families council and the welfare promotion (hyte) steering group."""
    source = groups.get("county")
    if source is None:
        return
    for key in ("board", "council", "hyte"):
        target = groups.get(key)
        if target is None:
            continue
        _route, created = ForwardingRoute.objects.get_or_create(
            source=source, target=target, defaults={"created_by": None}
        )
        ctx.count("forwarding routes", created)


def load(ctx: DemoContext) -> None:
    net = network(ctx)
    _load_phenomena(ctx, net["centres"], net["users"], net["groups"])
    _load_referral(ctx, net["users"], net["groups"])
    _load_team_raised(ctx, net["users"], net["groups"])
    _load_routes(ctx, net["groups"])
