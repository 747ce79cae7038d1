from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from core.models import AccessLogEntry

from ...models import Member, Representative
from ...services import members
from ..factories import world

pytestmark = pytest.mark.django_db


def _url(name, w, *args):
    return reverse(f"influencernet:{name}", args=[w.network.slug, *args])


def test_member_list_visible_to_network_add_only_by_managers(client):
    w = world(2)
    assert client.get(_url("member_list", w)).status_code == 302
    client.force_login(w.reps[0])
    page = client.get(_url("member_list", w)).content.decode()
    assert w.members[1].name in page and "contacts.csv" not in page
    assert client.post(_url("member_list", w), {"name": "X", "kind": "ngo"}).status_code == 403
    client.force_login(w.coordinator)
    response = client.post(_url("member_list", w), {"name": "Nuorisovaltuusto", "kind": "youth_council"})
    assert response.status_code == 302
    assert Member.objects.filter(name="Nuorisovaltuusto").exists()
    dup = client.post(
        _url("member_list", w),
        {"name": "Nuorisovaltuusto", "kind": "youth_council", "description": "<b>kept</b>"},
    )
    assert dup.status_code == 409 and "&lt;b&gt;kept&lt;/b&gt;" in dup.content.decode()


def test_member_search_and_query_count(client, django_assert_max_num_queries):
    w = world(2)
    client.force_login(w.coordinator)
    with django_assert_max_num_queries(16) as few:
        client.get(_url("member_list", w))
    for i in range(10):
        members.member_add(actor=w.coordinator, network=w.network, name=f"Seura {i}", kind="sports_club")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_url("member_list", w))
    page = client.get(_url("member_list", w), {"q": "Seura 3"}).content.decode()
    assert "Seura 3" in page and "Seura 4" not in page


def test_contacts_csv_and_vcard_for_managers_only(client):
    w = world(2)
    members.representative_add(
        actor=w.coordinator,
        member=w.members[0],
        full_name="Maija Meikäläinen",
        email="maija@example.test",
        phone="=1+2",
    )
    client.force_login(w.reps[0])
    assert client.get(_url("contacts_csv", w)).status_code == 403
    assert client.get(_url("contacts_vcf", w)).status_code == 403
    client.force_login(w.coordinator)
    csv = b"".join(client.get(_url("contacts_csv", w)).streaming_content).decode("utf-8")
    assert csv.startswith("\ufeff") and "maija@example.test" in csv and "'=1+2" in csv
    vcf = client.get(_url("contacts_vcf", w))
    assert vcf["Content-Type"].startswith("text/vcard")
    body = vcf.content.decode()
    assert (
        body.count("BEGIN:VCARD") == 3 and "FN:Maija Meikäläinen" in body and "N:Meikäläinen;Maija;;;" in body
    )
    assert AccessLogEntry.objects.filter(kind="export").count() == 2


def test_member_leave_needs_confirmation_and_manager(client):
    w = world(1)
    client.force_login(w.reps[0])
    assert client.post(_url("member_leave", w, w.members[0].pk), {"confirm": "1"}).status_code == 403
    client.force_login(w.coordinator)
    assert client.post(_url("member_leave", w, w.members[0].pk), {}).status_code == 400
    assert client.post(_url("member_leave", w, w.members[0].pk), {"confirm": "1"}).status_code == 302
    assert Member.objects.get(pk=w.members[0].pk).left_on is not None
    client.force_login(w.reps[0])
    assert client.get(_url("workspace", w)).status_code == 404


def test_invitation_flow_through_pages(client, django_capture_on_commit_callbacks):
    w = world(1)
    client.force_login(w.coordinator)
    client.post(
        _url("representative_add", w, w.members[0].pk),
        {"full_name": "Uusi Edustaja", "email": "uusi@example.test"},
    )
    rep = Representative.objects.get(email="uusi@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(_url("representative_invite", w, w.members[0].pk, rep.pk)).status_code == 302
    link = re.search(r"http\S+/invitation/\S+/", mail.outbox[-1].body).group(0)
    path = "/" + link.split("/", 3)[3]
    client.logout()
    assert client.get(path).status_code == 200
    bad = client.post(path, {"full_name": "Uusi Edustaja", "password1": "lyhyt", "password2": "lyhyt"})
    assert bad.status_code == 400
    response = client.post(
        path,
        {
            "full_name": "Uusi Edustaja",
            "password1": "Kevätaamun-kerho-2026",
            "password2": "Kevätaamun-kerho-2026",
        },
    )
    assert response.status_code == 302 and response["Location"] == _url("workspace", w)
    assert client.get(_url("workspace", w)).status_code == 200
    assert client.get(reverse("familycentres:group_detail", args=[w.steering.pk])).status_code == 404
    assert client.get(path).status_code == 404


def test_unknown_invitation_404(client):
    assert client.get(reverse("influencernet:invitation_accept", args=["nope"])).status_code == 404
