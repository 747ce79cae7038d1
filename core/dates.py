"""Bounds for dates people type: nothing before 1900, nothing far in the future.

One validator for forms (Django) and serializers (DRF runs Django validators too), so that a typo such
as 0001-01-01 or 9999-12-31 is refused with the same message everywhere."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

EARLIEST_DATE = datetime.date(1900, 1, 1)
# How far ahead a planned date (a meeting, a due date) may be.
MAX_YEARS_AHEAD = 10


def latest_date() -> datetime.date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year + MAX_YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + MAX_YEARS_AHEAD, day=28)


def date_out_of_range(value) -> str | None:
    """A translated message when the date (or a datetime's date) is out of bounds, else None."""
    if value is None:
        return None
    day = value.date() if isinstance(value, datetime.datetime) else value
    if day < EARLIEST_DATE:
        return _("The date cannot be earlier than %(date)s.") % {"date": date_format(EARLIEST_DATE)}
    if day > latest_date():
        return _("The date cannot be later than %(date)s.") % {"date": date_format(latest_date())}
    return None


def validate_reasonable_date(value) -> None:
    message = date_out_of_range(value)
    if message:
        raise ValidationError(message, code="date_out_of_range")


def display_date(value) -> str:
    """A date as the active language writes it (1.12.2026 in fi and sv): for texts that are stored or sent,
    where templates' |date filters do not reach. Never an ISO date."""
    return date_format(value, "SHORT_DATE_FORMAT")


def display_datetime(value) -> str:
    """A moment in local time as the active language writes it (1.12.2026 klo 18.18 in fi)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "SHORT_DATETIME_FORMAT")
