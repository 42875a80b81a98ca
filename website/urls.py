"""The root URLs: the site's own pages, then each app's."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from website import views

admin.site.site_header = _("QC award portal administration")
admin.site.site_title = _("QC award portal")

urlpatterns = [
    path("", views.home, name="home"),
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/<int:year>/", views.campaign_detail, name="campaign_detail"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("staff/campaign/copy/", views.copy_campaign, name="copy_campaign"),
    path("", include("portal.urls")),
    path("submissions/", include("submissions.urls")),
    path("documents/", include("reports.urls")),
    path("judging/", include("judging.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
