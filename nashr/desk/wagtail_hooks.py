from . import outdated_hooks  # noqa: F401  -- the explorer's badge and the editor's warning
