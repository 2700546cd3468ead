"""
The safety rules, as data: which answer leaves out which steps (by the zones
the person named, fixed zones, techniques or pressures), for how long after
the answer's date, the sentence shown, and the words of the caution in the
content each one follows (tests/test_safety_rules.py checks they are there).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from .models import (
    LYMPHATIC_DRAINAGE_SLUG,
    Direction,
    Pressure,
    Tool,
    Zone,
)
from .safety_answers import FACE_ZONES, MICROCURRENT_SLUG, Answer, Condition


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
