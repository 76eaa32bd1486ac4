"""Recipients become a JSON list (they were joined with "," and split again, which a quoted address abuses)."""

from django.db import migrations, models


def to_lists(apps, schema_editor):
    Message = apps.get_model("outbox", "Message")
    for message in Message.objects.only("pk", "to").iterator():
        addresses = [address.strip() for address in (message.to or "").split(",") if address.strip()]
        Message.objects.filter(pk=message.pk).update(to_list=addresses)


def to_text(apps, schema_editor):
    Message = apps.get_model("outbox", "Message")
    for message in Message.objects.only("pk", "to_list").iterator():
        Message.objects.filter(pk=message.pk).update(to=",".join(message.to_list or []))


class Migration(migrations.Migration):
    dependencies = [("outbox", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="message",
            name="to_list",
            field=models.JSONField(default=list, verbose_name="modtager(e)"),
        ),
        migrations.RunPython(to_lists, to_text),
        migrations.RemoveField(model_name="message", name="to"),
        migrations.RenameField(model_name="message", old_name="to_list", new_name="to"),
    ]
