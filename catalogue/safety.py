"""
Safe for this person, today: the safety rules, and the one pure function that
adapts a routine's steps to what a person told us (docs/content.md).

The rules are data. Each says which answer leaves out which steps (by the
zones the person named, fixed zones, techniques or pressures), for how long
after the answer's date, the sentence shown to the person, and the words of
the caution in the content it follows (tests/test_safety_rules.py checks that
every one is there). `adapt()` touches no database: it takes the steps as
plain facts, the answers and today's date, and is tested on its own
(tests/test_safety_adapt.py). `adapt_routine()` feeds it a routine's steps,
loading their hands alternatives in one query. accounts/ stores the answers;
the routine page and Start (practice/player.py) call `adapt_routine()`.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from .models import (
    LYMPHATIC_DRAINAGE_SLUG,
    OPENING_ZONES,
)

# The answers and the rules live in modules of their own; the rest of the
# project reads all three from here.
from .safety_answers import (
    CURRENT_ZONED,
    FACE_ZONES,
    MICROCURRENT_SLUG,
    OLDEST_ANSWER_DAYS,
    ONGOING,
    TIME_BOUND,
    ZONED,
    Answer,
    Answers,
    Condition,
)
from .safety_rules import (
    COVERED_BY_THE_STEP_BEFORE,
    DEVICE_ONLY,
    HANDS_ALTERNATIVES,
    NO_DEVICE,
    NOTHING_LEFT,
    OPENING_LOST,
    RULES,
    TOOL_RULES,
    PlannedStep,
    Rule,
    touches,
)

__all__ = [
    "COVERED_BY_THE_STEP_BEFORE",
    "CURRENT_ZONED",
    "DEVICE_ONLY",
    "FACE_ZONES",
    "HANDS_ALTERNATIVES",
    "MICROCURRENT_SLUG",
    "NOTHING_LEFT",
    "NO_DEVICE",
    "OLDEST_ANSWER_DAYS",
    "ONGOING",
    "OPENING_LOST",
    "RULES",
    "TIME_BOUND",
    "TOOL_RULES",
    "ZONED",
    "Adaptation",
    "AdaptedRoutine",
    "Answer",
    "Answers",
    "Condition",
    "Decision",
    "PlannedStep",
    "Rule",
    "active_rules",
    "adapt",
    "adapt_routine",
    "touches",
]


# --- The adaptation ---


@dataclass(frozen=True)
class Decision:
    """What happens to the routine's step at `position` (from 0)."""

    position: int
    step: PlannedStep
    # What is played: the step itself, its hands alternative, or None when left out.
    play: PlannedStep | None
    reasons: tuple[str, ...] = ()

    @property
    def is_left_out(self) -> bool:
        return self.play is None

    @property
    def is_replaced(self) -> bool:
        return self.play is not None and self.play != self.step


@dataclass(frozen=True)
class Adaptation:
    decisions: tuple[Decision, ...]
    # Sentences about the whole routine: see a doctor, the opening lost, nothing left.
    notices: tuple[str, ...] = ()
    see_doctor: bool = False
    # Time-bound answers in force today: Start asks whether they are still true.
    to_confirm: tuple[Answer, ...] = field(default=())

    @property
    def left_out(self) -> list[Decision]:
        return [d for d in self.decisions if d.is_left_out]

    @property
    def replaced(self) -> list[Decision]:
        return [d for d in self.decisions if d.is_replaced]

    @property
    def played(self) -> list[Decision]:
        return [d for d in self.decisions if not d.is_left_out]

    @property
    def is_adapted(self) -> bool:
        return bool(self.left_out or self.replaced or self.notices)

    @property
    def is_offered(self) -> bool:
        return bool(self.played)


def active_rules(answers: Answers, today: date) -> list[tuple[Rule, Answer]]:
    return [
        (rule, answer)
        for rule in RULES
        if (answer := answers.get(rule.condition)) and rule.applies(answer, today)
    ]


