"""Build the POST of a Wagtail edit form as a browser would, from the form the admin renders."""

from bs4 import BeautifulSoup
from django.http import QueryDict
from wagtail import blocks
from wagtail.blocks.base import BlockField
from wagtail.test.utils.form_data import _querydict_from_form  # what querydict_from_html does after parsing


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


def edit_form_data(client, page) -> QueryDict:
    """What the browser posts for the edit form of `page` as it is rendered now."""
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    # One parse, with lxml: the edit page is large, and Python's html.parser (what Wagtail's
    # querydict_from_html uses) took about half of this function's time, parsing it twice.
    form = BeautifulSoup(response.content, "lxml").find("form", id="page-edit-form")
    data = _querydict_from_form(form)
    for checkbox in form.select("input[type=checkbox][checked]:not([value])"):
        data.setlist(checkbox["name"], ["on"])  # what a browser sends for a checked box without a value
    for textarea in form.select("textarea[name]"):
        # A browser drops the newline that follows <textarea> (HTML parsing rules); BeautifulSoup keeps it.
        if data.get(textarea["name"], "").startswith("\n"):
            data[textarea["name"]] = data[textarea["name"]][1:]
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
