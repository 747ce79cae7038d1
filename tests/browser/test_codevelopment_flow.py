"""Done means for co-development: a steering group's decision opens a developer group; the coordinator invites a
client developer by email; the group works through its roadmap and stages, asks a family-centre team for
comments (one reminder each, however often the scheduler runs), asks families about their experience on a phone
in Swedish, sends its proposal, which the steering group approves naming a follow-up owner; the owner measures
the result at two follow-up points (each reminded once), the second of which opens a new phenomenon; and the
group is closed. The public "developing now" page shows each stage. Every page a person uses is driven in
Chromium; the data before the decision is made with services."""

from __future__ import annotations

import datetime
import re
import time
from urllib.parse import urlsplit

import pytest

from tests.browser import family_steps

pytestmark = pytest.mark.browser

PUBLIC = "/en/developing/kuopio/"


def _expect():
    from playwright.sync_api import expect

    return expect


def _submit(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def _public_stage(public, process, label: str, check_axe=None) -> None:
    public.goto(PUBLIC)
    _expect()(public.locator(f"#process-{process.pk} .badge").first).to_have_text(label)
    if check_axe:
        check_axe(public, "the public developing-now page")


def _in_english(url: str) -> str:
    """A stored link (made in the recipient's language) as the same page in English."""
    return re.sub(r"^/(fi|sv|en)/", "/en/", url)


def _decision(n):
    """Observation → phenomenon → initiative to the local steering group → "start co-development"."""
    from observations.tests.factories import ObservationFactory
    from phenomena import services

    observation = ObservationFactory(
        family_centre=n.centre,
        area=n.team.area,
        author=n.member,
        text="Ekaluokkalaiset odottavat iltapäivät kaupassa.",
    )
    phenomenon = services.phenomenon_create(
        actor=n.member,
        title="Ekaluokkalaisten yksinäiset iltapäivät",
        description="Useat havainnot kertovat yksinäisistä iltapäivistä.",
        kind="concern",
        scale="local",
        analyser_kind="team",
        observation_ids=[observation.pk],
    )
    initiative = services.initiative_create(
        actor=n.member,
        phenomenon=phenomenon,
        proposal="codevelopment",
        rationale="Iltapäivätoiminnan jonot ovat koko kaupungin asia.",
        group=n.steering,
    )
    return services.decision_record(
        actor=n.chair,
        initiative=initiative,
        kind="start_codevelopment",
        reasons="Kehitetään iltapäivätoimintaa yhdessä perheiden kanssa.",
        scope="local",
        responsible_progress="Perhekeskuskoordinaattori",
    )


def _open_group(chair, decision, check_axe):
    from codevelopment.models import DevelopmentProcess

    page = chair.new_page()
    page.goto(f"/en/codevelopment/start/{decision.pk}/")
    _expect()(page.locator("h1")).to_have_text("Start the developer group")
    page.get_by_label("Name of the new developer group").fill("Iltapäivien kehittäjäryhmä")
    _submit(page, "Start the developer group")
    process = DevelopmentProcess.objects.get(decision=decision)
    assert urlsplit(page.url).path == f"/en/codevelopment/{process.pk}/"
    _expect()(page.locator("main")).to_contain_text("Iltapäivien kehittäjäryhmä")
    check_axe(page, "the workspace")
    return process, page


def _invite_client_developer(page, process, new_context, check_axe, other_process):
    from django.core import mail

    page.goto(f"/en/codevelopment/{process.pk}/invitations/")
    page.locator("#id_full_name").fill("Sanna Asiakaskehittäjä")
    page.get_by_label("Email address").fill("sanna.asiakas@example.test")
    page.get_by_label("Role").select_option("client_representative")
    page.get_by_label("Taking part as").select_option("client_developer")
    before = len(mail.outbox)
    _submit(page, "Send the invitation")
    _expect()(page.locator("main")).to_contain_text("sanna.asiakas@example.test")
    sent = mail.outbox[before:]
    assert [m.to for m in sent] == [["sanna.asiakas@example.test"]]
    link = re.search(r"https?://\S+?(/\w\w/codevelopment/invitation/[^/\s]+/)", sent[0].body)
    assert link, sent[0].body

    client = new_context()
    invited = client.new_page()
    invited.goto(_in_english(link.group(1)))
    _expect()(invited.locator("h1")).to_have_text("Invitation to a developer group")
    check_axe(invited, "the invitation accept page")
    invited.get_by_label("Your name").fill("Sanna Asiakaskehittäjä")
    invited.locator("#id_password1").fill("Pitka-salasana-2026!")
    invited.locator("#id_password2").fill("Pitka-salasana-2026!")
    _submit(invited, "Make the account and join")
    assert urlsplit(invited.url).path.endswith(f"/codevelopment/{process.pk}/"), invited.url
    _expect()(invited.locator("main")).to_contain_text("Iltapäivien kehittäjäryhmä")

    invited.goto("/en/codevelopment/")
    main = invited.locator("main")
    _expect()(main).to_contain_text("Iltapäivien kehittäjäryhmä")
    _expect()(main).not_to_contain_text(other_process.group.name)
    assert invited.locator(f"main a[href*='/codevelopment/{process.pk}/']").count() >= 1
    assert invited.locator(f"main a[href*='/codevelopment/{other_process.pk}/']").count() == 0
    response = invited.goto(f"/en/codevelopment/{other_process.pk}/")
    assert response.status == 404


def _roadmap_and_designing(page, process, public, check_axe):
    page.goto(f"/en/codevelopment/{process.pk}/")
    page.get_by_label("Milestone").fill("Perheiden haastattelut tehty")
    _submit(page, "Add the milestone")
    _submit(page, "Mark “Perheiden haastattelut tehty” done")
    roadmap_item = page.locator("li", has_text="Perheiden haastattelut tehty")
    _expect()(roadmap_item.locator(".badge")).to_have_text("done")
    page.get_by_label("Core question").fill("Miten jokainen ekaluokkalainen saa turvallisen iltapäivän?")
    _submit(page, "Save")
    _expect()(page.locator("dl.facts").nth(1)).to_contain_text("Miten jokainen ekaluokkalainen")
    _public_stage(public, process, "Understanding the phenomenon", check_axe)
    # Root causes first: no step to designing before the group has recorded them.
    page.goto(f"/en/codevelopment/{process.pk}/")
    _expect()(page.locator("main")).to_contain_text("Root causes come first")
    assert page.get_by_role("button", name="Move to the stage: designing").count() == 0
    page.locator("form[action$='/root-causes/'] textarea[name=text]").fill(
        "Iltapäiväkerhojen paikat on mitoitettu vanhan tarpeen mukaan."
    )
    _submit(page, "Add the root cause")
    _submit(page, "Move to the stage: designing")
    process.refresh_from_db()
    assert process.stage == "designing"
    _expect()(page.locator("ol.history")).to_contain_text("Designing")
    _public_stage(public, process, "Designing")


def _consultation(page, process, n, member_page, check_axe):
    from django.core import mail
    from django.utils import timezone

    from codevelopment import tasks
    from codevelopment.models import ConsultationRound
    from core.models import Notification

    page.goto(f"/en/codevelopment/{process.pk}/consultations/")
    page.locator("#id_title").fill("Iltapäiväkerhon malli")
    page.locator("#id_draft").fill("Ehdotamme iltapäiväkerhoa jokaiseen alakouluun.")
    page.get_by_label(n.team.name).check()
    deadline = timezone.localtime(timezone.now() + datetime.timedelta(hours=24))
    page.locator("#id_deadline").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Reminder before the deadline (hours)").fill("48")
    _submit(page, "Open the round and tell the groups")
    consultation = ConsultationRound.objects.get(process=process)

    reminders = Notification.objects.filter(recipient=n.member, verb="codevelopment.consultation_reminder")
    before = len(mail.outbox)
    tasks.schedule_reminders()
    assert reminders.count() == 1
    assert [m.to for m in mail.outbox[before:]] == [[n.member.email]]
    assert reminders.get().url.endswith(f"/codevelopment/{process.pk}/consultations/{consultation.pk}/")

    # The member finds the round in the "waiting for your comment" block and comments.
    member_page.goto("/en/codevelopment/")
    waiting = member_page.locator("section[aria-labelledby=waiting-heading]")
    with member_page.expect_navigation():
        waiting.get_by_role("link", name="Iltapäiväkerhon malli").click()
    check_axe(member_page, "the consultation round")
    member_page.get_by_label("Your comment").fill("Tiimi kannattaa mallia, kun kuljetukset järjestetään.")
    _submit(member_page, "Send the comment")
    _expect()(member_page.locator("main")).to_contain_text("Tiimi kannattaa mallia")

    page.goto(f"/en/codevelopment/{process.pk}/consultations/{consultation.pk}/")
    _expect()(page.locator("caption", has_text=n.team.name)).to_contain_text("1 of 1 answered")
    row = page.locator("tr", has=page.locator("th", has_text=n.member.full_name))
    _expect()(row.locator("td")).to_have_text("yes")
    check_axe(page, "the consultation round for the coordinator")

    # The scheduler running again sends nothing more.
    before = len(mail.outbox)
    tasks.schedule_reminders()
    assert reminders.count() == 1
    assert len(mail.outbox) == before


def _survey(page, process, new_context, check_axe):
    from codevelopment.models import Survey

    page.goto(f"/en/codevelopment/{process.pk}/surveys/")
    page.get_by_label("Title in Finnish").fill("Kokemuksia iltapäivistä")
    page.get_by_label("Title in Swedish (optional)").fill("Erfarenheter av eftermiddagarna")
    _submit(page, "Create the survey")
    survey = Survey.objects.get(process=process)
    for kind, text, text_sv, required in [
        ("scale", "Saitteko apua, kun tarvitsitte?", "Fick ni hjälp när ni behövde?", "yes"),
        ("text", "Mitä muuta haluatte kertoa?", "Vad mer vill ni berätta?", "no"),
    ]:
        page.goto(f"/en/codevelopment/{process.pk}/surveys/{survey.pk}/")
        page.get_by_label("Kind").select_option(kind)
        page.get_by_label("Question in Finnish").fill(text)
        page.get_by_label("Question in Swedish (optional)").fill(text_sv)
        page.locator(f"input[name=required][value={required}]").check()
        _submit(page, "Add the question")
    _submit(page, "Open the survey for answers")
    survey.refresh_from_db()
    assert survey.questions.count() == 2

    phone = new_context(width=390, height=844).new_page()
    phone.goto(f"/sv/enkat/{survey.public_id}/")
    started = time.monotonic()
    _expect()(phone.locator("h1")).to_have_text("Erfarenheter av eftermiddagarna")
    phone.locator("main form.public-form input[type=radio][value='4']").check()
    phone.fill("main form.public-form textarea", "Ledarna var vänliga.")
    _expect()(phone.locator("altcha-widget .altcha")).to_have_attribute(
        "data-state", "verified", timeout=60_000
    )
    check_axe(phone, "the survey's public page on a phone")
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    family_steps.wait_for_stamp(started)
    family_steps.send(phone)
    assert urlsplit(phone.url).path == f"/sv/enkat/{survey.public_id}/tack/", phone.url

    page.goto(f"/en/codevelopment/{process.pk}/surveys/{survey.pk}/results/")
    facts = page.locator("main dl.facts").first
    _expect()(facts.locator("dd").first).to_have_text("1")

    # Whom the survey reached, vulnerable families included, is recorded before the proposal goes.
    page.goto(f"/en/codevelopment/{process.pk}/surveys/{survey.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Record whom it reached").click()
    check_axe(page, "the reach form")
    page.get_by_label("Target group").fill("Ekaluokkalaisten vanhemmat")
    page.get_by_label("Channel").select_option("mixed")
    page.get_by_label("Environment").fill("Koulun vanhempainilta ja perhekahvila")
    page.locator("input[name=vulnerable_reached][value=partly]").check()
    page.get_by_label("How they were reached, or why not").fill(
        "Koulukuraattori vei kyselyn QR-koodin perhetyön asiakasperheille."
    )
    _submit(page, "Save whom it reached")
    assert urlsplit(page.url).path == f"/en/codevelopment/{process.pk}/surveys/{survey.pk}/"
    _expect()(page.locator("main")).to_contain_text("Koulukuraattori vei kyselyn")


def _proposal_and_decision(page, process, n, public, check_axe):

    from codevelopment.models import Proposal
    from familycentres.tests.factories import meeting_starts_now

    page.goto(f"/en/codevelopment/{process.pk}/proposal/")
    page.get_by_label("Solutions").fill("Iltapäiväkerho jokaiselle alakoululle.")
    page.get_by_label("Implementation plan").fill("Kokeilu syksyllä kahdessa koulussa.")
    page.get_by_label("How the result will be measured").fill("Kerhopaikkojen määrä lukukauden alussa.")
    _submit(page, "Save the proposal")
    _expect()(page.locator("section[aria-labelledby=reach-heading]")).to_contain_text(
        "Ekaluokkalaisten vanhemmat"
    )
    check_axe(page, "the proposal page")
    _submit(page, f"Send the proposal to {n.steering.name}")
    process.refresh_from_db()
    assert process.stage == "proposal"
    _public_stage(public, process, "Proposal")
    proposal = Proposal.objects.get(process=process, sent_at__isnull=False)

    # The steering group's chair puts it on the agenda and approves it, naming the follow-up owner.
    page.goto(f"/en/initiatives/{proposal.initiative_id}/")
    page.get_by_label("Meeting").select_option(label=str(n.meeting))
    _submit(page, "Put on the agenda")
    _expect()(page.locator("main")).to_contain_text("On the agenda")
    # The meeting day comes: the decision is recorded once the meeting has started.
    meeting_starts_now(n.meeting)
    page.get_by_role("link", name=re.compile(r"^Record decision")).first.click()
    _expect()(page.locator("h1")).to_have_text("Record decision")
    page.get_by_label(re.compile("proposal approved for implementation", re.I)).check()
    page.get_by_label("Reasons").fill("Ehdotus hyväksytään toteutettavaksi.")
    page.get_by_label("Who follows up the implementation").select_option(label=n.member.full_name)
    _submit(page, "Record decision")
    process.refresh_from_db()
    assert process.stage == "implementation" and process.follow_up_owner == n.member

    page.goto(f"/en/codevelopment/{process.pk}/")
    _expect()(page.locator("ol.history")).to_contain_text("Implementation")
    _expect()(page.locator("main")).to_contain_text(
        f"Who follows up the implementation: {n.member.full_name}"
    )
    _public_stage(public, process, "Implementation")


def _record_point(owner_page, notification, point, *, value: str, more: str) -> None:
    owner_page.goto(_in_english(notification.url))
    assert owner_page.url.endswith(f"#point-{point.pk}")
    article = owner_page.locator(f"#point-{point.pk}")
    with owner_page.expect_navigation():
        article.get_by_role("link", name=re.compile(r"^Record the follow-up of")).click()
    owner_page.get_by_label("Measured value").fill(value)
    owner_page.get_by_label("Evaluation from families' point of view").fill(
        "Perheet kokevat jonojen lyhentyneen."
    )
    owner_page.get_by_label("Evaluation from professionals' point of view").fill("Ohjaajia tarvitaan lisää.")
    owner_page.locator(f"input[name=more_development_needed][value={more}]").check()
    _submit(owner_page, "Record the follow-up")
    assert f"/codevelopment/{point.metric.process_id}/follow-up/" in owner_page.url


def _follow_up(owner_page, process, n, public, check_axe):
    from django.core import mail
    from django.utils import timezone

    from codevelopment import tasks
    from codevelopment.models import FollowUpMetric
    from codevelopment.services.reminders import reminders_schedule
    from core.models import Notification

    owner_page.goto(f"/en/codevelopment/{process.pk}/follow-up/")
    owner_page.locator("#id_name").fill("Iltapäiväkerhon paikat")
    owner_page.get_by_label("Unit").fill("paikkaa")
    owner_page.get_by_label("Baseline").fill("20")
    owner_page.locator("#id_target").fill("40")
    owner_page.get_by_label("How it is measured").fill("Kunnan tilasto lukukauden alussa.")
    _submit(owner_page, "Add the metric")
    metric = FollowUpMetric.objects.get(process=process)
    assert metric.owner == n.member
    today = timezone.localdate()
    for day in (today, today + datetime.timedelta(days=1)):
        owner_page.get_by_label("Follow-up date").fill(day.isoformat())
        _submit(owner_page, "Add the date")
    first, second = metric.points.order_by("due_on")
    assert (first.due_on, second.due_on) == (today, today + datetime.timedelta(days=1))

    due = Notification.objects.filter(recipient=n.member, verb="codevelopment.followup_due")
    before = len(mail.outbox)
    tasks.schedule_reminders()
    assert due.count() == 1
    assert [m.to for m in mail.outbox[before:]] == [[n.member.email]]
    _record_point(owner_page, due.get(), first, value="26", more="no")
    process.refresh_from_db()
    assert process.stage == "follow_up"
    _public_stage(public, process, "Follow-up")

    # Nothing more today; tomorrow the second point is due and reminded once.
    tasks.schedule_reminders()
    assert due.count() == 1
    before = len(mail.outbox)
    for reminder_id in reminders_schedule(now=timezone.now() + datetime.timedelta(days=1)):
        tasks.send_reminder.delay(reminder_id)
    assert due.count() == 2
    assert [m.to for m in mail.outbox[before:]] == [[n.member.email]]
    latest = due.order_by("-pk").first()
    _record_point(owner_page, latest, second, value="34", more="yes")

    second.refresh_from_db()
    assert second.new_phenomenon is not None
    chart = owner_page.locator("svg.follow-up-chart[role=img]")
    _expect()(chart).to_be_visible()
    table = owner_page.locator(f"section[aria-labelledby=metric-{metric.pk}] table")
    _expect()(table).to_contain_text("26")
    _expect()(table).to_contain_text("34")
    check_axe(owner_page, "the follow-up page with the chart")
    # The deciding group's chair heard of each result once; the report is a PDF.
    told = Notification.objects.filter(recipient=n.chair, verb="codevelopment.followup_recorded")
    assert told.count() == 2
    report = owner_page.request.get(f"/en/codevelopment/{process.pk}/follow-up/report.pdf")
    assert report.status == 200 and report.headers["content-type"] == "application/pdf"

    owner_page.goto(f"/en/phenomena/{second.new_phenomenon.pk}/")
    _expect()(owner_page.locator("main")).to_contain_text(
        f"This phenomenon continues the co-development of {process.group.name}"
    )


def _close(page, process, n, public, check_axe):
    page.goto(f"/en/codevelopment/{process.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Close the co-development process").click()
    page.get_by_label("Who owns the follow-up").select_option(label=n.member.full_name)
    page.get_by_label("Closing summary").fill("Kerhot toimivat; seurantaa jatketaan.")
    _submit(page, "Close the process")
    process.refresh_from_db()
    assert process.stage == "closed"
    page.goto(f"/en/codevelopment/{process.pk}/")
    _expect()(page.locator("main")).to_contain_text("Kerhot toimivat; seurantaa jatketaan.")
    _expect()(page.locator("main")).to_contain_text("Perheiden haastattelut tehty")
    assert page.locator("main form[action$='/update/']").count() == 0
    _public_stage(public, process, "Closed", check_axe)


def test_codevelopment_from_decision_to_closing(network, new_context, sign_in, check_axe):
    from codevelopment import services as codev_services
    from codevelopment.tests.factories import decided

    n = network
    decision = _decision(n)
    other_decision, other_chair = decided()
    other_process = codev_services.process_open_from_decision(actor=other_chair, decision=other_decision)

    public = new_context().new_page()
    chair = new_context()
    sign_in(chair, n.chair)
    process, page = _open_group(chair, decision, check_axe)
    _invite_client_developer(page, process, new_context, check_axe, other_process)
    _roadmap_and_designing(page, process, public, check_axe)

    member = new_context()
    sign_in(member, n.member)
    member_page = member.new_page()
    _consultation(page, process, n, member_page, check_axe)
    _survey(page, process, new_context, check_axe)
    _proposal_and_decision(page, process, n, public, check_axe)
    _follow_up(member_page, process, n, public, check_axe)
    _close(page, process, n, public, check_axe)
