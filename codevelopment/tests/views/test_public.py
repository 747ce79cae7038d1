from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from codevelopment.models import DevelopmentProcess
from codevelopment.tests.factories import ProcessUpdateFactory, StageChangeFactory
from codevelopment.tests.reach_data import opened_process
from familycentres.models import Area, Group
from familycentres.tests.factories import AreaFactory, FamilyCentreFactory
from phenomena.models import Phenomenon

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def tree():
    county = AreaFactory(kind=Area.Kind.WELLBEING_COUNTY, parent=None)
    region = AreaFactory(kind=Area.Kind.REGION, parent=county)
    other_region = AreaFactory(kind=Area.Kind.REGION, parent=county)
    municipality = AreaFactory(kind=Area.Kind.MUNICIPALITY, parent=region)
    centre = FamilyCentreFactory(slug="kuopio", wellbeing_county=county, municipalities=[municipality])
    return {
        "county": county,
        "region": region,
        "other_region": other_region,
        "municipality": municipality,
        "centre": centre,
    }


def _local_process(centre):
    process = opened_process()
    Group.objects.filter(pk=process.group_id).update(family_centre=centre)
    return process


def _wide_process(scope, area, phenomenon_centre=None):
    process = opened_process(scope=scope)
    Group.objects.filter(pk=process.group_id).update(family_centre=None, area=area)
    if phenomenon_centre is not None:
        Phenomenon.objects.filter(pk=process.phenomenon_id).update(family_centre=phenomenon_centre)
    return process


def _url(centre, lang="fi"):
    with translation.override(lang):
        return reverse("codevelopment:public", args=[centre.slug])


def _feed_url(centre, lang="fi"):
    with translation.override(lang):
        return reverse("codevelopment:public_feed", args=[centre.slug])


def test_page_shows_the_centres_and_wide_processes_only(client, tree):
    centre = tree["centre"]
    own = _local_process(centre)
    by_phenomenon = opened_process()
    Phenomenon.objects.filter(pk=by_phenomenon.phenomenon_id).update(family_centre=centre)
    county_wide = _wide_process("county", tree["county"])
    regional = _wide_process("region", tree["region"])
    other_region = _wide_process("region", tree["other_region"])
    other_centre = opened_process()

    response = client.get(_url(centre))
    assert response.status_code == 200
    shown = {p.pk for p in response.context["page"].object_list}
    assert shown == {own.pk, by_phenomenon.pk, county_wide.pk, regional.pk}
    assert other_region.pk not in shown and other_centre.pk not in shown


def test_page_shows_stage_timeline_and_latest_public_update_only(client, tree):
    process = _local_process(tree["centre"])
    StageChangeFactory(process=process, stage="designing", changed_by=process.chair)
    DevelopmentProcess.objects.filter(pk=process.pk).update(stage="designing")
    ProcessUpdateFactory(process=process, title="Vanha julkinen", body="vanha", is_public=True)
    ProcessUpdateFactory(process=process, title="Uusi julkinen", body="Kerhot alkavat.", is_public=True)
    ProcessUpdateFactory(process=process, title="Salainen luonnos", body="sisäinen", is_public=False)

    response = client.get(_url(tree["centre"]))
    html = response.content.decode()
    (shown,) = response.context["page"].object_list
    assert [c.stage for c in shown.timeline] == ["understanding", "designing"]
    assert shown.public_update_title == "Uusi julkinen"
    assert "Uusi julkinen" in html and "Kerhot alkavat." in html
    assert "Salainen luonnos" not in html and "sisäinen" not in html and "Vanha julkinen" not in html
    assert process.group.name in html and process.phenomenon.title in html
    # No personal names: not the coordinator who opened the work nor who changed the stage.
    assert process.chair.full_name not in html
    assert process.chair.email not in html


def test_page_has_feed_link_in_head(client, tree):
    response = client.get(_url(tree["centre"], "sv"))
    html = response.content.decode()
    head = html.split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml"' in head
    assert _feed_url(tree["centre"], "sv") in head


def test_empty_state_and_unknown_centre(client, tree):
    response = client.get(_url(tree["centre"]))
    assert response.status_code == 200
    assert b'class="empty"' in response.content
    assert client.get("/fi/kehitamme/no-such-centre/").status_code == 404
    assert client.get("/fi/kehitamme/no-such-centre/feed/").status_code == 404
    assert client.post(_url(tree["centre"])).status_code == 405


