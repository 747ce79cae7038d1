"""Placeholder views, replaced by the real pages."""

from django.http import Http404


def queue(request, *args, **kwargs):
    raise Http404


def export_csv(request, *args, **kwargs):
    raise Http404


def mark_read(request, *args, **kwargs):
    raise Http404


def note_add(request, *args, **kwargs):
    raise Http404


def themes_set(request, *args, **kwargs):
    raise Http404


def merge(request, *args, **kwargs):
    raise Http404


def archive(request, *args, **kwargs):
    raise Http404


def redact(request, *args, **kwargs):
    raise Http404
