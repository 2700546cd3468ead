"""catalogue.safety.adapt(): the one pure function that fits a routine to a person, today."""

from datetime import date

import pytest

from catalogue.models import Direction, Pressure, Tool, Zone
from catalogue.safety import (
    COVERED_BY_THE_STEP_BEFORE,
    NOTHING_LEFT,
    OPENING_LOST,
    RULES,
    Answer,
    Answers,
    Condition,
    PlannedStep,
    adapt,
)

TODAY = date(2025, 3, 10)


def step(
    zone,
    *,
    technique="classic-facial-massage",
    pressure=Pressure.LIGHT,
    tool=Tool.HANDS,
    direction=Direction.OUTWARD,
    slug=None,
):
    return PlannedStep(
        slug=slug or f"{technique}-{zone}-{pressure}",
        title=f"{zone} ({technique})",
        zone=zone,
        direction=direction,
        pressure=pressure,
        technique=technique,
        tool=tool,
    )


def lymphatic(zone):
    return step(zone, technique="lymphatic-drainage", pressure=Pressure.FEATHER)


def told(*answers, tools=None):
    return Answers(tuple(answers), None if tools is None else frozenset({Tool.HANDS, *tools}))


CHEEKS = step(Zone.CHEEKS)
MOUTH = step(Zone.MOUTH)
FOREHEAD = step(Zone.FOREHEAD)
NECK = step(Zone.NECK)
JAW = step(Zone.JAW)
FIRM_CHEEKS = step(Zone.CHEEKS, pressure=Pressure.FIRM, slug="firm-cheeks")
MEDIUM_FOREHEAD = step(Zone.FOREHEAD, pressure=Pressure.MEDIUM, slug="medium-forehead")
MICRO_CHEEKS = step(Zone.CHEEKS, technique="microcurrent", tool=Tool.MICROCURRENT)
EFFLEURAGE = step(Zone.WHOLE_FACE, slug="effleurage")
CLEANSE = step(Zone.WHOLE_FACE, direction=Direction.STILL, slug="cleanse")
DE_PUFF = [
    lymphatic(Zone.NECK),
    lymphatic(Zone.COLLARBONE),
    lymphatic(Zone.FOREHEAD),
    lymphatic(Zone.CHEEKS),
    lymphatic(Zone.MOUTH),
]
ROUTINE = [NECK, CHEEKS, MOUTH, FOREHEAD, FIRM_CHEEKS, MEDIUM_FOREHEAD, JAW]


def on(days_ago: int) -> date:
    return date.fromordinal(TODAY.toordinal() - days_ago)


