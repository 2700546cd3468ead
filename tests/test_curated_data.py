"""
The curated catalogue checked as data: no database, just the lists in catalogue/curated.py.

These guard what a curator could get wrong by hand: a dangling slug, a routine of the wrong
length, a drainage routine that does not open at the neck, or an evidence note that promises
more than the evidence gives (docs/content.md).
"""

import itertools
import os
import re

import django
from django.apps import apps
from django.conf import settings

# Runs with or without pytest-django: the enums live on models, which need an app registry.
if not settings.configured and "DJANGO_SETTINGS_MODULE" not in os.environ:
    settings.configure(
        INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "catalogue"]
    )
if not apps.ready:
    django.setup()

from catalogue.curated import ROUTINES, STEPS, TECHNIQUES
from catalogue.models import (
    MAX_STEP_SECONDS,
    MIN_STEP_SECONDS,
    Direction,
    Goal,
    Pressure,
    Side,
    Tool,
    Zone,
)

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")

TECHNIQUE_BY_SLUG = {t["slug"]: t for t in TECHNIQUES}
STEP_BY_SLUG = {s["slug"]: s for s in STEPS}
ROUTINE_BY_SLUG = {r["slug"]: r for r in ROUTINES}


def entries(routine):
    """A routine's (step, seconds) pairs in order, honouring duration overrides."""
    for entry in routine["steps"]:
        slug, override = (entry, None) if isinstance(entry, str) else entry
        step = STEP_BY_SLUG[slug]
        yield step, override or step["duration_seconds"]


def steps_of(slug):
    return [step for step, _ in entries(ROUTINE_BY_SLUG[slug])]


def total_seconds(slug):
    return sum(seconds for _, seconds in entries(ROUTINE_BY_SLUG[slug]))


def sentences(text):
    return len(SENTENCE_END.findall(text))


def evidence_notes():
    return [t["evidence_note"] for t in TECHNIQUES]


# --- The catalogue as a whole ---


def test_there_are_at_least_five_techniques_including_the_five_core_ones():
    assert len(TECHNIQUES) >= 5
    assert set(TECHNIQUE_BY_SLUG) >= {
        "lymphatic-drainage",
        "gua-sha",
        "classic-facial-massage",
        "facial-yoga",
        "face-roller",
    }


def test_there_are_at_least_five_routines_including_the_named_ones():
    assert len(ROUTINES) >= 5
    assert set(ROUTINE_BY_SLUG) >= {
        "morning-de-puff",
        "gua-sha-sculpt",
        "classic-facial-massage",
        "facial-yoga-forehead",
    }


def test_there_is_a_short_evening_or_roller_routine():
    short_ones = [
        r["slug"]
        for r in ROUTINES
        if ("evening" in r["slug"] or "roller" in r["slug"])
        and 180 <= total_seconds(r["slug"]) <= 360
    ]
    assert short_ones


def test_there_are_at_least_forty_steps():
    assert len(STEPS) >= 40


def test_slugs_are_unique_within_each_list():
    for items in (TECHNIQUES, STEPS, ROUTINES):
        slugs = [item["slug"] for item in items]
        assert len(slugs) == len(set(slugs))


def test_slugs_are_lowercase_hyphenated_and_fit_the_model():
    for items, limit in ((TECHNIQUES, 80), (STEPS, 100), (ROUTINES, 100)):
        for item in items:
            assert SLUG.match(item["slug"]), item["slug"]
            assert len(item["slug"]) <= limit, item["slug"]


def test_every_step_and_routine_is_used():
    used = {step["slug"] for r in ROUTINES for step, _ in entries(r)}
    assert used == set(STEP_BY_SLUG)
    assert {s["technique"] for s in STEPS} == set(TECHNIQUE_BY_SLUG)


# --- Techniques ---


def test_every_technique_has_its_fields_within_the_model_limits():
    for t in TECHNIQUES:
        assert 0 < len(t["name"]) <= 80
        assert 0 < len(t["summary"]) <= 300, t["slug"]
        assert t["pressure"] in Pressure.values
        assert t["tool"] in Tool.values
        assert t["evidence_note"].strip()
        assert t["cautions"].strip()


def test_every_technique_carries_the_core_cautions():
    for t in TECHNIQUES:
        cautions = t["cautions"].lower()
        for word in (
            "healing",
            "surgery",
            "fillers",
            "botulinum",
            "acne",
            "rosacea",
            "eczema",
            "broken",
            "sunburnt",
            "infection",
            "clotting",
        ):
            assert word in cautions, (t["slug"], word)


