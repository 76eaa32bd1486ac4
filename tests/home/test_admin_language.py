"""The admin speaks the editor's language: an editor with Danish as admin language meets no English.

The walk: the dashboard, the page explorer, a guide's edit form, a workflow action (the reviewer's
"Godkend med kommentar" dialog) and the snippet listing. Wagtail's own Danish and Norwegian catalogues are
incomplete; the project's catalogues (locale/da, locale/nb, searched first) fill the gaps editors meet.
"""

import os
import re

from bs4 import BeautifulSoup
from django.urls import reverse

from tests.admin_forms import edit_form_data

#: English that editors met in the admin (issue 12) and that the project's catalogues now translate
ENGLISH = [
    "Page title",
    "Submit to",
    "Approve with comment",
    "Request changes",
    "Collapse all",
    "Images",
    "Documents",
    "Snippets",
    "Reports",
    "Help",
    "Search all pages",
    "Save draft",
    "Publish",
    "Dashboard",
    "Pages",
    "Settings",
    "Live",
    "Draft",
    "Edit",
    "Add child page",
    "Sort menu order",
    "Actions",
    "Title",
    "Updated",
    "Comments",
    "Preview",
    "History",
    "Delete",
    "Move",
    "Copy",
    "Unpublish",
    "Lock",
    "Your pages in a workflow",
    "Awaiting your review",
    "Your most recent edits",
    "Go live date/time",
    "Expiry date/time",
    "Privacy",
    "Search term",
    "Workflows",
    "Workflow tasks",
    "Site history",
    "Locked pages",
    "Shortcuts",
    "Editor Guide",
    "Select all",
    "Filter by",
    "Page type",
    "Visit the live page",
    "Saving will overwrite a newer version",
]
#: Danish that reads oddly (Wagtail's catalogue) and must not appear
ODD_DANISH = ["Side opsummering", "Søge term"]


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    parts = []
    # The sidebar (main menu) is rendered by JavaScript from JSON props: its labels count as visible.
    if props := soup.find(id="wagtail-sidebar-props"):
        parts += re.findall(r'"label": "([^"]+)"', props.string)
    for tag in soup(["script", "style", "template"]):
        tag.decompose()
    parts.append(soup.get_text(" "))
    for tag in soup.find_all(True):
        for attribute in ("aria-label", "placeholder", "title", "alt", "data-w-tooltip-content-value"):
            if tag.get(attribute):
                parts.append(str(tag[attribute]))
    return re.sub(r"\s+", " ", " ".join(parts))


def english_in(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH + ODD_DANISH if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)]


def walk(client, editor, reviewer):
    """(name, html) of every screen of the walk."""
    from knowledge.models import GuidePage

    guide = GuidePage.objects.get(slug="merudgifter")
    screens = []
    client.force_login(editor)
    screens.append(("dashboard", client.get("/admin/")))
    screens.append(("explorer", client.get(f"/admin/pages/{guide.get_parent().pk}/")))
    screens.append(("edit", client.get(f"/admin/pages/{guide.pk}/edit/")))
    screens.append(("snippet listing", client.get("/admin/snippets/knowledge/legalprovision/")))
    # Submit the guide to the review workflow, then walk the reviewer's screens.
    data = edit_form_data(client, guide)
    data["action-submit"] = "1"
    assert client.post(f"/admin/pages/{guide.pk}/edit/", data).status_code == 302
    client.force_login(reviewer)
    screens.append(("reviewer dashboard", client.get("/admin/")))
    screens.append(("reviewer edit", client.get(f"/admin/pages/{guide.pk}/edit/")))
    task_state = GuidePage.objects.get(pk=guide.pk).current_workflow_task_state
    assert task_state is not None, "the guide was not submitted to the workflow"
    response = client.get(reverse("wagtailadmin_pages:workflow_action", args=(guide.pk, "approve", task_state.pk)))
    screens.append(("workflow action", response))
    return screens


def test_an_editor_with_danish_admin_meets_no_english(client, editorial):
    found = {}
    for name, response in walk(client, *editorial):
        assert response.status_code == 200, name
        html = (
            response.json()["html"]
            if response["Content-Type"].startswith("application/json")
            else response.content.decode()
        )
        if os.environ.get("ADMIN_WALK_DUMP"):
            with open(os.path.join(os.environ["ADMIN_WALK_DUMP"], name.replace(" ", "_") + ".html"), "w") as out:
                out.write(html)
        if english := english_in(visible_text(html)):
            found[name] = english
    assert found == {}
