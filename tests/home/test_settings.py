"""Production settings refuse to start unsafe, and pass Django's deployment checks."""

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: A production configured as the deployment guide says (Redis and Sentry set).
CONFIGURED = {
    "SECRET_KEY": "a-very-long-random-production-secret-key-0123456789-abcdefghij",
    "ALLOWED_HOSTS": "example.org",
    "REDIS_URL": "redis://127.0.0.1:1/0",
    "SENTRY_DSN": "https://public@sentry.example.org/1",
}
#: Run once in a configured production process: Django's deployment checks, a log line, and what the
#: other tests read from the settings (one start of Django instead of one per test).
REPORT = """
import io, json, logging, django
django.setup()
import sentry_sdk
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
out = io.StringIO()
try:
    call_command("check", deploy=True, fail_level="WARNING", stdout=out, stderr=out)
    deploy = "clean"
except SystemCheckError as error:
    deploy = str(error)
logging.getLogger("familier").warning("hej")
print(json.dumps({"deploy": deploy, "sentry": sentry_sdk.get_client().is_active(),
                  "two_factor": settings.TWO_FACTOR_REQUIRED, "login_url": settings.LOGIN_URL}))
"""


def run_manage(*args, **env):
    return run_python("manage.py", *args, **env)


def run_python(*args, **env):
    """Python in this checkout with the production settings and only the given environment."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "SENTRY_DSN")
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True)


@functools.cache
def configured_production() -> tuple[dict, str]:
    """What REPORT prints in a configured production process, and the log lines it wrote (stderr)."""
    result = run_python("-c", REPORT, **CONFIGURED)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0 and "Set SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", SECRET_KEY="x" * 60)
    assert result.returncode != 0 and "Set ALLOWED_HOSTS" in result.stderr


def test_check_deploy_is_clean():
    report, _ = configured_production()
    assert report["deploy"] == "clean"


def test_production_refuses_a_published_default_secret_key():
    for key in (
        "change-me-local-only-0123456789abcdefghijklmnopqrstuvwxyz",
        "dev-only-not-secret",
        "django-insecure-abcdefghijklmnopqrstuvwxyz0123456789abcdefghijkl",
    ):
        result = run_manage("check", SECRET_KEY=key, ALLOWED_HOSTS="example.org")
        assert result.returncode != 0 and "published default" in result.stderr, key


def test_compose_requires_a_secret_key():
    compose = (ROOT / "site" / "compose.yaml").read_text()
    assert "SECRET_KEY: ${SECRET_KEY:?" in compose
    assert "change-me-local-only" not in compose


def test_production_says_why_it_needs_redis():
    result = run_manage("check", SECRET_KEY="x" * 60, ALLOWED_HOSTS="example.org", REDIS_URL="")
    assert result.returncode != 0 and "Set REDIS_URL" in result.stderr and "ALLOW_LOCAL_CACHE=1" in result.stderr
    result = run_manage("check", SECRET_KEY="x" * 60, ALLOWED_HOSTS="example.org", REDIS_URL="", ALLOW_LOCAL_CACHE="1")
    assert result.returncode == 0, result.stderr


def test_production_logs_json_and_reports_to_sentry_when_configured():
    report, log = configured_production()
    line = json.loads(log.strip().splitlines()[-1])
    assert line["level"] == "WARNING" and line["message"] == "hej" and line["logger"] == "familier"
    assert report["sentry"] is True
