"""The one form mixin and the typed-text field that every app's forms use."""

from __future__ import annotations

from django import forms

from .errors import DomainError
from .text import strip_controls


class CleanCharField(forms.CharField):
    """Typed text without NUL characters (PostgreSQL cannot store them) or bidirectional-override
    controls (they make text display differently from what it is)."""

    def to_python(self, value):
        value = super().to_python(value)
        return strip_controls(value) if isinstance(value, str) else value


class DomainErrorMixin:
    """Lets a page show a service's refusal beside the field it concerns.

    `domain_error_fields` maps a DomainError's `code` to a field name; an unknown code, or a field the
    form does not have, becomes an error of the whole form.
    """

    domain_error_fields: dict[str, str] = {}

    def add_domain_error(self, exc: DomainError) -> None:
        field = self.domain_error_fields.get(exc.code)
        self.add_error(field if field in self.fields else None, exc.message)  # type: ignore[attr-defined]
