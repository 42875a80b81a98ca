"""附件2–7 as ``Sheet`` data, in the paper's order and with its labels, filled or blank.

The labels are the official form's own Chinese text, not interface strings: a printed copy is
stamped and handed in as the paper original, whatever language the screen shows.
"""

from reports.paper_forms.nominations import enterprise_sheet, promoter_sheet
from reports.paper_forms.qc import achievement_sheet, registration_sheet
from reports.paper_forms.statistics import statistics_sheet
from reports.paper_forms.teams import team_sheet

__all__ = [
    "achievement_sheet",
    "enterprise_sheet",
    "promoter_sheet",
    "registration_sheet",
    "statistics_sheet",
    "team_sheet",
]
