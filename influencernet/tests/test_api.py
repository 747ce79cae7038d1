from __future__ import annotations

import pytest

from ..services import glossary, matters, proposals
from .factories import open_matter, pass_deadline, world

pytestmark = pytest.mark.django_db

BASE = "/api/v1/influencer-network/"


def test_published_paths_exist_and_need_sign_in(api_client):
    for name in ("members", "matters", "proposals", "glossary"):
        assert api_client.get(f"{BASE}{name}/").status_code in (401, 403)


def test_members_contacts_only_for_managers(api_client):
    w = world(2)
    api_client.force_authenticate(w.coordinator)
    rows = api_client.get(f"{BASE}members/", {"network": w.network.slug}).json()["results"]
    assert {r["name"] for r in rows} == {m.name for m in w.members}
    assert all(r["email"] for r in rows)
    api_client.force_authenticate(w.outsider)
    rows = api_client.get(f"{BASE}members/").json()["results"]
    assert rows and all(r["email"] is None for r in rows)


def test_limited_account_sees_only_own_network(api_client):
    w = world(1)
    other = world(1)
    open_matter(other)
    api_client.force_authenticate(w.reps[0])
    assert api_client.get(f"{BASE}matters/").json()["count"] == 0
    names = {r["name"] for r in api_client.get(f"{BASE}members/").json()["results"]}
    assert names == {w.members[0].name}


def test_matters_statements_for_those_who_may_see_them(api_client):
    w = world(3)
    matter = open_matter(w)
    matters.statement_save(actor=w.reps[0], matter=matter, member=w.members[0], text="Oma", is_public=False)
    matters.statement_save(
        actor=w.reps[1], matter=matter, member=w.members[1], text="Julkinen", is_public=True
    )
    matters.statement_save(actor=w.reps[2], matter=matter, member=w.members[2], text="Luonnos", send=False)
    url = f"{BASE}matters/{matter.pk}/"

    def texts(user):
        api_client.force_authenticate(user)
        return {s["text"] for s in api_client.get(url).json()["statements"]}

    assert texts(w.reps[0]) == {"Oma", "Julkinen"}
    assert texts(w.reps[2]) == {"Luonnos", "Julkinen"}
    assert texts(w.outsider) == {"Julkinen"}
    assert texts(w.coordinator) == {"Julkinen"}  # before the deadline only what is public
    pass_deadline(matter)
    assert texts(w.coordinator) == {"Oma", "Julkinen"}
    api_client.force_authenticate(w.outsider)
    assert (
        api_client.get(f"{BASE}matters/", {"status": "open", "network": w.network.slug}).json()["count"] == 1
    )
    assert api_client.get(f"{BASE}matters/999999/").status_code == 404


def test_proposals_and_glossary(api_client):
    w = world(1)
    proposals.proposal_submit(
        actor=w.reps[0],
        network=w.network,
        family_centre=w.centre,
        kind="planning",
        title="Suunnitelma",
        description="D",
        member=w.members[0],
    )
    change = glossary.term_change_propose(
        actor=w.reps[0], network=w.network, term_fi="Osallisuus", meaning_fi="M"
    )
    glossary.term_change_decide(actor=w.coordinator, change=change, approve=True)
    api_client.force_authenticate(w.reps[0])
    rows = api_client.get(f"{BASE}proposals/").json()["results"]
    assert (
        rows[0]["title"] == "Suunnitelma"
        and rows[0]["status"] == "received"
        and rows[0]["steering_group"] is None
    )
    terms = api_client.get(f"{BASE}glossary/", {"network": w.network.slug}).json()["results"]
    assert terms[0]["term_fi"] == "Osallisuus"
    assert api_client.post(f"{BASE}glossary/", {"term_fi": "x"}).status_code == 405


def test_matter_list_query_count(api_client, django_assert_max_num_queries):
    w = world(3)
    api_client.force_authenticate(w.coordinator)
    open_matter(w)
    with django_assert_max_num_queries(20) as few:
        api_client.get(f"{BASE}matters/")
    for i in range(8):
        open_matter(w, title=f"A{i}")
    with django_assert_max_num_queries(len(few.captured_queries) + 1):
        api_client.get(f"{BASE}matters/")
