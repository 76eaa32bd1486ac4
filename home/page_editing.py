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
"""

from django.db import connection, transaction
from django.db.models import F
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page


def lock_page_for_saving(page_id: int) -> None:
    """Hold the page row until the end of the transaction (a no-op UPDATE takes SQLite's write lock)."""
    if connection.features.has_select_for_update:
        list(Page.objects.select_for_update().filter(pk=page_id).values_list("pk", flat=True))
    else:
        Page.objects.filter(pk=page_id).update(latest_revision_id=F("latest_revision_id"))


class SerialisedEditView(EditView):
    def dispatch(self, request, page_id, **kwargs):
        if request.method != "POST":
            return super().dispatch(request, page_id, **kwargs)
        with transaction.atomic():
            lock_page_for_saving(page_id)
            # Everything the view reads (the latest revision first of all) is read after the lock.
            return super().dispatch(request, page_id, **kwargs)


class SerialisedPageViewSet(PageViewSet):
    """Wagtail's default page views, with the serialised edit view (registered for `Page`, so every type)."""

    edit_view_class = SerialisedEditView


page_viewset = SerialisedPageViewSet(name="serialised_pages")
