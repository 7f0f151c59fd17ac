"""antk — an Arabic news research toolkit.

The flow of data, one module per arrow::

    files / store -> toolkit.corpus -> toolkit.text -> toolkit.frequency / toolkit.actors
                  -> toolkit.plots -> notebooks/ -> toolkit.reports (HTML / PDF briefs)

Nothing in this package prints or shows; notebooks and the ``antk`` command decide
what to display.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("antk")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
