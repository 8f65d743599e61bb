"""The demo's routing rules against complaints as citizens write them.

The rules are built straight from `core_data.ROUTING_RULES`, without the database, so the whole
table runs in milliseconds. None of the complaints below is one of the demo templates: they are
written the way citizens write, with and without hamza, ة or ه, ى or ي, diacritics, Arabic-Indic
digits and Gulf dialect. The last test checks that `seed_demo` stores the same rules.
"""

import pytest
from django.core.management import call_command

from complaints.models import Complaint, Department, RoutingRule
from complaints.routing import rules
from complaints.routing.decisions import ComplaintFacts, Rule, decide
from housing_portal.demo import core_data

Channel = Complaint.Channel
COMPLAINTS_UNIT = Department.COMPLAINTS_UNIT


def rules_from_data(rows=core_data.ROUTING_RULES) -> tuple[Rule, ...]:
    """The rules as `complaints.routing.rules.load_active_rules` would read them after `seed_demo`."""
    ordered = sorted(rows, key=lambda row: row["position"])
    return tuple(
        Rule(id=n, name=row["name"], department_code=row["department"],
             channels=frozenset(row.get("channels", ())), kinds=frozenset(row.get("kinds", ())),
             category_codes=frozenset(row.get("categories", ())), keywords=tuple(row["keywords"]))
        for n, row in enumerate(ordered, start=1)
    )


RULES = rules_from_data()


def department_for(subject, body, *, kind="complaint", channel=Channel.WEB, category_code=None):
    return decide(ComplaintFacts(channel=channel, kind=kind, text=f"{subject}\n{body}",
                                 category_code=category_code), RULES).department_code


