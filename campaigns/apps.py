import datetime

from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Kampagner og arrangementer"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models and the import framework are only importable once the app registry is ready.
        from campaigns.content_types import register_all
        from outbox.worker import register_periodic

        register_all()

        from campaigns.services import purge_personal_data

        register_periodic("campaigns.purge_personal_data", datetime.timedelta(hours=24), purge_personal_data)
