"""Entry point of the frozen bundle: the same as the `commissione` console script."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
