"""Spreadsheet exports that cannot run formulas: one rule for every CSV the admin writes.

A cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage return, which some spreadsheet programs
skip before looking for one of those) is read as a formula when the file is opened: a sign-up named
`=HYPERLINK(…)` would run in the office's spreadsheet. `safe_cell` prefixes such text with an apostrophe
(the OWASP advice), so it shows as the text that was typed. Numbers and dates are left alone.

`install()` (called from HomeConfig.ready) applies it to every Wagtail listing export (snippets, reports,
form submissions), through `SpreadsheetExportMixin.preprocess_field_value`; our own CSV views call
`safe_row`. XLSX exports need nothing: Wagtail writes text that looks like a formula as a text cell.
"""

from __future__ import annotations

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]


def install() -> None:
    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralises_formulas", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        result = original(self, field, value, export_format)
        return safe_cell(result) if export_format == self.FORMAT_CSV else result

    preprocess_field_value.neutralises_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
