"""The admin shows every entry; status changes go through the services, as everywhere else."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from submissions import services
from submissions.forms import AdminMemberFormSet
from submissions.models import (
    AchievementFile,
    ActivityStatistics,
    ExcellentEnterprise,
    ExcellentPromoter,
    QcAchievement,
    QcGroupMember,
    TrustedTeam,
    TrustedTeamMember,
)


def _run(modeladmin, request, queryset, action, **kwargs):
    for entry in queryset:
        try:
            action(entry=entry, user=request.user, **kwargs)
        except ValidationError as error:
            modeladmin.message_user(request, f"{entry}: {' '.join(error.messages)}", messages.ERROR)


@admin.action(description=_("Mark received"))
def mark_received(modeladmin, request, queryset):
    _run(modeladmin, request, queryset, services.receive)


class EntryAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "member_unit", "serial_number", "status", "submitted_at"]
    list_filter = ["campaign", "status", "member_unit"]
    list_select_related = ["member_unit", "campaign"]
    readonly_fields = ["serial_number", "status", "submitted_at", "return_reason", "created_by"]
    actions = [mark_received]

    def get_readonly_fields(self, request, obj=None):
        fixed = ["campaign", "member_unit"] if obj is not None else []
        return [*self.readonly_fields, *fixed]

    def has_change_permission(self, request, obj=None):
        """A submitted entry is read-only here as on the portal: withdraw or return it first."""
        return super().has_change_permission(request, obj) and (obj is None or obj.is_editable)

    def save_model(self, request, obj, form, change):
        services.save_entry(entry=obj, user=request.user)


class QcGroupMemberInline(admin.TabularInline):
    model = QcGroupMember
    formset = AdminMemberFormSet
    extra = 0
    exclude = ["order"]


class AchievementFileInline(admin.TabularInline):
    model = AchievementFile
    extra = 0
    fields = ["kind", "original_name", "size", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class TrustedTeamMemberInline(admin.TabularInline):
    model = TrustedTeamMember
    formset = AdminMemberFormSet
    extra = 0
    exclude = ["order"]


@admin.register(QcAchievement)
class QcAchievementAdmin(EntryAdmin):
    list_display = [*EntryAdmin.list_display, "topic_type"]
    list_filter = [*EntryAdmin.list_filter, "topic_type"]
    search_fields = ["group_name", "topic", "company_name", "serial_number"]
    inlines = [QcGroupMemberInline, AchievementFileInline]


@admin.register(ExcellentEnterprise)
class ExcellentEnterpriseAdmin(EntryAdmin):
    search_fields = ["name", "serial_number"]


@admin.register(ExcellentPromoter)
class ExcellentPromoterAdmin(EntryAdmin):
    search_fields = ["name", "unit_name", "serial_number"]


@admin.register(TrustedTeam)
class TrustedTeamAdmin(EntryAdmin):
    search_fields = ["team_name", "company_name", "serial_number"]
    inlines = [TrustedTeamMemberInline]


@admin.register(ActivityStatistics)
class ActivityStatisticsAdmin(EntryAdmin):
    search_fields = ["member_unit__short_name", "serial_number"]
