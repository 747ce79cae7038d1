from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ...models import Matter, Statement
from ...services import matters
from ..factories import open_matter, pass_deadline, world

pytestmark = pytest.mark.django_db


def _url(name, w, *args):
    return reverse(f"influencernet:{name}", args=[w.network.slug, *args])


def test_workspace_urls_are_translated():
    w = world(0)
    assert reverse("influencernet:public", args=[w.network.slug]).startswith("/fi/vaikuttajaverkosto/")


def test_matter_pages_anonymous_redirected_outsider_sees_representative_of_other_network_404(client):
    w = world(1)
    other = world(1)
    matter = open_matter(w)
    response = client.get(_url("matter_detail", w, matter.pk))
    assert response.status_code == 302
    client.force_login(other.reps[0])
    assert client.get(_url("matter_detail", w, matter.pk)).status_code == 404
    assert client.get(_url("workspace", w)).status_code == 404
    client.force_login(w.outsider)
    response = client.get(_url("matter_detail", w, matter.pk))
    assert response.status_code == 200
    assert "statement_save" not in response.content.decode()
    assert client.get(_url("matter_new", w)).status_code == 403


def test_bring_matter_through_the_page(client):
    w = world(2)
    client.force_login(w.secretary)
    deadline = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "family_centre": w.centre.pk,
        "title": "Aukioloajat",
        "question": "Mitä mieltä?",
        "deadline": deadline,
        "members": [m.pk for m in w.members],
    }
    response = client.post(_url("matter_new", w), data)
    matter = Matter.objects.get()
    assert response.status_code == 302 and response["Location"] == matter.get_absolute_url()
    bad = client.post(_url("matter_new", w), {**data, "question": "Soita 040 123 4567"})
    assert bad.status_code == 400
    assert "040 123 4567" in bad.content.decode()  # nothing typed is lost
    assert Matter.objects.count() == 1


def test_representative_sends_statement_and_late_one_is_refused_with_text_kept(client):
    w = world(1)
    matter = open_matter(w)
    client.force_login(w.reps[0])
    page = client.get(_url("matter_detail", w, matter.pk))
    assert "Send the statement" in page.content.decode() or "Lähetä lausunto" in page.content.decode()
    response = client.post(
        _url("statement_save", w, matter.pk),
        {"member": w.members[0].pk, "text": "Hyvä asia", "action": "send"},
    )
    assert response.status_code == 302
    assert Statement.objects.get().status == Statement.Status.SUBMITTED
    pass_deadline(matter)
    response = client.post(
        _url("statement_save", w, matter.pk),
        {"member": w.members[0].pk, "text": "Liian myöhään", "action": "send"},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert matters.deadline_text(matter.deadline) in body
    assert Statement.objects.get().text == "Hyvä asia"


def test_statement_for_member_not_represented_forbidden_and_unknown_member_404(client):
    w = world(2)
    matter = open_matter(w)
    client.force_login(w.reps[0])
    response = client.post(_url("statement_save", w, matter.pk), {"member": w.members[1].pk, "text": "x"})
    assert response.status_code == 403
    assert (
        client.post(_url("statement_save", w, matter.pk), {"member": "abc", "text": "x"}).status_code == 404
    )


def test_long_statement_refused_and_text_kept(client):
    w = world(1)
    matter = open_matter(w)
    client.force_login(w.reps[0])
    text = "å" * 50_000
    response = client.post(
        _url("statement_save", w, matter.pk), {"member": w.members[0].pk, "text": text, "action": "send"}
    )
    assert response.status_code == 400
    assert text in response.content.decode()
    assert not Statement.objects.exists()


def test_statements_visible_to_handler_only_after_deadline(client):
    w = world(1)
    matter = open_matter(w)
    matters.statement_save(actor=w.reps[0], matter=matter, member=w.members[0], text="Salainen lausunto")
    client.force_login(w.secretary)
    assert "Salainen lausunto" not in client.get(_url("matter_detail", w, matter.pk)).content.decode()
    pass_deadline(matter)
    assert "Salainen lausunto" in client.get(_url("matter_detail", w, matter.pk)).content.decode()
    client.force_login(w.outsider)
    assert "Salainen lausunto" not in client.get(_url("matter_detail", w, matter.pk)).content.decode()


def test_response_close_and_pdf(client):
    w = world(1)
    matter = open_matter(w)
    matters.statement_save(actor=w.reps[0], matter=matter, member=w.members[0], text="Lausunto")
    pass_deadline(matter)
    client.force_login(w.reps[0])
    assert client.post(_url("matter_respond", w, matter.pk), {"response": "x"}).status_code == 403
    assert client.get(_url("matter_summary_pdf", w, matter.pk)).status_code == 403
    client.force_login(w.coordinator)
    early_close = client.post(_url("matter_close", w, matter.pk))
    assert early_close.status_code == 400
    pdf = client.get(_url("matter_summary_pdf", w, matter.pk))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.post(_url("matter_respond", w, matter.pk), {"response": ""}).status_code == 400
    assert (
        client.post(_url("matter_respond", w, matter.pk), {"response": "Otimme huomioon"}).status_code == 302
    )
    assert client.post(_url("matter_close", w, matter.pk)).status_code == 302
    matter.refresh_from_db()
    assert matter.status == Matter.Status.CLOSED


def test_matter_list_query_count(client, django_assert_max_num_queries):
    w = world(3)
    client.force_login(w.coordinator)
    open_matter(w)
    with django_assert_max_num_queries(14) as few:
        client.get(_url("matter_list", w))
    for i in range(10):
        open_matter(w, title=f"Asia {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_url("matter_list", w))
    assert response.status_code == 200


def test_handler_sees_statement_history_after_deadline(client):
    w = world(1)
    matter = open_matter(w)
    matters.statement_save(actor=w.reps[0], matter=matter, member=w.members[0], text="Ensimmäinen versio")
    matters.statement_save(actor=w.reps[0], matter=matter, member=w.members[0], text="Korjattu versio")
    pass_deadline(matter)
    client.force_login(w.coordinator)
    body = client.get(_url("matter_detail", w, matter.pk)).content.decode()
    assert "Korjattu versio" in body and "Ensimmäinen versio" in body
