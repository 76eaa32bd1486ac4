"""The `import_content` types of this app: campaign, partnership and event (see docs/campaigns.md)."""

import datetime
import zoneinfo

from django.apps import apps
from django.conf import settings

from campaigns.models.choices import RegistrationMode
from campaigns.models.events import EventKind
from home.blocks import body_blocks, rich
from importing.registry import (
    SLUG_RE,
    ContentType,
    ImportError_,
    _require_str,
    dict_list,
    parse_date,
    parse_datetime,
    register,
    str_list,
)

KINDS = tuple(EventKind.values)
MODES = tuple(RegistrationMode.values)


def _model(name):
    return lambda: apps.get_model("campaigns", name)


def _organisations(item) -> list:
    organisation_model = apps.get_model("campaigns", "Organisation")
    result = []
    for entry in item.get("partners") or []:
        name, url = (entry, "") if isinstance(entry, str) else (entry.get("name", ""), entry.get("url", ""))
        organisation, _created = organisation_model.objects.get_or_create(
            name=name.strip()[:200], defaults={"url": url}
        )
        if url and not organisation.url:
            organisation.url = url
            organisation.save(update_fields=["url"])
        result.append(organisation)
    return result


def validate_partners(item):
    partners = item.get("partners", [])
    if partners is None:
        return
    if not isinstance(partners, list):
        raise ImportError_('"partners" must be a list of names or {"name", "url"} objects')
    for entry in partners:
        if isinstance(entry, str) and entry.strip():
            continue
        if isinstance(entry, dict) and isinstance(entry.get("name"), str) and entry["name"].strip():
            url = entry.get("url") or ""
            if url and not str(url).startswith(("http://", "https://")):
                raise ImportError_(f"partner url must start with https://, not {url!r}")
            continue
        raise ImportError_('every item in "partners" must be a name or an object with "name"')


def _non_negative_int(item, key, default=0, *, minimum=0) -> int:
    value = item.get(key, default)
    if value is None:
        return default
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ImportError_(f'"{key}" must be a whole number ≥ {minimum}, not {value!r}')
    return value


# -- campaign --------------------------------------------------------------------------------


def validate_campaign(item):
    _non_negative_int(item, "goal", 1000, minimum=1)
    _non_negative_int(item, "counter_minimum", 0)
    str_list(item, "demands")
    _require_str(item, "problem")
    parse_date(item, "ends_on")
    validate_partners(item)


def apply_campaign(page, item):
    page.problem = rich(item.get("problem") or "").source if item.get("problem") else ""
    page.demands = [("demand", text) for text in str_list(item, "demands")]
    page.body = body_blocks(item.get("body", ""))
    page.goal = _non_negative_int(item, "goal", 1000, minimum=1)
    page.counter_minimum = _non_negative_int(item, "counter_minimum", 0)
    page.ends_on = parse_date(item, "ends_on")
    page.partners.set(_organisations(item))


# -- partnership -----------------------------------------------------------------------------


def validate_partnership(item):
    validate_partners(item)
    str_list(item, "recommendations")
    dict_list(item, "meetings", ("date", "title", "summary"), ("date", "title"))
    for meeting in item.get("meetings") or []:
        parse_date(meeting, "date")
    dict_list(item, "press_contacts", ("name", "role", "phone", "email"), ("name",))


def apply_partnership(page, item):
    page.partners.set(_organisations(item))
    page.recommendations = [("recommendation", rich(text)) for text in str_list(item, "recommendations")]
    page.body = body_blocks(item.get("body", ""))
    page.meetings = [
        ("meeting", {"date": parse_date(m, "date"), "title": m["title"], "summary": m["summary"]})
        for m in dict_list(item, "meetings", ("date", "title", "summary"), ("date", "title"))
    ]
    page.press_contacts = [
        ("contact", c) for c in dict_list(item, "press_contacts", ("name", "role", "phone", "email"), ("name",))
    ]


# -- event series ----------------------------------------------------------------------------

