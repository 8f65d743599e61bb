"""Demo data for `manage.py seed_demo`: plain values only, no models and no queries.

Everything here is invented for demonstrations and training: the people, their numbers,
the cases and the legal summaries. Nothing in it describes a real citizen or a real file.
"""

# The departments and categories are the ministry's, not the demo's: complaints/routing/catalogue.py.

# The demo's policy rules: matters that must always go to one department, whatever the model says.
# Routing by meaning does the rest (complaints/routing/decisions.py). Keywords are matched after
# normalising (hamza, ة/ه, ى/ي, diacritics), a phrase word by word.
ROUTING_RULES = (
    {"name": "الإنذارات العدلية واستدعاءات المحاكم إلى الشؤون القانونية (Court summonses and bailiff notices to Legal Affairs)",
     "position": 10, "department": "legal-affairs",
     "keywords": ("إنذار عدلي", "استدعاء من المحكمة", "تبليغ قضائي", "court summons", "bailiff notice")},
)

# The keyword rules of earlier demos (one per department), replaced by routing by meaning: seed_demo
# removes them from a database an earlier demo filled.
RETIRED_ROUTING_RULES = (
    'المقترحات إلى وحدة الشكاوى (Suggestions to the complaints unit)',
    'جودة الخدمة تبقى لدى مركز خدمة العملاء (Service quality stays with customer service)',
    'سوء معاملة الموظفين (Staff conduct)',
    'النزاعات القانونية على الوحدات (Legal disputes over units)',
    'علاوة السكن (Rent allowance)',
    'التمويل الإسكاني والقروض ومزايا (Housing finance, loans and Mazaya)',
    'عيوب وأعطال الصيانة (Maintenance defects)',
    'الاستحقاق والبحث الاجتماعي (Eligibility and social study)',
    'الورثة وانتقال الوحدة بالإرث (Heirs and inherited units)',
    'التخصيص وقوائم الانتظار (Allocation and waiting list)',
)

# ILLUSTRATIVE SUMMARIES FOR THE DEMO ONLY — NOT OFFICIAL TEXTS. The law titles name real
# instruments, but the article numbers and wording are paraphrases written for this demo.
# Never cite them in a real reply without checking the official gazette.
# (law_ar, law_en, article, text_ar, text_en)
_HOUSING_LAW_AR = "مرسوم بقانون رقم (10) لسنة 1976 في شأن الإسكان"
_HOUSING_LAW_EN = "Decree-Law No. 10 of 1976 on Housing"
_HOUSING_SYSTEM_AR = "القرار الوزاري بشأن نظام الإسكان وشروط الاستحقاق للخدمات الإسكانية"
_HOUSING_SYSTEM_EN = "Ministerial Order on the housing system and eligibility for housing services"
LEGAL_CLAUSES = (
    (_HOUSING_LAW_AR, _HOUSING_LAW_EN, "المادة 2",
     "تتولى الوزارة توفير الخدمات الإسكانية للمواطنين المستحقين، من وحدات سكنية وقسائم وقروض، "
     "وفق الشروط والأولويات التي يحددها نظام الإسكان.",
     "The ministry provides housing services to eligible citizens — housing units, plots and "
     "loans — under the conditions and priorities set by the housing system."),
    (_HOUSING_LAW_AR, _HOUSING_LAW_EN, "المادة 9",
     "تُخصص الوحدة السكنية لسكن المنتفع وأسرته، ولا يجوز له تأجيرها أو التنازل عنها أو تغيير "
     "الغرض منها إلا بموافقة كتابية من الوزارة، وإلا جاز إلغاء التخصيص.",
     "A housing unit is allocated as the home of the beneficiary and family; it may not be let, "
     "assigned or put to another use without the ministry's written consent, failing which the "
     "allocation may be cancelled."),
    (_HOUSING_SYSTEM_AR, _HOUSING_SYSTEM_EN, "المادة 4",
     "يُشترط لاستحقاق الخدمة الإسكانية أن يكون مقدم الطلب بحرينياً، وأن تكون له أسرة، وألا يملك "
     "هو أو زوجه عقاراً صالحاً للسكن، وألا يتجاوز دخل الأسرة الحد الذي يقرره الوزير.",
     "To be eligible for a housing service the applicant must be Bahraini, have a family, neither "
     "the applicant nor the spouse may own a property fit to live in, and the family income may "
     "not exceed the ceiling set by the minister."),
    (_HOUSING_SYSTEM_AR, _HOUSING_SYSTEM_EN, "المادة 7",
     "تُلبى الطلبات حسب أقدمية تاريخ تقديمها في كل منطقة، ويجوز الاستثناء من ذلك للحالات العاجلة "
     "التي يثبتها بحث اجتماعي واقتصادي متكامل لظروف الأسرة.",
     "Applications are served in order of their date within each area; urgent cases established "
     "by a full social and economic study of the family's circumstances may be given priority."),
    (_HOUSING_SYSTEM_AR, _HOUSING_SYSTEM_EN, "المادة 12",
     "تتحمل الوزارة إصلاح العيوب الإنشائية في الوحدة السكنية خلال فترة الضمان المحددة من تاريخ "
     "التسليم، ويتحمل المنتفع أعمال الصيانة الاعتيادية بعد انقضائها.",
     "The ministry repairs structural defects in a housing unit during the warranty period counted "
     "from handover; routine maintenance after that period falls to the beneficiary."),
    (_HOUSING_SYSTEM_AR, _HOUSING_SYSTEM_EN, "المادة 15",
     "تُصرف علاوة السكن لصاحب الطلب الإسكاني المستحق إلى حين تلبية طلبه، وتُوقف عند تخصيص الخدمة "
     "أو فقدان أحد شروط الاستحقاق أو عدم تحديث البيانات في الموعد المحدد.",
     "The rent allowance is paid to an eligible housing applicant until the application is served; "
     "it stops on allocation, on losing an eligibility condition, or when the applicant's data is "
     "not updated by the due date."),
)

