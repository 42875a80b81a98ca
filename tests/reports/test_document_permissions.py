"""Every registered document × its formats × every persona, from the documents' declared access.

The expected status is derived once per document from its ``access`` (``expected`` below), and
the declarations themselves are pinned by a table written by hand (``AUDIENCE``), so a wrong
declaration fails here rather than in production. A document added to the registry without a
line in ``AUDIENCE`` fails too.
"""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from judging.day import order_visible_to_units
from judging.models import ResultsVersion
from judging.publication import is_published
from portal.models import Phase
from portal.permissions import Role
from reports import exports, services
from reports.models import Export
from reports.registry import CONTENT_TYPES, REGISTRY, STAFF_ONLY
from submissions import services as submission_services
from tests.factories import (
    ActivityStatisticsFactory,
    ExcellentEnterpriseFactory,
    ExcellentPromoterFactory,
    TrustedTeamFactory,
)

pytestmark = pytest.mark.django_db

#: Who opens each document filled in, written by hand: U coordinators (their own unit's), S staff
#: and administrators, C the campaign's chief judge (as staff), J every judge (their own).
#: "U@presentation": units from presentation day on; "U@published": once results are published.
#: "U*": units see the whole campaign's, not only their own unit's.
AUDIENCE = {
    "attachment-2": "U S",
    "attachment-3": "U S",
    "attachment-4": "U S",
    "attachment-5": "U S",
    "attachment-6": "U S",
    "attachment-7": "U S",
    "attachment-8": "U S",
    "judge-score-sheet": "J S",
    "results": "S C",
    "upward-recommendations": "S C",
    "running-order": "U*@presentation S",
    "certificates": "U@published S",
    "attendance": "S",
    "sign-in-sheet": "S",
    "staff-workbook": "S",
    "statistics-province": "S",
}
WHEN = {"presentation": order_visible_to_units, "published": is_published}

PERSONAS = ["anonymous", "coordinator_a", "coordinator_b", "staff", "judge", "chief", "admin"]
ROLE = {
    "coordinator_a": Role.COORDINATOR,
    "coordinator_b": Role.COORDINATOR,
    "staff": Role.STAFF,
    "admin": Role.ADMIN,
    "judge": Role.JUDGE,
    "chief": Role.JUDGE,
}
#: The kind of entry each entry document prints.
ENTRY_OF = {slug: getattr(document, "kind_slug", "") for slug, document in REGISTRY.items()}


def expected(document, persona, campaign) -> int:
    """What ``persona`` gets for ``document`` (unit A's object), from its declared access."""
    access = document.access
    if persona == "anonymous":
        return 302
    admitted = ROLE[persona] in access.roles or (persona == "chief" and access.chief_as_staff)
    if not admitted:
        return 403
    if ROLE[persona] == Role.COORDINATOR and access.units_when and not access.units_when(campaign):
        return 403
    if persona == "coordinator_b" and document.scope == "entry":
        return 404  # another unit's entry is not found
    return 200  # a unit document: coordinator B gets their own unit's, whatever ?unit= says


def primary(document) -> str:
    """The format the matrix asks for: HTML where there is one (PDFs are slow)."""
    return "html" if "html" in document.formats else document.formats[0]


@pytest.fixture
def world(competition, unit_a, coordinator_a, coordinator_b, staff_user, judge, admin_user):
    campaign, judges, entries = competition
    achievement = next(e for e in entries if e.member_unit_id == unit_a.pk)
    objects = {
        "achievement": achievement,
        "enterprise": ExcellentEnterpriseFactory(campaign=campaign, member_unit=unit_a),
        "promoter": ExcellentPromoterFactory(campaign=campaign, member_unit=unit_a),
        "team": TrustedTeamFactory(campaign=campaign, member_unit=unit_a),
        "statistics": ActivityStatisticsFactory(campaign=campaign, member_unit=unit_a),
    }
    users = {
        "anonymous": None,
        "coordinator_a": coordinator_a,
        "coordinator_b": coordinator_b,
        "staff": staff_user,
        "judge": judge,  # not on the panel
        "chief": judges[0],
        "admin": admin_user,
    }
    return {"campaign": campaign, "unit_a": unit_a, "objects": objects, "users": users}


