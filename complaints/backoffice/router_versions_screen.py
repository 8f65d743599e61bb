"""The routing model's versions (complaints/routing/model_store.py) with the figures each was judged
by: read-only, for the system administrator and the supervisors. The system administrator makes a
version the current one (a promotion, or a roll back to an earlier version) after a confirmation."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from complaints.backoffice.record_pages import ReadOnlyAdmin
from complaints.models import Department, RouterVersion
from complaints.plumbing import process_cache
from complaints.routing import model_store

PROMOTE = "complaints.promote_routerversion"


def percent(share) -> str:
    return "—" if share is None else f"{formats.number_format(round(share * 100, 1), 1)}%"  # number_format cuts decimals off


def _figures(version: RouterVersion, yardstick: str) -> dict:
    return (version.figures or {}).get(yardstick) or {}


def model_in_use() -> str:
    """Which model routes complaints now, in a sentence for the top of the list."""
    if settings.ROUTING_MODEL == "none":
        return gettext("The routing model is switched off (ROUTING_MODEL is “none”): complaints are routed "
                       "by the routing rules and the categories alone.")
    current = RouterVersion.objects.filter(is_current=True).values_list("version", "promoted_at").first()
    if current:
        return gettext("In use: version %(version)s, made current on %(date)s.") % {
            "version": current[0], "date": formats.date_format(current[1], "DATETIME_FORMAT") if current[1] else "—"}
    shipped = model_store.shipped_description()
    if shipped:
        return gettext("No version trained here is current: the model shipped with the code is in use "
                       "(version %(version)s, held-out accuracy %(accuracy)s).") % {
            "version": shipped.get("version", "—"),
            "accuracy": percent(((shipped.get("figures") or {}).get("held_out") or {}).get("accuracy"))}
    return gettext("No model is in use: complaints are routed by the routing rules and the categories alone.")


@admin.register(RouterVersion)
class RouterVersionAdmin(ReadOnlyAdmin):
    list_display = ("version", "created_at", "is_current", "promoted_at", "held_out_accuracy", "routed_wrong",
                    "corrections_accuracy", "trained_on_counts", "note")
    fields = ("version", "created_at", "is_current", "promoted_at", "note", "trained_on_counts", "held_out",
              "held_out_departments", "corrections", "compared_with")
    readonly_fields = fields
    change_list_template = "admin/complaints/routerversion/change_list.html"
    change_form_template = "admin/complaints/routerversion/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).defer("artefact")  # megabytes each, never shown

    def get_urls(self):
        return [path("<path:object_id>/make-current/", self.admin_site.admin_view(self.make_current_view),
                     name="complaints_routerversion_make_current"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}), "model_in_use": model_in_use()})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return super().change_view(request, object_id, form_url, {
            **(extra_context or {}), "may_make_current": request.user.has_perm(PROMOTE)})

    def make_current_view(self, request, object_id):
        """Asks first (GET), then makes the version current (POST)."""
        if not request.user.has_perm(PROMOTE):
            raise PermissionDenied
        version = get_object_or_404(self.get_queryset(request), pk=unquote(object_id))
        detail = reverse("admin:complaints_routerversion_change", args=[version.pk])
        if version.is_current:
            self.message_user(request, gettext("Version %(version)s is already the current routing model.")
                              % {"version": version.version}, messages.INFO)
            return redirect(detail)
        if request.method == "POST":
            model_store.make_current(version)
            self.log_change(request, version, gettext("Made the current routing model."))
            self.message_user(request, gettext(
                "Version %(version)s is now the current routing model: every worker routes with it within "
                "%(seconds)d seconds.") % {"version": version.version, "seconds": process_cache.SECONDS},
                messages.SUCCESS)
            return redirect("admin:complaints_routerversion_changelist")
        current = RouterVersion.objects.filter(is_current=True).defer("artefact").first()
        return TemplateResponse(request, "admin/complaints/routerversion/make_current.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "original": version,
            "title": _("Make this the current model"), "version": version, "current": current,
            "model_in_use": model_in_use(), "detail": detail,
            "version_accuracy": percent(_figures(version, "held_out").get("accuracy")),
            "current_accuracy": percent(_figures(current, "held_out").get("accuracy")) if current else None,
        })

    @admin.display(description=_("held-out accuracy"))
    def held_out_accuracy(self, version):
        return percent(_figures(version, "held_out").get("accuracy"))

    @admin.display(description=_("routed wrong"))
    def routed_wrong(self, version):
        return percent(_figures(version, "held_out").get("routed_wrong"))

    @admin.display(description=_("accuracy on recent corrections"))
    def corrections_accuracy(self, version):
        return percent(_figures(version, "corrections").get("accuracy"))

    @admin.display(description=_("trained on"))
    def trained_on_counts(self, version):
        counts = version.trained_on or {}
        return gettext("corpus: %(corpus)s; answered complaints: %(answered)s; recent corrections: %(corrections)s") % {
            "corpus": counts.get("corpus", "—"), "answered": counts.get("answered_complaints", "—"),
            "corrections": counts.get("recent_corrections", "—")}

    @admin.display(description=_("on the corpus's held-out part"))
    def held_out(self, version):
        return summary_table(_figures(version, "held_out"))

    @admin.display(description=_("per department, on the held-out part"))
    def held_out_departments(self, version):
        departments = _figures(version, "held_out").get("departments") or {}
        if not departments:
            return "—"
        names = {department.code: department.name for department in Department.objects.filter(code__in=departments)}
        rows = format_html_join("", "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>", (
            (names.get(code, code), percent(row.get("precision")), percent(row.get("recall")), row.get("examples", "—"))
            for code, row in sorted(departments.items(), key=lambda item: str(names.get(item[0], item[0])))))
        return format_html(
            '<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            gettext("Department"), gettext("Precision"), gettext("Recall"), gettext("Examples"), rows)

    @admin.display(description=_("on the complaints staff moved in the last months"))
    def corrections(self, version):
        return summary_table(_figures(version, "corrections"))

    @admin.display(description=_("compared with"))
    def compared_with(self, version):
        figures = version.figures or {}
        if not figures.get("compared_with"):
            return gettext("No model was current when it was trained.") if "compared_with" in figures else "—"
        theirs = figures.get("current") or {}
        return gettext("Version %(version)s: held-out accuracy %(held_out)s, on recent corrections %(corrections)s.") % {
            "version": figures["compared_with"],
            "held_out": percent((theirs.get("held_out") or {}).get("accuracy")),
            "corrections": percent((theirs.get("corrections") or {}).get("accuracy"))}


def language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def summary_table(figures: dict):
    """One yardstick's figures (complaints/routing/evaluation.py) as a two-column table."""
    if not figures:
        return "—"
    if figures.get("examples") == 0:
        return gettext("No examples.")
    rows = [(gettext("Examples"), figures.get("examples", "—")),
            (gettext("Likeliest department right"), percent(figures.get("accuracy"))),
            (gettext("Likeliest department right, hard examples"), percent(figures.get("hard_accuracy"))),
            (gettext("Routed to the right department"), percent(figures.get("routed_right"))),
            (gettext("Routed to a wrong department"), percent(figures.get("routed_wrong"))),
            (gettext("Sent to triage"), percent(figures.get("triaged"))),
            (gettext("Right department among the three suggested, at triage"),
             percent(figures.get("right_among_suggestions")))]
    rows += [(gettext("Likeliest department right, in %(language)s") % {"language": language_name(code)},
              percent(share)) for code, share in sorted((figures.get("by_language") or {}).items())]
    return format_html('<table><tbody>{}</tbody></table>', format_html_join(
        "", "<tr><th scope=\"row\">{}</th><td>{}</td></tr>", rows))
