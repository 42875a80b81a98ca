import logging

from django_tasks import task

from reports import exports
from reports.models import Export

logger = logging.getLogger(__name__)


@task()
def build_export(export_id: int) -> None:
    """Build one export's ZIP (run by `manage.py db_worker`, or at once in tests)."""
    export = Export.objects.select_related("campaign", "member_unit", "requested_by").get(
        pk=export_id
    )
    try:
        exports.build(export)
    except Exception as error:  # recorded on the export, so the page can say it failed
        logger.exception("Export %s failed", export_id)
        Export.objects.filter(pk=export_id).update(status=Export.Status.FAILED, error=str(error))
