"""What every paper form shares: printable values, the seal line, the serial number."""

from decimal import Decimal

from reports.sheets import MemberTable

BLANK_MEMBER_ROWS = 10
UNIT_SEAL = "单位、部门（章）："


def show(entry, name):
    """A field's printable value: choices by label, dates in Chinese, blank for a blank form."""
    if entry is None:
        return ""
    value = getattr(entry, name)
    if value is None:
        return ""
    field = entry._meta.get_field(name)
    if field.choices:
        return getattr(entry, f"get_{name}_display")()
    if isinstance(value, bool):
        return "是" if value else "否"
    if hasattr(value, "strftime"):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def unit_name(entry):
    return entry.member_unit.full_name if entry is not None else ""


def serial_line(entry):
    return "总编号：" + (entry.serial_number if entry is not None else "")


def file_stem(attachment, entry):
    if entry is None:
        return f"{attachment}-空白"
    return f"{attachment}-{entry.serial_number or f'草稿{entry.pk}'}"


def member_table(entry, header, widths, values, blank_rows=BLANK_MEMBER_ROWS):
    if entry is None:
        rows = [[""] * len(header) for _ in range(blank_rows)]
    else:
        rows = [[str(v) for v in values(member)] for member in entry.members.all()]
    return MemberTable(header=header, rows=rows, widths=widths)
