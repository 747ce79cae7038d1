"""The one form mixin and the typed-text field that every app's forms use."""

from __future__ import annotations

from html import escape as html_escape

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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


class FastSelect(forms.Select):
    """A select that writes its options in Python instead of through one template per option. The HTML is
    that of Django's own select; a list of 300 municipalities renders in a fraction of the time."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        built = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            built["multiple"] = True
        parts = [format_html('<select name="{}"{}>', name, flatatt(built))]
        found = False

        def option(option_value, label) -> str:
            nonlocal found
            text = "" if option_value is None else str(option_value)
            selected = text in chosen and (self.allow_multiple_selected or not found)
            found = found or selected
            # The standard library's escape: the same text as Django's, without its check for lazy
            # strings on each of hundreds of calls.
            return f'<option value="{html_escape(text)}"{" selected" if selected else ""}>{html_escape(str(label))}</option>'

        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                parts.append(format_html('<optgroup label="{}">', option_value))
                parts.extend(option(v, sub) for v, sub in label)
                parts.append("</optgroup>")
            else:
                parts.append(option(option_value, label))
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value and label above is escaped


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    """FastSelect for a multiple choice: a list of the network's professionals (thousands) to pick from."""
