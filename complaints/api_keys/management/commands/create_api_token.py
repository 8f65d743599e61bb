from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from complaints.api_keys.models import ApiToken


class Command(BaseCommand):
    help = "Makes a REST API token for a member of staff and prints it (it is shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="API client", help="what the token is for")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username, is_active=True, is_staff=True).first()
        if user is None:
            raise CommandError(f"No active member of staff called {username!r}.")
        token = ApiToken(user=user, name=name)
        key = token.set_new_key()
        token.save()
        self.stdout.write(key)
