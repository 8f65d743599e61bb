"""Every static file a template or a module names exists. With DEBUG off the manifest storage
refuses a name it does not know, so a file renamed away turns each page naming it into a 500; the
development storage and the test client say nothing. This finds it without a server."""

import ast
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import engines

STATIC_TAG = re.compile(r"""{%\s*static\s+(?P<quote>['"])(?P<name>[^'"]+)(?P=quote)""")
# A string in Python that is a static file's name: "complaints/back-office.css" (a Media class, a form).
STATIC_NAME = re.compile(r"^[\w-]+(?:/[\w.@-]+)+\.(?:css|js|mjs|svg|png|jpe?g|gif|ico|woff2?|ttf)$")
PROJECT_PACKAGES = ("complaints", "channels_intake", "minister_office", "housing_portal")


def template_files():
    for engine in engines.all():
        for directory in engine.template_dirs:
            yield from (path for path in Path(directory).rglob("*") if path.is_file())


def names_in_templates() -> dict[str, set[str]]:
    """Each static name a `{% static '…' %}` tag spells out, with the templates naming it."""
    named = {}
    for path in template_files():
        for match in STATIC_TAG.finditer(path.read_text(errors="replace")):
            named.setdefault(match["name"], set()).add(str(path))
    return named


def names_in_python() -> dict[str, set[str]]:
    named = {}
    for package in PROJECT_PACKAGES:
        for path in (Path(settings.BASE_DIR) / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and STATIC_NAME.match(node.value):
                    named.setdefault(node.value, set()).add(str(path))
    return named


def missing(named: dict[str, set[str]]) -> list[str]:
    return sorted(f"{name} (named in {', '.join(sorted(where))})"
                  for name, where in named.items() if finders.find(name) is None)


def test_every_static_file_a_template_names_exists():
    named = names_in_templates()

    assert "complaints/case-page.css" in named  # the scan reads the project's templates
    assert missing(named) == []


def test_every_static_file_a_module_names_exists():
    named = names_in_python()

    assert "complaints/back-office.css" in named  # the admin's Media classes are read
    assert missing(named) == []


def test_a_name_that_no_static_folder_holds_is_reported():
    assert missing({"complaints/admin-queue.css": {"templates/example.html"}}) == [
        "complaints/admin-queue.css (named in templates/example.html)"]
