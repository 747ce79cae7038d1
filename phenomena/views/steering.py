"""Placeholder views, replaced by the real pages."""

from django.http import Http404


def initiative_detail(request, *args, **kwargs):
    raise Http404


def initiative_withdraw(request, *args, **kwargs):
    raise Http404


def initiative_agenda(request, *args, **kwargs):
    raise Http404


def decide(request, *args, **kwargs):
    raise Http404


def group_queue(request, *args, **kwargs):
    raise Http404


def agenda_pdf(request, *args, **kwargs):
    raise Http404


def minutes_pdf(request, *args, **kwargs):
    raise Http404


def meeting_ics(request, *args, **kwargs):
    raise Http404


def register(request, *args, **kwargs):
    raise Http404
