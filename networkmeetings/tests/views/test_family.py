from __future__ import annotations

from django.urls import reverse

from core.models import AccessLogEntry
from networkmeetings.models import LPFeedback
from networkmeetings.services.processes import family_code_issue

from ..factories import NetworkMeetingFactory


def test_family_reads_plan_with_code_and_answers_feedback(client, world):
    world.meeting.status = "held"
    world.meeting.record = "What we agreed"
    world.meeting.save()
    NetworkMeetingFactory(
        process=world.process,
        kind="lp_discussion",
        structure="lp_discussion",
        service_setting="school",
        status="held",
    )
    code = family_code_issue(actor=world.convener, process=world.process)
    response = client.post(reverse("networkmeetings:family_enter"), {"code": code})
    assert response.status_code == 302 and code not in response["Location"]
    page = client.get(reverse("networkmeetings:family_plan"))
    assert "What we agreed" in page.content.decode() and world.step.what in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert AccessLogEntry.objects.filter(client_ref=world.process.client_ref, user__isnull=True).count() == 1
    sent = client.post(reverse("networkmeetings:family_feedback"), {"heard": "1", "useful_child": "0"})
    assert sent.status_code == 200
    answer = LPFeedback.objects.get()
    assert answer.heard is True and answer.useful_child is False and answer.setting == "school"


def test_wrong_code_is_refused_and_rate_limited(client, world, settings):
    from django.core.cache import cache

    cache.clear()
    settings.PUBLIC_LOOKUP_RATE_LIMIT = (3, 600)
    for _ in range(3):
        assert (
            client.post(reverse("networkmeetings:family_enter"), {"code": "ACEFH-34679"}).status_code == 404
        )
    assert client.post(reverse("networkmeetings:family_enter"), {"code": "ACEFH-34679"}).status_code == 429
    cache.clear()


def test_family_pages_need_the_code(client, world):
    assert client.get(reverse("networkmeetings:family_plan"))["Location"] == reverse(
        "networkmeetings:family_enter"
    )
    assert client.get(reverse("networkmeetings:family_feedback"))["Location"] == reverse(
        "networkmeetings:family_enter"
    )
