"""A network process from convening to the family's feedback, in a real browser: a teacher convenes and
prepares with the family, an invited colleague answers, the chair and recorder write the shared record
while a second screen shows it live, a four-step plan with a work pair is made, the PDF is fetched,
reminders fire once, the family reads the plan and answers the survey with their code, the access-log
report shows the reads, and a colleague who takes no part gets 404."""

from __future__ import annotations

import datetime

import pytest

from tests.browser.test_accessibility_networkmeetings import force_sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def people(transactional_db):
    from familycentres.models import Membership
    from familycentres.tests.factories import FamilyCentreFactory
    from networkmeetings.tests.factories import centre_worker

    centre = FamilyCentreFactory(name_fi="Kuopion perhekeskus")
    teacher = centre_worker(centre)
    teacher.full_name = "Opettaja Olli"
    teacher.save()
    nurse = centre_worker(centre)
    nurse.full_name = "Terveydenhoitaja Tiina"
    nurse.save()
    outsider = centre_worker(centre, role=Membership.Role.COORDINATOR)
    return centre, teacher, nurse, outsider


def _submit(page, form="main form"):
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").first.click()


def test_network_process_flow(people, new_context, live_server):
    from django.core import mail

    from core.models import AccessLogEntry
    from networkmeetings.models import LPFeedback, NetworkProcess, PlanStep
    from networkmeetings.tasks import schedule_step_reminders

    centre, teacher, nurse, outsider = people
    ctx = new_context()
    force_sign_in(ctx, teacher, live_server)
    page = ctx.new_page()

    # Convening.
    page.goto("/fi/network-meetings/")
    page.get_by_role("link", name="Kutsu koolle verkostoprosessi").click()
    page.fill("input[name=label]", "Perhe Kuusi")
    page.select_option("select[name=family_centre]", str(centre.pk))
    page.select_option("select[name=responsible_worker]", str(teacher.pk))
    page.fill("input[name=contact_info]", "Koulu, puh. 03 000 0000")
    _submit(page)
    process = NetworkProcess.objects.get(label="Perhe Kuusi")

    # Preparation with the family and the invitees.
    page.fill("textarea[name=core_issue]", "Aamut ovat raskaita")
    page.fill("textarea[name=shared_with_invitees]", "Aamujen hankaluus")
    page.check("input[name=family_told_how_it_works]")
    _submit(page, "main form:not([action])")
    page.check("input[name=kind][value=professional]")
    page.select_option("select[name=user]", str(nurse.pk))
    page.fill("input[name=description]", "kouluterveydenhoitaja")
    _submit(page, "main form[action$='/invitees/']")
    assert "kouluterveydenhoitaja" in page.content()

    # The genogram.
    page.goto(f"/fi/network-meetings/{process.pk}/genogram-and-timeline/")
    for name, gender, gen in (("äiti", "female", "-1"), ("A", "male", "0")):
        page.fill("input[name=name]", name)
        page.select_option("select[name=gender]", gender)
        page.select_option("select[name=generation]", gen)
        _submit(page, "main form:has(input[name=action][value=person])")
    assert page.locator("svg.genogram circle").count() == 1 and page.locator("svg.genogram rect").count() == 1

    # The invitee answers.
    nurse_ctx = new_context()
    force_sign_in(nurse_ctx, nurse, live_server)
    nurse_page = nurse_ctx.new_page()
    nurse_page.goto("/fi/network-meetings/")
    nurse_page.get_by_role("link", name="Perhe Kuusi").first.click()
    nurse_page.check("input[name=answer][value=coming]")
    _submit(nurse_page)
    assert process.participants.get().answer == "coming"

    # The meeting: the teacher chairs, the nurse records.
    page.goto(f"/fi/network-meetings/{process.pk}/meetings/new/")
    page.select_option("select[name=kind]", "network")
    page.select_option("select[name=structure]", "hypothesis")
    start = (datetime.datetime.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT10:00")
    page.fill("input[name=starts_at]", start)
    page.select_option("select[name=chair]", str(teacher.pk))
    page.select_option("select[name=recorder]", str(nurse.pk))
    _submit(page)
    meeting_url = page.url

    # A second screen shows the record live while the recorder writes.
    screen = ctx.new_page()
    screen.goto(meeting_url + "screen/")
    nurse_page.goto(meeting_url)
    nurse_page.fill("textarea[name=text]", "Yhteinen kuva: aamujen rytmi")
    _submit(nurse_page, "main form[action$='/record/']")
    screen.wait_for_function(
        "() => document.querySelector('#live-record').textContent.includes('aamujen rytmi')", timeout=8000
    )
    # The screen polls every 3 s and each poll is a logged read: closed here, so that on a slow machine its
    # reads do not push the others off the first page of the access-log report checked below.
    screen.close()

    # A four-step plan with a work pair.
    page.goto(meeting_url)
    due = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    for i in range(4):
        page.fill("input[name=what]", f"Askel {i + 1}")
        page.select_option("select[name=owner]", str(teacher.pk))
        if i == 0:
            page.select_option("select[name=pair]", str(nurse.pk))
        page.fill("input[name=due_on]", due)
        _submit(page, "main form[action$='/steps/']")
    assert PlanStep.objects.filter(meeting__process=process).count() == 4
    page.select_option("select[name=evaluation_family]", "4")
    _submit(page, "main form[action$='/conclude/']")

    # The parents' PDF.
    response = page.request.get(meeting_url + "plan.pdf?lang=sv")
    assert response.headers["content-type"] == "application/pdf" and response.body().startswith(b"%PDF")

    # Reminders fire once for due steps.
    mail.outbox.clear()
    assert schedule_step_reminders() == 4
    assert schedule_step_reminders() == 0

    # The family reads the plan with their code and answers the survey (an LP discussion makes it possible).
    page.goto(f"/fi/network-meetings/{process.pk}/")
    _submit(page, "main form[action$='/family-code/']")
    code = page.locator(".nm-code").inner_text().strip()
    from networkmeetings.tests.factories import NetworkMeetingFactory

    NetworkMeetingFactory(
        process=process,
        kind="lp_discussion",
        structure="lp_discussion",
        service_setting="school",
        chair=teacher,
        recorder=teacher,
        status="held",
    )
    family = new_context().new_page()
    family.goto("/fi/family/")
    family.fill("input[name=code]", code)
    _submit(family)
    assert "aamujen rytmi" in family.content()
    family.get_by_role("link", name="Vastaa palautekyselyyn").click()
    family.check("input[name=heard][value='1']")
    family.check("input[name=useful_child][value='1']")
    _submit(family)
    assert LPFeedback.objects.get().heard is True

    # The access-log report shows the reads, the family's too.
    page.goto(f"/fi/network-meetings/{process.pk}/access-log/")
    body = page.content()
    assert "Terveydenhoitaja Tiina" in body and "perhe omalla koodillaan" in body
    assert AccessLogEntry.objects.filter(client_ref=process.client_ref, kind="pdf").count() == 1

    # A colleague who takes no part gets 404 everywhere.
    other = new_context()
    force_sign_in(other, outsider, live_server)
    other_page = other.new_page()
    for url in (
        f"/fi/network-meetings/{process.pk}/",
        meeting_url,
        meeting_url + "screen/",
        meeting_url + "plan.pdf",
    ):
        assert other_page.goto(url).status == 404
