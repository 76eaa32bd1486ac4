from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = "Viden"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from knowledge.content_types import register_all

        register_all()

        from wagtail.signals import page_published

        from knowledge.signals import close_review_flags, warm_page_caches

        page_published.connect(close_review_flags, dispatch_uid="knowledge_close_review_flags")
        page_published.connect(warm_page_caches, dispatch_uid="knowledge_warm_page_caches")
