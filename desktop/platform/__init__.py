"""The crowdfunding platform as the app sees it: the API contract
(resources/api/commissione-platform.openapi.json), a deterministic campaign timeline
(timeline.py) and a simulator serving it over HTTP on 127.0.0.1 (simulator.py)."""

from dataclasses import dataclass

# Here rather than in simulator.py so the command line's parser does not import an
# HTTP server just to show its defaults.
DEFAULT_PORT = 8765
DEFAULT_TOKEN = "simulatore-commissione"


@dataclass
class DemoPlatform:
    """The platform simulator `commissione --demo` runs, as the window sees it: its
    address and token, used for this session only (never written to the keyring).
    Here, not among the widgets, so the start-up can make one before any window."""

    url: str
    token: str
    interval_seconds: int = 30
