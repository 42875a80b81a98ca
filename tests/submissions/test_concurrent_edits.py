"""Two coordinators edit one entry: a stale save is refused once with what changed, then merged."""

import re

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override

from submissions import services
from submissions.forms import QcAchievementForm
from submissions.merge import StaleEdit
from submissions.models import QcAchievement, QcGroupMember
from tests.factories import QcAchievementFactory, QcGroupMemberFactory, UserFactory
from tests.submissions_helpers import complete

pytestmark = pytest.mark.django_db

#: The refusal's headline, as the page shows it (Chinese once the catalogue has it).
REFUSAL = (
    "Somebody else saved this entry after you opened it, so your changes are not saved yet. "
    "They are still in the form below."
)


def refusal_text():
    with override("zh-hans"):
        return gettext(REFUSAL)


@pytest.fixture
def colleague(unit_a):
    """A second coordinator of the same unit."""
    return UserFactory(username="coord_a2", member_unit=unit_a)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def url(entry):
    return reverse("entry_edit", args=["achievement", entry.pk])


def load(client, entry):
    """What the edit page holds when it is opened: the entry's values and its hidden versions."""
    html = client.get(url(entry)).content.decode()
    entry = QcAchievement.objects.get(pk=entry.pk)
    form = QcAchievementForm(instance=entry)
    data = {
        name: "" if form[name].value() is None else str(form[name].value()) for name in form.fields
    }
    for name in ("version", "base_version"):
        data[name] = hidden(html, name)
    members = list(entry.members.all())
    data.update(
        {
            "members-TOTAL_FORMS": str(len(members)),
            "members-INITIAL_FORMS": str(len(members)),
            "members-MIN_NUM_FORMS": "0",
            "members-MAX_NUM_FORMS": "1000",
        }
    )
    for n, member in enumerate(members):
        data.update(
            {
                f"members-{n}-id": str(member.pk),
                f"members-{n}-achievement": str(entry.pk),
                f"members-{n}-name": member.name,
                f"members-{n}-age": str(member.age),
                f"members-{n}-position": member.position,
                f"members-{n}-role": member.role,
            }
        )
    return data


def hidden(html, name):
    found = re.search(rf'name="{name}" value="(\d+)"', html)
    return found.group(1) if found else ""


def changes_shown(html):
    """The rows of the refusal's table: field name -> the row's text."""
    return dict(re.findall(r'<tr data-change="(\w+)">(.*?)</tr>', html, re.S))


def test_a_save_after_the_warning_keeps_the_colleagues_change(
    coordinator_a, colleague, campaign, unit_a
):
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a, topic="旧课题")
    a, b = client_for(coordinator_a), client_for(colleague)
    mine_a, mine_b = load(a, entry), load(b, entry)

    assert a.post(url(entry), {**mine_a, "topic": "甲的新课题"}).status_code == 302
    mine_b["contact"] = "乙改的联系人"
    refused = b.post(url(entry), mine_b)

    html = refused.content.decode()
    assert refused.status_code == 200 and html.count(refusal_text()) == 1
    shown = changes_shown(html)
    assert list(shown) == ["topic"]
    with override("zh-hans"):
        assert gettext("topic") in shown["topic"]
    assert "甲的新课题" in shown["topic"] and "旧课题" in shown["topic"]
    assert 'value="乙改的联系人"' in html  # nothing typed is lost
    entry.refresh_from_db()
    assert (entry.topic, entry.contact) == ("甲的新课题", "李明")

    mine_b.update({name: hidden(html, name) for name in ("version", "base_version")})
    assert mine_b["base_version"] == mine_a["base_version"]
    assert b.post(url(entry), mine_b).status_code == 302
    entry.refresh_from_db()
    assert (entry.topic, entry.contact) == ("甲的新课题", "乙改的联系人")


