from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from judging.models import (
    Assignment,
    Conflict,
    Criterion,
    JudgingSettings,
    PanelMember,
    ResultsVersion,
    RoundSignOff,
    Rubric,
    ScoreSheet,
    ShortlistEntry,
)
from judging.setup import save_judging_settings
from portal.admin import ReadOnlyAdminMixin


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Rows only the portal's pages and services write."""


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ["campaign", "round", "topic_type"]
    list_filter = ["campaign", "round", "topic_type"]
    inlines = [CriterionInline]

    def has_change_permission(self, request, obj=None):
        """A rubric that scores use is frozen: shown, never changed."""
        return super().has_change_permission(request, obj) and (obj is None or not obj.is_frozen)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


@admin.register(JudgingSettings)
class JudgingSettingsAdmin(admin.ModelAdmin):
    """Frozen fields are refused by the model's clean(); a saved change is logged."""

    list_display = ["campaign", "judges_per_entry", "trim_count", "material_weight", "tier_method"]

    def save_model(self, request, obj, form, change):
        if change:
            save_judging_settings(settings=obj, user=request.user)
        else:
            super().save_model(request, obj, form, change)


@admin.register(PanelMember)
class PanelMemberAdmin(ReadOnlyAdmin):
    """Seated, made chief and unseated on the panel page, where their rules apply."""

    list_display = ["campaign", "judge", "is_chief"]
    list_filter = ["campaign"]
    list_select_related = ["campaign", "judge"]


@admin.register(Conflict)
class ConflictAdmin(ReadOnlyAdmin):
    """Declared on the panel page, where a late conflict undoes the sign-offs it touches."""

    list_display = ["campaign", "judge", "achievement", "reason"]
    list_filter = ["campaign"]
    list_select_related = ["campaign", "judge", "achievement"]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["judge", "achievement", "assigned_at"]
    list_select_related = ["judge", "achievement"]
    raw_id_fields = ["achievement"]


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Scores are the judges' own: the admin shows them, only judging.services changes them."""

    list_display = ["judge", "achievement", "round", "status", "submitted_at"]
    list_filter = ["round", "status"]
    list_select_related = ["judge", "achievement"]


@admin.register(ShortlistEntry)
class ShortlistEntryAdmin(ReadOnlyAdmin):
    list_display = ["achievement", "added_by", "added_at"]
    raw_id_fields = ["achievement"]


@admin.register(RoundSignOff)
class RoundSignOffAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "round", "signed_by", "signed_at", "revoked_at", "revoke_reason"]
    list_filter = ["campaign", "round"]
    list_select_related = ["campaign", "signed_by"]


@admin.register(ResultsVersion)
class ResultsVersionAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "number", "published_by", "published_at", "withdrawn_at", "digest"]
    list_filter = ["campaign"]
    list_select_related = ["campaign", "published_by"]
