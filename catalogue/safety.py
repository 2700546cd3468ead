"""
Safe for this person, today: the safety rules, and the one pure function that
adapts a routine's steps to what a person told us (DESIGN.md §9).

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
from datetime import date, timedelta

from django.db import models

from .models import LYMPHATIC_DRAINAGE_SLUG, OPENING_ZONES, Direction, Pressure, Tool, Zone

MICROCURRENT_SLUG = "microcurrent"

# Answers older than this no longer change anything: the longest rule lasts six weeks.
OLDEST_ANSWER_DAYS = 365


class Condition(models.TextChoices):
    # Time-bound: they have a date, and the rule lasts a while after it.
    INJECTABLES = "injectables", "Botulinum toxin or fillers"
    PROCEDURE = "procedure", "A peel, laser or microneedling"
    SURGERY = "surgery", "Facial surgery"
    WOUND = "wound", "A new piercing or a healing wound"
    # Current: true today, where the person says.
    ACNE = "acne", "Active acne or a breakout"
    FLARE = "flare", "A rosacea or eczema flare"
    BROKEN_SKIN = "broken_skin", "Broken or sunburnt skin"
    COLD_SORE = "cold_sore", "A cold sore"
    SWOLLEN_NODES = "swollen_nodes", "Swollen or painful lymph nodes in the neck or under the jaw"
    # Ongoing.
    BLOOD_THINNERS = "blood_thinners", "A clotting problem, or I take blood thinners"
    HEART_OR_THYROID = "heart_or_thyroid", "A heart or thyroid condition"
    PREGNANCY = "pregnancy", "I am pregnant"
    IMPLANTED_DEVICE = "implanted_device", "A pacemaker or another implanted electronic device"
    EPILEPSY = "epilepsy", "Epilepsy"
    METAL_IMPLANTS = "metal_implants", "Metal implants in the face or neck"
    CANCER = "cancer", "Active cancer"


TIME_BOUND = (Condition.INJECTABLES, Condition.PROCEDURE, Condition.SURGERY, Condition.WOUND)
CURRENT_ZONED = (Condition.ACNE, Condition.FLARE, Condition.BROKEN_SKIN, Condition.COLD_SORE)
# Conditions that name where: the answer carries its zones.
ZONED = (*TIME_BOUND, *CURRENT_ZONED)
ONGOING = (
    Condition.SWOLLEN_NODES,
    Condition.BLOOD_THINNERS,
    Condition.HEART_OR_THYROID,
    Condition.PREGNANCY,
    Condition.IMPLANTED_DEVICE,
    Condition.EPILEPSY,
    Condition.METAL_IMPLANTS,
    Condition.CANCER,
)

# The face, as opposed to the neck and collarbones its lymph drains into.
FACE_ZONES = frozenset(Zone.values) - OPENING_ZONES - {Zone.WHOLE_FACE}


# --- The answers ---


@dataclass(frozen=True)
class Answer:
    condition: str
    zones: frozenset[str] = frozenset()
    # Time-bound answers: the day of the treatment, procedure or wound.
    on: date | None = None

    def zones_with(self, preposition: str) -> str:
        """The zones as words after a noun: "in the cheeks and around the mouth"."""
        labels = [Zone(zone).label.lower() for zone in Zone.values if zone in self.zones]
        plain = [f"the {label}" for label in labels if not label.startswith("around")]
        phrases = ([f"{preposition} {_and(plain)}"] if plain else []) + [
            label for label in labels if label.startswith("around")
        ]
        return _and(phrases)


def _and(words: list[str]) -> str:
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


@dataclass(frozen=True)
class Answers:
    """What a person told us. `tools` is None until they said which tools they own."""

    answers: tuple[Answer, ...] = ()
    tools: frozenset[str] | None = None

    def __bool__(self) -> bool:
        return bool(self.answers) or self.tools is not None

    def get(self, condition: str) -> Answer | None:
        return next((a for a in self.answers if a.condition == condition), None)

    def owns(self, tool: str) -> bool:
        if tool == Tool.HANDS:
            return True
        if self.tools is None:
            # Not told: the routines stay as written, except the device ones,
            # which are offered only to people who say they own one.
            return tool != Tool.MICROCURRENT
        return tool in self.tools

    def to_dict(self) -> dict:
        """Plain JSON, the same in a guest's browser session and on the profile."""
        return {
            "conditions": {
                answer.condition: {
                    **({"zones": sorted(answer.zones)} if answer.zones else {}),
                    **({"on": answer.on.isoformat()} if answer.on else {}),
                }
                for answer in self.answers
            },
            "tools": None if self.tools is None else sorted(self.tools),
        }

    @classmethod
    def from_dict(cls, data) -> "Answers":
        """Read stored answers, dropping whatever is no longer understood
        (an unknown condition, zone or tool, a broken date) rather than failing."""
        if not isinstance(data, dict):
            return cls()
        answers = []
        conditions = data.get("conditions")
        for condition in Condition.values:
            if not isinstance(conditions, dict) or condition not in conditions:
                continue
            item = conditions[condition] if isinstance(conditions[condition], dict) else {}
            zones = frozenset(z for z in item.get("zones") or () if z in Zone.values)
            try:
                on = date.fromisoformat(item["on"]) if item.get("on") else None
            except (TypeError, ValueError):
                on = None
            if (condition in ZONED and not zones) or (condition in TIME_BOUND and on is None):
                continue
            answers.append(Answer(condition, zones, on))
        tools = data.get("tools")
        if isinstance(tools, list):
            tools = frozenset(t for t in tools if t in Tool.values) | {Tool.HANDS}
        else:
            tools = None
        return cls(tuple(answers), tools)