# (kind, subject, body, expected department)
ARABIC = [
    # Maintenance
    ("complaint", "السقف يخر ماي في بيتنا بمدينة سلمان",
     "من أول مطرة والسقف يخر ماي على غرفة العيال، سوينا بلاغ من شهر وللحين ما أحد جانا.", "maintenance"),
    ("complaint", "تشققات كبيره في جدار الصاله",
     "ظهرت شقوق طويله في جدار الصاله والمطبخ بعد سنتين من الاستلام ونخاف على سلامة الاولاد.", "maintenance"),
    ("complaint", "تَسَرُّبٌ مُسْتَمِرٌّ مِنْ أَنَابِيبِ الْحَمَّامِ",
     "المياه تنزل من حمّامنا إلى الشقة اللي تحتنا، والجيران اشتكوا أكثر من مرة.", "maintenance"),
    ("complaint", "انقطاع متكرر للكهربا في الشقة",
     "الكهربا تطفي كل يوم في شقتنا بمشروع اللوزي، والفني قال إن فيه خلل في التمديدات من الأساس.",
     "maintenance"),
    ("complaint", "الكنديشن خربان والحر ما ينطاق",
     "البيت مستلمينه قبل ٦ شهور ومكيفات الغرف ما تبرد أبد، وعندنا أطفال رضع.", "maintenance"),
    ("complaint", "طفح المجاري قدام البيت",
     "المجارى طافحة في الشارع قدام بيتنا في مجمع ١٠٢٤ والريحة ما تنطاق من أسبوع.", "maintenance"),
    ("inquiry", "رطوبة وعفن في غرف النوم",
     "الجدران فيها رطوبه والصبغ يتقشر. هل هذا يدخل ضمن الضمان؟ ومتى يجي فريق الفحص؟", "maintenance"),
    ("complaint", "المصعد عطلان من شهر",
     "مصعد العمارة رقم ٣٢ في مشروع اللوزي عطلان، وفي الدور الرابع جدة عمرها ثمانين سنة.", "maintenance"),
    # Allocation and the waiting list
    ("inquiry", "متى يطلع اسمي في التوزيع؟",
     "طلبي من سنة ٢٠٠٨ وللحين ما طلع لي بيت، وكل سنة أشوف ناس طلباتهم بعدي ياخذون.", "allocations"),
    ("inquiry", "ترتيبي في قايمة الانتظار",
     "أبي أعرف ترتيبي في قايمة الانتظار لأني صار لي ١٤ سنة أنتظر ومتى دوري.", "allocations"),
    ("complaint", "تأخر تسليم البيت",
     "وقعنا على الاستمارة في مشروع شرق سترة قبل ستة أشهر وما استلمنا المفاتيح إلى الآن.", "allocations"),
    ("complaint", "طفح الكيل من طول الانتظار",
     "صار لنا أكثر من عقدين ننتظر وحدة سكنيه، ونسكن في بيت الأهل بغرفة واحدة.", "allocations"),
    ("complaint", "طال انتظاري",
     "عمري الحين ٥٢ سنة وطال انتظاري، عيالي كبروا وما زلنا في شقة إيجار.", "allocations"),
    # Rent allowance
    ("complaint", "علاوة السكن ما نزلت هالشهر",
     "كل شهر تنزل في الحساب بتاريخ ٢٥ وهالشهر ما نزلت، وما وصلتني أي رسالة.", "rent-allowance"),
    ("complaint", "تأخر صرف بدل السكن منذ 3 أشهر",
     "لم يصرف لي بدل السكن منذ ثلاثة أشهر رغم تحديث بياناتي في الموعد.", "rent-allowance"),
    ("complaint", "أوقفوا علاوتي السكنية",
     "أوقفوا علاوتي السكنية لأن راتبي زاد شوي مع أن الدخل ما زال أقل من الحد.", "rent-allowance"),
    ("complaint", "توقفت العلاوة فجأة",
     "توقفت العلاوة من شهرين وأنا ما زلت مستأجر وما تغير شي في وضعي.", "rent-allowance"),
    # Legal disputes: eviction of a flat rented on the allowance is legal, not the allowance section
    ("complaint", "إنذار إخلاء من مالك الشقة",
     "تلقيت إنذار إخلاء من مالك الشقة المستأجرة التي أسكنها وأدفع إيجارها من علاوة السكن.",
     "legal-affairs"),
    ("complaint", "خلاف بين الورثه على بيت الاسكان",
     "توفى الوالد الله يرحمه والورثه مختلفين على البيت، وأمي ساكنة فيه وما عندها مكان ثاني.",
     "legal-affairs"),
    ("complaint", "طليقي رافض يطلع من البيت",
     "البيت مخصص باسمي وطليقي رافض يطلع منه من سنة.", "legal-affairs"),
    ("inquiry", "حكم المحكمه بنقل الوحدة لاسمي",
     "صدر حكم من المحكمه بنقل الوحدة السكنيه لاسمي، ما هي الإجراءات عندكم؟", "legal-affairs"),
    ("complaint", "الغاء التخصيص بدون وجه حق",
     "وصلني قرار الغاء التخصيص بحجة أني ما أسكن في البيت وأنا ساكن فيه مع عيالي.", "legal-affairs"),
    ("inquiry", "قضية الشقة أمام القضاء",
     "أخو زوجي ساكن في شقتنا بالقوة والموضوع الحين أمام القضاء، هل توقفون التخصيص لين يصدر الحكم؟",
     "legal-affairs"),
    # Eligibility and the social study
    ("complaint", "رفضوا طلبي بسبب الدخل",
     "رفضوا طلبي لأن الدخل يتعدى السقف بمئة دينار بس، وهذا بسبب علاوة مؤقتة.", "studies"),
    ("complaint", "اطلب دراسة اجتماعية لوضعي",
     "أعيش أنا وزوجتي وأولادي الأربعة في مجلس بيت الوالد، وأطلب إجراء دراسة اجتماعية لحالتنا.",
     "studies"),
    ("inquiry", "شروط الاستحقاق للأرامل",
     "أنا أرملة ومعي ثلاثة أطفال، ما هي شروط الاستحقاق للخدمات الإسكانية؟", "studies"),
    ("complaint", "رُفض طلبي لأن زوجي يملك أرض",
     "زوجي يملك أرض صغيرة ورثها عن أبوه ما تصلح للبناء، ورفضوا طلبنا بسببها.", "studies"),
    # Housing finance
    ("inquiry", "أبغي قرض ترميم",
     "البيت قديم وفيه تشققات ويحتاج ترميم، كيف أقدم على قرض الترميم؟", "housing-finance"),
    ("complaint", "تأخر موافقة برنامج مزايا",
     "قدمت على مزايا من ٥ شهور والبنك يقول ينتظر موافقة الوزارة والمطور بيلغي الحجز.", "housing-finance"),
    ("complaint", "استقطعوا القسط الشهري مرتين",
     "استقطعوا القسط الشهري من راتبي مرتين هالشهر وأبي ترجعون الفرق.", "housing-finance"),
    # Staff conduct
    ("complaint", "سوء معاملة من موظف الاستقبال",
     "تعرضت لسوء معاملة من الموظف عند الاستقبال ورفض يستلم أوراقي.", "customer-service"),
    # Nothing the rules claim: the complaints unit triages it
    ("inquiry", "ساعات الدوام يوم السبت",
     "هل الوزارة تداوم يوم السبت؟ وما هي ساعات الدوام في العيد؟", COMPLAINTS_UNIT),
    ("complaint", "شكر وتقدير",
     "أتقدم بالشكر لكم على سرعة الرد على استفساري الأسبوع الماضي.", COMPLAINTS_UNIT),
    # A suggestion is collected by the complaints unit, whatever it is about
    ("suggestion", "اقتراح تطبيق لمتابعة طلبات الصيانة",
     "أقترح تطبيقاً على الهاتف يبين موعد زيارة فني الصيانة وحالة البلاغ.", COMPLAINTS_UNIT),
]

