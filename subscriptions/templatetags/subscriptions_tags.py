"""`{% follow_box page %}` (the follow form, only on public guides and guide indexes) and
`{% change_history page %}` (the guide's public "Ændringer")."""

from django import template
from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home import chrome
from home.versioned_cache import VersionedCache
from knowledge.models import GuidePage
from subscriptions.forms import FollowForm
from subscriptions.models import ChangeNote
from subscriptions.services import followable
from subscriptions.tokens import confirm_days

register = template.Library()


@register.simple_tag
def follow_box(page, topic=""):
    """The same for every reader of a page (no CSRF token, no reader data): rendered once per language
    under the chrome version, which publishing and view-restriction changes retire."""

    def render():
        return render_to_string("subscriptions/_follow_box.html", _box(page, topic))

    if topic:  # a topic comes from the address (?emne=): not worth a cache entry per spelling
        return mark_safe(render())
    return mark_safe(chrome.cached(f"follow-box:{page.pk}:{get_language()}", "", render))


def _box(page, topic):
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
