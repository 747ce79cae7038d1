from django.urls import path

from . import lockout, views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    # Shadows allauth's own login view (included after these) to answer a lockout with 429.
    path("login/", lockout.login, name="account_login"),
]
