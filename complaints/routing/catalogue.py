"""The ministry's departments and categories as the router knows them: plain values, loaded into the
database by `manage.py load_catalogue` (and by `seed_demo`).

Modelled on Bahrain's Ministry of Housing and Urban Planning: housing services (applications,
the waiting list and allocation), social research and eligibility, the housing allowance, housing
finance with Eskan Bank and the Mazaya programme, maintenance of delivered units, legal affairs,
the housing projects and new towns under construction, property and title deeds, urban planning,
and the customer service centre that owns the service itself. The complaints unit is the triage
desk (what the router is unsure of waits there, with its three likeliest owners one click away);
the minister's office receives the Taht Amrak letters by policy; the housing committee hears the
cases the Ministry Council refers to it. Those three own no matter of their own, so the model is
never trained to choose them.
"""

from dataclasses import dataclass

COMPLAINTS_UNIT = "complaints-unit"
MINISTERS_OFFICE = "ministers-office"


@dataclass(frozen=True)
class DepartmentEntry:
    code: str
    name_ar: str
    name_en: str
    owns_ar: str
    owns_en: str
    owns_matters: bool = True  # a routing target the model learns; False for the desks and bodies above


DEPARTMENTS = (
    DepartmentEntry(
        "customer-service", "مركز خدمة العملاء", "Customer Service Centre",
        "الخدمة نفسها: المواعيد والحجز، والانتظار في المركز، والخط الساخن 80008001، والموقع الإلكتروني "
        "والتطبيق، وتعامل الموظفين، والاتصال الذي وُعد به ولم يتم، والمعلومات المتضاربة، وطريقة معالجة شكوى سابقة.",
        "The service itself: appointments and booking, waiting at the service centre, the hotline 80008001, "
        "the website and the app, staff conduct, promised call-backs, contradictory information, and how an "
        "earlier complaint was handled."),
    DepartmentEntry(
        "allocations", "إدارة الخدمات الإسكانية والتخصيص", "Housing Services and Allocation Directorate",
        "الطلبات الإسكانية بعد قبولها: قوائم الانتظار والأقدمية، وتوزيع البيوت والشقق والقسائم، وخطاب التخصيص، "
        "وتغيير نوع الخدمة أو المنطقة، وأولويات التوزيع، وتسليم مفاتيح الوحدة المخصصة، والاعتذار عن وحدة معروضة.",
        "Housing applications once accepted: the waiting list and seniority, allocation of houses, flats and "
        "plots, the allocation letter, changing the type of service or the area, priority in distribution, "
        "handing over the keys of an allocated unit, declining an offered unit."),
    DepartmentEntry(
        "studies", "إدارة البحث الاجتماعي والاستحقاق", "Social Research and Eligibility Directorate",
        "استحقاق الأسرة والبحث الاجتماعي: سقف الدخل وإثباته، وتملك عقار أو أرض، ورفض الطلب لأسباب الاستحقاق، "
        "وزيارة الباحث الاجتماعي، وتحديث الحالة الاجتماعية في الطلب (زواج، طلاق، ترمل، مولود، وفاة)، "
        "والحالات الإنسانية والخاصة.",
        "Whether a family is eligible, and the social study: the income ceiling and proof of income, owning "
        "property or land, applications refused on eligibility, the social researcher's visit, updating the "
        "family's status in the application (marriage, divorce, widowhood, a birth, a death), humanitarian "
        "and special cases."),
    DepartmentEntry(
        "rent-allowance", "قسم علاوة السكن", "Housing Allowance Section",
        "علاوة السكن الشهرية لمن ينتظر خدمة: طلبها، وإيقافها أو خفضها، وتأخر صرفها أو انقطاعه، والمتأخرات "
        "بأثر رجعي، ومبلغها وتجديدها، والحساب الذي تُصرف فيه، والمطالبة بردّها.",
        "The monthly housing allowance paid while a family waits: applying for it, its stopping or cut, late "
        "or missing payments, arrears, the amount and renewal, the bank account it is paid into, being asked "
        "to pay it back."),
    DepartmentEntry(
        "housing-finance", "إدارة التمويل الإسكاني", "Housing Finance Directorate",
        "القروض الإسكانية (شراء، بناء، ترميم، توسعة)، وبرنامج مزايا مع بنك الإسكان والبنوك الشريكة، "
        "والأقساط الشهرية والاستقطاع من الراتب، وإعادة الجدولة والإعفاء والتخفيض، والسداد المبكر، "
        "واسترداد المبالغ المستقطعة بالزيادة.",
        "Housing loans (purchase, construction, restoration, extension), the Mazaya programme with Eskan Bank "
        "and partner banks, monthly instalments and salary deductions, rescheduling, exemption and reduction, "
        "early settlement, refunds of over-deductions."),
    DepartmentEntry(
        "maintenance", "إدارة الصيانة", "Maintenance Directorate",
        "عيوب الوحدات السكنية المسلّمة والمسكونة وإصلاحها: التسربات والرطوبة والتشققات والكهرباء والتكييف "
        "والسباكة والمجاري وسخانات المياه والخزانات والمصاعد والحشرات، وفترة الضمان بعد التسليم وزيارات مقاول الصيانة.",
        "Defects and repairs in units already handed over and lived in: leaks, damp, cracks, electricity, air "
        "conditioning, plumbing, sewage, water heaters and tanks, lifts, pests, the warranty period after "
        "handover and the maintenance contractor's visits."),
    DepartmentEntry(
        "legal-affairs", "إدارة الشؤون القانونية", "Legal Affairs Directorate",
        "النزاعات والمسائل القانونية على الوحدات: الطلاق ومن يبقى في البيت، والخلاف بين الورثة، والإخلاء، "
        "وإلغاء التخصيص أو سحبه، والقضايا والأحكام، والتزوير، وإشغال وحدة دون حق، وتأجير وحدة الوزارة أو بيعها "
        "خلافاً للعقد، والطعن في المخالفات.",
        "Disputes and legal matters over units: divorce and who keeps the house, heirs at odds, eviction, "
        "cancelled or withdrawn allocations, court cases and judgments, forgery, a unit occupied without "
        "right, a ministry unit sub-let or sold against the contract, challenges to violation notices."),
    DepartmentEntry(
        "housing-projects", "إدارة مشاريع الإسكان", "Housing Projects Directorate",
        "المشاريع الإسكانية قيد الإنشاء والمدن الجديدة: سير العمل والتأخير، وأعمال المقاولين في المواقع، "
        "والضوضاء والغبار والشاحنات، والطرق والإنارة والأرصفة والحدائق والمساجد والمدارس في المدن الجديدة "
        "قبل تسليمها، ومواعيد تسليم المشاريع، والمشاريع المخطط لها.",
        "Housing projects under construction and the new towns: progress and delays, contractors on site, "
        "noise, dust and lorries, the roads, lighting, pavements, parks, mosques and schools of new towns "
        "before handover, when a project will be delivered, projects planned for a region."),
    DepartmentEntry(
        "property-ownership", "إدارة الأملاك وتسجيل الملكية", "Property and Ownership Registration Directorate",
        "وثائق ملكية بيوت الوزارة وشققها: إصدار الوثيقة بعد سداد الثمن، ونقل الملكية، وعقود التمليك والانتفاع، "
        "وتصحيح الأسماء والمساحات، والإذن بإضافة بناء أو تعديل البيت، وخطابات فك الرهن، وشهادات التملك "
        "وعدم الممانعة، وشراء الشقة المؤجرة.",
        "Title deeds of ministry houses and flats: issuing the deed once the price is paid, transferring "
        "ownership, ownership and usufruct contracts, correcting names and areas, permission to extend or "
        "alter a house, mortgage-release letters, ownership and no-objection certificates, buying a rented flat."),
    DepartmentEntry(
        "urban-planning", "إدارة التخطيط العمراني", "Urban Planning Directorate",
        "تخطيط الأراضي وتصنيفها: تصنيف استعمال أرض المواطن، ومخططات المناطق، وفرز القسائم وتقسيمها، "
        "والارتدادات والارتفاعات المسموحة، والشوارع المقترحة التي تمر بأملاك خاصة، والاستملاك للمنفعة العامة، "
        "والمخطط الهيكلي، والاعتراض على المخطط التفصيلي لمنطقة.",
        "Planning and zoning of land: the land-use classification of a citizen's own plot, area plans, "
        "subdivision of plots, setbacks and heights allowed, a planned road across private land, compulsory "
        "acquisition for public use, the national master plan, objections to an area's detailed plan."),
    DepartmentEntry(
        COMPLAINTS_UNIT, "وحدة الشكاوى بمركز خدمة العملاء", "Complaints Unit, Customer Service Centre",
        "مكتب الفرز: يتسلم ما لم يتأكد الموجّه من الجهة المختصة به، ويحيله إلى إحدى الجهات المقترحة.",
        "The triage desk: receives what the router is not sure of and sends it on to one of the suggested "
        "departments.", owns_matters=False),
    DepartmentEntry(
        MINISTERS_OFFICE, "مكتب الوزير", "Minister's Office",
        "رسائل صندوق «تحت أمرك»، والحالات العاجلة التي تُعرض على مجلس الوزارة.",
        "The Taht Amrak letters, and the urgent cases put to the Ministry Council.", owns_matters=False),
    DepartmentEntry(
        "housing-committee", "لجنة الإسكان", "Housing Committee",
        "تنظر في الحالات الاستثنائية التي يحيلها إليها مجلس الوزارة.",
        "Hears the exceptional cases the Ministry Council refers to it.", owns_matters=False),
)

