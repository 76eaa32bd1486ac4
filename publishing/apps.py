from django.apps import AppConfig
from wagtail.signals import page_published


class PublishingConfig(AppConfig):
    """Feeds, the read-only API, sitemap.xml, robots.txt, permalinks and structured data (Open Graph, JSON-LD)."""

    name = "publishing"
    verbose_name = "Udgivelse"

    def ready(self):
        page_published.connect(warm_breadcrumb_trail, dispatch_uid="publishing_warm_trail")


def warm_breadcrumb_trail(sender, instance, **kwargs):
    # Both import models: apps.py is imported before the app registry is ready.
    from importing.registry import in_batch
    from publishing.structured_data import breadcrumb_trail

    if in_batch():
        return  # an import publishes thousands of pages: each trail is filled on its first view instead
    breadcrumb_trail(instance)
