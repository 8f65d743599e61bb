from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health


def home(request):
    return render(request, "complaints/home.html")


@require_GET
@never_cache
def healthz(request):
    report = health.report()
    return health.as_response(report)
