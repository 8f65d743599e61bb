"""settings.py evaluated afresh under a changed environment, as a process started with that
environment would see it, without touching the settings of the running tests."""

import importlib.util
import os
from contextlib import contextmanager
from types import ModuleType

from benchmarks.servers import PROJECT_DIR


@contextmanager
def _environment(changes: dict):
    previous = {name: os.environ.get(name) for name in changes}
    try:
        for name, value in changes.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def settings_with(**changes: str | None) -> ModuleType:
    """The settings module under the environment with `changes` (None removes a variable)."""
    spec = importlib.util.spec_from_file_location("fresh_settings_under_test",
                                                  PROJECT_DIR / "housing_portal" / "settings.py")
    module = importlib.util.module_from_spec(spec)
    with _environment(changes):
        spec.loader.exec_module(module)
    return module
