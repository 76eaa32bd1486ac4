"""The outbox in the admin: what is queued, sent or failing, and why."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from outbox.models import Message


class MessageViewSet(SnippetViewSet):
    model = Message
    icon = "mail"
    menu_label = _("Udbakke")
    list_display = ["subject", "recipients_display", "status", "attempts", "next_try", "last_error", "created_at"]
    list_filter = ["status", "topic"]
    search_fields = ["subject", "to"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status", "next_try"]


register_snippet(MessageViewSet)
