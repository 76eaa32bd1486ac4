"""Signal receivers (connected in apps.py)."""

from subscriptions.services import record_change


def record_major_change(sender, instance, revision=None, **kwargs):
    """A guide published with "Væsentlig ændring" ticked: record the note and tell the subscribers."""
    record_change(instance, revision)
