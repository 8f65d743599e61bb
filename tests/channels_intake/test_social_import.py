"""Social media posts imported from an exported file go through the same store as the webhook:
each post once, bad records refused by line, the good ones kept."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from channels_intake import records
from channels_intake.models import SocialPost

pytestmark = pytest.mark.django_db
PAYLOADS = Path(__file__).parent / "payloads" / "social"


def test_a_csv_export_is_imported_and_bad_lines_are_reported_with_their_reasons(capsys):
    call_command("import_social_posts", str(PAYLOADS / "export.csv"))
    out, err = capsys.readouterr()

    assert "2 new, 0 already known, 2 refused" in out
    assert "refused line 4: post_id:" in err
    assert "refused line 5: posted_at:" in err
    assert set(SocialPost.objects.values_list("post_id", flat=True)) == {"1861234567890500001", "10229876543200002"}
    assert SocialPost.objects.get(post_id="10229876543200002").link == ""


def test_a_json_export_is_imported_with_the_line_of_each_refused_post(capsys):
    call_command("import_social_posts", str(PAYLOADS / "export.json"))
    out, err = capsys.readouterr()

    assert "2 new, 0 already known, 1 refused" in out
    assert err.strip().startswith("refused line 4: link:")


def test_importing_again_finds_every_post_already_known(capsys):
    call_command("import_social_posts", str(PAYLOADS / "export.csv"))
    call_command("import_social_posts", str(PAYLOADS / "export.csv"))
    assert "0 new, 2 already known, 2 refused" in capsys.readouterr().out
    assert SocialPost.objects.count() == 2


def test_a_post_received_by_webhook_is_already_known_to_the_import(client, settings, tmp_path, capsys):
    from tests.channels_intake.test_social_posts import SECRET, deliver, payload

    settings.SOCIAL_WEBHOOK_SECRET = SECRET
    deliver(client, payload("post_arabic_leak.json"))
    export = tmp_path / "export.json"
    export.write_text(json.dumps([json.loads(payload("post_arabic_leak.json"))], ensure_ascii=False))

    call_command("import_social_posts", str(export))

    assert "0 new, 1 already known, 0 refused" in capsys.readouterr().out
    assert SocialPost.objects.count() == 1


@pytest.mark.parametrize("content", ['{"post_id": "x"}', "not json", "[1, 2]"])
def test_a_file_that_is_not_a_list_of_posts_is_refused_whole(tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with pytest.raises(CommandError):
        call_command("import_social_posts", str(bad))
    assert not SocialPost.objects.exists()


def test_records_know_the_line_they_start_on():
    content = b'[\n  {"a": 1},\n\n  {"a": 2,\n   "b": [1, 2]}, {"a": 3}\n]'
    assert [record.line for record in records.read_records(content, filename="x.json")] == [2, 4, 5]
    csv_content = "a,b\n1,2\n3,4\n".encode()
    assert [(r.line, r.fields) for r in records.read_records(csv_content, filename="x.CSV")] == [
        (2, {"a": "1", "b": "2"}), (3, {"a": "3", "b": "4"})]
