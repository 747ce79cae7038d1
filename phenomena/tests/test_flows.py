"""Flows between the levels: the people a decision names in roles, forwarding routes, decisions of other
bodies and working groups' reports on local actions. Services and pages, allowed and denied."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.errors import ConflictError, DomainError
from core.models import AuditEvent, Notification
from familycentres.models import Group, Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
from phenomena import services
from phenomena.models import Decision, ForwardingRoute, Initiative, LocalActionReport, OtherBodyDecision
from phenomena.tests.test_steering import url

# The network of the steering-group page tests (three levels, a working group, the people in each role).
pytest_plugins = ["phenomena.tests.test_steering"]
pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _start(net, **kwargs):
    return services.decision_record(
        actor=net.secretary,
        initiative=net.initiative,
        kind="start_codevelopment",
        reasons="Aloitetaan yhteiskehittäminen",
        scope="local",
        **kwargs,
    )


# Responsibilities ------------------------------------------------------------------------------------------


def test_start_codevelopment_names_people_in_roles_and_tells_each_once_in_their_language(net):
    coordinator = MembershipFactory(group=net.local, user__language="sv").user
    facilitator = MembershipFactory(group=GroupFactory(family_centre=net.centre, kind="local_team")).user
    pair = MembershipFactory(group=net.local, user__full_name="Vera Varhaiskasvatus").user
    decision = _start(
        net,
        responsibilities={
            "progress": net.chair,
            "coordination": coordinator,
            "facilitation": facilitator,
            "work_pair": pair,
        },
        work_pair_organisation="Päiväkoti Sateenkaari",
    )
    roles = {r.role: (r.user, r.organisation) for r in decision.responsibilities.all()}
    assert roles["coordination"][0] == coordinator and roles["work_pair"] == (pair, "Päiväkoti Sateenkaari")
    assert set(decision.responsible_users.all()) == {net.chair, coordinator, facilitator, pair}
    note = Notification.objects.get(recipient=coordinator, verb="decision.responsible")
    assert (
        "utsåg dig" in note.text
        and "koordinator" in note.text
        and note.key == f"decision.responsible:{decision.pk}"
    )
    assert note.url == net.initiative.get_absolute_url()
    # Running the notification again sends nothing twice.
    services._notify_named(actor=net.secretary, decision=decision)
    assert Notification.objects.filter(recipient=coordinator, verb="decision.responsible").count() == 1
    event = AuditEvent.objects.get(action="decision.record", object_id=str(decision.pk))
    assert event.after["responsibilities"]["facilitation"] == facilitator.pk


def test_responsible_person_outside_the_network_is_refused(net):
    with pytest.raises(DomainError) as exc:
        _start(net, responsibilities={"progress": net.chair, "coordination": net.outsider})
    assert exc.value.code == "responsible_coordination_invalid"
    assert not Decision.objects.exists()


def test_progress_person_alone_is_enough_to_start(net):
    decision = _start(net, responsibilities={"progress": net.member})
    assert decision.responsibilities.get().role == "progress"


def test_developer_group_gives_the_named_roles_and_the_workspace_shows_them(client, net):
    from codevelopment.services import process_open_from_decision

    coordinator = MembershipFactory(group=net.local).user
    facilitator = MembershipFactory(group=net.local).user
    decision = _start(
        net,
        responsibilities={"progress": net.chair, "coordination": coordinator, "facilitation": facilitator},
    )
    process = process_open_from_decision(actor=net.secretary, decision=decision)
    roles = set(Membership.objects.current().filter(group=process.group).values_list("user_id", "role"))
    assert roles == {
        (coordinator.pk, "coordinator"),
        (facilitator.pk, "facilitator"),
        (net.chair.pk, "progress_owner"),
    }
    assert Notification.objects.filter(recipient=facilitator, verb="codevelopment.role").count() == 1
    client.force_login(facilitator)
    body = client.get(process.get_absolute_url()).content.decode()
    assert 'id="responsibilities"' in body and facilitator.full_name in body


# Forwarding routes ------------------------------------------------------------------------------------------


def test_forward_goes_to_the_parent_by_default_and_to_a_configured_route_when_chosen(net):
    council = GroupFactory(kind=Group.Kind.CHILDREN_FAMILIES_COUNCIL, level="board", family_centre=None)
    ForwardingRoute.objects.create(source=net.local, target=council)
    assert services.forward_targets(net.local) == [net.regional, council]
    decision = services.decision_record(
        actor=net.secretary,
        initiative=net.initiative,
        kind="forward",
        reasons="Neuvostolle",
        forward_to=council,
    )
    net.initiative.refresh_from_db()
    assert decision.forwarded_to == council and net.initiative.group == council


def test_forward_to_a_group_not_on_the_routes_is_refused(net):
    with pytest.raises(DomainError) as exc:
        services.decision_record(
            actor=net.secretary,
            initiative=net.initiative,
            kind="forward",
            reasons="x",
            forward_to=net.working,
        )
    assert exc.value.code == "forward_target_invalid"


def test_route_add_and_remove_by_coordinator_are_audited_and_others_are_refused(net):
    coordinator = MembershipFactory(group=net.county, role=Membership.Role.COORDINATOR).user
    hyte = GroupFactory(kind=Group.Kind.HYTE_STEERING, level="board", family_centre=None)
    with pytest.raises(PermissionDenied):
        services.forwarding_route_add(actor=net.member, source=net.county, target=hyte)
    route = services.forwarding_route_add(actor=coordinator, source=net.county, target=hyte)
    with pytest.raises(ConflictError):
        services.forwarding_route_add(actor=coordinator, source=net.county, target=hyte)
    with pytest.raises(DomainError):
        services.forwarding_route_add(actor=coordinator, source=net.county, target=net.county)
    services.forwarding_route_remove(actor=coordinator, route=route)
    actions = list(
        AuditEvent.objects.filter(object_id=str(net.county.pk), action__startswith="forwarding_route.")
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )
    assert actions == ["forwarding_route.add", "forwarding_route.remove"]
    assert not ForwardingRoute.objects.exists()


def test_routes_page_for_coordinator_adds_a_route(client, net):
    coordinator = MembershipFactory(group=net.county, role=Membership.Role.COORDINATOR).user
    hyte = GroupFactory(
        name="Hyte-ohjausryhmä", kind=Group.Kind.HYTE_STEERING, level="board", family_centre=None
    )
    client.force_login(coordinator)
    assert client.get(url("routes", net.county.pk)).status_code == 200
    response = client.post(url("routes", net.county.pk), {"target": hyte.pk})
    assert response.status_code == 302
    route = ForwardingRoute.objects.get(source=net.county, target=hyte)
    page = client.get(url("routes", net.county.pk)).content.decode()
    assert "Hyte-ohjausryhmä" in page and "route to Hyte-ohjausryhmä added" in page
    assert client.get(url("route_remove", route.pk)).status_code == 200
    assert client.post(url("route_remove", route.pk)).status_code == 302
    assert not ForwardingRoute.objects.exists()


def test_routes_page_denied(client, net):
    route = ForwardingRoute.objects.create(source=net.county, target=net.working)
    assert client.get(url("routes", net.county.pk)).status_code == 302  # sign-in
    client.force_login(net.county_chair)
    assert client.post(url("routes", net.county.pk), {"target": "abc"}).status_code == 400
    client.force_login(MembershipFactory(group=net.county).user)
    assert client.get(url("routes", net.county.pk)).status_code == 403
    assert client.post(url("route_remove", route.pk)).status_code == 403
    assert ForwardingRoute.objects.exists()
    client.force_login(net.client_rep)
    assert client.get(url("routes", 999_999)).status_code == 404


def test_decide_page_offers_the_routes_and_keeps_what_was_typed(client, net):
    council = GroupFactory(
        name="Lapsi- ja perheasiainneuvosto", kind="children_families_council", family_centre=None
    )
    ForwardingRoute.objects.create(source=net.local, target=council)
    client.force_login(net.secretary)
    page = client.get(url("decide", net.initiative.pk)).content.decode()
    assert "Lapsi- ja perheasiainneuvosto" in page
    response = client.post(
        url("decide", net.initiative.pk),
        {
            "kind": "start_codevelopment",
            "reasons": "Perustelut jäävät",
            "coordination_user": net.member.pk,
            "work_pair_organisation": "Koulu X",
            "responsible_facilitation": "Järjestön kehittäjä",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Perustelut jäävät" in body and "Koulu X" in body and "Järjestön kehittäjä" in body
    assert f'<option value="{net.member.pk}" selected>' in body
    response = client.post(
        url("decide", net.initiative.pk),
        {"kind": "forward", "reasons": "Neuvostolle", "forward_to": council.pk},
    )
    assert response.status_code == 302
    assert Decision.objects.get().forwarded_to == council


# Decisions of other bodies ----------------------------------------------------------------------------------


@pytest.fixture
def sent(net):
    initiative = services.initiative_create(
        actor=net.collector,
        phenomenon=net.phenomenon,
        proposal="local_action",
        rationale="Rehtorille yhteisölliseen opiskeluhuoltoon",
        other_body="Nokian yläkoulun rehtori",
    )
    return initiative


def test_other_body_decision_recorded_by_sender_with_document_and_fed_back(net, sent):
    record = services.other_decision_record(
        actor=net.collector,
        initiative=sent,
        kind="local_action",
        decided_on=timezone.localdate(),
        summary="Koulu järjestää iltapäivätoimintaa.",
        upload=SimpleUploadedFile("päätös.pdf", PDF),
    )
    sent.refresh_from_db()
    assert sent.status == Initiative.Status.DECIDED and record.content_type == "application/pdf"
    assert record.original_name == "päätös.pdf"
    # Told as a steering group's decision is: the author of the observation hears it.
    note = Notification.objects.get(recipient=net.observation.author, verb="decision")
    assert "Nokian yläkoulun rehtori" in note.text
    assert AuditEvent.objects.filter(action="initiative.other_decision", object_id=str(sent.pk)).exists()
    with pytest.raises(ConflictError):
        services.other_decision_record(
            actor=net.collector, initiative=sent, kind="reject", decided_on=timezone.localdate(), summary="x"
        )


def test_other_body_decision_refused_for_others_and_bad_input(net, sent):
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        services.other_decision_record(
            actor=net.chair, initiative=sent, kind="reject", decided_on=today, summary="x"
        )
    with pytest.raises(DomainError) as exc:
        services.other_decision_record(actor=net.collector, initiative=sent, kind="reject", decided_on=today)
    assert exc.value.code == "summary_or_document"
    with pytest.raises(DomainError) as exc:
        services.other_decision_record(
            actor=net.collector,
            initiative=sent,
            kind="reject",
            decided_on=today,
            upload=SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf"),
        )
    assert exc.value.code == "file_type"
    with pytest.raises(DomainError) as exc:
        services.other_decision_record(
            actor=net.collector, initiative=sent, kind="forward", decided_on=today, summary="x"
        )
    assert exc.value.code == "kind"
    with pytest.raises(DomainError) as exc:
        services.other_decision_record(
            actor=net.collector,
            initiative=sent,
            kind="reject",
            decided_on=today + datetime.timedelta(days=2),
            summary="x",
        )
    assert exc.value.code == "decided_on_future"
    with pytest.raises(PermissionDenied):
        # An initiative to a steering group is decided by the group, not here.
        services.other_decision_record(
            actor=net.collector, initiative=net.initiative, kind="reject", decided_on=today, summary="x"
        )
    assert not OtherBodyDecision.objects.exists()


def test_other_decision_page_for_sender_and_document_download(client, net, sent):
    client.force_login(net.collector)
    detail = client.get(url("initiative_detail", sent.pk)).content.decode()
    assert url("other_decision", sent.pk) in detail
    assert client.get(url("other_decision", sent.pk)).status_code == 200
    response = client.post(
        url("other_decision", sent.pk),
        {"kind": "information", "decided_on": "", "summary": "Tiedoksi koulun johtoryhmälle"},
    )
    assert response.status_code == 400 and "Tiedoksi koulun johtoryhmälle" in response.content.decode()
    response = client.post(
        url("other_decision", sent.pk),
        {
            "kind": "information",
            "decided_on": timezone.localdate().isoformat(),
            "summary": "Tiedoksi koulun johtoryhmälle",
            "document": SimpleUploadedFile("muistio.pdf", PDF),
        },
    )
    assert response.status_code == 302
    detail = client.get(url("initiative_detail", sent.pk)).content.decode()
    assert "Tiedoksi koulun johtoryhmälle" in detail and url("other_decision_document", sent.pk) in detail
    download = client.get(url("other_decision_document", sent.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")


def test_other_decision_pages_denied(client, net, sent):
    assert client.get(url("other_decision", sent.pk)).status_code == 302
    client.force_login(net.outsider)
    assert client.get(url("other_decision", sent.pk)).status_code == 404
    assert client.get(url("other_decision_document", sent.pk)).status_code == 404
    client.force_login(net.chair)  # reads the initiative, did not send it
    assert client.get(url("other_decision", sent.pk)).status_code == 403
    assert client.get(url("other_decision_document", sent.pk)).status_code == 404  # nothing recorded yet


# Local actions ---------------------------------------------------------------------------------------------


def test_local_action_with_a_new_working_group_makes_members_and_tells_them(net):
    doer = MembershipFactory(group=net.local).user
    decision = services.decision_record(
        actor=net.secretary,
        initiative=net.initiative,
        kind="local_action",
        reasons="Paikallinen toimi",
        new_working_group="Iltatoiminnan työryhmä",
        responsible_users=[doer],
    )
    group = decision.working_group
    assert (
        group.name == "Iltatoiminnan työryhmä" and group.parent == net.local and group.kind == "working_group"
    )
    assert Membership.objects.current().filter(group=group, user=doer).exists()
    note = Notification.objects.get(recipient=doer, verb="decision.working_group")
    assert (
        note.url.endswith(f"/local-actions/{decision.pk}/report/")
        and note.key == f"decision.working_group:{decision.pk}"
    )
    assert AuditEvent.objects.filter(action="group.create", object_id=str(group.pk)).exists()


def test_local_action_refuses_both_a_group_and_a_new_one(net):
    with pytest.raises(DomainError) as exc:
        services.decision_record(
            actor=net.secretary,
            initiative=net.initiative,
            kind="local_action",
            reasons="x",
            working_group=net.working,
            new_working_group="Uusi",
        )
    assert exc.value.code == "working_group_both"


@pytest.fixture
def local_action(net):
    worker = MembershipFactory(group=net.working).user
    decision = services.decision_record(
        actor=net.secretary,
        initiative=net.initiative,
        kind="local_action",
        reasons="Työryhmä hoitaa",
        working_group=net.working,
    )
    return decision, worker


def test_working_group_reports_and_it_feeds_back_until_done(net, local_action):
    decision, worker = local_action
    assert Notification.objects.filter(recipient=worker, verb="decision.working_group").count() == 1
    services.local_action_report(actor=worker, decision=decision, done=False, what_happened="Aloitettu")
    services.local_action_report(actor=worker, decision=decision, done=True, what_happened="Valmis")
    assert list(LocalActionReport.objects.order_by("pk").values_list("done", flat=True)) == [False, True]
    texts = list(
        Notification.objects.filter(recipient=net.observation.author, verb="decision").values_list(
            "text", flat=True
        )
    )
    assert any("paikallinen toimenpide on tehty" in t for t in texts)
    assert (
        AuditEvent.objects.filter(
            action="initiative.local_action_report", object_id=str(net.initiative.pk)
        ).count()
        == 2
    )
    with pytest.raises(ConflictError):
        services.local_action_report(actor=worker, decision=decision, done=True, what_happened="Taas")
    with pytest.raises(PermissionDenied):
        services.local_action_report(actor=net.member, decision=decision, done=False, what_happened="x")


def test_local_action_report_page_for_working_group_member(client, net, local_action):
    decision, worker = local_action
    client.force_login(worker)
    assert client.get(url("local_action_report", decision.pk)).status_code == 200
    response = client.post(url("local_action_report", decision.pk), {"what_happened": ""})
    assert response.status_code == 400
    response = client.post(
        url("local_action_report", decision.pk), {"what_happened": "Kerho aloitti", "done": "on"}
    )
    assert response.status_code == 302
    detail = client.get(url("initiative_detail", net.initiative.pk)).content.decode()
    assert "Kerho aloitti" in detail and "reported the local action done" in detail


def test_local_action_report_page_denied(client, net, local_action):
    decision, _worker = local_action
    assert client.get(url("local_action_report", decision.pk)).status_code == 302
    client.force_login(net.member)  # reads the initiative, not in the working group
    assert client.get(url("local_action_report", decision.pk)).status_code == 403
    assert client.post(url("local_action_report", decision.pk), {"what_happened": "x"}).status_code == 403
    client.force_login(net.outsider)
    assert client.get(url("local_action_report", decision.pk)).status_code == 404
    rep = MembershipFactory(group=net.working, role=Membership.Role.CLIENT_REPRESENTATIVE).user
    client.force_login(rep)
    assert client.get(url("local_action_report", decision.pk)).status_code == 403
    assert not LocalActionReport.objects.exists()


def test_initiative_detail_query_count_does_not_grow_with_reports(
    client, net, local_action, django_assert_max_num_queries
):
    decision, worker = local_action
    services.local_action_report(actor=worker, decision=decision, done=False, what_happened="Alku")
    client.force_login(net.secretary)
    with django_assert_max_num_queries(60) as few:
        assert client.get(url("initiative_detail", net.initiative.pk)).status_code == 200
    for n in range(5):
        services.local_action_report(actor=worker, decision=decision, done=False, what_happened=f"Vaihe {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url("initiative_detail", net.initiative.pk)).content.decode()
    assert "Vaihe 4" in body


def test_the_initiative_history_shows_another_bodys_decision_and_the_working_groups_reports(
    net, sent, local_action
):
    from django.utils import translation

    from phenomena.selectors import initiative_history

    services.other_decision_record(
        actor=net.collector,
        initiative=sent,
        kind="local_action",
        decided_on=timezone.localdate(),
        summary="Koulu järjestää iltapäivätoimintaa.",
    )
    decision, worker = local_action
    services.local_action_report(actor=worker, decision=decision, done=False, what_happened="Aloitettu")
    services.local_action_report(actor=worker, decision=decision, done=True, what_happened="Valmis")
    with translation.override("en"):
        other = [row["text"] for row in initiative_history(sent)]
        local = [row["text"] for row in initiative_history(net.initiative)]
    assert "Decision of Nokian yläkoulun rehtori recorded" in other
    assert "The working group reported on the local action" in local
    assert "The working group reported the local action done" in local
    # Oldest first: the report in progress before the one that says it is done.
    assert local.index("The working group reported on the local action") < local.index(
        "The working group reported the local action done"
    )
