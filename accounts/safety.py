"""
Where a person's safety answers live: on their account (SafetyCheck) for
members, in the browser session for guests, moved to the account when the
guest signs up or logs in in the same browser, like their sessions.
"""

from datetime import date

from django.http import HttpRequest

from catalogue.safety import Answers, active_rules

from .models import SafetyCheck

# Where a visitor's browser session keeps their answers.
GUEST_ANSWERS_SESSION_KEY = "facerouting_safety_answers"
# The local day a person last said their dated answers are still true, so Start asks once a day.
CONFIRMED_SESSION_KEY = "facerouting_safety_confirmed_on"


def answers_for(request: HttpRequest) -> Answers:
    """This person's answers (one query for a member), or none."""
    if request.user.is_authenticated:
        stored = (
            SafetyCheck.objects.filter(user=request.user).values_list("answers", flat=True).first()
        )
    else:
        stored = request.session.get(GUEST_ANSWERS_SESSION_KEY)
    return Answers.from_dict(stored)


def save_answers(request: HttpRequest, answers: Answers) -> None:
    if request.user.is_authenticated:
        SafetyCheck.objects.update_or_create(
            user=request.user, defaults={"answers": answers.to_dict()}
        )
    else:
        request.session[GUEST_ANSWERS_SESSION_KEY] = answers.to_dict()
    # Answers just given need no "still true?".
    request.session.pop(CONFIRMED_SESSION_KEY, None)


def claim_guest_answers(sender, request, user, **kwargs) -> None:
    """On login or signup, move the answers given in this browser to the account.

    They are the newest the person gave, so they replace any the account held.
    """
    stored = request.session.pop(GUEST_ANSWERS_SESSION_KEY, None)
    if stored is not None:
        SafetyCheck.objects.update_or_create(
            user=user, defaults={"answers": Answers.from_dict(stored).to_dict()}
        )


def to_confirm(request: HttpRequest, answers: Answers, today: date) -> list[str]:
    """What Start asks about once a day: the dated answers still in force
    today, as sentences; none once the person said they are still true today."""
    if request.session.get(CONFIRMED_SESSION_KEY) == today.isoformat():
        return []
    return [rule.sentence(answer) for rule, answer in active_rules(answers, today) if rule.days]


def note_confirmed(request: HttpRequest, today: date) -> None:
    request.session[CONFIRMED_SESSION_KEY] = today.isoformat()
