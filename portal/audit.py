"""The campaign log: one function writes it, every app's services call it."""

from portal.models import CampaignEvent


def record(
    *, campaign, kind: str, actor, summary: str, reason: str = "", **details
) -> CampaignEvent:
    """Add a line to ``campaign``'s log; ``details`` must be JSON-serialisable (str the rest)."""
    return CampaignEvent.objects.create(
        campaign=campaign,
        kind=kind,
        actor=actor if getattr(actor, "pk", None) else None,
        summary=str(summary)[:300],
        reason=(reason or "").strip(),
        details={key: value for key, value in details.items() if value is not None},
    )
