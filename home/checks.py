"""System checks for how the site is deployed (`manage.py check`, run at every start)."""

from django.conf import settings
from django.core.checks import Warning, register


@register("deployment")
def embedded_search_on_one_machine_only(app_configs, **kwargs):
    """The embedded engine's index lives on one machine's disk: a second app server would search
    (and write) its own copy, so readers would get different results depending on the server."""
    servers = int(getattr(settings, "APP_SERVERS", 1) or 1)
    if settings.SEARCH_ENGINE == "embedded" and servers > 1:
        return [
            Warning(
                f"SEARCH_ENGINE=embedded with APP_SERVERS={servers}: each app server would keep its own search "
                "index, out of step with the others.",
                hint="Use Elasticsearch (SEARCH_ENGINE=elasticsearch, ELASTICSEARCH_URL=…) past one machine; "
                "see docs/scaling.md.",
                id="familier.W001",
            )
        ]
    return []
