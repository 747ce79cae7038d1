"""This app's part of the demo network: the county steering group's decision to start co-development
opens a developer group with its core question, roadmap, hypotheses, a root cause, an Erätauko dialogue,
members, a public update, an open experience survey and a consultation round to a local team. A second,
local developer group has gone round the whole loop: root causes, a dialogue that reached vulnerable
families, a proposal approved for implementation, and a follow-up metric with recorded points and its
chart, so that a new user sees the end of the loop too."""

from __future__ import annotations

from datetime import timedelta

from core.demo import DemoContext
from familycentres.demo import network
from phenomena import services as ph
from phenomena.models import Decision, Phenomenon

from . import services as cd
from .models import DevelopmentProcess
from .services import consultations, lifecycle, surveys, updates
from .services import meetings as workspace


def _load_codevelopment(ctx, users, groups) -> None:
    """The county steering group's decision to start co-development opens a developer group: its core
    question, roadmap, hypotheses, a root cause, an Erätauko dialogue, the demo client developer as a
    member, a public update, an open experience survey and a consultation round to a local team. Keyed
    on the decision: a later run changes nothing."""
    decision = (
        Decision.objects.filter(group=groups["county"], kind=Decision.Kind.START_CODEVELOPMENT)
        .order_by("pk")
        .first()
    )
    if decision is None or DevelopmentProcess.objects.filter(decision=decision).exists():
        return
    coordinator = users["county_coordinator"]
    process = cd.process_open_from_decision(
        actor=coordinator, decision=decision, name="Kehittäjäryhmä: vauvaperheiden illat"
    )
    ctx.count("developer groups", True)
    cd.process_update(
        actor=coordinator,
        process=process,
        core_question="Miten vauvaperheen vanhempi saa tukea ja seuraa iltaisin, kun yksinäisyys ja "
        "väsymys painavat?",
        working_method="Yhteiskehittäminen perheiden, neuvoloiden ja järjestöjen kanssa: Erätauko-dialogit, "
        "kokemuskysely perheille ja kuulemiskierros perhekeskustiimeille.",
    )
    cd.member_add(
        actor=coordinator,
        process=process,
        user=users["fc1_facilitator"],
        role="facilitator",
        background="professional",
    )
    cd.member_add(
        actor=coordinator,
        process=process,
        user=users["client_developer"],
        role="client_representative",
        background="client_developer",
    )
    today = ctx.today()
    done = cd.milestone_add(
        actor=coordinator, process=process, title="Nykytilan kartoitus", due_on=today - timedelta(days=14)
    )
    cd.milestone_complete(actor=coordinator, milestone=done)
    cd.milestone_add(
        actor=coordinator, process=process, title="Erätauko-dialogit vauvaperheiden kanssa", due_on=today
    )
    cd.milestone_add(
        actor=coordinator,
        process=process,
        title="Esitys maakunnalliselle ohjausryhmälle",
        due_on=today + timedelta(days=60),
    )
    cd.hypothesis_add(
        actor=coordinator,
        process=process,
        statement="Vertaistukea on tarjolla päivisin, mutta vanhemmat tarvitsisivat sitä iltaisin.",
        for_text="Iltaneuvola on otettu hyvin vastaan.",
        against_text="Osa vanhemmista ei pääse iltaisin kotoa vauvan kanssa.",
    )
    cd.hypothesis_add(
        actor=coordinator,
        process=process,
        statement="Tieto tarjolla olevasta tuesta ei tavoita isiä.",
    )
    cd.root_cause_add(
        actor=coordinator,
        process=process,
        text="Perhepalvelujen aukioloajat on suunniteltu virka-ajan mukaan.",
    )
    workspace.dialogue_add(
        actor=coordinator,
        process=process,
        method="eratauko",
        held_on=today - timedelta(days=7),
        question="Millainen ilta auttaisi vauvaperheen vanhempaa jaksamaan?",
        participants="Kuusi vanhempaa, kaksi neuvolan terveydenhoitajaa ja järjestön ohjaaja.",
        heard="Vanhemmat kaipaavat iltaisin paikkaa, jonne voi tulla vauvan kanssa ilman ajanvarausta. "
        "Isät toivovat omaa vertaisryhmää, ja iltaisin auki oleva chat koettiin hyväksi ajatukseksi.",
        reach={
            "target_group": "Vauvaperheiden vanhemmat",
            "channel": "in_person",
            "environment": "Neuvolan odotustila ja perhekahvila",
            "vulnerable_reached": "partly",
            "vulnerable_how": "Perhetyöntekijät kutsuivat mukaan yksinhuoltajia ja perheitä, joilla on vähän "
            "tukiverkkoa; maahan muuttaneita perheitä ei vielä tavoitettu, joten seuraava dialogi pidetään "
            "tulkin kanssa kielikahvilassa.",
        },
    )
    lifecycle.process_advance(actor=coordinator, process=process, stage="designing")
    updates.update_post(
        actor=coordinator,
        process=process,
        title="Kehittäjäryhmä aloitti työnsä",
        body="Ryhmä kehittää tukea vauvaperheiden iltoihin yhdessä perheiden kanssa. Vastaa "
        "kokemuskyselyyn neuvolassa tai verkossa.",
        is_public=True,
    )
    survey = surveys.survey_create(
        actor=coordinator,
        process=process,
        title="Vauvaperheen illat",
        title_sv="Babyfamiljens kvällar",
        title_en="Evenings in a family with a baby",
        intro="Kerro, millaisia iltanne vauvan kanssa ovat. Vastaat nimettömästi.",
        intro_sv="Berätta hur era kvällar med babyn är. Du svarar anonymt.",
        intro_en="Tell us what your evenings with the baby are like. Your answers are anonymous.",
        closes_at=None,
    )
    surveys.survey_question_add(
        actor=coordinator,
        survey=survey,
        kind="scale",
        text="Kuinka hyvin jaksat iltaisin?",
        text_sv="Hur väl orkar du på kvällarna?",
        text_en="How well do you cope in the evenings?",
        options="",
        options_sv="",
        options_en="",
        required=True,
    )
    surveys.survey_question_add(
        actor=coordinator,
        survey=survey,
        kind="choice",
        text="Mistä saisit iltaisin eniten apua?",
        text_sv="Var skulle du få mest hjälp på kvällarna?",
        text_en="What would help you most in the evenings?",
        options="Avoin perhekahvila\nVertaisryhmä verkossa\nNeuvolan iltavastaanotto\nJokin muu",
        options_sv="Öppet familjecafé\nKamratgrupp på nätet\nRådgivningens kvällsmottagning\nNågot annat",
        options_en="An open family café\nAn online peer group\nThe clinic's evening hours\nSomething else",
        required=False,
    )
    surveys.survey_question_add(
        actor=coordinator,
        survey=survey,
        kind="text",
        text="Mikä tekisi illoistanne helpompia?",
        text_sv="Vad skulle göra era kvällar lättare?",
        text_en="What would make your evenings easier?",
        options="",
        options_sv="",
        options_en="",
        required=False,
    )
    surveys.survey_open(actor=coordinator, survey=survey)
    consultations.consultation_create(
        actor=coordinator,
        process=process,
        title="Luonnos: vauvaperheiden iltatoiminnan malli",
        draft="Ehdotamme, että perhekeskuksen kohtaamispaikka on auki kahtena iltana viikossa ja että "
        "järjestöt ohjaavat iltaisin verkossa kokoontuvaa vertaisryhmää. Kommentoikaa luonnosta.",
        groups=[groups["team1.1"]],
        deadline=ctx.now + timedelta(days=10),
        reminder_hours=48,
        document=None,
    )


