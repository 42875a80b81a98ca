from django.urls import path

from judging import views

urlpatterns = [
    path("sheets/", views.my_sheets, name="my_sheets"),
    path("sheets/<int:pk>/", views.score_entry, name="score_entry"),
    path("sheets/<int:pk>/draft/", views.save_draft, name="save_draft"),
    path("sheets/<int:pk>/submit/", views.submit, name="submit_sheet"),
    path("sheets/<int:pk>/materials/<str:kind>/", views.material, name="judge_material"),
]
