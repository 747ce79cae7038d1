"""Test factories for accounts. Shared by every app's tests: keep them general."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from accounts.models import User

# One known password for every factory user, so tests can sign in through real login views too.
DEFAULT_PASSWORD = "factory-password-not-secret"


class UserFactory(DjangoModelFactory):
    """An ordinary active professional. `staff=True` gives an administrator."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        staff = factory.Trait(is_staff=True)

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    full_name = factory.Sequence(lambda n: f"Test Person {n}")
    title = ""
    language = "fi"
    is_staff = False
    is_active = True
    password = factory.django.Password(DEFAULT_PASSWORD)


class StaffUserFactory(UserFactory):
    is_staff = True
