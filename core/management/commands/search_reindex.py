"""Rewrites the stored Finnish base forms of every searchable text (any model built on
core.search.BaseFormsIndexed), in batches with progress. Run it after installing Voikko on a site
that ran without it, or after a Voikko dictionary update."""

from __future__ import annotations

import time

from django.apps import apps
from django.core.management.base import BaseCommand

from core import finnish
from core.search import BaseFormsIndexed, fill_lemmas


class Command(BaseCommand):
    help = "Rewrite the Finnish base forms and compound parts that full-text search indexes."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=5000, help="rows per transaction")
        parser.add_argument("--model", action="append", default=[], help="app_label.Model (repeatable)")

    def handle(self, *args, batch: int, model: list[str], **options):
        if not finnish.available():
            self.stderr.write(finnish.unavailable_reason())
            self.stderr.write("Indexing the words as written; base-form search stays off until then.")
        wanted = {m.lower() for m in model}
        models = [
            m
            for m in apps.get_models()
            if issubclass(m, BaseFormsIndexed) and (not wanted or m._meta.label_lower in wanted)
        ]
        for m in models:
            started = time.monotonic()
            label = m._meta.label

            def progress(done, total, label=label):
                self.stdout.write(f"\r{label}: {done:,}/{total:,}", ending="")
                self.stdout.flush()

            rows = fill_lemmas(m, m.SEARCH_TEXT_FIELDS, batch=batch, progress=progress)
            self.stdout.write(f"\r{label}: {rows:,} rows in {time.monotonic() - started:.1f} s")
