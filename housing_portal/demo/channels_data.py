"""Demo data for the channel screens (`manage.py seed_demo`): plain values only.

Invented for demonstrations and training: the posts, the press items, the people and their
handles. Nothing here describes a real citizen, a real article or a real broadcast.
"""

# Two housing-allocation announcements inside the hotline's demo period and the statistics'
# default 30 days: (days before today, title_ar, title_en, note). Each is placed on the nearest
# working day before (Sunday to Thursday).
ALLOCATION_ANNOUNCEMENTS = (
    (24, "إعلان توزيعات الوحدات السكنية في مدينة سلمان", "Allocation of housing units in Salman City announced",
     "Announced at 10:00 on the ministry's accounts and in the press; 1,200 units."),
    (10, "إعلان توزيعات مشروع شرق سترة الإسكاني", "Allocations of the East Sitra housing project announced",
     "Announced at 10:00; applications from 2008 to 2010 in the Central and Southern governorates."),
)

# Calls the agent logs as information only: (kind, language, notes).
INFORMATION_CALLS = (
    ("application", "ar", "استفسر عن ترتيب طلبه في قائمة الانتظار بعد إعلان التوزيعات؛ أُفيد بأن طلبه لم يشمله "
                          "الإعلان وبالمشاريع القادمة في منطقته."),
    ("application", "ar", "سألت عن حالة طلبها الإسكاني المقدم في 2012؛ أُفيدت بأنه قيد الانتظار وبطريقة المتابعة "
                          "عبر الموقع الإلكتروني."),
    ("inquiry", "ar", "استفسار عن المستندات المطلوبة لتحديث بيانات علاوة السكن؛ شُرحت له القائمة ومواعيد المركز."),
    ("inquiry", "ar", "سأل عن مواعيد عمل مركز خدمة العملاء وإمكانية حجز موعد مسبق."),
    ("follow_up", "ar", "تابع شكوى سابقة عن تسرب المياه؛ أُبلغ برقم الشكوى وبأنها لدى إدارة الصيانة."),
    ("application", "ar", "اتصلت بعد إعلان التوزيعات لتتأكد من ورود اسمها؛ الاسم موجود وأُفيدت بموعد توقيع العقد."),
    ("inquiry", "ar", "استفسر عن شروط قرض الترميم والحد الأعلى للمبلغ؛ أُحيل إلى صفحة التمويل الإسكاني."),
    ("other", "ar", "اتصال عن فاتورة الكهرباء؛ وُجّه إلى هيئة الكهرباء والماء."),
    ("application", "en", "Asked whether her 2011 application is in the announced allocations; it is not, told "
                          "how the order of applications works."),
    ("inquiry", "en", "Asked which documents are needed to add a new-born child to the application."),
    ("follow_up", "en", "Followed up his rent allowance complaint; given the reference and told it is with the "
                        "Rent Allowance Section."),
    ("suggestion", "en", "Suggested a call-back option on the hotline during announcement days; noted."),
    ("application", "en", "Checked the status of his Mazaya application; told to contact the bank for the "
                          "finance part."),
    ("inquiry", "en", "Asked about the opening hours of the service centre in Isa Town."),
)

# Posts found by the listening service. decision: "" (left in the inbox), "convert" (with the
# category code) or "dismiss" (with the reason and a note). hours_ago is when it was posted.
SOCIAL_POSTS = (
    {"platform": "x", "post_id": "demo-1861204", "author_handle": "@bu_yousif_73", "hours_ago": 5,
     "text": "للمرة الثالثة اليوم أتصل على 80008001 ولا أحد يرد، من الصبح أحاول أتأكد إذا اسمي في توزيعات شرق "
             "سترة. ليش ما في خدمة معاودة الاتصال؟ @moh_bahrain",
     "decision": ""},
    {"platform": "instagram", "post_id": "demo-C7x2LmQ", "author_handle": "umm.hamad.bh", "hours_ago": 52,
     "text": "شقتنا في مشروع شرق الحد عمارة 7 فيها تشققات في الجدران بعد أقل من سنة من الاستلام، ونخاف على "
             "عيالنا. نرجو من وزارة الإسكان إرسال مهندس للمعاينة.",
     "decision": "convert", "category": "maintenance-defects"},
    {"platform": "facebook", "post_id": "demo-10223871", "author_handle": "Hasan Al-Aradi", "hours_ago": 20,
     "text": "Still waiting for a housing unit since 2008. Every announcement I check the list and my name is "
             "not there, while newer applications get served. When will the 2008 applications in the "
             "Northern Governorate be covered?",
     "decision": ""},
    {"platform": "x", "post_id": "demo-1860077", "author_handle": "@riffa_resident", "hours_ago": 70,
     "text": "Third month in a row my electricity bill doubled with no explanation. @moh_bahrain @ewa_bahrain "
             "please check the meters in our block.",
     "decision": "dismiss", "reason": "not_about_housing",
     "note": "Electricity bills are a matter for the Electricity and Water Authority."},
    {"platform": "instagram", "post_id": "demo-C7w9PaB", "author_handle": "fatima.a.bh", "hours_ago": 30,
     "text": "علاوة السكن موقوفة من شهرين بدون أي إشعار، راجعت المركز وقالوا حدّثي البيانات وحدّثتها وللحين "
             "ما نزلت. الإيجار ما ينتظر!",
     "decision": ""},
    {"platform": "facebook", "post_id": "demo-10223514", "author_handle": "جاسم الرميحي", "hours_ago": 96,
     "text": "اقتراح لوزارة الإسكان: تخصيص حدائق وممشى في مجمعات مدينة خليفة الجديدة، الأطفال ما عندهم مكان آمن "
             "يلعبون فيه.",
     "decision": ""},
    {"platform": "x", "post_id": "demo-1859533", "author_handle": "@noora_bh", "hours_ago": 120,
     "text": "Applied to Mazaya five months ago, the bank says it is still waiting for the ministry's approval "
             "and the developer may cancel my reservation. Who can I follow up with? @moh_bahrain",
     "decision": ""},
)
# The post a citizen writes about a matter they already raised through another channel; the
# monitor recognises them and fills in their details, so routing flags the likely duplicate.
REPEATED_POST = {"platform": "x", "post_id": "demo-repeat-1", "author_handle": "@citizen_writes_again"}
REPEATED_POST_TEXT = {
    "ar": "كتبت للوزارة عن هذا الموضوع ولم يصلني رد حتى الآن: {subject}. {first_sentence} @moh_bahrain",
    "en": "I wrote to the ministry about this and have heard nothing yet: {subject}. {first_sentence} @moh_bahrain",
}

