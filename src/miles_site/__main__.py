"""Run the ``miles`` command as ``python -m miles_site``."""

from miles_site.cli import main

main()
