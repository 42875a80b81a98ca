from django.contrib.auth import views as auth_views
from django.urls import include, path

from portal import views

urlpatterns = [
    path("staff/accounts/", views.account_list, name="account_list"),
    path("staff/accounts/new/", views.account_create, name="account_create"),
    path("staff/extensions/", views.extension_list, name="extension_list"),
    path("staff/extensions/<int:pk>/remove/", views.remove_extension, name="remove_extension"),
    path("staff/campaign/deadline/", views.change_deadline, name="change_deadline"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
]