# Press, radio and TV items. decision: "" (waiting), "convert" (with the category code) or
# "forward" (with the department code). label is what the clipping's masthead shows.
MEDIA_ITEMS = (
    {"outlet": "صحيفة الأيام", "label": "AL AYAM", "medium": "print", "page_or_programme": "الصفحة 5 — محليات",
     "days_ago": 9,
     "headline": "أهالي مدينة حمد يشكون تسرب مياه الأمطار إلى منازلهم الإسكانية",
     "excerpt": "اشتكى عدد من سكان المجمع 1208 في مدينة حمد من تسرب مياه الأمطار من أسقف منازلهم التي تسلموها "
                "قبل أقل من عام، مؤكدين أنهم أبلغوا الصيانة أكثر من مرة دون استجابة، وأن الرطوبة بدأت تتلف "
                "الجدران والأثاث.",
     "decision": "convert", "category": "maintenance-defects"},
    {"outlet": "صحيفة أخبار الخليج", "label": "AKHBAR AL KHALEEJ", "medium": "print",
     "page_or_programme": "الصفحة 8 — بريد القراء", "days_ago": 6,
     "headline": "مواطن ينتظر وحدة سكنية منذ 2006",
     "excerpt": "يقول مواطن في رسالة إلى بريد القراء إن طلبه الإسكاني ينتظر منذ عام 2006 في المحافظة الشمالية، وإن "
                "طلبات أحدث قد لُبيت في التوزيعات الأخيرة، مطالباً بتوضيح معايير الترتيب.",
     "decision": "forward", "department": "allocations"},
    {"outlet": "صحيفة الوطن", "label": "AL WATAN", "medium": "print", "page_or_programme": "الصفحة 3",
     "days_ago": 4,
     "headline": "مطالبات بتسريع صرف علاوة السكن المتأخرة",
     "excerpt": "طالب مستفيدون من علاوة السكن بصرف المبالغ المتأخرة منذ ثلاثة أشهر، مشيرين إلى أن العلاوة "
                "أوقفت دون إشعار رغم عدم تغير أوضاعهم.",
     "decision": "convert", "category": "rent-allowance"},
    {"outlet": "إذاعة البحرين", "label": "RADIO BAHRAIN", "medium": "radio",
     "page_or_programme": "برنامج صباح الخير يا بحرين", "days_ago": 2,
     "headline": "متصلون يسألون عن موعد التوزيعات الإسكانية القادمة",
     "excerpt": "تلقى البرنامج اتصالات من مواطنين يسألون عن موعد التوزيعات القادمة في المحافظة الشمالية، "
                "وعن صعوبة الوصول إلى الخط الساخن للوزارة في يوم الإعلان.",
     "decision": ""},
    {"outlet": "تلفزيون البحرين", "label": "BAHRAIN TV", "medium": "tv", "page_or_programme": "برنامج بلدنا",
     "days_ago": 1,
     "headline": "تقرير عن تأخر تسليم مفاتيح وحدات مشروع شرق سترة",
     "excerpt": "عرض البرنامج تقريراً عن أسر خُصصت لها وحدات في مشروع شرق سترة ووقعت عقودها قبل أشهر، ولم "
                "تتسلم المفاتيح بعد، وما زالت تدفع الإيجار.",
     "decision": ""},
    {"outlet": "Gulf Daily News", "label": "GULF DAILY NEWS", "medium": "print", "page_or_programme": "Page 4 — Local",
     "days_ago": 3,
     "headline": "East Hidd residents complain of damp in new flats",
     "excerpt": "Families who moved into the East Hidd housing project this year say damp and cracked "
                "air-conditioning sleeves let dust and heat into their flats, and ask the ministry to inspect "
                "the buildings while they are under warranty.",
     "decision": ""},
)

# Letters from the "Taht Amrak" boxes, digitised by the complaints unit: (box, letter number,
# days since the box was emptied, witness of the opening, whether the letter names its writer).
BOX_LETTERS = (
    ("مركز خدمة العملاء بمدينة عيسى", "TA-2026-0412", 6, "عبدالله جاسم، مشرف المركز", True),
    ("مركز خدمة العملاء بمدينة عيسى", "TA-2026-0413", 6, "عبدالله جاسم، مشرف المركز", False),
    ("مبنى الوزارة بالمنامة", "TA-2026-0098", 2, "Maryam Al-Khalifa, head of registry", True),
)
