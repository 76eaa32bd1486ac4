import datetime

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "sitesearch"
    verbose_name = "Søgning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from search import indexing, synonyms
        from search.models import SynonymList

        indexing.connect()
        from home.page_cache import bump_on
        from outbox.worker import register_periodic
        from search.querylog import purge_query_log

        bump_on(SynonymList)  # a synonym list changes search answers on cached pages
        register_periodic("search.purge_query_log", datetime.timedelta(hours=24), purge_query_log)
        from wagtail.contrib.search_promotions.models import SearchPromotion

        from search.service import invalidate_promotions

        post_save.connect(invalidate_promotions, sender=SearchPromotion, dispatch_uid="sitesearch_promo_save")
        post_delete.connect(invalidate_promotions, sender=SearchPromotion, dispatch_uid="sitesearch_promo_del")
        post_save.connect(
            lambda **kw: synonyms.invalidate(), sender=SynonymList, weak=False, dispatch_uid="sitesearch_syn_save"
        )
        post_delete.connect(
            lambda **kw: synonyms.invalidate(), sender=SynonymList, weak=False, dispatch_uid="sitesearch_syn_del"
        )
