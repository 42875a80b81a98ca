from django.urls import path

from reports import views

urlpatterns = [
    path("<slug:slug>.<str:fmt>", views.download, name="document"),
]
