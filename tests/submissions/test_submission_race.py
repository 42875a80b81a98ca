"""Two coordinators of one unit submitting at the same instant cannot both pass the quota."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from submissions import services
from submissions.models import QcAchievement
from tests.factories import QcAchievementFactory, QuotaFactory, UserFactory
from tests.submissions_helpers import complete

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL; .ci/run runs the suite on it",
    ),
]


def test_simultaneous_submissions_respect_the_quota(monkeypatch, campaign, unit_a):
    QuotaFactory(campaign=campaign, member_unit=unit_a, achievement_limit=1)
    entries = [
        complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a)) for _ in range(2)
    ]
    coordinators = [UserFactory(member_unit=unit_a) for _ in range(2)]

    # Widen the window between counting and saving, so that without the lock both would pass.
    checked = QcAchievement.missing_for_submission

    def slow_check(self):
        time.sleep(0.3)
        return checked(self)

    monkeypatch.setattr(QcAchievement, "missing_for_submission", slow_check)
    start = threading.Barrier(2)
    outcomes = []

    def submit(entry, user):
        start.wait()
        try:
            services.submit(entry=entry, user=user)
            outcomes.append("submitted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=submit, args=pair)
        for pair in zip(entries, coordinators, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (sorted(outcomes), QcAchievement.objects.counted().count()) == (
        ["refused", "submitted"],
        1,
    )
