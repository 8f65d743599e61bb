"""Named people and places the tests talk about."""

import pytest

from complaints.models import Department
from tests.factories import CategoryFactory, CitizenFactory, DepartmentFactory, UserFactory


@pytest.fixture
def complaints_unit(db):
    return DepartmentFactory(code=Department.COMPLAINTS_UNIT, name_ar="وحدة الشكاوى", name_en="Complaints unit")


@pytest.fixture
def ministers_office(db):
    return DepartmentFactory(code=Department.MINISTERS_OFFICE, name_ar="مكتب الوزير", name_en="Minister's office")


@pytest.fixture
def maintenance(db):
    return DepartmentFactory(code="maintenance", name_ar="إدارة الصيانة", name_en="Maintenance")


@pytest.fixture
def ministry(complaints_unit, ministers_office, maintenance):
    """The departments every routing decision can name."""
    return {"complaints_unit": complaints_unit, "ministers_office": ministers_office, "maintenance": maintenance}


@pytest.fixture
def maintenance_category(maintenance):
    return CategoryFactory(code="maintenance-defects", name_ar="أعطال الصيانة", name_en="Maintenance defects",
                           default_department=maintenance)


@pytest.fixture
def fatima(db):
    """A citizen who writes in Arabic."""
    return CitizenFactory(name="فاطمة علي حسن", cpr="850412345", mobile="+97339123456")


@pytest.fixture
def officer(db):
    """A complaints-unit agent."""
    return UserFactory(username="agent.layla", first_name="Layla")


@pytest.fixture(autouse=True)
def static_files_without_a_manifest(settings):
    """Production hashes static file names at collectstatic; tests render pages without running it."""
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture(autouse=True)
def routing_without_the_model(settings):
    """Most tests route by policy rules and categories, so that their departments do not depend on
    the shipped model; the routing model's own tests take the `routing_model` fixture."""
    settings.ROUTING_MODEL = "none"


@pytest.fixture
def routing_model(settings):
    settings.ROUTING_MODEL = "current"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_process_caches():
    """Routing rules and the working calendar are cached per process; each test starts clean."""
    from complaints.routing import rules
    from complaints.sla import clock

    rules.forget()
    clock.forget_calendar()
    yield
    rules.forget()
    clock.forget_calendar()


@pytest.fixture(autouse=True)
def empty_cache():
    """Throttle counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    from complaints.notifications.sms import MemoryBackend

    MemoryBackend.outbox.clear()
    return MemoryBackend.outbox


@pytest.fixture
def staff_member(db):
    """Makes a member of staff with a role (complaints.security.roles) and, for department roles, a department."""
    from django.contrib.auth.models import Group

    from complaints.models import StaffProfile
    from complaints.security.roles import ROLES_BY_CODE

    def make(username, role, department=None, **fields):
        user = UserFactory(username=username, **fields)
        user.groups.add(Group.objects.get(name=ROLES_BY_CODE[role].name_en))
        StaffProfile.objects.create(user=user, department=department)
        return user

    return make


@pytest.fixture
def maintenance_officer(staff_member, maintenance):
    """A department officer of Maintenance."""
    return staff_member("officer.hassan", "department-officer", maintenance, first_name="Hassan")


@pytest.fixture
def supervisor(staff_member):
    """The complaints supervisor, who also sees who looked at personal data."""
    return staff_member("supervisor.noor", "supervisor", first_name="Noor")


@pytest.fixture(autouse=True)
def no_paused_message_channels():
    """A failed SMS or e-mail pauses its channel in this process for a while; each test starts without."""
    from complaints.notifications import to_citizens

    to_citizens.forget_channel_failures()
    yield
    to_citizens.forget_channel_failures()


# What a test uses decides its markers, so that `make test-quick` (QUICK_MARKERS in the Makefile)
# leaves out every browser, private server and fuzzer, including ones added later.
FIXTURES_THAT_MARK = {"browser": "browser", "redis_server": "services"}


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(items):
    from hypothesis import is_hypothesis_test

    for item in items:
        for fixture in set(getattr(item, "fixturenames", ())) & FIXTURES_THAT_MARK.keys():
            item.add_marker(FIXTURES_THAT_MARK[fixture])
        if is_hypothesis_test(getattr(item, "obj", None)):
            item.add_marker("fuzz")
