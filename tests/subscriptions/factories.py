"""Subscriptions for tests: confirmed unless said otherwise."""

from django.utils import timezone

from subscriptions.models import Subscription


def make_subscription(page, email="forælder@example.org", *, topic="", frequency="immediate", confirmed=True, **extra):
    return Subscription.objects.create(
        page=page,
        email=email,
        topic=topic,
        frequency=frequency,
        confirmed_at=timezone.now() if confirmed else None,
        **extra,
    )


def publish(page, *, note="", major=True, capture=None):
    """Publish the guide as an editor would, with or without 'Væsentlig ændring'."""
    page.major_change = major
    page.change_note = note
    revision = page.save_revision()
    revision.publish()
    return revision