ENGLISH = [
    ("complaint", "Water seeping through the bathroom wall",
     "Water has been seeping into the bedroom from the bathroom for a month and the paint is bubbling.",
     "maintenance"),
    ("complaint", "Power keeps tripping in our flat",
     "The electrics trip several times a day and one socket sparked yesterday.", "maintenance"),
    ("complaint", "Air conditioners not cooling",
     "None of the air conditioners in our new house in Salman Town cool the rooms, even on low.",
     "maintenance"),
    ("complaint", "Blocked drain flooding the courtyard",
     "The drain in our courtyard overflows every time we use the washing machine.", "maintenance"),
    ("complaint", "Lift out of order for three weeks",
     "The lift in our building in Busaiteen has been out of order and my father cannot use the stairs.",
     "maintenance"),
    ("inquiry", "Where am I on the waiting list?",
     "I applied in 2011 for a house in the Southern Governorate. What is my current position?",
     "allocations"),
    ("inquiry", "When will the Salman Town units be allocated?",
     "We were told our file is complete. When are the units in the new phase going to be handed out?",
     "allocations"),
    ("complaint", "My rent allowance has not been paid for March",
     "The payment usually arrives on the 25th but nothing came this month.", "rent-allowance"),
    ("complaint", "Landlord is evicting us",
     "The owner of the flat we rent with the rent allowance wants to evict us by the end of the month.",
     "legal-affairs"),
    ("complaint", "Quarrel with my brothers over our late father's house",
     "My brothers want to sell the house the ministry gave our father; my mother still lives there.",
     "legal-affairs"),
    ("complaint", "My brother-in-law will not leave our flat",
     "The court said the flat is ours but he is still living in it. What can the ministry do?",
     "legal-affairs"),
    ("inquiry", "Am I eligible if my husband owns land?",
     "My husband owns a small plot that cannot be built on. Can we still apply for a house?", "studies"),
    ("complaint", "Mazaya approval stuck",
     "The bank approved my Mazaya loan two months ago but the ministry has not confirmed the subsidy.",
     "housing-finance"),
    ("complaint", "Rude employee at reception",
     "The employee at reception was rude and told me to come back another day.", "customer-service"),
    ("inquiry", "Opening hours during Eid",
     "Will the ministry be open during the Eid holiday? I need to hand in some papers.", COMPLAINTS_UNIT),
    ("complaint", "Thank you",
     "I want to thank the team that answered my question so quickly last week.", COMPLAINTS_UNIT),
]


