"""The letters part: the *Lettere* menu and view (decision letters, their protocol)."""
