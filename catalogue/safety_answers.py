"""
What a person told us for the safety check: the conditions asked about and
the answers, as plain data (accounts/ stores them; catalogue/safety.py adapts
routines to them; docs/content.md says why).
"""

from dataclasses import dataclass
from datetime import date

from django.db import models

from .models import OPENING_ZONES, Tool, Zone

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
    SWOLLEN_NODES = (
        "swollen_nodes",
        "Swollen or painful lymph nodes in the neck or under the jaw",
    )
    # Ongoing.
    BLOOD_THINNERS = "blood_thinners", "A clotting problem, or I take blood thinners"
    HEART_OR_THYROID = "heart_or_thyroid", "A heart or thyroid condition"
    PREGNANCY = "pregnancy", "I am pregnant"
    IMPLANTED_DEVICE = (
        "implanted_device",
        "A pacemaker or another implanted electronic device",
    )
    EPILEPSY = "epilepsy", "Epilepsy"
    METAL_IMPLANTS = "metal_implants", "Metal implants in the face or neck"
    CANCER = "cancer", "Active cancer"


TIME_BOUND = (
    Condition.INJECTABLES,
    Condition.PROCEDURE,
    Condition.SURGERY,
    Condition.WOUND,
)
CURRENT_ZONED = (
    Condition.ACNE,
    Condition.FLARE,
    Condition.BROKEN_SKIN,
    Condition.COLD_SORE,
)
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
        phrases = ([f"{preposition} {joined(plain)}"] if plain else []) + [
            label for label in labels if label.startswith("around")
        ]
        return joined(phrases)


def joined(words: list[str]) -> str:
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
