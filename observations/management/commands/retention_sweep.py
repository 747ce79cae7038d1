"""Runs the observations' retention sweep now (the scheduler runs it daily).

manage.py retention_sweep --dry-run     lists what would be erased, changes nothing
manage.py retention_sweep               erases, and writes each erasure to the audit log
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from observations.retention import retention_sweep


class Command(BaseCommand):
    help = "Erase families' contact emails and anonymise closed observations past their retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only list what would be erased")

    def handle(self, *args, dry_run, **options):
        report = retention_sweep(dry_run=dry_run)
        verb = "Would erase" if dry_run else "Erased"
        self.stdout.write(
            f"{verb} the contact email of {len(report.contacts_erased)} observation(s): {report.contacts_erased}"
        )
        verb = "Would anonymise" if dry_run else "Anonymised"
        self.stdout.write(f"{verb} {len(report.anonymised)} closed observation(s): {report.anonymised}")
