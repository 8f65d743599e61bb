"""Staff screens. Thin: they validate, call a service, and show the result."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from complaints import duplicates, search, services
from complaints.backoffice import (
    addresses_screen,  # noqa: F401  (departments without an e-mail address)
    outbox_screen,  # noqa: F401  (messages to citizens and their dead letters)
    queue_search,
    router_versions_screen,  # noqa: F401  (the routing model's versions, promotion and roll back)
    routing_quality_screen,  # noqa: F401  (routing quality per department and month)
    routing_trial,
    set_aside_screen,  # noqa: F401  (complaints whose routing failed, set aside)
    workload_screen,  # noqa: F401  (the department workload page)
)
from complaints.backoffice.case_page import CasePage
from complaints.backoffice.date_drilldown import CheckedDateHierarchy
from complaints.backoffice.queue_screen import (
    CappedCountPaginator,
    OpenFilter,
    ReceivedFilter,
    SlaStateFilter,
    sla_badge,
)
from complaints.backoffice.record_pages import ReadOnlyAdmin
from complaints.backoffice.staff_forms import RoutingRuleForm, TransferForm, TryRoutingForm
from complaints.data_protection import admin as data_protection_admin  # noqa: F401  (data requests, retention runs)
from complaints.models import (
    AccessRecord,
    CannedResponse,
    Category,
    Citizen,
    ClosureDate,
    Complaint,
    Department,
    DuplicateFlag,
    LegalClause,
    RoutingRule,
    RoutingTrial,
    SlaNotice,
    StaffProfile,
)
from complaints.reports import admin as reports_admin  # noqa: F401  (the staff reports in the index)
from complaints.security import access


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name_ar", "name_en", "code", "email", "is_active", "routing_threshold", "owns_summary")
    search_fields = ("name_ar", "name_en", "code")
    fieldsets = (
        (None, {"fields": ("code", "name_ar", "name_en", "email", "is_active")}),
        (_("Routing"), {"fields": ("owns_ar", "owns_en", "routing_threshold"),
                        "description": _("What the department owns is shown to staff who transfer complaints "
                                         "and at the triage desk.")}),
    )

    @admin.display(description=_("what it owns"))
    def owns_summary(self, department):
        return format_html('<span title="{}">{}</span>', department.owns,
                           Truncator(department.owns).words(12)) if department.owns else "—"

    def get_form(self, request, obj=None, **kwargs):
        kwargs["widgets"] = {"owns_ar": forms.Textarea(attrs={"rows": 3, "dir": "rtl"}),
                             "owns_en": forms.Textarea(attrs={"rows": 3, "dir": "ltr"})}
        return super().get_form(request, obj, **kwargs)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name_ar", "name_en", "default_department", "sla_days", "is_active")
    list_select_related = ("default_department",)
    list_filter = ("is_active", "default_department")


@admin.register(Citizen)
class CitizenAdmin(admin.ModelAdmin):
    list_display = ("name", "masked_cpr", "preferred_language", "created_at")
    search_fields = ("=cpr", "name", "=mobile")

    @admin.display(description=_("CPR number"))
    def masked_cpr(self, citizen):
        return citizen.masked_cpr

    def get_queryset(self, request):
        """Department staff see only the citizens of complaints they can see."""
        citizens = super().get_queryset(request)
        if access.works_ministry_wide(request.user):
            return citizens
        return citizens.filter(pk__in=Complaint.objects.visible_to(request.user).values("citizen_id"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Complaint)
class ComplaintAdmin(CasePage, admin.ModelAdmin):
    list_display = ("display_reference", "kind", "channel", "citizen_cpr", "department", "assignee", "status",
                    "sla", "urgency")
    list_filter = (OpenFilter, SlaStateFilter, "status", "department", "channel", "category", "kind",
                   ReceivedFilter)
    list_select_related = ("department", "assignee", "citizen")
    list_per_page = 50
    paginator = CappedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # a count per filter choice is a full scan each
    search_fields = ("reference",)  # shows the search box; get_search_results does the searching
    search_help_text = _("A reference, a CPR, a mobile number, or words from the subject and details.")
    ordering = ("due_at", "pk")
    actions = ("transfer", "assign")
    # Nothing is edited here: the case page (admin_case.CasePage) shows the complaint and every
    # change goes through a service, from its action forms.
    fields = ("reference", "status", "kind", "channel", "category", "department", "assignee", "is_urgent",
              "citizen", "contact_mobile", "contact_email", "subject", "body", "language",
              "received_at", "due_at", "sla_paused_at", "responded_at",
              "external_reference", "master")
    readonly_fields = fields

    class Media:
        css = {"all": ("complaints/back-office.css",)}

    @admin.display(description=_("reference"), ordering="reference")
    def display_reference(self, complaint):
        return format_html('<bdi dir="ltr" class="portal-nowrap">{}</bdi>', complaint.display_reference)

    @admin.display(description=_("CPR"))
    def citizen_cpr(self, complaint):
        return format_html('<bdi dir="ltr">{}</bdi>', complaint.citizen.masked_cpr) if complaint.citizen else "—"

    @admin.display(description=_("answer due"), ordering="due_at")
    def sla(self, complaint):
        return sla_badge(complaint, now=timezone.now())

    @admin.display(description=_("urgent"), boolean=True, ordering="-is_urgent")
    def urgency(self, complaint):
        return complaint.is_urgent

    def get_urls(self):
        return [path("search/", self.admin_site.admin_view(self.search_view), name="complaints_complaint_search"),
                *super().get_urls()]

    def search_view(self, request):
        """The search box posts here; the queue is then opened with a token for what was typed."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        params = QueryDict(request.POST.get("params", ""), mutable=True)
        params.pop("q", None)
        params.pop("p", None)
        token = queue_search.remember(request, request.POST.get("q", ""))
        if token:
            params["q"] = token
        changelist = reverse("admin:complaints_complaint_changelist")
        return redirect(f"{changelist}?{params.urlencode()}" if params else changelist)

    def changelist_view(self, request, extra_context=None):
        term = queue_search.recall(request, request.GET.get("q", ""))
        return super().changelist_view(request, {**(extra_context or {}), "queue_search_term": term})

    def get_search_results(self, request, queryset, search_term):
        """A reference is found however it is typed (dashes, spaces, Arabic-Indic digits); one
        with a wrong check digit is refused rather than matched to a neighbour's case."""
        search_term = queue_search.recall(request, search_term)
        if not search_term.strip():
            return queryset, False
        try:
            found = search.find(queryset, search_term)
        except search.NotAReference:
            self.message_user(request, _("“%(typed)s” is not a valid reference: check the digits.")
                              % {"typed": search_term.strip()}, messages.ERROR)
            return queryset.none(), False
        if found.truncated:
            self.message_user(request, _("More than %(limit)s complaints contain these words: the newest %(limit)s "
                                         "are searched. Add a word to narrow the search.")
                              % {"limit": f"{search.WORD_MATCH_LIMIT:,}"}, messages.WARNING)
        return found.complaints, False

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Transfer to another department"), permissions=["change"])
    def transfer(self, request, queryset):
        form = TransferForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            moved = 0
            for complaint in queryset:
                try:
                    services.transfer_complaint(complaint=complaint, to_department=form.cleaned_data["to_department"],
                                                by=request.user, reason=form.cleaned_data["reason"])
                    moved += 1
                except services.DomainError as error:
                    self.message_user(request, f"{complaint}: {error}", messages.WARNING)
            self.message_user(request, ngettext("%(count)d complaint transferred.", "%(count)d complaints transferred.",
                                                moved) % {"count": moved})
            return None
        return render(request, "admin/complaints/transfer.html", {
            **self.admin_site.each_context(request), "title": _("Transfer to another department"),
            "form": form, "complaints": queryset, "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    form = RoutingRuleForm
    list_display = ("position", "name", "department", "is_active", "urgency")
    list_display_links = ("name",)
    list_editable = ("position", "is_active")
    list_select_related = ("department",)
    list_filter = ("is_active", "department")
    search_fields = ("name", "keywords")

    def get_urls(self):
        return [path("try/", self.admin_site.admin_view(self.try_rules), name="complaints_routingrule_try"),
                *super().get_urls()]

    def try_rules(self, request):
        """Staff paste a text and see which rule would fire, what the routing model would say, and
        where routing would send it, before they change anything (backoffice/routing_trial.py). For
        those who may see the rules: a custom view gets no check from the admin but the staff flag."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = TryRoutingForm(request.POST or None)
        trial = routing_trial.try_routing(routing_trial.facts_of(**form.cleaned_data)) if form.is_valid() else None
        return TemplateResponse(request, "admin/complaints/routingrule/try.html", {
            **self.admin_site.each_context(request), "title": _("Try the routing rules"), "opts": self.model._meta,
            "form": form, "trial": trial,
        })


@admin.register(RoutingTrial)
class RoutingTrialAdmin(ReadOnlyAdmin):
    """The menu's "Try the routing rules": shown to, and opening for, whoever may see the rules."""

    def has_module_permission(self, request):
        return request.user.has_perm("complaints.view_routingrule")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("complaints.view_routingrule")

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return redirect("admin:complaints_routingrule_try")


@admin.register(ClosureDate)
class ClosureDateAdmin(CheckedDateHierarchy, admin.ModelAdmin):
    list_display = ("date", "reason")
    date_hierarchy = "date"
    date_hierarchy_years_ahead = 2  # closures are announced ahead


@admin.register(SlaNotice)
class SlaNoticeAdmin(admin.ModelAdmin):
    list_display = ("complaint", "kind", "stage", "due_at", "created_at", "sent_at", "not_sent_reason")
    list_filter = ("kind", "not_sent_reason")
    list_select_related = ("complaint",)
    readonly_fields = ("complaint", "kind", "stage", "due_at", "created_at", "sent_at", "not_sent_reason")

    def has_add_permission(self, request):
        return False


@admin.register(LegalClause)
class LegalClauseAdmin(admin.ModelAdmin):
    list_display = ("law_ar", "law_en", "article", "is_active")
    list_filter = ("is_active",)
    search_fields = ("law_ar", "law_en", "article", "text_ar", "text_en")


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class StaffUserAdmin(UserAdmin):
    inlines = (StaffProfileInline,)


admin.site.site_header = _("Ministry of Housing — complaints back office")
# Queues need the width; the home page lists every screen.
admin.site.enable_nav_sidebar = False
admin.site.site_title = _("Complaints back office")


@admin.register(DuplicateFlag)
class DuplicateFlagAdmin(admin.ModelAdmin):
    """Likely duplicates to decide on. Opening one shows both complaints side by side with the
    three decisions; each decision is one service call."""

    list_display = ("complaint", "complaint_channel", "original", "original_channel", "reason", "similarity",
                    "state", "flagged_at")
    list_filter = ("state", "reason")
    list_select_related = ("complaint", "original")
    ordering = ("-flagged_at",)

    @admin.display(description=_("channel of the later"))
    def complaint_channel(self, flag):
        return flag.complaint.get_channel_display()

    @admin.display(description=_("channel of the earlier"))
    def original_channel(self, flag):
        return flag.original.get_channel_display()

    def get_queryset(self, request):
        return super().get_queryset(request).filter(
            complaint__in=Complaint.objects.visible_to(request.user),
            original__in=Complaint.objects.visible_to(request.user))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        flag = get_object_or_404(self.get_queryset(request).select_related("complaint", "original"), pk=object_id)
        if not self.has_view_or_change_permission(request, flag):
            return redirect("admin:index")
        error = None
        if request.method == "POST" and self.has_change_permission(request, flag):
            decision, note = request.POST.get("decision"), request.POST.get("note", "")
            try:
                if decision == "merge":
                    duplicates.merge_flagged(flag, by=request.user)
                    done = _("Complaint %(later)s merged into %(earlier)s.")
                elif decision == "link":
                    duplicates.link(flag, by=request.user)
                    done = _("Complaints %(later)s and %(earlier)s linked.")
                elif decision == "dismiss":
                    duplicates.dismiss(flag, by=request.user, note=note)
                    done = _("Complaints %(later)s and %(earlier)s are not the same matter.")
                else:
                    raise services.DomainError(_("Choose link, merge or not the same matter."))
                self.message_user(request, done % {"later": flag.complaint, "earlier": flag.original},
                                  messages.SUCCESS)
                return redirect("admin:complaints_duplicateflag_changelist")
            except services.DomainError as problem:
                error = str(problem)
        return TemplateResponse(request, "admin/complaints/duplicateflag/decide.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "flag": flag, "error": error,
            "note": request.POST.get("note", ""), "title": _("Likely duplicate"),
            "can_decide": self.has_change_permission(request, flag) and flag.state == DuplicateFlag.State.FLAGGED,
            "pair": (flag.original, flag.complaint),
        }, status=400 if error else 200)


@admin.register(CannedResponse)
class CannedResponseAdmin(admin.ModelAdmin):
    list_display = ("title", "is_active")
    list_filter = ("is_active",)
    search_fields = ("title", "text_ar", "text_en")


@admin.register(AccessRecord)
class AccessRecordAdmin(ReadOnlyAdmin):
    """Who saw which citizen's data, for supervisors. Append-only: nothing here can be changed."""

    list_display = ("at", "user", "what", "complaint", "detail")
    list_filter = ("what",)
    list_select_related = ("user", "complaint")
    search_fields = ("user__username", "complaint__reference")
    paginator = CappedCountPaginator
    show_full_result_count = False
