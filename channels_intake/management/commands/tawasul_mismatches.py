from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from channels_intake.tawasul import client, mismatches


class Command(BaseCommand):
    help = ("Lists Tawasul cases whose status differs between the portal and Tawasul (asked through its API, "
            "or read from a status export with --file), and cases whose last update to Tawasul failed.")

    def add_arguments(self, parser):
        parser.add_argument("--file", help="Tawasul's status export: CSV (case_number,status) or JSON")
        parser.add_argument("--limit", type=int, help="ask Tawasul about this many cases at most, latest first")

    def handle(self, *args, file=None, limit=None, **options):
        if file:
            try:
                export = mismatches.read_export(Path(file).read_bytes(), filename=file)
            except (OSError, ValueError) as error:
                raise CommandError(f"Cannot read {file}: {error}") from None
            found = mismatches.find_in_export(export)
        elif client.is_enabled():
            found = mismatches.find_through_client(limit=limit)
        else:
            raise CommandError("TAWASUL_API_URL is not set: give Tawasul's status export with --file.")
        for mismatch in found:
            self.stdout.write("\t".join([
                mismatch.reference, mismatch.case_number, f"{mismatch.our_status}->{mismatch.expected}",
                mismatch.theirs or "-", str(mismatch.problem), mismatch.detail]).rstrip())
        self.stdout.write(f"{len(found)} mismatches")
