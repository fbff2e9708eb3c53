"""The meeting part: the console (a tab), the room view and the kiosk."""
