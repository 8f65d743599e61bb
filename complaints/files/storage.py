"""Where citizens' documents are kept: private storage, generated names, no URL."""

import uuid
from pathlib import PurePath

from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible


class PrivateStorage(FileSystemStorage):
    """Citizens' documents: on disk outside every served folder, and without any URL.

    They are read only through a view that checks who is asking.
    """

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a permission-checked view.")


def private_storage():
    return storages["private"]


@deconstructible
class GeneratedName:
    """upload_to for private files: `<folder>/[<owner id>/]<random>.<ext>`. The citizen's file name
    is kept as data on the model, never used as a path on disk."""

    def __init__(self, folder: str, owner_field: str = ""):
        self.folder = folder
        self.owner_field = owner_field

    def __call__(self, instance, filename):
        owner = f"{getattr(instance, self.owner_field) or 'new'}/" if self.owner_field else ""
        return f"{self.folder}/{owner}{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:8]}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and (self.folder, self.owner_field) == (other.folder, other.owner_field)
