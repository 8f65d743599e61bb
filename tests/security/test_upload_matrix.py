"""Hostile files through every way a file gets in: the citizen's web form, the citizen's answer on
the tracking page, the walk-in counter, the Taht Amrak letter scan and the press clipping. Each is
refused with a message naming the file, the form comes back with what was typed, and nothing is
stored. Files that are kept are stored under a generated name, never under the name sent."""

import uuid
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from channels_intake.models import BoxLetter, MediaItem
from complaints import citizen_services
from complaints.files import uploads
from complaints.models import Attachment, Complaint
from complaints.portal.track_views import TRACKED
from complaints.security.roles import ensure_role_groups
from tests.factories import CategoryFactory, ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db

TYPED = "ملاحظة مكتوبة لا تضيع 4721"  # typed into a text field of every form; must come back


def png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    return buffer.getvalue()


def pdf(body: bytes = b"1 0 obj << /Type /Catalog >> endobj\n") -> bytes:
    return b"%PDF-1.4\n" + body + b"trailer << /Root 1 0 R >>\n%%EOF\n"


def flate_stream(content: bytes) -> bytes:
    packed = zlib.compress(content)
    return b"3 0 obj << /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream\nendobj\n"


NOT_A_DOCUMENT = "is not a PDF, JPEG or PNG file"
PDF_THAT_ACTS = "is a PDF with a script or a program inside"
BAD_NAME = "has characters that are not allowed in file names"
TOO_LARGE = "is larger than 10"
EMPTY = ("is empty", "The submitted file is empty")

HOSTILE = {
    "an HTML page": ("complaint.html", b"<!doctype html><html><body><script>alert(1)</script></body></html>",
                     NOT_A_DOCUMENT),
    "an HTML page named .pdf": ("scan.pdf", b"<html><script>alert(1)</script></html>", NOT_A_DOCUMENT),
    "an SVG drawing": ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
                       NOT_A_DOCUMENT),
    "a program named .pdf": ("invoice.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200 + b"This program cannot be run",
                             NOT_A_DOCUMENT),
    "a PNG header then HTML": ("photo.png", b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>",
                               NOT_A_DOCUMENT),
    "a whole PNG then HTML": ("photo.png", png() + b"<html><script>alert(1)</script></html>", NOT_A_DOCUMENT),
    "a PDF with JavaScript": ("form.pdf", pdf(b"1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n"
                                             b"2 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n"),
                              PDF_THAT_ACTS),
    "a PDF with JavaScript spelt in #xx": ("form.pdf", pdf(b"2 0 obj << /S /J#61vaScript /J#53 (x) >> endobj\n"),
                                           PDF_THAT_ACTS),
    "a PDF with JavaScript in a compressed stream": (
        "form.pdf", pdf(flate_stream(b"<< /S /JavaScript /JS (app.alert(1)) >>")), PDF_THAT_ACTS),
    "a PDF that launches a program": ("form.pdf", pdf(b"2 0 obj << /S /Launch /F (cmd.exe) >> endobj\n"),
                                      PDF_THAT_ACTS),
    "a file over 10 MB": ("big.pdf", b"%PDF-1.4\n" + b"0" * uploads.MAX_BYTES + b"\n%%EOF\n", TOO_LARGE),
    "an empty file": ("empty.pdf", b"", EMPTY),
}


class PrivateStorage:
    """The files in every private storage the entry points write to, counted from the test's start."""

    def __init__(self):
        fields = (Attachment._meta.get_field("file"), BoxLetter._meta.get_field("scan"),
                  MediaItem._meta.get_field("clipping"))
        self.roots = {Path(storage.location).resolve() for storage in
                      (storages["private"], *(field.storage for field in fields))}
        self.before = set(self._all())

    def _all(self):
        return [path for root in self.roots if root.exists() for path in root.rglob("*") if path.is_file()]

    def new_files(self) -> list[Path]:
        return [path for path in self._all() if path not in self.before]


@pytest.fixture
def private_storage(db):
    return PrivateStorage()


def stored_files(storage: PrivateStorage) -> list[Path]:
    return storage.new_files()


# --- The entry points: each posts one file with TYPED in a text field, and says what it stored ----

