from django.core.management.base import BaseCommand
from django.db import transaction

from catalogue import curated, curated_evidence, curated_programs
from catalogue.models import Program, ProgramDay, Routine, RoutineStep, Step, Study, Technique


@transaction.atomic
def load_curated_content() -> dict[str, int]:
    """
    Create the curated techniques, steps, routines, programs and studies that do not exist yet.

    Everything is matched by slug and only ever created, never updated, so
    running this again duplicates nothing and keeps every curator's edit
    (a reordered routine, a reworded cue) as the curator left it.
    """
    created = {"techniques": 0, "steps": 0, "routines": 0, "programs": 0}

    techniques = {}
    for data in curated.TECHNIQUES:
        fields = dict(data)
        slug = fields.pop("slug")
        techniques[slug], was_created = Technique.objects.get_or_create(slug=slug, defaults=fields)
        created["techniques"] += was_created

    steps = {}
    for data in curated.STEPS:
        fields = dict(data)
        slug = fields.pop("slug")
        fields["technique"] = techniques[fields["technique"]]
        steps[slug], was_created = Step.objects.get_or_create(slug=slug, defaults=fields)
        created["steps"] += was_created

    for data in curated.ROUTINES:
        fields = dict(data)
        slug = fields.pop("slug")
        entries = fields.pop("steps")
        routine, was_created = Routine.objects.get_or_create(
            slug=slug, defaults={**fields, "is_published": True}
        )
        if not was_created:
            continue
        created["routines"] += 1
        RoutineStep.objects.bulk_create(
            RoutineStep(
                routine=routine,
                step=steps[entry if isinstance(entry, str) else entry[0]],
                position=position,
                duration_override=None if isinstance(entry, str) else entry[1],
            )
            for position, entry in enumerate(entries, start=1)
        )
    created["programs"] = _load_curated_programs()
    created["studies"] = _load_curated_studies()
    return created


def _load_curated_programs() -> int:
    """The curated programs that do not exist yet, built from the curated routines.

    A program whose routine a curator has since deleted is left out rather
    than created with a day missing.
    """
    slugs = {day for data in curated_programs.PROGRAMS for day in data["days"] if day}
    routines = {r.slug: r for r in Routine.objects.curated().filter(slug__in=slugs)}
    created = 0
    for data in curated_programs.PROGRAMS:
        fields = dict(data)
        slug = fields.pop("slug")
        days = fields.pop("days")
        if Program.objects.filter(slug=slug).exists() or not all(
            day in routines for day in days if day
        ):
            continue
        program = Program.objects.create(slug=slug, is_published=True, **fields)
        ProgramDay.objects.bulk_create(
            ProgramDay(program=program, position=position, routine=routines.get(day))
            for position, day in enumerate(days, start=1)
        )
        created += 1
    return created


def _load_curated_studies() -> int:
    """The curated studies that do not exist yet, linked to the techniques they back."""
    created = 0
    techniques = {t.slug: t for t in Technique.objects.all()}
    for position, data in enumerate(curated_evidence.STUDIES, start=1):
        fields = dict(data)
        slug = fields.pop("slug")
        about = fields.pop("techniques")
        study, was_created = Study.objects.get_or_create(
            slug=slug, defaults={**fields, "position": position}
        )
        if was_created:
            # A technique a curator has deleted is simply not linked.
            study.techniques.set([techniques[s] for s in about if s in techniques])
            created += 1
    return created


class Command(BaseCommand):
    help = "Load the curated techniques, steps, routines, programs and studies (only the missing)."

    def handle(self, *args, **options) -> None:
        created = load_curated_content()
        summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
        self.stdout.write(f"Curated content: created {summary}.")
