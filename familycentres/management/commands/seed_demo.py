"""Loads the demo network: every app's `demo.py` `load(ctx)` in the order of the DEMO_LOADERS setting,
in one transaction, then prints what was created and the demo logins.

Idempotent: every row is looked up by its natural key first and created only when missing, so a second
run (the same day or months later) creates and changes nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import demo
from core.demo import DEMO_PASSWORD  # noqa: F401  (the documented demo password, importable from here)


class _Silent:
    def write(self, *args, **kwargs) -> None:
        pass


class Command(BaseCommand):
    help = (
        "Loads the demo network (areas, organisations, family centres, groups, people, meetings). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-passwords",
            action="store_true",
            help="Give new demo accounts unusable passwords (required when DEMO_MODE is off).",
        )

    def handle(self, *args, **options):
        with_passwords = not options["no_passwords"]
        # SECURITY: the shared demo password is public (it is in the README); it must never be set on
        # an installation that is not a demo.
        if with_passwords and not settings.DEMO_MODE:
            raise CommandError(
                "DEMO_MODE is off, so the shared demo password will not be set. "
                "Run with --no-passwords to load the demo network with unusable passwords."
            )
        # At verbosity 0 the loaders' progress lines go nowhere, like the report.
        stdout = self.stdout if options["verbosity"] > 0 else _Silent()
        ctx = demo.DemoContext(stdout=stdout, with_passwords=with_passwords, style=self.style)
        with transaction.atomic():
            demo.run(ctx)
        if options["verbosity"] > 0:
            demo.report(ctx)
