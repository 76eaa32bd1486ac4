"""Spreadsheet exports never carry a formula: snippet listings (through Wagtail) and our own CSV views."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from campaigns.models import CounsellingRequest
from home.exports import safe_cell

HOSTILE = ['=HYPERLINK("https://evil.example","Klik")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("value", HOSTILE)
def test_cells_that_start_a_formula_are_neutralised(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Anna", "", "a=b", 42, -3, None])
def test_other_cells_are_left_alone(value):
    assert safe_cell(value) == value


@pytest.mark.django_db
def test_snippet_csv_export_neutralises_every_formula(admin_client, site_tree):
    CounsellingRequest.objects.create(
        name=HOSTILE[0], email="a@example.org", phone=HOSTILE[1], municipality=HOSTILE[3], message=HOSTILE[2],
        consent_text="ja",
    )  # fmt: skip
    url = reverse("wagtailsnippets_campaigns_counsellingrequest:list") + "?export=csv"
    response = admin_client.get(url)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    assert len(rows) == 1
    cells = list(rows[0].values())
    assert "'" + HOSTILE[0] in cells and "'" + HOSTILE[1] in cells and "'" + HOSTILE[3] in cells
    assert "'" + HOSTILE[2] in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    xlsx = admin_client.get(url.replace("csv", "xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    cells = [cell for cell in sheet[2] if cell.value in HOSTILE]
    assert len(cells) == 4 and all(cell.data_type == "s" for cell in cells)  # text cells, never formulas
