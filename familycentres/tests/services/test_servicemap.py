"""Coordinators' writes to the service catalogue: rules, permissions, audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from accounts.tests.factories import UserFactory
from core.errors import ConflictError, DomainError
from core.models import AuditEvent
from familycentres.models import ClientGroup, Membership, Service, ServiceChannel, ServiceGroup
from familycentres.services import servicemap
from familycentres.tests.factories import (
    AreaFactory,
    GroupFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ServiceChannelFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return MembershipFactory(group=GroupFactory(), role=Membership.Role.COORDINATOR).user


@pytest.fixture
def municipality():
    return MunicipalityFactory(name_fi="Nokia")


def _create(actor, municipality, **overrides):
    kwargs = {
        "actor": actor,
        "texts": {"name_fi": "  Perheneuvola\x00 ", "name_sv": "Familjerådgivning"},
        "organisation": OrganisationFactory(),
        "areas": [municipality],
        "service_group": ServiceGroup.PSYCHOSOCIAL,
        "client_groups": [ClientGroup.AGE_7_12, ClientGroup.FAMILY, ClientGroup.FAMILY],
        "languages": ["sv", "fi"],
    }
    kwargs.update(overrides)
    return servicemap.service_create(**kwargs)


def test_coordinator_adds_a_service_audited(coordinator, municipality):
    service = _create(coordinator, municipality)
    assert service.name_fi == "Perheneuvola"
    assert service.source == Service.Source.LOCAL
    assert service.client_groups == ["7_12", "family"] and service.languages == ["fi", "sv"]
    assert list(service.areas.all()) == [municipality]
    event = AuditEvent.objects.get(action="service.create")
    assert event.after["name_fi"] == "Perheneuvola"


@pytest.mark.parametrize("who", ["member", "chair", "anonymous"])
def test_others_may_not_add_services(who, municipality):
    from django.contrib.auth.models import AnonymousUser

    if who == "anonymous":
        actor = AnonymousUser()
    else:
        actor = MembershipFactory(role=who if who != "member" else Membership.Role.MEMBER).user
    with pytest.raises(PermissionDenied):
        _create(actor, municipality)
    assert not Service.objects.exists()


def test_administrator_may_add_services(municipality):
    assert _create(UserFactory(staff=True), municipality).pk


def test_ended_coordinator_membership_no_longer_edits(municipality):
    membership = MembershipFactory(role=Membership.Role.COORDINATOR)
    membership.ended_on = membership.started_on
    membership.save()
    with pytest.raises(PermissionDenied):
        _create(membership.user, municipality)


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"texts": {"name_fi": " \x00 "}}, "name_fi"),
        ({"texts": {"name_fi": "x" * 301}}, "too_long"),
        ({"organisation": None}, "organisation"),
        ({"service_group": "unknown"}, "service_group"),
        ({"client_groups": []}, "client_groups"),
        ({"client_groups": ["99_100"]}, "client_groups"),
        ({"languages": ["xx"]}, "languages"),
        ({"areas": []}, "areas"),
    ],
)
def test_invalid_services_are_refused(coordinator, municipality, overrides, code):
    with pytest.raises(DomainError) as info:
        _create(coordinator, municipality, **overrides)
    assert info.value.code == code
    assert not Service.objects.exists()


def test_a_county_is_not_a_coverage_area(coordinator):
    with pytest.raises(DomainError) as info:
        _create(coordinator, None, areas=[AreaFactory()])
    assert info.value.code == "areas"


def test_update_audits_only_changes(coordinator, municipality):
    service = ServiceFactory(areas=[municipality])
    servicemap.service_update(
        actor=coordinator,
        service=service,
        texts={"name_fi": "Uusi nimi"},
        organisation=service.organisation,
        areas=[municipality],
        service_group=service.service_group,
        client_groups=service.client_groups,
        languages=service.languages,
        is_active=False,
    )
    service.refresh_from_db()
    assert service.name_fi == "Uusi nimi" and not service.is_active
    event = AuditEvent.objects.get(action="service.update")
    assert set(event.after) == {"name_fi", "is_active"}


def test_member_may_not_update(municipality):
    service = ServiceFactory(areas=[municipality])
    with pytest.raises(PermissionDenied):
        servicemap.service_update(
            actor=MembershipFactory().user,
            service=service,
            texts={"name_fi": "x"},
            organisation=service.organisation,
            areas=[municipality],
            service_group=service.service_group,
            client_groups=service.client_groups,
            languages=[],
        )


def test_resolving_without_a_conflict_is_a_conflict(coordinator):
    service = ServiceFactory()
    with pytest.raises(ConflictError):
        servicemap.service_conflict_resolve(actor=coordinator, service=service, field="name_fi", keep="ptv")


def test_resolving_needs_a_choice(coordinator):
    service = ServiceFactory(conflicts={"name_fi": {"local": "a", "ptv": "b"}})
    with pytest.raises(DomainError):
        servicemap.service_conflict_resolve(actor=coordinator, service=service, field="name_fi", keep="both")


def test_member_may_not_resolve():
    service = ServiceFactory(conflicts={"name_fi": {"local": "a", "ptv": "b"}})
    with pytest.raises(PermissionDenied):
        servicemap.service_conflict_resolve(
            actor=MembershipFactory().user, service=service, field="name_fi", keep="ptv"
        )


def test_resolving_areas_takes_the_catalogue_coverage(coordinator, municipality):
    other = MunicipalityFactory()
    service = ServiceFactory(
        areas=[municipality], conflicts={"areas": {"local": [municipality.pk], "ptv": [other.pk]}}
    )
    servicemap.service_conflict_resolve(actor=coordinator, service=service, field="areas", keep="ptv")
    assert list(service.areas.all()) == [other]
    assert AuditEvent.objects.filter(action="service.conflict_resolve").exists()


@pytest.mark.parametrize(
    ("kind", "values", "code"),
    [
        ("place", {"name": "Neuvola"}, "address"),
        ("phone", {}, "phone"),
        ("e_service", {}, "url"),
        ("e_service", {"url": "javascript:alert(1)"}, "url"),
        ("pigeon", {}, "kind"),
    ],
)
def test_channel_needs_its_contact(coordinator, kind, values, code):
    with pytest.raises(DomainError) as info:
        servicemap.channel_add(actor=coordinator, service=ServiceFactory(), kind=kind, **values)
    assert info.value.code == code


def test_channel_add_and_remove(coordinator):
    service = ServiceFactory()
    channel = servicemap.channel_add(
        actor=coordinator, service=service, kind="place", address="Keskustie 1", opening_hours="ma–pe 8–16"
    )
    assert channel.service == service
    servicemap.channel_remove(actor=coordinator, channel=channel)
    assert not ServiceChannel.objects.exists()
    assert AuditEvent.objects.filter(action="service.channel_remove").exists()


def test_member_may_not_remove_a_channel():
    channel = ServiceChannelFactory()
    with pytest.raises(PermissionDenied):
        servicemap.channel_remove(actor=MembershipFactory().user, channel=channel)
    assert ServiceChannel.objects.exists()
