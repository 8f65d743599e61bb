"""The keyword rules the portal routed by before routing by meaning (one per department, tuned by
hand over several sessions): the baseline the trained model must beat on the corpus's held-out part.
Kept here, as data for that comparison only; seed_demo removes them from a database."""

# Routing rules, tried in `position` order; the first that matches wins, then the category's
# default department, then the complaints unit. A rule's conditions all apply together and any one
# keyword is enough. Keywords are matched after normalising (hamza, ة/ه, ى/ي, diacritics) against
# the start of each word once joined particles (و ف ب ل ك ال) are removed, so a stem such as
# "تسرب" also catches "والتسربات" and "leak" catches "leaking"; a phrase must appear word by word.
# Stems end before a teh marbuta that turns into ت with a suffix ("وحد سكني" for وحدتي السكنية).
# Words the channel frames add to every item ("الخط الساخن", "مركز خدمة العملاء", "counter",
# "hotline", "الاجتماعي", "case", "account") are deliberately not keywords.
# Order: what the writer asks for first, what the words around it mention later — legal matters
# before the allowance or the flat they concern, the allowance and finance before the waiting list
# they are tied to, defects and eligibility before the allocation words nearly every letter uses.
# {name, position, department code, keywords, and optionally kinds, channels, category codes}
ROUTING_RULES = (
    {"name": "المقترحات إلى وحدة الشكاوى (Suggestions to the complaints unit)",
     "position": 10, "department": "complaints-unit", "kinds": ("suggestion",), "keywords": ()},
    # Without it a complaint filed under service quality that mentions, say, the allocations
    # announcement would be pulled to allocations by the words.
    {"name": "جودة الخدمة تبقى لدى مركز خدمة العملاء (Service quality stays with customer service)",
     "position": 20, "department": "customer-service", "categories": ("service-quality",),
     "keywords": ()},
    {"name": "سوء معاملة الموظفين (Staff conduct)",
     "position": 30, "department": "customer-service",
     "keywords": (
         "سوء معاملة", "أسلوب الموظف", "تعامل الموظف", "معاملة الموظف", "تصرف الموظف",
         "rude", "impolite", "disrespectful", "unprofessional",
     )},
    {"name": "النزاعات القانونية على الوحدات (Legal disputes over units)",
     "position": 40, "department": "legal-affairs",
     "keywords": (
         "نزاع", "محكمة", "محاكم", "قضائي", "القضاء", "رفع قضية", "رفع دعوى", "دعوى قضائية", "محام",
         "إخلاء", "طرد", "طليق", "إلغاء تخصيص", "سحب وحد", "سحب بيت", "فسخ", "بطلان عقد", "تزوير",
         "استيلاء",
         "dispute", "lawsuit", "legal action", "lawyer", "evict", "sued", "suing", "occupying",
         # "court" alone would also catch courtyard and courteous.
         "courts", "court order", "court case", "court rul", "court judg", "court decision",
         "court decid", "court hearing", "court gave", "court granted", "court said", "court award",
         "court verdict", "court summon", "family court", "in court", "to court",
         "ex husband", "ex wife", "former husband", "former wife",
         "cancel my allocation", "allocation cancel", "allocation was cancel", "allocation has been cancel",
     )},
    {"name": "علاوة السكن (Rent allowance)",
     "position": 50, "department": "rent-allowance",
     "keywords": (
         "علاو سكن", "علاو إسكان", "علاو إيجار", "بدل سكن", "بدل إيجار",
         "صرف علاو", "وقف علاو", "إيقاف علاو", "توقف علاو", "انقطاع علاو", "انقطعت علاو",
         "rent allowance", "housing allowance", "rental allowance", "allowance for rent",
         "my allowance", "allowance stopped", "allowance was stopped", "allowance has stopped",
         "allowance payment",
     )},
    {"name": "التمويل الإسكاني والقروض ومزايا (Housing finance, loans and Mazaya)",
     "position": 60, "department": "housing-finance",
     "keywords": (
         "قرض", "قروض", "تمويل", "مزايا", "بنك إسكان", "رهن", "استقطاع", "قسط شهري", "أقساط شهري",
         "loan", "financ", "mazaya", "mortgage", "eskan bank", "installment", "instalment",
     )},
    {"name": "عيوب وأعطال الصيانة (Maintenance defects)",
     "position": 70, "department": "maintenance",
     "keywords": (
         "تسرب", "تسريب", "تتسرب", "يتسرب", "سقف يخر", "نشع", "تشقق", "شقوق", "تصدع", "شرخ", "شروخ",
         "عيوب إنشائ", "كهرب", "مكيف", "تكييف", "كنديشن", "كندشن", "مجاري", "صرف صحي", "بالوعة",
         "بلاعة", "انسداد", "رطوب", "عفن", "صيان", "مضخ", "سخان", "خزان ماء", "خزان مي", "انقطاع ماء",
         "انقطاع مي", "تمديدات", "سباك", "بلاط", "مصعد", "مصاعد", "حشرات", "نمل أبيض", "أرضة",
         "leak", "crack", "damp", "mould", "mold", "moisture", "seep", "sewage", "sewer", "drain",
         "electric", "wiring", "short circuit", "air con", "aircon", "water heater", "water tank",
         "plumb", "repair", "maintenance", "pump", "tiles", "peel", "elevator", "the lift", "lifts",
         "termite", "cockroach", "pest",
     )},
    {"name": "الاستحقاق والبحث الاجتماعي (Eligibility and social study)",
     "position": 80, "department": "studies",
     "keywords": (
         "استحقاق", "غير مستحق", "أهلية", "دراس اجتماع", "بحث اجتماع", "باحث اجتماع", "الدخل",
         "دخلي", "دخل أسرة", "إنساني", "إعاق", "معاق",
         # Owning property bars the service; a developer (مطور عقاري) does not.
         "تملك عقار", "يملك عقار", "أملك عقار", "نملك عقار", "امتلاك عقار", "تملك أرض", "يملك أرض",
         "أملك أرض", "امتلاك أرض", "حص في عقار", "حص في أرض", "حص في بيت",
         "eligib", "ineligible", "income", "social study", "social research", "social worker",
         "means test", "humanitarian", "disab",
         "own a property", "own land", "owns land", "own a plot", "owns a plot",
     )},
    # Inheritance is also how many citizens explain a share that cost them eligibility, so it
    # comes after the eligibility words: heirs at odds over a unit still reach legal affairs.
    {"name": "الورثة وانتقال الوحدة بالإرث (Heirs and inherited units)",
     "position": 90, "department": "legal-affairs",
     "keywords": (
         "ورثة", "ميراث", "إرث", "تركة المتوفى",
         "heir", "inherit", "late father", "late husband", "deceased",
     )},
    {"name": "التخصيص وقوائم الانتظار (Allocation and waiting list)",
     "position": 100, "department": "allocations",
     "keywords": (
         "طلب إسكان", "قائم انتظار", "قوائم انتظار", "قايم انتظار", "طال انتظار", "توزيع", "تخصيص",
         "وحد سكني", "أولوي", "أقدمي", "مفاتيح", "خدم إسكاني", "بيت إسكان", "تغيير منطق", "استبدال",
         "waiting list", "waiting for a house", "waiting for a home", "waiting for a unit",
         "allocat", "housing application", "housing request", "housing unit", "housing service",
         "priority", "seniority", "keys", "change of area", "swap",
     )},
)

