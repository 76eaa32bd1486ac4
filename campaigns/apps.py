import datetime

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Kampagner og arrangementer"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models and the import framework are only importable once the app registry is ready.
        from campaigns import search
        from campaigns.content_types import register_all
        from campaigns.models import EventSeries
        from campaigns.models.events import upcoming_events
        from campaigns.services import purge_personal_data
        from home import chrome
        from home.models import register_front_page_section
        from outbox.worker import register_periodic
        from search.documents import register_tools

        register_all()
        register_tools(search.tool_documents)  # the counselling and membership forms are search results
        register_front_page_section("upcoming_events", upcoming_events)
        register_periodic("campaigns.purge_personal_data", datetime.timedelta(hours=24), purge_personal_data)
        # A series shows on the event index and its own page: a change renders them afresh (home/page_cache.py).
        post_save.connect(chrome.bump, sender=EventSeries, dispatch_uid="campaigns-series-save")
        post_delete.connect(chrome.bump, sender=EventSeries, dispatch_uid="campaigns-series-delete")
