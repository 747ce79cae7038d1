"""This app's part of the demo network: the county steering group's decision to start co-development
opens a developer group with its core question, roadmap, hypotheses, a root cause, an Erätauko dialogue,
members, a public update, an open experience survey and a consultation round to a local team."""

from __future__ import annotations

from datetime import timedelta

from core.demo import DemoContext
from familycentres.demo import network
from phenomena.models import Decision

from . import consultations, lifecycle, surveys, updates, workspace
from . import services as cd
from .models import DevelopmentProcess


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


def load(ctx: DemoContext) -> None:
    net = network(ctx)
    _load_codevelopment(ctx, net["users"], net["groups"])
