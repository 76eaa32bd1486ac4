"""Admin integration of the home app: serialised page saves and the two-factor views (home/two_factor.py)."""

from django.urls import path
from wagtail import hooks

from home import two_factor
from home.page_editing import page_viewset


@hooks.register("register_admin_viewset")
def register_serialised_page_viewset():
    """Replaces Wagtail's default page views for every page type (registered after Wagtail's own)."""
    return page_viewset


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("2fa/", two_factor.verify, name="two_factor_verify"),
        path("2fa/opsaet/", two_factor.setup, name="two_factor_setup"),
    ]
