from django.urls import path

from submissions import staff_views, views

urlpatterns = [
    path("summary/", views.unit_summary, name="unit_summary"),
    path("staff/entries/", staff_views.entry_list, name="entry_list"),
    path("staff/summary/", views.province_summary, name="province_summary"),
    path("achievement/<int:pk>/materials/", views.material_upload, name="material_upload"),
    path(
        "achievement/<int:pk>/materials/<str:material>/",
        views.material_download,
        name="material_download",
    ),
    path("<slug:kind>/new/", views.entry_create, name="entry_create"),
    path("<slug:kind>/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("<slug:kind>/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("<slug:kind>/<int:pk>/submit/", views.entry_submit, name="entry_submit"),
    path("<slug:kind>/<int:pk>/withdraw/", views.entry_withdraw, name="entry_withdraw"),
    path("<slug:kind>/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("<slug:kind>/<int:pk>/receive/", views.entry_receive, name="entry_receive"),
    path("<slug:kind>/<int:pk>/return/", views.entry_return, name="entry_return"),
]
