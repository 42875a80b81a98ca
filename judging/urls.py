from django.urls import path

from judging import day_views, decision_views, panel_views, staff_views, views

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
    path("decisions/", decision_views.decisions_page, name="decisions"),
    path("decisions/<slug:kind>/<int:pk>/", decision_views.decide, name="decide"),
    path("ranking/<int:pk>/tier/", decision_views.override_tier, name="override_tier"),
    path("ranking/<int:pk>/recommend/<slug:body>/", decision_views.recommend, name="recommend"),
    path("sheets/<int:pk>/reopen/", decision_views.reopen, name="reopen_sheet"),
    path("sign-off/", decision_views.sign_off, name="sign_off"),
    path("panel/", panel_views.panel_page, name="panel"),
    path("panel/change/", panel_views.panel_action, name="panel_action"),
    path("rubrics/", panel_views.rubric_list, name="rubric_list"),
    path("rubrics/<int:pk>/", panel_views.rubric_edit, name="rubric_edit"),
    path("day/", day_views.day_page, name="presentation_day"),
    path("day/draw/", day_views.draw, name="draw_order"),
    path("day/move/<int:pk>/", day_views.move, name="move_in_order"),
    path("day/publish/", day_views.publish, name="publish_results"),
    path("results/", day_views.unit_results, name="unit_results"),
]
