from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.tests.factories import force_login_with_mfa
from networkmeetings.models import LPFeedback, LPQualification
from networkmeetings.services.feedback import CSV_HEADER

from ..factories import LPFeedbackFactory, LPQualificationFactory


def test_summary_for_coordinator_only(client, world, django_assert_max_num_queries):
    for _ in range(6):
        LPFeedbackFactory(family_centre=world.centre)
    force_login_with_mfa(client, world.convener)
    assert client.get(reverse("networkmeetings:feedback_summary")).status_code == 403
    force_login_with_mfa(client, world.coordinator)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("networkmeetings:feedback_summary"))
    assert page.status_code == 200 and page.context["summary"]["answers"] == 6
    assert "<svg" in page.content.decode() and "<table" in page.content.decode()
    csv = client.get(reverse("networkmeetings:feedback_summary") + "?format=csv")
    body = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert "100.0" in body


def test_import_page_refuses_bad_header_and_keeps_nothing(client, world):
    force_login_with_mfa(client, world.coordinator)
    upload = SimpleUploadedFile("a.csv", b"date;setting\n2026-01-01;school\n", content_type="text/csv")
    response = client.post(
        reverse("networkmeetings:feedback_import"), {"family_centre": world.centre.pk, "file": upload}
    )
    assert response.status_code == 400 and LPFeedback.objects.count() == 0
    assert "date;setting;heard" in response.content.decode()
    good = SimpleUploadedFile(
        "b.csv",
        (";".join(CSV_HEADER) + "\n2026-01-01;school;1;1;1;1;1;1;1\n").encode(),
        content_type="text/csv",
    )
    response = client.post(
        reverse("networkmeetings:feedback_import"), {"family_centre": world.centre.pk, "file": good}
    )
    assert response.status_code == 200 and LPFeedback.objects.count() == 1
    force_login_with_mfa(client, world.convener)
    assert client.get(reverse("networkmeetings:feedback_import")).status_code == 403


def test_qualifications_page(client, world):
    LPQualificationFactory(user=world.pair)
    force_login_with_mfa(client, world.coordinator)
    page = client.get(reverse("networkmeetings:qualifications"))
    assert world.pair.full_name in page.content.decode()
    response = client.post(
        reverse("networkmeetings:qualifications"),
        {"user": world.convener.pk, "level": "trainer", "trained_on": "2025-01-10"},
    )
    assert (
        response.status_code == 302
        and LPQualification.objects.filter(user=world.convener, level="trainer").exists()
    )
    force_login_with_mfa(client, world.pair)
    assert client.get(reverse("networkmeetings:qualifications")).status_code == 200
    assert client.post(reverse("networkmeetings:qualifications"), {}).status_code == 403
    force_login_with_mfa(client, world.outsider)
    assert client.get(reverse("networkmeetings:qualifications")).status_code == 403


def test_qualification_counts_by_area_and_organisation(client, world):
    from familycentres.tests.factories import OrganisationFactory

    org = OrganisationFactory(name="Sote")
    LPQualificationFactory(user=world.pair, organisation=org, area=world.centre.wellbeing_county)
    LPQualificationFactory(user=world.invited, organisation=org, area=world.centre.wellbeing_county)
    force_login_with_mfa(client, world.coordinator)
    page = client.get(reverse("networkmeetings:qualifications"))
    counts = page.context["counts"]
    assert len(counts) == 1
    assert counts[0]["organisation"] == org and counts[0]["area"] == world.centre.wellbeing_county
    assert counts[0]["count"] == 2