def adapt(
    steps: Sequence[PlannedStep],
    answers: Answers,
    today: date,
    *,
    alternatives: Mapping[str, PlannedStep] | None = None,
) -> Adaptation:
    """
    The routine's `steps` as this person should do them `today`: each kept,
    done with its hands alternative (from `alternatives`, by slug, for a tool
    they do not own) or left out, with the reasons, plus what the page must
    say about the whole routine.
    """
    alternatives = alternatives or {}
    rules = active_rules(answers, today)

    def reasons_against(step: PlannedStep) -> list[str]:
        found = []
        for rule, answer in rules:
            if rule.matches(step, answer) and (sentence := rule.sentence(answer)) not in found:
                found.append(sentence)
        return found

    decisions = []
    for position, step in enumerate(steps):
        play, reasons = step, reasons_against(step)
        if not reasons and not answers.owns(step.tool):
            tool_rule = next(r for r in TOOL_RULES if r.tool == step.tool)
            alternative = alternatives.get(HANDS_ALTERNATIVES.get(step.slug, ""))
            if alternative is None or not tool_rule.replaced:
                play, reasons = None, [tool_rule.reason]
            elif against := reasons_against(alternative):
                play, reasons = None, against
            elif decisions and decisions[-1].play == alternative:
                # gua sha left then right, both done by one both-sides hands step.
                play, reasons = None, [COVERED_BY_THE_STEP_BEFORE]
            else:
                play, reasons = alternative, [tool_rule.replaced]
        elif reasons:
            play = None
        decisions.append(Decision(position, step, play, tuple(reasons)))

    notices = []
    see_doctor = any(rule.see_doctor for rule, _ in rules)
    if see_doctor:
        notices.append(
            "You told us lymph nodes in your neck or under your jaw are swollen or painful: "
            "that can be a sign of infection. Please see a doctor rather than massaging them."
        )
    decisions = _keep_the_drainage_order(steps, decisions)
    if any(d.reasons == (OPENING_LOST,) for d in decisions):
        notices.append(OPENING_LOST)
    if steps and not any(not d.is_left_out for d in decisions):
        device_only = all(d.reasons == (NO_DEVICE,) for d in decisions)
        notices.append(DEVICE_ONLY if device_only else NOTHING_LEFT)
    to_confirm = tuple(dict.fromkeys(answer for rule, answer in rules if rule.days is not None))
    return Adaptation(tuple(decisions), tuple(notices), see_doctor, to_confirm)


def _drains_before_the_opening(steps: Iterable[PlannedStep]) -> bool:
    """The drainage-order rule (catalogue.models.Routine.first_step_draining_before_the_neck)."""
    for step in steps:
        if step.zone in OPENING_ZONES:
            return False
        if step.technique == LYMPHATIC_DRAINAGE_SLUG:
            return True
    return False


def _keep_the_drainage_order(
    steps: Sequence[PlannedStep], decisions: list[Decision]
) -> list[Decision]:
    """When leaving steps out lost a sound drainage sequence its neck and
    collarbone opening, leave out the drainage strokes as well, saying why,
    rather than start mid-face."""
    if _drains_before_the_opening(steps):
        return decisions  # Not sound as written; the routine page warns about it already.
    if not _drains_before_the_opening(d.play for d in decisions if d.play):
        return decisions
    return [
        Decision(d.position, d.step, None, (OPENING_LOST,))
        if d.play and d.play.technique == LYMPHATIC_DRAINAGE_SLUG
        else d
        for d in decisions
    ]


# --- A routine's stored steps, adapted ---


@dataclass(frozen=True)
class AdaptedRoutine:
    """adapt() over a routine's RoutineSteps, with the Step rows to play."""

    adaptation: Adaptation
    # (routine step, the Step to play in its place, its duration), in order.
    played: list[tuple]
    # (routine step, reasons), in order.
    left_out: list[tuple]
    # (routine step, the hands Step played instead, reasons).
    replaced: list[tuple]

    @property
    def is_adapted(self) -> bool:
        return self.adaptation.is_adapted

    @property
    def is_offered(self) -> bool:
        return self.adaptation.is_offered


def adapt_routine(routine_steps: Sequence, answers: Answers, today: date) -> AdaptedRoutine:
    """
    Adapt `routine_steps` (RoutineSteps in order, their steps and techniques
    loaded) for `answers` on `today`. One query, for the hands alternatives,
    and only when a step needs a tool the person does not own.
    """
    from .models import Step

    steps = [PlannedStep.of(rs.step) for rs in routine_steps]
    wanted = {
        HANDS_ALTERNATIVES[step.slug]
        for step in steps
        if not answers.owns(step.tool) and step.slug in HANDS_ALTERNATIVES
    }
    rows = (
        {s.slug: s for s in Step.objects.filter(slug__in=wanted).select_related("technique")}
        if wanted
        else {}
    )
    adaptation = adapt(
        steps,
        answers,
        today,
        alternatives={slug: PlannedStep.of(step) for slug, step in rows.items()},
    )
    played, left_out, replaced = [], [], []
    for decision, routine_step in zip(adaptation.decisions, routine_steps, strict=True):
        if decision.is_left_out:
            left_out.append((routine_step, decision.reasons))
        elif decision.is_replaced:
            alternative = rows[decision.play.slug]
            played.append((routine_step, alternative, routine_step.duration_seconds))
            replaced.append((routine_step, alternative, decision.reasons))
        else:
            played.append((routine_step, routine_step.step, routine_step.duration_seconds))
    return AdaptedRoutine(adaptation, played, left_out, replaced)
