from portal.models.accounts import User
from portal.models.campaigns import Campaign, CampaignContact, DeadlineExtension, Phase, Quota
from portal.models.events import CampaignEvent, EventKind
from portal.models.units import MemberUnit

__all__ = [
    "Campaign",
    "CampaignContact",
    "CampaignEvent",
    "DeadlineExtension",
    "EventKind",
    "MemberUnit",
    "Phase",
    "Quota",
    "User",
]
