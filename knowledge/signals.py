"""Signal receivers of the knowledge app (connected in apps.py)."""


def close_review_flags(sender, instance, **kwargs):
    """On every publish (admin, import, scheduled): close review flags the new version answers."""
    from knowledge.review import resolve_flags_on_publish

    resolve_flags_on_publish(instance)
