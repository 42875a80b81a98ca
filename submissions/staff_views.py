"""Staff's view of every unit's entries: filter, search, page through, receive or return."""

from dataclasses import dataclass

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from portal.current import current_campaign_or_404
from portal.models import MemberUnit
from portal.permissions import STAFF_ROLES, role_required
from submissions.kinds import KINDS, EntryKind
from submissions.models import Status, TopicType

#: Fields searched per form by the staff list's search box.
SEARCHED = {
    "achievement": ["group_name", "topic", "company_name", "serial_number"],
    "enterprise": ["name", "serial_number"],
    "promoter": ["name", "unit_name", "serial_number"],
    "team": ["team_name", "company_name", "serial_number"],
    "statistics": ["responsible_department", "serial_number"],
}


class EntryFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Member unit"), queryset=MemberUnit.objects.all(), required=False
    )
    form = forms.ChoiceField(label=_("Form"), required=False)
    topic_type = forms.ChoiceField(
        label=_("Topic type"), choices=[("", "---------"), *TopicType.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "---------"), *Status.choices], required=False
    )
    q = forms.CharField(label=_("Search"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = [("", "---------")] + [
            (slug, f"{kind.attachment} {kind.label}") for slug, kind in KINDS.items()
        ]


@dataclass
class EntryRow:
    kind: EntryKind
    entry: object


def _filtered(kind, queryset, data):
    if data.get("unit"):
        queryset = queryset.filter(member_unit=data["unit"])
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
    if data.get("topic_type"):
        if kind.slug != "achievement":
            return queryset.none()
        queryset = queryset.filter(topic_type=data["topic_type"])
    if data.get("q"):
        condition = Q()
        for name in SEARCHED[kind.slug]:
            condition |= Q(**{f"{name}__icontains": data["q"]})
        queryset = queryset.filter(condition)
    return queryset


@role_required(*STAFF_ROLES)
def entry_list(request):
    """All entries of the current campaign: one query per form whatever the number of entries."""
    campaign = current_campaign_or_404(request)
    form = EntryFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    kinds = [KINDS[data["form"]]] if data.get("form") else list(KINDS.values())
    rows = []
    for kind in kinds:
        queryset = kind.model.objects.for_user(request.user).filter(campaign=campaign)
        queryset = _filtered(kind, queryset.select_related("member_unit"), data)
        rows += [EntryRow(kind, entry) for entry in queryset]
    rows.sort(
        key=lambda row: (
            row.entry.member_unit.position,
            row.entry.member_unit_id,
            list(KINDS).index(row.kind.slug),
            row.entry.serial_seq or 10**6,
            row.entry.pk,
        )
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "submissions/entry_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "campaign": campaign},
    )
