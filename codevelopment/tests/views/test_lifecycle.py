"""Stages, the proposal to the steering group and its decision, and closing: services and pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from codevelopment import services
from codevelopment.models import DevelopmentProcess, Proposal
from codevelopment.tests import lifecycle_data as h
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
from phenomena import services as phenomena_services
from phenomena.models import Initiative

pytestmark = pytest.mark.django_db
Stage = DevelopmentProcess.Stage


def _member(process, role=Membership.Role.MEMBER):
    return MembershipFactory(group=process.group, role=role).user


def test_overview_shows_timeline_and_next_step_button(client):
    process = h.understood()
    client.force_login(process.chair)
    response = client.get(reverse("codevelopment:workspace", args=[process.pk]))
    assert response.status_code == 200
    assert [c.stage for c in response.context["stage_changes"]] == ["understanding"]
    assert response.context["next_stage"] == Stage.DESIGNING
    assert reverse("codevelopment:advance", args=[process.pk]).encode() in response.content


def test_overview_has_no_step_button_for_a_member(client):
    process = h.opened()
    client.force_login(_member(process))
    response = client.get(reverse("codevelopment:workspace", args=[process.pk]))
    assert response.context["next_stage"] is None
    assert reverse("codevelopment:advance", args=[process.pk]).encode() not in response.content


def test_advance_view_permissions(client):
    process = h.understood()
    url = reverse("codevelopment:advance", args=[process.pk])
    assert "login" in client.post(url, {"stage": "designing"})["Location"]
    client.force_login(MembershipFactory(role=Membership.Role.CLIENT_REPRESENTATIVE).user)
    assert client.post(url, {"stage": "designing"}).status_code == 404
    client.force_login(_member(process))
    assert client.post(url, {"stage": "designing"}).status_code == 403
    client.force_login(process.chair)
    assert client.get(url).status_code == 405
    assert client.post(url, {"stage": "bogus\x00"}).status_code == 302
    assert client.post(url, {"stage": "closed"}).status_code == 302
    process.refresh_from_db()
    assert process.stage == Stage.UNDERSTANDING
    assert client.post(url, {"stage": "designing"}).status_code == 302
    process.refresh_from_db()
    assert process.stage == Stage.DESIGNING


def test_sent_proposal_can_be_put_on_agenda_by_the_group(client):
    from familycentres.tests.factories import MeetingFactory

    process = h.sent()
    meeting = MeetingFactory(group=process.decision.group)
    phenomena_services.initiative_put_on_agenda(
        actor=process.chair, initiative=process.proposal.initiative, meeting=meeting
    )
    process.proposal.initiative.refresh_from_db()
    assert process.proposal.initiative.status == Initiative.Status.ON_AGENDA
    client.force_login(process.chair)
    response = client.get(reverse("codevelopment:proposal", args=[process.pk]))
    assert [p.state for p in response.context["proposals"]] == ["on_agenda"]


def test_decide_page_offers_implementation_kinds_and_owner(client):
    process = h.sent()
    client.force_login(process.chair)
    url = reverse("phenomena:decide", args=[process.proposal.initiative.pk])
    response = client.get(url)
    kinds = [v for v, _label in response.context["form"].fields["kind"].choices]
    assert set(kinds) == {"approve_implementation", "reject", "information"}
    owners = response.context["form"].fields["follow_up_owner"].queryset
    assert process.chair in owners
    member = _member(process)
    response = client.post(url, {"kind": "approve_implementation", "reasons": "Hyvä"})
    assert response.status_code == 400
    response = client.post(
        url, {"kind": "approve_implementation", "reasons": "Hyvä", "follow_up_owner": member.pk}
    )
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.stage == Stage.IMPLEMENTATION and process.follow_up_owner == member
    detail = client.get(reverse("phenomena:initiative_detail", args=[process.proposal.initiative.pk]))
    assert (member.full_name or member.email) in detail.content.decode()


def test_register_shows_the_owner_only_as_named(client):
    owner = UserFactory(full_name="Seija Seuraaja")
    process = h.sent()
    MembershipFactory(group=process.group, user=owner)
    phenomena_services.decision_record(
        actor=process.chair,
        initiative=process.proposal.initiative,
        kind="approve_implementation",
        reasons="Hyvä",
        follow_up_owner=owner,
    )
    content = client.get(reverse("phenomena:register")).content.decode()
    assert "Seija Seuraaja" not in content
    assert "proposal approved for implementation" in content.lower() or "hyväksytty" in content.lower()


def test_proposal_page_shows_state(client):
    process = h.reached(h.drafted())
    url = reverse("codevelopment:proposal", args=[process.pk])
    client.force_login(process.chair)
    response = client.get(url)
    assert [p.state for p in response.context["proposals"]] == ["draft"]
    assert response.context["can_send"]
    client.post(reverse("codevelopment:proposal_send", args=[process.pk]))
    response = client.get(url)
    assert [p.state for p in response.context["proposals"]] == ["sent"]
    assert response.context["form"] is None
    initiative = Proposal.objects.get(process=process).initiative
    phenomena_services.decision_record(
        actor=process.chair, initiative=initiative, kind="reject", reasons="Ei nyt."
    )
    response = client.get(url)
    [row] = response.context["proposals"]
    assert row.state == "decided" and row.decision.kind == "reject"
    assert "Ei nyt." in response.content.decode()


def test_proposal_page_permissions_and_bad_input(client):
    process = h.designing()
    url = reverse("codevelopment:proposal", args=[process.pk])
    assert "login" in client.get(url)["Location"]
    client.force_login(
        MembershipFactory(group=GroupFactory(), role=Membership.Role.CLIENT_REPRESENTATIVE).user
    )
    assert client.get(url).status_code == 404
    client.force_login(_member(process))
    assert client.get(url).status_code == 200
    assert client.post(url, {"solutions": "a", "plan": "b", "measurement": "c"}).status_code == 403
    assert client.post(reverse("codevelopment:proposal_send", args=[process.pk])).status_code == 403
    client.force_login(process.chair)
    response = client.post(url, {"solutions": "<b>x</b>\x00", "plan": "", "measurement": "m" * 30_000})
    assert response.status_code == 400
    assert response.context["form"]["solutions"].value() == "<b>x</b>\x00"
    assert client.post(url, {"solutions": "a", "plan": "b", "measurement": "c"}).status_code == 302
    assert Proposal.objects.get(process=process).plan == "b"


def test_proposal_list_query_count_is_flat(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    process = h.sent()
    client.force_login(process.chair)
    url = reverse("codevelopment:proposal", args=[process.pk])

    def reject_and_redraft():
        phenomena_services.decision_record(
            actor=process.chair,
            initiative=Proposal.objects.filter(process=process).latest("created_at").initiative,
            kind="reject",
            reasons="Ei.",
        )
        services.proposal_save(actor=process.chair, process=process, solutions="a", plan="b", measurement="c")

    reject_and_redraft()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        services.proposal_send(actor=process.chair, process=process)
        reject_and_redraft()
    assert Proposal.objects.filter(process=process).count() == 5
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_close_page(client):
    process = h.implementing()
    url = reverse("codevelopment:close", args=[process.pk])
    assert "login" in client.get(url)["Location"]
    client.force_login(
        MembershipFactory(group=GroupFactory(), role=Membership.Role.CLIENT_REPRESENTATIVE).user
    )
    assert client.get(url).status_code == 404
    client.force_login(process.owner)
    assert client.get(url).status_code == 403
    client.force_login(process.chair)
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"]["follow_up_owner"].value() == process.owner.pk
    response = client.post(url, {"follow_up_owner": "999999", "summary": "<script>x</script>"})
    assert response.status_code == 400
    response = client.post(url, {"follow_up_owner": process.owner.pk, "summary": ""})
    assert response.status_code == 400
    response = client.post(url, {"follow_up_owner": process.owner.pk, "summary": "Kokeilu vakiintui."})
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.stage == Stage.CLOSED
    # Everything stays readable; edits are refused.
    workspace = client.get(reverse("codevelopment:workspace", args=[process.pk]))
    assert workspace.status_code == 200 and not workspace.context["can_edit"]
    assert "Kokeilu vakiintui." in workspace.content.decode()
    assert client.get(reverse("codevelopment:proposal", args=[process.pk])).status_code == 200
    assert client.get(reverse("codevelopment:follow_up", args=[process.pk])).status_code == 200
    assert client.get(url).status_code == 302