FOLLOWED_UP_TITLE = "Ekaluokkalaisten yksinäiset iltapäivät"


def _load_followed_up(ctx, users, groups) -> None:
    """A local developer group at the end of the loop: the Tampere region's steering group started it, the
    group recorded a root cause and a dialogue that reached vulnerable families, its proposal was approved
    for implementation, and the follow-up owner has recorded two of three points of its metric. Keyed on the
    phenomenon's title: a later run changes nothing."""
    steering = groups["steering1"]
    centre = steering.family_centre
    if Phenomenon.objects.filter(title=FOLLOWED_UP_TITLE, family_centre=centre).exists():
        return
    collector, secretary, coordinator = users["collector"], users["secretary"], users["coordinator"]
    phenomenon = ph.phenomenon_create(
        actor=collector,
        title=FOLLOWED_UP_TITLE,
        description="Koulut ja kirjasto ovat huomanneet, että moni ekaluokkalainen viettää iltapäivät yksin "
        "kotona tai kauppakeskuksessa, koska iltapäiväkerhoon ei mahdu.",
        kind="concern",
        scale="local",
        analyser_kind="team",
        family_centre=centre,
    )
    ctx.count("phenomena", True)
    ph.phenomenon_start_analysis(actor=collector, phenomenon=phenomenon)
    initiative = ph.initiative_create(
        actor=collector,
        phenomenon=phenomenon,
        proposal="codevelopment",
        rationale="Iltapäivätoiminnan paikat eivät riitä; kehitetään ratkaisu yhdessä perheiden kanssa.",
        group=steering,
    )
    ctx.count("initiatives", True)
    decision = ph.decision_record(
        actor=secretary,
        initiative=initiative,
        kind="start_codevelopment",
        reasons="Käynnistetään paikallinen yhteiskehittäminen koulujen, järjestöjen ja perheiden kanssa.",
        scope="local",
        responsible_progress="Perhekeskuskoordinaattori",
        responsible_users=[coordinator],
    )
    ctx.count("decisions", True)
    process = cd.process_open_from_decision(
        actor=coordinator, decision=decision, name="Kehittäjäryhmä: ekaluokkalaisten iltapäivät"
    )
    ctx.count("developer groups", True)
    cd.member_add(
        actor=coordinator,
        process=process,
        user=users["fc1_teacher"],
        role="member",
        background="professional",
    )
    today = ctx.today()
    metric = develop_to_follow_up(process=process, coordinator=coordinator, decider=secretary, today=today)
    for days, value, families in (
        (-120, "26", "Perheet kokevat jonojen lyhentyneen."),
        (-30, "34", "Yksinhuoltajat kertovat, että maksuton kerho on helpottanut arkea."),
        (60, None, ""),
    ):
        point = lifecycle.point_schedule(
            actor=coordinator, metric=metric, due_on=today + timedelta(days=days)
        )
        if value is not None:
            lifecycle.point_record(
                actor=coordinator,
                point=point,
                value=value,
                evaluation_families=families,
                evaluation_professionals="Ohjaajia tarvitaan lisää, jotta kaikki halukkaat mahtuvat mukaan.",
                more_development_needed=False,
            )
    updates.update_post(
        actor=coordinator,
        process=process,
        title="Maksuton iltapäiväkerho toimii kahdessa koulussa",
        body="Kerhopaikkoja on nyt 34, kun niitä oli 20. Tavoitteena on 40 paikkaa.",
        is_public=True,
    )


