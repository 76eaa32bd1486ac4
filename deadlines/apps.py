from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = "Klagefrister"
    default_auto_field = "django.db.models.BigAutoField"