# Every rule, by its condition: what the answer is, and which of ROUTINE (by
# index) it leaves out. Together the rows cover RULES (checked below).
CASES = [
    # Time-bound, in force: the named zones only.
    (Answer(Condition.INJECTABLES, frozenset({Zone.MOUTH}), on(7)), ROUTINE, {2}),
    (Answer(Condition.PROCEDURE, frozenset({Zone.FOREHEAD}), on(13)), ROUTINE, {3, 5}),
    (Answer(Condition.SURGERY, frozenset({Zone.JAW}), on(41)), ROUTINE, {6}),
    (Answer(Condition.WOUND, frozenset({Zone.NECK}), on(0)), ROUTINE, {0}),
    # Time-bound, over: nothing.
    (Answer(Condition.INJECTABLES, frozenset({Zone.MOUTH}), on(14)), ROUTINE, set()),
    (Answer(Condition.PROCEDURE, frozenset({Zone.FOREHEAD}), on(20)), ROUTINE, set()),
    (Answer(Condition.SURGERY, frozenset({Zone.JAW}), on(42)), ROUTINE, set()),
    (Answer(Condition.WOUND, frozenset({Zone.NECK}), on(60)), ROUTINE, set()),
    # Time-bound, dated after today: not in force yet (the form refuses such dates).
    (Answer(Condition.INJECTABLES, frozenset({Zone.MOUTH}), on(-1)), ROUTINE, set()),
    # Current, by zone.
    (Answer(Condition.ACNE, frozenset({Zone.CHEEKS})), ROUTINE, {1, 4}),
    (Answer(Condition.FLARE, frozenset({Zone.CHEEKS, Zone.FOREHEAD})), ROUTINE, {1, 3, 4, 5}),
    (Answer(Condition.BROKEN_SKIN, frozenset({Zone.WHOLE_FACE})), ROUTINE, {1, 2, 3, 4, 5, 6}),
    (Answer(Condition.COLD_SORE, frozenset({Zone.MOUTH})), ROUTINE, {2}),
    # Swollen nodes: neck and jaw of any technique, and every lymphatic step.
    (Answer(Condition.SWOLLEN_NODES), ROUTINE, {0, 6}),
    (Answer(Condition.SWOLLEN_NODES), DE_PUFF, {0, 1, 2, 3, 4}),
    # Blood thinners: nothing firmer than light.
    (Answer(Condition.BLOOD_THINNERS), ROUTINE, {4, 5}),
    # Heart or thyroid: no lymphatic work on the neck (massage of the neck stays).
    (Answer(Condition.HEART_OR_THYROID), ROUTINE, set()),
    (Answer(Condition.HEART_OR_THYROID), DE_PUFF, {0, 1, 2, 3, 4}),
    # Microcurrent's contraindications leave out its steps only.
    *(
        (Answer(condition), [CHEEKS, MICRO_CHEEKS], {1})
        for condition in (
            Condition.PREGNANCY,
            Condition.IMPLANTED_DEVICE,
            Condition.EPILEPSY,
            Condition.METAL_IMPLANTS,
            Condition.CANCER,
        )
    ),
]


@pytest.mark.parametrize(
    ("answer", "steps", "left_out"),
    [pytest.param(*case, id=f"{case[0].condition}-{i}") for i, case in enumerate(CASES)],
)
def test_each_rule_leaves_out_exactly_its_steps_with_a_reason(answer, steps, left_out):
    adaptation = adapt(steps, told(answer, tools={Tool.MICROCURRENT}), TODAY)

    assert {d.position for d in adaptation.left_out} == left_out
    for decision in adaptation.left_out:
        assert decision.reasons and all(reason.endswith(".") for reason in decision.reasons)
    for decision in adaptation.played:
        assert decision.play == decision.step and decision.reasons == ()


def test_the_table_covers_every_rule():
    assert {answer.condition for answer, _, _ in CASES} == {rule.condition for rule in RULES}


def test_nothing_told_leaves_everything_but_the_device_steps():
    adaptation = adapt([*ROUTINE, MICRO_CHEEKS], Answers(), TODAY)

    assert [d.position for d in adaptation.left_out] == [len(ROUTINE)]
    assert "own a device" in adaptation.left_out[0].reasons[0]
    assert adaptation.notices == () and adaptation.to_confirm == ()


def test_a_dated_rule_lasts_through_its_last_day_and_no_longer():
    treated = Answer(Condition.INJECTABLES, frozenset({Zone.CHEEKS}), date(2025, 3, 1))

    last_day = adapt([CHEEKS], told(treated), date(2025, 3, 14))
    next_day = adapt([CHEEKS], told(treated), date(2025, 3, 15))

    assert last_day.left_out and not next_day.left_out
    assert last_day.left_out[0].reasons == (
        "Fillers or botulinum toxin in the cheeks on Saturday 1 March: no massage over the "
        "treated area for two weeks, through Friday 14 March.",
    )
    assert last_day.to_confirm == (treated,)
    assert next_day.to_confirm == ()


def test_a_step_caught_by_two_answers_gives_both_reasons():
    adaptation = adapt(
        [FIRM_CHEEKS],
        told(Answer(Condition.ACNE, frozenset({Zone.CHEEKS})), Answer(Condition.BLOOD_THINNERS)),
        TODAY,
    )
    assert len(adaptation.left_out[0].reasons) == 2


def test_a_whole_face_stroke_passes_over_a_named_zone_but_a_still_one_does_not():
    adaptation = adapt(
        [EFFLEURAGE, CLEANSE], told(Answer(Condition.ACNE, frozenset({Zone.CHEEKS}))), TODAY
    )
    assert [d.position for d in adaptation.left_out] == [0]


