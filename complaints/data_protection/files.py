"""Deleting citizens' files from private storage for retention and erasure."""

from collections.abc import Iterable


def delete_stored(names: Iterable[str], *, storage, delete: bool = True) -> int:
    """Deletes each stored file (a missing one is not an error: a run that failed after deleting
    it is simply run again); returns how many there were. `delete=False` only counts (dry run)."""
    count = 0
    for name in names:
        if not name:
            continue
        if delete:
            storage.delete(name)
        count += 1
    return count


def storage_of(model, field_name: str):
    """The storage the model's file field writes to (private storage, as the field was built)."""
    return model._meta.get_field(field_name).storage
