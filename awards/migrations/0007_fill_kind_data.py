from django.db import migrations


def forwards(apps, schema_editor):
    from awards.catalogue import fill_kind_data

    fill_kind_data(apps)


class Migration(migrations.Migration):
    dependencies = [("awards", "0006_kind_as_data")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
