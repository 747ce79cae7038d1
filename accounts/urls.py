from django.urls import path

from . import data_rights, lockout, views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/my-data/", data_rights.my_data, name="my_data"),
    path("profile/my-data.json", data_rights.my_data_json, name="my_data_json"),
    path("profile/erasure/", data_rights.erasure_request, name="erasure_request"),
    # Shadows allauth's own login view (included after these) to answer a lockout with 429.
    path("login/", lockout.login, name="account_login"),
]
