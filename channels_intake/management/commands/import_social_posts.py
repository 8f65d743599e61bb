from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from channels_intake import records
from channels_intake.social import posts


class Command(BaseCommand):
    help = ("Imports social media posts for the monitors' inbox from a JSON or CSV export "
            "(platform, post_id, author_handle, text, link, posted_at); safe to run again on the same file.")

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            found = records.read_records(Path(path).read_bytes(), filename=path)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        report = posts.import_posts(found)
        for line, errors in report.refused:
            reasons = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())
            self.stderr.write(f"refused line {line}: {reasons}")
        for line, post in report.kept:
            self.stderr.write(f"kept line {line} ({post.platform}:{post.post_id}): failed after it was accepted; "
                              "see Inbound items in the back office")
        self.stdout.write(f"{len(report.new)} new, {len(report.known)} already known, {len(report.refused)} refused, "
                          f"{len(report.kept)} kept for staff")
