"""PyInstaller entry point of the ``reflect`` program: the CLI, and the window when no
subcommand is given (as the console script does)."""

from reflect.cli.main import main

raise SystemExit(main())
