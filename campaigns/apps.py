from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Kampagner og arrangementer"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import datetime

        from campaigns.content_types import register_all
        from campaigns.models.events import upcoming_events
        from home.models import register_front_page_section
        from outbox.worker import register_periodic

        register_all()
        register_front_page_section("upcoming_events", upcoming_events)

        def purge():
            from campaigns.services import purge_personal_data

            return purge_personal_data()

        register_periodic("campaigns.purge_personal_data", datetime.timedelta(hours=24), purge)
