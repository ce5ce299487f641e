"""``python -m relscore``: the same command line as ``relscore``."""
from relscore.cli import main

raise SystemExit(main())
