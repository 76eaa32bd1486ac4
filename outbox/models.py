"""One row per e-mail to send; the row is the queue."""

from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("venter")
        SENT = "sent", _("sendt")
        FAILED = "failed", _("opgivet")

    # A list of addresses, never a joined string: an address may legally contain a comma.
    to = models.JSONField(_("modtager(e)"), default=list)
    subject = models.CharField(_("emne"), max_length=255)
    body = models.TextField(_("tekst"))
    html = models.TextField(_("HTML"), blank=True)
    reply_to = models.CharField(_("svar til"), max_length=255, blank=True)
    attachments = models.JSONField(_("vedhæftninger"), default=list, blank=True)
    # Extra mail headers, e.g. List-Unsubscribe for the guide subscriptions ({name: value}).
    headers = models.JSONField(_("ekstra headere"), default=dict, blank=True)
    topic = models.CharField(
        _("emneord"), max_length=50, blank=True, help_text=_("Hvad mailen drejer sig om, fx 'receipt'")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("forsøg"), default=0)
    next_try = models.DateTimeField(_("næste forsøg"), default=timezone.now)
    last_error = models.TextField(_("seneste fejl"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail i udbakken")
        verbose_name_plural = _("udbakke")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_try"], name="outbox_due_idx")]

    def __str__(self):
        return f"{self.subject} → {self.recipients_display()}"

    @property
    def recipients(self) -> list[str]:
        return [str(address) for address in self.to or []]

    @admin.display(description=_("modtager(e)"))
    def recipients_display(self) -> str:
        return "; ".join(self.recipients)
