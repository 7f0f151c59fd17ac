"""Text shown on a terminal: control characters from corpus text are escaped, never sent raw.

A corpus can hold escape sequences (``ESC [2J`` clears a screen, ``ESC ]`` sets a window
title); printed raw they act on the reader's terminal. :func:`printable` writes every
control character as ``\\xNN`` (Arabic, bidi marks and other printable text unchanged).
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    """``text`` with every control character (C0, DEL, C1) written as ``\\xNN``.

    Example::

        >>> printable("حفتر\\x1b[2J في باريس")
        'حفتر\\\\x1b[2J في باريس'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))
