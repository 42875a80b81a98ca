"""The longest values the models accept: every text at its max_length or 字 limit, phone numbers,
postcodes and e-mail addresses as long as their validators allow, with rare characters."""

from decimal import Decimal

from django.core.validators import EmailValidator
from django.db import models

from submissions.validators import MaxCharsValidator, phone_validator, postcode_validator

RARE = "䶮𠮷𡈽"
#: Two-character names: a line must never end between their characters. None of their
#: characters occurs in ``FILLER`` or ``PHRASE``, so finding one across a line break in the PDF
#: always means the name itself was split.
TWO_CHARACTER_NAMES = [
    "张伟",
    "李娜",
    "王芳",
    "刘洋",
    "陈静",
    "杨帆",
    "赵磊",
    "黄敏",
    "周杰",
    "吴昊",
    "徐莉",
    "孙浩",
    "马超",
    "朱琳",
    "胡军",
    "郭涛",
]
#: What long answers are made of (700, 3000, 5000 字), in paragraphs.
FILLER = (
    "小组按PDCA循环开展活动，现状调查以数据为依据，要因经现场测试确认，"
    "对策按5W1H制定并逐项实施，效果检查显示目标全部达成，经济效益计算实事求是。"
)
#: What short fields are filled to their max_length with.
PHRASE = "山西省通信行业质量管理小组活动" + RARE + "网络运行维护中心"
#: Text fields the models do not limit are filled to this many characters (the forms' usual
#: "700字以内").
UNLIMITED_TEXT = 700
#: How many achievements are scored and ranked, how many members a group has.
ACHIEVEMENTS = 40
MEMBERS = 16
UNITS = 10
JUDGES = 7
LANDLINE = "0351-12345678-123456"  # the longest number phone_validator accepts


def fill(text: str, length: int, prefix: str = "") -> str:
    """``prefix`` then ``text`` repeated, exactly ``length`` characters long."""
    body = prefix + text * (length // max(len(text), 1) + 1)
    return body[:length]


def long_text(limit: int) -> str:
    """Paragraphs of ``FILLER`` with exactly ``limit`` characters that count (white space is
    free, as ``char_count`` counts)."""
    paragraphs, left = [], limit
    while left > 0:
        paragraph = fill(FILLER, min(left, 160))
        paragraphs.append(paragraph)
        left -= len(paragraph)
    return "\n".join(paragraphs)


def longest_email(length: int) -> str:
    """A valid address of ``length`` characters (70 or more): a 64-character local part and
    labels of at most 63 characters."""
    left = length - len("@.com") - 64
    labels = []
    while left > 0:
        size = min(63, left)
        labels.append("q" * size)
        left -= size + 1
    address = "q" * 64 + "@" + ".".join(labels) + ".com"
    EmailValidator()(address)
    return address


def text_limit(field) -> int:
    for validator in field.validators:
        if isinstance(validator, MaxCharsValidator):
            return validator.limit
    return UNLIMITED_TEXT


def longest_values(model, prefix: str = "", **given) -> dict:
    """Every typed text field of ``model`` at its longest valid value; ``given`` wins.

    Read from the model, so a new or longer field is in the gallery without editing it:
    CharFields to their max_length, TextFields to their character limit, phone numbers,
    postcodes and e-mail addresses at the longest their validators accept.
    """
    values = {}
    for model_field in model._meta.fields:
        name = model_field.name
        if name in given or not model_field.editable or model_field.is_relation:
            continue
        if model_field.choices:
            values[name] = model_field.choices[-1][0]
        elif isinstance(model_field, models.TextField):
            values[name] = long_text(text_limit(model_field))
        elif isinstance(model_field, models.CharField):
            validators = model_field.validators
            if phone_validator in validators:
                values[name] = LANDLINE
            elif postcode_validator in validators:
                values[name] = "030001"
            elif any(isinstance(v, EmailValidator) for v in validators):
                values[name] = longest_email(model_field.max_length)
            else:
                values[name] = fill(PHRASE, model_field.max_length, prefix)
    return {**values, **given}


def largest_number(model_field):
    """The widest value a number field holds (nine digits for a count)."""
    if isinstance(model_field, models.DecimalField):
        digits = model_field.max_digits - model_field.decimal_places
        return Decimal("9" * digits + "." + "9" * model_field.decimal_places)
    return 999999999
