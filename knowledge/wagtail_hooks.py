"""Admin integration: the legal register snippet, the review dashboard panel, the citations report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import GroupApprovalTask
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from knowledge.admin_views import GuidesToReviewPanel, LegalCitationsReportView
from knowledge.legal_chooser import LegalProvisionChooserViewSet
from knowledge.models import LegalProvision


class LegalProvisionViewSet(SnippetViewSet):
    model = LegalProvision
    icon = "doc-full"
    menu_label = _("Lovregister")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["__str__", "short_name", "jurisdiction", "status", "replaced_by"]
    list_filter = ["jurisdiction", "status"]
    search_fields = ["law", "section", "short_name"]
    chooser_viewset_class = LegalProvisionChooserViewSet


register_snippet(LegalProvisionViewSet)


@hooks.register("construct_homepage_panels")
def add_guides_to_review_panel(request, panels):
    panels.append(GuidesToReviewPanel())


@hooks.register("construct_homepage_panels")
def reviewers_see_their_tasks_first(request, panels):
    """A reviewer (a member of a group that approves a workflow task) sees "Til din gennemgang" first."""
    if not GroupApprovalTask.objects.filter(active=True, groups__in=request.user.groups.all()).exists():
        return
    for panel in panels:
        if isinstance(panel, WorkflowObjectsToModeratePanel):
            panel.order = min(p.order for p in panels) - 1


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/lovhenvisninger/", LegalCitationsReportView.as_view(), name="knowledge_legal_citations"),
        path(
            "reports/lovhenvisninger/results/",
            LegalCitationsReportView.as_view(results_only=True),
            name="knowledge_legal_citations_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem(_("Lovhenvisninger"), reverse("knowledge_legal_citations"), icon_name="doc-full", order=700)
