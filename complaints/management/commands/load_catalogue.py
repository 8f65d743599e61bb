"""`manage.py load_catalogue`: the ministry's departments (with what each owns) and categories, as
complaints/routing/catalogue.py lists them. Safe to run again; run it after each upgrade."""

from django.core.management.base import BaseCommand
from django.db import transaction

from complaints.routing import catalogue, rules


class Command(BaseCommand):
    help = "Loads the ministry's departments and categories (complaints/routing/catalogue.py)."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = catalogue.load()
        rules.forget()
        for name, (total, new) in counts.items():
            self.stdout.write(f"{name.capitalize()}: {total} ({new} new)")
