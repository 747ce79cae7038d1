"""Fixtures of the indicators tests: a small Pirkanmaa (the county with Sotkanet id 970 and three
municipalities), the recorded sample files, and a local HTTP server that serves them in the sources'
shapes (the live APIs are not reachable from tests)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest

DATA = Path(__file__).resolve().parent / "data"


def sample(name: str) -> bytes:
    return (DATA / name).read_bytes()


@pytest.fixture
def pirkanmaa(db):
    from familycentres.models import Area
    from familycentres.tests.factories import FamilyCentreFactory

    county = Area.objects.create(
        kind="wellbeing_county", code="08", name_fi="Pirkanmaa", name_sv="Birkaland", sotkanet_region_id=970
    )
    tampere = Area.objects.create(
        kind="municipality", code="837", name_fi="Tampere", name_sv="Tammerfors", parent=county
    )
    akaa = Area.objects.create(kind="municipality", code="020", name_fi="Akaa", name_sv="Akaa", parent=county)
    nokia = Area.objects.create(
        kind="municipality", code="536", name_fi="Nokia", name_sv="Nokia", parent=county
    )
    centre = FamilyCentreFactory(wellbeing_county=county, municipalities=[tampere])
    return SimpleNamespace(county=county, tampere=tampere, akaa=akaa, nokia=nokia, centre=centre)


@pytest.fixture
def sotkanet_ready(pirkanmaa):
    """Regions matched to Sotkanet's ids and the default package in the catalogue."""
    from indicators.services.catalogue import default_package_ensure
    from indicators.services.imports import recorded_run
    from indicators.services.regions import sotkanet_regions_apply

    items = json.loads(sample("sotkanet-regions.json"))
    run = recorded_run(
        source="sotkanet", kind="regions", actor=None, body=lambda r: sotkanet_regions_apply(r, items)
    )
    assert run.status == "succeeded", run.error
    default_package_ensure()
    return pirkanmaa


@pytest.fixture
def people(pirkanmaa):
    from accounts.tests.factories import UserFactory
    from familycentres.models import Membership
    from familycentres.tests.factories import GroupFactory, MembershipFactory

    group = GroupFactory(family_centre=pirkanmaa.centre)
    collector = UserFactory()
    MembershipFactory(group=group, user=collector, role=Membership.Role.COLLECTOR)
    member = UserFactory()
    MembershipFactory(group=group, user=member, role=Membership.Role.MEMBER)
    limited = UserFactory()
    MembershipFactory(group=group, user=limited, role=Membership.Role.CLIENT_REPRESENTATIVE)
    return SimpleNamespace(
        collector=collector,
        member=member,
        limited=limited,
        outsider=UserFactory(),
        admin=UserFactory(staff=True),
        group=group,
    )


class SourceServer:
    """Serves the sample files at Sotkanet's and PxWeb's paths; `fail` makes every answer an error."""

    def __init__(self):
        self.fail: int | None = None
        self.delay = 0.0
        self.requests: list[tuple[str, str, dict]] = []
        self.routes: dict[str, bytes] = {
            "/rest/1.1/regions": sample("sotkanet-regions.json"),
            "/rest/1.1/indicators": sample("sotkanet-indicators.json"),
            "/rest/1.1/indicators/1086": sample("sotkanet-indicator-1086.json"),
            "/rest/1.1/json?1086": sample("sotkanet-1086.json"),
            "/PxWeb/api/v1/fi/StatFin/vaerak/11ra.px": sample("statfin-vaesto.json"),
        }
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, body_in: bytes = b""):
                import time

                parts = urlsplit(self.path)
                server.requests.append((self.command, self.path, dict(self.headers)))
                if server.delay:
                    time.sleep(server.delay)
                # Like Sotkanet: no User-Agent, no data.
                if not self.headers.get("User-Agent"):
                    self.send_response(403)
                    self.end_headers()
                    return
                if server.fail:
                    self.send_response(server.fail)
                    self.end_headers()
                    return
                key = parts.path
                if parts.path.endswith("/json"):
                    key = f"{parts.path}?{parse_qs(parts.query).get('indicator', [''])[0]}"
                body = server.routes.get(key)
                if body is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                self._answer()

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                self._answer(self.rfile.read(length))

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def source_server(settings):
    server = SourceServer()
    settings.SOTKANET_BASE_URL = f"{server.url}/rest/1.1"
    settings.STATFIN_BASE_URL = f"{server.url}/PxWeb/api/v1"
    settings.INDICATORS_HTTP_BACKOFF = 0.01
    settings.INDICATORS_HTTP_RETRIES = 2
    settings.INDICATORS_HTTP_TIMEOUT = 2
    yield server
    server.close()
