"""A mobile typed with Bahrain's country code in any of its forms (+973, 00973, 973; Latin or
Arabic-Indic digits) is searched as a mobile, not refused as a reference with a wrong digit."""

import pytest

from complaints import search
from complaints.models import Complaint
from tests.factories import CitizenFactory, ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db
QUEUE = "/admin/complaints/complaint/"
TYPED = ["0097339123456", "00973 3912 3456", "00973-3912-3456", "٠٠٩٧٣٣٩١٢٣٤٥٦", " 00973 39123456",
         "+97339123456", "+973 3912 3456", "973 3912 3456", "39123456"]


@pytest.fixture
def cases(maintenance):
    mine = ComplaintFactory(citizen=CitizenFactory(cpr="870317733"), department=maintenance,
                            status=Complaint.Status.ROUTED, contact_mobile="+97339123456")
    other = ComplaintFactory(citizen=CitizenFactory(cpr="880101010"), department=maintenance,
                             status=Complaint.Status.ROUTED, contact_mobile="+97336617739")
    return mine, other


@pytest.mark.parametrize("typed", TYPED)
def test_the_search_finds_the_mobile_however_the_country_code_is_typed(cases, typed):
    mine, _other = cases
    assert list(search.find(Complaint.objects.all(), typed).complaints) == [mine]


@pytest.mark.parametrize("typed", ["0097339123456", "00973 3912 3456"])
def test_the_queue_finds_it_without_calling_it_a_bad_reference(client, cases, typed):
    mine, other = cases
    client.force_login(UserFactory(username="root", is_superuser=True))

    sent = client.post(f"{QUEUE}search/", {"q": typed, "params": ""})
    queue = client.get(sent["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "is not a valid reference" not in queue
    assert mine.display_reference in queue and other.display_reference not in queue


def test_a_reference_with_a_wrong_digit_is_still_refused(cases):
    mine, _other = cases
    wrong = mine.reference[:-1] + str((int(mine.reference[-1]) + 1) % 10)
    with pytest.raises(search.NotAReference):
        search.find(Complaint.objects.all(), wrong)


def test_a_number_with_the_country_code_that_is_no_mobile_finds_nothing(cases):
    assert not search.find(Complaint.objects.all(), "00973 1753 3333").complaints.exists()  # a landline
