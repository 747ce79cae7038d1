"""Data and browser steps for the phenomenon pages, used by the accessibility suite. The network's ordinary
member opens the phenomenon, so the member may edit it and sees every action."""

from __future__ import annotations


def phenomenon(n):
    """A phenomenon under analysis with a few observations of different environments and months."""
    from datetime import timedelta

    from django.utils import timezone

    from observations.tests.factories import ObservationFactory
    from phenomena.models import Phenomenon, PhenomenonObservation
    from phenomena.tests.factories import PhenomenonFactory

    if getattr(n, "_phenomenon", None):
        return n._phenomenon
    made = PhenomenonFactory(
        family_centre=n.centre,
        title="Ekaluokkalaisten yksinäiset iltapäivät",
        description="Useat havainnot kertovat, että ekaluokkalaiset jäävät iltapäivisin yksin.",
        status=Phenomenon.Status.UNDER_ANALYSIS,
        created_by=n.member,
        analysis_understanding="Iltapäiväkerhojen paikat eivät riitä.",
    )
    today = timezone.localdate()
    observations = [
        ObservationFactory(
            family_centre=n.centre,
            area=n.centre.municipalities.first(),
            environment=environment,
            observed_on=today - timedelta(days=40 * i),
            text="Moni ekaluokkalainen on iltapäivät yksin kotona.",
            themes=["yksinäisyys"],
        )
        for i, environment in enumerate(["school", "home", "leisure"])
    ]
    PhenomenonObservation.objects.bulk_create(
        [PhenomenonObservation(phenomenon=made, observation=o) for o in observations]
    )
    n._phenomenon = made
    return made


def detail(n) -> str:
    return f"/phenomena/{phenomenon(n).pk}/"


def edit(n) -> str:
    return f"/phenomena/{phenomenon(n).pk}/edit/"


def close(n) -> str:
    return f"/phenomena/{phenomenon(n).pk}/close/"


def initiative(n) -> str:
    return f"/phenomena/{phenomenon(n).pk}/initiative/"


def create_from_observation(n) -> str:
    obs = phenomenon(n).observations.first()
    return f"/phenomena/new/?observations={obs.pk}"


def observation_with_suggestions(n) -> str:
    """An observation of the member's own, with the phenomenon suggested for it."""
    from observations.tests.factories import ObservationFactory

    phenomenon(n)
    obs = ObservationFactory(
        family_centre=n.centre,
        area=n.centre.municipalities.first(),
        author=n.member,
        text="Ekaluokkalaisten iltapäivät ovat yksinäisiä.",
        themes=["yksinäisyys"],
    )
    return f"/observations/{obs.pk}/"


def _submit(page, form: str = "main form.narrow") -> None:
    page.eval_on_selector(form, "f => { f.noValidate = true; }")
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").click()


def failed_create(page, n) -> None:
    page.fill("input[name=title]", "")
    _submit(page)
    assert page.locator("main .errorlist").count() >= 1


def failed_close(page, n) -> None:
    _submit(page)
    assert page.locator("main .errorlist").count() >= 1


def failed_initiative(page, n) -> None:
    _submit(page)
    assert page.locator("main .errorlist").count() >= 1


def failed_add_observations(page, n) -> None:
    page.fill("input[name=observations]", "abc")
    _submit(page, "main form.add-observations")
    assert page.locator("main .errorlist").count() >= 1