def params(document, world) -> dict:
    """Unit A's object of the document's scope."""
    if document.scope == "entry":
        return {"pk": world["objects"][ENTRY_OF[document.slug]].pk}
    if document.scope == "unit":
        return {"unit": world["unit_a"].pk}
    if document.scope == "judge":
        return {"pk": world["users"]["chief"].pk}
    return {}


def get(client, world, persona, slug, fmt, query):
    client.logout()
    if world["users"][persona] is not None:
        client.force_login(world["users"][persona])
    return client.get(reverse("document", args=[slug, fmt]), query)


def test_every_document_declares_what_the_table_says():
    declared = {}
    for slug, document in REGISTRY.items():
        access = document.access
        words = []
        if Role.COORDINATOR in access.roles:
            when = next((k for k, f in WHEN.items() if f is access.units_when), None)
            assert access.units_when is None or when, slug
            words.append("U" + ("" if access.own_unit else "*") + (f"@{when}" if when else ""))
        if Role.JUDGE in access.roles:
            words.append("J")
        if set(access.roles) >= {Role.STAFF, Role.ADMIN}:
            words.append("S")
        if access.chief_as_staff:
            words.append("C")
        declared[slug] = " ".join(words)
    assert declared == AUDIENCE


@pytest.mark.parametrize("slug", list(REGISTRY))
def test_persona_matrix(client, world, slug):
    """Each persona on unit A's object, in the document's HTML (or its one other format)."""
    document = REGISTRY[slug]
    fmt = primary(document)
    query = params(document, world)
    statuses = {p: get(client, world, p, slug, fmt, query).status_code for p in PERSONAS}
    assert statuses == {p: expected(document, p, world["campaign"]) for p in PERSONAS}
    login = get(client, world, "anonymous", slug, fmt, query)
    assert "login" in login["Location"]


@pytest.mark.parametrize("slug", list(REGISTRY))
def test_every_other_format_is_guarded_the_same_way(client, world, slug):
    """The other formats: refused personas are refused alike, and staff get the file."""
    document = REGISTRY[slug]
    query = params(document, world)
    refused = [
        p for p in PERSONAS if expected(document, p, world["campaign"]) != 200 and p != "anonymous"
    ]
    for fmt in document.formats:
        if fmt == primary(document):
            continue
        statuses = {p: get(client, world, p, slug, fmt, query).status_code for p in refused}
        assert statuses == {p: expected(document, p, world["campaign"]) for p in refused}, fmt
        assert get(client, world, "anonymous", slug, fmt, query).status_code == 302
        response = get(client, world, "staff", slug, fmt, query)
        assert (response.status_code, response["Content-Type"]) == (200, CONTENT_TYPES[fmt])


def test_blank_forms_are_public(client, campaign):
    blank = [slug for slug, document in REGISTRY.items() if document.has_blank]
    assert {
        slug: client.get(reverse("document", args=[slug, "html"]), {"blank": 1}).status_code
        for slug in blank
    } == dict.fromkeys(blank, 200)
    # Only forms: asking any other document blank is asking it filled.
    assert (
        client.get(reverse("document", args=["staff-workbook", "xlsx"]), {"blank": 1}).status_code
        == 302
    )


def test_a_unit_document_is_always_the_asking_units_own(client, world):
    response = get(
        client,
        world,
        "coordinator_b",
        "attachment-8",
        "html",
        params(REGISTRY["attachment-8"], world),
    )
    html = response.content.decode()
    assert world["unit_a"].full_name not in html and "中国移动通信集团山西有限公司" in html


def test_a_judge_always_gets_their_own_sheet_and_staff_must_say_whose(client, world):
    judge, chief = world["users"]["judge"], world["users"]["chief"]
    own = get(client, world, "judge", "judge-score-sheet", "html", {"pk": chief.pk})
    assert str(judge) in own.content.decode() and str(chief) not in own.content.decode()
    assert get(client, world, "staff", "judge-score-sheet", "html", {}).status_code == 404
    staff_pk = world["users"]["staff"].pk
    assert (
        get(client, world, "staff", "judge-score-sheet", "html", {"pk": staff_pk}).status_code
        == 404
    )


