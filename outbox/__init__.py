"""A durable e-mail outbox.

`outbox.send(...)` stores a message in the database inside the caller's transaction, so a
registration and its e-mail are committed (or rolled back) together. The worker
(`manage.py run_worker`, `make worker`) delivers due messages through Django's e-mail framework and
retries failures with exponential backoff; a mail server that is down only delays the mail.
"""


def send(to, subject, body, *, html="", attachments=None, reply_to=None, topic=""):
    """Queue one e-mail. `to` is an address or a list; attachments are (filename, text, mimetype) tuples."""
    from outbox.models import Message

    recipients = [to] if isinstance(to, str) else list(to)
    return Message.objects.create(
        to=",".join(recipients),
        subject=subject[:255],
        body=body,
        html=html or "",
        reply_to=reply_to or "",
        topic=topic[:50],
        attachments=[
            {"filename": name, "content": content, "mimetype": mimetype}
            for name, content, mimetype in (attachments or [])
        ],
    )
