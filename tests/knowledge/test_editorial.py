"""`setup_editorial`: groups, permissions and the review workflow, used the way editors and reviewers use them."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from knowledge.editorial import CAMPAIGN_EDITORS, EDITORS, REVIEWERS
from knowledge.models import GuidePage, PressPage
from tests.knowledge.legal_factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editorial(sample_content):
    call_command("setup_editorial", stdout=open("/dev/null", "w"))
    editor = UserFactory(username="eva", email="eva@example.org")
    editor.groups.add(Group.objects.get(name=EDITORS))
    reviewer = UserFactory(username="rolf", email="rolf@example.org")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS))
    return editor, reviewer


def test_setup_is_idempotent(editorial):
    counts = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        WorkflowPage.objects.count(),
    )
    call_command("setup_editorial", stdout=open("/dev/null", "w"))
    assert (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        WorkflowPage.objects.count(),
    ) == counts
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITORS, REVIEWERS, CAMPAIGN_EDITORS}
    assert PressPage.objects.count() == 2


def test_workflow_covers_guides_and_position_papers_in_both_languages(editorial):
    workflow = Workflow.objects.get(name="Faglig gennemgang")
    assert sorted(WorkflowPage.objects.filter(workflow=workflow).values_list("page__slug", flat=True)) == [
        "holdningspapirer",
        "veiledninger",
        "vejledninger",
    ]
    guide = GuidePage.objects.get(slug="merudgifter")
    assert guide.get_workflow() == workflow
    assert [t.name for t in workflow.tasks] == ["Faglig godkendelse"]


def test_editors_can_edit_but_not_publish_guides_directly(editorial):
    editor, reviewer = editorial
    guide = GuidePage.objects.get(slug="merudgifter")
    perms = guide.permissions_for_user(editor)
    assert perms.can_edit() and not perms.can_publish()
    article_perms = GuidePage.objects.get(slug="merudgifter").get_parent().get_parent()  # home: no rights there
    assert not article_perms.permissions_for_user(editor).can_edit()


def test_review_round_trip_with_notifications(editorial, client):
    editor, reviewer = editorial
    guide = GuidePage.objects.get(slug="merudgifter")
    guide.title = "Merudgifter: sådan søger du"
    revision = guide.save_revision(user=editor)
    guide.get_workflow().start(guide, editor)
    assert any("rolf@example.org" in m.to for m in mail.outbox), [m.to for m in mail.outbox]  # reviewer notified

    guide = GuidePage.objects.get(pk=guide.pk)
    task_state = guide.current_workflow_task_state
    task_state.task.specific.on_action(task_state, reviewer, "reject", comment="Tjek beløbsgrænsen.")
    guide = GuidePage.objects.get(pk=guide.pk)
    assert guide.title == "Dækning af merudgifter til dit barn"  # not published
    assert guide.workflow_states.order_by("-created_at").first().status == "needs_changes"
    assert any("eva@example.org" in m.to for m in mail.outbox)  # editor hears back

    draft = guide.get_latest_revision_as_object()
    draft.intro = "Rettet efter faglig gennemgang."
    draft.save_revision(user=editor)
    guide.workflow_states.order_by("-created_at").first().resume(editor)  # "Resubmit"
    guide = GuidePage.objects.get(pk=guide.pk)
    task_state = guide.current_workflow_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    guide = GuidePage.objects.get(pk=guide.pk)
    assert guide.live and guide.title == "Merudgifter: sådan søger du"
    assert guide.intro == "Rettet efter faglig gennemgang."
    assert guide.live_revision_id != revision.pk  # the approved revision was published
    assert client.get("/vejledninger/merudgifter/").content.decode().count("Merudgifter: sådan søger du") >= 1


def test_secretariat_handles_submissions_without_being_superusers(sample_content, client):
    from django.urls import reverse

    from knowledge.editorial import SECRETARIAT
    from tests.campaigns.factories import EventPageFactory

    call_command("setup_editorial", stdout=open("/dev/null", "w"))
    event = EventPageFactory(title="Temadag i Odense")
    staff = UserFactory(username="sekretaer", email="s@example.org")
    staff.groups.add(Group.objects.get(name=SECRETARIAT))
    assert not staff.is_superuser
    client.force_login(staff)
    assert client.get(reverse("campaigns_admin:registrations", args=[event.pk])).status_code == 200
    for name in ("membershipapplication", "counsellingrequest", "signature"):
        assert client.get(f"/admin/snippets/campaigns/{name}/").status_code == 200
    guide = GuidePage.objects.get(slug="merudgifter")
    assert client.get(f"/admin/pages/{guide.pk}/edit/").status_code != 200
    assert client.get("/admin/search-report/").status_code != 200
