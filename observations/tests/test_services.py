from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.tests.factories import UserFactory
from core.errors import ConflictError, DomainError
from core.models import AuditEvent, Notification
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
from observations import services
from observations.models import Observation
from observations.tests.factories import (
    FamilyObservationFactory,
    ObservationFactory,
    centre_with_municipality,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    centre, municipality = centre_with_municipality("Nokia")
    group = GroupFactory(family_centre=centre)
    collector = MembershipFactory(group=group, role=Membership.Role.COLLECTOR).user
    professional = MembershipFactory(group=group, role=Membership.Role.MEMBER).user
    return centre, municipality, collector, professional


def _submit(actor, area, **kw):
    data = dict(
        text="Koululaiset jäävät iltapäivisin yksin.",
        kind="concern",
        environment="school",
        age_group="7-12",
        area=area,
        source="own_work",
        themes=["Yksinäisyys", "iltapäivät", "yksinäisyys"],
    )
    data.update(kw)
    return services.observation_submit(actor=actor, **data)


def test_submit_sets_centre_themes_and_notifies_collectors(setup):
    centre, municipality, collector, professional = setup
    obs = _submit(professional, municipality)
    assert obs.family_centre == centre
    assert sorted(obs.themes.values_list("name", flat=True)) == ["iltapäivät", "yksinäisyys"]
    assert Notification.objects.filter(recipient=collector, verb="observation.new").count() == 1
    assert AuditEvent.objects.filter(action="observation.submit", object_id=str(obs.pk)).exists()


@pytest.mark.parametrize("text", ["", "   ", "\x00\x00", "\u202e"])
def test_submit_empty_text_rejected(setup, text):
    _c, municipality, _col, professional = setup
    with pytest.raises(DomainError):
        _submit(professional, municipality, text=text)
    assert not Observation.objects.exists()


def test_submit_too_long_rejected(setup):
    _c, municipality, _col, professional = setup
    with pytest.raises(DomainError):
        _submit(professional, municipality, text="a" * 50_000)


def test_submit_future_date_rejected(setup):
    _c, municipality, _col, professional = setup
    with pytest.raises(DomainError):
        _submit(professional, municipality, observed_on=timezone.localdate() + timedelta(days=2))


def test_submit_strips_nul_and_bidi_keeps_html_as_text(setup):
    _c, municipality, _col, professional = setup
    obs = _submit(professional, municipality, text="<script>alert(1)</script>\x00 \u202eteksti 😀")
    assert obs.text == "<script>alert(1)</script> teksti 😀"


def test_submit_with_personal_data_is_held(setup):
    _c, municipality, _col, professional = setup
    obs = _submit(professional, municipality, text="Perhe asuu Hämeenkatu 12, puh 040 123 4567")
    assert obs.held and obs.held_reasons == ["address", "phone"]


def test_submit_by_client_representative_denied(setup):
    _c, municipality, _col, _p = setup
    rep = MembershipFactory(role=Membership.Role.CLIENT_REPRESENTATIVE).user
    with pytest.raises(PermissionDenied):
        _submit(rep, municipality)


def test_public_submit_gets_code_and_emails_it(setup, django_capture_on_commit_callbacks):
    _c, municipality, _col, _p = setup
    with django_capture_on_commit_callbacks(execute=True):
        obs = services.observation_submit_public(
            text="Nuorisotalo on suljettu iltaisin.",
            environment="leisure",
            age_group="13-17",
            area=municipality,
            contact_email="perhe@example.test",
            language="sv",
        )
    assert obs.followup_code and obs.source == "family_form" and obs.author is None
    assert len(mail.outbox) == 1
    assert obs.followup_code in mail.outbox[0].body
    assert mail.outbox[0].to == ["perhe@example.test"]


def test_family_message_task_is_idempotent(setup):
    from observations.tasks import send_family_message

    obs = FamilyObservationFactory(contact_email="perhe@example.test", family_centre=setup[0])
    assert send_family_message(obs.pk, "code") is True
    assert send_family_message(obs.pk, "code") is False
    assert len(mail.outbox) == 1


def test_mark_read_by_collector_only_once(setup):
    centre, _m, collector, professional = setup
    obs = ObservationFactory(family_centre=centre)
    with pytest.raises(PermissionDenied):
        services.observation_mark_read(actor=professional, observation=obs)
    services.observation_mark_read(actor=collector, observation=obs)
    with pytest.raises(ConflictError):
        services.observation_mark_read(actor=collector, observation=obs)
    obs.refresh_from_db()
    assert obs.status == "read" and obs.triaged_at is not None


def test_update_allowed_for_author_until_triaged(setup):
    centre, municipality, collector, professional = setup
    obs = _submit(professional, municipality)
    services.observation_update(
        actor=professional,
        observation=obs,
        text="Korjattu teksti",
        kind="positive",
        environment="home",
        age_group="0-2",
        area=municipality,
        source="own_work",
        observed_on=timezone.localdate(),
    )
    obs.refresh_from_db()
    assert obs.text == "Korjattu teksti"
    services.observation_mark_read(actor=collector, observation=obs)
    with pytest.raises(ConflictError):
        services.observation_update(
            actor=professional,
            observation=obs,
            text="Myöhäinen",
            kind="positive",
            environment="home",
            age_group="0-2",
            area=municipality,
            source="own_work",
            observed_on=timezone.localdate(),
        )


def test_merge_points_duplicate_to_kept_and_code_follows(setup):
    from observations.selectors import public_status

    centre, _m, collector, _p = setup
    keep = ObservationFactory(family_centre=centre, themes=["ruutuaika"])
    dup = FamilyObservationFactory(family_centre=centre, themes=["uni"])
    services.observation_mark_read(actor=collector, observation=keep)
    services.observation_merge(actor=collector, duplicate=dup, keep=keep)
    dup.refresh_from_db()
    assert dup.status == "merged" and dup.merged_into == keep
    assert sorted(keep.themes.values_list("name", flat=True)) == ["ruutuaika", "uni"]
    assert public_status(dup)["step"] == "read"
    with pytest.raises(ConflictError):
        services.observation_merge(actor=collector, duplicate=dup, keep=keep)
    with pytest.raises(DomainError):
        services.observation_merge(actor=collector, duplicate=keep, keep=keep)


def test_merge_across_centres_rejected(setup):
    centre, _m, collector, _p = setup
    other = ObservationFactory()
    with pytest.raises((DomainError, PermissionDenied)):
        services.observation_merge(
            actor=collector, duplicate=ObservationFactory(family_centre=centre), keep=other
        )


def test_archive_needs_reason_and_erases_email_after_message(setup, django_capture_on_commit_callbacks):
    centre, _m, collector, _p = setup
    obs = FamilyObservationFactory(family_centre=centre, contact_email="perhe@example.test")
    with pytest.raises(DomainError):
        services.observation_archive(actor=collector, observation=obs, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.observation_archive(
            actor=collector, observation=obs, reason="Asia on jo työn alla toisaalla."
        )
    obs.refresh_from_db()
    assert obs.status == "archived"
    assert obs.contact_email == ""
    assert "Asia on jo työn alla toisaalla." in mail.outbox[-1].body


def test_redact_removes_original_everywhere(setup):
    centre, _m, collector, _p = setup
    original = "Soittakaa meille 040 123 4567"
    obs = FamilyObservationFactory(family_centre=centre, text=original, held=True, held_reasons=["phone"])
    with pytest.raises(DomainError):
        services.observation_redact(actor=collector, observation=obs, text="Soittakaa 040 765 4321")
    services.observation_redact(actor=collector, observation=obs, text="Soittakaa meille [poistettu]")
    obs.refresh_from_db()
    assert not obs.held and obs.text == "Soittakaa meille [poistettu]"
    assert not any("040 123 4567" in str(e.before) + str(e.after) for e in AuditEvent.objects.all())


def test_visibility_rules(setup):
    centre, municipality, collector, professional = setup
    outsider = UserFactory()
    held = FamilyObservationFactory(family_centre=centre, held=True, held_reasons=["phone"])
    visible = ObservationFactory(family_centre=centre)
    own = _submit(outsider, municipality)
    assert set(Observation.objects.visible_to(collector)) == {held, visible, own}
    assert set(Observation.objects.visible_to(professional)) == {visible, own}
    assert set(Observation.objects.visible_to(outsider)) == {own}


def test_full_text_search_finnish_and_swedish(setup):
    from observations.selectors import observation_filter

    centre, _m, collector, _p = setup
    fi = ObservationFactory(family_centre=centre, text="Lapset pelaavat kännyköillä myöhään yöllä.")
    sv = ObservationFactory(family_centre=centre, text="Barnen spelar på mobiltelefoner sent på natten.")
    qs = Observation.objects.visible_to(collector)
    assert list(observation_filter(qs, q="kännykkä")) == [fi] or fi in observation_filter(qs, q="kännyköillä")
    assert sv in observation_filter(qs, q="telefon") or sv in observation_filter(qs, q="mobiltelefon")
    assert fi not in observation_filter(qs, q="mobiltelefon")


def test_team_review_in_cancelled_meeting_rejected(setup):
    from familycentres.models import Group, Meeting
    from familycentres.tests.factories import MeetingFactory
    from observations.models import TeamReview

    centre, municipality, _collector, professional = setup
    team = GroupFactory(family_centre=centre, kind=Group.Kind.LOCAL_TEAM, area=municipality)
    MembershipFactory(group=team, user=professional)
    meeting = MeetingFactory(group=team, status=Meeting.Status.CANCELLED)
    with pytest.raises(ConflictError):
        services.team_review_record(actor=professional, meeting=meeting, observation_ids=[], raised="Nostot")
    assert not TeamReview.objects.exists()
