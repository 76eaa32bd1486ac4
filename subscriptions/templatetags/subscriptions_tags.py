"""`{% follow_box page %}` (the follow form, only on public guides and guide indexes) and
`{% change_history page %}` (the guide's public "Ændringer")."""

from django import template
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext as _

from home.versioned_cache import VersionedCache
from subscriptions.models import ChangeNote

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
    return {"changes": CHANGE_NOTES.get_or_build(str(page.pk), lambda: notes_of(page.pk))}


def notes_of(page_id) -> list:
    return list(ChangeNote.objects.filter(page_id=page_id).order_by("-published_at", "-pk"))


#: a guide's change notes, read once per change to any note (saved or deleted, in the admin or on publish)
CHANGE_NOTES = VersionedCache("change-notes", timeout=3600)
post_save.connect(CHANGE_NOTES.bump, sender=ChangeNote, dispatch_uid="change-notes-saved")
post_delete.connect(CHANGE_NOTES.bump, sender=ChangeNote, dispatch_uid="change-notes-deleted")
