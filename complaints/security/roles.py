"""The staff roles of the portal, kept as Django groups.

Permissions per role are granted by `ensure_role_groups`; a department officer's
reach is further limited to their own department where complaints are listed.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db.models import Q


@dataclass(frozen=True)
class Role:
    code: str
    name_ar: str
    name_en: str
    permissions: tuple[str, ...]
    # What the role does beyond its name, such as work it does on another role's behalf.
    description: str = ""


_READ = ("complaints.view_complaint", "complaints.view_complaintevent", "complaints.view_citizen",
         "complaints.view_attachment", "complaints.view_department", "complaints.view_category",
         "complaints.view_legalclause")
_WORK = _READ + ("complaints.change_complaint", "complaints.view_duplicateflag", "complaints.change_duplicateflag")
_INTAKE = _WORK + ("complaints.add_complaint", "complaints.add_citizen")
_WORKLOAD = ("complaints.view_departmentworkload",)
# Departments whose notices fall to their head or the supervisors for want of an address.
_MISSING_ADDRESSES = ("complaints.view_departmentwithoutaddress",)
# The staff reports (/reports/): for those who answer for a department's or the ministry's figures.
_REPORTS = ("complaints.view_reports",)
_CALLS = ("channels_intake.view_call", "channels_intake.add_call", "channels_intake.change_call")
_HOTLINE_SUPERVISION = ("channels_intake.view_hotline_statistics", "channels_intake.view_allocationannouncement",
                        "channels_intake.add_allocationannouncement", "channels_intake.change_allocationannouncement")

# The media and social monitors' inbox and log (channels_intake).
_MONITORING = ("channels_intake.view_socialpost", "channels_intake.add_socialpost",
               "channels_intake.change_socialpost", "channels_intake.view_mediaitem",
               "channels_intake.add_mediaitem", "channels_intake.change_mediaitem",
               "channels_intake.view_mediadigest")
# Messages to citizens: the outbox, and the dead letters to send again once the gateway is back.
_CITIZEN_MESSAGES = ("complaints.view_notification", "complaints.change_notification")
_TAWASUL_BRIDGE = ("channels_intake.view_tawasulupdate", "channels_intake.change_tawasulupdate")
_DEAD_LETTERS = ("channels_intake.view_inbounditem", "channels_intake.change_inbounditem")
# Correcting a dead letter's payload before processing it again (each correction recorded).
_DEAD_LETTER_CORRECTION = ("channels_intake.correct_inbound_payload",)
# Complaints whose routing failed and was set aside (complaints.routing.set_aside): seen and routed again.
_ROUTING_SET_ASIDE = ("complaints.view_routingsetaside",)
_WALK_IN = ("channels_intake.add_walkincomplaint", "channels_intake.view_walkincomplaint")
# Who saw whose personal data (the case page's access records), and the canned replies.
_ACCESS_LOG = ("complaints.view_accessrecord",)
_CANNED_RESPONSES = ("complaints.view_cannedresponse", "complaints.add_cannedresponse",
                     "complaints.change_cannedresponse")
# Staff sign-in support: lift a lockout (django-axes), reset a lost phone (django-otp devices).
_SIGN_IN_SUPPORT = ("axes.view_accessattempt", "axes.delete_accessattempt", "axes.view_accesslog",
                    "otp_totp.view_totpdevice", "otp_totp.delete_totpdevice",
                    "otp_static.view_staticdevice", "otp_static.delete_staticdevice")
# The Ministry Council's sessions, agendas, decisions and follow-ups (minister_office).
_COUNCIL = ("minister_office.view_councilsession", "minister_office.add_councilsession",
            "minister_office.change_councilsession", "minister_office.view_agendaitem",
            "minister_office.change_agendaitem", "minister_office.view_followup", "minister_office.change_followup")
# Open311 client keys (complaints.api_keys). Staff API tokens are left to superusers: a token acts
# as its user, so whoever may make one for anybody may act as anybody.
_API_KEYS = ("api_keys.view_open311client", "api_keys.add_open311client", "api_keys.change_open311client")
# The minister's office: triage dashboard, urgency studies, directives, escalations (minister_office).
_MINISTERS_OFFICE = ("minister_office.view_triage_dashboard", "minister_office.view_urgencyassessment",
                     "minister_office.add_urgencyassessment", "minister_office.view_directive",
                     "minister_office.add_directive", "minister_office.view_slaescalation",
                     "minister_office.change_slaescalation", "minister_office.view_urgencyweights")
# Administrators set the urgency study's weights and threshold (each change a new version).
_URGENCY_WEIGHTS = ("minister_office.view_urgencyweights", "minister_office.add_urgencyweights")
# The "Taht Amrak" box is the minister's: those who open it digitise its letters, and the office
# reads the custody record (which box, collected when, opened by whom before which witness).
_BOX_LETTERS_OPENING = ("channels_intake.add_boxletter",)
_BOX_LETTERS_CUSTODY = ("channels_intake.view_boxletter",)
# The office delegates opening the box at the service centres to the complaints unit: this is that
# delegation. To take it back, drop it from the complaints unit's roles below.
_BOX_LETTERS_DELEGATED = _BOX_LETTERS_OPENING
# Routing rules are kept, not deleted: a rule no longer wanted is made inactive, and the complaints
# it routed still name it.
_ROUTING_RULES = ("complaints.view_routingrule", "complaints.add_routingrule", "complaints.change_routingrule")
# The routing model's versions and their figures (complaints/routing/model_store.py); only the
# system administrator makes one current (a promotion, or a roll back to an earlier one).
_ROUTER_VERSIONS = ("complaints.view_routerversion",)
_ROUTER_PROMOTION = ("complaints.promote_routerversion",)
# How well complaints were routed, per department and month: for those who answer for the figures.
_ROUTING_QUALITY = ("complaints.view_routingquality",)
_BOX_LETTER_DELEGATION = ("Digitises the letters of the Taht Amrak box on the minister's office's behalf "
                          "(delegated by the office; the custody record stays the office's to read).")

ROLES = (
    Role("complaints-unit-agent", "موظف وحدة الشكاوى", "Complaints-unit agent",
         _INTAKE + _WALK_IN + _BOX_LETTERS_DELEGATED + _ROUTING_SET_ASIDE, description=_BOX_LETTER_DELEGATION),
    Role("call-centre-agent", "موظف مركز الاتصال", "Call-centre agent", _INTAKE + _CALLS),
    Role("media-monitor", "مراقب الإعلام ووسائل التواصل", "Media and social monitor", _INTAKE + _MONITORING),
    Role("department-officer", "موظف الإدارة المختصة", "Department officer", _WORK),
    Role("department-head", "رئيس الإدارة", "Department head", _WORK + _WORKLOAD + _REPORTS + _ROUTING_QUALITY),
    Role("ministers-office", "مكتب الوزير", "Minister's office",
         _WORK + _WORKLOAD + _REPORTS + _ROUTING_QUALITY + _COUNCIL + _MINISTERS_OFFICE
         + _BOX_LETTERS_OPENING + _BOX_LETTERS_CUSTODY,
         description="Opens the Taht Amrak box and digitises its letters, or delegates that to the "
                     "complaints unit; reads the letters' custody record."),
    Role("supervisor", "مشرف الشكاوى", "Complaints supervisor",
         _INTAKE + _WORKLOAD + _WALK_IN + _CALLS + _HOTLINE_SUPERVISION + _MONITORING + _TAWASUL_BRIDGE
         + _DEAD_LETTERS + _DEAD_LETTER_CORRECTION + _ACCESS_LOG + _CANNED_RESPONSES + _REPORTS + _COUNCIL
         + _MINISTERS_OFFICE
         + _CITIZEN_MESSAGES + _BOX_LETTERS_DELEGATED + _MISSING_ADDRESSES + _ROUTING_SET_ASIDE
         + _ROUTER_VERSIONS + _ROUTING_QUALITY,
         description=_BOX_LETTER_DELEGATION),
    Role("system-administrator", "مدير النظام", "System administrator",
         _INTAKE + ("complaints.change_department", "complaints.add_department",
                    "complaints.change_category", "complaints.add_category",
                    "complaints.change_legalclause", "complaints.add_legalclause") + _TAWASUL_BRIDGE
         + _CANNED_RESPONSES + _SIGN_IN_SUPPORT + _API_KEYS + _URGENCY_WEIGHTS + _ROUTING_RULES
         + _MISSING_ADDRESSES + _ROUTING_SET_ASIDE + _DEAD_LETTERS + _DEAD_LETTER_CORRECTION
         + _ROUTER_VERSIONS + _ROUTER_PROMOTION + _ROUTING_QUALITY,
         description="Manages the routing rules and tries them from the menu's \"Try the routing rules\"."),
)

# --- Data protection (complaints/data_protection): the officer who answers citizens' requests
# about their personal data (correction, erasure, a copy) and reads the retention runs.
_DATA_PROTECTION = ("complaints.view_datasubjectrequest", "complaints.add_datasubjectrequest",
                    "complaints.change_datasubjectrequest", "complaints.view_datasubjectdecision",
                    "complaints.export_personal_data", "complaints.erase_personal_data",
                    "complaints.view_retentionrun")
ROLES += (
    Role("data-protection-officer", "مسؤول حماية البيانات", "Data protection officer", _DATA_PROTECTION),
)

ROLES_BY_CODE = {role.code: role for role in ROLES}


def ensure_role_groups() -> dict[str, Group]:
    """Creates or refreshes one group per role; safe to run again."""
    groups = {}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name_en)
        wanted = Q()
        for name in role.permissions:
            app_label, codename = name.split(".", 1)
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(wanted))
        groups[role.code] = group
    return groups
