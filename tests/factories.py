import itertools
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from complaints.models import Category, Citizen, Complaint, Department, SlaClock
from complaints.values import references

_cpr_numbers = itertools.count(900000001)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"department-{n}")
    name_ar = factory.Sequence(lambda n: f"إدارة {n}")
    name_en = factory.Sequence(lambda n: f"Department {n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"category-{n}")
    name_ar = factory.Sequence(lambda n: f"فئة {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    default_department = factory.SubFactory(DepartmentFactory)


class CitizenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citizen

    name = "فاطمة علي حسن"
    cpr = factory.LazyFunction(lambda: str(next(_cpr_numbers)))
    mobile = "+97339123456"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    is_staff = True


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complaint
        skip_postgeneration_save = True

    reference = factory.LazyFunction(lambda: references.new_reference(2026))
    channel = Complaint.Channel.WEB
    subject = "تسرب مياه في سقف الوحدة السكنية"
    body = "يوجد تسرب مياه من السقف منذ شهرين ولم تتم الصيانة."
    citizen = factory.SubFactory(CitizenFactory)
    received_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda complaint: complaint.received_at + timedelta(days=30))

    @factory.post_generation
    def clock(complaint, create, extracted, **values):
        """The SLA clock row intake would create; `clock__stage=1` and the like override it."""
        if not create:
            return
        running = complaint.status not in (Complaint.Status.AWAITING_CITIZEN, Complaint.Status.RESPONDED,
                                           Complaint.Status.CLOSED, Complaint.Status.MERGED)
        values.setdefault("due_at", complaint.due_at)
        values.setdefault("next_action_at", complaint.due_at - timedelta(days=7) if running else None)
        SlaClock.objects.create(complaint=complaint, **values)
