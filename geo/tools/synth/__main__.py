"""python -m geo.tools.synth DIR PLACES [SEED]: write a synthetic data folder."""

import sys

from geo.tools.synth import main

if __name__ == "__main__":
    main(sys.argv[1:])
