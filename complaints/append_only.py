"""Records written once and never changed or deleted from the application: the timeline, who saw
personal data, the minister's office's studies and directives. Refused through a model instance
and through a queryset alike.

One change is allowed, and only through `redact` and `prune`: the data-protection code blanking
the fields a model declares in `redactable` (free texts that may hold a citizen's personal data)
to the fixed value declared beside each, and removing keys from the JSON fields it declares in
`prunable`. Nothing else about the record changes, and nothing can be written into it: the only
value that fits is the constant, and a pruned JSON holds a subset of what it held. On PostgreSQL a trigger (complaints migration
0021) enforces the same for the timeline, the access records and the data-protection records.
"""

from django.db import models

# What a removed free text reads afterwards, in every language: the row keeps its place.
REDACTED = "[…]"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError(f"{self.model._meta.verbose_name_plural} are append-only.")

    def delete(self):
        raise TypeError(f"{self.model._meta.verbose_name_plural} are append-only.")

    def redact(self, *fields: str) -> int:
        """Blanks `fields` (each declared in the model's `redactable`) to their declared value."""
        allowed = getattr(self.model, "redactable", {})
        unknown = set(fields) - set(allowed)
        if unknown or not fields:
            raise TypeError(f"{self.model._meta.verbose_name_plural}: only {sorted(allowed)} can be redacted.")
        return super().update(**{name: allowed[name] for name in fields})

    def prune(self, field: str, keys) -> int:
        """Removes `keys` from the JSON `field` (declared in the model's `prunable`) of each row."""
        if field not in getattr(self.model, "prunable", ()):
            raise TypeError(f"{self.model._meta.verbose_name_plural}: {field} cannot be pruned.")
        keys, changed = set(keys), 0
        for pk, value in self.values_list("pk", field):
            if isinstance(value, dict) and keys & set(value):
                kept = {key: item for key, item in value.items() if key not in keys}
                changed += models.QuerySet(self.model).filter(pk=pk).update(**{field: kept})
        return changed


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()
    # Field name -> the one value `redact` may set it to. Empty: nothing may ever change.
    redactable: dict = {}
    # JSON fields from which `prune` may remove keys (never add or change one).
    prunable: tuple = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError(f"{self._meta.verbose_name_plural} are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(f"{self._meta.verbose_name_plural} are append-only.")
