"""Notifications moved to units, so that documents and awards notify too; the rows come along."""

from django.db import migrations


def copy_to_units(apps, schema_editor):
    Old = apps.get_model("campaigns", "Notification")
    New = apps.get_model("units", "Notification")
    outbox = any(field.name == "email_sent_at" for field in New._meta.get_fields())
    rows = [
        New(user_id=n.user_id, key=n.key, text=n.text, link=n.link, is_read=n.is_read, created_at=n.created_at,
            # notices copied were e-mailed at the time; never again from the outbox (units 0005)
            **({"email_sent_at": n.created_at} if outbox else {}))
        for n in Old.objects.all().iterator()
    ]
    New.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_registration_in_force_and_pending"),
        ("units", "0002_notification"),
    ]

    operations = [
        migrations.RunPython(copy_to_units, migrations.RunPython.noop),
        migrations.DeleteModel(name="Notification"),
    ]