def web_form(client, upload, maintenance, **_):
    category = CategoryFactory(code="maintenance-defects", default_department=maintenance)
    return client.post("/en/complaints/new/", {
        "kind": "complaint", "category": category.pk, "subject": "Water leaking", "body": TYPED,
        "name": "Fatima Ali", "cpr": "850412345", "mobile": "39123456", "email": "", "preferred_language": "en",
        "housing_application_number": "", "website": "", "files": [upload]})


def tracking_answer(client, upload, maintenance, **_):
    complaint = ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=maintenance,
                                 contact_mobile="+97339123456")
    citizen_services.request_information(complaint=complaint, by=None, question="Please send the lease.")
    session = client.session
    session[TRACKED] = [complaint.pk]
    session.save()
    return client.post(f"/en/track/{complaint.reference}/", {"answer": "1", "text": TYPED, "files": upload})


def walk_in(client, upload, staff, **_):
    client.force_login(staff("complaints-unit-agent"))
    return client.post("/admin/channels_intake/walkincomplaint/add/", {
        "token": uuid.uuid4().hex, "filled_from": "", "cpr": "850412345", "name": "Fatima Ali",
        "mobile": "39123456", "email": "", "language": "en", "kind": "complaint", "subject": "Water leaking",
        "body": TYPED, "category": "", "housing_application_number": "", "record": "1", "files": upload},
        HTTP_ACCEPT_LANGUAGE="en")


def box_letter(client, upload, staff, **_):
    client.force_login(staff("complaints-unit-agent", superuser=True))
    return client.post("/admin/channels_intake/boxletter/add/", {
        "box": "Isa Town service centre", "letter_number": "117", "collected_on": timezone.localdate().isoformat(),
        "witnessed_by": "Ali Hasan", "scan": upload, "name": "Fatima Ali", "cpr": "850412345",
        "mobile": "39112233", "language": "ar", "subject": "Meeting the minister", "text": TYPED},
        HTTP_ACCEPT_LANGUAGE="en")


def media_clipping(client, upload, staff, **_):
    client.force_login(staff("media-monitor"))
    return client.post("/admin/channels_intake/mediaitem/add/", {
        "outlet": "Al Ayam", "medium": "print", "published_on": timezone.localdate().isoformat(),
        "page_or_programme": "p. 5", "headline": "Leaks in Salman City", "excerpt": TYPED, "clipping": upload},
        HTTP_ACCEPT_LANGUAGE="en")


ENTRY_POINTS = {"web form": web_form, "tracking answer": tracking_answer, "walk-in": walk_in,
                "Taht Amrak letter": box_letter, "press clipping": media_clipping}


@pytest.fixture
def staff(db):
    def make(role, superuser=False):
        user = UserFactory(username=f"{role}.user", is_superuser=superuser)
        user.groups.add(ensure_role_groups()[role])
        return user
    return make


def stored_anything() -> bool:
    return (Attachment.objects.exists() or BoxLetter.objects.exists() or MediaItem.objects.exists()
            or Complaint.objects.exclude(status=Complaint.Status.AWAITING_CITIZEN).exists())


@pytest.mark.parametrize("case", HOSTILE)
@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_a_hostile_file_is_refused_with_a_message_and_the_form_keeps_what_was_typed(
        client, maintenance, staff, private_storage, entry, case):
    name, content, message = HOSTILE[case]
    response = ENTRY_POINTS[entry](client, SimpleUploadedFile(name, content, "application/pdf"),
                                   maintenance=maintenance, staff=staff)

    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert any(text in html for text in ((message,) if isinstance(message, str) else message)), html[-3000:]
    assert TYPED in html
    assert not stored_anything()
    assert stored_files(private_storage) == []


def test_the_refusal_is_in_arabic_on_the_arabic_form(client, maintenance):
    category = CategoryFactory(code="maintenance-defects", default_department=maintenance)
    response = client.post("/ar/complaints/new/", {
        "kind": "complaint", "category": category.pk, "subject": "تسرب", "body": TYPED, "name": "فاطمة",
        "cpr": "850412345", "mobile": "39123456", "preferred_language": "ar",
        "files": [SimpleUploadedFile("drawing.svg", HOSTILE["an SVG drawing"][1])]})
    assert "ليس ملف PDF أو JPEG أو PNG" in response.content.decode()


