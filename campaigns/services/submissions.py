"""Membership applications and counselling requests: saved with their notification e-mails."""

from __future__ import annotations

from django.db import transaction

from campaigns import mails
from campaigns.models import (
    CounsellingRequest,
    MembershipApplication,
)

FORM_MODELS = {"membership": MembershipApplication, "counselling": CounsellingRequest}


def submit_form(kind: str, data: dict, *, consent_text: str, language: str):
    """Save a membership application or counselling request (plain field values) and queue its e-mails."""
    model = FORM_MODELS[kind]
    known = {f.name for f in model._meta.concrete_fields if f.editable and not f.primary_key}
    with transaction.atomic():
        instance = model(
            **{key: value for key, value in data.items() if key in known},
            consent_text=consent_text,
            language=language,
        )
        instance.full_clean(exclude=["consent_text", "language"])
        instance.save()
        mails.form_notification(instance, kind)
    return instance
