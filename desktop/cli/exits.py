"""The command line's exit codes, the same for every command (scripts rely on them)."""

EXIT_OK = 0  # done (or nothing to do)
EXIT_REJECTED = 1  # done in part: rows rejected, sheets to choose, a sync that failed
EXIT_UNUSABLE = 2  # nothing done: a Problem, bad arguments, a file that cannot be written
EXIT_UNEXPECTED = 3  # a bug: details in the log file, never a traceback on the terminal
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells report it
