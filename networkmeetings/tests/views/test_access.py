"""Every page of a process, role by role: anonymous users sign in, participants without two-factor
authentication are sent to set it up, non-participants (administrators included) get 404, and every
page shown writes an access-log row and is never cached."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import force_login_with_mfa
from core.models import AccessLogEntry

from ..factories import NetworkProcessFactory, centre_worker

PROCESS_PAGES = ["detail", "preparation", "tools", "close", "access_log", "meeting_new", "answer"]
MEETING_PAGES = ["meeting", "presentation", "plan_pdf"]
POSTS = [
    ("invite", "process"),
    ("family_code", "process"),
    ("record_save", "meeting"),
    ("step_add", "meeting"),
    ("conclude", "meeting"),
]


def _urls(world):
    urls = [reverse(f"networkmeetings:{name}", args=[world.process.pk]) for name in PROCESS_PAGES]
    urls += [reverse(f"networkmeetings:{name}", args=[world.meeting.pk]) for name in MEETING_PAGES]
    return urls


def _post_urls(world):
    out = []
    for name, target in POSTS:
        pk = world.process.pk if target == "process" else world.meeting.pk
        out.append(reverse(f"networkmeetings:{name}", args=[pk]))
    out.append(reverse("networkmeetings:step_done", args=[world.meeting.pk, world.step.pk]))
    out.append(reverse("networkmeetings:participant_remove", args=[world.process.pk, world.participant.pk]))
    return out


def test_anonymous_is_sent_to_sign_in(client, world):
    for url in _urls(world) + [reverse("networkmeetings:list")]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


@pytest.mark.parametrize("who", ["outsider", "admin", "coordinator"])
def test_non_participants_get_404_everywhere(client, world, who):
    force_login_with_mfa(client, getattr(world, who))
    for url in _urls(world):
        assert client.get(url).status_code == 404, url
    for url in _post_urls(world):
        assert client.post(url, {"text": "x", "base_version": 0}).status_code == 404, url
    assert not AccessLogEntry.objects.filter(client_ref=world.process.client_ref).exists()


def test_unknown_ids_are_404(client, world):
    force_login_with_mfa(client, world.convener)
    assert client.get("/fi/network-meetings/999999/").status_code == 404
    assert client.get("/fi/network-meetings/meetings/999999/").status_code == 404


def test_participant_without_mfa_is_sent_to_set_it_up(client, world):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=world.convener).delete()
    client.force_login(world.convener)
    response = client.get(reverse("networkmeetings:detail", args=[world.process.pk]), follow=False)
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_activate_totp"))
    followed = client.get(reverse("networkmeetings:list"), follow=True)
    assert any(
        "two-factor" in str(m) or "kaksivaihei" in str(m).lower() for m in followed.context["messages"]
    )
    assert not AccessLogEntry.objects.filter(client_ref=world.process.client_ref).exists()


def test_session_without_second_factor_must_confirm_with_a_code(client, world):
    # The account has TOTP on, but this session was opened with the password only.
    client.force_login(world.convener)
    response = client.get(reverse("networkmeetings:detail", args=[world.process.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert not AccessLogEntry.objects.filter(client_ref=world.process.client_ref).exists()


def test_convener_reads_every_page_and_each_read_is_logged(client, world):
    force_login_with_mfa(client, world.convener)
    for url in _urls(world):
        if url.endswith("/answer/"):
            continue  # the convener is not an invitee
        before = AccessLogEntry.objects.filter(client_ref=world.process.client_ref).count()
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert (
            AccessLogEntry.objects.filter(client_ref=world.process.client_ref, user=world.convener).count()
            == before + 1
        ), url
    assert client.get(reverse("networkmeetings:answer", args=[world.process.pk])).status_code == 404


def test_invited_professional_sees_shared_part_only(client, world):
    world.process.core_issue = "Secret core issue"
    world.process.shared_with_invitees = "Shared part"
    world.process.save()
    force_login_with_mfa(client, world.invited)
    page = client.get(reverse("networkmeetings:detail", args=[world.process.pk]))
    assert page.status_code == 200
    assert "Shared part" in page.content.decode() and "Secret core issue" not in page.content.decode()
    for name in ["preparation", "tools", "close", "access_log", "meeting_new"]:
        assert client.get(reverse(f"networkmeetings:{name}", args=[world.process.pk])).status_code == 403, (
            name
        )
    assert client.get(reverse("networkmeetings:answer", args=[world.process.pk])).status_code == 200


def test_list_shows_only_my_processes_and_logs_each(client, world, django_assert_max_num_queries):
    NetworkProcessFactory(family_centre=world.centre)  # someone else's
    force_login_with_mfa(client, world.convener)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("networkmeetings:list"))
    assert list(response.context["page"].object_list) == [world.process]
    assert AccessLogEntry.objects.filter(client_ref=world.process.client_ref, kind="list").count() == 1


def test_list_query_count_does_not_grow_with_rows(client, world, django_assert_max_num_queries):
    for _ in range(30):
        NetworkProcessFactory(family_centre=world.centre, convener=world.convener)
    force_login_with_mfa(client, world.convener)
    # One access-log insert per process on the page (20), plus a fixed number of other queries.
    with django_assert_max_num_queries(20 + 20):
        response = client.get(reverse("networkmeetings:list"))
    assert len(response.context["page"].object_list) == 20


def test_access_log_report_shows_every_read(client, world):
    force_login_with_mfa(client, world.invited)
    client.get(reverse("networkmeetings:detail", args=[world.process.pk]))
    force_login_with_mfa(client, world.pair)
    page = client.get(reverse("networkmeetings:access_log", args=[world.process.pk]))
    body = page.content.decode()
    assert world.invited.full_name in body and "process page" in body


def test_convene_page(client, world):
    other = centre_worker(world.centre)
    force_login_with_mfa(client, other)
    response = client.post(
        reverse("networkmeetings:convene"),
        {
            "label": "Perhe X",
            "family_centre": world.centre.pk,
            "responsible_worker": other.pk,
            "contact_info": "09 123",
        },
    )
    assert response.status_code == 302
    bad = client.post(
        reverse("networkmeetings:convene"),
        {
            "label": "Liisa 010203A123R",
            "family_centre": world.centre.pk,
            "responsible_worker": other.pk,
            "contact_info": "kept text",
        },
    )
    assert bad.status_code == 400 and "kept text" in bad.content.decode()


def test_guest_link_shows_only_the_shared_part_and_logs_a_disclosure(
    client, world, django_capture_on_commit_callbacks
):
    import re

    from django.core import mail

    from networkmeetings.services.preparation import participant_invite

    world.process.core_issue = "Secret core issue"
    world.process.shared_with_invitees = "Shared part"
    world.process.save()
    with django_capture_on_commit_callbacks(execute=True):
        participant_invite(
            actor=world.convener,
            process=world.process,
            kind="family_network",
            description="grandmother",
            email="gm@example.test",
        )
    token = re.search(r"/network-meetings/invitation/([^/]+)/", mail.outbox[-1].body).group(1)
    url = reverse("networkmeetings:guest", args=[token])
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200 and "Shared part" in body and "Secret core issue" not in body
    assert world.step.what not in body and world.meeting.record not in body or not world.meeting.record
    assert "no-store" in page["Cache-Control"]
    entry = AccessLogEntry.objects.get(client_ref=world.process.client_ref, kind="disclosure")
    assert entry.recipient == "grandmother" and entry.user is None
    assert client.post(url, {"answer": "coming"}).status_code == 302
    assert client.get(reverse("networkmeetings:guest", args=["wrong-token"])).status_code == 404
    # The signed-in pages stay closed to the link.
    assert client.get(reverse("networkmeetings:detail", args=[world.process.pk])).status_code == 302


def test_process_and_meeting_pages_query_counts_do_not_grow(client, world, django_assert_max_num_queries):
    from ..factories import NetworkMeetingFactory, ParticipantFactory, PlanStepFactory

    force_login_with_mfa(client, world.convener)
    detail = reverse("networkmeetings:detail", args=[world.process.pk])
    meeting = reverse("networkmeetings:meeting", args=[world.meeting.pk])
    with django_assert_max_num_queries(25):
        client.get(detail)
    with django_assert_max_num_queries(25):
        client.get(meeting)
    for _ in range(10):
        ParticipantFactory(process=world.process)
        m = NetworkMeetingFactory(process=world.process, chair=world.convener, recorder=world.convener)
        PlanStepFactory(meeting=m)
        PlanStepFactory(meeting=world.meeting)
    with django_assert_max_num_queries(25):
        client.get(detail)
    with django_assert_max_num_queries(25):
        client.get(meeting)
