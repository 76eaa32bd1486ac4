from django.apps import AppConfig
from wagtail.signals import page_published


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = "Viden"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: models can only be imported once the app registry is ready.
        from home.models import register_front_page_section
        from knowledge.content_types import register_all
        from knowledge.models.articles import latest_news
        from knowledge.signals import close_review_flags, warm_page_caches

        register_all()
        register_front_page_section("latest_news", latest_news)
        page_published.connect(close_review_flags, dispatch_uid="knowledge_close_review_flags")
        page_published.connect(warm_page_caches, dispatch_uid="knowledge_warm_page_caches")