# (subject, body, kind, category code, language)
COMPLAINT_TEMPLATES = (
    # --- Arabic ------------------------------------------------------------
    ("تسرب مياه من سقف الوحدة السكنية في مدينة حمد",
     "تسلمت وحدتي السكنية في مدينة حمد، مجمع 1208، قبل ثمانية أشهر، ومنذ أول موسم أمطار تتسرب "
     "المياه من سقف غرفة النوم والصالة. أبلغت الصيانة مرتين ولم يحضر أحد حتى الآن، وبدأت الرطوبة "
     "تتلف الجدران والأثاث. أرجو إرسال فريق الصيانة في أقرب وقت.",
     "complaint", "maintenance-defects", "ar"),
    ("تشققات في جدران شقة بمشروع شرق الحد",
     "ظهرت تشققات طولية في جدران الشقة رقم 14 بالعمارة 7 في مشروع شرق الحد الإسكاني بعد أقل من "
     "سنة على الاستلام. نخشى أن تكون عيوباً إنشائية تهدد سلامة الأسرة، ونطلب معاينة هندسية عاجلة.",
     "complaint", "maintenance-defects", "ar"),
    ("تعطل مضخة المياه في عمارة سكنية بمدينة عيسى",
     "المضخة المشتركة في العمارة السكنية بمجمع 806 بمدينة عيسى معطلة منذ أسبوعين، والمياه لا تصل "
     "إلى الطوابق العليا. في العمارة كبار سن وأطفال ولا نستطيع الانتظار أكثر. نرجو الإصلاح العاجل.",
     "complaint", "maintenance-defects", "ar"),
    ("انسداد متكرر في شبكة الصرف الصحي بمدينة سلمان",
     "تتكرر مشكلة انسداد الصرف الصحي في منزلنا بمدينة سلمان كل شهر تقريباً، وتطفح المياه في الحديقة "
     "الخلفية. قام المقاول بتسليك المجاري مرتين دون حل جذري. نطلب فحص التمديدات الرئيسية.",
     "complaint", "maintenance-defects", "ar"),
    ("استفسار عن مدة ضمان الصيانة للوحدات الجديدة",
     "استلمت بيتاً في مدينة خليفة الشهر الماضي. أرغب في معرفة مدة ضمان الصيانة التي تتحملها الوزارة، "
     "وما الأعمال التي يشملها الضمان، وكيف أقدم طلب الصيانة.",
     "inquiry", "maintenance-defects", "ar"),
    ("طلب إسكاني منذ 2009 دون تخصيص",
     "تقدمت بطلب وحدة سكنية في عام 2009 ضمن المحافظة الشمالية، ولم يُخصص لي أي شيء حتى الآن رغم أن "
     "طلبات أحدث من طلبي قد لُبيت. أسكن مع أسرتي المكونة من ستة أفراد في شقة مستأجرة صغيرة. أرجو "
     "إفادتي بموقع طلبي في قائمة الانتظار.",
     "complaint", "allocation-waiting-list", "ar"),
    ("عدم إدراج اسمي في التوزيعات الأخيرة",
     "أعلنت الوزارة عن توزيعات مدينة سلمان الأخيرة ولم يرد اسمي رغم أن طلبي يعود إلى عام 2011 وهو "
     "ضمن الفئة نفسها. أطلب مراجعة ترتيب طلبي وتوضيح سبب عدم شمولي.",
     "complaint", "allocation-waiting-list", "ar"),
    ("طلب تغيير المنطقة المختارة للطلب الإسكاني",
     "طلبي الإسكاني مسجل على المحافظة الجنوبية، وأرغب في تحويله إلى المحافظة الشمالية لقرب عملي "
     "وسكن والدي المسن. ما الإجراءات المطلوبة؟ وهل يؤثر التحويل على أقدمية الطلب؟",
     "inquiry", "allocation-waiting-list", "ar"),
    ("تأخر تسليم مفاتيح الوحدة بعد التخصيص",
     "تم إخطاري بتخصيص وحدة سكنية في مشروع شرق سترة منذ خمسة أشهر، ووقعت العقد، ولكن لم يتم تسليم "
     "المفاتيح حتى الآن. ما زلت أدفع إيجار الشقة الحالية، وأطالب بتحديد موعد واضح للتسليم.",
     "complaint", "allocation-waiting-list", "ar"),
    ("استفسار عن ترتيب الطلب في قائمة الانتظار",
     "أرجو إفادتي بترتيب طلبي الإسكاني من نوع وحدة سكنية المقدم في عام 2014، والمدة المتوقعة "
     "لتلبيته بحسب المشاريع القادمة.",
     "inquiry", "allocation-waiting-list", "ar"),
    ("إيقاف علاوة السكن دون إشعار",
     "توقف صرف علاوة السكن منذ ثلاثة أشهر دون أن يصلني أي إشعار من الوزارة. لم يتغير دخلي ولا وضعي "
     "الأسري، وما زلت في قائمة الانتظار. أطلب إعادة صرف العلاوة وصرف المبالغ المتأخرة.",
     "complaint", "rent-allowance", "ar"),
    ("تخفيض مبلغ علاوة السكن",
     "لاحظت أن مبلغ علاوة السكن المودع في حسابي هذا الشهر أقل من المعتاد. أرجو توضيح سبب التخفيض "
     "ومراجعة احتساب العلاوة.",
     "complaint", "rent-allowance", "ar"),
    ("استفسار عن تحديث بيانات علاوة السكن",
     "وصلتني رسالة بضرورة تحديث بيانات علاوة السكن. ما المستندات المطلوبة؟ وهل يمكن التحديث "
     "إلكترونياً دون مراجعة مركز خدمة العملاء؟",
     "inquiry", "rent-allowance", "ar"),
    ("رفض طلب علاوة السكن بسبب الدخل",
     "رُفض طلبي لعلاوة السكن بحجة تجاوز الدخل، مع أن الراتب الذي احتُسب يشمل بدلات مؤقتة انتهت. "
     "أرفقت شهادة راتب محدثة وأطلب إعادة دراسة الطلب.",
     "complaint", "rent-allowance", "ar"),
    ("نزاع مع الورثة على وحدة سكنية",
     "توفي والدي المنتفع بالوحدة السكنية في مدينة عيسى، ويطالب بعض الورثة ببيعها بينما تسكنها "
     "والدتي وإخوتي القاصرون. أرجو توضيح الموقف القانوني وحماية حق الأسرة في السكن.",
     "complaint", "legal-disputes", "ar"),
    ("إشعار إخلاء بسبب تأجير الوحدة",
     "وصلني إشعار بإلغاء تخصيص وحدتي بدعوى تأجيرها للغير، وهذا غير صحيح، فالذي يسكن معي هو أخي "
     "وأسرته مؤقتاً. أطلب التظلم من القرار والاستماع إلى أقوالي قبل أي إجراء.",
     "complaint", "legal-disputes", "ar"),
    ("طلب بحث اجتماعي لحالة عاجلة",
     "أعيش مع زوجتي وأطفالي الخمسة في غرفة واحدة في بيت العائلة، وأحد أبنائي من ذوي الإعاقة ويحتاج "
     "إلى سكن مهيأ. أرجو إجراء بحث اجتماعي لحالتي والنظر في تصنيفها حالة عاجلة.",
     "complaint", "eligibility-study", "ar"),
    ("رفض الطلب الإسكاني بحجة تملك عقار",
     "رُفض طلبي الإسكاني لأن اسمي مسجل مالكاً لحصة في أرض موروثة مساحتها صغيرة ولا تصلح للبناء. "
     "أرجو إعادة دراسة الطلب مع مراعاة أن الحصة مشاعة وغير صالحة للسكن.",
     "complaint", "eligibility-study", "ar"),
    ("استفسار عن شروط الاستحقاق للمطلقات",
     "أنا مطلقة وحاضنة لثلاثة أبناء، وأرغب في معرفة شروط استحقاقي للخدمة الإسكانية والمستندات "
     "المطلوبة لتقديم الطلب.",
     "inquiry", "eligibility-study", "ar"),
    ("تأخر الموافقة على تمويل مزايا",
     "تقدمت لبرنامج مزايا للتمويل الإسكاني منذ أربعة أشهر واخترت الشقة وأكملت المستندات، لكن الطلب "
     "ما زال قيد الدراسة والبائع يهدد بإلغاء الحجز. أرجو تسريع الإجراءات.",
     "complaint", "housing-finance", "ar"),
    ("استقطاع قسط القرض الإسكاني مرتين",
     "تم استقطاع قسط القرض الإسكاني من راتبي مرتين في شهر واحد. أطلب إرجاع المبلغ المستقطع بالخطأ "
     "وتصحيح الجدول.",
     "complaint", "housing-finance", "ar"),
    ("استفسار عن قرض الترميم",
     "أملك بيتاً قديماً في المحرق يحتاج إلى ترميم شامل. ما شروط الحصول على قرض الترميم والحد الأعلى "
     "لمبلغه ومدة السداد؟",
     "inquiry", "housing-finance", "ar"),
    ("طول الانتظار في مركز خدمة العملاء",
     "راجعت مركز خدمة العملاء صباح الأحد وانتظرت أكثر من ساعتين ونصف رغم حجز موعد مسبق، وكان عدد "
     "الموظفين على الكاونترات قليلاً. أرجو تنظيم المواعيد وزيادة الموظفين في أوقات الذروة.",
     "complaint", "service-quality", "ar"),
    ("عدم الرد على الخط الساخن",
     "اتصلت على الخط الساخن أكثر من عشر مرات خلال أسبوع الإعلان عن التوزيعات دون أن يرد أحد، وتنقطع "
     "المكالمة بعد الانتظار. أقترح خدمة معاودة الاتصال.",
     "complaint", "service-quality", "ar"),
    ("استفسار عن متابعة الطلب إلكترونياً",
     "كيف يمكنني متابعة حالة طلبي الإسكاني إلكترونياً؟ وهل تصل إشعارات عبر الرسائل النصية عند تغير "
     "حالة الطلب؟",
     "inquiry", "general-inquiry", "ar"),
    ("استفسار عن مواعيد عمل مركز خدمة العملاء في رمضان",
     "أرجو إفادتي بمواعيد عمل مركز خدمة العملاء خلال شهر رمضان، وهل يمكن تقديم المستندات في الفترة "
     "المسائية.",
     "inquiry", "general-inquiry", "ar"),
    ("مقترح لإنشاء حدائق للأطفال في المشاريع الإسكانية",
     "أقترح تخصيص مساحات لحدائق الأطفال والممشى في كل مجمع سكني جديد، فالمشاريع الحالية في مدينة "
     "خليفة تفتقر إلى أماكن آمنة للعب الأطفال.",
     "suggestion", "suggestion", "ar"),
    ("مقترح لنشر قائمة الانتظار إلكترونياً",
     "أقترح أن تنشر الوزارة لكل صاحب طلب ترتيبه في قائمة الانتظار عبر تطبيق إلكتروني مع تحديث شهري، "
     "مما يقلل المراجعات والاتصالات ويعزز الشفافية.",
     "suggestion", "suggestion", "ar"),
    # --- English -----------------------------------------------------------
    ("Leaking roof in our Hamad Town house",
     "Since the first heavy rain the roof of our house in Hamad Town, Block 1210, has been leaking "
     "into the children's bedroom. We reported it to the maintenance line three weeks ago and nobody "
     "has come. The ceiling paint is peeling and we worry about the wiring.",
     "complaint", "maintenance-defects", "en"),
    ("Air-conditioning sleeves cracked in new flat",
     "In our flat in the East Hidd project the wall sleeves for the air-conditioning units are "
     "cracked and dust and heat come through. The flat was handed over four months ago, so it should "
     "still be under warranty. Please arrange an inspection.",
     "complaint", "maintenance-defects", "en"),
    ("Housing application pending since 2010",
     "I applied for a housing unit in 2010 and am still waiting. Applicants who applied after me in "
     "the same governorate have received units. Please tell me where my application stands and why "
     "it has been passed over.",
     "complaint", "allocation-waiting-list", "en"),
    ("When will the next allocation be announced?",
     "My application for a housing unit dates from 2013. Could you tell me when the next allocations "
     "for the Northern Governorate are expected and whether my application is likely to be included?",
     "inquiry", "allocation-waiting-list", "en"),
    ("Rent allowance stopped after I moved flats",
     "My rent allowance stopped two months ago, shortly after I moved to a new rented flat in Riffa. "
     "I updated my address at the service centre but the payments have not resumed. Please restore "
     "the allowance and pay the missed months.",
     "complaint", "rent-allowance", "en"),
    ("Documents needed to renew the rent allowance",
     "I received an SMS asking me to renew my rent allowance file. Which documents are required, and "
     "can I submit them online instead of visiting the service centre?",
     "inquiry", "rent-allowance", "en"),
    ("Dispute over a shared housing unit after divorce",
     "After our divorce my former husband refuses to leave the housing unit although the court gave "
     "me custody of our three children. I need to know how the ministry decides who keeps the unit "
     "and how to apply.",
     "complaint", "legal-disputes", "en"),
    ("Application rejected because of my income",
     "My housing application was rejected because the family income was said to exceed the ceiling. "
     "The figure used includes my wife's temporary contract, which has ended. I have attached the new "
     "salary certificates and ask for the decision to be reviewed.",
     "complaint", "eligibility-study", "en"),
    ("Mazaya finance approval delayed",
     "I applied to the Mazaya programme five months ago and the bank says it is waiting for the "
     "ministry's approval. The developer may cancel my reservation. Please look into the delay.",
     "complaint", "housing-finance", "en"),
    ("Rude treatment at the service centre counter",
     "When I visited the customer service centre last Tuesday the employee at counter 6 refused to "
     "accept my documents and spoke to me rudely in front of other visitors. I would like this to be "
     "looked into.",
     "complaint", "service-quality", "en"),
    ("How do I add my new-born child to my application?",
     "We had a baby last month. How do I add her to our housing application, and does the family size "
     "change the type of unit we are eligible for?",
     "inquiry", "general-inquiry", "en"),
    ("Suggestion: SMS updates on application status",
     "It would help applicants a lot to receive an SMS whenever their housing application moves a "
     "step, for example when the social study is done or the file is sent for allocation.",
     "suggestion", "suggestion", "en"),
)

