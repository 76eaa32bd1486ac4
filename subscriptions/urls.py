"""Public URLs of following a guide (language-prefixed like the campaigns' signed links)."""

from django.urls import path

from subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("foelg/", views.follow, name="follow"),
    path("foelg/tjek-din-mail/", views.check_email, name="check_email"),
    path("foelg/bekraeft/<str:token>/", views.confirm, name="confirm"),
    path("foelg/afmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
