from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi
from django.views.decorators.http import require_GET

from complaints.models import Complaint
from complaints.reports import exports, public, tables
from complaints.reports.forms import ReportFilterForm

PERMISSION = "complaints.view_reports"
PUBLIC_CACHE_SECONDS = 300


def _report(request):
    """The user's filter and tables, or a refusal: staff only, with the reports permission; figures
    only from the complaints the user may see."""
    if not (request.user.is_authenticated and request.user.is_staff):
        raise _SignIn
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = ReportFilterForm(request.GET, user=request.user, today=timezone.localdate())
    filters = form.filters()
    return form, filters, tables.report_tables(Complaint.objects.visible_to(request.user), filters, now=timezone.now())


class _SignIn(Exception):
    pass


@require_GET
def reports(request):
    try:
        form, filters, report = _report(request)
    except _SignIn:
        return redirect_to_login(request.get_full_path(), "admin:login")
    return render(request, "complaints/reports.html", {
        "form": form, "filters": filters, "tables": report, "query": request.GET.urlencode()})


@require_GET
def export(request, slug, file_format):
    try:
        _form, _filters, report = _report(request)
    except _SignIn:
        return redirect_to_login(request.get_full_path(), "admin:login")
    table = next((table for table in report if table.slug == slug), None)
    if table is None or file_format not in ("csv", "xlsx"):
        raise Http404
    if file_format == "csv":
        response = HttpResponse(exports.as_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(exports.as_xlsx(table, right_to_left=get_language_bidi()),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{get_language()}.{file_format}"'
    return response


@require_GET
def statistics(request):
    # The figures (not the page: its script tags carry each response's CSP nonce) are cached per language.
    key = f"public-statistics:{get_language()}"
    months = cache.get(key)
    if months is None:
        months = public.statistics(now=timezone.now())
        cache.set(key, months, PUBLIC_CACHE_SECONDS)
    return render(request, "complaints/statistics.html", {
        "months": months, "channels": public.channel_labels(), "threshold": public.THRESHOLD,
        "charts": public.draw_charts(months, right_to_left=get_language_bidi())})