def test_swollen_nodes_say_see_a_doctor_and_leave_no_lymphatic_routine():
    adaptation = adapt(DE_PUFF, told(Answer(Condition.SWOLLEN_NODES)), TODAY)

    assert adaptation.see_doctor
    assert not adaptation.is_offered
    assert any("see a doctor" in notice for notice in adaptation.notices)
    assert NOTHING_LEFT in adaptation.notices


def test_losing_the_neck_opening_leaves_out_the_drainage_that_follows_and_says_why():
    steps = [*DE_PUFF, step(Zone.FOREHEAD, technique="facial-yoga")]
    wound = Answer(Condition.WOUND, frozenset({Zone.NECK, Zone.COLLARBONE}), on(3))

    adaptation = adapt(steps, told(wound), TODAY)

    assert [d.position for d in adaptation.played] == [5]  # only the yoga step
    assert [d.reasons for d in adaptation.left_out[2:]] == [(OPENING_LOST,)] * 3
    assert OPENING_LOST in adaptation.notices


def test_losing_one_of_two_opening_steps_keeps_the_drainage():
    wound = Answer(Condition.WOUND, frozenset({Zone.COLLARBONE}), on(3))
    adaptation = adapt(DE_PUFF, told(wound), TODAY)
    assert [d.position for d in adaptation.left_out] == [1]
    assert adaptation.notices == ()


def test_without_the_tool_a_step_is_done_with_its_hands_alternative():
    hands_neck = lymphatic(Zone.NECK)
    left = step(Zone.NECK, technique="gua-sha", tool=Tool.GUA_SHA, slug="gua-sha-neck-open-left")
    right = step(Zone.NECK, technique="gua-sha", tool=Tool.GUA_SHA, slug="gua-sha-neck-open-right")
    no_version = step(Zone.CHEEKS, technique="gua-sha", tool=Tool.GUA_SHA, slug="gua-sha-other")
    alternatives = {"neck-sides-sweep": hands_neck}

    adaptation = adapt([left, right, no_version], told(tools=()), TODAY, alternatives=alternatives)

    first, second, third = adaptation.decisions
    assert first.play == hands_neck and "fingers instead" in first.reasons[0]
    assert second.is_left_out and second.reasons == (COVERED_BY_THE_STEP_BEFORE,)
    assert third.is_left_out and "no hands version" in third.reasons[0]
    # With the stone, nothing changes.
    owner = adapt([left, right], told(tools={Tool.GUA_SHA}), TODAY, alternatives=alternatives)
    assert not owner.is_adapted


def test_a_hands_alternative_still_obeys_the_answers():
    gua_sha_cheek = step(
        Zone.CHEEKS, technique="gua-sha", tool=Tool.GUA_SHA, slug="gua-sha-cheek-left"
    )
    adaptation = adapt(
        [gua_sha_cheek],
        told(Answer(Condition.ACNE, frozenset({Zone.CHEEKS})), tools=()),
        TODAY,
        alternatives={"cheeks-nose-to-ears": lymphatic(Zone.CHEEKS)},
    )
    assert adaptation.left_out[0].reasons[0].startswith("Active breakout on the cheeks")


def test_stored_answers_survive_a_round_trip_and_drop_what_is_not_understood():
    answers = told(
        Answer(Condition.INJECTABLES, frozenset({Zone.MOUTH}), on(7)),
        Answer(Condition.SWOLLEN_NODES),
        tools={Tool.ROLLER},
    )
    assert Answers.from_dict(answers.to_dict()) == answers

    odd = {
        "conditions": {
            "injectables": {"zones": ["mouth", "nose-tip"], "on": "2025-02-30"},
            "acne": {"zones": ["elbow"]},
            "telepathy": {},
            "flare": "cheeks",
        },
        "tools": ["gua_sha", "laser"],
    }
    assert Answers.from_dict(odd) == told(tools={Tool.GUA_SHA})
    assert Answers.from_dict(None) == Answers() and Answers.from_dict([1]) == Answers()
