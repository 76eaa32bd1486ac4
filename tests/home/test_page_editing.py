"""Every field of every page type survives a save through the admin's edit form.

The POST is built as the browser builds it: from the edit form Wagtail renders (its own initial data),
with StreamFields serialised from the block state the admin's JavaScript starts from. Every plain text,
date and number field of the page type is changed before saving; the latest revision must hold the
changes, and the form rendered from it must give back exactly what was posted.
"""

import datetime
import json

import pytest
from django.db import models
from django.http import QueryDict
from django.urls import reverse
from wagtail.fields import RichTextField
from wagtail.models import Page, get_page_models

from home.page_editing import SerialisedEditView
from tests.admin_forms import edit_form_data

PROJECT_APPS = {"home", "knowledge", "campaigns", "deadlines"}
#: keys that describe the request, not the page
REQUEST_KEYS = {"loaded_revision_id", "loaded_revision_created_at", "next", "revision_id"}


def changed_values(page, data: QueryDict) -> dict:
    """A new value for every plain text, date and number field the page type adds to Wagtail's Page."""
    page_fields = {field.name for field in Page._meta.get_fields()}
    changes = {}
    for field in type(page)._meta.get_fields():
        if field.name in page_fields or field.name not in data or getattr(field, "choices", None):
            continue
        if isinstance(field, models.URLField | models.EmailField | models.SlugField | RichTextField):
            continue  # validated formats and rich text (Draftail JSON): covered by the round trip
        if isinstance(field, models.CharField | models.TextField):
            changes[field.name] = (data[field.name] + " (gennemgået)")[-(field.max_length or 10_000) :].strip()
        elif isinstance(field, models.DateTimeField):
            continue  # events: start and end are checked against each other; covered by the round trip
        elif isinstance(field, models.DateField):
            changes[field.name] = "2026-11-30"
        elif isinstance(field, models.IntegerField):
            changes[field.name] = str(int(data[field.name] or 0) + 1)
    return changes


def comparable(value: str) -> str:
    """Rich text is posted as Draftail content state, whose block keys are drawn afresh on every render."""
    if value.startswith("{") and '"blocks"' in value:
        state = json.loads(value)
        for block in state.get("blocks", []):
            block.pop("key", None)
        return json.dumps(state, sort_keys=True)
    return value


@pytest.fixture
def every_page_type(sample_content, django_user_model):
    from django.core.management import call_command

    from home.models import StandardPage
    from knowledge.models import PressPage, PressReleasePage
    from tests.campaigns.factories import CampaignPageFactory, EventPageFactory, PartnershipPageFactory

    call_command("setup_editorial", stdout=open("/dev/null", "w"))
    home = sample_content["da"]
    home.add_child(instance=StandardPage(title="Om foreningen", slug="om", intro="Hvem vi er."))
    PressPage.objects.get(locale__language_code="da").add_child(
        instance=PressReleasePage(title="Ny rådgivning", slug="ny-raadgivning", intro="Fire dage om ugen.")
    )
    CampaignPageFactory()
    EventPageFactory()
    PartnershipPageFactory()
    return django_user_model.objects.create_superuser("redaktor", "redaktor@example.org", "hemmelig-kode-42")


def test_the_edit_view_is_the_serialised_one(client, every_page_type):
    client.force_login(every_page_type)
    guide = Page.objects.get(slug="merudgifter")
    response = client.get(f"/admin/pages/{guide.pk}/edit/")
    assert isinstance(response.context["view"], SerialisedEditView)


