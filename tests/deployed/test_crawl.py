"""Signed in as each staff role, and as a citizen in Arabic and in English, every page reachable
by following links from where that person starts answers without a server error, as deployed."""

import pytest

from complaints.models import Complaint
from complaints.security.roles import ROLES
from tests.deployed.conftest import SUPERUSER, staff_username
from tests.deployed.crawler import Browser, Limits, crawl

# django_db: so that pytest makes the test database the portal is served from (deployed_portal).
pytestmark = [pytest.mark.deployed, pytest.mark.django_db]

# Where staff start: the back office, the minister's office and council, the reports.
STAFF_STARTS = ["/admin/", "/{language}/minister/", "/{language}/minister/council/",
                "/{language}/minister/council/follow-ups/", "/{language}/reports/", "/{language}/statistics/"]
# Half the roles read the portal in Arabic, half in English: a translation that breaks a page fails.
STAFF = [(staff_username(role.code), "ar" if number % 2 == 0 else "en") for number, role in enumerate(ROLES)]
STAFF += [(SUPERUSER, "ar")]
STATIC_FETCHED: dict[str, int] = {}  # each static file once, for every crawl


def failed(result, portal) -> str:
    return ("Server errors:\n" + "\n".join(result.failures())
            + "\n\nWhat the server logged:\n" + portal.server_errors())


@pytest.mark.parametrize(("username", "language"), STAFF)
def test_no_page_staff_can_reach_answers_a_server_error(deployed_portal, username, language, figure):
    browser = Browser(deployed_portal.url, language=language)
    browser.sign_in(username, deployed_portal.password)

    result = crawl(browser, [start.format(language=language) for start in STAFF_STARTS], limits=Limits(pages=500),
                   static_fetched=STATIC_FETCHED)

    figure(f"{result.pages} pages in {result.seconds:.0f} s ({result.not_fetched} more found, beyond the limit)")
    assert result.pages > 20, result.statuses  # signed in, and the back office has links to follow
    assert result.failures() == [], failed(result, deployed_portal)


def one_complaint_per_status():
    """A demo complaint in each status, with the mobile its citizen tracks it by."""
    chosen = {}
    for reference, status, mobile in (Complaint.objects.exclude(contact_mobile="").order_by("pk")
                                      .values_list("reference", "status", "contact_mobile")):
        chosen.setdefault(status, (reference, mobile))
    return list(chosen.values())


def open311_resources(browser) -> list[str]:
    """The first services and service requests Open311 lists, in JSON and XML, as a civic app
    follows them."""
    found = []
    for listing, key, path in (("services", "service_code", "services"),
                               ("requests", "service_request_id", "requests")):
        listed = browser.request("GET", f"/open311/v2/{listing}.json")
        assert listed.status_code == 200, listed.text[:2000]
        found += [f"/open311/v2/{path}/{item[key]}.{format_}"
                  for item in listed.json()[:3] for format_ in ("json", "xml")]
    return found


@pytest.mark.parametrize("language", ["ar", "en"])
def test_no_page_a_citizen_can_reach_answers_a_server_error(deployed_portal, language, figure):
    browser = Browser(deployed_portal.url, language=language)
    tracked = [browser.track(reference, mobile) for reference, mobile in one_complaint_per_status()]

    result = crawl(browser, [f"/{language}/", f"/{language}/complaints/new/", f"/{language}/track/",
                             f"/{language}/statistics/", *tracked,
                             # The public machine interfaces, read as a civic app would.
                             "/open311/v2/services.json", "/open311/v2/services.xml", "/open311/v2/requests.json",
                             "/open311/v2/requests.xml", "/api/docs/", "/api/schema/", "/healthz",
                             *open311_resources(browser)],
                   limits=Limits(pages=200), static_fetched=STATIC_FETCHED)

    figure(f"{result.pages} pages in {result.seconds:.0f} s")
    assert len(tracked) >= 6 and result.pages > 10, result.statuses
    assert result.failures() == [], failed(result, deployed_portal)
