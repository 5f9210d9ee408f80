"""python -m geo.tools.loadtest: run the load test and print its report."""

import sys

from geo.tools.loadtest import main

if __name__ == "__main__":
    sys.exit(main())
