"""The citizens' private files (attachments, scanned letters, press clippings) and the one way
out of private storage: a download, as an attachment, to someone allowed to see the complaint.

The core knows its own attachments; other apps register their files here (in their AppConfig)
so that the core never imports them and every private file goes through the same checks.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models.fields.files import FieldFile
from django.http import FileResponse

from complaints.models import Attachment, Complaint


@dataclass(frozen=True)
class PrivateFile:
    kind: str
    pk: int
    file: FieldFile
    name: str
    content_type: str
    complaint_id: int | None
    label: str = ""


@dataclass(frozen=True)
class Source:
    """One kind of private file. `get` finds one by id; `of_complaints` lists those of some
    complaints in one query; `may_see_unattached` decides for a file not tied to a complaint."""

    kind: str
    get: Callable[[int], PrivateFile | None]
    of_complaints: Callable[[list[int]], list[PrivateFile]]
    may_see_unattached: Callable[[object], bool] = field(default=lambda user: False)


_sources: dict[str, Source] = {}


def register(source: Source) -> None:
    _sources[source.kind] = source


def find(kind: str, pk: int) -> PrivateFile | None:
    source = _sources.get(kind)
    return source.get(pk) if source else None


def of_complaint(complaint: Complaint) -> list[PrivateFile]:
    """Every private file of the complaint: one query per kind of file."""
    return [found for source in _sources.values() for found in source.of_complaints([complaint.pk])]


def may_download(user, private_file: PrivateFile) -> bool:
    if private_file.complaint_id is None:
        return bool(user.is_active and user.is_staff and _sources[private_file.kind].may_see_unattached(user))
    return Complaint.objects.filter(pk=private_file.complaint_id).visible_to(user).exists()


def download_response(private_file: PrivateFile) -> FileResponse:
    """Always an attachment, never shown inline: a file a citizen sent cannot run in our pages."""
    response = FileResponse(private_file.file.open("rb"), as_attachment=True, filename=private_file.name,
                            content_type=private_file.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _attachment(attachment: Attachment) -> PrivateFile:
    return PrivateFile(kind="attachment", pk=attachment.pk, file=attachment.file, name=attachment.original_name,
                       content_type=attachment.content_type, complaint_id=attachment.complaint_id,
                       label=attachment.original_name)


register(Source(
    kind="attachment",
    get=lambda pk: next((_attachment(a) for a in Attachment.objects.filter(pk=pk)), None),
    of_complaints=lambda ids: [_attachment(a) for a in Attachment.objects.filter(complaint_id__in=ids)
                               .order_by("uploaded_at", "pk")],
))
