"""Admin integration: registrations and selection views, the seats dashboard panel, form submissions as snippets."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from campaigns import admin_views
from campaigns.models import (
    CounsellingRequest,
    EventPage,
    EventSeries,
    MembershipApplication,
    Signature,
)

admin_urls = (
    [
        path("", admin_views.events_overview, name="events"),
        path("<int:event_id>/", admin_views.event_registrations, name="registrations"),
        path("<int:event_id>/udvaelgelse/", admin_views.event_selection, name="selection"),
        path("serie/<int:series_id>/udvaelgelse/", admin_views.series_selection, name="series_selection"),
    ],
    "campaigns_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("tilmeldinger/", include(admin_urls))]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return RegistrationsMenuItem(_("Tilmeldinger"), reverse("campaigns_admin:events"), icon_name="group", order=260)


@hooks.register("construct_homepage_panels")
def add_seats_panel(request, panels):
    if request.user.has_perm(admin_views.PERMISSION):
        panels.append(admin_views.SeatsPanel())


@hooks.register("register_page_listing_buttons")
def registrations_button(page, user, next_url=None, **kwargs):
    if issubclass(page.specific_class or object, EventPage) and user.has_perm(admin_views.PERMISSION):
        yield ListingButton(_("Tilmeldinger"), reverse("campaigns_admin:registrations", args=[page.pk]), priority=30)


class ReadOnlyMixin:
    """Submissions are what people sent: editors mark them handled, they do not rewrite them."""

    inspect_view_enabled = True
    copy_view_enabled = False


class MembershipApplicationViewSet(ReadOnlyMixin, SnippetViewSet):
    model = MembershipApplication
    icon = "user"
    menu_label = _("Medlemsansøgninger")
    list_display = ["name", "kind", "email", "municipality", "created_at", "handled"]
    list_filter = ["kind", "handled"]
    search_fields = ["name", "email", "municipality"]
    list_export = ["created_at", "kind", "name", "email", "phone", "address", "municipality", "message", "handled"]
    form_fields = ["handled"]


class CounsellingRequestViewSet(ReadOnlyMixin, SnippetViewSet):
    model = CounsellingRequest
    icon = "help"
    menu_label = _("Henvendelser om rådgivning")
    list_display = ["name", "topic", "preferred_contact", "email", "phone", "created_at", "handled"]
    list_filter = ["topic", "handled"]
    search_fields = ["name", "email", "message"]
    list_export = [
        "created_at",
        "topic",
        "name",
        "email",
        "phone",
        "municipality",
        "preferred_contact",
        "message",
        "handled",
    ]
    form_fields = ["handled"]


class SignatureViewSet(ReadOnlyMixin, SnippetViewSet):
    model = Signature
    icon = "edit"
    menu_label = _("Underskrifter")
    list_display = ["name", "campaign", "municipality", "created_at", "confirmed_at", "show_name"]
    list_filter = ["campaign", "show_name"]
    search_fields = ["name", "email", "municipality"]
    list_export = ["campaign", "name", "email", "municipality", "show_name", "created_at", "confirmed_at"]
    form_fields = ["show_name"]


class EventSeriesViewSet(SnippetViewSet):
    model = EventSeries
    icon = "date"
    menu_label = _("Mødeserier")
    list_display = ["title", "mode", "registration_closes", "selection_done_at"]
    list_filter = ["mode", "locale"]
    search_fields = ["title"]


for viewset in (EventSeriesViewSet, MembershipApplicationViewSet, CounsellingRequestViewSet, SignatureViewSet):
    register_snippet(viewset)
