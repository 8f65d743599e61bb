"""The channels' private files (scanned Taht Amrak letters, press clippings), registered with the
core's one permission-checked download (complaints.files.private_files)."""

from django.utils.translation import gettext_lazy as _

from channels_intake.models import BoxLetter, MediaItem
from complaints.files import private_files


def _scan(letter: BoxLetter) -> private_files.PrivateFile:
    return private_files.PrivateFile(
        kind="letter-scan", pk=letter.pk, file=letter.scan, name=f"letter-{letter.pk}{_suffix(letter.scan.name)}",
        content_type=_type_of(letter.scan.name), complaint_id=letter.complaint_id, label=_("scanned letter"))


def _clipping(item: MediaItem) -> private_files.PrivateFile:
    return private_files.PrivateFile(
        kind="media-clipping", pk=item.pk, file=item.clipping, name=item.clipping_name or f"clipping-{item.pk}",
        content_type=item.clipping_type, complaint_id=item.complaint_id, label=_("press clipping"))


def _suffix(name: str) -> str:
    return "." + name.rsplit(".", 1)[1] if "." in name else ""


def _type_of(name: str) -> str:
    return {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
            ".png": "image/png"}.get(_suffix(name).lower(), "application/octet-stream")


def register() -> None:
    private_files.register(private_files.Source(
        kind="letter-scan",
        get=lambda pk: next((_scan(letter) for letter in BoxLetter.objects.filter(pk=pk).exclude(scan="")), None),
        of_complaints=lambda ids: [_scan(letter) for letter in
                                   BoxLetter.objects.filter(complaint_id__in=ids).exclude(scan="")],
    ))
    private_files.register(private_files.Source(
        kind="media-clipping",
        get=lambda pk: next((_clipping(item) for item in MediaItem.objects.filter(pk=pk).exclude(clipping="")), None),
        of_complaints=lambda ids: [_clipping(item) for item in
                                   MediaItem.objects.filter(complaint_id__in=ids).exclude(clipping="")],
        # A clipping not (yet) turned into a complaint is the monitors' business.
        may_see_unattached=lambda user: user.has_perm("channels_intake.view_mediaitem"),
    ))
