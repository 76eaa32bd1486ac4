"""Admin integration: the legal register snippet, the review dashboard panel, the citations report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from knowledge.admin_views import GuidesToReviewPanel, LegalCitationsReportView
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


register_snippet(LegalProvisionViewSet)


@hooks.register("construct_homepage_panels")
def add_guides_to_review_panel(request, panels):
    panels.append(GuidesToReviewPanel())


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