def test_saving_again_as_invited_does_not_revert_the_topic(
    coordinator_a, colleague, campaign, unit_a
):
    """The report's sequence, checked on the stored row only."""
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a, topic="旧课题")
    a, b = client_for(coordinator_a), client_for(colleague)
    mine_a, mine_b = load(a, entry), load(b, entry)
    a.post(url(entry), {**mine_a, "topic": "甲的新课题"})
    mine_b["contact"] = "乙改的联系人"
    html = b.post(url(entry), mine_b).content.decode()
    mine_b.update({name: hidden(html, name) for name in ("version", "base_version")})
    b.post(url(entry), mine_b)
    entry.refresh_from_db()
    assert (entry.topic, entry.contact) == ("甲的新课题", "乙改的联系人")


def test_both_change_one_field_the_second_chooses_knowingly_and_a_third_save_is_caught(
    coordinator_a, colleague, campaign, unit_a
):
    third = UserFactory(username="coord_a3", member_unit=unit_a)
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a, topic="旧课题")
    a, b, c = client_for(coordinator_a), client_for(colleague), client_for(third)
    mine_a, mine_b = load(a, entry), load(b, entry)

    a.post(url(entry), {**mine_a, "topic": "甲的课题"})
    mine_b["topic"] = "乙的课题"
    html = b.post(url(entry), mine_b).content.decode()
    shown = changes_shown(html)
    assert list(shown) == ["topic"]
    assert "甲的课题" in shown["topic"] and "乙的课题" in shown["topic"]
    mine_b["version"] = hidden(html, "version")

    # A third coordinator saves before B saves again: B is told again, not overwritten.
    c.post(url(entry), {**load(c, entry), "group_name": "丙改的小组名"})
    html = b.post(url(entry), mine_b).content.decode()
    assert html.count(refusal_text()) == 1
    assert set(changes_shown(html)) == {"topic", "group_name"}
    entry.refresh_from_db()
    assert (entry.topic, entry.group_name) == ("甲的课题", "丙改的小组名")

    mine_b["version"] = hidden(html, "version")
    assert b.post(url(entry), mine_b).status_code == 302
    entry.refresh_from_db()
    assert (entry.topic, entry.group_name) == ("乙的课题", "丙改的小组名")


def label(name):
    return str(QcAchievement._meta.get_field(name).verbose_name)


def test_the_service_merges_three_ways(coordinator_a, colleague, campaign, unit_a):
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a, topic="旧课题")
    loaded = entry.version
    theirs = QcAchievement.objects.get(pk=entry.pk)
    mine = QcAchievement.objects.get(pk=entry.pk)
    theirs.topic, theirs.phone = "甲的课题", "13900000000"
    services.save_entry(entry=theirs, user=coordinator_a, expected_version=loaded)

    mine.contact, mine.phone = "乙的联系人", "13911111111"
    with pytest.raises(StaleEdit) as stale:
        services.save_entry(entry=mine, user=colleague, expected_version=loaded)
    assert stale.value.current_version == loaded + 1
    assert [(c.name, c.label, c.theirs, c.yours) for c in stale.value.changes] == [
        ("topic", label("topic"), "甲的课题", "旧课题"),
        ("phone", label("phone"), "13900000000", "13911111111"),
    ]

    saved = services.save_entry(
        entry=mine, user=colleague, expected_version=loaded + 1, base_version=loaded
    )
    saved.refresh_from_db()
    assert (saved.topic, saved.contact, saved.phone, saved.version) == (
        "甲的课题",
        "乙的联系人",
        "13911111111",
        loaded + 2,
    )


def test_the_service_lets_a_save_through_when_nothing_visible_changed(
    coordinator_a, campaign, unit_a
):
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    mine = QcAchievement.objects.get(pk=entry.pk)
    services.save_entry(entry=QcAchievement.objects.get(pk=entry.pk), user=coordinator_a)
    mine.contact = "乙的联系人"
    services.save_entry(entry=mine, user=coordinator_a, expected_version=entry.version)
    entry.refresh_from_db()
    assert entry.contact == "乙的联系人"


