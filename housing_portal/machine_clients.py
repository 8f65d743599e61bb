"""The signed intake webhooks are called by other systems (Tawasul, the telephone system, social
listening), whose logs and developers read English. People get the portal's default, Arabic;
a machine that sends no Accept-Language (or names no language the portal speaks) is answered in
English, field errors and door refusals (too large, a NUL character) alike. One that asks for
Arabic or English gets it."""

import re

from django.conf import settings
from django.utils import translation

from housing_portal.nul_bytes import INTAKE_PATHS

MACHINE_LANGUAGE = "en"


def asks_for_a_language(request) -> bool:
    """Whether Accept-Language names, by its primary tag, one of the portal's languages."""
    asked = re.findall(r"(?:^|,)\s*([A-Za-z]{1,8})", request.headers.get("Accept-Language", ""))
    return bool({tag.lower() for tag in asked} & {code for code, _name in settings.LANGUAGES})


class MachineClientsInEnglishMiddleware:
    """After LocaleMiddleware, which has chosen a language for a person."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(INTAKE_PATHS) and not asks_for_a_language(request):
            translation.activate(MACHINE_LANGUAGE)
            request.LANGUAGE_CODE = MACHINE_LANGUAGE
        return self.get_response(request)
