from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Citizens' documents: on disk outside every served folder, and without any URL.

    They are read only through a view that checks who is asking.
    """

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a permission-checked view.")
