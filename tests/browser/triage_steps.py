"""Data and browser steps for the collector's triage pages and the local team's pages, used by the
accessibility suite. The network's ordinary member becomes the family centre's collector here; the member
already coordinates the local team (Petonen)."""

from __future__ import annotations

from datetime import timedelta


def make_collector(n) -> None:
    from familycentres.models import Membership
    from familycentres.tests.factories import MembershipFactory

    if not Membership.objects.filter(
        group=n.steering, user=n.member, role=Membership.Role.COLLECTOR
    ).exists():
        MembershipFactory(group=n.steering, user=n.member, role=Membership.Role.COLLECTOR)


def observations(n) -> list:
    """A few observations of the team's area: themes, a family's one, one held for a phone number."""
    from familycentres.models import Area
    from observations.tests.factories import FamilyObservationFactory, ObservationFactory

    if getattr(n, "_triage_observations", None):
        return n._triage_observations
    local = Area.objects.get(pk=n.team.area_id)
    made = [
        ObservationFactory(
            family_centre=n.centre,
            area=local,
            text="Iltapäiväkerhon jono on pitkä ja moni ekaluokkalainen jää ilman paikkaa.",
            themes=["iltapäivätoiminta", "yksinäisyys"],
        ),
        ObservationFactory(
            family_centre=n.centre,
            area=local,
            kind="positive",
            environment="leisure",
            text="Nuorisotalon perjantai-illat ovat täynnä. 😀",
            themes=["harrastukset"],
        ),
        FamilyObservationFactory(
            family_centre=n.centre,
            area=n.municipality,
            text="Barnen har ingen plats att vara efter skolan.",
        ),
        ObservationFactory(family_centre=n.centre, area=local, text="Ei teemaa: vanhemmat kaipaavat tukea."),
        FamilyObservationFactory(
            family_centre=n.centre,
            area=n.municipality,
            text="Soittakaa minulle numeroon 040 000 1234, niin kerron lisää.",
            held=True,
            held_reasons=["phone"],
        ),
    ]
    n._triage_observations = made
    return made


def queue(n, query: str = "") -> str:
    make_collector(n)
    observations(n)
    return "/observations/triage/" + query


def empty_queue(n) -> str:
    make_collector(n)
    return "/observations/triage/"


def held_observation(n) -> str:
    make_collector(n)
    return f"/observations/{observations(n)[4].pk}/"


def merge(n) -> str:
    make_collector(n)
    return f"/observations/{observations(n)[0].pk}/merge/"


def redact(n) -> str:
    make_collector(n)
    return f"/observations/{observations(n)[4].pk}/redact/"


def archive(n) -> str:
    make_collector(n)
    return f"/observations/{observations(n)[1].pk}/archive/"


def team_view(n) -> str:
    observations(n)
    return f"/teams/{n.team.pk}/observations/"


def _team_meeting(n):
    from django.utils import timezone

    from familycentres.models import Meeting
    from familycentres.tests.factories import MeetingFactory

    meeting = Meeting.objects.filter(group=n.team).first()
    if meeting is None:
        start = timezone.now().replace(second=0, microsecond=0) + timedelta(days=5)
        meeting = MeetingFactory(
            group=n.team, title="Tiimin tapaaminen", starts_at=start, ends_at=start + timedelta(hours=1)
        )
    return meeting


def team_review(n) -> str:
    observations(n)
    return f"/teams/{n.team.pk}/meetings/{_team_meeting(n).pk}/review/"


def team_meeting_with_review(n) -> str:
    from observations import services

    found = observations(n)
    meeting = _team_meeting(n)
    services.team_review_record(
        actor=n.member, meeting=meeting, observation_ids=[found[0].pk], raised="Iltapäivätoiminnan jonot."
    )
    return f"/network/meetings/{meeting.pk}/"


def team_group(n) -> str:
    return f"/network/groups/{n.team.pk}/"


# Browser steps ------------------------------------------------------------------------------------------


def _send(page, form: str) -> None:
    page.eval_on_selector(form, "f => { f.noValidate = true; }")
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").first.click()


def merge_confirmation(page, net) -> None:
    """Chooses the observation to keep from the candidates: the confirmation step shows both."""
    page.locator("main .candidate-list input[type=radio]").first.check()
    _send(page, "main form:has(.candidate-list)")
    assert page.locator("main input[name=confirm]").count() == 1


def merge_with_errors(page, net) -> None:
    page.fill("#id_keep", "999999")
    _send(page, "main form:has(#id_keep)")
    assert page.locator("main .errorlist").count() >= 1


def archive_confirmation(page, net) -> None:
    page.fill("textarea[name=reason]", "Asia on jo työn alla toisaalla.")
    _send(page, "main form:has(textarea[name=reason])")
    assert page.locator("main input[name=confirm]").count() == 1


def archive_with_errors(page, net) -> None:
    page.fill("textarea[name=reason]", "")
    _send(page, "main form:has(textarea[name=reason])")
    assert page.locator("main .errorlist").count() >= 1


def redact_with_errors(page, net) -> None:
    page.fill("textarea[name=text]", "Soittakaa 040 765 4321")
    _send(page, "main form:has(textarea[name=text])")
    assert page.locator("main .errorlist").count() >= 1


def review_with_errors(page, net) -> None:
    """A forged choice (an observation not offered) comes back as an error."""
    page.eval_on_selector("main input[name=observations]", "i => { i.value = '999999'; i.checked = true; }")
    _send(page, "main form:has(input[name=observations])")
    assert page.locator("main .errorlist").count() >= 1
