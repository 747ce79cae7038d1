from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from codevelopment import services
from codevelopment.models import DevelopmentProcess
from codevelopment.tests.factories import decided
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    decision, chair = decided()
    made = services.process_open_from_decision(actor=chair, decision=decision)
    made.chair = chair
    return made


def _client_rep(group):
    return MembershipFactory(group=group, role=Membership.Role.CLIENT_REPRESENTATIVE).user


def _url(process):
    return reverse("codevelopment:workspace", args=[process.pk])


def test_workspace_anonymous_redirected_to_login(client, process):
    response = client.get(_url(process))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_workspace_outsider_professional_reads_without_forms(client, process):
    client.force_login(UserFactory())
    response = client.get(_url(process))
    assert response.status_code == 200
    assert not response.context["can_edit"]
    assert reverse("codevelopment:update", args=[process.pk]).encode() not in response.content


def test_workspace_member_reads_not_edits(client, process):
    member = MembershipFactory(group=process.group, role=Membership.Role.MEMBER).user
    client.force_login(member)
    page = client.get(_url(process))
    assert page.status_code == 200
    assert page.context["process"] == process and not page.context["can_edit"]
    assert "root_cause_form" not in page.context
    response = client.post(reverse("codevelopment:root_cause_add", args=[process.pk]), {"text": "x"})
    assert response.status_code == 403
    assert not process.root_causes.exists()


def test_workspace_coordinator_sees_forms(client, process):
    client.force_login(process.chair)
    response = client.get(_url(process))
    assert response.status_code == 200
    assert response.context["can_edit"]
    assert reverse("codevelopment:update", args=[process.pk]).encode() in response.content


def test_client_representative_of_this_group_reads(client, process):
    client.force_login(_client_rep(process.group))
    response = client.get(_url(process))
    assert response.status_code == 200
    assert not response.context["phenomenon_visible"]
    assert response.context["observations"] == []


def test_client_representative_of_another_group_gets_404(client, process):
    client.force_login(_client_rep(GroupFactory()))
    assert client.get(_url(process)).status_code == 404
    response = client.post(reverse("codevelopment:root_cause_add", args=[process.pk]), {"text": "x"})
    assert response.status_code == 404


def test_coordinator_posts_each_form(client, process):
    client.force_login(process.chair)
    person = UserFactory()
    posts = [
        ("update", {"core_question": "Miksi?", "working_method": "Erätauko"}),
        ("milestone_add", {"title": "Kartoitus", "due_on": "2027-01-31"}),
        ("hypothesis_add", {"statement": "Paikat eivät riitä", "for_text": "", "against_text": ""}),
        ("root_cause_add", {"text": "Resurssit"}),
        ("member_add", {"email": person.email, "role": "facilitator"}),
    ]
    for name, data in posts:
        response = client.post(reverse(f"codevelopment:{name}", args=[process.pk]), data)
        assert response.status_code == 302, name
    milestone = process.milestones.get()
    hypothesis = process.hypotheses.get()
    response = client.post(reverse("codevelopment:milestone_done", args=[process.pk, milestone.pk]))
    assert response.status_code == 302
    response = client.post(
        reverse("codevelopment:hypothesis_status", args=[process.pk, hypothesis.pk]), {"status": "rejected"}
    )
    assert response.status_code == 302
    process.refresh_from_db()
    hypothesis.refresh_from_db()
    assert process.core_question == "Miksi?"
    assert hypothesis.status == "rejected"
    assert Membership.objects.filter(group=process.group, user=person, role="facilitator").exists()
    assert process.log_entries.count() == 8


def test_errors_keep_input(client, process):
    client.force_login(process.chair)
    response = client.post(
        reverse("codevelopment:member_add", args=[process.pk]),
        {"email": "nobody@example.test", "role": "member"},
    )
    assert response.status_code == 400
    assert b"nobody@example.test" in response.content
    response = client.post(
        reverse("codevelopment:milestone_add", args=[process.pk]), {"title": "", "due_on": ""}
    )
    assert response.status_code == 400
    response = client.post(
        reverse("codevelopment:member_add", args=[process.pk]),
        {"email": process.chair.email, "role": "coordinator"},
    )
    assert response.status_code == 409  # ConflictError → form error, with the API's status
    assert response.context["member_form"].errors


def test_open_page_flow(client):
    decision, chair = decided()
    client.force_login(chair)
    url = reverse("codevelopment:open", args=[decision.pk])
    assert client.get(url).status_code == 200
    initiative_page = client.get(reverse("phenomena:initiative_detail", args=[decision.initiative_id]))
    assert url.encode() in initiative_page.content
    response = client.post(url, {"name": "Ryhmä", "existing_group": ""})
    process = DevelopmentProcess.objects.get()
    assert response.status_code == 302 and response["Location"] == _url(process)
    # A second visit goes to the workspace.
    assert client.get(url)["Location"] == _url(process)


def test_open_page_denied_to_plain_member_of_deciding_group(client):
    decision, _chair = decided()
    client.force_login(MembershipFactory(group=decision.group, role=Membership.Role.MEMBER).user)
    assert client.get(reverse("codevelopment:open", args=[decision.pk])).status_code == 403
    assert client.post(reverse("codevelopment:open", args=[decision.pk]), {"name": "x"}).status_code == 403


def test_open_page_outsider_gets_404(client):
    decision, _chair = decided()
    client.force_login(UserFactory())
    assert client.get(reverse("codevelopment:open", args=[decision.pk])).status_code == 404


def test_open_page_wrong_kind_404(client):
    decision, chair = decided(kind="information")
    client.force_login(chair)
    assert client.get(reverse("codevelopment:open", args=[decision.pk])).status_code == 404


def test_open_page_anonymous_redirected(client):
    decision, _chair = decided()
    assert client.get(reverse("codevelopment:open", args=[decision.pk])).status_code == 302


def test_list_anonymous_redirected(client):
    assert client.get(reverse("codevelopment:list")).status_code == 302


def test_list_client_representative_sees_own_only(client, process):
    second_decision, second_chair = decided()
    second = services.process_open_from_decision(actor=second_chair, decision=second_decision)
    client.force_login(_client_rep(process.group))
    response = client.get(reverse("codevelopment:list"))
    assert response.status_code == 200
    assert [p.pk for p in response.context["processes"]] == [process.pk]
    client.force_login(UserFactory())
    response = client.get(reverse("codevelopment:list"))
    assert {p.pk for p in response.context["processes"]} == {process.pk, second.pk}


@pytest.mark.parametrize("count", [1, 12])
def test_list_query_count(client, django_assert_max_num_queries, count):
    for _ in range(count):
        decision, chair = decided()
        services.process_open_from_decision(actor=chair, decision=decision)
    client.force_login(UserFactory())
    with django_assert_max_num_queries(11):
        response = client.get(reverse("codevelopment:list"))
    assert len(response.context["processes"]) == count
