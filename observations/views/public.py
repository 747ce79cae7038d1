"""Placeholder views, replaced by the real pages."""

from django.http import Http404


def form(request, *args, **kwargs):
    raise Http404


def thanks(request, *args, **kwargs):
    raise Http404


def lookup(request, *args, **kwargs):
    raise Http404


def status(request, *args, **kwargs):
    raise Http404
