"""One adapter per intake channel, each translating its input into a call of
complaints.intake.receive. The citizen web form is the first (web_form.py, views.py); the
Taht Amrak box, service centre, call centre, social media, media monitoring and Tawasul
adapters follow (issue 5)."""
