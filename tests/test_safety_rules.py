"""The safety rules are data, and each one follows a caution the content already gives."""

import pytest
from django.urls import reverse

from catalogue.curated import TECHNIQUES
from catalogue.safety import RULES, TOOL_RULES

ALL_CAUTIONS = " ".join(technique["cautions"] for technique in TECHNIQUES)


@pytest.mark.parametrize("rule", [*RULES, *TOOL_RULES], ids=lambda rule: rule.caution[:40])
def test_every_rule_traces_to_a_caution_in_the_content(rule):
    assert rule.caution in ALL_CAUTIONS


def test_every_rule_has_a_sentence_for_the_person():
    for rule in RULES:
        assert rule.general_sentence.endswith(".")
        assert "{" not in rule.general_sentence


@pytest.mark.django_db
def test_the_check_shows_the_rules_in_a_table(client):
    page = client.get(reverse("safety")).content.decode()

    assert "<table" in page and "The rules" in page
    for rule in RULES:
        assert rule.condition_label in page
    assert "Swollen or painful lymph nodes: no lymphatic drainage today. Please see a doctor." in (
        page
    )
    assert "Medium or firm-pressure steps" in page