@pytest.mark.django_db
def test_every_field_of_every_page_type_is_in_the_latest_revision(client, every_page_type):
    client.force_login(every_page_type)
    page_types = [model for model in get_page_models() if model._meta.app_label in PROJECT_APPS]
    for model in page_types:
        page = model.objects.filter(depth__gt=1).first()
        assert page is not None, f"no {model.__name__} to edit"
        data = edit_form_data(client, page)
        changes = changed_values(page, data)
        for name, value in changes.items():
            data[name] = value

        response = client.post(f"/admin/pages/{page.pk}/edit/", data)
        assert response.status_code == 302, (model.__name__, response.context and response.context["form"].errors)

        latest = Page.objects.get(pk=page.pk).get_latest_revision_as_object()
        for name, value in changes.items():
            saved = getattr(latest, name)
            if isinstance(saved, datetime.date):
                saved = saved.isoformat()
            assert str(saved) == value, (model.__name__, name)
        # The form rendered from the latest revision gives back exactly what was posted.
        again = edit_form_data(client, page)
        posted = {key: [comparable(v) for v in data.getlist(key)] for key in data if key not in REQUEST_KEYS}
        shown = {key: [comparable(v) for v in again.getlist(key)] for key in again if key not in REQUEST_KEYS}
        assert shown == posted, model.__name__


def submit_for_review(client, editor, page):
    client.force_login(editor)
    data = edit_form_data(client, page)
    data["action-submit"] = "1"
    assert client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    return Page.objects.get(pk=page.pk).specific


def test_a_reviewer_sees_their_tasks_first_and_approving_says_the_page_is_published(client, editorial):
    from django.contrib.messages import get_messages
    from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

    from knowledge.models import GuidePage

    editor, reviewer = editorial
    guide = submit_for_review(client, editor, GuidePage.objects.get(slug="merudgifter"))
    other = submit_for_review(client, editor, GuidePage.objects.get(slug="aflastning"))

    client.force_login(reviewer)
    dashboard = client.get("/admin/")
    assert isinstance(dashboard.context["panels"][0], WorkflowObjectsToModeratePanel)
    html = dashboard.content.decode()
    assert "Til din gennemgang" in html and html.index("Til din gennemgang") < html.index(guide.title)

    # "Godkend med kommentar" (the dialog)
    task_state = guide.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(guide.pk, "approve", task_state.pk)),
        {"comment": "Fint, tak."},
    )
    assert response.status_code == 302
    guide = GuidePage.objects.get(pk=guide.pk)
    assert guide.live and not guide.has_unpublished_changes and not guide.workflow_in_progress
    assert [str(m) for m in get_messages(response.wsgi_request)] == [f"«{guide.title}» er godkendt og udgivet."]

    # "Godkend" in the edit form's footer
    data = edit_form_data(client, other)
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve"})
    response = client.post(f"/admin/pages/{other.pk}/edit/", data)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [f"«{other.title}» er godkendt og udgivet."]

    # Norwegian admin language: the same message in bokmål
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(reviewer)
    profile.preferred_language = "nb"
    profile.save()
    third = submit_for_review(client, editor, GuidePage.objects.get(slug="merudgifter"))
    client.force_login(reviewer)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(third.pk, "reject", third.current_workflow_task_state.pk)),
        {"comment": "Tjek paragraffen."},
    )
    assert f"«{third.title}» er sendt tilbake til redaktøren med ønske om endringer." in [
        str(m) for m in get_messages(response.wsgi_request)
    ]


def test_workflow_emails_are_in_the_reviewers_language_with_the_sites_address(client, editorial, settings, mailoutbox):
    from knowledge.models import GuidePage

    settings.WAGTAILADMIN_BASE_URL = "https://www.familier.example"
    editor, reviewer = editorial
    guide = submit_for_review(client, editor, GuidePage.objects.get(slug="merudgifter"))
    mails = [mail for mail in mailoutbox if reviewer.email in mail.to]
    assert len(mails) == 1
    mail = mails[0]
    assert mail.subject == (f'Siden "{guide.title}" er sendt til godkendelse i trinnet "Faglig godkendelse"')
    assert mail.body.lstrip().startswith("Hej ")
    assert f"Redigér siden her: https://www.familier.example/admin/pages/{guide.pk}/edit/" in mail.body
    for english in ("Hello", "has been", "You can", "Edit your notification preferences"):
        assert english not in mail.body
