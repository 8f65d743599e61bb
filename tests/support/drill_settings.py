"""The production settings for a web server a fault drill starts (tests.support.processes.WebServer):
only the static files change, because a test server renders pages without running collectstatic."""

from housing_portal.settings import *  # noqa: F403
from housing_portal.settings import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
