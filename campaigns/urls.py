"""Public URLs outside the page tree (language-prefixed): signed links and the membership/counselling forms."""

from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _

from campaigns import views


def old_address(view, name):
    """A form's former address: a visit is sent on to the current one; a form posted from an old copy of the
    page is still handled there, so nothing a person wrote is lost."""

    def handle(request, *args, **kwargs):
        if request.method in ("GET", "HEAD"):
            return redirect(f"campaigns:{name}", permanent=True)
        return view(request, *args, **kwargs)

    return handle


app_name = "campaigns"

urlpatterns = [
    path("tilmelding/<str:token>/", views.registration_manage, name="registration"),
    path("underskrift/<str:token>/", views.confirm_signature, name="confirm_signature"),
    # the address is in the page's language: /bliv-medlem/, /nb/bli-medlem/
    path(_("bliv-medlem/"), views.membership, name="membership"),
    path(_("faa-raadgivning/"), views.counselling, name="counselling"),
    # the Danish addresses under /nb/ (used before they were translated) keep working
    path("bliv-medlem/", old_address(views.membership, "membership")),
    path("faa-raadgivning/", old_address(views.counselling, "counselling")),
]
