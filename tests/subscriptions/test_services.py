"""Recording major changes and telling subscribers: once per address and change, digests, retention."""

import datetime

import pytest
from django.utils import timezone

from knowledge.models import GuidePage, ReviewFlag
from outbox.models import Message
from subscriptions import services
from subscriptions.models import ChangeNote, Notification, Subscription
from tests.subscriptions.factories import make_subscription, publish


def changes_for(guide):
    return list(ChangeNote.objects.filter(page=guide))


def test_minor_change_records_nothing_and_mails_nobody(guide, django_capture_on_commit_callbacks):
    make_subscription(guide)
    with django_capture_on_commit_callbacks(execute=True):
        publish(guide, major=False, note="")
    assert changes_for(guide) == []
    assert not Message.objects.filter(topic="follow_change").exists()


def test_major_change_is_recorded_cleared_and_mailed(guide, django_capture_on_commit_callbacks):
    subscription = make_subscription(guide, language="da")
    with django_capture_on_commit_callbacks(execute=True):
        revision = publish(guide, note="Beløbsgrænsen er hævet fra 1. januar.")
    [change] = changes_for(guide)
    assert change.note == "Beløbsgrænsen er hævet fra 1. januar." and change.revision_id == revision.pk
    # Cleared on the page and in the revision the admin edits next: the next publish starts unticked.
    fresh = GuidePage.objects.get(pk=guide.pk)
    assert fresh.major_change is False and fresh.change_note == ""
    latest = fresh.get_latest_revision_as_object()
    assert latest.major_change is False and latest.change_note == ""
    [message] = Message.objects.filter(topic="follow_change")
    assert message.recipients == [subscription.email]
    assert "Beløbsgrænsen er hævet fra 1. januar." in message.body
    assert "Dækning af merudgifter til dit barn" in message.subject
    unsubscribe = message.headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http") and "/foelg/afmeld/" in unsubscribe
    assert message.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in message.body
    # Publishing again without ticking the box tells nobody anything new.
    with django_capture_on_commit_callbacks(execute=True):
        publish(fresh, major=False)
    assert Message.objects.filter(topic="follow_change").count() == 1


def test_major_change_without_note_is_refused(guide):
    from django.core.exceptions import ValidationError

    guide.major_change, guide.change_note = True, "  "
    with pytest.raises(ValidationError) as error:
        guide.full_clean()
    assert "change_note" in error.value.message_dict


