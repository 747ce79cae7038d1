"""Data for the consultation, update and public developing-now pages, used by the accessibility suite.
The chair (MANAGER) coordinates the developer group opened in codevelopment_steps; the member belongs to
the family-centre team that is asked for comments."""

from __future__ import annotations

from datetime import timedelta

from tests.browser import codevelopment_steps


def process(n):
    from codevelopment.models import DevelopmentProcess

    existing = DevelopmentProcess.objects.filter(decision=codevelopment_steps.decision(n)).first()
    return existing or codevelopment_steps.process(n)


def consultation(n):
    from django.utils import timezone

    from codevelopment.models import ConsultationRound
    from codevelopment.services import consultations

    made = ConsultationRound.objects.filter(process=process(n)).first()
    if made is None:
        made = consultations.consultation_create(
            actor=n.chair,
            process=process(n),
            title="Luonnos: iltapäiväkerhot kouluille",
            draft="Ehdotamme iltapäiväkerhoja kolmelle koululle.\nKommentoikaa erityisesti aikataulua.",
            groups=[n.team, n.steering],
            deadline=timezone.now() + timedelta(days=7),
        )
        consultations.consultation_comment(
            actor=n.member, consultation=made, text="Aikataulu sopii tiimillemme.", group=n.team
        )
    return made


def consultation_list(n) -> str:
    consultation(n)
    return f"/codevelopment/{process(n).pk}/consultations/"


def consultation_detail(n) -> str:
    made = consultation(n)
    return f"/codevelopment/{made.process_id}/consultations/{made.pk}/"


def _updates(n):
    from codevelopment.models import ProcessUpdate, StageChange
    from codevelopment.services import updates

    made = process(n)
    if not ProcessUpdate.objects.filter(process=made).exists():
        StageChange.objects.create(process=made, stage="designing")
        updates.update_post(
            actor=n.chair,
            process=made,
            title="Kartoitus valmis",
            body="Kävimme läpi kerhojen paikat kolmessa koulussa.",
            is_public=True,
        )
        updates.update_post(actor=n.chair, process=made, title="Seuraava tapaaminen", body="Sisäinen tieto.")
    return made


def update_list(n) -> str:
    return f"/codevelopment/{_updates(n).pk}/updates/"


def public_page(n) -> str:
    _updates(n)
    return f"/kehitamme/{n.centre.slug}/"
