"""Admin: deadline rules as snippets in their own menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from deadlines.models import DeadlineRule


class DeadlineRuleViewSet(SnippetViewSet):
    model = DeadlineRule
    icon = "date"
    menu_label = _("Klagefrister")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "jurisdiction", "duration_value", "duration_unit", "legal_basis", "non_working_day_rule"]
    list_filter = ["jurisdiction"]
    search_fields = ["name"]


register_snippet(DeadlineRuleViewSet)
