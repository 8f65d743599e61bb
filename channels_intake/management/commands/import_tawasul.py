from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from channels_intake.tawasul import file_import


class Command(BaseCommand):
    help = "Imports Tawasul cases from a JSON or CSV file; safe to run again on the same file."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            cases = file_import.read_cases(Path(path).read_bytes(), filename=path)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        report = file_import.import_cases(cases)
        for number, reference in report.created:
            self.stdout.write(f"created   {number} -> {reference}")
        for number, reference in report.duplicates:
            self.stdout.write(f"duplicate {number} -> {reference}")
        for number, errors in report.rejected.items():
            self.stderr.write(f"rejected  {number}: {errors}")
        self.stdout.write(f"{len(report.created)} created, {len(report.duplicates)} already imported, "
                          f"{len(report.rejected)} rejected")
