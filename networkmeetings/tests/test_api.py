from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import AccessLogEntry, ImportRun
from networkmeetings.models import LPFeedback
from networkmeetings.services.feedback import CSV_HEADER

from .factories import LPFeedbackFactory, LPQualificationFactory, NetworkProcessFactory

LIST = "/api/v1/network-processes/"


def test_anonymous_is_refused(api_client, world):
    assert api_client.get(LIST).status_code in (401, 403)
    assert api_client.get(f"{LIST}{world.process.pk}/").status_code in (401, 403)


def test_list_only_callers_processes_and_logged(api_client, world):
    NetworkProcessFactory(family_centre=world.centre)
    api_client.force_authenticate(world.invited)
    body = api_client.get(LIST).json()
    assert [p["id"] for p in body["results"]] == [world.process.pk]
    assert response_cache(api_client.get(LIST))
    assert AccessLogEntry.objects.filter(client_ref=world.process.client_ref, kind="list").count() == 2


def response_cache(response):
    return "no-store" in response.get("Cache-Control", "")


def test_detail_has_meetings_roles_and_steps(api_client, world):
    api_client.force_authenticate(world.convener)
    body = api_client.get(f"{LIST}{world.process.pk}/").json()
    meeting = body["meetings"][0]
    assert meeting["chair"] == world.convener.pk and meeting["recorder"] == world.pair.pk
    assert meeting["steps"][0]["pair"] == world.invited.pk
    assert (
        AccessLogEntry.objects.filter(
            client_ref=world.process.client_ref, kind="read", user=world.convener
        ).count()
        == 1
    )


@pytest.mark.parametrize("who", ["outsider", "admin", "coordinator"])
def test_non_participants_get_404(api_client, world, who):
    api_client.force_authenticate(getattr(world, who))
    assert api_client.get(f"{LIST}{world.process.pk}/").status_code == 404
    assert api_client.get(f"{LIST}{world.process.pk}/access-log/").status_code == 404
    assert api_client.get(LIST).json()["results"] == []


def test_mfa_required(api_client, world):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=world.convener).delete()
    api_client.force_authenticate(world.convener)
    assert api_client.get(LIST).status_code == 403


def test_browser_session_must_have_passed_mfa(client, world):
    from accounts.tests.factories import force_login_with_mfa

    client.force_login(world.convener)
    assert client.get(LIST).status_code == 403
    force_login_with_mfa(client, world.convener)
    assert client.get(LIST).status_code == 200


def test_access_log_for_responsible_only(api_client, world):
    api_client.force_authenticate(world.invited)
    api_client.get(f"{LIST}{world.process.pk}/")
    assert api_client.get(f"{LIST}{world.process.pk}/access-log/").status_code == 403
    api_client.force_authenticate(world.pair)
    rows = api_client.get(f"{LIST}{world.process.pk}/access-log/").json()["results"]
    assert any(r["user"] == world.invited.pk and r["purpose"] == "API: process" for r in rows)


def test_qualifications(api_client, world):
    LPQualificationFactory(user=world.convener)
    LPQualificationFactory(user=world.pair)
    api_client.force_authenticate(world.convener)
    assert len(api_client.get("/api/v1/lp/qualifications/").json()["results"]) == 1
    api_client.force_authenticate(world.coordinator)
    assert len(api_client.get("/api/v1/lp/qualifications/").json()["results"]) == 2


def _upload(text: str):
    return SimpleUploadedFile("answers.csv", text.encode(), content_type="text/csv")


def test_feedback_import_by_coordinator(api_client, world):
    api_client.force_authenticate(world.coordinator)
    csv_text = ";".join(CSV_HEADER) + "\n2026-01-10;school;1;1;1;1;1;1;1\n2026-01-11;other;0;;0;0;0;0;0\n"
    response = api_client.post(
        "/api/v1/lp/feedback-imports/",
        {"file": _upload(csv_text), "family_centre": world.centre.pk},
        format="multipart",
    )
    assert response.status_code == 201
    assert response.json() | {} == {
        **response.json(),
        "rows_read": 2,
        "rows_written": 2,
        "rows_rejected": 0,
        "status": "succeeded",
    }
    assert LPFeedback.objects.count() == 2


def test_feedback_import_bad_header(api_client, world):
    api_client.force_authenticate(world.coordinator)
    response = api_client.post(
        "/api/v1/lp/feedback-imports/",
        {"file": _upload("a;b\n1;2\n"), "family_centre": world.centre.pk},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["status"] == "failed" and response.json()["error"]
    assert ImportRun.objects.get().status == "failed"


def test_feedback_import_refused_for_others(api_client, world):
    api_client.force_authenticate(world.convener)
    response = api_client.post(
        "/api/v1/lp/feedback-imports/",
        {"file": _upload("x"), "family_centre": world.centre.pk},
        format="multipart",
    )
    assert response.status_code == 404
    api_client.force_authenticate(world.coordinator)
    assert (
        api_client.post(
            "/api/v1/lp/feedback-imports/", {"family_centre": "abc"}, format="multipart"
        ).status_code
        == 400
    )


def test_feedback_summary(api_client, world):
    for _ in range(5):
        LPFeedbackFactory(family_centre=world.centre, month=__import__("datetime").date(2026, 2, 1))
    api_client.force_authenticate(world.coordinator)
    url = f"/api/v1/lp/feedback-summary/?family_centre={world.centre.pk}&from=2026-01-01&to=2026-12-31"
    body = api_client.get(url).json()
    assert body["answers"] == 5
    assert {r["setting"]: r for r in body["settings"]}["school"]["share"] == 100.0
    assert (
        api_client.get(
            f"/api/v1/lp/feedback-summary/?family_centre={world.centre.pk}&from=2026-13-01"
        ).status_code
        == 400
    )
    api_client.force_authenticate(world.convener)
    assert api_client.get(url).status_code == 404