SERIES_KEYS = ("slug", "title", "intro", "rules", "mode", "opens", "closes", "max_participants")


def validate_series(item):
    """`series`: the slug of a series defined earlier, or an object that defines (or updates) it."""
    series = item.get("series")
    if series is None:
        return
    if isinstance(series, str):
        if not SLUG_RE.match(series):
            raise ImportError_(f'"series" must be a slug or an object with "slug" and "title", not {series!r}')
        return
    if not isinstance(series, dict):
        raise ImportError_('"series" must be a slug or an object with "slug" and "title"')
    unknown = set(series) - set(SERIES_KEYS)
    if unknown:
        raise ImportError_(f'unknown keys in "series": {", ".join(sorted(unknown))} (known: {", ".join(SERIES_KEYS)})')
    slug = _require_str(series, "slug", required=True, max_length=200)
    if not SLUG_RE.match(slug):
        raise ImportError_(f'"series.slug" must be lowercase letters, digits and hyphens, not {slug!r}')
    _require_str(series, "title", required=True, max_length=255)
    _require_str(series, "intro")
    _require_str(series, "rules")
    if series.get("mode", RegistrationMode.APPLICATION) not in MODES:
        raise ImportError_(f'"series.mode" must be one of {", ".join(MODES)}, not {series.get("mode")!r}')
    opens, closes = parse_datetime(series, "opens"), parse_datetime(series, "closes")
    if opens and closes and closes < opens:
        raise ImportError_('"series.closes" must be after "series.opens"')
    _non_negative_int(series, "max_participants", 3, minimum=1)


def _series(page, item):
    series = item.get("series")
    if not series:
        return None
    model = apps.get_model("campaigns", "EventSeries")
    if isinstance(series, str):
        found = model.objects.filter(locale_id=page.locale_id, slug=series).first()
        if found is None:
            raise ImportError_(
                f'"series" {series!r} does not exist in {item["locale"]}: define it with an object first'
            )
        return found
    values = {
        "title": series["title"].strip(),
        "intro": (series.get("intro") or "").strip(),
        "rules": (series.get("rules") or "").strip(),
        "mode": series.get("mode") or RegistrationMode.APPLICATION,
        "registration_opens": parse_datetime(series, "opens"),
        "registration_closes": parse_datetime(series, "closes"),
        "max_participants": _non_negative_int(series, "max_participants", 3, minimum=1),
    }
    found, _created = model.objects.update_or_create(locale_id=page.locale_id, slug=series["slug"], defaults=values)
    return found


# -- event -----------------------------------------------------------------------------------


