from django.urls import path

from reports import export_views, views

urlpatterns = [
    path("exports/new/", export_views.export_request, name="export_request"),
    path("exports/<int:pk>/", export_views.export_status, name="export_status"),
    path("exports/<int:pk>/progress/", export_views.export_progress, name="export_progress"),
    path("exports/<int:pk>/download/", export_views.export_download, name="export_download"),
    path("<slug:slug>.<str:fmt>", views.download, name="document"),
]