def test_without_the_loaded_version_in_history_the_refusal_compares_with_the_row(
    coordinator_a, campaign, unit_a
):
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a, topic="旧课题")
    loaded = entry.version
    theirs = QcAchievement.objects.get(pk=entry.pk)
    mine = QcAchievement.objects.get(pk=entry.pk)
    theirs.topic = "甲的课题"
    services.save_entry(entry=theirs, user=coordinator_a, expected_version=loaded)
    entry.history.filter(version=loaded).delete()

    mine.contact = "乙的联系人"
    with pytest.raises(StaleEdit) as stale:
        services.save_entry(entry=mine, user=coordinator_a, expected_version=loaded)
    assert [(c.name, c.theirs, c.yours) for c in stale.value.changes] == [
        ("topic", "甲的课题", "旧课题"),
        ("contact", "李明", "乙的联系人"),
    ]
    # Saving again after being shown the list applies the whole form, as documented.
    services.save_entry(
        entry=mine, user=coordinator_a, expected_version=loaded + 1, base_version=loaded
    )
    entry.refresh_from_db()
    assert (entry.topic, entry.contact) == ("旧课题", "乙的联系人")


def test_the_refusal_shows_choices_by_their_label(coordinator_a, campaign, unit_a):
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    theirs = QcAchievement.objects.get(pk=entry.pk)
    mine = QcAchievement.objects.get(pk=entry.pk)
    theirs.topic_type = "innovative"
    services.save_entry(entry=theirs, user=coordinator_a, expected_version=entry.version)
    with pytest.raises(StaleEdit) as stale:
        services.save_entry(entry=mine, user=coordinator_a, expected_version=entry.version)
    (change,) = stale.value.changes
    with override("zh-hans"):
        assert (str(change.theirs), str(change.yours)) == ("创新型", "问题解决型")


def test_an_error_of_the_whole_form_is_shown_once(client, coordinator_a, campaign, unit_a):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a), members=0)
    client.force_login(coordinator_a)
    data = load(client, entry)
    services.submit(entry=entry, user=coordinator_a)
    html = client.post(url(entry), {**data, "topic": "迟到的修改"}).content.decode()
    with override("zh-hans"):
        message = gettext("A submitted entry cannot be changed; withdraw it first.")
    assert html.count(message) == 1 and 'value="迟到的修改"' in html


def members_of(entry):
    return list(entry.members.values_list("name", "age", "role"))


@pytest.fixture
def group(campaign, unit_a):
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a, member_count=2)
    for name in ("张三", "李四"):
        QcGroupMemberFactory(achievement=entry, name=name, age=40, role="组员")
    return entry


def test_the_colleagues_member_changes_survive_a_merge(coordinator_a, colleague, group):
    a, b = client_for(coordinator_a), client_for(colleague)
    mine_a, mine_b = load(a, group), load(b, group)
    mine_a.update(
        {
            "member_count": "3",
            "members-0-name": "张三丰",
            "members-TOTAL_FORMS": "3",
            "members-2-name": "王五",
            "members-2-age": "30",
            "members-2-position": "工程师",
            "members-2-role": "新组员",
        }
    )
    assert a.post(url(group), mine_a).status_code == 302
    expected = [("张三丰", 40, "组员"), ("李四", 40, "组员"), ("王五", 30, "新组员")]
    assert members_of(group) == expected

    mine_b["contact"] = "乙改的联系人"
    html = b.post(url(group), mine_b).content.decode()
    assert set(changes_shown(html)) == {"member_count", "members"}
    assert "王五" in changes_shown(html)["members"]
    mine_b["version"] = hidden(html, "version")
    assert b.post(url(group), mine_b).status_code == 302

    group.refresh_from_db()
    assert (group.contact, group.member_count) == ("乙改的联系人", 3)
    assert members_of(group) == expected


def test_each_keeps_the_member_rows_they_changed(coordinator_a, colleague, group):
    each_keeps_the_member_rows_they_changed(coordinator_a, colleague, group)


