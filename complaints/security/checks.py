"""`check --deploy` fails when the cache is one each process keeps to itself: every throttle (form
submissions, tracking tries, one-time codes, sign-in, Open311 clients) would then count per
process, so N web processes would let N times the limit through, and beat's lock
(housing_portal/single_beat.py) would not keep a second beat from running."""

from django.conf import settings
from django.core.checks import Error, Tags, register

NOT_SHARED = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}


@register(Tags.caches, deploy=True)
def the_cache_is_shared(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or backend not in NOT_SHARED:
        return []
    return [Error(
        f"The cache ({backend.rsplit('.', 1)[-1]}) is not shared between processes: every limit would count "
        "per process, and a second beat would not be stopped.",
        hint="Set CACHE_URL to the Redis all web processes, workers and beat share, e.g. redis://redis:6379/1.",
        id="complaints.E001",
    )]