def test_every_technique_that_works_the_neck_carries_the_neck_cautions():
    """Facial yoga and the device do not work the neck, so their pages do not warn about it."""
    neck_techniques = {step["technique"] for step in STEPS if step["zone"] == Zone.NECK}
    assert neck_techniques == {
        "lymphatic-drainage",
        "gua-sha",
        "classic-facial-massage",
        "face-roller",
    }
    neck_words = ("lymph nodes", "doctor", "heart failure", "thyroid", "front of the throat")
    for slug in neck_techniques:
        cautions = TECHNIQUE_BY_SLUG[slug]["cautions"].lower()
        for word in neck_words:
            assert word in cautions, (slug, word)
    yoga = TECHNIQUE_BY_SLUG["facial-yoga"]["cautions"].lower()
    for word in ("lymph", "heart failure", "thyroid", "throat"):
        assert word not in yoga, word


def test_the_lymphatic_note_says_the_de_puff_is_temporary():
    assert "temporary" in TECHNIQUE_BY_SLUG["lymphatic-drainage"]["evidence_note"].lower()


def test_the_notes_say_spot_fat_reduction_is_not_possible():
    assert any(
        "spot fat reduction" in note.lower() and "not possible" in note.lower()
        for note in evidence_notes()
    )


def test_evidence_notes_mention_fat_only_to_deny_it():
    negation = re.compile(r"\b(not|no|cannot|never|nor)\b")
    for note in evidence_notes():
        for sentence in re.split(r"(?<=[.;])\s+", note.lower()):
            if re.search(r"\bfat\b", sentence):
                assert negation.search(sentence), sentence


def test_evidence_notes_do_not_promise_slimming_or_lasting_results():
    for note in evidence_notes():
        lowered = note.lower()
        assert "permanent results" not in lowered
        assert "slims the face." not in lowered
        assert "guarantee" not in lowered


def test_the_massage_note_calls_its_study_small():
    note = TECHNIQUE_BY_SLUG["classic-facial-massage"]["evidence_note"].lower()
    assert "small" in note
    assert "30 sessions" in note
    assert "20" in note


def test_the_gua_sha_note_compares_it_with_a_roller():
    assert "roller" in TECHNIQUE_BY_SLUG["gua-sha"]["evidence_note"].lower()


def test_the_facial_yoga_note_is_modest():
    note = TECHNIQUE_BY_SLUG["facial-yoga"]["evidence_note"].lower()
    assert "small" in note
    assert "preliminary" in note
    assert "no good evidence" in note


def test_the_roller_note_says_it_mostly_cools():
    note = TECHNIQUE_BY_SLUG["face-roller"]["evidence_note"].lower()
    assert "cool" in note
    assert "briefly" in note


# --- Steps ---


def test_every_step_belongs_to_a_known_technique():
    for s in STEPS:
        assert s["technique"] in TECHNIQUE_BY_SLUG, s["slug"]


def test_every_step_uses_the_model_choices():
    for s in STEPS:
        assert s["zone"] in Zone.values, s["slug"]
        assert s["direction"] in Direction.values, s["slug"]
        assert s["side"] in Side.values, s["slug"]
        assert s["pressure"] in Pressure.values, s["slug"]


def test_step_durations_are_within_the_model_limits():
    for s in STEPS:
        assert MIN_STEP_SECONDS <= s["duration_seconds"] <= MAX_STEP_SECONDS, s["slug"]


def test_stroke_counts_are_none_or_at_least_one():
    for s in STEPS:
        assert s["stroke_count"] is None or s["stroke_count"] >= 1, s["slug"]


def test_titles_fit_the_model():
    for item in (*STEPS, *ROUTINES):
        assert 0 < len(item["title"]) <= 100, item["slug"]


def test_cues_are_short_enough_to_speak():
    for s in STEPS:
        assert s["cue"].strip(), s["slug"]
        assert len(s["cue"]) <= 140, s["slug"]
        assert len(s["cue"]) <= 100, s["slug"]


def test_instructions_are_two_to_four_sentences():
    for s in STEPS:
        assert 2 <= sentences(s["instruction"]) <= 4, s["slug"]


def test_lymphatic_steps_are_feather_light():
    for s in STEPS:
        if s["technique"] == "lymphatic-drainage":
            assert s["pressure"] == Pressure.FEATHER, s["slug"]


def test_gua_sha_strokes_tell_the_user_to_hold_the_stone_nearly_flat_at_15_degrees():
    for s in STEPS:
        if s["technique"] == "gua-sha" and s["direction"] != Direction.STILL:
            assert "nearly flat" in s["instruction"], s["slug"]
            assert "15 degrees" in s["instruction"], s["slug"]


# --- Routines ---