def test_the_loaded_member_list_is_matched_by_member_id_not_history_row(
    coordinator_a, colleague, campaign, unit_a
):
    """History rows number themselves: once they run ahead of the members' ids (on PostgreSQL,
    whose sequences outlive each test, they always may), the merge must still match members."""
    elsewhere = QcGroupMemberFactory(
        achievement=QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    )
    for age in (36, 37):
        elsewhere.age = age
        elsewhere.save()
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a, member_count=2)
    for name in ("张三", "李四"):
        QcGroupMemberFactory(achievement=entry, name=name, age=40, role="组员")
    assert {m.pk for m in entry.members.all()}.isdisjoint(
        entry.members.model.history.filter(achievement_id=entry.pk).values_list(
            "history_id", flat=True
        )
    )
    each_keeps_the_member_rows_they_changed(coordinator_a, colleague, entry)


def each_keeps_the_member_rows_they_changed(coordinator_a, colleague, group):
    a, b = client_for(coordinator_a), client_for(colleague)
    mine_a, mine_b = load(a, group), load(b, group)
    a.post(url(group), {**mine_a, "members-0-role": "组长"})
    mine_b["members-1-age"] = "33"
    html = b.post(url(group), mine_b).content.decode()
    assert set(changes_shown(html)) == {"members"} and "组长" in changes_shown(html)["members"]
    mine_b["version"] = hidden(html, "version")
    assert b.post(url(group), mine_b).status_code == 302
    assert members_of(group) == [("张三", 40, "组长"), ("李四", 33, "组员")]


def test_a_merged_count_and_list_from_two_people_must_still_agree(coordinator_a, colleague, group):
    """A adds a member (人数 3); B renames one (人数 still 2 in B's copy): B's merged save keeps
    A's count and A's new member, and is accepted because the result agrees."""
    a, b = client_for(coordinator_a), client_for(colleague)
    mine_a, mine_b = load(a, group), load(b, group)
    mine_a.update(
        {
            "member_count": "3",
            "members-TOTAL_FORMS": "3",
            "members-2-name": "王五",
            "members-2-age": "30",
            "members-2-position": "工程师",
            "members-2-role": "组员",
        }
    )
    assert a.post(url(group), mine_a).status_code == 302
    mine_b["members-0-name"] = "张三丰"
    html = b.post(url(group), mine_b).content.decode()
    mine_b["version"] = hidden(html, "version")
    assert b.post(url(group), mine_b).status_code == 302
    group.refresh_from_db()
    assert group.member_count == 3 and len(members_of(group)) == 3
    assert ("张三丰", 40, "组员") in members_of(group)


def test_a_count_that_disagrees_with_the_posted_list_is_refused_even_in_a_merge(
    coordinator_a, colleague, group
):
    a, b = client_for(coordinator_a), client_for(colleague)
    mine_a, mine_b = load(a, group), load(b, group)
    assert a.post(url(group), {**mine_a, "contact": "甲"}).status_code == 302
    mine_b["member_count"] = "7"
    html = b.post(url(group), mine_b).content.decode()
    mine_b["version"] = hidden(html, "version") or mine_b["version"]
    response = b.post(url(group), mine_b)
    group.refresh_from_db()
    assert response.status_code == 200 and group.member_count == 2


def test_the_admin_refuses_a_member_count_that_disagrees_with_its_inline(client, admin_user, group):
    client.force_login(admin_user)
    page = reverse("admin:submissions_qcachievement_change", args=[group.pk])
    html = client.get(page).content.decode()
    assert 'name="members-TOTAL_FORMS"' in html
    from submissions.forms import AdminMemberFormSet

    formset_class = forms.inlineformset_factory(
        QcAchievement,
        QcGroupMember,
        formset=AdminMemberFormSet,
        fields=["name", "age", "position", "role"],
        extra=0,
    )
    group.member_count = 5
    formset = formset_class(
        {
            "members-TOTAL_FORMS": "2",
            "members-INITIAL_FORMS": "2",
            "members-MIN_NUM_FORMS": "0",
            "members-MAX_NUM_FORMS": "1000",
            **{
                f"members-{n}-{field}": value
                for n, member in enumerate(group.members.all())
                for field, value in [
                    ("id", member.pk),
                    ("achievement", group.pk),
                    ("name", member.name),
                    ("age", member.age),
                    ("position", member.position),
                    ("role", member.role),
                ]
            },
        },
        instance=group,
        prefix="members",
    )
    assert not formset.is_valid() and formset.non_form_errors()


