"""The README's commands and docs/configuration.md's tables stay true to the code: a make target the
README names exists, every environment variable the settings read is documented and every one
documented is read."""

import ast
import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
README = (PROJECT / "README.md").read_text()
CONFIGURATION = (PROJECT / "docs" / "configuration.md").read_text()
SETTINGS = PROJECT / "housing_portal" / "settings.py"
VARIABLE = re.compile(r"`([A-Z][A-Z0-9_]+)`")


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][a-z0-9-]*):", (PROJECT / "Makefile").read_text(), re.MULTILINE))


def targets_named_in(text: str) -> set[str]:
    """`make <target>` as written in code: inline code and fenced blocks, not prose."""
    code = "\n".join(re.findall(r"```.*?```|`[^`\n]+`", text, re.DOTALL))
    return set(re.findall(r"\bmake ([a-z][a-z0-9-]*)", code))


def variables_read_by_settings(settings: Path = SETTINGS) -> set[str]:
    """The first argument of every `env(...)` and `env.<kind>(...)` call in settings.py."""
    names = set()
    for node in ast.walk(ast.parse(settings.read_text())):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        function = node.func
        reads_env = (isinstance(function, ast.Name) and function.id == "env") or (
            isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name)
            and function.value.id == "env")
        if reads_env and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            names.add(node.args[0].value)
    return names


def table_variables(heading: str) -> set[str]:
    """The variables in the first column of the table under `## heading`."""
    section = CONFIGURATION.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in VARIABLE.findall(row.split("|")[1])}


def code_text() -> str:
    """Everything but the docs that may read a variable: the Makefile, scripts, apps, tests."""
    files = [PROJECT / "Makefile", *PROJECT.glob("scripts/*"),
             *(path for folder in ("benchmarks", "complaints", "channels_intake", "minister_office",
                                   "housing_portal", "tests") for path in (PROJECT / folder).rglob("*.py"))]
    return "\n".join(path.read_text(errors="replace") for path in files if path.is_file())


def test_every_make_target_the_readme_names_is_in_the_makefile():
    named = targets_named_in(README)
    assert {"run", "test", "test-quick"} <= named
    assert named - make_targets() == set()


def test_every_make_target_is_in_the_readmes_table():
    assert make_targets() - targets_named_in(README) == set()


def test_every_variable_the_settings_read_is_in_the_configuration_table():
    read = variables_read_by_settings()
    assert {"DATABASE_URL", "SECRET_KEY", "CELERY_BROKER_URL"} <= read  # the parse finds them
    assert read - table_variables("The portal's settings") == set()


def test_every_variable_in_the_configuration_table_is_read_by_the_settings():
    assert table_variables("The portal's settings") - variables_read_by_settings() == set()


def test_every_variable_of_the_tools_table_is_read_somewhere_in_the_code():
    tools = table_variables("Make targets, scripts and tests")
    assert tools, "the tools table is empty"
    code = code_text()
    assert {name for name in tools if not re.search(rf"\b{name}\b", code)} == set()


def test_a_variable_added_to_the_settings_without_a_row_is_caught(tmp_path):
    added = tmp_path / "settings.py"
    added.write_text(SETTINGS.read_text() + '\nNEW_THING = env.int("NEW_THING_SECONDS", default=3)\n')
    undocumented = variables_read_by_settings(added) - table_variables("The portal's settings")
    assert undocumented == {"NEW_THING_SECONDS"}
