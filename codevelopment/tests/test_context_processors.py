"""The main menu lists the developer groups a person belongs to, so that coordinators and client
representatives find their workspace without a link from an email."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import UserFactory
from codevelopment.models import DevelopmentProcess
from codevelopment.tests.factories import DevelopmentProcessFactory
from familycentres.models import Membership
from familycentres.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _url(process) -> str:
    with translation.override("en"):
        return process.get_absolute_url()


def _menu(client) -> str:
    with translation.override("en"):
        body = client.get(reverse("home")).content.decode()
    return body.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]


def test_client_representative_finds_the_workspace_in_the_menu(client):
    process = DevelopmentProcessFactory(name="Iltapäivien kehittäjäryhmä")
    rep = MembershipFactory(group=process.group, role=Membership.Role.CLIENT_REPRESENTATIVE).user
    client.force_login(rep)

    menu = _menu(client)

    assert "Developer groups" in menu and 'aria-controls="menu-developer-groups"' in menu
    assert f'href="{_url(process)}"' in menu and "Iltapäivien kehittäjäryhmä" in menu
    # A limited account gets no list of every developer group, nor the professionals' work menu.
    with translation.override("en"):
        listing = reverse("codevelopment:list")
    assert f'href="{listing}"' not in menu and 'id="menu-work"' not in menu


def test_menu_leaves_out_other_groups_and_closed_or_ended_work(client):
    mine = DevelopmentProcessFactory(name="Oma ryhmä")
    other = DevelopmentProcessFactory(name="Toinen ryhmä")
    closed = DevelopmentProcessFactory(name="Päättynyt ryhmä")
    DevelopmentProcess.objects.filter(pk=closed.pk).update(stage="closed", closed_at=timezone.now())
    ended = DevelopmentProcessFactory(name="Jätetty ryhmä")
    user = UserFactory()
    MembershipFactory(group=mine.group, user=user, role=Membership.Role.COORDINATOR)
    MembershipFactory(group=closed.group, user=user, role=Membership.Role.MEMBER)
    MembershipFactory(
        group=ended.group, user=user, role=Membership.Role.MEMBER, ended_on=timezone.localdate()
    )
    client.force_login(user)

    menu = _menu(client)

    assert f'href="{_url(mine)}"' in menu
    for process in (other, closed, ended):
        assert f'href="{_url(process)}"' not in menu
    with translation.override("en"):
        listing = reverse("codevelopment:list")
    assert listing in menu  # a professional also finds all developer groups


def test_menu_is_grouped_behind_buttons_that_say_whether_they_are_open(client):
    client.force_login(MembershipFactory(role=Membership.Role.MEMBER).user)

    menu = _menu(client)

    assert menu.count('aria-expanded="false"') >= 4  # "Menu" and the sub-menus
    assert 'aria-controls="main-menu"' in menu and 'aria-controls="menu-network"' in menu
    # Five top entries at most instead of twelve side by side.
    top = menu.split('id="main-menu">', 1)[1]
    depth, entries = 0, 0
    for part in top.split("<")[1:]:
        if part.startswith("ul"):
            depth += 1
        elif part.startswith("/ul"):
            depth -= 1
        elif part.startswith("li") and depth == 0:
            entries += 1
    assert entries <= 5


def test_anonymous_menu_runs_no_developer_group_query(client, django_assert_num_queries):
    with translation.override("en"):
        url = reverse("accessibility")
    with django_assert_num_queries(0):
        client.get(url)
