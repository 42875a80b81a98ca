from portal.models.accounts import User
from portal.models.campaigns import Campaign, CampaignContact, DeadlineExtension, Phase, Quota
from portal.models.units import MemberUnit

__all__ = [
    "Campaign",
    "CampaignContact",
    "DeadlineExtension",
    "MemberUnit",
    "Phase",
    "Quota",
    "User",
]
