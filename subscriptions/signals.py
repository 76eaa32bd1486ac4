"""Signal receivers (connected in apps.py)."""


def record_major_change(sender, instance, revision=None, **kwargs):
    """A guide published with "Væsentlig ændring" ticked: record the note and tell the subscribers."""
    from subscriptions.services import record_change

    record_change(instance, revision)
