"""Campaign tracking in the window: the campaigns view, its chart, Sync now and the
periodic sync, the platform and credentials dialog. `part.install(host)` plugs it
into the main window."""
