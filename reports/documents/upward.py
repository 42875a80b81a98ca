"""The upward recommendation lists: the entries recommended to each body (中国通信企业协会,
省质协), as attachments of the association's letters."""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from judging.aggregation import shown
from judging.models import (
    RecommendationBody,
    ResultsVersion,
    UpwardRecommendation,
)
from judging.results import standings, tier_label
from reports.registry import STAFF_AND_CHIEF, Document, register
from reports.sheets import MemberTable, display_width, table_widths
from reports.word import (
    add_member_table,
    add_paragraph,
    keep_row_with_next,
    new_word_document,
    save_docx,
)
from reports.xlsx import add_table_sheet, new_workbook, save_workbook

RECOMMENDATION_HEADER = ["序号", "单位", "小组名称", "课题名称", "课题类型", "最终得分", "奖项"]
#: Columns of an upward list that never wrap: the number, the topic type, the score, the tier.
RECOMMENDATION_WHOLE = (0, 4, 5, 6)
#: Who issues the upward lists, and how each list closes, as the association's letters do: the
#: issuer, room for its seal, a date written when it is sent.
ISSUER = "山西省通信行业协会"
CLOSING = (ISSUER, "（盖章）", "年　　月　　日")


@register
class UpwardLists(Document):
    """The entries recommended to each body, a list per body as an attachment of the
    association's letter: on its own landscape pages, closed by the issuer, a date to write and
    room for the seal."""

    slug = "upward-recommendations"
    title = "向上推荐名单"
    formats = ("xlsx", "docx")
    scope = "campaign"
    access = STAFF_AND_CHIEF

    def gather(self, *, user, campaign, pk=None, unit=None, blank=False):
        version = ResultsVersion.objects.live(campaign)
        if version is not None:
            by_key = {r.achievement_id: (r.final, r.tier_label) for r in version.standings.all()}
        else:
            by_key = {s.key.pk: (shown(s.final), tier_label(s.tier)) for s in standings(campaign)}
        lists = []
        for body, label in RecommendationBody.choices:
            chosen = (
                UpwardRecommendation.objects.filter(achievement__campaign=campaign, body=body)
                .select_related("achievement__member_unit")
                .order_by("achievement__serial_seq")
            )
            rows = []
            for number, recommendation in enumerate(chosen, start=1):
                a = recommendation.achievement
                final, tier = by_key.get(a.pk, ("", ""))
                rows.append(
                    [
                        number,
                        a.member_unit.short_name,
                        a.group_name,
                        a.topic,
                        a.get_topic_type_display(),
                        final,
                        tier,
                    ]
                )
            lists.append((str(label), rows))
        return {"campaign": campaign, "lists": lists}

    def stem(self, data):
        return f"向上推荐名单-{data['campaign'].year}"

    def xlsx(self, data):
        workbook = new_workbook()
        for label, rows in data["lists"]:
            add_table_sheet(workbook, f"推荐{label}", RECOMMENDATION_HEADER, rows)
        return save_workbook(workbook)

    def docx(self, data):
        document = new_word_document(landscape=True)
        for index, (label, rows) in enumerate(data["lists"]):
            title = add_paragraph(
                document,
                f"{data['campaign'].year}年推荐{label}的优秀QC小组成果名单",
                size=14,
                bold=True,
                space_after=6,
            )
            title.paragraph_format.page_break_before = index > 0  # each list goes on its own
            cells = [["" if value is None else str(value) for value in row] for row in rows]
            add_member_table(
                document,
                MemberTable(
                    header=RECOMMENDATION_HEADER,
                    rows=cells,
                    widths=table_widths(
                        RECOMMENDATION_HEADER, cells, whole_columns=RECOMMENDATION_WHOLE
                    ),
                ),
            )
            # The closing lines go with the list's last row, never alone on a page.
            keep_row_with_next(document.tables[-1].rows[-1])
            add_paragraph(document, "", space_after=12).paragraph_format.keep_with_next = True
            for number, line in enumerate(CLOSING, start=1):
                paragraph = add_paragraph(document, line, align=WD_ALIGN_PARAGRAPH.RIGHT)
                paragraph.paragraph_format.keep_with_next = number < len(CLOSING)
                # Centred under the issuer's name: indented by half of what it is shorter.
                shorter = display_width(ISSUER) - display_width(line)
                paragraph.paragraph_format.right_indent = Pt(10.5 * shorter / 4)
        return save_docx(document)
