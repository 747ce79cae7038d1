from django.core.management.base import BaseCommand

from networkmeetings.services.retention import processes_erase_expired, retention_years


class Command(BaseCommand):
    help = "Erases closed network processes whose retention period has ended (see --dry-run)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be erased; erase nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        ids = processes_erase_expired(dry_run=dry_run)
        verb = "would be erased" if dry_run else "erased"
        self.stdout.write(f"{len(ids)} closed processes older than {retention_years()} years {verb}: {ids}")
