"""Helpers shared by this package's modules only."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.pii import personal_data_kinds
from core.text import clean_input

from ..models import Member, Representative


def clean(value, limit: int = 5_000) -> str:
    return clean_input(value, limit=limit)


def refuse_personal_data(*texts: str, code: str = "personal_data") -> None:
    """Text shown on the public pages must not identify people (names of members' representatives,
    phone numbers, emails, identity codes, street addresses, personal names)."""
    for text in texts:
        if text and personal_data_kinds(text):
            raise DomainError(
                _(
                    "The text seems to contain personal data (a name, a phone number, an email address, "
                    "an identity code or a street address). It is shown publicly: remove the personal data."
                ),
                code=code,
            )


def member_users(members):
    """Active accounts of the current representatives of `members`."""
    reps = Representative.objects.current().filter(member__in=members, user__isnull=False).values("user_id")
    return get_user_model().objects.filter(pk__in=reps, is_active=True)


def member_emails(member: Member) -> list[str]:
    """The member's own address and its current representatives' addresses, once each."""
    seen: list[str] = []
    for email in [member.email, *member.representatives.current().values_list("email", flat=True)]:
        email = (email or "").strip().lower()
        if email and email not in seen:
            seen.append(email)
    return seen
