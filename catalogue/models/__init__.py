"""
What can be practised: techniques, reusable steps and routines (content.py),
programs of routines day by day (programs.py) and the studies behind
the evidence notes (evidence.py).
"""

from .content import (
    LYMPHATIC_DRAINAGE_SLUG,
    MAX_STEP_SECONDS,
    MIN_STEP_SECONDS,
    OPENING_ZONES,
    ROUTINE_LIMIT_SECONDS,
    Direction,
    Goal,
    Pressure,
    Routine,
    RoutineQuerySet,
    RoutineStep,
    Side,
    Step,
    Technique,
    Tool,
    Zone,
    step_seconds_validators,
)
from .evidence import Study
from .programs import (
    Program,
    ProgramDay,
    ProgramQuerySet,
)

__all__ = [
    "LYMPHATIC_DRAINAGE_SLUG",
    "MAX_STEP_SECONDS",
    "MIN_STEP_SECONDS",
    "OPENING_ZONES",
    "ROUTINE_LIMIT_SECONDS",
    "Direction",
    "Goal",
    "Pressure",
    "Program",
    "ProgramDay",
    "ProgramQuerySet",
    "Routine",
    "RoutineQuerySet",
    "RoutineStep",
    "Side",
    "Step",
    "Study",
    "Technique",
    "Tool",
    "Zone",
    "step_seconds_validators",
]
