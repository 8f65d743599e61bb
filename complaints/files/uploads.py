"""Files citizens attach: checked by their content, not their name, and kept while they
correct the rest of the form, so that nothing they chose is lost.

Held files (drafts/) are not kept for ever: beat deletes those older than DRAFT_LIFETIME
(`delete_expired_drafts`), and one address may hold at most DRAFT_FILES_PER_HOUR files or
DRAFT_BYTES_PER_HOUR bytes an hour (`take_draft_allowance`), so a flood of invalid forms cannot
fill the disk."""

import re
import unicodedata
import uuid
import zlib
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

import filetype
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import storages
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

MAX_FILES = 5
MAX_BYTES = 10 * 1024 * 1024
ALLOWED_TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
DRAFTS = "drafts"
# Longer than anyone takes between attaching a file and sending the form.
DRAFT_LIFETIME = timedelta(hours=24)
# Per address and hour: several honest tries with five files each, not a disk filled.
DRAFT_FILES_PER_HOUR = 20
DRAFT_BYTES_PER_HOUR = 50 * 1024 * 1024
HOUR_SECONDS = 3600


@dataclass(frozen=True)
class HeldFile:
    """A file kept in private storage until the complaint is sent."""
    key: str
    name: str
    content_type: str
    size: int

    def as_dict(self) -> dict:
        return asdict(self)


# Markup a browser would run if it ever took the file for a page (a PNG with HTML after it
# decodes as a picture all the same: Pillow reads up to the image's end and stops).
_MARKUP = re.compile(rb"<(?:script|html|body|svg|iframe|object|embed|!doctype)\b|javascript:", re.I)
# What lets a PDF act when opened: scripts, launching programs, files carried inside, forms that run.
_PDF_ACTIONS = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA|SubmitForm|ImportData)\b")
_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)


def check(upload) -> str:
    """The file's real content type, or ValidationError with a message for the citizen."""
    name = display_name(upload.name)
    if _has_hidden_characters(upload.name or ""):
        raise ValidationError(_("The name of the file “%(name)s” has characters that are not allowed in file "
                                "names. Rename the file and attach it again.") % {"name": name})
    if upload.size > MAX_BYTES:
        raise ValidationError(_("“%(name)s” is larger than %(limit)s.") % {
            "name": name, "limit": filesizeformat(MAX_BYTES)})
    if not upload.size:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name})
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    if (kind is None or kind.mime not in ALLOWED_TYPES or not _whole_file_is(kind.mime, upload)
            or _content_matches(upload, _MARKUP)):
        raise ValidationError(_("“%(name)s” is not a PDF, JPEG or PNG file.") % {"name": name})
    if kind.mime == "application/pdf" and _pdf_can_act(upload):
        raise ValidationError(_("“%(name)s” is a PDF with a script or a program inside. Save it again as a "
                                "plain PDF (for example, print it to PDF) and attach it again.") % {"name": name})
    return kind.mime


def display_name(name: str | None) -> str:
    """The citizen's file name as it may be shown and kept: its last part only, without control,
    formatting or direction characters (U+202E would show "fdp.exe" as "exe.pdf"). Never a path."""
    last_part = re.split(r"[\\/]", name or "")[-1]
    kept = "".join(char for char in last_part if unicodedata.category(char)[0] not in ("C", "Z")
                   or char == " ").strip()
    return kept[:200] or "file"


def kept_name(name: str | None, content_type: str) -> str:
    """The name a checked file is kept and downloaded under: the display name, ending in the
    extension of what the file really is ("invoice.exe" holding a PDF becomes "invoice.exe.pdf")."""
    shown = display_name(name)
    suffix = ALLOWED_TYPES.get(content_type, "")
    same = {".jpg": (".jpg", ".jpeg")}.get(suffix, (suffix,))
    return shown if not suffix or shown.lower().endswith(same) else f"{shown[:200 - len(suffix)]}{suffix}"


