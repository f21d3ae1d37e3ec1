"""Allow ``python -m reflect``."""

from reflect.cli.main import main

raise SystemExit(main())