# --- The rules ---


@dataclass(frozen=True)
class Rule:
    """An answer that leaves out the steps matching every filter given here."""

    condition: str
    # The sentence shown beside each step left out; {in_zones}, {on_zones}
    # ("on the cheeks and around the mouth"), {on} and {until} are filled in
    # from the answer.
    reason: str
    # Words of a caution in the content (a technique's cautions) this rule follows.
    caution: str
    # Leave out steps in the zones the person named (a whole-face stroke too).
    answered_zones: bool = False
    zones: frozenset[str] = frozenset()
    techniques: frozenset[str] = frozenset()
    pressures: frozenset[str] = frozenset()
    # Time-bound: the rule applies for this many days from the answer's date.
    days: int | None = None
    # Said once on the routine page, above the steps.
    see_doctor: bool = False

    def applies(self, answer: Answer, today: date) -> bool:
        if self.days is None:
            return True
        return answer.on is not None and answer.on <= today < self.until(answer)

    def until(self, answer: Answer) -> date:
        """The first day the rule no longer applies."""
        return answer.on + timedelta(days=self.days)

    def matches(self, step: "PlannedStep", answer: Answer) -> bool:
        if self.techniques and step.technique not in self.techniques:
            return False
        if self.pressures and step.pressure not in self.pressures:
            return False
        if self.zones and step.zone not in self.zones:
            return False
        if self.answered_zones:
            return touches(step, answer.zones)
        return True

    def sentence(self, answer: Answer) -> str:
        last_day = self.until(answer) - timedelta(days=1) if self.days and answer.on else None
        return self.reason.format(
            in_zones=answer.zones_with("in"),
            on_zones=answer.zones_with("on"),
            on=_day(answer.on) if answer.on else "",
            until=_day(last_day) if last_day else "",
        )

    @property
    def condition_label(self) -> str:
        return Condition(self.condition).label

    @property
    def general_sentence(self) -> str:
        """The reason as the table on /safety/ shows it, before anyone answered."""
        return self.reason.format(
            in_zones="in the areas you name",
            on_zones="on the areas you name",
            on="the day you give",
            until="the last day of that time",
        )

    @property
    def leaves_out(self) -> str:
        """What the rule leaves out, for the table on /safety/."""
        parts = []
        if self.answered_zones:
            parts.append("steps in the areas you name")
        if self.zones:
            parts.append(
                "steps on the "
                + " or ".join(Zone(z).label.lower() for z in Zone.values if z in self.zones)
            )
        if self.pressures:
            parts.append(
                " or ".join(
                    Pressure(p).label.lower() for p in Pressure.values if p in self.pressures
                )
                + "-pressure steps"
            )
        text = ", ".join(parts) or "every step"
        if self.techniques:
            text += " of " + ", ".join(_technique_words(t) for t in sorted(self.techniques))
        return text[0].upper() + text[1:]

    @property
    def lasts(self) -> str:
        if self.days is None:
            return "While it is true"
        if self.days % 7 == 0:
            weeks = self.days // 7
            return f"{weeks} week{'s' if weeks != 1 else ''} from the date"
        return f"{self.days} days from the date"


