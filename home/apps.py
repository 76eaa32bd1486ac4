from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Forside og sider"
    default_auto_field = "django.db.models.BigAutoField"
