"""python -m geo.tools.sitebench: serve a published site with nginx and load it with wrk."""

import sys

from geo.tools.sitebench import main

if __name__ == "__main__":
    sys.exit(main())
