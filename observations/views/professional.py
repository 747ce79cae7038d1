"""Placeholder views, replaced by the real pages."""

from django.http import Http404


def mine(request, *args, **kwargs):
    raise Http404


def create(request, *args, **kwargs):
    raise Http404


def theme_suggest(request, *args, **kwargs):
    raise Http404


def detail(request, *args, **kwargs):
    raise Http404


def edit(request, *args, **kwargs):
    raise Http404