@pytest.mark.parametrize("sent_as", ["../../etc/passwd.pdf", "..\\..\\windows\\system.ini.pdf",
                                     "/var/www/index.pdf", "C:\\temp\\scan.pdf"])
def test_a_file_is_stored_under_a_generated_name_never_the_path_it_was_sent_with(
        client, maintenance, private_storage, sent_as):
    root = UserFactory(username="root", is_superuser=True)
    box_letter(client, SimpleUploadedFile(sent_as, pdf(), "application/pdf"), staff=lambda *a, **k: root)

    letter = BoxLetter.objects.get()
    [stored] = stored_files(private_storage)
    assert any(stored.resolve().is_relative_to(root) for root in private_storage.roots)
    assert stored.name == Path(letter.scan.name).name and len(stored.stem) == 32  # a uuid4, hex
    assert not {"..", "etc", "passwd", "windows", "var", "temp", "scan"} & set(Path(letter.scan.name).parts)


@pytest.mark.parametrize("sent_as", ["invoice\u202efdp.exe", "letter\u200f.pdf", "scan\x07.pdf", "a\x00b.pdf"])
def test_a_name_with_hidden_characters_is_refused_by_the_check(sent_as):
    """Over HTTP Django already drops unprintable characters from names; the check refuses them
    from any other way in (imports, the services called directly)."""
    with pytest.raises(ValidationError, match=BAD_NAME):
        uploads.check(SimpleUploadedFile(sent_as, pdf()))


@pytest.mark.parametrize("sent_as", ["invoice\u202efdp.exe", "letter\u200f.pdf", "scan\x07.pdf"])
@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_a_file_whose_name_hides_its_type_is_kept_under_its_real_type(
        client, maintenance, staff, private_storage, entry, sent_as):
    """invoice<U+202E>fdp.exe reads "invoiceexe.pdf" on screen: whatever reaches the portal, the
    name kept and downloaded has no hidden characters and ends in the file's real extension."""
    ENTRY_POINTS[entry](client, SimpleUploadedFile(sent_as, pdf(), "application/pdf"), maintenance=maintenance,
                        staff=staff)
    names = [*Attachment.objects.values_list("original_name", flat=True),
             *MediaItem.objects.values_list("clipping_name", flat=True),
             *(f.name for f in stored_files(private_storage))]
    assert names, "the file was not kept"
    for name in names:
        assert name.endswith(".pdf") and name.isprintable() and "\u202e" not in name, name


@pytest.mark.parametrize(("sent_as", "kept_as"), [
    ("../../etc/passwd.pdf", "passwd.pdf"), ("..\\..\\scan.pdf", "scan.pdf"), ("تقرير.pdf", "تقرير.pdf"),
    ("my scan.pdf", "my scan.pdf"), ("", "file"),
])
def test_the_name_shown_to_staff_is_the_last_part_only(sent_as, kept_as):
    assert uploads.display_name(sent_as) == kept_as


def test_good_files_still_pass():
    for name, content in (("scan.pdf", pdf()), ("photo.png", png())):
        assert uploads.check(SimpleUploadedFile(name, content)) in ("application/pdf", "image/png")


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_a_request_too_large_altogether_is_refused_before_it_is_read(client, maintenance, staff, private_storage,
                                                                      settings, entry):
    settings.REQUEST_MAX_BYTES = 1024 * 1024
    response = ENTRY_POINTS[entry](client, SimpleUploadedFile("big.pdf", pdf(b"0" * 2 * 1024 * 1024)),
                                   maintenance=maintenance, staff=staff)
    assert response.status_code == 413
    assert "larger than 1.0" in response.content.decode() or "أكبر من" in response.content.decode()
    assert not stored_anything() and stored_files(private_storage) == []


def test_the_ceiling_leaves_room_for_every_file_a_form_takes():
    from django.conf import settings
    assert settings.REQUEST_MAX_BYTES > uploads.MAX_FILES * uploads.MAX_BYTES
