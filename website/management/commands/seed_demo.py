from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from judging.defaults import install_default_rubrics
from judging.models import PanelMember
from portal import services
from portal.models import Campaign, CampaignContact, MemberUnit, Quota, User
from portal.permissions import Role
from submissions.demo import create_demo_entries

DEMO_PASSWORD = "qc-demo-2026"
#: The demo panel's 评审组长: a judge from no member unit, so no conflict keeps them out.
CHIEF_JUDGE = "judge4"

#: (full legal name, short name, QC achievement quota or None for no limit)
DEMO_UNITS = [
    ("中国联合网络通信有限公司山西省分公司", "山西联通", 10),
    ("中国移动通信集团山西有限公司", "山西移动", 10),
    ("中国电信股份有限公司山西分公司", "山西电信", 10),
    ("中移铁通有限公司山西分公司", "中移铁通山西分公司", 5),
    ("中国铁塔股份有限公司山西省分公司", "山西铁塔", 5),
    ("中移在线服务有限公司山西分公司", "中移在线", 5),
    ("山西省邮电建设工程有限公司", "山西邮电建设", None),
    ("山西广电信息网络（集团）有限公司", "山西广电网络", None),
    ("中国通信建设集团设计院有限公司山西分公司", "中通建设计院山西分公司", None),
]

#: (user name, name, role, short name of the unit or None)
DEMO_ACCOUNTS = [
    ("admin", "系统管理员", Role.ADMIN, None),
    ("staff1", "赵进", Role.STAFF, None),
    ("staff2", "张进", Role.STAFF, None),
    ("unicom", "李明", Role.COORDINATOR, "山西联通"),
    ("mobile", "王芳", Role.COORDINATOR, "山西移动"),
    ("telecom", "刘洋", Role.COORDINATOR, "山西电信"),
    ("tower", "陈静", Role.COORDINATOR, "山西铁塔"),
    ("judge1", "杨评审", Role.JUDGE, "山西联通"),
    ("judge2", "吴评审", Role.JUDGE, "山西移动"),
    ("judge3", "周评审", Role.JUDGE, "山西电信"),
    ("judge4", "徐评审", Role.JUDGE, None),
    ("judge5", "孙评审", Role.JUDGE, None),
    ("judge6", "马评审", Role.JUDGE, None),
    ("judge7", "朱评审", Role.JUDGE, None),
]


class Command(BaseCommand):
    help = (
        "Create the demo campaign (deadline two weeks from today), member units and one account "
        "per role. Safe to repeat: what exists is left as it is."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        units = self._units()
        campaign, created = self._campaign(units)
        self.stdout.write(
            f"Demo campaign: {campaign} (deadline {timezone.localtime(campaign.submission_deadline):%Y-%m-%d %H:%M})"
        )
        self.stdout.write("Demo accounts (user name / password / role / unit):")
        accounts = {}
        for username, name, role, unit_name in DEMO_ACCOUNTS:
            user, user_created = User.objects.get_or_create(
                username=username,
                defaults={
                    "name": name,
                    "role": role,
                    "member_unit": units.get(unit_name),
                    "email": f"{username}@example.com",
                },
            )
            if user_created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            accounts[username] = user
            password = DEMO_PASSWORD if user_created else "(unchanged)"
            unit = unit_name or "-"
            self.stdout.write(f"  {username:<8} {password:<13} {Role(role).label} {unit}")
        install_default_rubrics(campaign)
        if created:
            create_demo_entries(campaign=campaign, units=units, coordinators=accounts)
            for username, *_rest in DEMO_ACCOUNTS:
                if accounts[username].role == Role.JUDGE:
                    PanelMember.objects.create(
                        campaign=campaign,
                        judge=accounts[username],
                        is_chief=username == CHIEF_JUDGE,
                    )

    def _units(self) -> dict[str, MemberUnit]:
        units = {}
        for position, (full_name, short_name, _quota) in enumerate(DEMO_UNITS, start=1):
            units[short_name], _created = MemberUnit.objects.get_or_create(
                short_name=short_name,
                defaults={"full_name": full_name, "position": position * 10},
            )
        return units

    def _campaign(self, units) -> tuple[Campaign, bool]:
        today = timezone.localdate()
        deadline_day = today + timedelta(days=14)
        tz = timezone.get_current_timezone()
        campaign, created = Campaign.objects.get_or_create(
            year=deadline_day.year,
            defaults={
                "title": f"{deadline_day.year}年全省通信行业优秀质量管理小组成果交流会（演示）",
                "notice_number": f"晋通行字〔{deadline_day.year}〕1号（演示）",
                "issue_date": today,
                "submission_deadline": datetime.combine(deadline_day, time(17, 30), tz),
                "preliminary_review_date": deadline_day + timedelta(days=1),
                "presentation_at": datetime.combine(
                    deadline_day + timedelta(days=11), time(8, 30), tz
                ),
                "venue": "三晋（山西）邮电大厦 3层",
                "statistics_period_start": today.replace(year=today.year - 1) + timedelta(days=1),
                "statistics_period_end": today,
                "contact_email": "qc@example.com",
            },
        )
        if created:
            CampaignContact.objects.create(campaign=campaign, name="赵进", phone="18603456030")
            CampaignContact.objects.create(
                campaign=campaign, name="张进", phone="15603511316", position=1
            )
            for _full_name, short_name, quota in DEMO_UNITS:
                if quota is not None:
                    Quota.objects.create(
                        campaign=campaign, member_unit=units[short_name], achievement_limit=quota
                    )
            services.make_current(campaign=campaign)
        return campaign, created
