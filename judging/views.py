from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from judging import console, services
from judging.eligibility import scorable
from judging.models import Round, Rubric, ScoreSheet, SheetStatus
from judging.queries import current_round, judge_tasks, next_entry
from judging.signoffs import open_rounds
from portal.current import current_campaign, current_campaign_or_404
from portal.feedback import report_errors
from portal.permissions import Role, role_required
from submissions.models import AchievementFile
from submissions.uploads import serve_material


def _round(request):
    """The round of the campaign's phase, or (``?round=``) another round still open: the
    material round on presentation day when the chief judge reopened its sign-off. A round
    asked for that is neither is not found: a page left open never writes into another round."""
    campaign = current_campaign(request)
    if campaign is None:
        return None, None
    phase_round = current_round(campaign)
    asked = request.GET.get("round")
    if asked is None or asked == phase_round:
        return campaign, phase_round
    if asked in Round.values and asked in open_rounds(campaign):
        return campaign, asked
    raise Http404


def _my_entry(request, pk):
    """An entry this judge scores now; anything else (conflict, not assigned) is not found."""
    campaign, round_ = _round(request)
    if round_ is None:
        raise Http404
    entry = get_object_or_404(
        scorable(request.user, campaign, round_).select_related("member_unit", "campaign"),
        pk=pk,
    )
    return entry, round_


@role_required(Role.JUDGE)
def my_sheets(request):
    campaign, round_ = _round(request)
    tasks = judge_tasks(request.user, campaign, round_) if round_ else []
    on_the_day = round_ == Round.PRESENTATION
    phase_round = current_round(campaign) if campaign else None
    reopened = [
        (other, Round(other).label)
        for other in (open_rounds(campaign) if campaign else [])
        if other not in (round_, phase_round)
    ]
    return render(
        request,
        "judging/my_sheets.html",
        {
            "campaign": campaign,
            "round": round_,
            "round_label": Round(round_).label if round_ else "",
            "tasks": tasks,
            "reopened": reopened,
            "phase_round": phase_round if phase_round != round_ else None,
            "on_the_day": on_the_day,
            "now_presenting": console.current_achievement_id(campaign) if on_the_day else None,
        },
    )


@role_required(Role.JUDGE)
def day_state(request):
    """What the judges' lists follow on presentation day: the entry presenting now (never a
    score), from the console's state."""
    campaign = current_campaign_or_404(request)
    state = console.snapshot(campaign, for_staff=False)
    return JsonResponse(
        {
            "stage": state["stage"],
            "stage_label": state["stage_label"],
            "current_id": console.current_achievement_id(campaign),
        }
    )


@role_required(Role.JUDGE)
def score_entry(request, pk):
    entry, round_ = _my_entry(request, pk)
    rubric = Rubric.objects.prefetch_related("criteria").for_entry(entry, round_)
    sheet = (
        ScoreSheet.objects.filter(judge=request.user, achievement=entry, round=round_)
        .prefetch_related("scores")
        .first()
    )
    scored = {score.criterion_id: score.points for score in sheet.scores.all()} if sheet else {}
    return render(
        request,
        "judging/score_entry.html",
        {
            "entry": entry,
            "round": round_,
            "round_label": Round(round_).label,
            "rubric": rubric,
            "rows": [(criterion, scored.get(criterion.pk)) for criterion in rubric.criteria.all()],
            "sheet": sheet,
            "submitted": sheet is not None and sheet.status == SheetStatus.SUBMITTED,
            "materials": list(entry.files.filter(kind__in=AchievementFile.FOR_JUDGES)),
            "next_entry": next_entry(request.user, entry.campaign, round_, entry),
            "not_presented": round_ == Round.PRESENTATION and not console.has_presented(entry),
        },
    )


def _points_from(post):
    """The posted points by criterion id (fields are named criterion-<id>)."""
    return {
        key.removeprefix("criterion-"): value
        for key, value in post.items()
        if key.startswith("criterion-") and key.removeprefix("criterion-").isdecimal()
    }


@require_POST
@role_required(Role.JUDGE)
def save_draft(request, pk):
    """Autosave: the judge's page posts here on every change and gets the saved total back."""
    entry, round_ = _my_entry(request, pk)
    try:
        sheet = services.save_scores(
            judge=request.user,
            achievement=entry,
            round_=round_,
            points=_points_from(request.POST),
            comment=request.POST.get("comment", ""),
        )
    except ValidationError as error:
        return JsonResponse({"saved": False, "errors": error.messages}, status=400)
    return JsonResponse(
        {"saved": True, "total": str(sheet.total), "at": sheet.updated_at.isoformat()}
    )


@require_POST
@role_required(Role.JUDGE)
def submit(request, pk):
    entry, round_ = _my_entry(request, pk)
    try:
        services.save_scores(
            judge=request.user,
            achievement=entry,
            round_=round_,
            points=_points_from(request.POST),
            comment=request.POST.get("comment", ""),
        )
        services.submit_sheet(judge=request.user, achievement=entry, round_=round_)
    except ValidationError as error:
        report_errors(request, error)
        return redirect(f"{reverse('score_entry', args=[entry.pk])}?round={round_}")
    messages.success(request, _("The score sheet is submitted."))
    return redirect(f"{reverse('my_sheets')}?round={round_}")


@role_required(Role.JUDGE)
def material(request, pk, kind):
    """The record book or slides of an entry the judge scores, opened in the browser."""
    entry, _round_ = _my_entry(request, pk)
    return serve_material(
        get_object_or_404(entry.files.filter(kind__in=AchievementFile.FOR_JUDGES), kind=kind)
    )
