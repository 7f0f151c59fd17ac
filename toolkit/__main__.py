"""``python -m toolkit`` is the ``antk`` command."""

import sys

from toolkit.cli import main

sys.exit(main())
