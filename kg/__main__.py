"""``python -m kg`` is the ``kg`` command (for a Python whose scripts folder is not on PATH)."""

import sys

from kg.cli import main

sys.exit(main())
