from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from complaints.operations import health

WAYS_TO_REACH_THE_MINISTRY = (
    {"title": _("This portal"),
     "text": _("Send a complaint, inquiry or suggestion at any time and follow it with your reference number.")},
    {"title": _("Hotline"), "number": "80008001",
     "text": _("Call the contact centre to make a complaint, ask a question or make a suggestion.")},
    {"title": _("The “Taht Amrak” box"),
     "text": _("Leave a letter in the box at the customer-service centre; it goes directly to the minister's office.")},
    {"title": _("Tawasul"),
     "text": _("The government's national suggestions and complaints system also reaches us.")},
)


def home(request):
    return render(request, "complaints/home.html", {"ways": WAYS_TO_REACH_THE_MINISTRY})


@require_GET
@never_cache
def healthz(request):
    report = health.report()
    return health.as_response(report)
