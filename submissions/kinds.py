"""The forms a unit fills, by the slug used in URLs: model, form, member list and paper number."""

from dataclasses import dataclass

from django.http import Http404

from submissions import forms
from submissions.models import (
    ActivityStatistics,
    ExcellentEnterprise,
    ExcellentPromoter,
    QcAchievement,
    TrustedTeam,
)


@dataclass(frozen=True)
class EntryKind:
    slug: str
    model: type
    form: type
    attachment: str
    members: type | None = None
    #: Only one per unit and campaign (the statistics table).
    single: bool = False

    @property
    def label(self):
        return self.model._meta.verbose_name

    @property
    def label_plural(self):
        return self.model._meta.verbose_name_plural


KINDS = {
    kind.slug: kind
    for kind in [
        EntryKind(
            "achievement",
            QcAchievement,
            forms.QcAchievementForm,
            "附件2、附件5",
            members=forms.QcGroupMemberFormSet,
        ),
        EntryKind("enterprise", ExcellentEnterprise, forms.ExcellentEnterpriseForm, "附件3"),
        EntryKind("promoter", ExcellentPromoter, forms.ExcellentPromoterForm, "附件4"),
        EntryKind(
            "team",
            TrustedTeam,
            forms.TrustedTeamForm,
            "附件6",
            members=forms.TrustedTeamMemberFormSet,
        ),
        EntryKind(
            "statistics", ActivityStatistics, forms.ActivityStatisticsForm, "附件7", single=True
        ),
    ]
}


def kind_or_404(slug: str) -> EntryKind:
    try:
        return KINDS[slug]
    except KeyError:
        raise Http404 from None
