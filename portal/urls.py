from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal import views

admin.site.site_header = _("QC award portal administration")
admin.site.site_title = _("QC award portal")

urlpatterns = [
    path("", views.home, name="home"),
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/<int:year>/", views.campaign_detail, name="campaign_detail"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("staff/accounts/", views.account_list, name="account_list"),
    path("staff/accounts/new/", views.account_create, name="account_create"),
    path("staff/extensions/", views.extension_list, name="extension_list"),
    path("staff/extensions/<int:pk>/remove/", views.remove_extension, name="remove_extension"),
    path("staff/campaign/deadline/", views.change_deadline, name="change_deadline"),
    path("staff/campaign/copy/", views.copy_campaign, name="copy_campaign"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("submissions/", include("submissions.urls")),
    path("documents/", include("reports.urls")),
    path("judging/", include("judging.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
