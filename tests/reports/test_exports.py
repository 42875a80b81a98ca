"""ZIP exports built in the background (at once in tests) and downloaded with their progress."""

import io
import zipfile

import pytest
from django.urls import reverse

from reports import exports
from reports.models import Export
from submissions import services
from tests.factories import ExcellentEnterpriseFactory, QcAchievementFactory
from tests.submissions_helpers import complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(campaign, unit_a, coordinator_a):
    achievement = complete(
        QcAchievementFactory(campaign=campaign, member_unit=unit_a, group_name="光网先锋QC小组")
    )
    services.submit(entry=achievement, user=coordinator_a)
    enterprise = ExcellentEnterpriseFactory(campaign=campaign, member_unit=unit_a, name="联通山西")
    services.submit(entry=enterprise, user=coordinator_a)
    QcAchievementFactory(campaign=campaign, member_unit=unit_a, group_name="草稿小组")
    return achievement


def request_zip(client, django_capture_on_commit_callbacks, scope):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("export_request"), {"scope": scope})
    return Export.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def zip_names(client, export):
    response = client.get(reverse("export_download", args=[export.pk]))
    content = b"".join(response.streaming_content)
    return sorted(zipfile.ZipFile(io.BytesIO(content)).namelist())


def test_unit_zip_holds_forms_materials_and_summary(
    client, coordinator_a, submitted, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_a)
    export = request_zip(client, django_capture_on_commit_callbacks, "unit")
    year = submitted.campaign.year
    folder = f"附件2 QC小组成果/{year}-QC-001 光网先锋QC小组：降低基站退服率/"
    assert zip_names(client, export) == sorted(
        [
            folder + "附件2 优秀质量管理小组成果报告单.pdf",
            folder + "附件2 优秀质量管理小组成果报告单.docx",
            folder + "附件5 优秀QC小组注册登记表.pdf",
            folder + "附件5 优秀QC小组注册登记表.docx",
            folder + "原始记录本-原始记录本.pdf",
            folder + "发表材料-发表材料.pdf",
            folder + "成果报告电子版-成果报告电子版.pdf",
            f"附件3 优秀企业/{year}-QY-001 联通山西/附件3 质量管理小组活动优秀企业报告单.pdf",
            f"附件3 优秀企业/{year}-QY-001 联通山西/附件3 质量管理小组活动优秀企业报告单.docx",
            "附件8 推荐汇总表.pdf",
            "附件8 推荐汇总表.docx",
            "附件8 推荐汇总表.xlsx",
        ]
    )


def test_campaign_zip_has_a_folder_per_unit_and_the_province_tables(
    client, staff_user, submitted, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    export = request_zip(client, django_capture_on_commit_callbacks, "campaign")
    names = zip_names(client, export)
    assert {name.split("/")[0] for name in names if "/" in name} == {"山西联通"}
    assert [name for name in names if "/" not in name] == sorted(
        [
            "全部申报汇总.xlsx",
            "附件7 活动统计表（全省汇总）.xlsx",
            "附件8 推荐汇总表（全省）.docx",
            "附件8 推荐汇总表（全省）.pdf",
            "附件8 推荐汇总表（全省）.xlsx",
        ]
    )


def test_progress_says_done_and_where_to_download(
    client, coordinator_a, submitted, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_a)
    export = request_zip(client, django_capture_on_commit_callbacks, "unit")
    state = client.get(reverse("export_progress", args=[export.pk])).json()
    page = client.get(reverse("export_status", args=[export.pk])).content.decode()
    assert (state["status"], state["progress"], state["download"]) == (
        "done",
        100,
        reverse("export_download", args=[export.pk]),
    )
    assert "下载 ZIP 文件" in page


def test_an_export_is_its_requesters_own(
    client, coordinator_a, coordinator_b, submitted, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_a)
    export = request_zip(client, django_capture_on_commit_callbacks, "unit")
    client.force_login(coordinator_b)
    assert [
        client.get(reverse(name, args=[export.pk])).status_code
        for name in ("export_status", "export_progress", "export_download")
    ] == [404, 404, 404]


def test_a_unit_cannot_ask_for_the_campaign_zip(client, coordinator_a, campaign):
    client.force_login(coordinator_a)
    assert client.post(reverse("export_request"), {"scope": "campaign"}).status_code == 403


def test_judges_cannot_export(client, judge, campaign):
    client.force_login(judge)
    assert client.post(reverse("export_request"), {"scope": "unit"}).status_code == 403


def test_a_failed_export_says_so(
    monkeypatch, client, coordinator_a, submitted, django_capture_on_commit_callbacks
):
    def broken(export):
        raise OSError("disk full")

    monkeypatch.setattr(exports, "build", broken)
    client.force_login(coordinator_a)
    export = request_zip(client, django_capture_on_commit_callbacks, "unit")
    export.refresh_from_db()
    assert (export.status, export.error) == ("failed", "disk full")


def test_progress_is_recorded_while_building(monkeypatch, coordinator_a, submitted):
    seen = []
    original = Export.objects.filter

    monkeypatch.setattr(exports, "PROGRESS_EVERY", 1)
    export = Export.objects.create(
        campaign=submitted.campaign, member_unit=submitted.member_unit, requested_by=coordinator_a
    )

    def spy(*args, **kwargs):
        queryset = original(*args, **kwargs)
        update = queryset.update

        def recording_update(**values):
            if "done_items" in values:
                seen.append(values["done_items"])
            return update(**values)

        queryset.update = recording_update
        return queryset

    monkeypatch.setattr(Export.objects, "filter", spy)
    exports.build(export)
    assert seen == list(range(1, 13))


def test_staff_can_export_one_units_zip(
    client, staff_user, submitted, unit_a, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("export_request"), {"scope": "unit", "unit": unit_a.pk})
    export = Export.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    assert (export.member_unit, "附件8 推荐汇总表.xlsx" in zip_names(client, export)) == (
        unit_a,
        True,
    )
