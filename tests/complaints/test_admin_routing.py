"""Back-office screens for routing: editing rules, trying them on a text, transferring cases."""

import pytest
from django.urls import reverse

from complaints.models import Complaint, ComplaintEvent, RoutingRule
from tests.factories import ComplaintFactory, DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@housing.gov.bh", "pw")
    client.force_login(user)
    return client


def test_a_rule_is_saved_with_ticked_channels_and_kinds(admin_client, maintenance):
    response = admin_client.post(reverse("admin:complaints_routingrule_add"), {
        "name": "تسربات", "position": 5, "is_active": "on", "department": maintenance.pk,
        "keywords": "تسرب\nleak", "channels": ["web", "tawasul"], "kinds": ["complaint"], "urgency": "any",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    rule = RoutingRule.objects.get()
    assert (rule.channels, rule.kinds, rule.keyword_list()) == (["web", "tawasul"], ["complaint"], ["تسرب", "leak"])


def test_staff_paste_a_text_and_see_which_rule_would_fire(admin_client, ministry):
    legal = DepartmentFactory(code="legal-affairs", name_ar="الشؤون القانونية", name_en="Legal Affairs")
    rule = RoutingRule.objects.create(name="إخلاء ونزاعات", position=1, department=legal, keywords="إخلاء")

    response = admin_client.post(reverse("admin:complaints_routingrule_try"),
                                 {"text": "وصلني انذار بالاخلاء", "channel": "web", "kind": "complaint"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="routing-decision"' in html
    assert "الشؤون القانونية" in html
    assert reverse("admin:complaints_routingrule_change", args=[rule.pk]) in html
    assert not Complaint.objects.exists()


def test_the_try_page_with_nothing_matching_names_the_triage_queue(admin_client, ministry):
    response = admin_client.post(reverse("admin:complaints_routingrule_try"),
                                 {"text": "سؤال عام", "channel": "web", "kind": "inquiry"})
    assert "وحدة الشكاوى" in response.content.decode()


def test_the_transfer_action_asks_for_a_department_and_a_reason_then_transfers(admin_client, maintenance):
    legal = DepartmentFactory(code="legal-affairs")
    complaints = [ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=maintenance) for _ in range(2)]
    url = reverse("admin:complaints_complaint_changelist")
    selected = {"action": "transfer", "_selected_action": [c.pk for c in complaints]}

    form_page = admin_client.post(url, selected)
    assert form_page.status_code == 200 and 'name="reason"' in form_page.content.decode()

    done = admin_client.post(url, {**selected, "apply": "1", "to_department": legal.pk, "reason": "نزاع قانوني"})

    assert done.status_code == 302
    assert set(Complaint.objects.values_list("department", flat=True)) == {legal.pk}
    assert ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.TRANSFERRED, note="نزاع قانوني").count() == 2


def test_the_transfer_action_without_a_reason_transfers_nothing(admin_client, maintenance):
    legal = DepartmentFactory(code="legal-affairs")
    complaint = ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=maintenance)
    response = admin_client.post(reverse("admin:complaints_complaint_changelist"), {
        "action": "transfer", "_selected_action": [complaint.pk], "apply": "1", "to_department": legal.pk,
        "reason": ""})
    assert response.status_code == 200
    complaint.refresh_from_db()
    assert complaint.department == maintenance


def test_staff_find_a_complaint_by_its_reference_typed_any_way(admin_client):
    complaint = ComplaintFactory()
    arabic = complaint.display_reference.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    for typed in (complaint.display_reference, complaint.reference, arabic):
        response = admin_client.get(reverse("admin:complaints_complaint_changelist"), {"q": typed})
        assert list(response.context["cl"].result_list) == [complaint], typed


def test_a_mistyped_reference_is_refused_not_matched(admin_client):
    complaint = ComplaintFactory()
    wrong = complaint.reference[:4] + str((int(complaint.reference[4]) + 1) % 10) + complaint.reference[5:]

    response = admin_client.get(reverse("admin:complaints_complaint_changelist"), {"q": wrong}, follow=True)

    assert list(response.context["cl"].result_list) == []
    assert "check the digits" in response.content.decode() or "تحقق" in response.content.decode()
