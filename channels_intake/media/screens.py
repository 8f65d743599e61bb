"""The media and social monitors' screens: the inbox of social posts, each turned into a
complaint or dismissed, and the log of press, radio and TV items, each forwarded or turned into
a complaint. Every decision is one call to channels_intake.social.posts or channels_intake.media.media_items."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from channels_intake.media import media_items
from channels_intake.media.monitoring_forms import (
    ComplaintDraftForm,
    DismissPostForm,
    ForwardItemForm,
    MediaItemForm,
)
from channels_intake.models import MediaDigest, MediaItem, SocialPost
from channels_intake.social import posts
from complaints import services


class PostStateFilter(admin.SimpleListFilter):
    """The inbox opens on the posts still waiting for a decision."""

    title = _("state")
    parameter_name = "state"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*SocialPost.State.choices, (self.ALL, _("All"))]

    def chosen(self) -> str:
        return self.value() or SocialPost.State.NEW

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {"selected": self.chosen() == lookup, "display": title,
                   "query_string": changelist.get_query_string({self.parameter_name: lookup})}

    def queryset(self, request, queryset):
        return queryset if self.chosen() == self.ALL else queryset.filter(state=self.chosen())


class MonitorDecisions:
    """A decision screen is an admin view on one row that the user may change."""

    def decision_urls(self, *views):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [path(f"<int:object_id>/{name}/", self.admin_site.admin_view(view), name="%s_%s_" % info + name)
                for name, view in views]

    def changeable(self, request, object_id, *, permission: str = ""):
        row = get_object_or_404(self.model, pk=object_id)
        if not self.has_change_permission(request, row) or (permission and not request.user.has_perm(permission)):
            raise PermissionDenied
        return row

    def decision_page(self, request, row, *, form, title, submit_label, source, intro=""):
        return TemplateResponse(request, "admin/channels_intake/monitor_decision.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "original": row, "title": title,
            "form": form, "submit_label": submit_label, "source": source, "intro": intro,
        })

    def back_to_list(self):
        return redirect(reverse(f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_changelist"))

    def convert(self, request, row, *, draft: dict, service, title, source):
        form = ComplaintDraftForm(request.POST or None, initial=draft)
        if request.method == "POST" and form.is_valid():
            try:
                complaint = service(by=request.user, citizen=form.citizen(), **form.complaint_fields())
            except ValidationError as error:
                form.add_intake_errors(error)
            except services.DomainError as error:
                self.message_user(request, str(error), messages.ERROR)
                return self.back_to_list()
            else:
                self.message_user(request, _("Complaint %(reference)s created.")
                                  % {"reference": complaint.display_reference}, messages.SUCCESS)
                return self.back_to_list()
        return self.decision_page(request, row, form=form, title=title, source=source,
                                  submit_label=_("Create the complaint"),
                                  intro=_("The complaint is registered as received when the ministry learnt of it."))


@admin.register(SocialPost)
class SocialPostAdmin(MonitorDecisions, admin.ModelAdmin):
    list_display = ("posted_at", "platform", "author_handle", "excerpt", "state", "decision")
    list_filter = (PostStateFilter, "platform")
    list_select_related = ("complaint",)
    search_fields = ("=post_id", "author_handle")
    ordering = ("-posted_at", "-pk")
    show_full_result_count = False
    readonly_fields = ("platform", "post_id", "author_handle", "text", "link", "posted_at", "received_at", "state",
                       "dismissal_reason", "dismissal_note", "handled_by", "handled_at", "complaint")

    def has_add_permission(self, request):
        return False  # posts arrive by webhook or import, never typed in

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("text"))
    def excerpt(self, post):
        return Truncator(post.text).chars(120)

    @admin.display(description=_("decision"))
    def decision(self, post):
        if post.state == SocialPost.State.NEW:
            info = self.opts.app_label, self.opts.model_name
            return format_html('<a class="button" href="{}">{}</a> <a class="button" href="{}">{}</a>',
                               reverse("admin:%s_%s_convert" % info, args=[post.pk]), _("Turn into complaint"),
                               reverse("admin:%s_%s_dismiss" % info, args=[post.pk]), _("Dismiss"))
        if post.complaint_id:
            return post.complaint.display_reference
        return post.get_dismissal_reason_display()

    def get_urls(self):
        return [*self.decision_urls(("convert", self.convert_view), ("dismiss", self.dismiss_view)),
                *super().get_urls()]

    def source(self, post):
        return [(_("Platform"), post.get_platform_display()), (_("Author"), post.author_handle),
                (_("Posted"), timezone.localtime(post.posted_at).strftime("%Y-%m-%d %H:%M")),
                (_("Text"), post.text), (_("Link"), post.link or "—")]

    def convert_view(self, request, object_id):
        post = self.changeable(request, object_id, permission="complaints.add_complaint")
        return self.convert(
            request, post, draft=posts.complaint_draft(post), source=self.source(post),
            title=_("Turn the post into a complaint"),
            service=lambda **fields: posts.convert_post(post=post, **fields))

    def dismiss_view(self, request, object_id):
        post = self.changeable(request, object_id)
        form = DismissPostForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                posts.dismiss_post(post=post, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"],
                                    by=request.user)
            except services.DomainError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, _("Post dismissed."), messages.SUCCESS)
            return self.back_to_list()
        return self.decision_page(request, post, form=form, title=_("Dismiss the post"),
                                  submit_label=_("Dismiss"), source=self.source(post))


class ForwardedFilter(admin.SimpleListFilter):
    title = _("forwarded")
    parameter_name = "forwarded"

    def lookups(self, request, model_admin):
        return [("no", _("Not yet forwarded")), ("yes", _("Forwarded"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(department__isnull=self.value() == "no")
        return queryset


@admin.register(MediaItem)
class MediaItemAdmin(MonitorDecisions, admin.ModelAdmin):
    form = MediaItemForm
    list_display = ("published_on", "outlet", "medium", "headline", "department", "decision")
    list_filter = (ForwardedFilter, "medium", "department")
    list_select_related = ("department", "complaint")
    search_fields = ("outlet", "headline")
    ordering = ("-published_on", "-pk")
    show_full_result_count = False
    readonly_fields = ("clipping_name", "logged_by", "logged_at", "department", "forwarded_at", "forwarded_by",
                       "complaint", "clipping_download")

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else ()

    def get_fields(self, request, obj=None):
        fields = list(MediaItemForm.Meta.fields)
        return fields + list(self.readonly_fields) if obj else fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.logged_by, obj.logged_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    @admin.display(description=_("clipping"))
    def clipping_download(self, item):
        """Through the core's one permission-checked download (complaints.files.private_files)."""
        if not item.clipping:
            return "—"
        return format_html('<a href="{}" download>{}</a>', reverse("admin:complaints_private_file",
                                                                   args=["media-clipping", item.pk]),
                           item.clipping_name or _("Download"))

    @admin.display(description=_("decision"))
    def decision(self, item):
        if item.complaint_id:
            return item.complaint.display_reference
        info = self.opts.app_label, self.opts.model_name
        links = [(reverse("admin:%s_%s_convert" % info, args=[item.pk]), _("Turn into complaint"))]
        if not item.department_id:
            links.append((reverse("admin:%s_%s_forward" % info, args=[item.pk]), _("Forward")))
        return format_html_join(" ", '<a class="button" href="{}">{}</a>', links)

    def get_urls(self):
        return [*self.decision_urls(("convert", self.convert_view), ("forward", self.forward_view)),
                *super().get_urls()]

    def source(self, item):
        return [(_("Outlet"), item.outlet), (_("Medium"), item.get_medium_display()),
                (_("Date"), item.published_on.isoformat()), (_("Page or programme"), item.page_or_programme or "—"),
                (_("Headline"), item.headline), (_("Excerpt"), item.excerpt)]

    def convert_view(self, request, object_id):
        item = self.changeable(request, object_id, permission="complaints.add_complaint")
        return self.convert(
            request, item, draft=media_items.complaint_draft(item), source=self.source(item),
            title=_("Turn the media item into a complaint"),
            service=lambda **fields: media_items.convert_item(item=item, **fields))

    def forward_view(self, request, object_id):
        item = self.changeable(request, object_id)
        form = ForwardItemForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                media_items.forward_item(item=item, department=form.cleaned_data["department"], by=request.user)
            except services.DomainError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, _("Forwarded to %(department)s; it is in tomorrow's digest.")
                                  % {"department": form.cleaned_data["department"]}, messages.SUCCESS)
            return self.back_to_list()
        return self.decision_page(request, item, form=form, title=_("Forward the media item to a department"),
                                  submit_label=_("Forward"), source=self.source(item))


@admin.register(MediaDigest)
class MediaDigestAdmin(admin.ModelAdmin):
    list_display = ("date", "department", "items", "recipient", "sent_at", "not_sent_reason")
    list_filter = ("not_sent_reason", "department")
    list_select_related = ("department",)
    ordering = ("-date",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
