"""Runs the retention policy once and prints what it did: `manage.py apply_retention [--dry-run]`."""

from django.core.management.base import BaseCommand

from complaints.data_protection import retention


class Command(BaseCommand):
    help = "Removes the personal data of complaints closed longer than RETENTION_CLOSED_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Count what would be anonymised, change nothing (the run is still recorded).")
        parser.add_argument("--batch-size", type=int, default=None, help="Complaints per transaction.")

    def handle(self, *args, dry_run=False, batch_size=None, **options):
        run = retention.apply_retention(dry_run=dry_run, batch_size=batch_size)
        seconds = (run.finished_at - run.started_at).total_seconds()
        self.stdout.write(("Dry run: would anonymise" if dry_run else "Anonymised") +
                          f" complaints={run.complaints} citizens={run.citizens} files={run.files} "
                          f"held={run.held} closed_before={run.cutoff:%Y-%m-%d} seconds={seconds:.1f}")
        for label, count in sorted(run.counts.items()):
            self.stdout.write(f"  {label}: {count}")
