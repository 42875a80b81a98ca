"""Every write of the portal app that has a rule: keyword-only functions, one transaction each."""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.formats import date_format
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from portal.audit import record
from portal.models import Campaign, DeadlineExtension, EventKind, Phase, User
from portal.models.campaigns import SUBMISSIONS_CLOSED
from portal.permissions import Role, is_admin, is_staff_member


@transaction.atomic
def make_current(*, campaign: Campaign) -> Campaign:
    """Make ``campaign`` the one current campaign; the previous one stays readable."""
    Campaign.objects.select_for_update().filter(is_current=True).exclude(pk=campaign.pk).update(
        is_current=False
    )
    campaign.is_current = True
    campaign.save(update_fields=["is_current"])
    return campaign


@transaction.atomic
def grant_extension(
    *, campaign, member_unit, new_deadline, reason, granted_by
) -> DeadlineExtension:
    extension = DeadlineExtension(
        # Locked: a move out of the submission phase and this grant are served one at a time.
        campaign=Campaign.objects.select_for_update().get(pk=campaign.pk),
        member_unit=member_unit,
        new_deadline=new_deadline,
        reason=reason,
        granted_by=granted_by,
    )
    extension.full_clean()
    extension.save()
    record_extension_granted(extension=extension, user=granted_by)
    return extension


def record_extension_granted(*, extension: DeadlineExtension, user) -> None:
    """The log line of a grant (``grant_extension`` and the administration write it)."""
    unit = extension.member_unit.short_name
    record(
        campaign=extension.campaign,
        kind=EventKind.EXTENSION,
        actor=user,
        summary=_("Extension granted to %(unit)s until %(deadline)s")
        % {"unit": unit, "deadline": _shown(extension.new_deadline)},
        reason=extension.reason,
        unit=unit,
        new=_iso(extension.new_deadline),
    )


@transaction.atomic
def remove_extension(*, extension: DeadlineExtension, reason: str, user) -> None:
    """Withdraw an extension: the log keeps what it granted and why it went; the row goes.

    The unit's deadline falls back to its previous extension, if any, else the campaign's."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for removing the extension.")})
    extension = (
        DeadlineExtension.objects.select_for_update(of=("self",))
        .select_related("campaign", "member_unit")
        .filter(pk=extension.pk)
        .first()
    )
    if extension is None:
        raise ValidationError(_("This extension has already been removed."))
    if Campaign.objects.select_for_update().get(pk=extension.campaign_id).phase != Phase.OPEN:
        raise ValidationError(SUBMISSIONS_CLOSED)
    unit = extension.member_unit.short_name
    record(
        campaign=extension.campaign,
        kind=EventKind.EXTENSION,
        actor=user,
        summary=_("Extension of %(unit)s until %(deadline)s removed")
        % {"unit": unit, "deadline": _shown(extension.new_deadline)},
        reason=reason,
        unit=unit,
        old=_iso(extension.new_deadline),
        granted_reason=extension.reason,
        granted_at=_iso(extension.granted_at),
    )
    extension.delete()


# The campaign's fields whose check a new deadline can fail: their errors go beside the deadline.
_DEADLINE_FIELDS = {"submission_deadline", "preliminary_review_date"}


@transaction.atomic
def change_deadline(*, campaign: Campaign, new_deadline, reason: str, user) -> Campaign:
    """Move the campaign's submission deadline and log it, with the reason.

    Extensions stay as granted: a unit's deadline is the later of the campaign's and its latest
    extension's (``Campaign.deadline_for``). Errors come keyed ``new_deadline`` and ``reason``.
    """
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    old_deadline = locked.submission_deadline
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = _("Give the reason for changing the deadline.")
    if new_deadline is not None and new_deadline == old_deadline:
        errors["new_deadline"] = _("This is already the campaign's deadline.")
    if errors:
        raise ValidationError(errors)
    locked.submission_deadline = new_deadline
    try:
        locked.full_clean()
    except ValidationError as error:
        raise ValidationError(
            {
                ("new_deadline" if field in _DEADLINE_FIELDS else NON_FIELD_ERRORS): messages
                for field, messages in error.message_dict.items()
            }
        ) from error
    locked.save(update_fields=["submission_deadline"])
    record_deadline_change(campaign=locked, old=old_deadline, reason=reason, user=user)
    campaign.submission_deadline = locked.submission_deadline
    return locked


def record_deadline_change(*, campaign: Campaign, old, reason: str, user) -> None:
    """The log line of a moved deadline (``change_deadline`` and the administration write it);
    ``campaign`` holds the new deadline."""
    new = campaign.submission_deadline
    record(
        campaign=campaign,
        kind=EventKind.DEADLINE,
        actor=user,
        summary=_("Deadline moved from %(old)s to %(new)s")
        % {"old": _shown(old), "new": _shown(new)},
        reason=reason,
        old=_iso(old),
        new=_iso(new),
    )


def _shown(moment) -> str:
    return date_format(timezone.localtime(moment), "Y-m-d H:i")


def _iso(moment) -> str:
    return timezone.localtime(moment).isoformat()


def send_password_setup_mail(*, user: User, base_url: str) -> None:
    """Mail ``user`` a one-time link to choose their password (Django's reset token)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    body = render_to_string(
        "registration/account_created_email.txt",
        {"user": user, "link": base_url.rstrip("/") + path},
    )
    send_mail(_("Your account on the QC award portal"), body, None, [user.email])


