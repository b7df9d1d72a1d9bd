from lint_brieven.cli import main

raise SystemExit(main())
