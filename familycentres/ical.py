"""The iCalendar feed of a group's meetings (RFC 5545), for subscribing in a calendar app."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from .models import Group, Meeting


def meeting_event(meeting: Meeting) -> Event:
    event = Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", meeting.updated_at or timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", f"{meeting.group.name}: {meeting.title}")
    if meeting.location:
        event.add("location", meeting.location)
    if meeting.video_url:
        event.add("url", meeting.video_url)
    event.add("sequence", meeting.sequence)
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    return event


def group_calendar(group: Group) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Ilmiö//Family-centre network//FI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", group.name)
    cal.add("x-wr-timezone", "Europe/Helsinki")
    since = timezone.now() - timedelta(days=365)
    for meeting in group.meetings.filter(starts_at__gte=since).select_related("group").order_by("starts_at"):
        cal.add_component(meeting_event(meeting))
    return cal.to_ical()
