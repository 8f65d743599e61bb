"""Hypothesis against the forms: whatever the citizen or the member of staff types (any Unicode,
NUL, right-to-left marks, Arabic-Indic digits, script, 100,000 characters, nothing at all) in any
field, the answer is the form again (200 or 400, with the form), or a redirect: never a 500.
A few examples per form in `make test`; FORM_FUZZ_EXAMPLES=500 tries harder."""

import os

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaints import citizen_services
from complaints.models import Complaint
from complaints.portal.track_views import TRACKED
from tests.factories import CategoryFactory, ComplaintFactory, UserFactory
from tests.security import hostile_data

pytestmark = pytest.mark.django_db

fuzz = settings(max_examples=int(os.environ.get("FORM_FUZZ_EXAMPLES", "25")), deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

# Surrogates cannot be sent in UTF-8 at all; everything else can.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
TRICKY = st.sampled_from([
    "", " ", "\x00", "a\x00b", "\u202e\u200f\u200e", "٨٥٠٤١٢٣٤٥", "۸۵۰۴۱۲۳۴۵", "+973 3912 3456", "26-4815-1623-4",
    "😀" * 50, "ﷺ" * 100, "\r\n" * 50, "%s %(name)s {0} {{x}}", hostile_data.EVERYTHING, "x" * 100_000,
    "٠" * 20_000, "-1", "0", "999999999999999999999", "1e309", "NaN", "[]", "{}", "null",
])
TEXT = st.one_of(ANY_TEXT, TRICKY)


def assert_answered_with_the_form(response):
    assert response.status_code in (200, 302, 400), response.status_code
    if response.status_code != 302:
        assert "<form" in response.content.decode()


@pytest.fixture
def category(maintenance):
    return CategoryFactory(code="maintenance-defects", default_department=maintenance)


WEB_FORM_FIELDS = ("kind", "category", "subject", "body", "name", "cpr", "mobile", "email", "preferred_language",
                   "housing_application_number", "website")


@fuzz
@given(values=st.fixed_dictionaries({}, optional={name: TEXT for name in WEB_FORM_FIELDS}))
def test_the_web_form_never_fails(client, category, values):
    cache.clear()
    assert_answered_with_the_form(client.post("/en/complaints/new/", values))
    assert_answered_with_the_form(client.post("/ar/complaints/new/", values))


@fuzz
@given(valid_details=st.fixed_dictionaries({"subject": TEXT, "body": TEXT, "name": TEXT}))
def test_the_check_page_never_fails_whatever_was_typed(client, category, valid_details):
    """What passed the form goes through the check page and the intake service."""
    cache.clear()
    answers = {"kind": "complaint", "category": category.pk, "cpr": "850412345", "mobile": "39123456",
               "preferred_language": "en", **valid_details}
    if client.post("/en/complaints/new/", answers).status_code == 302:
        assert client.get("/en/complaints/new/check/").status_code == 200
        assert client.post("/en/complaints/new/check/").status_code == 302


@fuzz
@given(reference=TEXT, digits=TEXT)
def test_the_tracking_lookup_never_fails(client, reference, digits):
    cache.clear()
    assert_answered_with_the_form(client.post("/en/track/", {"reference": reference,
                                                             "mobile_last_digits": digits}))


@pytest.fixture
def tracked(client, maintenance):
    complaint = ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=maintenance,
                                 contact_mobile="+97339123456")
    session = client.session
    session[TRACKED] = [complaint.pk]
    session.save()
    return complaint


@fuzz
@given(text=TEXT)
def test_the_citizens_answer_never_fails(client, tracked, text):
    if tracked.status != Complaint.Status.AWAITING_CITIZEN:
        Complaint.objects.filter(pk=tracked.pk).update(status=Complaint.Status.IN_PROGRESS)
        citizen_services.request_information(complaint=tracked, by=None, question="Send the lease.")
    assert_answered_with_the_form(client.post(f"/en/track/{tracked.reference}/", {"answer": "1", "text": text}))


