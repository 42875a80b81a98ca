from django.core.files.base import ContentFile

from submissions.models import AchievementFile
from tests.factories import QcGroupMemberFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def complete(achievement, members=3):
    """Give an achievement what submission needs: its listed members and the three materials."""
    for _ in range(members):
        QcGroupMemberFactory(achievement=achievement)
    achievement.member_count = members
    achievement.save()
    for kind in AchievementFile.Kind:
        AchievementFile.objects.create(
            achievement=achievement,
            kind=kind,
            file=ContentFile(PDF, name="material.pdf"),
            original_name=f"{kind.label}.pdf",
            content_type="application/pdf",
            size=len(PDF),
        )
    return achievement
