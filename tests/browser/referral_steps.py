"""Set-up and browser steps for the matters sent down to the local teams, the named analyser's analysis,
who is at the table and a developer group's contact list."""

from __future__ import annotations

from datetime import timedelta


def down(net):
    """The chair coordinates the county group (and so sends matters down); three local teams (the
    network's own and two more), each with a professional and an upcoming meeting; one matter sent to all
    three, answered by the second team. Made once per test network."""
    if getattr(net, "referral", None) is not None:
        return net
    from django.utils import timezone

    from accounts.tests.factories import UserFactory
    from familycentres.models import Group, Membership
    from familycentres.tests.factories import GroupFactory, MeetingFactory, MembershipFactory
    from phenomena import referral_services

    MembershipFactory(group=net.county_group, user=net.chair, role=Membership.Role.COORDINATOR)
    now = timezone.now().replace(second=0, microsecond=0)
    net.teams = [net.team]
    net.team_members = [net.member]
    net.team_meetings = [
        MeetingFactory(group=net.team, title="Petosen tiimin tapaaminen", starts_at=now + timedelta(days=6))
    ]
    for name, person in (
        ("Männistön perhekeskustiimi", "Maija Männistö"),
        ("Neulamäen perhekeskustiimi", "Niko Neulamäki"),
    ):
        team = GroupFactory(
            name=name,
            kind=Group.Kind.LOCAL_TEAM,
            level=Group.Level.LOCAL,
            family_centre=net.centre,
            parent=net.steering,
        )
        user = UserFactory(full_name=person, email=f"{person.split()[0].lower()}@example.test")
        MembershipFactory(group=team, user=user, role=Membership.Role.MEMBER)
        net.teams.append(team)
        net.team_members.append(user)
        net.team_meetings.append(
            MeetingFactory(group=team, title=f"{name}: tapaaminen", starts_at=now + timedelta(days=8))
        )
    net.referral = referral_services.referral_send(
        actor=net.chair,
        sender=net.county_group,
        subject="question",
        title="Iltapäivätoiminnan riittävyys",
        question="Riittävätkö iltapäiväkerhojen paikat alueellanne?",
        teams=net.teams,
    )
    answers = {a.team_id: a for a in net.referral.answers.all()}
    net.open_answer = answers[net.team.pk]
    referral_services.referral_answer(
        actor=net.team_members[1], answer=answers[net.teams[1].pk], text="Paikat eivät riitä syksyllä."
    )
    return net


def referral_list(net) -> str:
    return f"/groups/{down(net).county_group.pk}/referrals/"


def referral_create(net) -> str:
    return f"/groups/{down(net).county_group.pk}/referrals/new/"


def referral_detail(net) -> str:
    return f"/referrals/{down(net).referral.pk}/"


def referral_answer(net) -> str:
    return f"/referrals/answers/{down(net).open_answer.pk}/"


def team_meeting(net) -> str:
    return f"/network/meetings/{down(net).team_meetings[0].pk}/"


def failed_submit(page, net) -> None:
    """Submits the form empty, the way a browser without client-side validation would."""
    page.eval_on_selector("main form", "f => { f.noValidate = true; }")
    page.locator("main form textarea").first.fill("")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def analysed(net):
    """A phenomenon the member was named to analyse, with an invited colleague and a comment."""
    if getattr(net, "analysed", None) is not None:
        return net.analysed
    from familycentres.models import Membership
    from familycentres.tests.factories import MembershipFactory
    from phenomena import analysis_services, services

    phenomenon = services.phenomenon_create(
        actor=net.chair,
        title="Ekaluokkalaisten yksinäiset iltapäivät",
        description="Havaintoja iltapäivistä.",
        kind="concern",
        scale="family_centre_area",
        analyser_kind="person",
        analyser_user=net.member,
        family_centre=net.centre,
    )
    colleague = MembershipFactory(group=net.team, role=Membership.Role.MEMBER).user
    analysis_services.analysis_contributors_invite(
        actor=net.member, phenomenon=phenomenon, user_ids=[colleague.pk]
    )
    analysis_services.phenomenon_comment_add(
        actor=colleague, phenomenon=phenomenon, text="Sama näkyy koulussa."
    )
    net.analysed = phenomenon
    return phenomenon


def phenomenon_with_discussion(net) -> str:
    return f"/phenomena/{analysed(net).pk}/"


def people_to_find(net):
    """Two professionals of the network the analyser may invite, found by the picker's search."""
    if getattr(net, "findable", None) is None:
        from familycentres.models import Membership
        from familycentres.tests.factories import MembershipFactory, OrganisationFactory

        parish = OrganisationFactory(name="Kuopion seurakunta")
        net.findable = [
            MembershipFactory(
                group=net.team,
                role=Membership.Role.MEMBER,
                organisation=parish,
                user__full_name="Kerttu Kutsuttava",
                user__title="diakoni",
            ).user,
            MembershipFactory(group=net.team, role=Membership.Role.MEMBER, user__full_name="Kerttu Muu").user,
        ]
    return net.findable


def search_people(page, net) -> None:
    """Types into the people picker of the analysis and moves to the first option, the list open."""
    people_to_find(net)
    field = page.locator("#invite-people-q")
    field.press_sequentially("Kerttu", delay=30)
    page.locator("#invite-people-options [role=option]").nth(1).wait_for()
    field.press("ArrowDown")


def analysis_form(net) -> str:
    return f"/phenomena/{analysed(net).pk}/analysis/"


def representation(net) -> str:
    return "/network/groups/representation/"


def contacts(net) -> str:
    if getattr(net, "process", None) is None:
        from codevelopment.tests.factories import DevelopmentProcessFactory
        from familycentres.models import Membership
        from familycentres.tests.factories import MembershipFactory

        net.process = DevelopmentProcessFactory()
        MembershipFactory(group=net.process.group, user=net.member, role=Membership.Role.MEMBER)
    return f"/codevelopment/{net.process.pk}/contacts/"
