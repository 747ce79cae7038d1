from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from ...services import matters, proposals
from ..factories import open_matter, pass_deadline, world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "lang,prefix",
    [("fi", "/fi/vaikuttajaverkosto/"), ("sv", "/sv/paverkarnatverket/"), ("en", "/en/influencer-network/")],
)
def test_public_index_in_three_languages(client, lang, prefix):
    w = world(0)
    with translation.override(lang):
        url = reverse("influencernet:public_index")
    assert url == prefix
    response = client.get(url)
    assert response.status_code == 200
    assert w.network.name in response.content.decode()


def test_public_page_shows_trail_but_only_public_statements(client):
    w = world(3)
    matter = open_matter(w)
    matters.statement_save(
        actor=w.reps[0], matter=matter, member=w.members[0], text="Julkinen kanta", is_public=True
    )
    matters.statement_save(actor=w.reps[1], matter=matter, member=w.members[1], text="Sisäinen kanta")
    matters.statement_save(
        actor=w.reps[2], matter=matter, member=w.members[2], text="Luonnoskanta", is_public=True, send=False
    )
    pass_deadline(matter)
    matters.matter_respond(actor=w.coordinator, matter=matter, response="Lausunnot vaikuttivat")
    proposal = proposals.proposal_submit(
        actor=w.reps[0],
        network=w.network,
        family_centre=w.centre,
        kind="development",
        title="Ilta-aukiolo",
        description="Kuvaus",
        member=w.members[0],
    )
    page = client.get(reverse("influencernet:public", args=[w.network.slug])).content.decode()
    assert matter.title in page and "Ilta-aukiolo" in page and w.members[0].name in page
    detail = client.get(
        reverse("influencernet:public_matter", args=[w.network.slug, matter.pk])
    ).content.decode()
    assert "Lausunnot vaikuttivat" in detail
    assert "Julkinen kanta" in detail
    assert "Sisäinen kanta" not in detail and "Luonnoskanta" not in detail
    assert w.reps[0].email not in detail
    response = client.get(proposal.get_public_url())
    assert response.status_code == 200 and "Ilta-aukiolo" in response.content.decode()


def test_public_unknown_network_and_matter_404(client):
    w = world(0)
    assert client.get(reverse("influencernet:public", args=["nope"])).status_code == 404
    assert (
        client.get(reverse("influencernet:public_matter", args=[w.network.slug, 999999])).status_code == 404
    )


def test_public_page_query_count(client, django_assert_max_num_queries):
    w = world(2)
    open_matter(w)
    url = reverse("influencernet:public", args=[w.network.slug])
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for i in range(8):
        open_matter(w, title=f"Asia {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
