from django.urls import path

from judging import staff_views, views

urlpatterns = [
    path("sheets/", views.my_sheets, name="my_sheets"),
    path("sheets/<int:pk>/", views.score_entry, name="score_entry"),
    path("sheets/<int:pk>/draft/", views.save_draft, name="save_draft"),
    path("sheets/<int:pk>/submit/", views.submit, name="submit_sheet"),
    path("sheets/<int:pk>/materials/<str:kind>/", views.material, name="judge_material"),
    path("progress/", staff_views.progress_page, name="judging_progress"),
    path("ranking/", staff_views.ranking_page, name="ranking"),
    path("shortlist/", staff_views.shortlist_page, name="shortlist"),
    path("assignments/", staff_views.assignment_board, name="assignment_board"),
    path("assignments/balance/", staff_views.balance, name="balance_assignments"),
    path(
        "assignments/<int:pk>/<int:judge_id>/",
        staff_views.toggle_assignment,
        name="toggle_assignment",
    ),
]
