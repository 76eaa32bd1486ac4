"""Settings split by environment: base, dev, test, production (DJANGO_SETTINGS_MODULE picks one)."""