def test_every_step_referenced_by_a_routine_exists():
    for r in ROUTINES:
        for entry in r["steps"]:
            slug = entry if isinstance(entry, str) else entry[0]
            assert slug in STEP_BY_SLUG, (r["slug"], slug)


def test_routine_entries_are_slugs_or_slug_and_override_pairs():
    for r in ROUTINES:
        assert r["steps"], r["slug"]
        for entry in r["steps"]:
            if isinstance(entry, str):
                continue
            slug, override = entry
            assert isinstance(slug, str)
            assert MIN_STEP_SECONDS <= override <= MAX_STEP_SECONDS, (r["slug"], slug)


def test_no_routine_repeats_a_step_back_to_back():
    for r in ROUTINES:
        slugs = [step["slug"] for step, _ in entries(r)]
        for before, after in itertools.pairwise(slugs):
            assert before != after, r["slug"]


def test_every_routine_has_a_goal_and_a_short_description():
    for r in ROUTINES:
        assert r["goal"] in Goal.values, r["slug"]
        assert 1 <= sentences(r["description"]) <= 3, r["slug"]


def test_every_lymphatic_routine_opens_with_neck_or_collarbone():
    lymphatic = [
        r
        for r in ROUTINES
        if any(s["technique"] == "lymphatic-drainage" for s in steps_of(r["slug"]))
    ]
    assert lymphatic
    for r in lymphatic:
        first, second = steps_of(r["slug"])[:2]
        assert first["zone"] in {Zone.NECK, Zone.COLLARBONE}, r["slug"]
        assert second["zone"] in {Zone.NECK, Zone.COLLARBONE}, r["slug"]


def test_morning_de_puff_lasts_four_to_seven_minutes():
    assert 240 <= total_seconds("morning-de-puff") <= 420


def test_morning_de_puff_is_feather_light_lymphatic_drainage_throughout():
    for step in steps_of("morning-de-puff"):
        assert step["pressure"] == Pressure.FEATHER, step["slug"]
        assert step["technique"] == "lymphatic-drainage", step["slug"]


def test_morning_de_puff_opens_the_neck_and_collarbone_and_ends_down_the_neck():
    steps = steps_of("morning-de-puff")
    assert {steps[0]["zone"], steps[1]["zone"]} == {Zone.NECK, Zone.COLLARBONE}
    assert steps[-1]["zone"] == Zone.NECK
    assert steps[-1]["direction"] == Direction.DOWNWARD


def test_gua_sha_sculpt_lasts_eight_to_twelve_minutes():
    assert 480 <= total_seconds("gua-sha-sculpt") <= 720


def test_gua_sha_sculpt_starts_with_prep_steps_then_opens_the_neck():
    steps = steps_of("gua-sha-sculpt")
    assert [s["slug"] for s in steps[:2]] == ["prep-clean-skin", "prep-apply-oil"]
    assert all(s["direction"] == Direction.STILL for s in steps[:2])
    assert steps[2]["zone"] == Zone.NECK


def test_gua_sha_sculpt_has_left_and_right_steps_with_stroke_counts():
    steps = steps_of("gua-sha-sculpt")
    for side in (Side.LEFT, Side.RIGHT):
        sided = [s for s in steps if s["side"] == side]
        assert len(sided) >= 3, side
        assert all(s["stroke_count"] for s in sided), side
    assert {s["zone"] for s in steps if s["side"] == Side.LEFT} == {
        s["zone"] for s in steps if s["side"] == Side.RIGHT
    }


def test_gua_sha_sculpt_finishes_by_draining_down_the_neck():
    last = steps_of("gua-sha-sculpt")[-1]
    assert last["zone"] == Zone.NECK
    assert last["direction"] == Direction.DOWNWARD


def test_classic_facial_massage_lasts_about_twenty_minutes():
    assert 1140 <= total_seconds("classic-facial-massage") <= 1260


def test_classic_facial_massage_warms_up_and_finishes_gently():
    steps = steps_of("classic-facial-massage")
    assert steps[0]["title"].lower().startswith("warm-up")
    assert steps[-1]["title"].lower().startswith("finish")
    assert Direction.CIRCLES in {s["direction"] for s in steps}


def test_facial_yoga_routine_includes_an_awareness_step():
    assert any(
        "awareness" in f"{s['title']} {s['instruction']} {s['cue']}".lower()
        for s in steps_of("facial-yoga-forehead")
    )


def test_facial_yoga_routine_works_the_brows_and_the_11s():
    titles = " ".join(s["title"] for s in steps_of("facial-yoga-forehead")).lower()
    assert "brow lift" in titles
    assert "11s" in titles
