"""Administrators' GDPR procedures: export a person's data, or erase (anonymise) their account.

manage.py gdpr export person@example.fi > person.json
manage.py gdpr erase person@example.fi            (asks for confirmation; --yes skips it)
"""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from accounts.selectors import personal_data_export
from accounts.services import gdpr
from core.errors import DomainError


class Command(BaseCommand):
    help = "Export a person's data as JSON, or erase (anonymise) their account."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="erase without asking")

    def handle(self, *args, action, email, yes, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the email {email}.")
        if action == "export":
            self.stdout.write(
                json.dumps(personal_data_export(user), ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)
            )
            return
        if not yes and input(f"Erase the account of {user.email}? Type yes: ").strip() != "yes":
            raise CommandError("Not erased.")
        try:
            gdpr.account_erase(actor=None, user=user)
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(f"Erased: the account is now {gdpr.pseudonym(user)}.")
