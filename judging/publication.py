"""Published results are stored, never recomputed: each publication is a numbered version with
every figure as printed, the settings used and a SHA-256 of it all.

Units' pages, the public award list, certificates and the results documents read the live
version. Withdrawing keeps it (with who, when, why) for staff; publishing again makes the next.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from judging.models import (
    JudgingSettings,
    NominationDecision,
    PublishedNomination,
    PublishedStanding,
    ResultsVersion,
    Round,
)
from judging.results import as_text, digest, fingerprint, result_rows, settings_used
from judging.signoffs import standing
from portal.audit import record
from portal.models import Campaign, EventKind, Phase
from submissions.models import ExcellentEnterprise, ExcellentPromoter, TrustedTeam

#: The nominations an award list names, with how a certificate calls them.
NOMINATION_MODELS = (ExcellentEnterprise, ExcellentPromoter, TrustedTeam)
#: The keys of a published row, as the digest covers them; foreign keys by id.
STANDING_FIELDS = [
    "achievement",
    "member_unit",
    "serial_number",
    "unit_name",
    "unit_full_name",
    "group_name",
    "topic",
    "topic_type",
    "topic_type_label",
    "material",
    "presentation",
    "final",
    "rank",
    "tier",
]
NOMINATION_FIELDS = ["kind", "object_id", "member_unit", "name", "unit_name", "unit_full_name"]
FOREIGN_KEYS = {"achievement", "member_unit"}
SCORE_FIELDS = {"material", "presentation", "final"}


def _as_row(stored, fields) -> dict:
    """A stored row back as the JSON it was published from (scores as text, keys by id)."""
    row = {}
    for name in fields:
        value = getattr(stored, f"{name}_id" if name in FOREIGN_KEYS else name)
        row[name] = as_text(value) if name in SCORE_FIELDS else value
    return row


def _to_store(model, *, version, position, row, fields):
    return model(
        version=version,
        position=position,
        **{(f"{name}_id" if name in FOREIGN_KEYS else name): row[name] for name in fields},
    )


def live_version(campaign) -> ResultsVersion | None:
    return ResultsVersion.objects.live(campaign) if campaign else None


def is_published(campaign) -> bool:
    return live_version(campaign) is not None


def _nomination_rows(campaign) -> list[dict]:
    rows = []
    for model in NOMINATION_MODELS:
        selected = NominationDecision.objects.filter(
            content_type=ContentType.objects.get_for_model(model), selected=True
        ).values("object_id")
        for entry in (
            model.objects.filter(campaign=campaign, pk__in=selected)
            .counted()
            .select_related("member_unit")
            .order_by("serial_seq")
        ):
            rows.append(
                {
                    "kind": model._meta.model_name,
                    "object_id": entry.pk,
                    "member_unit": entry.member_unit_id,
                    "name": getattr(entry, "team_name", None) or entry.name,
                    "unit_name": getattr(entry, "unit_name", None) or entry.member_unit.short_name,
                    "unit_full_name": entry.member_unit.full_name,
                }
            )
    return rows


def payload(*, campaign, settings: dict, standings: list, nominations: list) -> dict:
    """What a version's digest covers: the campaign, the settings, every row as published."""
    return {
        "campaign": campaign.year,
        "settings": settings,
        "standings": standings,
        "nominations": nominations,
    }


def _stored_rows(version) -> tuple[list, list]:
    return (
        [_as_row(row, STANDING_FIELDS) for row in version.standings.all()],
        [_as_row(row, NOMINATION_FIELDS) for row in version.nominations.all()],
    )


def verify(version) -> bool:
    """Whether the stored rows still give the digest recorded at publication."""
    standings, nominations = _stored_rows(version)
    return version.digest == digest(
        payload(
            campaign=version.campaign,
            settings=version.settings_used,
            standings=standings,
            nominations=nominations,
        )
    )


def missing_for_publication(campaign) -> list[str]:
    """What stands between the campaign and publishing its results (empty: nothing)."""
    missing = []
    if campaign.phase != Phase.PRESENTATION:
        missing.append(_("Results are published from the presentation phase."))
    for round_ in (Round.MATERIAL, Round.PRESENTATION):
        if standing(campaign, round_) is None:
            missing.append(
                _("The chief judge has not signed the %(round)s round off.")
                % {"round": Round(round_).label}
            )
    return missing