def case_id(case):
    return case[1]


@pytest.mark.parametrize(("kind", "subject", "body", "department"), ARABIC,
                         ids=[case_id(c) for c in ARABIC])
def test_an_arabic_complaint_reaches_the_department_that_handles_it(kind, subject, body, department):
    assert department_for(subject, body, kind=kind) == department


@pytest.mark.parametrize(("kind", "subject", "body", "department"), ENGLISH,
                         ids=[case_id(c) for c in ENGLISH])
def test_an_english_complaint_reaches_the_department_that_handles_it(kind, subject, body, department):
    assert department_for(subject, body, kind=kind) == department


def test_the_table_covers_at_least_forty_complaints_in_both_languages():
    assert len(ARABIC) >= 28 and len(ENGLISH) >= 12


# Two spellings of one complaint, and where both must land.
SPELLING_PAIRS = [
    ("علاوة السكن توقفت بدون سبب", "علاوه السكن توقفت بدون سبب", "rent-allowance"),
    ("وين وصل طلبي الإسكاني؟", "وين وصل طلبي الاسكاني؟", "allocations"),
    ("إنذار بإخلاء الوحدة", "انذار باخلاء الوحده", "legal-affairs"),
    ("طفح المجاري في الحمام", "طفح المجارى في الحمام", "maintenance"),
    ("تَسَرُّبُ المِيَاهِ مِنَ السَّقْفِ", "تسرب المياه من السقف", "maintenance"),
    ("أطلب أولوية في التخصيص", "اطلب اولويه في التخصيص", "allocations"),
    ("شروط الاستحقاق للمطلقة", "شروط الإستحقاق للمطلقه", "studies"),
    ("قرض بنك الإسكان", "قرض بنك الاسكان", "housing-finance"),
]


@pytest.mark.parametrize(("one", "other", "department"), SPELLING_PAIRS, ids=[p[0] for p in SPELLING_PAIRS])
def test_two_spellings_of_the_same_words_land_in_the_same_place(one, other, department):
    assert department_for(one, "") == department_for(other, "") == department


def test_arabic_indic_and_latin_digits_do_not_change_the_department():
    latin = department_for("تأخر صرف علاوة السكن منذ 3 أشهر", "رقم الطلب 20140512")
    arabic_indic = department_for("تأخر صرف علاوة السكن منذ ٣ أشهر", "رقم الطلب ٢٠١٤٠٥١٢")
    assert latin == arabic_indic == "rent-allowance"


@pytest.mark.parametrize(("subject", "body", "department"), [
    ("Rent allowance stopped", "It stopped although my current salary has not changed.", "rent-allowance"),
    ("Our income is just above the ceiling", "Please reconsider the income ceiling for large families.",
     "studies"),
    ("سقف الدخل", "دخل الأسرة تجاوز سقف الدخل بمبلغ بسيط ونطلب إعادة النظر.", "studies"),
    ("Still no roof over our heads", "Our housing application is from 2009 and we still have no house.",
     "allocations"),
    ("المطور العقاري تأخر", "المطور العقاري في مشروع مزايا تأخر في تسليم الشقة سنة كاملة.",
     "housing-finance"),
])
def test_words_that_only_look_like_a_keyword_do_not_decide(subject, body, department):
    assert department_for(subject, body) == department


