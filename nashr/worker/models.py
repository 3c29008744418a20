"""Which workers are alive: each `manage.py worker` keeps a row here fresh while it runs (see liveness.py)."""

from django.db import models


class WorkerProcess(models.Model):
    id = models.CharField(primary_key=True, max_length=64)  # the worker id it writes into each task it claims
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "worker process"

    def __str__(self):
        return f"{self.id} ({self.host}, pid {self.pid})"
