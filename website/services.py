"""What the site does across the apps, each app doing its own part."""

from django.db import transaction

from judging.setup import copy_setup
from portal.services import copy_campaign


@transaction.atomic
def prepare_next_campaign(*, campaign):
    """Next year's campaign: the portal's settings, contacts and quotas, then judging's settings,
    rubrics and panel; not current, no entries."""
    copy = copy_campaign(campaign=campaign)
    copy_setup(source=campaign, target=copy)
    return copy
