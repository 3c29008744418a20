from . import dashboard_hooks, outdated_hooks  # noqa: F401  -- the dashboard; the explorer's badge and editor's warning
