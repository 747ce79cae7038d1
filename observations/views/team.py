"""Placeholder views, replaced by the real pages."""

from django.http import Http404


def team_view(request, *args, **kwargs):
    raise Http404


def team_view_pdf(request, *args, **kwargs):
    raise Http404


def review(request, *args, **kwargs):
    raise Http404
