"""{% keep_typed form %}: a form whose view keeps no draft gets back, in the other language, what
was typed in it before the language switch (complaints/portal/language_switch.py)."""

from django import template

from complaints.portal import language_switch

register = template.Library()


@register.simple_tag(takes_context=True)
def keep_typed(context, form) -> str:
    """Before the form's fields are first shown: they start from what was typed."""
    fields = language_switch.carried(context["request"])
    if fields and not form.is_bound:
        form.initial = {**form.initial, **{name: value for name, value in fields.items() if name in form.fields}}
    return ""
