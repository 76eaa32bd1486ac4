"""The editorial set-up, with Wagtail's own machinery: groups, page permissions, the review workflow.

- "Redaktører" (editors) write guides, position papers, news, glossary and principles. Guides and papers
  go through the workflow "Faglig gennemgang" before they are published; news and glossary they publish.
- "Faglige læsere" (professional reviewers) approve or send back guides and papers (GroupApprovalTask).
- "Kampagneredaktører" (campaign editors) own campaigns, events and partnerships, and the press page.
- "Sekretariat" (the secretariat) handles registrations, counselling requests, membership applications and
  campaign signatures (view, mark handled, delete on request); no page rights. Staff need not be superusers.
- Editors read the search report and add synonyms and best bets from it; nobody else sees the query log.
Everything is created once and put right on every run (idempotent).
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home.site_setup import ensure_home
from knowledge.models import PressPage

EDITORS, REVIEWERS, CAMPAIGN_EDITORS = "Redaktører", "Faglige læsere", "Kampagneredaktører"
SECRETARIAT = "Sekretariat"
WORKFLOW_NAME, TASK_NAME = "Faglig gennemgang", "Faglig godkendelse"

#: (app_label, model) of the section index pages each group works in
EDITOR_SECTIONS_REVIEWED = [("knowledge", "GuideIndexPage"), ("knowledge", "PositionPaperIndexPage")]
EDITOR_SECTIONS_DIRECT = [
    ("knowledge", "ArticleIndexPage"),
    ("knowledge", "GlossaryIndexPage"),
    ("knowledge", "PrinciplesPage"),
]
CAMPAIGN_SECTIONS = [
    ("campaigns", "CampaignIndexPage"),
    ("campaigns", "EventIndexPage"),
    ("campaigns", "PartnershipPage"),
    ("knowledge", "PressPage"),
]
SNIPPETS = {
    EDITORS: [
        ("knowledge", "legalprovision"),
        ("deadlines", "deadlinerule"),
        ("sitesearch", "synonymlist"),
        ("wagtailsearchpromotions", "searchpromotion"),
    ],
    REVIEWERS: [("knowledge", "legalprovision"), ("deadlines", "deadlinerule")],
}
#: (app_label, model, actions) of what only reading is granted for
VIEW_ONLY = {EDITORS: [("sitesearch", "querylog")]}
#: people's submissions the secretariat handles: view, mark handled, delete on request
SECRETARIAT_MODELS = [
    ("campaigns", "registration"),
    ("campaigns", "counsellingrequest"),
    ("campaigns", "membershipapplication"),
    ("campaigns", "signature"),
]


def _sections(specs) -> list[Page]:
    # By name, not by import: knowledge and campaigns are sibling apps and neither imports the other.
    return [page for app_label, name in specs for page in apps.get_model(app_label, name).objects.all()]


def _page_permissions(group, pages, codenames):
    for page in pages:
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{codename}_page")
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _model_permissions(group, specs, actions=("add", "change", "view")):
    for app_label, model in specs:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, codename__in=[f"{action}_{model}" for action in actions]
            )
        )


@transaction.atomic
def setup_editorial() -> dict:
    """Create or update the groups, permissions and workflow; returns what it touched, for the command's report."""
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {
        name: Group.objects.get_or_create(name=name)[0] for name in (EDITORS, REVIEWERS, CAMPAIGN_EDITORS, SECRETARIAT)
    }
    for group in groups.values():
        group.permissions.add(admin_access)

    reviewed = _sections(EDITOR_SECTIONS_REVIEWED)
    direct = _sections(EDITOR_SECTIONS_DIRECT)
    campaign_sections = _sections(CAMPAIGN_SECTIONS)
    # Editors may add and edit guides and papers but publish them only through the review workflow.
    _page_permissions(groups[EDITORS], reviewed, ["add", "change", "lock", "unlock"])
    _page_permissions(groups[EDITORS], direct, ["add", "change", "publish", "lock", "unlock"])
    # Approving the last task publishes the page as the reviewer, so reviewers need publish rights there.
    _page_permissions(groups[REVIEWERS], reviewed, ["change", "publish", "lock"])
    _page_permissions(groups[CAMPAIGN_EDITORS], campaign_sections, ["add", "change", "publish", "lock", "unlock"])
    for name, specs in SNIPPETS.items():
        _model_permissions(groups[name], specs)
    for name, specs in VIEW_ONLY.items():
        _model_permissions(groups[name], specs, actions=("view",))
    _model_permissions(groups[SECRETARIAT], SECRETARIAT_MODELS, actions=("view", "change", "delete"))

    root_collection = Collection.get_first_root_node()
    if root_collection:
        for group in (groups[EDITORS], groups[REVIEWERS], groups[CAMPAIGN_EDITORS]):
            for app_label, codenames in (
                ("wagtailimages", ["add_image", "choose_image"]),
                ("wagtaildocs", ["add_document", "choose_document"]),
            ):
                for codename in codenames:
                    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([groups[REVIEWERS]])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in reviewed:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})

    return {
        "groups": sorted(groups),
        "workflow": workflow.name,
        "workflow_pages": [p.title for p in reviewed],
        "sections": len(reviewed) + len(direct) + len(campaign_sections),
    }


TITLES = {
    "da": (
        "Presse",
        "presse",
        "Journalister er velkomne til at kontakte os. Her finder du vores pressekontakter og pressemeddelelser.",
    ),
    "nb": (
        "Presse",
        "presse",
        "Journalister er velkomne til å kontakte oss. Her finner du pressekontaktene og pressemeldingene våre.",
    ),
}


@transaction.atomic
def ensure_press_page(language_code: str):
    """The press page of a language, created once under its home page."""
    home = ensure_home(language_code)
    existing = PressPage.objects.child_of(home).first()
    if existing:
        return existing
    title, slug, intro = TITLES[language_code]
    page = PressPage(title=title, slug=slug, intro=intro, locale=home.locale)
    if language_code != "da":
        page.translation_key = ensure_press_page("da").translation_key
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
