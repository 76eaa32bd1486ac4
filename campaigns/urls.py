"""Public URLs outside the page tree (language-prefixed): signed links and the membership/counselling forms."""

from django.urls import path

from campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("tilmelding/<str:token>/", views.registration_manage, name="registration"),
    path("underskrift/<str:token>/", views.confirm_signature, name="confirm_signature"),
    path("bliv-medlem/", views.membership, name="membership"),
    path("faa-raadgivning/", views.counselling, name="counselling"),
]