# (name, preferred language). CPRs and mobiles are generated by the command.
CITIZEN_NAMES = (
    ("محمد عبدالله الدوسري", "ar"),
    ("فاطمة علي العصفور", "ar"),
    ("أحمد يوسف المناعي", "ar"),
    ("مريم حسن العلوي", "ar"),
    ("خالد إبراهيم بوعلاي", "ar"),
    ("نورة جاسم الكعبي", "ar"),
    ("حسين علي العريض", "ar"),
    ("زينب سلمان الجشي", "ar"),
    ("عبدالرحمن راشد البنعلي", "ar"),
    ("سارة عبدالله فخرو", "ar"),
    ("يوسف محمد الحايكي", "ar"),
    ("عائشة خليفة النعيمي", "ar"),
    ("علي حسن الموسوي", "ar"),
    ("هدى أحمد الشروقي", "ar"),
    ("جاسم عيسى الرميحي", "ar"),
    ("ليلى منصور السندي", "ar"),
    ("عيسى عبدالعزيز الجودر", "ar"),
    ("أمينة صالح المحميد", "ar"),
    ("إبراهيم جعفر الخياط", "ar"),
    ("شيخة مبارك البوعينين", "ar"),
    ("صالح أحمد الذوادي", "ar"),
    ("منيرة يعقوب الغتم", "ar"),
    ("Ebrahim Khalil Al-Mulla", "en"),
    ("Layla Abbas Al-Shehabi", "en"),
    ("Mohamed Jasim Al-Sayed", "en"),
    ("Noora Faisal Al-Shaikh", "en"),
    ("Dana Adel Al-Mahmood", "en"),
    ("Abdulla Saleh Janahi", "en"),
    ("Reem Khalid Al-Qassab", "en"),
    ("Omar Yaqoob Al-Khan", "en"),
)

