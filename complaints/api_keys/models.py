from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.api_keys import keys

LAST_USED_PRECISION = 60  # seconds


class HashedKey(models.Model):
    key_prefix = models.CharField(_("key begins with"), max_length=keys.PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def set_new_key(self) -> str:
        """Gives the row a fresh key and returns it: the only moment the key is known."""
        key = keys.new_key()
        self.key_prefix, self.key_hash = key[:keys.PREFIX_LENGTH], keys.digest(key)
        return key

    def mark_used(self, now) -> None:
        """Records the use, at most once a minute: a busy client must not write its row on every
        call (every request would wait on that one row's lock and commit)."""
        if self.last_used_at is None or (now - self.last_used_at).total_seconds() > LAST_USED_PRECISION:
            type(self).objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now

    @classmethod
    def find(cls, key: str):
        """The active row holding this key, or None."""
        if not key:
            return None
        return cls.objects.filter(key_hash=keys.digest(key), is_active=True).first()


class ApiToken(HashedKey):
    """A member of staff's token for the REST API (header `Authorization: Token <key>`): it acts
    as that user, with the user's permissions and department."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name=_("user"))
    name = models.CharField(_("what it is for"), max_length=100)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"


class Open311Client(HashedKey):
    """A civic app allowed to submit service requests through Open311 GeoReport v2 (`api_key`)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("short name"), unique=True,
                            help_text=_("Kept with each request the app submits, in its channel reference."))
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    class Meta:
        verbose_name = _("Open311 client")
        verbose_name_plural = _("Open311 clients")

    def __str__(self):
        return self.name
