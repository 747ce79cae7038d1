"""Placeholder views, replaced by the real pages."""

from django.http import Http404


def phenomenon_list(request, *args, **kwargs):
    raise Http404


def phenomenon_create(request, *args, **kwargs):
    raise Http404


def phenomenon_detail(request, *args, **kwargs):
    raise Http404


def phenomenon_edit(request, *args, **kwargs):
    raise Http404


def phenomenon_observations(request, *args, **kwargs):
    raise Http404


def phenomenon_link(request, *args, **kwargs):
    raise Http404


def phenomenon_start_analysis(request, *args, **kwargs):
    raise Http404


def phenomenon_close(request, *args, **kwargs):
    raise Http404


def initiative_create(request, *args, **kwargs):
    raise Http404
