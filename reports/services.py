from django.db import transaction
from django.shortcuts import get_object_or_404

from portal.models import MemberUnit
from reports import exports
from reports.models import Export
from reports.tasks import build_export


def export_unit(user, *, scope, unit="") -> MemberUnit | None:
    """The unit a request for a ZIP names (None: the whole campaign): ``scope`` "campaign", or
    "unit" with ``unit`` a unit's id, or without one the asker's own unit. Whether the asker may
    have it is ``request_export``'s to say."""
    if scope == "campaign":
        return None
    if unit and str(unit).isdigit():
        return get_object_or_404(MemberUnit, pk=unit)
    return user.member_unit


@transaction.atomic
def request_export(*, user, campaign, member_unit=None) -> Export:
    """Queue a ZIP of ``member_unit``'s submitted materials (None: every unit's), or return the
    one already being built for the same person and scope.

    A coordinator may ask for their own unit's only, staff for any unit's or the campaign's:
    PermissionDenied otherwise (Http404 without a campaign)."""
    exports.authorise(user, campaign, member_unit)
    pending = Export.objects.filter(
        campaign=campaign,
        member_unit=member_unit,
        requested_by=user,
        status__in=[Export.Status.PENDING, Export.Status.RUNNING],
    ).first()
    if pending:
        return pending
    export = Export.objects.create(campaign=campaign, member_unit=member_unit, requested_by=user)
    transaction.on_commit(lambda: build_export.enqueue(export_id=export.pk))
    return export
