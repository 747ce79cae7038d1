"""Done means for the influencer network: a coordinator sends a matter to six members, three answer, the
deadline reminders reach the other three once however often the scheduler runs, the family centre writes how
the statements were used, every member that answered gets it, and the public page shows the whole trail; a
youth council's proposal becomes an initiative that the steering group decides, and the proposal's public
page shows the decision. The pages people use are driven in Chromium (in English); the steering group's
decision and the scheduler runs are made with services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

pytestmark = pytest.mark.browser


def _en(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"influencernet:{name}", args=args)


def _click(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def test_matter_round_and_proposal_to_decision(transactional_db, new_context, sign_in, check_axe):
    from core.models import Notification
    from familycentres.tests.factories import MeetingFactory
    from influencernet.models import Matter, Proposal, ResponseDelivery
    from influencernet.services.reminders import reminder_send, reminders_schedule
    from influencernet.tests.factories import world
    from phenomena import services as phenomena_services

    w = world(6)
    youth = w.members[0]
    youth.kind = "youth_council"
    youth.save()
    slug = w.network.slug

    # The coordinator brings the matter to six members.
    coordinator = new_context()
    sign_in(coordinator, w.coordinator)
    page = coordinator.new_page()
    page.goto(_en("matter_new", slug))
    page.select_option("select[name=family_centre]", str(w.centre.pk))
    page.fill("input[name=title]", "Evening opening hours")
    page.fill("textarea[name=question]", "Do evenings on Tuesday and Thursday suit families?")
    deadline = timezone.localtime() + timedelta(days=2)
    page.fill("input[name=deadline]", deadline.strftime("%Y-%m-%dT%H:%M"))
    for member in w.members:
        page.check(f"input[name=members][value='{member.pk}']")
    _click(page, "Send to the members")
    matter = Matter.objects.get()
    assert matter.asked_members.count() == 6

    # Three representatives answer; the first one publishes its statement.
    for i in range(3):
        context = new_context()
        sign_in(context, w.reps[i])
        rep_page = context.new_page()
        rep_page.goto(_en("matter_detail", slug, matter.pk))
        rep_page.fill("textarea[name=text]", f"Statement {i}: evenings help working parents.")
        if i == 0:
            rep_page.check("input[name=is_public]")
        _click(rep_page, "Send the statement")
        assert rep_page.locator(".messages").count() == 1

    # The scheduler runs three times: the three that have not answered are reminded once each.
    mail.outbox.clear()
    for _run in range(3):
        for reminder_id in reminders_schedule():
            reminder_send(reminder_id)
    reminded = sorted(
        Notification.objects.filter(verb="influencernet.matter_reminder").values_list(
            "recipient_id", flat=True
        )
    )
    assert reminded == sorted(u.pk for u in w.reps[3:])
    assert len(mail.outbox) == 3

    # After the deadline the family centre writes how the statements were used, and closes the matter.
    Matter.objects.filter(pk=matter.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    page.goto(_en("matter_detail", slug, matter.pk))
    assert page.get_by_text("Statement 1: evenings help working parents.").count() == 1
    check_axe(page, "the matter's summary for the family centre")
    page.fill("textarea[name=response]", "The statements moved the evenings to Monday and Wednesday.")
    _click(page, "Save and send the response")
    _click(page, "Close the matter")
    matter.refresh_from_db()
    assert matter.status == Matter.Status.CLOSED
    assert set(ResponseDelivery.objects.values_list("member_id", flat=True)) == {m.pk for m in w.members[:3]}
    told = set(
        Notification.objects.filter(verb="influencernet.matter_response").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {u.pk for u in w.reps[:3]}

    # The public page shows the whole trail, and only the statement its member published.
    public = new_context().new_page()
    public.goto(_en("public", slug))
    public.get_by_role("link", name="Evening opening hours").click()
    public.wait_for_load_state()
    assert public.get_by_text("The statements moved the evenings to Monday and Wednesday.").count() == 1
    assert public.get_by_text("Statement 0: evenings help working parents.").count() == 1
    assert public.get_by_text("Statement 1: evenings help working parents.").count() == 0
    check_axe(public, "the public matter page")

    # The youth council proposes; the coordinator makes it an initiative to the steering group.
    youth_context = new_context()
    sign_in(youth_context, w.reps[0])
    youth_page = youth_context.new_page()
    youth_page.goto(_en("proposal_list", slug))
    youth_page.select_option("select[name=member]", str(youth.pk))
    youth_page.select_option("select[name=family_centre]", str(w.centre.pk))
    youth_page.select_option("select[name=kind]", "development")
    youth_page.fill("input[name=title]", "An evening of our own for young people")
    youth_page.fill(
        "textarea[name=description]", "Young people want to meet professionals without an appointment."
    )
    _click(youth_page, "Send the proposal")
    proposal = Proposal.objects.get()
    page.goto(_en("proposal_detail", slug, proposal.pk))
    page.select_option("select[name=group]", str(w.steering.pk))
    page.select_option("select[name=proposal]", "local_action")
    page.fill("textarea[name=rationale]", "The influencer network proposes it.")
    _click(page, "Send the initiative")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.FORWARDED

    # The steering group decides at its meeting.
    meeting = MeetingFactory(group=w.steering, started=True)
    phenomena_services.initiative_put_on_agenda(
        actor=w.secretary, initiative=proposal.initiative, meeting=meeting
    )
    phenomena_services.decision_record(
        actor=w.secretary,
        initiative=proposal.initiative,
        kind="information",
        reasons="The evening goes into next year's plan.",
        meeting=meeting,
    )
    public.goto(proposal.get_public_url().replace("/fi/vaikuttajaverkosto/", "/en/influencer-network/"))
    assert public.get_by_text("The evening goes into next year's plan.").count() == 1
    assert public.get_by_text(w.steering.name).count() >= 1
    check_axe(public, "the public proposal page")
