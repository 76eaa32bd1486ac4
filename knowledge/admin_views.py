"""Admin views of the knowledge app: the dashboard panel of guides to review and the legal citations report."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, ReferenceIndex

from knowledge.models import LegalProvision
from knowledge.review import guides_due


class GuidesToReviewPanel(Component):
    """Dashboard: guides overdue, due within 30 days, or flagged because a law they cite changed."""

    name = "guides_to_review"
    template_name = "knowledge/admin/guides_to_review_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["items"] = guides_due()
        return context


class LegalCitationsReportView(ReportView):
    """Every provision in the register with its status and the pages that cite it."""

    page_title = _("Lovhenvisninger")
    header_icon = "doc-full"
    template_name = "knowledge/admin/legal_citations_report.html"
    results_template_name = "knowledge/admin/legal_citations_report_results.html"
    index_url_name = "knowledge_legal_citations"
    index_results_url_name = "knowledge_legal_citations_results"
    list_export = ["jurisdiction", "law", "section", "status", "replaced_by", "cited_by"]
    export_headings = {
        "jurisdiction": _("Land"),
        "law": _("Lov"),
        "section": _("Paragraf"),
        "status": _("Status"),
        "replaced_by": _("Erstattet af"),
        "cited_by": _("Citeret af"),
    }
    paginate_by = 100

    def get_queryset(self):
        queryset = LegalProvision.objects.select_related("replaced_by").order_by("jurisdiction", "law", "section")
        status = self.request.GET.get("status")
        if status in LegalProvision.Status.values:
            queryset = queryset.filter(status=status)
        return queryset

    def decorate_paginated_queryset(self, object_list):
        provisions = list(object_list)
        refs = ReferenceIndex.objects.filter(
            to_content_type=ReferenceIndex._get_base_content_type(LegalProvision),
            to_object_id__in=[str(p.pk) for p in provisions],
            base_content_type__app_label="wagtailcore",
            base_content_type__model="page",
        ).values_list("to_object_id", "object_id")
        page_ids = {int(object_id) for _to, object_id in refs}
        pages = Page.objects.in_bulk(page_ids)
        by_provision: dict[int, list] = {}
        for to_id, object_id in refs:
            page = pages.get(int(object_id))
            if page and page not in by_provision.setdefault(int(to_id), []):
                by_provision[int(to_id)].append(page)
        for provision in provisions:
            provision.cited_pages = sorted(by_provision.get(provision.pk, []), key=lambda p: p.title)
            provision.cited_by = ", ".join(p.title for p in provision.cited_pages)
        return provisions

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["statuses"] = LegalProvision.Status.choices
        context["selected_status"] = self.request.GET.get("status", "")
        return context
