"""Entry point of the frozen bundle: the same as the `commissione` console script."""

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    # A batch of letters renders in worker processes ("spawn"): in the bundle, a
    # worker starts this same executable, which must hand over to multiprocessing.
    multiprocessing.freeze_support()
    sys.exit(main())