def test_units_see_the_running_order_from_presentation_day(client, world):
    campaign = world["campaign"]
    campaign.phase = Phase.PRESENTATION
    campaign.save()
    statuses = [get(client, world, p, "running-order", "html", {}).status_code for p in PERSONAS]
    assert statuses == [302, 200, 200, 200, 403, 403, 200]


def test_units_see_certificates_once_results_are_published(client, world):
    campaign, staff = world["campaign"], world["users"]["staff"]
    before = get(client, world, "staff", "certificates", "html", {}).status_code
    ResultsVersion.objects.create(
        campaign=campaign, number=1, published_by=staff, settings_used={}, digest="0" * 64
    )
    statuses = [get(client, world, p, "certificates", "html", {}).status_code for p in PERSONAS]
    assert (before, statuses) == (200, [302, 200, 200, 200, 403, 403, 200])


def test_the_check_itself_costs_no_query_for_staff_and_units(world, django_assert_num_queries):
    campaign = world["campaign"]
    with django_assert_num_queries(0):
        for document in REGISTRY.values():
            document.check(world["users"]["staff"], campaign, unit=world["unit_a"].pk)
            if document.access.units_when is None and Role.COORDINATOR in document.access.roles:
                document.check(world["users"]["coordinator_a"], campaign)


# The ZIP export: its scope rule lives in the service, and its documents pass the same check.


def test_the_service_refuses_a_unit_the_campaign_or_another_units_zip(
    campaign, unit_a, unit_b, coordinator_a, judge, staff_user
):
    for user, unit in [(coordinator_a, None), (coordinator_a, unit_b), (judge, unit_a)]:
        with pytest.raises(PermissionDenied):
            services.request_export(user=user, campaign=campaign, member_unit=unit)
    assert Export.objects.count() == 0
    assert services.request_export(user=coordinator_a, campaign=campaign, member_unit=unit_a)
    assert services.request_export(user=staff_user, campaign=campaign, member_unit=unit_b)
    assert services.request_export(user=staff_user, campaign=campaign, member_unit=None)


def test_the_view_refuses_another_units_zip(client, coordinator_a, unit_b, campaign):
    client.force_login(coordinator_a)
    response = client.post(reverse("export_request"), {"scope": "unit", "unit": unit_b.pk})
    assert response.status_code == 403 and Export.objects.count() == 0


def test_a_forged_export_is_refused_when_built(world):
    export = Export.objects.create(
        campaign=world["campaign"], member_unit=None, requested_by=world["users"]["coordinator_a"]
    )
    with pytest.raises(PermissionDenied):
        exports.build(export)


def zip_names(export) -> list[str]:
    export.refresh_from_db()
    with export.file.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read())).namelist()


def test_the_zip_holds_only_what_the_requester_may_open(monkeypatch, world):
    """Its forms (and the materials that go with them) pass each document's declared access."""
    campaign, unit_a = world["campaign"], world["unit_a"]
    enterprise = world["objects"]["enterprise"]
    submission_services.submit(entry=enterprise, user=world["users"]["coordinator_a"])
    for slug in ("attachment-2", "attachment-5"):  # every form of an achievement: staff only
        monkeypatch.setattr(REGISTRY[slug], "access", STAFF_ONLY)
    names = {}
    for persona in ("coordinator_a", "staff"):
        export = Export.objects.create(
            campaign=campaign, member_unit=unit_a, requested_by=world["users"][persona]
        )
        names[persona] = zip_names(exports.build(export))
    assert not any(name.startswith("附件2 ") for name in names["coordinator_a"])
    assert any(name.startswith("附件3 ") for name in names["coordinator_a"])
    assert "附件8 推荐汇总表.pdf" in names["coordinator_a"]
    assert any(name.endswith("附件5 优秀QC小组注册登记表.pdf") for name in names["staff"])
    assert any(name.endswith("原始记录本.pdf") for name in names["staff"])