def test_a_taht_amrak_letter_goes_to_the_ministers_office_whatever_it_says():
    letter = "سعادة الوزير المحترم، تسرب المياه من سقف بيتي منذ سنة ولم تصلح الصيانة شيئاً."
    assert department_for("رسالة إلى سعادة الوزير", letter, channel=Channel.TAHT_AMRAK) \
        == Department.MINISTERS_OFFICE


def test_a_complaint_about_service_quality_stays_with_customer_service_even_when_it_names_allocations():
    assert department_for("لا أحد يرد على الهاتف", "اتصلت عشرين مرة وقت إعلان التوزيعات ولا أحد يرد.",
                          category_code="service-quality") == "customer-service"


def test_every_rule_sends_to_a_demo_department_and_names_known_categories():
    department_codes = {code for code, _ar, _en in core_data.DEPARTMENTS}
    category_codes = {row[0] for row in core_data.CATEGORIES}
    names = [row["name"] for row in core_data.ROUTING_RULES]
    positions = [row["position"] for row in core_data.ROUTING_RULES]

    assert {row["department"] for row in core_data.ROUTING_RULES} <= department_codes
    assert {code for row in core_data.ROUTING_RULES for code in row.get("categories", ())} <= category_codes
    assert len(set(names)) == len(names) and len(set(positions)) == len(positions)


# The two general inquiries whose words do name a department: tracking a housing application is
# for allocations, adding a child to one changes what the family is eligible for.
TEMPLATES_ROUTED_BY_THEIR_WORDS = {
    "استفسار عن متابعة الطلب إلكترونياً": "allocations",
    "How do I add my new-born child to my application?": "studies",
}


@pytest.mark.parametrize("channel", [c for c in Channel.values if c != Channel.TAHT_AMRAK])
def test_demo_complaints_through_every_channel_land_where_their_category_points(channel):
    """`seed_demo` routes its templates with these rules: the words each channel adds around a
    template (hotline, service centre, social media) must not pull it elsewhere."""
    category_departments = {row[0]: row[3] for row in core_data.CATEGORIES}
    details = {"outlet": "صحيفة الوطن", "case_number": "123456789", "signature": "مواطن"}
    for subject, body, kind, category_code, language in core_data.COMPLAINT_TEMPLATES:
        subject_frame, body_frame = core_data.CHANNEL_FRAMES[channel][language]
        text = (subject_frame.format(subject=subject, body=body, **details) + "\n"
                + body_frame.format(subject=subject, body=body, **details))
        decision = decide(ComplaintFacts(channel=channel, kind=kind, text=text, category_code=category_code,
                                         category_department_code=category_departments[category_code]),
                          RULES)
        expected = TEMPLATES_ROUTED_BY_THEIR_WORDS.get(subject, category_departments[category_code])
        assert decision.department_code == expected, (subject, decision.reason)


@pytest.mark.django_db
def test_seed_demo_stores_each_rule_once_and_they_load_in_position_order(capsys):
    call_command("seed_demo", password="x")
    assert f"Routing rules: {len(core_data.ROUTING_RULES)} ({len(core_data.ROUTING_RULES)} new)" \
        in capsys.readouterr().out
    call_command("seed_demo", password="x")
    assert f"Routing rules: {len(core_data.ROUTING_RULES)} (0 new)" in capsys.readouterr().out

    by_position = sorted(core_data.ROUTING_RULES, key=lambda row: row["position"])
    for row in core_data.ROUTING_RULES:
        assert RoutingRule.objects.filter(name=row["name"]).count() == 1
    loaded = rules.load_active_rules()
    assert [rule.name for rule in loaded] == [row["name"] for row in by_position]
    assert [rule.department_code for rule in loaded] == [row["department"] for row in by_position]
    assert [(rule.keywords, rule.kinds, rule.category_codes) for rule in loaded] == [
        (tuple(row["keywords"]), frozenset(row.get("kinds", ())), frozenset(row.get("categories", ())))
        for row in by_position
    ]
