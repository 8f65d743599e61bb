"""The media digest's subject says how many items it carries, in English and in Arabic (whose
plural forms for two and for none say the number in words)."""

from datetime import date

import pytest

from channels_intake.media import digest
from channels_intake.models import MediaItem
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 26)


def items(count):
    return [MediaItem(outlet="Al Ayam", medium=MediaItem.Medium.PRINT, published_on=DAY,
                      headline=f"Headline {n}", excerpt="…") for n in range(count)]


@pytest.fixture
def maintenance_department(db):
    return DepartmentFactory(code="maintenance", name_ar="إدارة الصيانة", name_en="Maintenance")


@pytest.mark.parametrize(("count", "english", "arabic"), [
    (1, "Media monitoring: 1 item for Maintenance on 2026-11-26", "الرصد الإعلامي: مادة واحدة لـ إدارة الصيانة"),
    (2, "Media monitoring: 2 items for Maintenance on 2026-11-26", "الرصد الإعلامي: مادتان لـ إدارة الصيانة"),
    (3, "Media monitoring: 3 items for Maintenance on 2026-11-26", "الرصد الإعلامي: 3 مواد لـ إدارة الصيانة"),
    (12, "Media monitoring: 12 items for Maintenance on 2026-11-26", "الرصد الإعلامي: 12 مادة لـ إدارة الصيانة"),
])
def test_the_subject_gives_the_number_of_items_in_both_languages(maintenance_department, count, english, arabic):
    subject = digest.compose(maintenance_department, DAY, items(count), ["maintenance@housing.gov.bh"]).subject

    arabic_part, english_part = subject.split(" | ")
    assert english_part == english
    assert arabic_part.startswith(arabic) and arabic_part.endswith("2026-11-26")
