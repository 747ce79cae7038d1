from __future__ import annotations

from django.urls import reverse

from accounts.tests.factories import force_login_with_mfa
from core.models import AccessLogEntry


def test_record_conflict_shows_both_versions(client, world):
    url = reverse("networkmeetings:record_save", args=[world.meeting.pk])
    force_login_with_mfa(client, world.pair)
    assert client.post(url, {"text": "recorder text", "base_version": 0}).status_code == 302
    force_login_with_mfa(client, world.convener)
    response = client.post(url, {"text": "chair text", "base_version": 0})
    assert response.status_code == 409
    body = response.content.decode()
    assert "recorder text" in body and "chair text" in body
    # The form now builds on the stored version, so saving the combined text succeeds.
    assert response.context["record_form"]["base_version"].value() == "1"
    assert client.post(url, {"text": "combined", "base_version": 1}).status_code == 302


def test_record_of_50000_plus_characters_is_refused_and_kept(client, world):
    force_login_with_mfa(client, world.pair)
    text = "a" * 50_001
    response = client.post(
        reverse("networkmeetings:record_save", args=[world.meeting.pk]), {"text": text, "base_version": 0}
    )
    assert response.status_code == 400
    world.meeting.refresh_from_db()
    assert world.meeting.record_version == 0


def test_presentation_partial_for_htmx(client, world):
    world.meeting.record = "Live <b>text</b>"
    world.meeting.save()
    force_login_with_mfa(client, world.invited)
    response = client.get(
        reverse("networkmeetings:presentation", args=[world.meeting.pk]), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert 'hx-trigger="every 3s"' in body and "Live &lt;b&gt;text&lt;/b&gt;" in body and "<html" not in body


def test_plan_pdf_in_each_language_is_logged(client, world):
    force_login_with_mfa(client, world.convener)
    for lang in ("fi", "sv", "en"):
        response = client.get(reverse("networkmeetings:plan_pdf", args=[world.meeting.pk]) + f"?lang={lang}")
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert "no-store" in response["Cache-Control"]
    assert AccessLogEntry.objects.filter(client_ref=world.process.client_ref, kind="pdf").count() == 3


def test_step_form_keeps_input_on_error(client, world):
    force_login_with_mfa(client, world.convener)
    response = client.post(
        reverse("networkmeetings:step_add", args=[world.meeting.pk]), {"what": "Kept step text", "due_on": ""}
    )
    assert response.status_code == 400
    assert "Kept step text" in response.content.decode()


def test_genogram_page_draws_svg_and_list(client, world):
    force_login_with_mfa(client, world.convener)
    url = reverse("networkmeetings:tools", args=[world.process.pk])
    client.post(url, {"action": "person", "name": "äiti", "gender": "female", "generation": "-1"})
    client.post(url, {"action": "person", "name": "A", "gender": "male", "generation": "0", "is_child": "on"})
    people = list(world.process.genogram_people.all())
    client.post(url, {"action": "relation", "source": people[0].pk, "target": people[1].pk, "kind": "parent"})
    client.post(url, {"action": "event", "year": "2023", "text": "Moved"})
    body = client.get(url).content.decode()
    assert "<svg" in body and "<circle" in body and "<rect" in body and "<line" in body
    assert "äiti" in body and "Moved" in body
    bad = client.post(url, {"action": "relation", "source": people[0].pk, "target": 999999, "kind": "parent"})
    assert bad.status_code == 400


def test_odd_input_to_the_tools_page_is_not_an_error(client, world):
    force_login_with_mfa(client, world.convener)
    url = reverse("networkmeetings:tools", args=[world.process.pk])
    assert client.post(url, {"action": "delete", "kind": "person", "id": "abc"}).status_code == 404
    assert client.post(url, {"action": "delete", "kind": "nothing", "id": "1"}).status_code == 404
    assert client.post(url, {"action": "unknown"}).status_code == 404
    long = client.post(url, {"action": "event", "year": "2024", "text": "<b>x</b>\x00" + "y" * 400})
    assert long.status_code == 400 and world.process.timeline_events.count() == 0
