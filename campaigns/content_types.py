"""The `import_content` types of this app: campaign, partnership and event (see docs/campaigns.md)."""

from django.apps import apps

from home.blocks import body_blocks, rich
from importing.registry import (
    ContentType,
    ImportError_,
    _require_str,
    dict_list,
    parse_date,
    parse_datetime,
    register,
    str_list,
)

KINDS = ("dialogue_meeting", "conference", "theme_day", "course", "webinar", "network", "other")
MODES = ("first_come", "application")


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
    str_list(item, "demands")
    _require_str(item, "problem")
    parse_date(item, "ends_on")
    validate_partners(item)


def apply_campaign(page, item):
    page.problem = rich(item.get("problem") or "").source if item.get("problem") else ""
    page.demands = [("demand", text) for text in str_list(item, "demands")]
    page.body = body_blocks(item.get("body", ""))
    page.goal = _non_negative_int(item, "goal", 1000, minimum=1)
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


# -- event -----------------------------------------------------------------------------------


def validate_event(item):
    start = parse_datetime(item, "start", required=True)
    end = parse_datetime(item, "end", required=True)
    if end < start:
        raise ImportError_('"end" must be after "start"')
    opens, closes = parse_datetime(item, "opens"), parse_datetime(item, "closes")
    if opens and closes and closes < opens:
        raise ImportError_('"closes" must be after "opens"')
    _non_negative_int(item, "capacity", 0)
    _non_negative_int(item, "max_companions", 0)
    if item.get("mode", "first_come") not in MODES:
        raise ImportError_(f'"mode" must be one of {", ".join(MODES)}, not {item.get("mode")!r}')
    if item.get("kind", "other") not in KINDS:
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
    page.mode = item.get("mode") or "first_come"
    page.kind = item.get("kind") or "other"
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
