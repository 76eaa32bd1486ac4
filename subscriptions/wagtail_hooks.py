"""Admin: staff see who follows what (read-only apart from the frequency) and the recorded change notes."""

from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from subscriptions.models import ChangeNote, Subscription


class NoAddPermissionPolicy(ModelPermissionPolicy):
    """Subscriptions start only by the person's own confirmation; change notes only by publishing."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [action for action in actions if action != "add"])


class SubscriptionViewSet(SnippetViewSet):
    model = Subscription
    icon = "mail"
    menu_label = _("Følgere af vejledninger")
    list_display = ["email", "page", "topic", "frequency", "language", "created_at", "confirmed_at"]
    list_filter = ["frequency", "language"]
    search_fields = ["email", "topic"]
    form_fields = ["frequency"]
    inspect_view_enabled = True
    copy_view_enabled = False


class ChangeNoteViewSet(SnippetViewSet):
    model = ChangeNote
    icon = "history"
    menu_label = _("Ændringer af vejledninger")
    list_display = ["page", "published_at", "note", "notified_at"]
    search_fields = ["note"]
    form_fields = ["note"]
    inspect_view_enabled = True
    copy_view_enabled = False


register_permission_policy(Subscription, NoAddPermissionPolicy(Subscription))
register_permission_policy(ChangeNote, NoAddPermissionPolicy(ChangeNote))
register_snippet(SubscriptionViewSet)
register_snippet(ChangeNoteViewSet)