@fuzz
@given(score=TEXT, comment=TEXT)
def test_the_rating_never_fails(client, tracked, score, comment):
    from django.utils import timezone
    Complaint.objects.filter(pk=tracked.pk).update(status=Complaint.Status.RESPONDED, responded_at=timezone.now())
    tracked.ratings.all().delete()
    assert_answered_with_the_form(client.post(f"/en/track/{tracked.reference}/",
                                              {"rate": "1", "score": score, "comment": comment}))


# --- Staff forms ------------------------------------------------------------------------------------

@pytest.fixture
def case(client, ministry):
    client.force_login(UserFactory(username="root", is_superuser=True))
    return ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=ministry["maintenance"])


STAFF_ACTIONS = {
    "transfer": ("to_department", "reason"), "request-information": ("question",), "close": ("note",),
    "reopen": ("reason",), "merge": ("reference",), "mark-urgent": ("note",), "assign": ("officer",),
}


@fuzz
@given(action=st.sampled_from(sorted(STAFF_ACTIONS)), values=st.lists(TEXT, min_size=2, max_size=2))
def test_the_case_page_actions_never_fail(client, case, action, values):
    Complaint.objects.filter(pk=case.pk).update(status=Complaint.Status.IN_PROGRESS)
    data = dict(zip(STAFF_ACTIONS[action], values))
    response = client.post(f"/admin/complaints/complaint/{case.pk}/act/{action}/", data)
    assert response.status_code in (200, 302, 400), (action, response.status_code)


@fuzz
@given(step=st.one_of(st.sampled_from(["edit", "use_canned", "preview", "send"]), TEXT), text=TEXT,
       canned=TEXT, clauses=st.lists(TEXT, max_size=3))
def test_the_reply_form_never_fails(client, case, step, text, canned, clauses):
    Complaint.objects.filter(pk=case.pk).update(status=Complaint.Status.IN_PROGRESS)
    response = client.post(f"/admin/complaints/complaint/{case.pk}/act/reply/",
                           {"step": step, "text": text, "canned": canned, "clauses": clauses})
    assert response.status_code in (200, 302, 400), response.status_code


WALK_IN_FIELDS = ("token", "filled_from", "cpr", "name", "mobile", "email", "language", "kind", "subject", "body",
                  "category", "housing_application_number")


@fuzz
@given(values=st.fixed_dictionaries({}, optional={name: TEXT for name in WALK_IN_FIELDS}),
       button=st.sampled_from(["record", "find_citizen"]))
def test_the_walk_in_form_never_fails(client, case, values, button):
    response = client.post("/admin/channels_intake/walkincomplaint/add/", {**values, button: "1"})
    assert_answered_with_the_form(response)


@pytest.mark.parametrize("clause", ["999999999999999999999", "-99999999999999999999", "9223372036854775808"])
def test_an_id_too_large_for_any_column_is_a_refused_choice(client, case, clause):
    """Found by the fuzzer: on SQLite such an id in a multiple choice was a 500."""
    response = client.post(f"/admin/complaints/complaint/{case.pk}/act/reply/",
                           {"step": "preview", "text": "Answer", "clauses": [clause]})
    assert response.status_code in (200, 400)
    assert "is not a valid value" in response.content.decode() or "ليست قيمة صالحة" in response.content.decode()


@fuzz
@given(text=TEXT, departments=st.lists(TEXT, max_size=3), lead=TEXT, follow_up_on=TEXT)
def test_the_ministers_directive_form_never_fails(client, case, text, departments, lead, follow_up_on):
    response = client.post(f"/ar/minister/cases/{case.reference}/directive/",
                           {"text": text, "departments": departments, "lead": lead, "follow_up_on": follow_up_on})
    assert response.status_code in (200, 302, 400), response.status_code
