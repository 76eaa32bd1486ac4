import datetime

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from home.personal_data import register_purge


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = "Følg en vejledning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models are only importable once the app registry is ready.
        from home.chrome import bump
        from knowledge.models import GuidePage
        from outbox.worker import register_periodic
        from subscriptions import services, signals
        from subscriptions.models import ChangeNote

        # A corrected or deleted change note shows on the guide: cached pages must render again.
        post_save.connect(lambda **kw: bump(), sender=ChangeNote, weak=False, dispatch_uid="subscriptions.note_save")
        post_delete.connect(lambda **kw: bump(), sender=ChangeNote, weak=False, dispatch_uid="subscriptions.note_del")
        page_published.connect(signals.record_major_change, sender=GuidePage, dispatch_uid="subscriptions.major_change")
        register_purge("subscriptions", services.purge_personal_data)
        register_periodic("subscriptions.purge", datetime.timedelta(hours=24), services.purge_personal_data)
        register_periodic("subscriptions.send", datetime.timedelta(minutes=10), services.worker_step)
