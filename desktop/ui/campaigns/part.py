"""The campaigns part (desktop/ui/parts.py)."""

from __future__ import annotations


def install(host):
    from desktop.ui.campaigns_actions import install_campaigns

    tracking = install_campaigns(host, host.demo_platform)
    if host.demo_platform is not None:
        tracking.sync_now(quiet=True)  # live campaigns from the first minute
    return tracking
