"""Following a guide: subscriptions (double opt-in), the public change notes, and who was told about which."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Subscription(models.Model):
    """One address following one guide, or a guide index (all guides, or one topic of it)."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Med det samme")
        DAILY = "daily", _("Én gang om dagen (samlet)")

    email = models.EmailField(_("e-mail"), max_length=254)
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("vejledning eller oversigt")
    )
    topic = models.CharField(_("emne"), max_length=100, blank=True, help_text=_("Tomt: alle vejledninger"))
    frequency = models.CharField(_("hyppighed"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    language = models.CharField(_("sprog"), max_length=10, default="da")
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bekræftet"), null=True, blank=True)
    last_digest_at = models.DateTimeField(_("seneste samlede mail"), null=True, blank=True)

    class Meta:
        verbose_name = _("abonnement på en vejledning")
        verbose_name_plural = _("abonnementer på vejledninger")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(Lower("email"), "page", "topic", name="subscriptions_one_per_address")]

    def __str__(self):
        return f"{self.email} → {self.page_id}{' / ' + self.topic if self.topic else ''}"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


class ChangeNote(models.Model):
    """A major change of a guide, recorded from the revision the editor published with the box ticked."""

    page = models.ForeignKey(
        "knowledge.GuidePage", on_delete=models.CASCADE, related_name="change_notes", verbose_name=_("vejledning")
    )
    revision = models.OneToOneField(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("version"),
    )
    note = models.TextField(_("ændringsnote"))
    published_at = models.DateTimeField(_("udgivet"))
    legal_flags = models.JSONField(
        _("lovændringer"),
        default=list,
        blank=True,
        help_text=_("De lovhenvisninger, der var markeret som ændret, da vejledningen blev udgivet."),
    )
    notified_at = models.DateTimeField(_("abonnenter underrettet"), null=True, blank=True)

    class Meta:
        verbose_name = _("ændring af en vejledning")
        verbose_name_plural = _("ændringer af vejledninger")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return f"{self.published_at:%Y-%m-%d}: {self.note[:60]}"


class Notification(models.Model):
    """That a subscription is told about a change: at most one per pair, so a fan-out can run again safely."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="notifications")
    change = models.ForeignKey(ChangeNote, on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField(auto_now_add=True)
    # The outbox message that carries it (immediately, or in the day's digest); empty = waiting for the digest.
    message = models.ForeignKey("outbox.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscription", "change"], name="subscriptions_notify_once")]
