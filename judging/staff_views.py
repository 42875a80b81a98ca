"""Staff's and the chief judge's pages: assignments, shortlist, progress, ranking."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from judging import services, signoffs
from judging.aggregation import shown
from judging.eligibility import unconflicted_pairs
from judging.history import reopenings
from judging.models import (
    Assignment,
    JudgingSettings,
    PanelMember,
    RecommendationBody,
    Round,
    RoundSignOff,
    ScoreSheet,
    SheetStatus,
    ShortlistEntry,
    Tier,
    UpwardRecommendation,
)
from judging.publication import live_version
from judging.queries import ensure_staff_or_chief
from judging.results import flags, progress, shown_standing, standings, suggest_shortlist
from portal.current import current_campaign_or_404
from portal.feedback import report_errors
from portal.models import User
from portal.permissions import STAFF_ROLES, Role, is_staff_member, role_required
from submissions.models import QcAchievement


def _round_param(request):
    value = request.GET.get("round", Round.MATERIAL)
    return value if value in Round.values else Round.MATERIAL


@role_required(*STAFF_ROLES, Role.JUDGE)
def progress_page(request):
    """Progress per judge and entry; every sheet with its reopenings (reason and the scores it
    held before); the round's sign-offs, reopened ones too. Only the chief judge acts here."""
    campaign = current_campaign_or_404(request)
    ensure_staff_or_chief(request.user, campaign)
    round_ = _round_param(request)
    by_judge, by_entry = progress(campaign, round_)
    sheets = list(
        ScoreSheet.objects.filter(achievement__campaign=campaign, round=round_)
        .select_related("judge", "achievement")
        .prefetch_related("scores")
        .order_by("achievement__serial_seq", "judge__username")
    )
    history = reopenings(sheets)
    # A judge's draft stays theirs; a reopened one is shown for its history.
    sheets = [
        sheet for sheet in sheets if sheet.status == SheetStatus.SUBMITTED or sheet.pk in history
    ]
    for sheet in sheets:
        sheet.reopenings = history.get(sheet.pk, [])
    sign_offs = list(
        RoundSignOff.objects.filter(campaign=campaign, round=round_).select_related(
            "signed_by", "revoked_by"
        )
    )
    return render(
        request,
        "judging/progress.html",
        {
            "campaign": campaign,
            "round": round_,
            "rounds": Round.choices,
            "by_judge": by_judge,
            "by_entry": by_entry,
            "is_chief": PanelMember.objects.is_chief(campaign, request.user),
            "sheets": sheets,
            "signed_off": next((s for s in sign_offs if s.revoked_at is None), None),
            "sign_offs": sign_offs,
            "may_reopen_sign_off": signoffs.may_reopen(campaign, round_),
            "sheets_reopenable": signoffs.is_round_open(campaign, round_),
        },
    )


@role_required(*STAFF_ROLES, Role.JUDGE)
def ranking_page(request):
    campaign = current_campaign_or_404(request)
    ensure_staff_or_chief(request.user, campaign)
    result = standings(campaign)
    recommended = {}
    for achievement_id, body in UpwardRecommendation.objects.filter(
        achievement__campaign=campaign
    ).values_list("achievement_id", "body"):
        recommended.setdefault(achievement_id, set()).add(body)
    rows = [
        {
            **shown_standing(s),
            "override": getattr(s.key, "tier_override", None),
            "recommended": recommended.get(s.key.pk, set()),
        }
        for s in result
    ]
    judges = {member.judge_id: member.judge for member in PanelMember.objects.of_campaign(campaign)}
    achievements = {row["achievement"].pk: row["achievement"] for row in rows}
    round_flags = []
    for round_, label in Round.choices:
        found, judge_report = flags(campaign, round_)
        round_flags.append(
            {
                "label": label,
                "outliers": [
                    (judges.get(o.judge), achievements.get(o.key), shown(o.total), shown(o.median))
                    for o in found
                ],
                "judges": [
                    (judges.get(r.judge), r.scored, shown(r.mean_offset), shown(r.spread))
                    for r in judge_report
                ],
            }
        )
    return render(
        request,
        "judging/ranking.html",
        {
            "campaign": campaign,
            "rows": rows,
            "flags": round_flags,
            "settings": JudgingSettings.of(campaign),
            "live": live_version(campaign),
            "tiers": Tier.choices,
            "bodies": RecommendationBody.choices,
            "is_staff": is_staff_member(request.user),
        },
    )


