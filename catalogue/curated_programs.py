"""Curated programs: plans of one to six weeks built from the curated routines.

Pure data, loaded by `manage.py load_content` after the routines of catalogue/curated.py.
Each program's evidence note says, in short, what the evidence notes of its techniques
say, and no more (docs/content.md): a de-puff lasts hours, so a week of it is a daily
reset and not a change; no technique reduces fat in the face; classic facial massage has
the better, still small, evidence, which is where the thirty 20-minute sessions come from.

Shape: one dict per published Program. ``days`` is the plan in order, one entry a day: a
curated routine's slug, or REST for a rest day.
"""

from .models import Goal

REST = None

PROGRAMS = [
    {
        "slug": "30-sessions-classic-facial-massage",
        "title": "30 sessions of classic facial massage",
        "goal": Goal.SKIN,
        "description": (
            "Thirty sessions of the 20-minute classic facial massage, the number and length of "
            "sessions used in a small clinical study. Here they are spread over six weeks: five "
            "days of massage, then two rest days, each week. A missed day simply waits for you; "
            "the plan moves on when you do."
        ),
        "evidence_note": (
            "In a small clinical study, 30 sessions of 20-minute facial massage improved skin "
            "appearance and wrinkle depth. It was one small study, so take this as a reasonable "
            "hope rather than a promise. Any benefit comes from regular practice over the weeks, "
            "not from one session, and massage cannot reduce fat in the face."
        ),
        "days": (["classic-facial-massage"] * 5 + [REST, REST]) * 6,
    },
    {
        "slug": "7-de-puff-mornings",
        "title": "7 de-puff mornings",
        "goal": Goal.DEPUFF,
        "description": (
            "One week of the five-minute morning de-puff, every morning: neck and collarbones "
            "first, then feather-light strokes outward and down. Think of it as a daily reset "
            "and a habit to keep, not a change that builds up."
        ),
        "evidence_note": (
            "Gentle drainage strokes can make a puffy morning face look less swollen, but the "
            "effect is temporary: the fluid builds up again within hours, which is why this is "
            "a morning-by-morning reset. Seven mornings do not add up to a lasting change. It "
            "does not remove fat; spot fat reduction of the face is not possible."
        ),
        "days": ["morning-de-puff"] * 7,
    },
    {
        "slug": "two-weeks-with-a-gua-sha-stone",
        "title": "Two weeks with a gua sha stone",
        "goal": Goal.SCULPT,
        "description": (
            "Two weeks that alternate the gua sha routine with the hands-only morning de-puff, "
            "so your skin has a day off the stone between gua sha days, and each week ends with "
            "a rest day. If your skin is still red from the last gua sha day, take the "
            "hands-only routine instead, with lighter pressure next time."
        ),
        "evidence_note": (
            "A stone held nearly flat moves more surface fluid than a jade roller and brings "
            "blood to the skin, so your face may look less puffy and a little flushed for a few "
            "hours; hands-only drainage gives a similar, temporary de-puff. Studies of facial "
            "gua sha are few and small. Neither can break down fat or reshape the jaw, and no "
            "technique can spot-reduce fat in the face."
        ),
        "days": (["gua-sha-sculpt", "morning-de-puff"] * 3 + [REST]) * 2,
    },
    {
        "slug": "desk-break-week",
        "title": "Desk-break week",
        "goal": Goal.DEPUFF,
        "description": (
            "Two minutes of feather-light drainage at your desk on each working day of one "
            "week, then a weekend off. Small enough to fit between two calls; set the reminder "
            "for the time your face usually feels heavy."
        ),
        "evidence_note": (
            "Drainage strokes can ease puffiness for a few hours, but the effect is temporary: "
            "the fluid builds up again, so treat each break as a quick reset rather than a "
            "lasting change. It does not remove fat, and spot fat reduction of the face is not "
            "possible."
        ),
        "days": ["desk-break-de-puff"] * 5 + [REST, REST],
    },
]
