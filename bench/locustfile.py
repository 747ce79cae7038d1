"""The users of the load test (`bench/load.py` starts Locust with this file; see bench/README.md).

The plan (LOAD_PLAN, a JSON file written by bench/load.py) holds the session keys of the people whose
pages are measured, the URLs and the fields of the two forms. LOAD_PHASE chooses who runs:

- ``mix``: a county at work: professionals logging observations and reading their lists, collectors
  triaging and searching, team members opening the team view, chairs opening an agenda and a minutes PDF,
  families sending the open form and reading their status page;
- ``ceiling``: everyone requests the bare page (same middleware and base template, no queries);
- ``page:<name>``: everyone requests that one page, for its throughput alone;
- ``form``: everyone sends the open form (a fresh ALTCHA challenge solved for each send).

Cookies are sent in a header of our own: the production server names them ``__Host-…`` and marks them
secure, which a client speaking plain HTTP to 127.0.0.1 would otherwise keep to itself.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import os
import random
import re
from pathlib import Path

import gevent
from locust import HttpUser, between, constant, events, task

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
PHASE = os.environ.get("LOAD_PHASE", "mix")
COUNTER = itertools.count(1)

HIDDEN = re.compile(r'<input[^>]*name="(csrfmiddlewaretoken|stamp)"[^>]*value="([^"]*)"')
HIDDEN_REVERSED = re.compile(r'<input[^>]*value="([^"]*)"[^>]*name="(csrfmiddlewaretoken|stamp)"')


def hidden_fields(html: str) -> dict:
    found = {name: value for name, value in HIDDEN.findall(html)}
    found.update({name: value for value, name in HIDDEN_REVERSED.findall(html)})
    return found


def solve(challenge: dict) -> str:
    """ALTCHA proof of work, as the browser widget does it: the number whose SHA-256 with the salt is the
    challenge."""
    salt, target = challenge["salt"], challenge["challenge"]
    for number in range(int(challenge["maxNumber"]) + 1):
        if hashlib.sha256(f"{salt}{number}".encode()).hexdigest() == target:
            payload = {
                "algorithm": challenge["algorithm"],
                "challenge": target,
                "number": number,
                "salt": salt,
                "signature": challenge["signature"],
            }
            return base64.b64encode(json.dumps(payload).encode()).decode()
    raise RuntimeError("ALTCHA challenge without a solution")


def keep_failure(name: str, body: str) -> None:
    """The first refused send of each form is kept beside the statistics, to see why."""
    path = Path(os.environ["LOAD_PLAN"]).with_name(f"refused-{re.sub(r'[^a-z]+', '-', name.lower())}.html")
    if not path.exists():
        path.write_text(body, encoding="utf-8")


def text(kind: str) -> str:
    """A text of the kind with a mark of its own: [run:n] finds each send in the database afterwards."""
    return random.choice(PLAN["texts"][kind]) + f" [{PLAN['run']}:{os.getpid()}-{next(COUNTER)}]"


# The follow-up codes of the sends that got a success page (the redirect to the thanks page), written when
# the run stops: the kill test counts them against the rows in the database.
ACCEPTED: list[str] = []
THANKS = re.compile(r"/kiitos/([^/]+)/")


@events.test_stop.add_listener
def _write_accepted(**_kwargs) -> None:
    target = os.environ.get("LOAD_ACCEPTED")
    if target:
        Path(target).write_text("\n".join(ACCEPTED), encoding="utf-8")


class Visitor(HttpUser):
    abstract = True
    who = ""

    def cookie(self, csrf: str = "") -> dict:
        parts = []
        if self.who:
            parts.append(f"{PLAN['session_cookie']}={PLAN['sessions'][self.who]}")
        if csrf:
            parts.append(f"{PLAN['csrf_cookie']}={csrf}")
        return {"Cookie": "; ".join(parts)} if parts else {}

    def page(self, name: str) -> None:
        entry = PLAN["pages"][name]
        self.who = entry["who"]
        with self.client.get(entry["url"], headers=self.cookie(), name=name, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")

    def send_form(self, url: str, name: str, fields: dict, writing: float = 0) -> bool:
        """GET the form, write for `writing` seconds, POST it with its CSRF token (and stamp); True when it
        was accepted."""
        with self.client.get(url, headers=self.cookie(), name=f"{name} (form)", catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
                return False
            csrf = r.cookies.get(PLAN["csrf_cookie"], "")
            hidden = hidden_fields(r.text)
        if writing:
            gevent.sleep(writing)
        return self.post_form(url, name, {**fields, **hidden}, csrf)

    def post_form(self, url: str, name: str, data: dict, csrf: str) -> bool:
        with self.client.post(
            url, data=data, headers=self.cookie(csrf), name=name, allow_redirects=False, catch_response=True
        ) as r:
            if r.status_code != 302:
                r.failure(f"status {r.status_code}")
                keep_failure(name, r.text)
                return False
            found = THANKS.search(r.headers.get("Location", ""))
            if found:
                ACCEPTED.append(found.group(1))
        return True


class Family(Visitor):
    """Opens the open form, writes for a few seconds, sends it, then reads the status page."""

    weight = 3
    wait_time = between(3, 6)

    @task
    def tell(self) -> None:
        form = PLAN["family_form"]
        challenge = self.client.get(PLAN["altcha_url"], name="ALTCHA challenge").json()
        fields = {**form["fields"], "text": text("family"), "altcha": solve(challenge)}
        # The render stamp refuses a form sent within three seconds of being shown: people take longer.
        self.send_form(form["url"], "family form send", fields, writing=random.uniform(3.5, 8))
        if PLAN["status_urls"]:
            url = random.choice(PLAN["status_urls"])
            self.client.get(url, name="family status page")


class Professional(Visitor):
    weight = 4
    wait_time = between(1, 3)
    who = "author"

    @task(1)
    def log_observation(self) -> None:
        form = PLAN["observation_form"]
        self.send_form(form["url"], "log an observation", {**form["fields"], "text": text("professional")})

    @task(3)
    def my_list(self) -> None:
        self.page("my observations")


class Collector(Visitor):
    weight = 2
    wait_time = between(1, 3)

    @task(3)
    def queue(self) -> None:
        self.page("triage queue")

    @task(2)
    def search(self) -> None:
        self.page(random.choice(["triage search", "triage filtered"]))

    @task(1)
    def phenomena(self) -> None:
        self.page("phenomena list")


class TeamMember(Visitor):
    weight = 2
    wait_time = between(1, 3)

    @task
    def team_view(self) -> None:
        self.page("team view")


class Chair(Visitor):
    weight = 1
    wait_time = between(2, 5)

    @task(3)
    def agenda(self) -> None:
        self.page("meeting page")

    @task(1)
    def minutes(self) -> None:
        self.page("minutes PDF")


class Ceiling(Visitor):
    wait_time = constant(0)

    @task
    def bare(self) -> None:
        self.client.get(PLAN["ceiling_url"], name="ceiling")


class OnePage(Visitor):
    wait_time = constant(0)

    @task
    def one(self) -> None:
        self.page(PHASE.removeprefix("page:"))


class FormOnly(Visitor):
    """Sends the open form over and over with one render stamp (old enough), each send with its own ALTCHA."""

    wait_time = constant(0)

    def on_start(self) -> None:
        form = PLAN["family_form"]
        r = self.client.get(form["url"], name="family form (form)")
        self.csrf = r.cookies.get(PLAN["csrf_cookie"], "")
        self.hidden = hidden_fields(r.text)
        self.hidden["stamp"] = PLAN["old_stamp"]

    @task
    def send(self) -> None:
        form = PLAN["family_form"]
        challenge = self.client.get(PLAN["altcha_url"], name="ALTCHA challenge").json()
        fields = {**form["fields"], **self.hidden, "text": text("family"), "altcha": solve(challenge)}
        self.post_form(form["url"], "family form send", fields, self.csrf)


# Locust runs every non-abstract user class in this module: keep those of the phase.
_PHASES = {
    "mix": [Family, Professional, Collector, TeamMember, Chair],
    "ceiling": [Ceiling],
    "form": [FormOnly],
}
for _cls in (Family, Professional, Collector, TeamMember, Chair, Ceiling, OnePage, FormOnly):
    if _cls not in _PHASES.get(PHASE, [OnePage]):
        _cls.abstract = True
del _cls
