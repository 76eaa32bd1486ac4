"""`{% follow_box page %}` (the follow form, only on public guides and guide indexes) and
`{% change_history page %}` (the guide's public "Ændringer")."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("subscriptions/_follow_box.html")
def follow_box(page, topic=""):
    from knowledge.models import GuidePage
    from subscriptions.forms import FollowForm
    from subscriptions.services import followable
    from subscriptions.tokens import confirm_days

    if not followable(page):
        return {"show": False}
    if isinstance(page, GuidePage):
        heading, label = _("Få besked, når vejledningen ændres"), _("Følg vejledningen")
    elif topic:
        heading = _("Få besked, når vejledningerne om %(topic)s ændres") % {"topic": topic}
        label = _("Følg vejledningerne")
    else:
        heading, label = _("Få besked, når vejledningerne ændres"), _("Følg vejledningerne")
    return {
        "show": True,
        "heading": heading,
        "submit_label": label,
        "form": FollowForm(initial={"side": page.pk, "emne": topic or ""}),
        "confirm_days": confirm_days(),
    }


@register.inclusion_tag("subscriptions/_changes.html")
def change_history(page):
    from subscriptions.models import ChangeNote

    return {"changes": list(ChangeNote.objects.filter(page_id=page.pk).order_by("-published_at", "-pk"))}
