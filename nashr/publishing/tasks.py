"""Background work of the static output, through Django's tasks framework (settings.TASKS)."""

from django_tasks import task

from .static import StaticWriter, output_dir


@task()
def rerender_static(paths, full=False):
    """Re-render `paths` (each with every page of a listing) into the static output; `full`: everything."""
    root = output_dir()
    if not root:
        return 0
    writer = StaticWriter(root)
    if full:
        return writer.write_all()
    return sum(len(writer.write_path(path)) for path in paths)
