from django.core.management.base import BaseCommand, CommandError

from complaints.api_keys.models import Open311Client


class Command(BaseCommand):
    help = "Registers a civic app as an Open311 client and prints its api_key (shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="short name kept with each request it submits")
        parser.add_argument("--name", help="display name (defaults to the short name)")

    def handle(self, *args, slug, name, **options):
        if Open311Client.objects.filter(slug=slug).exists():
            raise CommandError(f"There is already an Open311 client called {slug!r}.")
        client = Open311Client(slug=slug, name=name or slug)
        key = client.set_new_key()
        client.save()
        self.stdout.write(key)