def test_unconfirmed_subscribers_and_other_guides_hear_nothing(guide, other_guide, django_capture_on_commit_callbacks):
    make_subscription(guide, "ubekraeftet@example.org", confirmed=False)
    make_subscription(other_guide, "anden@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        publish(guide, note="Ny frist.")
    assert not Message.objects.filter(topic="follow_change").exists()


def test_index_and_topic_subscribers_hear_about_their_guides(guide, django_capture_on_commit_callbacks):
    index = guide.get_parent()
    make_subscription(index, "alle@example.org")
    make_subscription(index, "oekonomi@example.org", topic="økonomi")
    make_subscription(index, "aflastning@example.org", topic="aflastning")
    with django_capture_on_commit_callbacks(execute=True):
        publish(guide, note="Ny frist.")
    recipients = sorted(m.recipients[0] for m in Message.objects.filter(topic="follow_change"))
    assert recipients == ["alle@example.org", "oekonomi@example.org"]


def test_an_address_following_guide_topic_and_index_gets_one_mail(guide, django_capture_on_commit_callbacks):
    index = guide.get_parent()
    make_subscription(guide, "mor@example.org")
    make_subscription(index, "MOR@example.org")
    make_subscription(index, "mor@example.org", topic="økonomi", frequency="daily")
    with django_capture_on_commit_callbacks(execute=True):
        publish(guide, note="Ny frist.")
    assert Message.objects.filter(topic="follow_change").count() == 1
    assert services.send_digests(force=True) == 0  # the daily subscription was told through the mail


def test_thousand_subscribers_each_get_exactly_one_mail_and_rerun_sends_nothing(
    guide, django_capture_on_commit_callbacks
):
    Subscription.objects.bulk_create(
        Subscription(page=guide, email=f"person{i}@example.org", confirmed_at=timezone.now()) for i in range(1000)
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish(guide, note="Loven er ændret.")
    change = ChangeNote.objects.get(page=guide)
    messages = list(Message.objects.filter(topic="follow_change"))
    recipients = [address for message in messages for address in message.recipients]
    assert len(recipients) == 1000 and len(set(recipients)) == 1000
    assert services.fan_out(change.pk) == {"mails": 0, "digest": 0}
    assert services.fan_out_pending() == 0
    assert Message.objects.filter(topic="follow_change").count() == 1000
    assert Notification.objects.filter(change=change).count() == 1000


def test_outbox_delivers_the_change_with_the_unsubscribe_headers(guide, django_capture_on_commit_callbacks, mailoutbox):
    from outbox.worker import process_due

    make_subscription(guide)
    with django_capture_on_commit_callbacks(execute=True):
        publish(guide, note="Ny frist.")
    process_due()
    [mail] = [m for m in mailoutbox if "ændret" in m.subject]
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/foelg/afmeld/" in mail.message()["List-Unsubscribe"]


def test_daily_subscribers_get_one_digest_a_day(guide, other_guide, django_capture_on_commit_callbacks):
    make_subscription(guide, "far@example.org", frequency="daily", language="nb")
    make_subscription(other_guide, "far@example.org", frequency="daily", language="nb")
    with django_capture_on_commit_callbacks(execute=True):
        publish(guide, note="Ny frist.")
        publish(other_guide, note="Nyt skema.")
    assert not Message.objects.filter(topic="follow_change").exists()
    morning = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
    assert services.send_digests(now=morning.replace(hour=5)) == 0  # before the digest hour
    assert services.send_digests(now=morning) == 1
    [digest] = Message.objects.filter(topic="follow_digest")
    assert digest.recipients == ["far@example.org"]
    assert "Ny frist." in digest.body and "Nyt skema." in digest.body
    assert digest.body.count("/foelg/afmeld/") == 2  # one link per guide followed
    assert services.send_digests(now=morning + datetime.timedelta(hours=2)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        publish(GuidePage.objects.get(pk=guide.pk), note="Endnu en ændring.")
    assert services.send_digests(now=morning + datetime.timedelta(hours=3)) == 0  # not twice the same day
    assert services.send_digests(now=morning + datetime.timedelta(days=1)) == 1


def test_private_guides_are_never_announced(guide, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    make_subscription(guide)
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    with django_capture_on_commit_callbacks(execute=True):
        publish(guide, note="Intern ændring.")
    assert not Message.objects.filter(topic="follow_change").exists()
    assert services.followable(guide) is False


def test_legal_flag_reason_is_told_with_the_note(guide, django_capture_on_commit_callbacks):
    make_subscription(guide)
    ReviewFlag.objects.create(page=guide, reason="Barnets lov § 86 er ændret.")
    guide.last_reviewed = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        publish(guide, note="Reglerne om merudgifter er opdateret efter lovændringen.")
    [message] = Message.objects.filter(topic="follow_change")
    assert "Barnets lov § 86 er ændret." in message.body
    assert "Reglerne om merudgifter er opdateret efter lovændringen." in message.body


def test_purge_deletes_unconfirmed_after_the_link_expired(guide):
    old = make_subscription(guide, "gammel@example.org", confirmed=False)
    Subscription.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    make_subscription(guide, "ny@example.org", confirmed=False)
    confirmed = make_subscription(guide, "fast@example.org")
    Subscription.objects.filter(pk=confirmed.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    assert services.purge_personal_data() == {"unconfirmed": 1}
    assert sorted(Subscription.objects.values_list("email", flat=True)) == ["fast@example.org", "ny@example.org"]


def test_purge_personal_data_command_runs_the_subscription_purge(guide):
    from io import StringIO

    from django.core.management import call_command

    old = make_subscription(guide, "gammel@example.org", confirmed=False)
    Subscription.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "subscriptions.unconfirmed: 1 deleted." in out.getvalue()
    assert not Subscription.objects.exists()