def _has_hidden_characters(name: str) -> bool:
    return any(unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp") for char in name) or "\\" in name


def _content_matches(upload, pattern) -> bool:
    """Reads the file in overlapping pieces, so a match across two pieces is found too."""
    tail = b""
    try:
        for piece in upload.chunks(1024 * 1024):
            if pattern.search(tail + piece):
                return True
            tail = piece[-64:]
        return False
    finally:
        upload.seek(0)


def _pdf_can_act(upload) -> bool:
    """Looks for actions in the PDF's names (also written with #xx escapes) and in its compressed
    streams. A stream that does not inflate is left alone: it is pictures or text, not names."""
    try:
        content = upload.read()
    finally:
        upload.seek(0)
    if _PDF_ACTIONS.search(_unescaped_names(content)):
        return True
    budget = 5 * MAX_BYTES  # inflated bytes read at most: a small file may inflate enormously
    for stream in _PDF_STREAM.finditer(content):
        try:
            inflated = zlib.decompressobj().decompress(stream.group(1), budget)
        except zlib.error:
            continue
        budget -= len(inflated)
        if _PDF_ACTIONS.search(_unescaped_names(inflated)):
            return True
        if budget <= 0:
            return True  # more than a complaint's PDF ever holds: refused rather than read on
    return False


def _unescaped_names(content: bytes) -> bytes:
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda match: bytes([int(match.group(1), 16)]), content)


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
    key = f"{DRAFTS}/{uuid.uuid4().hex}{ALLOWED_TYPES[content_type]}"
    storages["private"].save(key, upload)
    return HeldFile(key=key, name=kept_name(upload.name, content_type), content_type=content_type, size=upload.size)


def open_held(held: HeldFile) -> File:
    """The held file as an upload the intake service can store."""
    stored = File(storages["private"].open(held.key, "rb"), name=held.name)
    stored.content_type = held.content_type
    return stored


def discard(held: HeldFile) -> None:
    storages["private"].delete(held.key)


def still_held(held: HeldFile) -> bool:
    """False once beat deleted the draft file (a draft left longer than DRAFT_LIFETIME)."""
    return storages["private"].exists(held.key)


def take_draft_allowance(address: str, uploads) -> bool:
    """Counts these uploads against the address's hourly allowance of held files; False (and
    nothing should be held) when they would go beyond it."""
    if not uploads:
        return True
    files = _count(f"draft-files:{address}", len(uploads))
    size = _count(f"draft-bytes:{address}", sum(upload.size for upload in uploads))
    return files <= DRAFT_FILES_PER_HOUR and size <= DRAFT_BYTES_PER_HOUR


def _count(key: str, amount: int) -> int:
    """Adds `amount` under `key` for an hour from the first addition; the total."""
    key = f"throttle:{key}"
    if cache.add(key, amount, timeout=HOUR_SECONDS):
        return amount
    try:
        return cache.incr(key, amount)
    except ValueError:  # expired between add and incr
        cache.add(key, amount, timeout=HOUR_SECONDS)
        return amount


def delete_expired_drafts(*, now: datetime) -> int:
    """Deletes held files older than DRAFT_LIFETIME (their form was never sent); how many."""
    storage = storages["private"]
    try:
        _folders, names = storage.listdir(DRAFTS)
    except FileNotFoundError:
        return 0
    deleted = 0
    for name in names:
        key = f"{DRAFTS}/{name}"
        try:
            if storage.get_modified_time(key) < now - DRAFT_LIFETIME:
                storage.delete(key)
                deleted += 1
        except FileNotFoundError:  # sent or removed meanwhile
            continue
    return deleted


def attach(complaint, files) -> None:
    """Stores each upload as an Attachment of `complaint` (the file under a generated name)."""
    for upload in files:
        content_type = getattr(upload, "content_type", "") or "application/octet-stream"
        upload.name = kept_name(upload.name, content_type)  # the stored file's extension is its real type
        complaint.attachments.create(file=upload, original_name=upload.name, size=upload.size,
                                     content_type=content_type)