# Bahraini mobile prefixes (3 followed by three digits); four random digits complete the number.
MOBILE_PREFIXES = ("3912", "3600", "3300", "3944", "3655", "3322", "3456", "3888", "3966", "3611")

MEDIA_OUTLETS = {
    "ar": ("صحيفة أخبار الخليج", "صحيفة الأيام", "صحيفة الوطن", "صحيفة البلاد", "إذاعة البحرين",
           "تلفزيون البحرين"),
    "en": ("Gulf Daily News", "Daily Tribune", "Radio Bahrain", "Bahrain TV"),
}

# How each channel dresses a template: format strings for subject and body, per language.
# Placeholders: {subject}, {body}, {signature}, {outlet}, {case_number}.
CHANNEL_FRAMES = {
    "web": {
        "ar": ("{subject}", "{body}"),
        "en": ("{subject}", "{body}"),
    },
    "taht_amrak": {
        "ar": ("رسالة إلى سعادة الوزير: {subject}",
               "سعادة وزير الإسكان المحترم،\nتحية طيبة وبعد،\n\n{body}\n\n"
               "شاكراً لسعادتكم حسن تعاونكم، وتفضلوا بقبول فائق الاحترام والتقدير.\n{signature}"),
        "en": ("Letter to His Excellency the Minister: {subject}",
               "His Excellency the Minister of Housing,\n\n{body}\n\n"
               "Thank you for your attention.\nYours respectfully,\n{signature}"),
    },
    "service_centre": {
        "ar": ("{subject}", "{body}\n\n(سُجلت عند مراجعة المواطن لمركز خدمة العملاء.)"),
        "en": ("{subject}", "{body}\n\n(Recorded at the customer service centre counter.)"),
    },
    "call_centre": {
        "ar": ("{subject}", "ملخص مكالمة على الخط الساخن 80008001: {body}"),
        "en": ("{subject}", "Summary of a call to the 80008001 hotline: {body}"),
    },
    "social_media": {
        "ar": ("{subject}", "رُصد في تعليق على حساب الوزارة في وسائل التواصل الاجتماعي: {body}"),
        "en": ("{subject}", "Captured from a comment on the ministry's social media account: {body}"),
    },
    "media": {
        "ar": ("ما نُشر في {outlet}: {subject}", "نشرت {outlet} رسالة مواطن جاء فيها: {body}"),
        "en": ("Reported by {outlet}: {subject}", "{outlet} carried a reader's letter: {body}"),
    },
    "tawasul": {
        "ar": ("تواصل {case_number}: {subject}",
               "بلاغ وارد عبر النظام الوطني للمقترحات والشكاوى «تواصل» برقم {case_number}.\n\n{body}"),
        "en": ("Tawasul {case_number}: {subject}",
               "Case received through the national suggestions and complaints system Tawasul, "
               "number {case_number}.\n\n{body}"),
    },
}