def develop_to_follow_up(*, process, coordinator, decider, today):
    """The developer group's work from its core question to a follow-up metric: a root cause, a dialogue that
    reached vulnerable families, the proposal sent and approved for implementation by `decider` (a member
    of the deciding group) with the coordinator as its follow-up owner. Returns the metric (no points yet).
    The browser flow between the levels takes its developer group through the same steps."""
    cd.process_update(
        actor=coordinator,
        process=process,
        core_question="Miten jokainen ekaluokkalainen saa turvallisen iltapäivän?",
        working_method="Erätauko-dialogit vanhempien kanssa koulun arjessa ja kokeilu kahdessa koulussa.",
    )
    cd.root_cause_add(
        actor=coordinator,
        process=process,
        text="Iltapäiväkerhojen paikat on mitoitettu vuosia sitten, eikä maksuttomia paikkoja ole.",
    )
    workspace.dialogue_add(
        actor=coordinator,
        process=process,
        method="eratauko",
        held_on=today - timedelta(days=200),
        question="Millainen iltapäivä olisi ekaluokkalaiselle turvallinen?",
        participants="Kahdeksan vanhempaa, kaksi opettajaa, koulukuraattori ja seurakunnan nuorisotyöntekijä.",
        heard="Vanhemmat toivovat maksutonta kerhoa koulun tiloissa. Yksinhuoltajat kertoivat, että "
        "kerhomaksu on este.",
        reach={
            "target_group": "Ekaluokkalaisten vanhemmat",
            "channel": "in_person",
            "environment": "Koulun vanhempainilta ja perhekahvila",
            "vulnerable_reached": "yes",
            "vulnerable_how": "Koulukuraattori ja perhetyö kutsuivat henkilökohtaisesti perheet, jotka eivät "
            "tavallisesti tule vanhempainiltoihin; mukana oli tulkki.",
        },
    )
    lifecycle.process_advance(actor=coordinator, process=process, stage="designing")
    lifecycle.proposal_save(
        actor=coordinator,
        process=process,
        solutions="Maksuton iltapäiväkerho koulun tiloissa järjestöjen ja seurakunnan kanssa.",
        plan="Kokeilu kahdessa koulussa syyslukukaudella, laajennus keväällä.",
        measurement="Iltapäiväkerhon paikkojen määrä lukukauden alussa ja perheiden kokemus.",
    )
    proposal = lifecycle.proposal_send(actor=coordinator, process=process)
    ph.decision_record(
        actor=decider,
        initiative=proposal.initiative,
        kind="approve_implementation",
        reasons="Ehdotus hyväksytään toteutettavaksi; seurannasta vastaa perhekeskuskoordinaattori.",
        follow_up_owner=coordinator,
    )
    process.refresh_from_db()
    return lifecycle.metric_add(
        actor=coordinator,
        process=process,
        name="Iltapäiväkerhon paikat",
        unit="paikkaa",
        baseline="20",
        target="40",
        method="Kunnan tilasto lukukauden alussa.",
    )


def load(ctx: DemoContext) -> None:
    net = network(ctx)
    _load_codevelopment(ctx, net["users"], net["groups"])
    _load_followed_up(ctx, net["users"], net["groups"])
