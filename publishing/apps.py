from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """Feeds, the read-only API, sitemap.xml, robots.txt, permalinks and structured data (Open Graph, JSON-LD)."""

    name = "publishing"
    verbose_name = "Udgivelse"
