"""
The curated programs, checked as data and as loaded: every day a curated routine or a
rest, the plans the issue promises, and evidence notes that claim no more than the
techniques' own (docs/content.md).
"""

import itertools
import re

import pytest
from django.core.management import call_command

from catalogue.curated import ROUTINES
from catalogue.curated_programs import PROGRAMS, REST
from catalogue.models import Program

ROUTINE_SLUGS = {routine["slug"] for routine in ROUTINES}
BY_SLUG = {program["slug"]: program for program in PROGRAMS}


def test_every_day_is_a_curated_routine_or_a_rest():
    for program in PROGRAMS:
        for day in program["days"]:
            assert day is REST or day in ROUTINE_SLUGS, (program["slug"], day)


def test_30_sessions_of_classic_facial_massage_five_days_a_week():
    days = BY_SLUG["30-sessions-classic-facial-massage"]["days"]
    assert days.count("classic-facial-massage") == 30
    assert set(days) == {"classic-facial-massage", REST}
    for week in range(0, len(days), 7):
        assert days[week : week + 7].count(REST) == 2


def test_7_de_puff_mornings_is_the_morning_routine_every_day():
    assert BY_SLUG["7-de-puff-mornings"]["days"] == ["morning-de-puff"] * 7
    assert "reset" in BY_SLUG["7-de-puff-mornings"]["description"]


def test_two_weeks_with_a_gua_sha_stone_alternates_hands_and_stone():
    days = BY_SLUG["two-weeks-with-a-gua-sha-stone"]["days"]
    assert len(days) == 14
    practice = [day for day in days if day is not REST]
    assert practice.count("gua-sha-sculpt") == practice.count("morning-de-puff")
    assert all(a != b for a, b in itertools.pairwise(days))


def test_there_is_at_least_one_more():
    assert len(PROGRAMS) >= 4


def notes() -> list[str]:
    return [program["evidence_note"].lower() for program in PROGRAMS]


def test_evidence_notes_mention_fat_only_to_deny_it():
    negation = re.compile(r"\b(not|no|cannot|never|nor|neither)\b")
    for note in notes():
        for sentence in re.split(r"(?<=[.;])\s+", note):
            if re.search(r"\bfat\b", sentence):
                assert negation.search(sentence), sentence


def test_evidence_notes_promise_no_detox_slimming_or_lasting_change():
    for note in notes():
        for claim in ("detox", "permanent results", "slims", "guarantee", "fat loss", "burn"):
            assert claim not in note, (claim, note)


def test_the_de_puff_programs_say_the_effect_is_temporary():
    for slug in ("7-de-puff-mornings", "desk-break-week", "two-weeks-with-a-gua-sha-stone"):
        assert "temporary" in BY_SLUG[slug]["evidence_note"], slug


def test_the_massage_program_calls_its_study_small():
    note = BY_SLUG["30-sessions-classic-facial-massage"]["evidence_note"]
    assert "small clinical study" in note
    assert "30 sessions of 20-minute facial massage" in note


@pytest.mark.django_db
def test_load_content_publishes_them_once_and_keeps_a_curators_edit():
    call_command("load_content")
    loaded = Program.objects.published().with_day_counts()
    assert {program.slug for program in loaded} == set(BY_SLUG)
    massage = loaded.get(slug="30-sessions-classic-facial-massage")
    assert (massage.day_count, massage.session_count) == (42, 30)

    Program.objects.filter(slug="7-de-puff-mornings").update(title="A week of mornings")
    call_command("load_content")

    assert Program.objects.count() == len(PROGRAMS)
    assert Program.objects.get(slug="7-de-puff-mornings").title == "A week of mornings"