def check_utc_offset(item, key):
    """An explicit UTC offset must be the site's time zone's offset at that wall-clock time: "+01:00" on a
    summer date in Copenhagen would put the event an hour off. Without an offset the site's zone is used."""
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        return
    parsed = parse_datetime(item, key)
    if parsed is None or datetime.datetime.fromisoformat(value.strip()).tzinfo is None:
        return
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    expected = parsed.replace(tzinfo=None).replace(tzinfo=zone).utcoffset()
    if parsed.utcoffset() != expected:

        def hours(offset: datetime.timedelta) -> str:
            minutes = int(offset.total_seconds() // 60)
            return f"{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"

        raise ImportError_(
            f'"{key}" {value!r} has UTC offset {hours(parsed.utcoffset())}, but {settings.TIME_ZONE} is at '
            f"{hours(expected)} on {parsed.date().isoformat()}: write {hours(expected)}, or leave the offset out "
            "to use the site's time zone"
        )


def validate_event(item):
    for key in ("start", "end", "opens", "closes"):
        check_utc_offset(item, key)
    start = parse_datetime(item, "start", required=True)
    end = parse_datetime(item, "end", required=True)
    if end < start:
        raise ImportError_('"end" must be after "start"')
    opens, closes = parse_datetime(item, "opens"), parse_datetime(item, "closes")
    if opens and closes and closes < opens:
        raise ImportError_('"closes" must be after "opens"')
    _non_negative_int(item, "capacity", 0)
    _non_negative_int(item, "max_companions", 0)
    if item.get("mode", RegistrationMode.FIRST_COME) not in MODES:
        raise ImportError_(f'"mode" must be one of {", ".join(MODES)}, not {item.get("mode")!r}')
    if item.get("kind", EventKind.OTHER) not in KINDS:
        raise ImportError_(f'"kind" must be one of {", ".join(KINDS)}, not {item.get("kind")!r}')
    for key in ("venue", "address", "accessibility", "region", "price_note", "online_url"):
        _require_str(item, key)
    online = (item.get("online_url") or "").strip()
    if online and not online.startswith("https://"):
        raise ImportError_(f'"online_url" must start with https://, not {online!r}')
    dict_list(item, "programme", ("time", "title", "speaker"), ("time", "title"))
    dict_list(item, "speakers", ("name", "role", "bio"), ("name",))
    dict_list(item, "stands", ("name", "description"), ("name",))
    dict_list(item, "network_groups", ("title", "description"), ("title",))
    validate_series(item)
    questions = str_list(item, "questions")
    unknown = set(questions) - {"role", "organisation", "region", "dietary", "accessibility"}
    if unknown:
        raise ImportError_(
            f'unknown "questions": {", ".join(sorted(unknown))} (known: role, organisation, region, dietary, accessibility)'
        )


def apply_event(page, item):
    page.start = parse_datetime(item, "start", required=True)
    page.end = parse_datetime(item, "end", required=True)
    page.registration_opens = parse_datetime(item, "opens")
    page.registration_closes = parse_datetime(item, "closes")
    page.capacity = _non_negative_int(item, "capacity", 0)
    page.max_companions = _non_negative_int(item, "max_companions", 0)
    page.mode = item.get("mode") or RegistrationMode.FIRST_COME
    page.kind = item.get("kind") or EventKind.OTHER
    for key in ("venue", "region", "price_note"):
        setattr(page, key, (item.get(key) or "").strip()[: 200 if key != "region" else 100])
    page.address = (item.get("address") or "").strip()
    page.accessibility = (item.get("accessibility") or "").strip()
    page.online_url = (item.get("online_url") or "").strip()
    page.body = body_blocks(item.get("body", ""))
    page.programme = [
        ("item", p) for p in dict_list(item, "programme", ("time", "title", "speaker"), ("time", "title"))
    ]
    page.speakers = [("speaker", s) for s in dict_list(item, "speakers", ("name", "role", "bio"), ("name",))]
    page.stands = [("stand", s) for s in dict_list(item, "stands", ("name", "description"), ("name",))]
    page.network_groups = [
        ("group", g) for g in dict_list(item, "network_groups", ("title", "description"), ("title",))
    ]
    page.series = _series(page, item)
    if "questions" in item:
        questions = set(str_list(item, "questions"))
        page.ask_role = "role" in questions
        page.ask_organisation = "organisation" in questions
        page.ask_region = "region" in questions
        page.ask_dietary = "dietary" in questions
        page.ask_accessibility = "accessibility" in questions


CAMPAIGN_INDEX = (
    {"da": "Kampagner og partnerskaber", "nb": "Kampanjer og partnerskap"},
    {"da": "kampagner", "nb": "kampanjer"},
)
EVENT_INDEX = ({"da": "Arrangementer", "nb": "Arrangementer"}, {"da": "arrangementer", "nb": "arrangementer"})


def register_all():
    register(
        ContentType(
            "campaign",
            _model("CampaignPage"),
            _model("CampaignIndexPage"),
            *CAMPAIGN_INDEX,
            apply_campaign,
            validate_campaign,
        )
    )
    register(
        ContentType(
            "partnership",
            _model("PartnershipPage"),
            _model("CampaignIndexPage"),
            *CAMPAIGN_INDEX,
            apply_partnership,
            validate_partnership,
        )
    )
    register(
        ContentType("event", _model("EventPage"), _model("EventIndexPage"), *EVENT_INDEX, apply_event, validate_event)
    )
