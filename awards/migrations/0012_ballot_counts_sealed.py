"""The secret ballot keeps counts, not ballots (issue 12 §1, docs/awards.md).

Each open box's ballots become its sealed count; a closed box already holds its figures. Then the
ballot table goes, and with it the rows that lay beside their voters' participations.
"""

import uuid

from django.db import migrations, models

from awards.models.council import seal_count, unseal_count

CHOICES = ("for", "against")


def ballots_to_counts(apps, schema_editor):
    BallotBox = apps.get_model("awards", "BallotBox")
    Ballot = apps.get_model("awards", "Ballot")
    for box in BallotBox.objects.filter(closed=False):
        count = {choice: Ballot.objects.filter(box=box, choice=choice).count() for choice in CHOICES}
        if box.is_open or any(count.values()):
            box.sealed_count = seal_count(box.pk, count)
            box.save(update_fields=["sealed_count"])
    Ballot.objects.all().delete()


def counts_to_ballots(apps, schema_editor):
    """Back to one row per ballot, written together per box in one transaction: they follow no voter."""
    BallotBox = apps.get_model("awards", "BallotBox")
    Ballot = apps.get_model("awards", "Ballot")
    for box in BallotBox.objects.select_related("session"):
        if box.closed:
            count = {"for": box.votes_for or 0, "against": box.votes_against or 0}
        else:
            count = unseal_count(box.pk, box.sealed_count)
        Ballot.objects.bulk_create(
            Ballot(id=uuid.uuid4(), box=box, choice=choice, cast_on=box.session.held_on)
            for choice in CHOICES for _ in range(count.get(choice, 0))
        )


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0011_award_record_verification"),
    ]

    operations = [
        migrations.AddField(
            model_name="ballotbox",
            name="sealed_count",
            field=models.BinaryField(null=True, verbose_name="số phiếu niêm phong"),
        ),
        migrations.RunPython(ballots_to_counts, counts_to_ballots),
        migrations.DeleteModel(
            name="Ballot",
        ),
    ]