@transaction.atomic
def publish(*, campaign, user) -> ResultsVersion:
    """Publish the figures the chief judge signed: stored as the next version, never recomputed."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if live_version(campaign) is not None:
        raise ValidationError(_("The results are published already."))
    missing = missing_for_publication(campaign)
    if missing:
        raise ValidationError(missing)
    for round_ in (Round.MATERIAL, Round.PRESENTATION):
        if standing(campaign, round_).digest != fingerprint(campaign, round_):
            raise ValidationError(
                _(
                    "The figures of the %(round)s round differ from what the chief judge signed "
                    "off; the chief judge reopens and signs the round again."
                )
                % {"round": Round(round_).label}
            )
    settings = settings_used(JudgingSettings.of(campaign))
    standings = result_rows(campaign)
    nominations = _nomination_rows(campaign)
    number = (campaign.results_versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = ResultsVersion.objects.create(
        campaign=campaign,
        number=number,
        published_by=user,
        settings_used=settings,
        digest=digest(
            payload(
                campaign=campaign,
                settings=settings,
                standings=standings,
                nominations=nominations,
            )
        ),
    )
    PublishedStanding.objects.bulk_create(
        _to_store(PublishedStanding, version=version, position=n, row=row, fields=STANDING_FIELDS)
        for n, row in enumerate(standings, start=1)
    )
    PublishedNomination.objects.bulk_create(
        _to_store(
            PublishedNomination, version=version, position=n, row=row, fields=NOMINATION_FIELDS
        )
        for n, row in enumerate(nominations, start=1)
    )
    campaign.phase = Phase.PUBLISHED
    campaign.save(update_fields=["phase"])
    record(
        campaign=campaign,
        kind=EventKind.PUBLICATION,
        actor=user,
        summary=_("Results published as version %(number)d") % {"number": number},
        version=number,
        digest=version.digest,
    )
    return version


@transaction.atomic
def withdraw(*, campaign, user, reason: str) -> ResultsVersion:
    """Take the published results back, saying why; the version stays readable to staff."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for withdrawing the results."))
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    version = live_version(campaign)
    if version is None or campaign.phase != Phase.PUBLISHED:
        raise ValidationError(_("The results are not published."))
    version.withdrawn_at = timezone.now()
    version.withdrawn_by = user
    version.withdraw_reason = reason.strip()
    version.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason"])
    campaign.phase = Phase.PRESENTATION
    campaign.save(update_fields=["phase"])
    record(
        campaign=campaign,
        kind=EventKind.WITHDRAWAL,
        actor=user,
        summary=_("Results version %(number)d withdrawn") % {"number": version.number},
        reason=reason,
        version=version.number,
    )
    return version


@dataclass
class Award:
    """An award as the public list and the certificates name it."""

    name: str
    unit_name: str
    unit_full_name: str
    member_unit_id: int
    tier: str = ""
    tier_label: str = ""
    topic: str = ""


def unit_standings(version, member_unit):
    """One unit's published rows: what its coordinators read, never another unit's."""
    return version.standings.filter(member_unit=member_unit)


def awards(version) -> dict:
    """The published version's awards: achievements by tier and the selected nominations."""
    tiers = {value: [] for value in ("first", "second", "third", "excellence")}
    for row in version.standings.exclude(tier=""):
        tiers[row.tier].append(
            Award(
                tier=row.tier,
                tier_label=row.tier_label,
                name=row.group_name,
                unit_name=row.unit_name,
                unit_full_name=row.unit_full_name,
                topic=row.topic,
                member_unit_id=row.member_unit_id,
            )
        )
    selected = {model._meta.model_name: [] for model in NOMINATION_MODELS}
    for row in version.nominations.all():
        selected[row.kind].append(
            Award(
                name=row.name,
                unit_name=row.unit_name,
                unit_full_name=row.unit_full_name,
                member_unit_id=row.member_unit_id,
            )
        )
    return {"tiers": tiers, "selected": selected}


def award_list(campaign) -> dict:
    """What the campaign page shows: the live version's awards; nothing before publication."""
    version = live_version(campaign)
    return awards(version) if version else {}