OWNERS = tuple(entry.code for entry in DEPARTMENTS if entry.owns_matters)

# (code, name_ar, name_en, default department code, sla_days or None for the 30-day default). A
# category is a signal to the router, not an order: its department gains weight in the decision.
CATEGORIES = (
    ("maintenance-defects", "عيوب وصيانة الوحدات السكنية", "Maintenance defects in housing units",
     "maintenance", 14),
    ("allocation-waiting-list", "التخصيص وقوائم الانتظار", "Housing allocation and waiting list",
     "allocations", None),
    ("rent-allowance", "علاوة السكن", "Housing allowance", "rent-allowance", 15),
    ("legal-disputes", "النزاعات القانونية على الوحدات السكنية", "Legal disputes over housing units",
     "legal-affairs", None),
    ("eligibility-study", "الاستحقاق والبحث الاجتماعي", "Eligibility and social study", "studies", None),
    ("housing-finance", "التمويل الإسكاني والقروض", "Housing finance and loans", "housing-finance", None),
    ("housing-projects", "المشاريع الإسكانية قيد الإنشاء", "Housing projects under construction",
     "housing-projects", None),
    ("title-deeds", "وثائق الملكية والعقود", "Title deeds and contracts", "property-ownership", None),
    ("urban-planning", "تخطيط الأراضي وتصنيفها", "Land planning and zoning", "urban-planning", None),
    ("service-quality", "جودة الخدمة في مركز خدمة العملاء", "Service-centre service quality",
     "customer-service", 10),
    ("general-inquiry", "استفسار عام", "General inquiry", None, 7),
    ("suggestion", "مقترح", "Suggestion", None, None),
)


def load() -> dict[str, tuple[int, int]]:
    """Writes the departments and categories above into the database: (count, of which new) each.
    Names and descriptions are reset to these; e-mail addresses, thresholds and whether staff
    switched something off are kept as staff set them."""
    from complaints.models import Category, Department  # the catalogue's values are read without Django

    new_departments = 0
    for entry in DEPARTMENTS:
        _department, created = Department.objects.update_or_create(code=entry.code, defaults={
            "name_ar": entry.name_ar, "name_en": entry.name_en, "owns_ar": entry.owns_ar, "owns_en": entry.owns_en})
        new_departments += created
    departments = {department.code: department for department in Department.objects.all()}
    new_categories = 0
    for code, name_ar, name_en, department_code, sla_days in CATEGORIES:
        _category, created = Category.objects.update_or_create(code=code, defaults={
            "name_ar": name_ar, "name_en": name_en, "sla_days": sla_days,
            "default_department": departments.get(department_code)})
        new_categories += created
    return {"departments": (len(DEPARTMENTS), new_departments), "categories": (len(CATEGORIES), new_categories)}
