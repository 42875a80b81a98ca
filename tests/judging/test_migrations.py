"""Data migrations: results published before versions existed, and sign-offs without a digest."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("judging", "0007_day_state"), ("portal", "0002_campaign_log")]
AFTER = [("judging", "0008_signed_records")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_publications_go_back_to_be_published_again_and_old_sign_offs_are_reopened():
    apps = migrate(BEFORE)
    Campaign = apps.get_model("portal", "Campaign")
    User = apps.get_model("portal", "User")
    fields = {
        "issue_date": "2030-04-01",
        "submission_deadline": "2030-05-01T00:00:00Z",
        "preliminary_review_date": "2030-05-02",
        "presentation_at": "2030-06-01T00:00:00Z",
        "venue": "会场",
        "statistics_period_start": "2029-06-01",
        "statistics_period_end": "2030-05-31",
    }
    published = Campaign.objects.create(title="a", year=2090, phase="published", **fields)
    archived = Campaign.objects.create(title="b", year=2091, phase="archived", **fields)
    Campaign.objects.create(title="c", year=2092, phase="archived", **fields)  # never published
    chief = User.objects.create(username="chief-m", role="judge")
    for campaign in (published, archived):
        apps.get_model("judging", "ResultsPublication").objects.create(
            campaign=campaign, published=True
        )
    apps.get_model("judging", "RoundSignOff").objects.create(
        campaign=published, round="presentation", signed_by=chief
    )
    try:
        apps = migrate(AFTER)
        Campaign = apps.get_model("portal", "Campaign")
        phases = dict(Campaign.objects.values_list("year", "phase"))
        sign_off = apps.get_model("judging", "RoundSignOff").objects.get()
        assert (phases[2090], phases[2091], phases[2092]) == (
            "presentation",
            "presentation",
            "archived",
        )
        assert sign_off.revoked_at is not None and "重新签认" in sign_off.revoke_reason
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
