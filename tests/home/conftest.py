"""Fixtures of the admin tests: the editorial set-up with an editor and a reviewer who use the admin in Danish."""

import pytest


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
