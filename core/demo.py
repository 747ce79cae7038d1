"""The demo network, loaded app by app: every app's `demo.py` has `load(ctx)`, and `manage.py seed_demo`
runs them in the order of the DEMO_LOADERS setting inside one transaction.

A loader is idempotent: it looks every row up by its natural key and creates only what is missing, so
`make run` can load the demo on every start without undoing what people changed while trying it. A
loader finds what lower apps made in `ctx` (a dict shared by the loaders of one run) or, when it runs on
its own, in the database.
"""

from __future__ import annotations

from datetime import date, datetime
from importlib import import_module
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.utils import timezone

# SECURITY: public (the README prints it); seed_demo sets it only where DEMO_MODE is on.
DEMO_PASSWORD = "ilmio-demo-2026"
HELSINKI = ZoneInfo("Europe/Helsinki")


def clock() -> datetime:
    """The moment the demo is loaded at; a function so that tests can move the calendar."""
    return timezone.now()


class DemoContext(dict):
    """What the loaders of one run share: `stdout`, `now` (aware), `with_passwords`, the counts of created
    rows for the report, the demo logins to print, and (as a dict) the objects one loader leaves for the
    next ones (`ctx["users"]`, `ctx["groups"]`…)."""

    def __init__(self, *, stdout, now: datetime | None = None, with_passwords: bool = True, style=None):
        super().__init__()
        self.stdout = stdout
        self.now = now or clock()
        self.with_passwords = with_passwords
        self.style = style
        self.created: dict[str, int] = {}
        self.logins: list[tuple[str, str]] = []  # (email, what the account shows off)

    def today(self) -> date:
        """The day of `now` in Helsinki: meeting dates are relative to it."""
        return timezone.localtime(self.now, HELSINKI).date()

    def count(self, label: str, created: bool = True) -> None:
        if created:
            self.created[label] = self.created.get(label, 0) + 1


def get_or_create(model, lookup: dict, defaults: dict):
    """Like get_or_create, but tolerates duplicates an administrator may have made on a non-unique
    natural key (the oldest row wins) instead of failing the whole load."""
    obj = model.objects.filter(**lookup).order_by("pk").first()
    if obj is not None:
        return obj, False
    return model.objects.create(**lookup, **defaults), True


def installed_loaders(paths: list[str] | None = None) -> list:
    """The `load` functions named in DEMO_LOADERS, in order. A loader of an app that is not installed is
    left out, so an app can be switched off without editing the list."""
    loaders = []
    for path in settings.DEMO_LOADERS if paths is None else paths:
        module_name, _, function = path.rpartition(".")
        if apps.get_containing_app_config(module_name) is None:
            continue
        loaders.append(getattr(import_module(module_name), function))
    return loaders


def run(ctx: DemoContext, paths: list[str] | None = None) -> DemoContext:
    for load in installed_loaders(paths):
        load(ctx)
    return ctx


def report(ctx: DemoContext) -> None:
    """What was created, the demo logins and how to sign in with them."""
    success = ctx.style.SUCCESS if ctx.style is not None else str
    if ctx.created:
        summary = ", ".join(f"{count} {label}" for label, count in ctx.created.items())
        ctx.stdout.write(success(f"Demo network loaded: created {summary}."))
    else:
        ctx.stdout.write(success("Demo network already loaded: nothing to create."))
    if not ctx.logins:
        return
    width = max(len(email) for email, _role in ctx.logins)
    ctx.stdout.write("")
    ctx.stdout.write(f"  {'Demo login':<{width}}  Role")
    for email, role in ctx.logins:
        ctx.stdout.write(f"  {email:<{width}}  {role}")
    ctx.stdout.write("")
    if ctx.with_passwords:
        ctx.stdout.write(f"  Password for every demo account: {DEMO_PASSWORD}")
        ctx.stdout.write("  (set only when an account is created; a changed password is kept)")
    else:
        ctx.stdout.write(
            "  New demo accounts have no usable password: set one with `manage.py changepassword`."
        )
