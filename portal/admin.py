from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal import services
from portal.models import (
    Campaign,
    CampaignContact,
    CampaignEvent,
    DeadlineExtension,
    MemberUnit,
    Quota,
    User,
)


class CampaignContactInline(admin.TabularInline):
    model = CampaignContact
    extra = 0


class QuotaInline(admin.TabularInline):
    model = Quota
    extra = 0
    autocomplete_fields = ["member_unit"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "notice_number", "submission_deadline", "phase", "is_current"]
    list_filter = ["phase", "is_current"]
    search_fields = ["title", "notice_number"]
    inlines = [CampaignContactInline, QuotaInline]

    #: Phases move only through judging.phases, which checks and records every move; a new
    #: campaign starts open.
    readonly_fields = ["phase"]

    fieldsets = [
        (None, {"fields": ["title", "year", "notice_number", "issue_date", "phase", "is_current"]}),
        (
            _("Dates and venue"),
            {
                "fields": [
                    "submission_deadline",
                    "preliminary_review_date",
                    "presentation_at",
                    "venue",
                    "statistics_period_start",
                    "statistics_period_end",
                ]
            },
        ),
        (_("Limits per unit"), {"fields": ["enterprise_limit", "promoter_limit"]}),
        (_("Contacts"), {"fields": ["contact_email"]}),
    ]

    def save_model(self, request, obj, form, change):
        # The form validated the whole campaign; a moved deadline goes into the log as well.
        old = None
        if change:
            old = (
                Campaign.objects.filter(pk=obj.pk)
                .values_list("submission_deadline", flat=True)
                .first()
            )
        super().save_model(request, obj, form, change)
        if old is not None and old != obj.submission_deadline:
            services.record_deadline_change(
                campaign=obj,
                old=old,
                reason=gettext("Changed in the administration."),
                user=request.user,
            )


@admin.register(MemberUnit)
class MemberUnitAdmin(admin.ModelAdmin):
    list_display = ["short_name", "full_name", "is_active", "position"]
    list_editable = ["is_active", "position"]
    list_filter = ["is_active"]
    search_fields = ["short_name", "full_name"]


@admin.register(Quota)
class QuotaAdmin(admin.ModelAdmin):
    list_display = ["campaign", "member_unit", "achievement_limit"]
    list_filter = ["campaign"]
    list_select_related = ["campaign", "member_unit"]
    autocomplete_fields = ["member_unit"]


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(admin.ModelAdmin):
    list_display = ["campaign", "member_unit", "new_deadline", "granted_by", "granted_at"]
    list_filter = ["campaign"]
    list_select_related = ["campaign", "member_unit", "granted_by"]
    readonly_fields = ["granted_by", "granted_at"]

    def get_readonly_fields(self, request, obj=None):
        # A grant is kept as it was made: staff remove it (logged) and grant a new one instead.
        if obj is not None:
            return ["campaign", "member_unit", "new_deadline", "reason", *self.readonly_fields]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            services.record_extension_granted(extension=obj, user=request.user)

    def delete_model(self, request, obj):
        services.remove_extension(
            extension=obj, reason=gettext("Removed in the administration."), user=request.user
        )

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for extension in queryset:
            self.delete_model(request, extension)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ["username", "name", "role", "member_unit", "email", "is_active"]
    list_filter = ["role", "is_active", "member_unit"]
    list_select_related = ["member_unit"]
    search_fields = ["username", "name", "email"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["name", "email", "phone"]}),
        (_("Role"), {"fields": ["role", "member_unit", "is_active"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "password1", "password2"]}),
        (_("Role"), {"fields": ["role", "member_unit", "name", "email"]}),
    ]


class ReadOnlyAdminMixin:
    """Rows the admin shows but only the portal's services write, where their rules apply."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CampaignEvent)
class CampaignEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The campaign log: written by the services alone."""

    list_display = ["at", "campaign", "kind", "summary", "actor"]
    list_filter = ["campaign", "kind"]
    list_select_related = ["campaign", "actor"]
    search_fields = ["summary", "reason"]
