"""A pytest plugin for the tests of the suite's own markers (`-p tests.support.marker_listing`):
prints each test collected with the names of its markers."""


def pytest_collection_finish(session):
    for item in session.items:
        print("MARKED", item.nodeid, " ".join(sorted({mark.name for mark in item.iter_markers()})))
