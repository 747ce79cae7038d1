from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ...models import Call, Nomination, Proposal, TermChange
from ...services import calls
from ..factories import world

pytestmark = pytest.mark.django_db


def _url(name, w, *args):
    return reverse(f"influencernet:{name}", args=[w.network.slug, *args])


def _call(w):
    return calls.call_create(
        actor=w.coordinator,
        network=w.network,
        title="Teema",
        description="Nuoria",
        how_many=2,
        deadline=timezone.localdate() + timedelta(days=3),
    )


def test_call_create_only_by_manager(client):
    w = world(1)
    data = {
        "title": "Teema",
        "description": "Kuvaus",
        "how_many": 2,
        "deadline": (timezone.localdate() + timedelta(days=3)).isoformat(),
    }
    client.force_login(w.reps[0])
    assert client.post(_url("call_list", w), data).status_code == 403
    client.force_login(w.coordinator)
    assert client.post(_url("call_list", w), data).status_code == 302
    assert Call.objects.count() == 1
    assert client.post(_url("call_list", w), {**data, "how_many": "abc"}).status_code == 400


def test_nominate_and_decide_through_pages(client):
    w = world(2)
    call = _call(w)
    client.force_login(w.outsider)
    assert (
        client.post(
            _url("call_detail", w, call.pk),
            {"member": w.members[0].pk, "full_name": "A", "email": "a@example.test"},
        ).status_code
        == 403
    )
    client.force_login(w.reps[0])
    response = client.post(
        _url("call_detail", w, call.pk),
        {"member": w.members[0].pk, "full_name": "Aino", "email": "aino@example.test"},
    )
    assert response.status_code == 302
    # Another member's representative does not see the nominee's name.
    client.force_login(w.reps[1])
    assert "Aino" not in client.get(_url("call_detail", w, call.pk)).content.decode()
    nomination = Nomination.objects.get()
    assert (
        client.post(
            _url("nomination_decide", w, call.pk, nomination.pk), {"decision": "accept", "reason": "x"}
        ).status_code
        == 403
    )
    client.force_login(w.coordinator)
    assert (
        client.post(
            _url("nomination_decide", w, call.pk, nomination.pk), {"decision": "decline", "reason": ""}
        ).status_code
        == 400
    )
    assert (
        client.post(
            _url("nomination_decide", w, call.pk, nomination.pk), {"decision": "decline", "reason": "Täynnä"}
        ).status_code
        == 302
    )
    nomination.refresh_from_db()
    assert nomination.status == "declined" and nomination.reason == "Täynnä"


def test_proposal_pages_submit_forward_feedback(client):
    w = world(1)
    client.force_login(w.reps[0])
    data = {
        "member": w.members[0].pk,
        "family_centre": w.centre.pk,
        "kind": "development",
        "title": "Ilta",
        "description": "Kuvaus",
    }
    assert client.post(_url("proposal_list", w), data).status_code == 302
    proposal = Proposal.objects.get()
    page = client.get(_url("proposal_detail", w, proposal.pk)).content.decode()
    assert "proposal_forward" not in page
    assert (
        client.post(
            _url("proposal_forward", w, proposal.pk),
            {"group": w.steering.pk, "proposal": "codevelopment", "rationale": "x"},
        ).status_code
        == 403
    )
    client.force_login(w.outsider)
    assert client.post(_url("proposal_list", w), data).status_code == 403
    client.force_login(w.coordinator)
    assert (
        client.post(
            _url("proposal_forward", w, proposal.pk),
            {"group": w.steering.pk, "proposal": "codevelopment", "rationale": ""},
        ).status_code
        == 400
    )
    assert (
        client.post(
            _url("proposal_forward", w, proposal.pk),
            {"group": w.steering.pk, "proposal": "codevelopment", "rationale": "Perustelu"},
        ).status_code
        == 302
    )
    proposal.refresh_from_db()
    assert proposal.status == "forwarded" and proposal.initiative.group == w.steering
    assert client.post(_url("proposal_feedback", w, proposal.pk), {"feedback": "x"}).status_code == 409
    public = client.get(proposal.get_public_url()).content.decode()
    assert w.steering.name in public


def test_glossary_pages(client):
    w = world(1)
    client.force_login(w.outsider)
    assert client.post(_url("glossary", w), {"term_fi": "A", "meaning_fi": "B"}).status_code == 403
    client.force_login(w.reps[0])
    assert (
        client.post(_url("glossary", w), {"term_fi": "Osallisuus", "meaning_fi": "Mukanaolo"}).status_code
        == 302
    )
    change = TermChange.objects.get()
    assert client.post(_url("term_change_decide", w, change.pk), {"decision": "approve"}).status_code == 403
    client.force_login(w.coordinator)
    assert client.post(_url("term_change_decide", w, change.pk), {"decision": "approve"}).status_code == 302
    assert "Mukanaolo" in client.get(_url("glossary", w)).content.decode()


def test_workspace_goal_by_manager_only(client):
    w = world(1)
    client.force_login(w.reps[0])
    assert client.post(_url("goal_add", w), {"year": 2026, "text": "Tavoite"}).status_code == 403
    client.force_login(w.coordinator)
    assert client.post(_url("goal_add", w), {"year": 2026, "text": "Tavoite"}).status_code == 302
    assert "Tavoite" in client.get(_url("workspace", w)).content.decode()
    assert client.post(_url("goal_add", w), {"year": "x", "text": ""}).status_code == 400
