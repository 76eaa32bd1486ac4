import datetime

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SearchConfig(AppConfig):
    name = "search"
    label = "sitesearch"
    verbose_name = "Søgning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: this module is imported while Django fills the app registry, and
        # each of these imports models (ours, Wagtail's, the outbox's), which only exist once it is full.
        from wagtail.contrib.search_promotions.models import SearchPromotion

        from home.page_cache import bump_on
        from outbox.worker import register_periodic
        from search import indexing, synonyms
        from search.models import SynonymList
        from search.querylog import purge_query_log
        from search.service import invalidate_promotions

        indexing.connect()
        bump_on(SynonymList)  # a synonym list changes search answers on cached pages
        register_periodic("search.purge_query_log", datetime.timedelta(hours=24), purge_query_log)
        post_save.connect(invalidate_promotions, sender=SearchPromotion, dispatch_uid="sitesearch_promo_save")
        post_delete.connect(invalidate_promotions, sender=SearchPromotion, dispatch_uid="sitesearch_promo_del")
        post_save.connect(
            lambda **kw: synonyms.invalidate(), sender=SynonymList, weak=False, dispatch_uid="sitesearch_syn_save"
        )
        post_delete.connect(
            lambda **kw: synonyms.invalidate(), sender=SynonymList, weak=False, dispatch_uid="sitesearch_syn_del"
        )