def roles_creatable_by(creator) -> list[str]:
    if is_admin(creator):
        return list(Role.values)
    if is_staff_member(creator):
        return [Role.COORDINATOR, Role.JUDGE]
    return []


@transaction.atomic
def create_account(*, creator, username, name, email, phone, role, member_unit, base_url) -> User:
    """Create an account without a password and mail its owner the link to set one.

    Staff create unit coordinators and judges; only an administrator creates staff or admins.
    """
    if role not in roles_creatable_by(creator):
        raise ValidationError({"role": _("You may not create accounts with this role.")})
    user = User(
        username=username,
        name=name,
        email=email,
        phone=phone,
        role=role,
        member_unit=member_unit,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    transaction.on_commit(lambda: send_password_setup_mail(user=user, base_url=base_url))
    return user


def next_year(value):
    """The same date or time a year later (28 February for 29 February)."""
    try:
        return value.replace(year=value.year + 1)
    except ValueError:
        return value.replace(year=value.year + 1, day=28)


@transaction.atomic
def copy_campaign(*, campaign: Campaign) -> Campaign:
    """Next year's campaign: this one's settings, contacts and quotas, with every date moved by
    a year for staff to correct, and none of its entries. The apps above copy their own set-up
    (``website.services.prepare_next_campaign``)."""

    year = campaign.year + 1
    if Campaign.objects.filter(year=year).exists():
        raise ValidationError(_("A campaign for %(year)d exists already.") % {"year": year})
    copy = Campaign.objects.create(
        title=campaign.title.replace(str(campaign.year), str(year)),
        year=year,
        notice_number=campaign.notice_number.replace(str(campaign.year), str(year)),
        issue_date=next_year(campaign.issue_date),
        submission_deadline=next_year(campaign.submission_deadline),
        preliminary_review_date=next_year(campaign.preliminary_review_date),
        presentation_at=next_year(campaign.presentation_at),
        venue=campaign.venue,
        statistics_period_start=next_year(campaign.statistics_period_start),
        statistics_period_end=next_year(campaign.statistics_period_end),
        contact_email=campaign.contact_email,
        enterprise_limit=campaign.enterprise_limit,
        promoter_limit=campaign.promoter_limit,
    )
    for contact in campaign.contacts.all():
        copy.contacts.create(name=contact.name, phone=contact.phone, position=contact.position)
    for quota in campaign.quotas.all():
        copy.quotas.create(member_unit=quota.member_unit, achievement_limit=quota.achievement_limit)
    return copy