ANONYMOUS_SIGNATURE = {"ar": "مواطن", "en": "A citizen"}

# Notes staff leave when they move a complaint, per target status and language.
STATUS_NOTES = {
    "in_progress": {
        "ar": ("تمت مراجعة الملف وجارٍ التواصل مع القسم المختص.",
               "جارٍ دراسة بيانات المراجع والتحقق من المستندات.",
               "أُحيل الملف إلى المختصين لدراسته وإبداء الرأي."),
        "en": ("File reviewed; the section concerned has been contacted.",
               "The applicant's data and documents are being checked.",
               "Passed to the specialists concerned for study and an opinion."),
    },
    "awaiting_citizen": {
        "ar": ("نرجو تزويدنا بالمستندات المؤيدة لاستكمال دراسة الموضوع.",
               "نرجو التواصل مع وحدة الشكاوى لتأكيد بيانات الاتصال وتحديد موعد للمتابعة.",
               "نرجو تزويدنا بنسخة من البطاقة الذكية وأي مراسلات سابقة ذات صلة."),
        "en": ("Please send the supporting documents so that we can complete the study.",
               "Please contact the complaints unit to confirm your contact details and a follow-up time.",
               "Please send a copy of your smart card and any earlier related correspondence."),
    },
    "responded": {
        "ar": ("تمت معالجة الملاحظة وإفادة المواطن بالرد عبر الرسائل النصية.",
               "تم الرد على المواطن وفق الأنظمة المعمول بها مع بيان البنود القانونية ذات الصلة.",
               "تم إبلاغ المواطن بنتيجة الدراسة والإجراء المتخذ."),
        "en": ("The issue was dealt with and the citizen informed by SMS.",
               "The citizen was answered under the rules in force, citing the clauses concerned.",
               "The citizen was told the outcome of the study and the action taken."),
    },
    "closed": {
        "ar": ("أُغلق الملف بعد تأكيد المواطن.", "أُغلق الملف لعدم ورود ملاحظات من المواطن بعد الرد."),
        "en": ("Closed after the citizen confirmed.", "Closed: no further comment from the citizen."),
    },
    "reopened": {
        "ar": ("أعيد فتح الشكوى لعدم رضا المواطن عن الرد.",),
        "en": ("Reopened: the citizen was not satisfied with the answer.",),
    },
}

# Replies staff often send (title, Arabic, English); the case page offers them in the citizen's language.
CANNED_RESPONSES = (
    ("Maintenance visit scheduled",
     "نشكركم على تواصلكم. تم تحديد موعد لزيارة فريق الصيانة لوحدتكم السكنية خلال سبعة أيام عمل، وسيتصل بكم "
     "الفريق قبل الزيارة.",
     "Thank you for contacting us. A maintenance team will visit your housing unit within seven working days "
     "and will call you before the visit."),
    ("Application still in the queue",
     "نفيدكم بأن طلبكم الإسكاني ما زال قائماً في قائمة الانتظار حسب الأولوية المعتمدة، ولا يلزم تقديم طلب جديد.",
     "Your housing application remains on the waiting list in its established order of priority; "
     "there is no need to apply again."),
    ("Documents needed",
     "لاستكمال دراسة طلبكم، يرجى تزويدنا بنسخة من عقد الإيجار وشهادة الراتب الحديثة.",
     "To complete the review of your request, please send us a copy of the lease and a recent salary certificate."),
)
