"""
The steps a session plays, stored once: a snapshot is named by the digest of
its content, so every session of the same routine version shares one row
instead of carrying its own copy (about 12.5 KB for a ten-step routine).

A snapshot never changes once written, which is what lets each process keep
the ones it has read (`steps_of`): a step change reads its session's row and
finds the steps already in memory.
"""

import hashlib
import json

from django.db import models

# Distinct routine versions a process keeps in memory; past this the memory
# starts afresh (a routine version's steps are a few kilobytes).
KEPT_IN_MEMORY = 2048
_kept: dict[str, list[dict]] = {}


def digest_of(steps: list[dict]) -> str:
    """The SHA-256 of the steps' canonical JSON: equal steps, equal digest."""
    text = json.dumps(steps, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


class Snapshot(models.Model):
    """A routine's steps as plain data, frozen at a session's start and shared."""

    digest = models.CharField(max_length=64, primary_key=True)
    steps = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{len(self.steps)} steps ({self.digest[:12]})"

    @classmethod
    def of(cls, steps: list[dict]) -> "Snapshot":
        """The stored snapshot of `steps`, written if it is new."""
        snapshot, _ = cls.objects.get_or_create(digest=digest_of(steps), defaults={"steps": steps})
        _keep(snapshot.digest, snapshot.steps)
        return snapshot


def steps_of(digest: str) -> list[dict]:
    """A snapshot's steps, read from the database once per process."""
    if (steps := _kept.get(digest)) is None:
        steps = Snapshot.objects.values_list("steps", flat=True).get(pk=digest)
        _keep(digest, steps)
    return steps


def keep_steps_of(digests) -> None:
    """Read into memory, in one query, those of the snapshots `digests` not kept yet:
    for a list of sessions that will each read its steps (the exports)."""
    if missing := set(digests) - _kept.keys():
        for digest, steps in Snapshot.objects.filter(pk__in=missing).values_list("pk", "steps"):
            _keep(digest, steps)


def _keep(digest: str, steps: list[dict]) -> None:
    if len(_kept) >= KEPT_IN_MEMORY:
        _kept.clear()
    _kept[digest] = steps
