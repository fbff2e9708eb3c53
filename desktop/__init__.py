"""Commissione: the desktop application and its command line."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("commissione")
except PackageNotFoundError:  # a bare checkout, never installed
    __version__ = "dev"
