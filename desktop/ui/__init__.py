"""The window and its parts. Widgets call services; services never import widgets."""
