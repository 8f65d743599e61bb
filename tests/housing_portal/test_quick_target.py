"""`make test-quick` leaves out every browser, private server and fuzzer, by what each test uses
(tests/conftest.py marks them), and keeps the rest; `make test` stays the whole suite."""

import re
import subprocess
import sys

import pytest

from tests.support.processes import PROJECT_DIR

MAKEFILE = (PROJECT_DIR / "Makefile").read_text()
# One file of each kind: a browser test, a test taking the browser from another folder, the
# form fuzzers, the API schema fuzzer, and tests of which some start a private Redis.
FILES = ["tests/browser/test_staff_sign_in.py", "tests/security/test_stored_xss_in_browser.py",
         "tests/security/test_form_fuzzing.py", "tests/api/test_schema_fuzzing.py",
         "tests/complaints/test_healthz.py"]
LEFT_OUT_MARKERS = {"browser", "services", "fuzz"}


def collect(*options: str) -> dict[str, set[str]]:
    """Test name (without parameters) -> its markers, as pytest collects FILES with these options."""
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-s", "-p", "no:cacheprovider",
               "-p", "tests.support.marker_listing", *options, *FILES]
    result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    tests = {}
    for line in result.stdout.splitlines():
        if line.startswith("MARKED "):
            _, node, *markers = line.split()
            tests.setdefault(node.split("::")[-1].split("[")[0], set()).update(markers)
    return tests


@pytest.fixture(scope="module")
def everything():
    return collect()


@pytest.fixture(scope="module")
def quick():
    quick_markers = re.search(r"^QUICK_MARKERS := (.+)$", MAKEFILE, re.MULTILINE).group(1)
    return collect("-m", quick_markers)


def test_a_test_is_marked_by_the_browser_the_private_redis_or_the_generator_it_uses(everything):
    assert "browser" in everything["test_the_lockout_page_in_chromium"]
    assert "browser" in everything["test_stored_script_never_runs_in_staff_office_or_citizen_pages"]
    assert "services" in everything["test_healthz_reports_database_broker_and_a_worker_heard_from_lately"]
    assert "fuzz" in everything["test_the_web_form_never_fails"]
    assert "fuzz" in everything["test_every_operation_answers_as_documented"]
    assert everything["test_the_freshest_of_several_workers_counts"] & LEFT_OUT_MARKERS == set()


def test_the_quick_target_keeps_database_tests_and_leaves_out_browsers_servers_and_fuzzers(everything, quick):
    assert "test_the_freshest_of_several_workers_counts" in quick
    assert "test_an_id_too_large_for_any_column_is_a_refused_choice" in quick  # plain, beside the fuzzers
    left_out = set(everything) - set(quick)
    assert {"test_the_lockout_page_in_chromium",
            "test_stored_script_never_runs_in_staff_office_or_citizen_pages",
            "test_healthz_reports_database_broker_and_a_worker_heard_from_lately",
            "test_the_web_form_never_fails", "test_every_operation_answers_as_documented"} <= left_out
    assert all(everything[name] & LEFT_OUT_MARKERS for name in left_out)


def test_make_test_runs_the_whole_suite_and_test_quick_the_quick_markers():
    assert re.search(r"^test: install\n(\t.*\n)*\t\$\(PY\) -m pytest \$\(ARGS\)$", MAKEFILE, re.MULTILINE)
    quick_run = r'^test-quick: install\n(\t.*\n)*\t\$\(PY\) -m pytest -m "\$\(QUICK_MARKERS\)" \$\(ARGS\)$'
    assert re.search(quick_run, MAKEFILE, re.MULTILINE)
