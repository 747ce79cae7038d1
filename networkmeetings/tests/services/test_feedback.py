from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from core.errors import DomainError
from networkmeetings.models import LPFeedback
from networkmeetings.services.feedback import CSV_HEADER, feedback_import, feedback_submit

from ..factories import NetworkMeetingFactory

HEADER = ";".join(CSV_HEADER)


def _csv(*rows, header=HEADER):
    return ("\n".join([header, *rows]) + "\n").encode()


def test_import_writes_every_row(world):
    raw = _csv("2026-03-04;school;1;0;1;;1;1;0", "2026-03-05;ecec;0;0;0;0;0;0;0")
    run = feedback_import(actor=world.coordinator, family_centre=world.centre, raw=raw)
    assert run.status == "succeeded" and run.rows_read == 2 and run.rows_created == 2
    first = LPFeedback.objects.get(setting="school")
    assert first.heard is True and first.parenting_tools is False and first.mental_health_confidence is None
    assert str(first.month) == "2026-03-01"


def test_import_accepts_byte_order_mark(world):
    run = feedback_import(
        actor=world.coordinator,
        family_centre=world.centre,
        raw=b"\xef\xbb\xbf" + _csv("2026-03-04;school;1;1;1;1;1;1;1"),
    )
    assert run.status == "succeeded"


@pytest.mark.parametrize(
    "raw",
    [
        _csv("2026-03-04;school;1;1;1;1;1;1;1", header="date;setting;heard"),
        _csv("2026-03-04;school;1;1;1;1;1;1;1", "2026-03-04;kindergarten;1;1;1;1;1;1;1"),
        _csv("2026-03-04;school;1;1;1;1;1;1;yes"),
        _csv("4.3.2026;school;1;1;1;1;1;1;1"),
        "date;setting;heard;parenting_tools;mental_health_meaningful;mental_health_confidence;useful_child;useful_family;useful_self\n2026-03-04;other;1;1;1;1;1;1;1;ä\n".encode(
            "latin-1"
        ),
        _csv(),
    ],
)
def test_bad_file_refused_whole(world, raw):
    run = feedback_import(actor=world.coordinator, family_centre=world.centre, raw=raw)
    assert run.status == "failed" and run.error
    assert LPFeedback.objects.count() == 0


def test_latin1_file_gets_clear_message(world):
    raw = (HEADER + "\n2026-03-04;other;1;1;1;1;1;1;1\n# ä\n").encode("latin-1")
    run = feedback_import(actor=world.coordinator, family_centre=world.centre, raw=raw)
    assert "UTF-8" in run.error


def test_import_only_by_coordinator_of_the_centre(world):
    with pytest.raises(PermissionDenied):
        feedback_import(
            actor=world.convener, family_centre=world.centre, raw=_csv("2026-03-04;school;1;1;1;1;1;1;1")
        )


def test_family_feedback_linked_to_setting_and_month_only(world):
    NetworkMeetingFactory(
        process=world.process, kind="lp_discussion", structure="lp_discussion", service_setting="health"
    )
    answer = feedback_submit(
        process=world.process, answers={"heard": True, "useful_self": False}, free_text="Hyvä keskustelu"
    )
    assert answer.setting == "health" and answer.month.day == 1
    assert not answer.free_text_held
    field_names = {f.name for f in LPFeedback._meta.get_fields()}
    assert "process" not in field_names and "user" not in field_names


def test_family_feedback_with_personal_data_is_held(world):
    NetworkMeetingFactory(
        process=world.process, kind="lp_discussion", structure="lp_discussion", service_setting="health"
    )
    answer = feedback_submit(
        process=world.process, answers={"heard": True}, free_text="Soita minulle 040 1234567"
    )
    assert answer.free_text_held


def test_family_feedback_needs_lp_meeting_and_an_answer(world):
    with pytest.raises(DomainError):
        feedback_submit(process=world.process, answers={"heard": True})
    NetworkMeetingFactory(
        process=world.process, kind="lp_discussion", structure="lp_discussion", service_setting="health"
    )
    with pytest.raises(DomainError):
        feedback_submit(process=world.process, answers={})
