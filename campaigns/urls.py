"""Public URLs outside the page tree (language-prefixed): signed links and the membership/counselling forms."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("tilmelding/<str:token>/", views.registration_manage, name="registration"),
    path("underskrift/<str:token>/", views.confirm_signature, name="confirm_signature"),
    # the address is in the page's language: /bliv-medlem/, /nb/bli-medlem/
    path(_("bliv-medlem/"), views.membership, name="membership"),
    path(_("faa-raadgivning/"), views.counselling, name="counselling"),
    # the Danish addresses under /nb/ (used before they were translated) keep working
    path("bliv-medlem/", RedirectView.as_view(pattern_name="campaigns:membership", permanent=True)),
    path("faa-raadgivning/", RedirectView.as_view(pattern_name="campaigns:counselling", permanent=True)),
]
