"""The demo network's network meetings: two processes convened by the demo professional (a network meeting
with hypothesis work and a four-step plan with a work pair; an LP discussion followed by an LP network
negotiation), LP feedback answers and LP qualifications. The collector demo account takes part in none.
Idempotent: everything is found by its natural key before it is created."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from familycentres.models import FamilyCentre

from .models import (
    GenogramPerson,
    GenogramRelation,
    LPFeedback,
    LPQualification,
    NetworkMeeting,
    NetworkProcess,
    Participant,
    PlanStep,
    TimelineEvent,
)
from .services.meetings import record_template

CENTRE_SLUG = "tampereen-seutu"
PROFESSIONAL = "ammattilainen@demo.ilmio.fi"


def _user(email_part: str):
    return (
        get_user_model().objects.filter(email__iexact=email_part).first()
        or get_user_model().objects.filter(full_name=email_part).first()
    )


def load(ctx) -> None:
    centre = FamilyCentre.objects.filter(slug=CENTRE_SLUG).first()
    convener = _user(PROFESSIONAL)
    teacher = _user("Kari Järvinen")
    social = _user("Hanna Saarinen")
    trainer = _user("Tarja Pursiainen")
    if not all([centre, convener, teacher, social, trainer]):
        ctx.stdout.write("networkmeetings: the demo network is missing; run seed_demo first\n")
        return
    now = ctx.now
    today = now.date()

    for user, level, years in (
        (trainer, "trainer", 3),
        (convener, "negotiation", 1),
        (social, "discussion", 2),
    ):
        LPQualification.objects.get_or_create(
            user=user,
            level=level,
            defaults={"trained_on": today - datetime.timedelta(days=365 * years), "created_by": convener},
        )

    # 1. A network meeting with hypothesis work and a four-step plan with a work pair.
    first, created = NetworkProcess.objects.get_or_create(
        label="Perhe Kuusi 2026",
        convener=convener,
        family_centre=centre,
        defaults={
            "responsible_worker": convener,
            "responsible_pair": social,
            "contact_info": "Neuvola, arkisin 8–16, puh. 03 000 0000",
            "core_issue": "Aamut ovat raskaita ja koulumatka jää usein väliin.",
            "what_is_told": "Äiti kertoo aamuista, opettaja koulupäivistä.",
            "shared_with_invitees": "Aamujen hankaluus ja poissaolot koulusta.",
            "family_told_how_it_works": True,
            "created_by": convener,
        },
    )
    Participant.objects.get_or_create(
        process=first,
        user=teacher,
        removed_at=None,
        defaults={
            "kind": Participant.Kind.PROFESSIONAL,
            "description": "luokanopettaja",
            "answer": Participant.Answer.COMING,
        },
    )
    Participant.objects.get_or_create(
        process=first,
        kind=Participant.Kind.FAMILY_NETWORK,
        description="isoäiti",
        defaults={"answer": Participant.Answer.COMING},
    )
    meeting, made = NetworkMeeting.objects.get_or_create(
        process=first,
        kind=NetworkMeeting.Kind.NETWORK,
        defaults={
            "structure": NetworkMeeting.Structure.HYPOTHESIS,
            "starts_at": now - datetime.timedelta(days=7),
            "place": "Perhekeskus",
            "chair": convener,
            "recorder": social,
            "status": NetworkMeeting.Status.HELD,
            "record": record_template(NetworkMeeting.Structure.HYPOTHESIS)
            + "\nYhteinen kuva: aamujen rytmi on hukassa illan ruutuajan takia.",
            "record_version": 1,
            "next_meeting_on": today + datetime.timedelta(days=35),
            "evaluation_family": 4,
            "evaluation_workers": 4,
            "created_by": convener,
        },
    )
    if made:
        steps = [
            ("Iltarutiinin suunnittelu yhdessä perheen kanssa", convener, social, "", 7),
            ("Koulumatkan tukihenkilö ensimmäisiksi viikoiksi", teacher, None, "", 14),
            ("Isoäiti hakee koululta tiistaisin", None, None, "isoäiti", 10),
            ("Tilannekatsaus opettajan ja perheen kesken", teacher, convener, "", 28),
        ]
        for what, owner, pair, family_member, days in steps:
            PlanStep.objects.create(
                meeting=meeting,
                what=what,
                owner=owner,
                pair=pair,
                family_member=family_member,
                due_on=today + datetime.timedelta(days=days),
                created_by=convener,
            )

    if not first.genogram_people.exists():
        people = {}
        for key, name, gender, generation, is_child in (
            ("grandmother", "isoäiti", "female", -2, False),
            ("mother", "äiti", "female", -1, False),
            ("father", "isä", "male", -1, False),
            ("child", "A", "male", 0, True),
            ("sister", "sisko", "female", 0, False),
        ):
            people[key] = GenogramPerson.objects.create(
                process=first, name=name, gender=gender, generation=generation, is_child=is_child
            )
        for source, target, kind in (
            ("grandmother", "mother", "parent"),
            ("mother", "father", "separated"),
            ("mother", "child", "parent"),
            ("father", "child", "parent"),
            ("child", "sister", "siblings"),
            ("grandmother", "child", "close"),
        ):
            GenogramRelation.objects.create(
                process=first, source=people[source], target=people[target], kind=kind
            )
        for year, month, text in (
            (2019, None, "Vanhemmat erosivat"),
            (2023, 8, "Muutto uuteen kotiin"),
            (2025, 1, "Koulumatkat alkoivat jäädä väliin"),
        ):
            TimelineEvent.objects.create(process=first, year=year, month=month, text=text)

    # 2. An LP discussion followed by an LP network negotiation.
    second, _created = NetworkProcess.objects.get_or_create(
        label="Perhe Lehmus 2026",
        convener=convener,
        family_centre=centre,
        defaults={
            "responsible_worker": convener,
            "contact_info": "Neuvola, arkisin 8–16, puh. 03 000 0000",
            "core_issue": "Vanhemman uupumus näkyy lapsen arjessa.",
            "shared_with_invitees": "Perheen arki ja lapsen vahvuudet.",
            "family_told_how_it_works": True,
            "created_by": convener,
        },
    )
    Participant.objects.get_or_create(
        process=second,
        user=trainer,
        removed_at=None,
        defaults={
            "kind": Participant.Kind.PROFESSIONAL,
            "description": "LP-kouluttaja",
            "answer": Participant.Answer.COMING,
        },
    )
    NetworkMeeting.objects.get_or_create(
        process=second,
        kind=NetworkMeeting.Kind.LP_DISCUSSION,
        defaults={
            "structure": NetworkMeeting.Structure.LP_DISCUSSION,
            "service_setting": "health",
            "starts_at": now - datetime.timedelta(days=21),
            "chair": convener,
            "recorder": convener,
            "status": NetworkMeeting.Status.HELD,
            "record": record_template(NetworkMeeting.Structure.LP_DISCUSSION),
            "created_by": convener,
        },
    )
    negotiation, made = NetworkMeeting.objects.get_or_create(
        process=second,
        kind=NetworkMeeting.Kind.LP_NEGOTIATION,
        defaults={
            "structure": NetworkMeeting.Structure.LP_NEGOTIATION,
            "service_setting": "health",
            "starts_at": now - datetime.timedelta(days=5),
            "chair": trainer,
            "recorder": convener,
            "status": NetworkMeeting.Status.HELD,
            "record": record_template(NetworkMeeting.Structure.LP_NEGOTIATION),
            "next_meeting_on": today + datetime.timedelta(days=60),
            "created_by": convener,
        },
    )
    if made:
        PlanStep.objects.create(
            meeting=negotiation,
            what="Perhetyön aloitus kotona",
            owner=convener,
            pair=trainer,
            due_on=today + datetime.timedelta(days=14),
            created_by=convener,
        )
        PlanStep.objects.create(
            meeting=negotiation,
            what="Vanhempi varaa ajan aikuisten palveluihin",
            family_member="vanhempi",
            due_on=today + datetime.timedelta(days=7),
            created_by=convener,
        )

    # Anonymous LP feedback: enough answers per setting that the summary shows figures.
    if not LPFeedback.objects.filter(family_centre=centre).exists():
        month = today.replace(day=1)
        rows = []
        for i, setting in enumerate(["school"] * 14 + ["health"] * 6 + ["ecec"] * 5 + ["other"] * 3):
            rows.append(
                LPFeedback(
                    family_centre=centre,
                    setting=setting,
                    month=month,
                    source=LPFeedback.Source.IMPORT,
                    heard=i % 7 != 0,
                    parenting_tools=i % 3 != 0,
                    mental_health_meaningful=i % 4 != 0,
                    mental_health_confidence=i % 2 == 0,
                    useful_child=i % 5 != 0,
                    useful_family=i % 3 != 1,
                    useful_self=i % 2 == 1,
                )
            )
        LPFeedback.objects.bulk_create(rows)
    ctx.stdout.write("networkmeetings: demo processes, LP feedback and qualifications loaded\n")