def test_pagination(client, tree):
    for _ in range(22):
        _local_process(tree["centre"])
    response = client.get(_url(tree["centre"]))
    assert len(response.context["page"].object_list) == 20
    assert response.context["page"].paginator.num_pages == 2
    response = client.get(_url(tree["centre"]) + "?page=2")
    assert len(response.context["page"].object_list) == 2
    assert client.get(_url(tree["centre"]) + "?page=x").status_code == 200


def test_page_query_count_constant(client, tree):
    centre = tree["centre"]
    _local_process(centre)
    with CaptureQueriesContext(connection) as few:
        client.get(_url(centre))
    for i in range(5):
        process = _local_process(centre) if i % 2 else _wide_process("county", tree["county"])
        StageChangeFactory(process=process, stage="designing")
        ProcessUpdateFactory(process=process, title=f"Päivitys {i}", body="x", is_public=True)
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url(centre))
    assert len(response.context["page"].object_list) == 6
    assert len(many) == len(few)


def _parse_feed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_feed_is_atom_with_public_updates_and_stage_changes(client, tree):
    centre = tree["centre"]
    process = _local_process(centre)
    StageChangeFactory(process=process, stage="designing", changed_by=process.chair)
    ProcessUpdateFactory(
        process=process, title="Julkinen uutinen", body="Kerhot <b>alkavat</b>.", is_public=True
    )
    ProcessUpdateFactory(process=process, title="Salainen luonnos", body="sisäinen", is_public=False)
    elsewhere = opened_process()
    ProcessUpdateFactory(process=elsewhere, title="Toisen keskuksen uutinen", body="x", is_public=True)

    root = _parse_feed(client.get(_feed_url(centre)))
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fi"
    entries = root.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    # The start (understanding, written when the group was opened), the move to designing, the public update.
    assert len(entries) == 3
    assert f"{process.group.name}: Julkinen uutinen" in titles
    assert any("suunnittelu" in t.lower() or "designing" in t.lower() for t in titles)
    ids = {e.findtext(f"{ATOM}id") for e in entries}
    assert len(ids) == 3 and all(i.startswith("http://testserver/fi/kehitamme/kuopio/#") for i in ids)
    summaries = [e.findtext(f"{ATOM}summary") for e in entries]
    # The typed text is plain text: as HTML its tags are escaped, not markup.
    assert "Kerhot &lt;b&gt;alkavat&lt;/b&gt;." in summaries
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        assert link.endswith(f"{_url(centre)}#process-{process.pk}")
    body = client.get(_feed_url(centre)).content.decode()
    assert "Salainen" not in body and "sisäinen" not in body and "Toisen keskuksen" not in body
    assert process.chair.full_name not in body


def test_feed_in_page_language(client, tree):
    root = _parse_feed(client.get(_feed_url(tree["centre"], "sv")))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "sv"
    assert tree["centre"].name_sv in root.findtext(f"{ATOM}title")
    assert root.findall(f"{ATOM}entry") == []


def test_feed_query_count_constant(client, tree):
    centre = tree["centre"]
    process = _local_process(centre)
    ProcessUpdateFactory(process=process, title="a", body="x", is_public=True)
    client.get(_feed_url(centre))  # the first request caches the current site
    with CaptureQueriesContext(connection) as few:
        client.get(_feed_url(centre))
    for i in range(5):
        other = _local_process(centre)
        StageChangeFactory(process=other, stage="designing")
        ProcessUpdateFactory(process=other, title=f"b{i}", body="x", is_public=True)
    with CaptureQueriesContext(connection) as many:
        root = _parse_feed(client.get(_feed_url(centre)))
    # Each process: its start, its move to designing (not the first one) and one update.
    assert len(root.findall(f"{ATOM}entry")) == 17
    assert len(many) == len(few)


def test_register_and_centre_page_link_here(client, tree, user):
    centre = tree["centre"]
    response = client.get(reverse("phenomena:register_centre", args=[centre.slug]))
    assert _url(centre).encode() in response.content
    client.force_login(user)
    response = client.get(reverse("familycentres:centre_detail", args=[centre.slug]))
    assert _url(centre).encode() in response.content
