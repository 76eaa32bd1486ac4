"""Refresh campaigns/locale/nb, outbox/locale/nb and subscriptions/locale/nb from the code and templates/campaigns (run from the repo root).

    .venv/bin/python campaigns/extract_messages.py

Like `makemessages`, but limited to the files this app owns (templates live in templates/campaigns/).
Existing translations are kept (msgmerge); then compile with msgfmt.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import django
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = [
    "gettext_noop",
    "gettext_lazy",
    "ngettext_lazy:1,2",
    "pgettext:1c,2",
    "npgettext:1c,2,3",
    "pgettext_lazy:1c,2",
    "_",
    "gettext",
    "ngettext:1,2",
]
TARGETS = {
    "campaigns": (["campaigns"], ["templates/campaigns"]),
    "outbox": (["outbox"], ["templates/outbox"]),
    "subscriptions": (["subscriptions"], ["templates/subscriptions"]),
}


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()

    for app, (code_dirs, template_dirs) in TARGETS.items():
        with tempfile.TemporaryDirectory() as tmp:
            sources = []
            for folder in code_dirs:
                for path in sorted((ROOT / folder).rglob("*.py")):
                    if "migrations" not in path.parts:
                        sources.append(str(path))
            for folder in template_dirs:
                for path in sorted((ROOT / folder).rglob("*")):
                    if path.suffix in (".html", ".txt"):
                        target = Path(tmp) / (str(path.relative_to(ROOT)).replace("/", "__") + ".py")
                        target.write_text(
                            templatize(path.read_text(encoding="utf-8"), origin=str(path)), encoding="utf-8"
                        )
                        sources.append(str(target))
            pot = Path(tmp) / "django.pot"
            subprocess.run(
                ["xgettext", "--from-code=UTF-8", "--language=Python", "--no-wrap", "--sort-output", "-o", str(pot)]
                + [f"--keyword={k}" for k in KEYWORDS]
                + sources,
                check=True,
            )
            po = ROOT / app / "locale" / "nb" / "LC_MESSAGES" / "django.po"
            po.parent.mkdir(parents=True, exist_ok=True)
            if po.exists():
                subprocess.run(
                    ["msgmerge", "--quiet", "--no-wrap", "--update", "--backup=none", str(po), str(pot)], check=True
                )
            else:
                subprocess.run(
                    ["msginit", "--no-translator", "--no-wrap", "-l", "nb", "-i", str(pot), "-o", str(po)], check=True
                )


if __name__ == "__main__":
    main()