def rows(entry):
    """The entry's member list as the service takes it: (id, typed values), in order."""
    return [
        (member.pk, (member.name, member.age, member.position, member.role))
        for member in entry.members.all()
    ]


def fresh(entry):
    return QcAchievement.objects.get(pk=entry.pk)


def test_the_service_takes_the_member_list_as_plain_rows(coordinator_a, group):
    """Kept rows by id, new rows without one, removed rows gone; the order is the list's."""
    (zhang, zhang_values), (li, _li_values) = rows(group)
    entry = fresh(group)
    services.save_entry(
        entry=entry,
        user=coordinator_a,
        expected_version=group.version,
        members=[(None, ("王五", 30, "工程师", "组长")), (zhang, zhang_values)],
    )
    assert members_of(group) == [("王五", 30, "组长"), ("张三", 40, "组员")]
    assert not QcGroupMember.objects.filter(pk=li).exists()


def test_a_member_row_of_another_entry_is_never_touched(coordinator_a, campaign, unit_a, group):
    other = QcGroupMemberFactory(
        achievement=QcAchievementFactory(campaign=campaign, member_unit=unit_a), name="别人的组员"
    )
    kept = rows(group)[:1]
    services.save_entry(
        entry=fresh(group),
        user=coordinator_a,
        members=[*kept, (other.pk, ("冒名", 30, "工程师", "组员"))],
    )
    other.refresh_from_db()
    assert other.name == "别人的组员" and other.achievement_id != group.pk
    assert [name for name, _age, _role in members_of(group)] == ["张三", "冒名"]


def test_a_removal_and_a_colleagues_edit_of_another_row_both_stand(coordinator_a, colleague, group):
    """A renames 张三; B, from the same copy, removes 李四 (人数 1): B is shown A's change once,
    and B's save after it keeps A's rename and B's removal."""
    loaded = group.version
    (zhang, zhang_values), li_row = rows(group)
    services.save_entry(
        entry=fresh(group),
        user=coordinator_a,
        expected_version=loaded,
        members=[(zhang, ("张三丰", 40, "工程师", "组员")), li_row],
    )
    mine = fresh(group)
    mine.version, mine.member_count = loaded, 1
    with pytest.raises(StaleEdit) as stale:
        services.save_entry(
            entry=mine, user=colleague, expected_version=loaded, members=[(zhang, zhang_values)]
        )
    assert [change.name for change in stale.value.changes] == ["members"]
    services.save_entry(
        entry=mine,
        user=colleague,
        expected_version=stale.value.current_version,
        base_version=loaded,
        members=[(zhang, zhang_values)],
    )
    assert members_of(group) == [("张三丰", 40, "组员")]


def test_a_row_the_colleague_removed_stays_removed_unless_this_copy_changed_it(
    coordinator_a, colleague, group
):
    loaded = group.version
    zhang_row, (li, li_values) = rows(group)
    first = fresh(group)
    first.member_count = 1
    services.save_entry(
        entry=first, user=coordinator_a, expected_version=loaded, members=[zhang_row]
    )
    after = fresh(group).version

    untouched = fresh(group)
    untouched.version, untouched.member_count, untouched.contact = loaded, 2, "乙"
    services.save_entry(
        entry=untouched,
        user=colleague,
        expected_version=after,
        base_version=loaded,
        members=[zhang_row, (li, li_values)],
    )
    assert members_of(group) == [("张三", 40, "组员")]

    # B changed 李四 in the copy: the row comes back as B's, and 人数 (A's 1, which B left as
    # loaded) no longer agrees with the merged list, so the save is refused whole.
    changed = fresh(group)
    changed.version, changed.member_count = loaded, 2
    with pytest.raises(ValidationError) as refused:
        services.save_entry(
            entry=changed,
            user=colleague,
            expected_version=fresh(group).version,
            base_version=loaded,
            members=[zhang_row, (li, ("李四", 41, "工程师", "组员"))],
        )
    assert "member_count" in refused.value.message_dict
    assert members_of(group) == [("张三", 40, "组员")]