def _day(value: date) -> str:
    return f"{value:%A} {value.day} {value:%B}"


def _technique_words(slug: str) -> str:
    return {
        LYMPHATIC_DRAINAGE_SLUG: "lymphatic drainage",
        MICROCURRENT_SLUG: "the microcurrent device",
    }.get(slug, slug.replace("-", " "))


_LYMPHATIC = frozenset({LYMPHATIC_DRAINAGE_SLUG})
_MICROCURRENT = frozenset({MICROCURRENT_SLUG})
_MICROCURRENT_CAUTION = (
    "Never use a microcurrent device if you have a pacemaker or another implanted electronic "
    "device, if you are pregnant, if you have epilepsy, over metal implants, or if you have "
    "active cancer"
)

RULES: tuple[Rule, ...] = (
    Rule(
        Condition.INJECTABLES,
        "Fillers or botulinum toxin {in_zones} on {on}: no massage over the treated area "
        "for two weeks, through {until}.",
        "After fillers or botulinum toxin, do not massage the treated areas for two weeks",
        answered_zones=True,
        days=14,
    ),
    Rule(
        Condition.PROCEDURE,
        "A peel, laser or microneedling {on_zones}, on {on}: the treated skin is left alone "
        "for two weeks, through {until}.",
        "after a peel, laser or microneedling, leave the treated skin alone for two weeks",
        answered_zones=True,
        days=14,
    ),
    Rule(
        Condition.SURGERY,
        "Surgery {on_zones}, on {on}: left out for at least six weeks, through {until}; "
        "ask your surgeon before working there again.",
        "after facial surgery, wait at least six weeks and ask your surgeon",
        answered_zones=True,
        days=42,
    ),
    Rule(
        Condition.WOUND,
        "A piercing or wound {on_zones} since {on} is still healing: left out through {until}.",
        "Skip any area that is still healing, including a new piercing, for at least six weeks",
        answered_zones=True,
        days=42,
    ),
    Rule(
        Condition.ACNE,
        "Active breakout {on_zones}: massage can spread it and irritate the skin.",
        "Do not work over an active acne, rosacea or eczema flare",
        answered_zones=True,
    ),
    Rule(
        Condition.FLARE,
        "Rosacea or eczema flare {on_zones}: rubbing makes a flare worse.",
        "Do not work over an active acne, rosacea or eczema flare",
        answered_zones=True,
    ),
    Rule(
        Condition.BROKEN_SKIN,
        "Broken or sunburnt skin {on_zones}: let it heal first.",
        "broken or sunburnt skin",
        answered_zones=True,
    ),
    Rule(
        Condition.COLD_SORE,
        "A cold sore {on_zones}: touching it spreads the infection.",
        "any infection such as a cold sore",
        answered_zones=True,
    ),
    Rule(
        Condition.SWOLLEN_NODES,
        "Swollen or painful lymph nodes: no lymphatic drainage today. Please see a doctor.",
        "If lymph nodes in your neck or under your jaw are swollen or painful, see a doctor "
        "instead of massaging them",
        techniques=_LYMPHATIC,
        see_doctor=True,
    ),
    Rule(
        Condition.SWOLLEN_NODES,
        "Swollen or painful lymph nodes: the neck and jaw are left alone. Please see a doctor.",
        "If lymph nodes in your neck or under your jaw are swollen or painful, see a doctor "
        "instead of massaging them",
        zones=frozenset({Zone.NECK, Zone.JAW}),
        see_doctor=True,
    ),
    Rule(
        Condition.BLOOD_THINNERS,
        "A clotting problem or blood thinners: nothing firmer than light pressure, which "
        "bruises less.",
        "If you have a clotting problem or take blood thinners, keep to light pressure",
        pressures=frozenset({Pressure.MEDIUM, Pressure.FIRM}),
    ),
    Rule(
        Condition.HEART_OR_THYROID,
        "A heart or thyroid condition: no lymphatic work on the neck without your doctor's "
        "go-ahead.",
        "ask a doctor before doing lymphatic work on the neck",
        techniques=_LYMPHATIC,
        zones=frozenset({Zone.NECK, Zone.COLLARBONE}),
    ),
    *(
        Rule(
            condition,
            f"{label}: never with a microcurrent device.",
            _MICROCURRENT_CAUTION,
            techniques=_MICROCURRENT,
        )
        for condition, label in (
            (Condition.PREGNANCY, "Pregnancy"),
            (Condition.IMPLANTED_DEVICE, "An implanted electronic device"),
            (Condition.EPILEPSY, "Epilepsy"),
            (Condition.METAL_IMPLANTS, "Metal implants"),
            (Condition.CANCER, "Active cancer"),
        )
    ),
)


