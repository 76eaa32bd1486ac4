"""Build the POST of a Wagtail edit form as a browser would, from the form the admin renders."""

import lxml.html
from django.http import QueryDict
from wagtail import blocks
from wagtail.blocks.base import BlockField


def block_data(block, state, prefix: str) -> dict:
    """The POST keys of one block, from its form state (what the admin's JavaScript starts from)."""
    if isinstance(block, blocks.StreamBlock):
        data = {f"{prefix}-count": str(len(state))}
        for index, child in enumerate(state):
            data.update(
                {
                    f"{prefix}-{index}-type": child["type"],
                    f"{prefix}-{index}-id": child.get("id") or "",
                    f"{prefix}-{index}-order": str(index),
                    f"{prefix}-{index}-deleted": "",
                }
            )
            data.update(block_data(block.child_blocks[child["type"]], child["value"], f"{prefix}-{index}-value"))
        return data
    if isinstance(block, blocks.ListBlock):
        data = {f"{prefix}-count": str(len(state))}
        for index, child in enumerate(state):
            data.update(
                {
                    f"{prefix}-{index}-id": child.get("id") or "",
                    f"{prefix}-{index}-order": str(index),
                    f"{prefix}-{index}-deleted": "",
                }
            )
            data.update(block_data(block.child_block, child["value"], f"{prefix}-{index}-value"))
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child_block in block.child_blocks.items():
            data.update(block_data(child_block, state.get(name), f"{prefix}-{name}"))
        return data
    if state is None or state is False:
        return {}
    if state is True:
        return {prefix: "on"}
    if isinstance(state, dict):  # chooser blocks: {"id": …, "title": …}
        return {prefix: str(state["id"])}
    return {prefix: state}


def form_data(form) -> QueryDict:
    """The fields of an lxml `<form>` as a browser submits them without pressing a button: what Wagtail's
    `querydict_from_html` reads (its rules), with a checked box without a value sent as "on" and the
    newline right after `<textarea>` dropped, as browsers do. lxml, not BeautifulSoup: the edit page is
    large and building a BeautifulSoup tree of it took most of the time."""
    data = QueryDict(mutable=True)
    for field in form.iter("input"):
        name, kind = field.get("name"), field.get("type", "")
        if not name or name == "csrfmiddlewaretoken":
            continue
        if kind not in ("checkbox", "radio"):
            data[name] = field.get("value", "")
        elif field.get("checked") is not None:
            if kind == "radio":
                data[name] = field.get("value")
            else:
                data.appendlist(name, field.get("value", "on"))
    for field in form.iter("textarea"):
        if name := field.get("name"):
            text = field.text or ""
            data[name] = text[1:] if text.startswith("\n") else text
    for field in form.iter("select"):
        if name := field.get("name"):
            options = field.findall(".//option")
            for option in [option for option in options if option.get("selected") is not None] or options[:1]:
                data.appendlist(name, option.get("value", option.text_content()))
    return data


def edit_form_data(client, page) -> QueryDict:
    """What the browser posts for the edit form of `page` as it is rendered now."""
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    data = form_data(lxml.html.fromstring(response.content).get_element_by_id("page-edit-form"))
    shown = page.get_latest_revision_as_object()
    form_class = type(response.context["form"])
    for name, field in form_class.base_fields.items():
        if isinstance(field, BlockField):
            for key in [key for key in data if key == name or key.startswith(f"{name}-")]:
                del data[key]
            for key, value in block_data(field.block, field.block.get_form_state(getattr(shown, name)), name).items():
                if isinstance(value, list):
                    data.setlist(key, [str(item) for item in value])
                else:
                    data[key] = str(value)
    return data
