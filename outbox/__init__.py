"""A durable e-mail outbox.

`outbox.send(...)` stores a message in the database inside the caller's transaction, so a
registration and its e-mail are committed (or rolled back) together. The worker
(`manage.py run_worker`, `make worker`) delivers due messages through Django's e-mail framework and
retries failures with exponential backoff; a mail server that is down only delays the mail.
"""


def header_value(value) -> str:
    """One line for a mail header: CR, LF and other line breaks become spaces (a name typed with a line
    break must not make the message unsendable, nor add a header)."""
    return " ".join(str(value or "").split())


def send(to, subject, body, *, html="", attachments=None, reply_to=None, topic="", headers=None):
    """Queue one e-mail. `to` is an address or a list of addresses (stored as a list, never joined);
    attachments are (filename, text, mimetype) tuples; `headers` extra mail headers (e.g. List-Unsubscribe).
    Header values are made single-line here."""
    from outbox.models import Message  # the package is imported before the app registry is ready

    recipients = [to] if isinstance(to, str) else list(to)
    return Message.objects.create(
        to=[header_value(address) for address in recipients if header_value(address)],
        subject=header_value(subject)[:255],
        body=body,
        html=html or "",
        reply_to=header_value(reply_to),
        topic=topic[:50],
        headers={header_value(name): header_value(value) for name, value in (headers or {}).items()},
        attachments=[
            {"filename": name, "content": content, "mimetype": mimetype}
            for name, content, mimetype in (attachments or [])
        ],
    )


def purge_unsent(older_than) -> int:
    """Delete messages queued before `older_than` that were never sent (failed or still pending): they hold
    the same personal data as the forms they came from and must not outlive them."""
    from outbox.models import Message  # the package is imported before the app registry is ready

    return Message.objects.filter(created_at__lt=older_than).exclude(status=Message.Status.SENT).delete()[0]