NO_DEVICE = "Microcurrent steps are offered only to people who own a device."
DEVICE_ONLY = (
    "This routine needs a handheld microcurrent device: it is offered to people who say in the "
    "safety check that they own one."
)


@dataclass(frozen=True)
class ToolRule:
    """Without `tool`, a step using it is done with the hands step named in
    HANDS_ALTERNATIVES when there is one, otherwise left out."""

    tool: str
    reason: str
    replaced: str
    caution: str

    @property
    def tool_label(self) -> str:
        return Tool(self.tool).label


TOOL_RULES: tuple[ToolRule, ...] = (
    ToolRule(
        Tool.GUA_SHA,
        "You have no gua sha stone, and this step has no hands version.",
        "You have no gua sha stone: done with your fingers instead.",
        "without a stone, use your flat fingers",
    ),
    ToolRule(
        Tool.ROLLER,
        "You have no face roller, and this step has no hands version.",
        "You have no face roller: done with your fingertips instead.",
        "without a roller, use your fingertips",
    ),
    ToolRule(
        Tool.MICROCURRENT,
        NO_DEVICE,
        "",
        "Use only a device made for the face",
    ),
)

# Step slug → the hands step that does the same work, for people without the tool.
HANDS_ALTERNATIVES: Mapping[str, str] = {
    "gua-sha-neck-open-left": "neck-sides-sweep",
    "gua-sha-neck-open-right": "neck-sides-sweep",
    "gua-sha-jaw-left": "jaw-chin-to-ear",
    "gua-sha-jaw-right": "jaw-chin-to-ear",
    "gua-sha-cheek-left": "cheeks-nose-to-ears",
    "gua-sha-cheek-right": "cheeks-nose-to-ears",
    "gua-sha-under-eye-left": "under-eye-inner-to-outer",
    "gua-sha-under-eye-right": "under-eye-inner-to-outer",
    "gua-sha-brow-left": "brow-inner-to-outer",
    "gua-sha-brow-right": "brow-inner-to-outer",
    "gua-sha-forehead-left": "forehead-centre-to-temples",
    "gua-sha-forehead-right": "forehead-centre-to-temples",
    "gua-sha-neck-finish": "neck-finish-drain",
    "roller-neck-down": "neck-sides-sweep",
    "roller-jaw": "jaw-chin-to-ear",
    "roller-cheeks": "cheeks-nose-to-ears",
    "roller-under-eye": "under-eye-inner-to-outer",
    "roller-forehead": "forehead-centre-to-temples",
}

COVERED_BY_THE_STEP_BEFORE = "Done by the hands step before, which works both sides at once."
OPENING_LOST = (
    "The neck and collarbones cannot be opened first today, so the drainage strokes that follow "
    "are not offered: they would push fluid toward lymph nodes that were not opened."
)
NOTHING_LEFT = (
    "Not offered today: every step of this routine works where or how you should not today."
)


# --- The adaptation ---


@dataclass(frozen=True)
class PlannedStep:
    """The facts about a step the rules read: plain data, so adapt() stays pure."""

    slug: str
    title: str
    zone: str
    direction: str
    pressure: str
    technique: str  # the technique's slug
    tool: str = Tool.HANDS

    @classmethod
    def of(cls, step) -> "PlannedStep":
        """From a catalogue Step with its technique loaded."""
        return cls(
            slug=step.slug,
            title=step.title,
            zone=step.zone,
            direction=step.direction,
            pressure=step.pressure,
            technique=step.technique.slug,
            tool=step.technique.tool,
        )


def touches(step: PlannedStep, zones: Iterable[str]) -> bool:
    """Does the step work on any of `zones`? A stroke over the whole face
    touches every face zone; "whole face" named by a person means all of them."""
    zones = set(zones)
    if Zone.WHOLE_FACE in zones:
        zones |= FACE_ZONES
    if step.zone in zones:
        return True
    return (
        step.zone == Zone.WHOLE_FACE
        and step.direction != Direction.STILL
        and bool(zones & FACE_ZONES)
    )


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
