"""Search data kept in the database: editable synonym lists, the index retry queue and the query log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from search.analysis import is_stop, tokenize


@register_snippet
class SynonymList(models.Model):
    """A list of synonym groups for one language, edited in the admin (Snippets → Synonymer)."""

    name = models.CharField(_("navn"), max_length=200)
    locale = models.CharField(_("sprog"), max_length=8, choices=settings.LANGUAGES, default="da")
    groups = models.TextField(
        _("synonymgrupper"),
        blank=True,
        help_text=_("Én gruppe pr. linje, ordene adskilt af komma. Fx: aflastning, pause fra pasningen, respite care"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("name"), FieldPanel("locale"), FieldPanel("groups")]

    class Meta:
        verbose_name = _("synonymliste")
        verbose_name_plural = _("synonymlister")
        ordering = ["locale", "name"]

    def __str__(self):
        return f"{self.name} ({self.locale})"

    def group_list(self) -> list[list[str]]:
        groups = []
        for line in self.groups.splitlines():
            words = [word.strip() for word in line.split(",") if word.strip()]
            if len(words) >= 2:
                groups.append(words)
        return groups

    def stop_word_terms(self) -> list[str]:
        """Terms that are a stop word or start with one ("ikke enig", "fik nej").

        The Elasticsearch engine leaves them out of its synonym rules (its stop filter would drop the
        first word and change the rule's meaning); editors are told when they save the list.
        """
        found = []
        for group in self.group_list():
            for term in group:
                words = tokenize(term)
                if words and is_stop(words[0], self.locale) and term not in found:
                    found.append(term)
        return found

    def add_group(self, words: list[str]) -> None:
        line = ", ".join(word.strip() for word in words if word.strip())
        self.groups = (self.groups.rstrip("\n") + "\n" + line).strip("\n") if self.groups else line


class IndexTask(models.Model):
    """An index update that failed and waits to be retried (`manage.py retry_search_index`)."""

    ACTIONS = [("index", "index"), ("delete", "delete")]

    page_id = models.IntegerField()
    action = models.CharField(max_length=10, choices=ACTIONS)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page_id"], name="sitesearch_one_task_per_page")]
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.action} page {self.page_id} ({self.attempts} attempts)"


class QueryLog(models.Model):
    """One topic-like search, without personal data: no IP, no user, no time of day (only the date).

    Written outside the request by search/querylog.py; `query` is blanked after a day unless the same text
    recurs, and rows are deleted after the retention period. `ref` is a random reference that links the
    click beacon to its search (blanked after a day).
    """

    query = models.CharField(max_length=200, db_index=True, blank=True)
    locale = models.CharField(max_length=8)
    results = models.PositiveIntegerField()
    clicked_rank = models.PositiveIntegerField(null=True, blank=True)
    date = models.DateField(default=timezone.localdate, db_index=True)
    ref = models.CharField(max_length=16, blank=True, db_index=True)

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.query} ({self.locale}, {self.results})"
