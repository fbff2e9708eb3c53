"""Command groups of the command line; desktop/cli.py lists and loads them."""
