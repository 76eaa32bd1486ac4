from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Forside og sider"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home import (
            chrome,  # noqa: F401  (connects the signals that refresh the cached chrome)
            exports,
        )

        exports.install()  # every admin CSV export neutralises formula cells
