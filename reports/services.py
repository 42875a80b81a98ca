from django.db import transaction

from reports.models import Export
from reports.tasks import build_export


@transaction.atomic
def request_export(*, user, campaign, member_unit=None) -> Export:
    """Queue a ZIP of ``member_unit``'s submitted materials (None: every unit's), or return the
    one already being built for the same person and scope."""
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
