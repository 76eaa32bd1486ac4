"""The admin speaks the editor's language: an editor with Danish as admin language meets no English.

The walk: the dashboard, the page explorer, a guide's edit form, a workflow action (the reviewer's
"Godkend med kommentar" dialog) and the snippet listing. Wagtail's own Danish and Norwegian catalogues are
incomplete; the project's catalogues (locale/da, locale/nb, searched first) fill the gaps editors meet.
"""

import os
import re

import pytest
from bs4 import BeautifulSoup

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
    "Status",
    "Live",
    "Draft",
    "Edit",
    "Add child page",
    "Sort menu order",
    "Actions",
    "Title",
    "Updated",
    "Type",
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
]
#: Danish that reads oddly (Wagtail's catalogue) and must not appear
ODD_DANISH = ["Side opsummering", "Søge term"]


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "template"]):
        tag.decompose()
    parts = [soup.get_text(" ")]
    for tag in soup.find_all(True):
        for attribute in ("aria-label", "placeholder", "title", "alt", "data-w-tooltip-content-value"):
            if tag.get(attribute):
                parts.append(str(tag[attribute]))
    return re.sub(r"\s+", " ", " ".join(parts))


def english_in(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH + ODD_DANISH if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)]


@pytest.fixture
def editorial(sample_content, django_user_model):
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from wagtail.users.models import UserProfile

    from knowledge.editorial import EDITORS, REVIEWERS

    call_command("setup_editorial", stdout=open("/dev/null", "w"))
    editor = django_user_model.objects.create_user("redaktor", "redaktor@example.org", "hemmelig-kode-42")
    editor.groups.add(Group.objects.get(name=EDITORS))
    reviewer = django_user_model.objects.create_user("laeser", "laeser@example.org", "hemmelig-kode-42")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS))
    for user in (editor, reviewer):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "da"
        profile.save()
    return editor, reviewer


def walk(client, editor, reviewer):
    """(name, html) of every screen of the walk."""
    from knowledge.models import GuidePage

    guide = GuidePage.objects.get(slug="merudgifter")
    screens = []
    client.force_login(editor)
    screens.append(("dashboard", client.get("/admin/")))
    screens.append(("explorer", client.get(f"/admin/pages/{guide.get_parent().pk}/")))
    screens.append(("edit", client.get(f"/admin/pages/{guide.pk}/edit/")))
    screens.append(("snippets", client.get("/admin/snippets/")))
    screens.append(("snippet listing", client.get("/admin/snippets/knowledge/legalprovision/")))
    # Submit the guide to the review workflow, then walk the reviewer's screens.
    from wagtail.test.utils.form_data import querydict_from_html

    data = querydict_from_html(screens[2][1].content.decode(), form_id="page-edit-form")
    data["action-submit"] = "1"
    assert client.post(f"/admin/pages/{guide.pk}/edit/", data).status_code == 302
    client.force_login(reviewer)
    screens.append(("reviewer dashboard", client.get("/admin/")))
    screens.append(("reviewer edit", client.get(f"/admin/pages/{guide.pk}/edit/")))
    task_state = guide.current_workflow_task_state
    response = client.get(f"/admin/pages/{guide.pk}/workflow/action/approve/{task_state.pk}/")
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
