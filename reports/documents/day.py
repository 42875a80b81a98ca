"""Presentation-day documents: the running order, certificates (荣誉证书), the attendance list
and the sign-in sheet."""

from judging.day import order_visible_to_units, running_order
from judging.models import Attendee, ResultsVersion
from judging.publication import awards, is_published
from judging.results import tier_label
from portal.permissions import STAFF_ROLES, Role
from reports.registry import STAFF_ONLY, Access, Document, register
from reports.sheets import display_width, table_widths
from reports.xlsx import add_table_sheet, new_workbook, save_workbook

RUNNING_ORDER_HEADER = ["序号", "时间", "单位", "小组名称", "课题名称", "课题类型"]


@register
class RunningOrderDocument(Document):
    slug = "running-order"
    title = "成果发表顺序表"
    formats = ("html", "pdf")
    scope = "campaign"
    #: Staff print it any time; member units (every unit's order) from presentation day on.
    access = Access(
        roles=(Role.COORDINATOR, *STAFF_ROLES), own_unit=False, units_when=order_visible_to_units
    )
    template = "reports/running_order.html"

    def gather(self, *, user, campaign, pk=None, unit=None, blank=False):
        return {"campaign": campaign, "order": running_order(campaign)}

    def stem(self, data):
        return f"发表顺序-{data['campaign'].year}"

    def context(self, data):
        rows = [
            [
                row["slot"].position,
                f"{row['starts']:%H:%M}",
                row["achievement"].member_unit.short_name,
                row["achievement"].group_name,
                row["achievement"].topic,
                row["achievement"].get_topic_type_display(),
            ]
            for row in data["order"]
        ]
        widths = table_widths(RUNNING_ORDER_HEADER, rows, whole_columns=(0, 1, 5), line_units=84)
        return {"title": "成果发表顺序表", **data, "header": RUNNING_ORDER_HEADER, "widths": widths}


@register
class Certificates(Document):
    slug = "certificates"
    title = "荣誉证书"
    formats = ("html", "pdf")
    scope = "unit"
    #: The published version's awards: staff print all (or one unit's with ?unit=), a unit its
    #: own once the results are published (staff before: none yet).
    access = Access(roles=(Role.COORDINATOR, *STAFF_ROLES), units_when=is_published)
    template = "reports/certificates.html"

    def gather(self, *, user, campaign, pk=None, unit=None, blank=False):
        unit_id = unit
        version = ResultsVersion.objects.live(campaign)
        if version is None:
            return {"campaign": campaign, "certificates": [], "unit": unit_id}
        won = awards(version)
        certificates = []
        for tier, entries in won["tiers"].items():
            for award in entries:
                certificates.append(
                    {
                        "unit_id": award.member_unit_id,
                        "addressee": _addressee(award),
                        "text": f"你组的成果《{award.topic}》在{campaign.year}年全省通信行业优秀质量管理小组成果交流会上",
                        "honour": f"荣获{tier_label(tier)}",
                    }
                )
        labels = {
            "excellententerprise": "质量管理小组活动优秀企业",
            "excellentpromoter": "质量管理小组活动优秀推进者",
            "trustedteam": "山西省通信行业质量信得过班组",
        }
        for kind, entries in won["selected"].items():
            for award in entries:
                certificates.append(
                    {
                        "unit_id": award.member_unit_id,
                        "addressee": _addressee(award, by_own_name=kind == "excellententerprise"),
                        "text": f"在{campaign.year}年全省通信行业质量管理小组活动中成绩突出，",
                        "honour": f"被评为{labels[kind]}",
                    }
                )
        if unit_id:
            certificates = [c for c in certificates if c["unit_id"] == int(unit_id)]
        for certificate in certificates:
            certificate["fit"] = _certificate_fit(certificate)
        return {"campaign": campaign, "certificates": certificates, "unit": unit_id}

    def stem(self, data):
        return f"荣誉证书-{data['campaign'].year}"

    def context(self, data):
        return {"title": "荣誉证书", **data}


def _addressee(award, by_own_name=False) -> str:
    """Whom a certificate is made out to: a group, promoter or team under their unit's full
    name; an excellent enterprise (``by_own_name``) by its own name alone, as it is the unit or
    one of its companies, and the unit's name before it would name the company twice."""
    if by_own_name:
        return award.name
    return f"{award.unit_full_name}　{award.name}"


#: Half-width units of a certificate's name and text that fit its one page at the full size and
#: at each smaller one (A4 landscape, the box 221 mm wide and 148 mm high inside its border).
CERTIFICATE_FITS = [(360, ""), (720, "compact"), (1200, "tight")]


def _certificate_fit(certificate) -> str:
    """The type size that keeps a certificate on its own page: a name of 200 characters must not
    push 特发此证 onto a second sheet of card."""
    length = display_width(certificate["addressee"]) + display_width(certificate["text"])
    for most, fit in CERTIFICATE_FITS:
        if length <= most:
            return fit
    return "tightest"


def _attendees(campaign):
    return list(Attendee.objects.filter(campaign=campaign).select_related("member_unit"))


@register
class AttendanceWorkbook(Document):
    slug = "attendance"
    title = "参会人员名单"
    formats = ("xlsx",)
    scope = "campaign"
    access = STAFF_ONLY

    def gather(self, *, user, campaign, pk=None, unit=None, blank=False):
        return {"campaign": campaign, "attendees": _attendees(campaign)}

    def stem(self, data):
        return f"参会人员-{data['campaign'].year}"

    def xlsx(self, data):
        workbook = new_workbook()
        rows = [
            [a.member_unit.short_name, a.name, a.position, a.phone, a.get_role_display()]
            for a in data["attendees"]
        ]
        add_table_sheet(
            workbook, "参会人员", ["单位", "姓名", "职务", "联系电话", "参会身份"], rows
        )
        totals = {}
        for a in data["attendees"]:
            totals[a.member_unit.short_name] = totals.get(a.member_unit.short_name, 0) + 1
        add_table_sheet(
            workbook, "各单位人数", ["单位", "人数"], [[k, v] for k, v in totals.items()]
        )
        return save_workbook(workbook)


SIGN_IN_HEADER = ["序号", "单位", "姓名", "职务", "参会身份", "签到"]
#: The percent of the width left to sign in: room for a name written by hand. The number, the
#: unit and the name never wrap; the position and the role share what is left.
SIGNATURE_WIDTH = 28


@register
class SignInSheet(Document):
    slug = "sign-in-sheet"
    title = "签到表"
    formats = ("html", "pdf")
    scope = "campaign"
    access = STAFF_ONLY
    template = "reports/sign_in_sheet.html"

    def gather(self, *, user, campaign, pk=None, unit=None, blank=False):
        return {"campaign": campaign, "attendees": _attendees(campaign)}

    def stem(self, data):
        return f"签到表-{data['campaign'].year}"

    def context(self, data):
        rows = [
            [number, a.member_unit.short_name, a.name, a.position, a.get_role_display()]
            for number, a in enumerate(data["attendees"], start=1)
        ]
        share = 100 - SIGNATURE_WIDTH
        listed = table_widths(
            SIGN_IN_HEADER[:-1], rows, whole_columns=(0, 1, 2), line_units=84 * share // 100
        )
        widths = [width * share // 100 for width in listed]
        widths.append(100 - sum(widths))
        return {
            "title": "签到表",
            **data,
            "header": SIGN_IN_HEADER,
            "widths": widths,
            "spare": range(5),
        }
