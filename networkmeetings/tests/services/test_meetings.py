from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.errors import DomainError
from networkmeetings.models import RECORD_MAX_CHARS, NetworkMeeting
from networkmeetings.services import meetings as services

from ..factories import LPQualificationFactory


def _plan(world, **kw):
    args = {
        "actor": world.convener,
        "process": world.process,
        "kind": "network",
        "structure": "hypothesis",
        "starts_at": timezone.now() + datetime.timedelta(days=5),
        "chair": world.convener,
        "recorder": world.pair,
    }
    args.update(kw)
    return services.meeting_plan(**args)


def test_network_meeting_starts_with_its_structure(world):
    meeting = _plan(world)
    assert "Possible explanations" in meeting.record or "Mahdolliset selitykset" in meeting.record


def test_lp_discussion_needs_setting_and_gets_lp_structure(world):
    with pytest.raises(DomainError) as exc:
        _plan(world, kind="lp_discussion")
    assert exc.value.code == "service_setting"
    meeting = _plan(world, kind="lp_discussion", service_setting="school")
    assert meeting.structure == NetworkMeeting.Structure.LP_DISCUSSION


def test_only_qualified_worker_chairs_lp_negotiation(world):
    with pytest.raises(DomainError) as exc:
        _plan(world, kind="lp_negotiation", service_setting="ecec")
    assert exc.value.code == "chair"
    LPQualificationFactory(user=world.convener, level="discussion")
    with pytest.raises(DomainError):
        _plan(world, kind="lp_negotiation", service_setting="ecec")
    LPQualificationFactory(user=world.convener, level="negotiation")
    assert _plan(world, kind="lp_negotiation", service_setting="ecec").kind == "lp_negotiation"


def test_roles_must_take_part(world):
    with pytest.raises(DomainError):
        _plan(world, chair=world.outsider)
    with pytest.raises(PermissionDenied):
        _plan(world, actor=world.invited)


def test_record_second_save_from_old_version_is_a_conflict(world):
    meeting = world.meeting
    services.record_save(actor=world.pair, meeting=meeting, text="first", base_version=0)
    with pytest.raises(services.RecordConflict) as exc:
        services.record_save(actor=world.convener, meeting=meeting, text="second", base_version=0)
    assert exc.value.current_text == "first"
    assert exc.value.status_code == 409
    meeting.refresh_from_db()
    assert meeting.record == "first" and meeting.record_version == 1


def test_record_too_long_refused_and_nothing_saved(world):
    with pytest.raises(DomainError):
        services.record_save(
            actor=world.pair, meeting=world.meeting, text="x" * (RECORD_MAX_CHARS + 1), base_version=0
        )
    services.record_save(actor=world.pair, meeting=world.meeting, text="x" * RECORD_MAX_CHARS, base_version=0)


def test_record_not_by_others(world):
    with pytest.raises(PermissionDenied):
        services.record_save(actor=world.invited, meeting=world.meeting, text="x", base_version=0)


def test_conclude_checks_scale_and_date(world):
    with pytest.raises(DomainError):
        services.meeting_conclude(
            actor=world.convener,
            meeting=world.meeting,
            next_meeting_on=None,
            evaluation_family=6,
            evaluation_workers=None,
        )
    with pytest.raises(DomainError):
        services.meeting_conclude(
            actor=world.convener,
            meeting=world.meeting,
            next_meeting_on=timezone.localdate() - datetime.timedelta(days=1),
            evaluation_family=None,
            evaluation_workers=None,
        )
    meeting = services.meeting_conclude(
        actor=world.convener,
        meeting=world.meeting,
        next_meeting_on=timezone.localdate() + datetime.timedelta(days=30),
        evaluation_family=4,
        evaluation_workers=3,
    )
    assert meeting.status == "held" and meeting.evaluation_family == 4