@role_required(*STAFF_ROLES)
def shortlist_page(request):
    campaign = current_campaign_or_404(request)
    result = standings(campaign)
    if request.method == "POST":
        ids = [value for value in request.POST.getlist("achievement") if value.isdecimal()]
        chosen = QcAchievement.objects.filter(campaign=campaign, pk__in=ids)
        try:
            services.set_shortlist(campaign=campaign, achievements=chosen, user=request.user)
        except ValidationError as error:
            report_errors(request, error)
        else:
            messages.success(request, _("The shortlist is saved."))
        return redirect("shortlist")
    suggested = None
    top_n = request.GET.get("top", "")
    minimum = request.GET.get("min", "")
    top = int(top_n) if top_n.isdecimal() and top_n.isascii() else None
    try:
        min_material = Decimal(minimum) if minimum else None
    except InvalidOperation:
        min_material = None
    if min_material is not None and not min_material.is_finite():
        min_material = None
    if top or min_material is not None:
        suggested = suggest_shortlist(result, top_n=top, min_material=min_material)
    current = set(
        ShortlistEntry.objects.filter(achievement__campaign=campaign).values_list(
            "achievement_id", flat=True
        )
    )
    rows = [
        {
            "achievement": s.key,
            "material": shown(s.material),
            "scores": len(s.material_totals),
            "checked": s.key.pk in (suggested if suggested is not None else current),
        }
        for s in sorted(result, key=lambda s: (s.key.topic_type, -(s.material or 0)))
    ]
    return render(
        request,
        "judging/shortlist.html",
        {
            "campaign": campaign,
            "rows": rows,
            "suggesting": suggested is not None,
            "top": top_n,
            "min": minimum,
        },
    )


@role_required(*STAFF_ROLES)
def assignment_board(request):
    campaign = current_campaign_or_404(request)
    panel = [member.judge for member in PanelMember.objects.of_campaign(campaign)]
    entries = list(
        QcAchievement.objects.filter(campaign=campaign)
        .counted()
        .select_related("member_unit")
        .order_by("serial_seq")
    )
    assigned = set(
        Assignment.objects.filter(achievement__campaign=campaign).values_list(
            "judge_id", "achievement_id"
        )
    )
    allowed = unconflicted_pairs(campaign)
    board = [
        (
            entry,
            [
                (
                    judge,
                    "conflict"
                    if (judge.pk, entry.pk) not in allowed
                    else ("assigned" if (judge.pk, entry.pk) in assigned else ""),
                )
                for judge in panel
            ],
        )
        for entry in entries
    ]
    loads = [(judge, sum(1 for j, _a in assigned if j == judge.pk)) for judge in panel]
    settings = JudgingSettings.of(campaign)
    return render(
        request,
        "judging/assignments.html",
        {"campaign": campaign, "board": board, "loads": loads, "settings": settings},
    )


@require_POST
@role_required(*STAFF_ROLES)
def balance(request):
    campaign = current_campaign_or_404(request)
    entries = QcAchievement.objects.filter(campaign=campaign).counted().order_by("serial_seq")
    added = services.balance_assignments(
        campaign=campaign,
        achievements=entries,
        judges_per_entry=JudgingSettings.of(campaign).judges_per_entry,
    )
    messages.success(request, _("%(count)d assignments added.") % {"count": added})
    return redirect("assignment_board")


@require_POST
@role_required(*STAFF_ROLES)
def toggle_assignment(request, pk, judge_id):
    campaign = current_campaign_or_404(request)
    entry = get_object_or_404(QcAchievement.objects.filter(campaign=campaign).counted(), pk=pk)
    judge = get_object_or_404(User, pk=judge_id, panels__campaign=campaign)
    try:
        if Assignment.objects.filter(judge=judge, achievement=entry).exists():
            services.unassign(judge=judge, achievement=entry)
        else:
            services.assign(judge=judge, achievement=entry)
    except ValidationError as error:
        report_errors(request, error)
    return redirect("assignment_board")
