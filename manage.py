#!/usr/bin/env python
import os
import sys

if sys.version_info < (3, 11):
    sys.exit("This site needs Python 3.11 or newer (you have %d.%d). Install it and run `make run` again." % sys.version_info[:2])


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
