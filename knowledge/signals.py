"""Signal receivers of the knowledge app (connected in apps.py)."""

from knowledge.review import resolve_flags_on_publish


def close_review_flags(sender, instance, **kwargs):
    """On every publish (admin, import, scheduled): close review flags the new version answers."""
    resolve_flags_on_publish(instance)


def warm_page_caches(sender, instance, **kwargs):
    """Fill the caches a normal view reads (cited provisions, a paper's history and relations) at publish."""
    body = getattr(instance, "body", None)
    if body is not None and hasattr(instance, "faq_items"):
        [block.value for block in body if block.block_type == "legal_provision"]
    if hasattr(instance, "change_history"):
        instance.change_history()
        instance.related_pages()
