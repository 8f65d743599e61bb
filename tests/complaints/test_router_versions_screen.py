"""The routing model's versions in the back office: the system administrator and the supervisors
read each version's figures; only the system administrator makes a version current (a promotion or
a roll back), after a confirmation. Nothing is added, changed or deleted there."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from complaints.models import RouterVersion
from complaints.routing import model_store
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
BAHRAIN = ZoneInfo("Asia/Bahrain")
LIST = reverse("admin:complaints_routerversion_changelist")
FIGURES = {
    "held_out": {"examples": 359, "accuracy": 0.8663, "hard_accuracy": 0.795, "routed_right": 0.585,
                 "routed_wrong": 0.0306, "triaged": 0.3844, "right_among_suggestions": 0.9783,
                 "by_language": {"ar": 0.8578, "en": 0.8774},
                 "departments": {"maintenance": {"precision": 0.9091, "recall": 0.8824, "examples": 34},
                                 "allocations": {"precision": 0.7931, "recall": 0.8846, "examples": 26}}},
    "corrections": {"examples": 12, "accuracy": 0.75, "routed_right": 0.5, "routed_wrong": 0.0833,
                    "triaged": 0.4167},
    "compared_with": "20261205-0200-aaaaaaaaaaaa",
    "current": {"held_out": {"accuracy": 0.85}, "corrections": {"accuracy": 0.7}},
}


def stored(version, *, day, current=False, figures=FIGURES, note="Promoted: held-out accuracy 86.6%."):
    return RouterVersion.objects.create(
        version=version, created_at=datetime(2026, 12, day, 2, 0, tzinfo=BAHRAIN), artefact=b"not loaded here",
        figures=figures, note=note, is_current=current,
        promoted_at=datetime(2026, 12, day, 2, 1, tzinfo=BAHRAIN) if current else None,
        trained_on={"corpus": 1778, "answered_complaints": 240, "recent_corrections": 12})


@pytest.fixture
def versions(maintenance):
    DepartmentFactory(code="allocations", name_ar="إدارة التخصيص", name_en="Allocations")
    return {"current": stored("20261206-0200-bbbbbbbbbbbb", day=6, current=True),
            "earlier": stored("20261205-0200-aaaaaaaaaaaa", day=5, figures={"held_out": {"accuracy": 0.85}})}


@pytest.fixture
def administrator(client, staff_member):
    client.force_login(staff_member("admin.salman", "system-administrator"))
    return client


@pytest.fixture
def supervising(client, supervisor):
    client.force_login(supervisor)
    return client


def get(client, url):
    return client.get(url, headers={"accept-language": "en"})


def detail(version):
    return reverse("admin:complaints_routerversion_change", args=[version.pk])


def make_current(version):
    return reverse("admin:complaints_routerversion_make_current", args=[version.pk])


def test_the_list_shows_each_version_with_its_figures(supervising, versions, routing_model):
    html = get(supervising, LIST).content.decode()

    for version in versions.values():
        assert version.version in html
    assert "86.6%" in html and "3.1%" in html and "75.0%" in html  # held out, routed wrong, corrections
    assert "corpus: 1778; answered complaints: 240; recent corrections: 12" in html
    assert "Promoted: held-out accuracy 86.6%." in html
    assert "In use: version 20261206-0200-bbbbbbbbbbbb" in html


def test_without_a_current_version_the_list_says_the_model_shipped_with_the_code_is_in_use(supervising,
                                                                                            routing_model):
    stored("20261205-0200-aaaaaaaaaaaa", day=5, note="Not promoted: held out accuracy 80.0% against 86.6%.")
    html = get(supervising, LIST).content.decode()

    shipped = model_store.shipped_description()
    assert ("No version trained here is current: the model shipped with the code is in use (version "
            f"{shipped['version']}, held-out accuracy") in html


def test_with_the_model_switched_off_the_list_says_so(supervising, versions, settings):
    settings.ROUTING_MODEL = "none"
    assert "The routing model is switched off" in get(supervising, LIST).content.decode()


def test_the_list_reads_a_bounded_number_of_queries(supervising, django_assert_max_num_queries):
    for day in range(1, 21):
        stored(f"202612{day:02d}-0200-cccccccccccc", day=day, current=day == 20)
    with django_assert_max_num_queries(12):
        assert get(supervising, LIST).status_code == 200


def test_a_version_s_page_shows_its_figures_and_the_precision_and_recall_of_each_department(supervising,
                                                                                              versions):
    html = get(supervising, detail(versions["current"])).content.decode()

    assert "<th scope=\"row\">Maintenance</th><td>90.9%</td><td>88.2%</td><td>34</td>" in html
    assert "<th scope=\"row\">Allocations</th><td>79.3%</td><td>88.5%</td><td>26</td>" in html
    assert "Right department among the three suggested, at triage</th><td>97.8%</td>" in html
    assert "Version 20261205-0200-aaaaaaaaaaaa: held-out accuracy 85.0%, on recent corrections 70.0%." in html


def test_a_version_s_page_has_nothing_to_edit_and_nothing_to_delete(administrator, versions):
    response = get(administrator, detail(versions["earlier"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="version"' not in html and 'name="note"' not in html and 'name="_save"' not in html
    assert reverse("admin:complaints_routerversion_delete", args=[versions["earlier"].pk]) not in html
    assert get(administrator, reverse("admin:complaints_routerversion_add")).status_code == 403
    assert administrator.post(detail(versions["earlier"]), {"note": "changed"}).status_code == 403
    assert administrator.post(reverse("admin:complaints_routerversion_delete",
                                      args=[versions["earlier"].pk]), {"post": "yes"}).status_code == 403
    assert RouterVersion.objects.count() == 2


def test_the_system_administrator_is_offered_to_make_an_earlier_version_current(administrator, versions):
    assert make_current(versions["earlier"]) in get(administrator, detail(versions["earlier"])).content.decode()
    assert make_current(versions["current"]) not in get(administrator, detail(versions["current"])).content.decode()


def test_making_a_version_current_asks_first(administrator, versions):
    response = get(administrator, make_current(versions["earlier"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Make version 20261205-0200-aaaaaaaaaaaa (held-out accuracy 85.0%) the current routing model?" in html
    assert "The current version is 20261206-0200-bbbbbbbbbbbb (held-out accuracy 86.6%)." in html
    assert "Yes, make it the current model" in html
    assert RouterVersion.objects.get(is_current=True) == versions["current"]


def test_the_system_administrator_rolls_back_to_an_earlier_version(administrator, versions, staff_member):
    response = administrator.post(make_current(versions["earlier"]), headers={"accept-language": "en"},
                                  follow=True)

    assert response.redirect_chain[-1][0] == LIST
    assert ("Version 20261205-0200-aaaaaaaaaaaa is now the current routing model: every worker routes with it "
            "within 30 seconds.") in response.content.decode()
    earlier, current = (RouterVersion.objects.get(pk=versions[name].pk) for name in ("earlier", "current"))
    assert earlier.is_current and earlier.promoted_at is not None and not current.is_current
    entry = LogEntry.objects.get(object_id=str(earlier.pk))
    assert (entry.user.username, entry.get_change_message()) == ("admin.salman", "Made the current routing model.")


def test_making_the_current_version_current_again_changes_nothing(administrator, versions):
    promoted_at = versions["current"].promoted_at
    response = administrator.post(make_current(versions["current"]), headers={"accept-language": "en"}, follow=True)

    assert "is already the current routing model" in response.content.decode()
    assert RouterVersion.objects.get(is_current=True).promoted_at == promoted_at


def test_a_supervisor_reads_the_versions_but_may_not_make_one_current(supervising, versions):
    assert make_current(versions["earlier"]) not in get(supervising, detail(versions["earlier"])).content.decode()
    assert get(supervising, make_current(versions["earlier"])).status_code == 403
    assert supervising.post(make_current(versions["earlier"])).status_code == 403
    assert RouterVersion.objects.get(is_current=True) == versions["current"]


@pytest.mark.parametrize("role", ["system-administrator", "supervisor"])
def test_the_versions_are_in_the_menu_of_the_administrator_and_the_supervisors(client, staff_member, role):
    client.force_login(staff_member("someone", role))
    assert f'href="{LIST}"' in client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize("role", ["department-head", "ministers-office", "complaints-unit-agent",
                                  "department-officer", "data-protection-officer"])
def test_other_staff_neither_see_nor_open_the_versions(client, staff_member, maintenance, versions, role):
    client.force_login(staff_member("someone", role, maintenance if role.startswith("department-") else None))
    assert LIST not in client.get(reverse("admin:index")).content.decode()
    assert client.get(LIST).status_code == 403
    assert client.get(detail(versions["earlier"])).status_code == 403
    assert client.post(make_current(versions["earlier"])).status_code == 403
