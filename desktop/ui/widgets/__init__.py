"""The UI toolkit every view is built from: the problem banner, the view window,
window geometry that fits the screen, and the sorting/filtering table-model base.

Nothing here knows the domain; views in `desktop/ui/` and its parts build on it."""
