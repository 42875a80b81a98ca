"""附件2–7: one entry's form, filled or blank, as HTML, PDF and DOCX."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from portal.permissions import STAFF_ROLES, Role
from reports import paper_forms
from reports.registry import Access, Document, register
from reports.word import sheets_to_docx
from submissions.kinds import KINDS


class AttachmentDocument(Document):
    formats = ("html", "pdf", "docx")
    scope = "entry"
    #: A unit prints its own entries (another unit's is not found), staff any; an entry carries
    #: its campaign, so none needs to be current. Blank, anybody.
    access = Access(roles=(Role.COORDINATOR, *STAFF_ROLES), needs_campaign=False)
    has_blank = True
    kind_slug = ""
    builder = None

    def gather(self, *, user, campaign, pk=None, unit=None, blank=False):
        if blank:
            return {"entry": None, "campaign": campaign}
        if pk is None:
            raise Http404
        kind = KINDS[self.kind_slug]
        queryset = kind.model.objects.for_user(user).select_related("member_unit", "campaign")
        if kind.members:
            queryset = queryset.prefetch_related("members")
        entry = get_object_or_404(queryset, pk=pk)
        return {"entry": entry, "campaign": entry.campaign}

    def sheet(self, data):
        return type(self).builder(data["entry"])

    def stem(self, data):
        return self.sheet(data).stem

    def context(self, data):
        sheet = self.sheet(data)
        return {"title": sheet.title, "sheets": [sheet]}

    def docx(self, data):
        return sheets_to_docx([self.sheet(data)])


@register
class AchievementReport(AttachmentDocument):
    slug = "attachment-2"
    title = "附件2 优秀质量管理小组成果报告单"
    kind_slug = "achievement"
    builder = staticmethod(paper_forms.achievement_sheet)


@register
class EnterpriseReport(AttachmentDocument):
    slug = "attachment-3"
    title = "附件3 质量管理小组活动优秀企业报告单"
    kind_slug = "enterprise"
    builder = staticmethod(paper_forms.enterprise_sheet)


@register
class PromoterReport(AttachmentDocument):
    slug = "attachment-4"
    title = "附件4 质量管理小组活动优秀推进者报告单"
    kind_slug = "promoter"
    builder = staticmethod(paper_forms.promoter_sheet)


@register
class GroupRegistration(AttachmentDocument):
    slug = "attachment-5"
    title = "附件5 优秀QC小组注册登记表"
    kind_slug = "achievement"
    builder = staticmethod(paper_forms.registration_sheet)


@register
class TrustedTeamReport(AttachmentDocument):
    slug = "attachment-6"
    title = "附件6 质量信得过班组报告单"
    kind_slug = "team"
    builder = staticmethod(paper_forms.team_sheet)


@register
class StatisticsTable(AttachmentDocument):
    slug = "attachment-7"
    title = "附件7 质量管理小组/质量信得过班组活动统计表"
    kind_slug = "statistics"

    def sheet(self, data):
        return paper_forms.statistics_sheet(data["entry"], data["campaign"])
