"""Page editing in the admin: every save of one page is serialised, so the latest revision is the last save.

Wagtail's edit view checks an autosave against the latest revision ("Saving will overwrite a newer
version") when the request starts, and writes the revision later. When an editor pressed "Gem skitse"
and the autosave scheduled a moment earlier (holding a snapshot of the form taken before the last
keystrokes) reached the server while the editor's save was still being written, the autosave read the
old latest revision, passed the check, waited for the editor's write and then stored its older snapshot
as the newest revision: the fields the editor had just typed were gone from the draft and from what was
published next.

Here every POST to a page's edit view takes a lock on the page row first and only then reads the latest
revision, so two saves of one page run one after the other: a stale autosave arriving after the editor's
save is refused by Wagtail's own check, and an autosave arriving before it is overwritten by it.

The same page views also tell a reviewer what an approval did ("… er godkendt og udgivet"), where Wagtail
only says that the page was updated.
"""

from django.contrib import messages
from django.db import connection, transaction
from django.db.models import F
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page


def lock_page_for_saving(page_id: int) -> None:
    """Hold the page row until the end of the transaction (a no-op UPDATE takes SQLite's write lock)."""
    if connection.features.has_select_for_update:
        list(Page.objects.select_for_update().filter(pk=page_id).values_list("pk", flat=True))
    else:
        Page.objects.filter(pk=page_id).update(latest_revision_id=F("latest_revision_id"))


def workflow_outcome_message(page_id: int, action_name: str) -> str | None:
    """What a reviewer's approve or reject did to the page, said plainly (Wagtail only says "updated")."""
    page = Page.objects.get(pk=page_id)
    title = page.get_admin_display_title()
    if action_name == "reject":
        return _("«%(title)s» er sendt tilbage til redaktøren med ønske om ændringer.") % {"title": title}
    if action_name != "approve":
        return None
    if page.workflow_in_progress:
        return _("«%(title)s» er godkendt i dette trin og går videre til næste trin i arbejdsgangen.") % {
            "title": title
        }
    if page.live and not page.has_unpublished_changes:
        return _("«%(title)s» er godkendt og udgivet.") % {"title": title}
    scheduled = page.scheduled_revision
    if scheduled and scheduled.approved_go_live_at:
        when = date_format(localtime(scheduled.approved_go_live_at), "DATETIME_FORMAT")
        return _("«%(title)s» er godkendt og bliver udgivet %(when)s.") % {"title": title, "when": when}
    return _("«%(title)s» er godkendt.") % {"title": title}


class SerialisedEditView(EditView):
    def add_save_confirmation_message(self):
        if self.action_name == "perform_workflow_action" and (
            message := workflow_outcome_message(self.page.pk, self.workflow_action)
        ):
            messages.success(self.request, message)
            return
        super().add_save_confirmation_message()

    def dispatch(self, request, page_id, **kwargs):
        if request.method != "POST":
            return super().dispatch(request, page_id, **kwargs)
        with transaction.atomic():
            lock_page_for_saving(page_id)
            # Everything the view reads (the latest revision first of all) is read after the lock.
            return super().dispatch(request, page_id, **kwargs)


class ReportingWorkflowActionView(WorkflowActionView):
    """The workflow action dialog ("Godkend med kommentar", "Bed om ændringer") says what happened."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if response.status_code in (200, 302) and (
            message := workflow_outcome_message(self.object.pk, self.action_name)
        ):
            if not (response.status_code == 200 and b'"step": "action"' in response.content):
                messages.success(request, message)
        return response


class SerialisedPageViewSet(PageViewSet):
    """Wagtail's default page views with the serialised edit view and a workflow action view that reports
    its outcome (registered for `Page`, so for every page type)."""

    edit_view_class = SerialisedEditView
    workflow_action_view_class = ReportingWorkflowActionView


page_viewset = SerialisedPageViewSet(name="serialised_pages")
