"""Files citizens attach: checked by their content, not their name, and kept while they
correct the rest of the form, so that nothing they chose is lost."""

import uuid
from dataclasses import asdict, dataclass
from pathlib import PurePath

import filetype
from PIL import Image
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import storages
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_FILES = 5
MAX_BYTES = 10 * 1024 * 1024
ALLOWED_TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


@dataclass(frozen=True)
class HeldFile:
    """A file kept in private storage until the complaint is sent."""
    key: str
    name: str
    content_type: str
    size: int

    def as_dict(self) -> dict:
        return asdict(self)


def check(upload) -> str:
    """The file's real content type, or ValidationError with a message for the citizen."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("“%(name)s” is larger than %(limit)s.") % {
            "name": upload.name, "limit": filesizeformat(MAX_BYTES)})
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES or not _whole_file_is(kind.mime, upload):
        raise ValidationError(_("“%(name)s” is not a PDF, JPEG or PNG file.") % {"name": upload.name})
    return kind.mime


def _whole_file_is(content_type: str, upload) -> bool:
    """A right first few bytes are not enough: an image must decode, a PDF must end as one."""
    try:
        if content_type == "application/pdf":
            upload.seek(max(upload.size - 1024, 0))
            return b"%%EOF" in upload.read()
        with Image.open(upload) as image:
            image.verify()
        return True
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    finally:
        upload.seek(0)


def hold(upload, content_type: str) -> HeldFile:
    key = f"drafts/{uuid.uuid4().hex}{ALLOWED_TYPES[content_type]}"
    storages["private"].save(key, upload)
    return HeldFile(key=key, name=PurePath(upload.name).name[:200], content_type=content_type, size=upload.size)


def open_held(held: HeldFile) -> File:
    """The held file as an upload the intake service can store."""
    stored = File(storages["private"].open(held.key, "rb"), name=held.name)
    stored.content_type = held.content_type
    return stored


def discard(held: HeldFile) -> None:
    storages["private"].delete(held.key)


def attach(complaint, files) -> None:
    """Stores each upload as an Attachment of `complaint` (the file under a generated name)."""
    for upload in files:
        complaint.attachments.create(
            file=upload, original_name=upload.name[:255], size=upload.size,
            content_type=getattr(upload, "content_type", "") or "application/octet-stream",
        )
