"""The security suite's browser tests use the same Chromium as tests/browser."""

from tests.browser.conftest import browser, screenshot  # noqa: F401  (fixtures)
