from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Forside og sider"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # chrome connects the signals that refresh the cached chrome; checks registers the system checks.
        from home import checks, chrome, exports, page_cache  # noqa: F401

        exports.install()  # every admin CSV export neutralises formula cells
        page_cache.connect()
