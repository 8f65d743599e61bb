"""Loaded by pytest before Django: the environment the test suite runs in.

Values already in the environment win, so CI can point the suite at PostgreSQL
and Redis with DATABASE_URL and CELERY_BROKER_URL.
"""

import os
import tempfile

TEST_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "housing_portal.settings",
    "SECRET_KEY": "test-suite-secret-key-that-is-long-enough-and-random-9f8e7d6c5b4a",
    "SECURE_SSL_REDIRECT": "false",
    "EMAIL_URL": "memorymail://",
    "SMS_BACKEND": "complaints.notifications.sms.MemoryBackend",
    "PRIVATE_MEDIA_ROOT": tempfile.mkdtemp(prefix="portal-test-private-"),
    # Admin tests sign in with force_login; the staff sign-in tests switch the code step on.
    "STAFF_TWO_FACTOR_REQUIRED": "false",
}
for name, value in TEST_ENVIRONMENT.items():
    os.environ.setdefault(name, value)

import django  # noqa: E402

django.setup()
