"""The crowdfunding platform as the app sees it: the API contract
(resources/api/commissione-platform.openapi.json), a deterministic campaign timeline
(timeline.py) and a simulator serving it over HTTP on 127.0.0.1 (simulator.py)."""

# Here rather than in simulator.py so the command line's parser does not import an
# HTTP server just to show its defaults.
DEFAULT_PORT = 8765
DEFAULT_TOKEN = "simulatore-commissione"
