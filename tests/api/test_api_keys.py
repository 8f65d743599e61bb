"""Keys for machines are shown once, when made, and stored only as a hash."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from complaints.api_keys import keys
from complaints.api_keys.models import ApiToken, Open311Client

pytestmark = pytest.mark.django_db


def test_a_key_made_in_the_back_office_is_shown_once_and_stored_as_a_hash(admin_client):
    response = admin_client.post("/admin/api_keys/open311client/add/",
                                 {"name": "FixMyBlock", "slug": "fixmyblock", "is_active": "on"}, follow=True,
                                 headers={"Accept-Language": "en"})

    [message] = [str(m) for m in response.context["messages"] if "The key is" in str(m)]
    key = message.split("The key is ")[1].split(" — ")[0]
    client = Open311Client.objects.get()
    assert Open311Client.find(key) == client
    assert client.key_hash == keys.digest(key) and key not in (client.key_hash, client.key_prefix)
    assert key not in admin_client.get(f"/admin/api_keys/open311client/{client.pk}/change/").content.decode()


def test_a_staff_token_from_the_command_line(maintenance_officer, capsys):
    call_command("create_api_token", "officer.hassan", "--name", "Tawasul bridge")

    key = capsys.readouterr().out.strip()
    assert ApiToken.objects.get(key_hash=keys.digest(key)).user == maintenance_officer


def test_no_token_for_someone_who_is_not_staff(db):
    from tests.factories import UserFactory

    UserFactory(username="citizen", is_staff=False)
    with pytest.raises(CommandError):
        call_command("create_api_token", "citizen")


def test_an_open311_key_from_the_command_line(capsys):
    call_command("create_open311_key", "fixmyblock", "--name", "FixMyBlock")

    assert Open311Client.find(capsys.readouterr().out.strip()).name == "FixMyBlock"


def test_a_switched_off_key_is_not_found(open311_key):
    Open311Client.objects.update(is_active=False)

    assert Open311Client.find(open311_key) is None


def test_only_superusers_make_staff_tokens(staff_member):
    administrator = staff_member("sysadmin", "system-administrator")

    assert administrator.has_perm("api_keys.add_open311client")
    assert not administrator.has_perm("api_keys.add_apitoken")
