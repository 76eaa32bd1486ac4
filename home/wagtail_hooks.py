"""Admin integration of the home app."""

from wagtail import hooks

from home.page_editing import page_viewset


@hooks.register("register_admin_viewset")
def register_serialised_page_viewset():
    """Replaces Wagtail's default page views for every page type (registered after Wagtail's own)."""
    return page_viewset
