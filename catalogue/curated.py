"""Curated content for Facerouting: techniques, reusable steps and the published routines.

Pure data, loaded into the database by the seeding code; nothing here touches the database.
The wording is our own and follows docs/content.md:

- Claims follow the evidence. Lymphatic drainage de-puffs, but only for hours. No technique
  can spot-reduce fat or slim the face. Classic facial massage has the better (still small)
  evidence, which is why its routine lasts 20 minutes. Gua sha moves more fluid than a jade
  roller; a roller mostly cools. Facial yoga evidence is small and preliminary.
- Drainage order: any routine with lymphatic-drainage steps opens at the neck and
  collarbones, then works from the centre of the face outward and down toward the nodes,
  feather-light.

Shapes:

- TECHNIQUES: one dict per Technique. ``cautions`` starts with COMMON_CAUTIONS, which every
  technique carries, then NECK_CAUTIONS for the techniques that work the neck, followed by
  what is specific to it.
- STEPS: one dict per Step; ``technique`` is a technique slug. ``stroke_count`` is None when
  strokes are not counted. For a both-sides step it counts the strokes per side: both hands
  together, or one side after the other when the instruction says so.
- ROUTINES: one dict per published, curated Routine. ``steps`` is the running order; each
  entry is a step slug, or a ``(slug, duration_override_seconds)`` pair when the routine
  wants a different length than the step's default. A step may appear more than once in a
  routine, but never twice in a row.
"""

from .models import Direction, Goal, Pressure, Side, Tool, Zone

# Shared by every technique: each one touches the face.
# The safety check's rules (catalogue/safety.py) quote these words and those
# of NECK_CAUTIONS: reword them together.
COMMON_CAUTIONS = (
    "Skip any area that is still healing, including a new piercing, for at least six weeks. "
    "After fillers or botulinum toxin, do not massage the treated areas for two weeks; after a "
    "peel, laser or microneedling, leave the treated skin alone for two weeks; after facial "
    "surgery, wait at least six weeks and ask your surgeon when it is safe to start. Do not work "
    "over an active acne, rosacea or eczema flare, broken or sunburnt skin, or any infection "
    "such as a cold sore. If you have a clotting problem or take blood thinners, keep to light "
    "pressure: firmer strokes bruise."
)

# For the techniques whose strokes go down the neck toward its lymph nodes
# (drainage, gua sha, classic massage, the roller); facial yoga and the
# microcurrent device do not work the neck.
NECK_CAUTIONS = (
    " If lymph nodes in your neck or under your jaw are swollen or painful, see a doctor "
    "instead of massaging them. If you have heart failure or another heart condition, or a "
    "thyroid condition, ask a doctor before doing lymphatic work on the neck. Never press on "
    "the front of the throat."
)

TECHNIQUES = [
    {
        "slug": "lymphatic-drainage",
        "name": "Lymphatic drainage",
        "summary": (
            "Slow, feather-light strokes that move fluid just under the skin toward the lymph "
            "nodes of the neck: the neck and collarbones first, then from the centre of the face "
            "outward and down."
        ),
        "pressure": Pressure.FEATHER,
        "tool": Tool.HANDS,
        "evidence_note": (
            "Gentle drainage strokes can make a puffy morning face look less swollen, but the "
            "effect is temporary: the fluid builds up again within hours, so treat it as a daily "
            "reset rather than a lasting change. It does not remove fat, and spot fat reduction "
            "of the face is not possible with this or any other technique. Most research on "
            "manual lymphatic drainage concerns swelling after surgery or lymphoedema, not "
            "cosmetic use."
        ),
        "cautions": (
            COMMON_CAUTIONS
            + NECK_CAUTIONS
            + " Keep the touch feather-light: you are moving the skin, not the muscle, and "
            "pressing harder does not drain more."
        ),
    },
    {
        "slug": "gua-sha",
        "name": "Gua sha",
        "summary": (
            "A smooth, flat stone held nearly flat to the skin, at about 15 degrees, and glided "
            "over oiled skin outward and upward toward the ears and then down the neck, one side "
            "of the face at a time."
        ),
        "pressure": Pressure.LIGHT,
        "tool": Tool.GUA_SHA,
        "evidence_note": (
            "A stone held nearly flat moves more surface fluid than a jade roller and brings "
            "blood to the skin, so your face may look less puffy and a little flushed for a few "
            "hours. That effect is temporary, and studies of facial gua sha are few and small. It "
            "cannot break down fat, reshape bone or permanently sculpt the jaw; no technique can "
            "spot-reduce fat in the face."
        ),
        "cautions": (
            COMMON_CAUTIONS
            + NECK_CAUTIONS
            + " Keep the stone nearly flat and the pressure light: bruising, tiny red dots or "
            "redness that lasts more than an hour mean you pressed too hard. Wash the stone "
            "after each use, do not share it, and stop using it if it chips. Do not improvise "
            "with a sharp-edged or makeshift tool: without a stone, use your flat fingers."
        ),
    },
    {
        "slug": "classic-facial-massage",
        "name": "Classic facial massage",
        "summary": (
            "Hands-on massage with a little oil or cream: long gliding strokes (effleurage), "
            "gentle kneading, small circles and light tapping over the forehead, cheeks, jaw and "
            "neck, with moderate pressure."
        ),
        "pressure": Pressure.MEDIUM,
        "tool": Tool.HANDS,
        "evidence_note": (
            "Of the techniques here, this one has the better evidence, though it is still "
            "limited: in a small clinical study, 30 sessions of 20-minute facial massage improved "
            "skin appearance and wrinkle depth. That is why our classic routine lasts about 20 "
            "minutes. Any benefit comes from regular practice over weeks, and massage cannot "
            "reduce fat in the face."
        ),
        "cautions": (
            COMMON_CAUTIONS
            + NECK_CAUTIONS
            + " Massage should feel pleasant, never painful. Go gently over the jaw joint, ease "
            "off if it aches, and keep oil away from your eyes."
        ),
    },
    {
        "slug": "facial-yoga",
        "name": "Facial yoga",
        "summary": (
            "Mirror exercises and holds for the facial muscles, with the emphasis on noticing "
            "expression habits, such as frowning or lifting the brows at a screen, and learning "
            "to relax them."
        ),
        "pressure": Pressure.LIGHT,
        "tool": Tool.HANDS,
        "evidence_note": (
            "The evidence is small and preliminary. One small trial of about 16 middle-aged women "
            "reported fuller upper and lower cheeks after 20 weeks of regular exercises, but "
            "there is no good evidence that facial exercises remove wrinkles. What it reliably "
            "offers is awareness: noticing habits such as frowning and learning to let those "
            "muscles rest."
        ),
        "cautions": (
            COMMON_CAUTIONS
            + " Stop if an exercise gives you jaw pain, a headache or eye strain. If you have a "
            "jaw joint problem or a facial nerve condition such as Bell's palsy, ask a doctor "
            "or physiotherapist which exercises suit you."
        ),
    },
    {
        "slug": "face-roller",
        "name": "Face roller",
        "summary": (
            "A stone roller, often kept cool in the fridge, rolled over clean skin outward toward "
            "the ears and down the neck. A calming ritual that gives a brief de-puff."
        ),
        "pressure": Pressure.LIGHT,
        "tool": Tool.ROLLER,
        "evidence_note": (
            "A roller mostly cools the skin and can ease puffiness briefly, for an hour or two. "
            "It moves less fluid than a flat gua sha stone, and there is no good evidence that it "
            "firms skin, smooths wrinkles or slims the face; it cannot reduce fat. Enjoy it as a "
            "calming, cooling ritual."
        ),
        "cautions": (
            COMMON_CAUTIONS
            + NECK_CAUTIONS
            + " Keep the roller cool, not frozen, and never roll over the eyelids. Clean it after "
            "each use and stop using it if the frame is loose or the stone is chipped. Do not "
            "improvise with another object: without a roller, use your fingertips."
        ),
    },
    {
        "slug": "microcurrent",
        "name": "Microcurrent",
        "summary": (
            "A handheld device that passes a faint current through the skin, glided slowly over "
            "conductive gel zone by zone and held still at the end of each glide, the way device "
            "apps beep to move on. Offered only to people who own a device."
        ),
        "pressure": Pressure.LIGHT,
        "tool": Tool.MICROCURRENT,
        "evidence_note": (
            "Microcurrent can give an instant, temporary lift: the face may look a little firmer "
            "for a few hours. Claims of longer-term lifting or more collagen rest mostly on small "
            "studies run or paid for by the devices' makers, without independent confirmation. "
            "It cannot remove fat or permanently reshape the face."
        ),
        "cautions": (
            COMMON_CAUTIONS
            + " Never use a microcurrent device if you have a pacemaker or another implanted "
            "electronic device, if you are pregnant, if you have epilepsy, over metal implants, "
            "or if you have active cancer. Use only a device made for the face, as its maker "
            "directs, always over a layer of conductive gel, and keep it off the eyelids and the "
            "front of the throat. If lymph nodes under your jaw are swollen or painful, see a "
            "doctor and leave the jaw alone."
        ),
    },
]

STEPS = [
    # --- Lymphatic drainage: feather-light, neck and collarbones first ---
    {
        "slug": "neck-sides-sweep",
        "technique": "lymphatic-drainage",
        "title": "Open the neck: side sweeps",
        "zone": Zone.NECK,
        "direction": Direction.DOWNWARD,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 30,
        "stroke_count": 10,
        "instruction": (
            "Lay the flat fingers of both hands on the sides of your neck, just below the ears. "
            "With feather-light pressure, enough to move the skin but not the muscle, glide down "
            "to the collarbones. Do 10 slow sweeps, lifting off to start again below the ears, "
            "and never press on the front of the throat."
        ),
        "cue": "Open the neck: glide down from ear to collarbone, feather-light.",
    },
    {
        "slug": "collarbone-hollow-press",
        "technique": "lymphatic-drainage",
        "title": "Collarbone hollows: soft pumps",
        "zone": Zone.COLLARBONE,
        "direction": Direction.PRESS,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 30,
        "stroke_count": 10,
        "instruction": (
            "Rest two or three fingertips of each hand in the soft hollows just above your "
            "collarbones. Press very gently and release, like a slow pulse, drawing the skin "
            "slightly down and in with each press. Do 10 pumps, then let your hands rest there "
            "for one breath."
        ),
        "cue": "Fingers in the collarbone hollows: press softly and release, ten times.",
    },
    {
        "slug": "collarbone-slow-breaths",
        "technique": "lymphatic-drainage",
        "title": "Collarbone rest: slow breaths",
        "zone": Zone.COLLARBONE,
        "direction": Direction.STILL,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 30,
        "stroke_count": None,
        "instruction": (
            "Rest your fingertips lightly just above your collarbones and let your shoulders "
            "drop. Take 4 slow breaths deep into your belly, letting the ribs widen. Keep your "
            "hands still and let each out-breath be a little longer than the one before."
        ),
        "cue": "Hands on the collarbones, shoulders down: four slow belly breaths.",
    },
    {
        "slug": "ears-v-sweep",
        "technique": "lymphatic-drainage",
        "title": "Around the ears: V-sweep",
        "zone": Zone.EARS,
        "direction": Direction.DOWNWARD,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 20,
        "stroke_count": 8,
        "instruction": (
            "Spread your index and middle fingers into a V and place it around each ear, index "
            "finger in front and middle finger behind. Glide the V down past the angle of the jaw "
            "and on down the side of the neck, barely touching. Repeat 8 times."
        ),
        "cue": "Fingers in a V around the ears: glide down to the neck, eight times.",
    },
    {
        "slug": "forehead-centre-to-temples",
        "technique": "lymphatic-drainage",
        "title": "Forehead: centre to temples",
        "zone": Zone.FOREHEAD,
        "direction": Direction.OUTWARD,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 30,
        "stroke_count": 6,
        "instruction": (
            "Place the fingertips of both hands together at the centre of your forehead, just "
            "above the brows. Glide outward to the temples with the lightest touch and pause "
            "there for a soft press. Repeat 6 times, starting a finger's width higher each time "
            "until you reach the hairline."
        ),
        "cue": "Forehead: from the centre out to the temples, barely touching.",
    },
    {
        "slug": "brow-inner-to-outer",
        "technique": "lymphatic-drainage",
        "title": "Brow bone: inner to outer",
        "zone": Zone.BROW,
        "direction": Direction.OUTWARD,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 20,
        "stroke_count": 6,
        "instruction": (
            "Rest your index fingertips at the inner ends of your brows. Glide along the brow "
            "bone to the tails of the brows and on to the temples, feather-light. Repeat 6 times, "
            "lifting off to return to the start."
        ),
        "cue": "Trace the brow bone from the inner end to the temple, six light strokes.",
    },
    {
        "slug": "temples-to-neck",
        "technique": "lymphatic-drainage",
        "title": "Temples down to the neck",
        "zone": Zone.TEMPLES,
        "direction": Direction.DOWNWARD,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 20,
        "stroke_count": 5,
        "instruction": (
            "Start with flat fingers on your temples. Glide down in front of the ears, past the "
            "angle of the jaw and down the sides of the neck to the collarbones. Repeat 5 times, "
            "slowly, with the skin just moving under your fingers."
        ),
        "cue": "From the temples, glide down past the ears to the collarbones.",
    },
    {
        "slug": "under-eye-inner-to-outer",
        "technique": "lymphatic-drainage",
        "title": "Under the eyes: inner to outer",
        "zone": Zone.UNDER_EYE,
        "direction": Direction.OUTWARD,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 30,
        "stroke_count": 6,
        "instruction": (
            "Place your ring fingers on the bony rim just below the inner corners of your eyes, "
            "not on the soft lid skin. Sweep slowly along the bone to the outer corners and on to "
            "the temples, without dragging the skin. Repeat 6 times, with the lightest touch of "
            "the whole routine."
        ),
        "cue": "Ring fingers on the bone under the eyes: sweep out to the temples.",
    },
    {
        "slug": "cheeks-nose-to-ears",
        "technique": "lymphatic-drainage",
        "title": "Cheeks: nose to ears",
        "zone": Zone.CHEEKS,
        "direction": Direction.OUTWARD,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 40,
        "stroke_count": 9,
        "instruction": (
            "Lay flat fingers beside your nose, just under the cheekbones. Glide outward across "
            "the cheeks to the front of the ears, then repeat in two lower lanes: across the "
            "middle of the cheek, and from beside the nostrils. Do 3 strokes in each lane, 9 in "
            "all, feather-light."
        ),
        "cue": "Cheeks: glide from beside the nose out to the ears, in three lanes.",
    },
    {
        "slug": "mouth-centre-to-corners",
        "technique": "lymphatic-drainage",
        "title": "Around the mouth: centre to corners",
        "zone": Zone.MOUTH,
        "direction": Direction.OUTWARD_DOWN,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 20,
        "stroke_count": 6,
        "instruction": (
            "Place your index fingers above the centre of your upper lip and your middle fingers "
            "below the centre of your lower lip. Glide out to the corners of the mouth and then "
            "down toward the jaw, keeping the touch light. Repeat 6 times."
        ),
        "cue": "Above and below the lips: glide out to the corners, then down.",
    },
    {
        "slug": "jaw-chin-to-ear",
        "technique": "lymphatic-drainage",
        "title": "Jawline: chin to ear",
        "zone": Zone.JAW,
        "direction": Direction.OUTWARD,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 30,
        "stroke_count": 8,
        "instruction": (
            "Hold your jawline lightly between bent index fingers above and middle fingers below, "
            "starting at the chin. Glide along the jaw to just below the ears, lift off, and "
            "start again at the chin. Repeat 8 times without squeezing."
        ),
        "cue": "Jawline: glide from the chin to just below the ears, eight times.",
    },
    {
        "slug": "neck-finish-drain",
        "technique": "lymphatic-drainage",
        "title": "Finish: drain down the neck",
        "zone": Zone.NECK,
        "direction": Direction.DOWNWARD,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 30,
        "stroke_count": 8,
        "instruction": (
            "Finish where you began. Place flat fingers just in front of and behind each ear and "
            "sweep slowly down the sides of the neck into the collarbone hollows. Repeat 8 times, "
            "then rest your hands on your collarbones for one slow breath."
        ),
        "cue": "Finish: sweep from the ears down the neck to the collarbones.",
    },
    # --- Gua sha: stone nearly flat (about 15 degrees), one side at a time ---
    {
        "slug": "prep-clean-skin",
        "technique": "gua-sha",
        "title": "Prep: clean skin and stone",
        "zone": Zone.WHOLE_FACE,
        "direction": Direction.STILL,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 45,
        "stroke_count": None,
        "instruction": (
            "Wash your face with a mild cleanser and pat it dry, then wash the stone in warm "
            "soapy water and dry it. Look in the mirror for spots, broken or sunburnt skin or a "
            "flare, and plan to skip those areas today. Tie your hair back so the stone can reach "
            "your ears."
        ),
        "cue": "Clean your face and the stone, and check your skin for sore spots.",
    },
    {
        "slug": "prep-apply-oil",
        "technique": "gua-sha",
        "title": "Prep: apply oil",
        "zone": Zone.WHOLE_FACE,
        "direction": Direction.STILL,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 30,
        "stroke_count": None,
        "instruction": (
            "Warm 4 to 6 drops of face oil between your palms and press it onto your face, jaw "
            "and the sides of your neck. The stone will be held nearly flat, at about 15 degrees "
            "to the skin, and must glide without tugging. Add a drop more whenever it starts to "
            "drag."
        ),
        "cue": "Warm a few drops of oil in your palms and press it onto face and neck.",
    },
    {
        "slug": "gua-sha-neck-open-left",
        "technique": "gua-sha",
        "title": "Gua sha: open the neck, left",
        "zone": Zone.NECK,
        "direction": Direction.DOWNWARD,
        "side": Side.LEFT,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 30,
        "stroke_count": 6,
        "instruction": (
            "Hold the stone nearly flat against the left side of your neck, at about 15 degrees "
            "to the skin, long edge down. Start just below the ear and glide down to the "
            "collarbone with light pressure. Do 6 strokes, lifting the stone to return to the "
            "top, and keep it off the front of the throat."
        ),
        "cue": "Left side of the neck: stone nearly flat, glide from ear to collarbone.",
    },
    {
        "slug": "gua-sha-neck-open-right",
        "technique": "gua-sha",
        "title": "Gua sha: open the neck, right",
        "zone": Zone.NECK,
        "direction": Direction.DOWNWARD,
        "side": Side.RIGHT,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 30,
        "stroke_count": 6,
        "instruction": (
            "Hold the stone nearly flat against the right side of your neck, at about 15 degrees "
            "to the skin, long edge down. Start just below the ear and glide down to the "
            "collarbone with light pressure. Do 6 strokes, lifting the stone to return to the "
            "top, and keep it off the front of the throat."
        ),
        "cue": "Right side of the neck: stone nearly flat, glide from ear to collarbone.",
    },
    {
        "slug": "gua-sha-jaw-left",
        "technique": "gua-sha",
        "title": "Gua sha: jawline, left",
        "zone": Zone.JAW,
        "direction": Direction.OUTWARD,
        "side": Side.LEFT,
        "pressure": Pressure.MEDIUM,
        "duration_seconds": 45,
        "stroke_count": 6,
        "instruction": (
            "Cup the left side of your jawline in the notched edge of the stone, held nearly flat "
            "at about 15 degrees to the skin. Glide from the chin along the bone to just below "
            "the ear, then turn the stone and sweep down the side of the neck. Do 6 strokes with "
            "steady, medium pressure that never hurts."
        ),
        "cue": "Left jaw: notch along the bone from chin to ear, then down the neck.",
    },
    {
        "slug": "gua-sha-jaw-right",
        "technique": "gua-sha",
        "title": "Gua sha: jawline, right",
        "zone": Zone.JAW,
        "direction": Direction.OUTWARD,
        "side": Side.RIGHT,
        "pressure": Pressure.MEDIUM,
        "duration_seconds": 45,
        "stroke_count": 6,
        "instruction": (
            "Cup the right side of your jawline in the notched edge of the stone, held nearly "
            "flat at about 15 degrees to the skin. Glide from the chin along the bone to just "
            "below the ear, then turn the stone and sweep down the side of the neck. Do 6 strokes "
            "with steady, medium pressure that never hurts."
        ),
        "cue": "Right jaw: notch along the bone from chin to ear, then down the neck.",
    },
    {
        "slug": "gua-sha-cheekbone-left",
        "technique": "gua-sha",
        "title": "Gua sha: under the cheekbone, left",
        "zone": Zone.CHEEKS,
        "direction": Direction.OUTWARD,
        "side": Side.LEFT,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 30,
        "stroke_count": 6,
        "instruction": (
            "Hold the stone nearly flat, at about 15 degrees, with its long curved edge tucked "
            "just under the left cheekbone beside the nose. Glide outward and slightly upward "
            "along the underside of the bone to the front of the ear, then sweep down the neck. "
            "Do 6 strokes with light pressure."
        ),
        "cue": "Left: tuck the edge under the cheekbone and glide out to the ear.",
    },
    {
        "slug": "gua-sha-cheekbone-right",
        "technique": "gua-sha",
        "title": "Gua sha: under the cheekbone, right",
        "zone": Zone.CHEEKS,
        "direction": Direction.OUTWARD,
        "side": Side.RIGHT,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 30,
        "stroke_count": 6,
        "instruction": (
            "Hold the stone nearly flat, at about 15 degrees, with its long curved edge tucked "
            "just under the right cheekbone beside the nose. Glide outward and slightly upward "
            "along the underside of the bone to the front of the ear, then sweep down the neck. "
            "Do 6 strokes with light pressure."
        ),
        "cue": "Right: tuck the edge under the cheekbone and glide out to the ear.",
    },
    {
        "slug": "gua-sha-cheek-left",
        "technique": "gua-sha",
        "title": "Gua sha: mid-cheek, left",
        "zone": Zone.CHEEKS,
        "direction": Direction.OUTWARD,
        "side": Side.LEFT,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 40,
        "stroke_count": 6,
        "instruction": (
            "Lay the long edge of the stone on the left cheek beside the nose, nearly flat at "
            "about 15 degrees to the skin. Glide outward across the cheek toward the ear, then "
            "sweep down the side of the neck. Do 6 strokes, starting a little lower each time "
            "until you reach the corner of the mouth."
        ),
        "cue": "Left cheek: stone nearly flat, glide from nose to ear, then down.",
    },
    {
        "slug": "gua-sha-cheek-right",
        "technique": "gua-sha",
        "title": "Gua sha: mid-cheek, right",
        "zone": Zone.CHEEKS,
        "direction": Direction.OUTWARD,
        "side": Side.RIGHT,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 40,
        "stroke_count": 6,
        "instruction": (
            "Lay the long edge of the stone on the right cheek beside the nose, nearly flat at "
            "about 15 degrees to the skin. Glide outward across the cheek toward the ear, then "
            "sweep down the side of the neck. Do 6 strokes, starting a little lower each time "
            "until you reach the corner of the mouth."
        ),
        "cue": "Right cheek: stone nearly flat, glide from nose to ear, then down.",
    },
    {
        "slug": "gua-sha-under-eye-left",
        "technique": "gua-sha",
        "title": "Gua sha: under the eye, left",
        "zone": Zone.UNDER_EYE,
        "direction": Direction.OUTWARD,
        "side": Side.LEFT,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 30,
        "stroke_count": 5,
        "instruction": (
            "Use the smallest rounded edge of the stone, held nearly flat at about 15 degrees to "
            "the skin. Start on the bony rim below the inner corner of the left eye and glide "
            "outward along the bone to the temple, with almost no pressure. Do 5 strokes, and "
            "after the last one glide down in front of the ear to the neck."
        ),
        "cue": "Left under-eye: smallest edge, barely touching, inner corner to temple.",
    },
    {
        "slug": "gua-sha-under-eye-right",
        "technique": "gua-sha",
        "title": "Gua sha: under the eye, right",
        "zone": Zone.UNDER_EYE,
        "direction": Direction.OUTWARD,
        "side": Side.RIGHT,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 30,
        "stroke_count": 5,
        "instruction": (
            "Use the smallest rounded edge of the stone, held nearly flat at about 15 degrees to "
            "the skin. Start on the bony rim below the inner corner of the right eye and glide "
            "outward along the bone to the temple, with almost no pressure. Do 5 strokes, and "
            "after the last one glide down in front of the ear to the neck."
        ),
        "cue": "Right under-eye: smallest edge, barely touching, inner corner to temple.",
    },
    {
        "slug": "gua-sha-brow-left",
        "technique": "gua-sha",
        "title": "Gua sha: brow, left",
        "zone": Zone.BROW,
        "direction": Direction.OUTWARD,
        "side": Side.LEFT,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 30,
        "stroke_count": 5,
        "instruction": (
            "Hold the stone nearly flat, at about 15 degrees, just above the inner end of the "
            "left brow. Glide outward and slightly upward along the brow bone to the temple, then "
            "down in front of the ear toward the neck. Do 5 strokes with light pressure, keeping "
            "the stone off the eyelid."
        ),
        "cue": "Left brow: glide along the brow bone to the temple, then down.",
    },
    {
        "slug": "gua-sha-brow-right",
        "technique": "gua-sha",
        "title": "Gua sha: brow, right",
        "zone": Zone.BROW,
        "direction": Direction.OUTWARD,
        "side": Side.RIGHT,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 30,
        "stroke_count": 5,
        "instruction": (
            "Hold the stone nearly flat, at about 15 degrees, just above the inner end of the "
            "right brow. Glide outward and slightly upward along the brow bone to the temple, "
            "then down in front of the ear toward the neck. Do 5 strokes with light pressure, "
            "keeping the stone off the eyelid."
        ),
        "cue": "Right brow: glide along the brow bone to the temple, then down.",
    },
    {
        "slug": "gua-sha-forehead-left",
        "technique": "gua-sha",
        "title": "Gua sha: forehead, left",
        "zone": Zone.FOREHEAD,
        "direction": Direction.OUTWARD,
        "side": Side.LEFT,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 30,
        "stroke_count": 6,
        "instruction": (
            "Place the long edge of the stone at the centre of your forehead, nearly flat at "
            "about 15 degrees to the skin. Glide outward and up across the left half of the "
            "forehead to the hairline at the temple. Do 6 strokes, working from just above the "
            "brow up to the hairline."
        ),
        "cue": "Left forehead: from the centre, glide out and up to the temple.",
    },
    {
        "slug": "gua-sha-forehead-right",
        "technique": "gua-sha",
        "title": "Gua sha: forehead, right",
        "zone": Zone.FOREHEAD,
        "direction": Direction.OUTWARD,
        "side": Side.RIGHT,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 30,
        "stroke_count": 6,
        "instruction": (
            "Place the long edge of the stone at the centre of your forehead, nearly flat at "
            "about 15 degrees to the skin. Glide outward and up across the right half of the "
            "forehead to the hairline at the temple. Do 6 strokes, working from just above the "
            "brow up to the hairline."
        ),
        "cue": "Right forehead: from the centre, glide out and up to the temple.",
    },
    {
        "slug": "gua-sha-neck-finish",
        "technique": "gua-sha",
        "title": "Gua sha: finish down the neck",
        "zone": Zone.NECK,
        "direction": Direction.DOWNWARD,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 40,
        "stroke_count": 5,
        "instruction": (
            "Hold the stone nearly flat, at about 15 degrees, just below one ear and glide down "
            "the side of the neck to the collarbone. Switch sides after each stroke until you "
            "have done 5 on each side, staying off the front of the throat. Then put the stone "
            "down and rest a flat palm over each collarbone for one breath."
        ),
        "cue": "Finish: stone nearly flat, sweep down each side of the neck, five each.",
    },
    # --- Classic facial massage ---
    {
        "slug": "massage-warm-palms",
        "technique": "classic-facial-massage",
        "title": "Warm-up: oil and palm press",
        "zone": Zone.WHOLE_FACE,
        "direction": Direction.PRESS,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 45,
        "stroke_count": None,
        "instruction": (
            "Warm a few drops of oil or a pea-sized amount of cream between your palms. Press "
            "your palms gently over your cheeks, then your forehead, then the sides of your neck, "
            "holding each for one slow breath. Spread what is left evenly with light strokes."
        ),
        "cue": "Warm oil in your palms and press them over cheeks, forehead and neck.",
    },
    {
        "slug": "massage-neck-strokes",
        "technique": "classic-facial-massage",
        "title": "Warm-up: neck strokes",
        "zone": Zone.NECK,
        "direction": Direction.DOWNWARD,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 60,
        "stroke_count": 10,
        "instruction": (
            "With both hands flat, stroke down the sides of your neck from behind the ears to the "
            "tops of the shoulders. Let your shoulders drop a little more with each stroke. Do 10 "
            "slow strokes with light, even pressure, keeping off the front of the throat."
        ),
        "cue": "Stroke down the sides of your neck to your shoulders, and let them drop.",
    },
    {
        "slug": "massage-face-effleurage",
        "technique": "classic-facial-massage",
        "title": "Effleurage: long gliding strokes",
        "zone": Zone.WHOLE_FACE,
        "direction": Direction.OUTWARD,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 60,
        "stroke_count": 9,
        "instruction": (
            "With flat, relaxed hands, glide along three paths: from the chin along the jaw to "
            "the ears, from beside the nose across the cheeks to the ears, and from the centre of "
            "the forehead to the temples. Do 3 strokes on each path, 9 in all. Keep the pressure "
            "light and the rhythm slow and even."
        ),
        "cue": "Long smooth strokes over jaw, cheeks and forehead, out toward the ears.",
    },
    {
        "slug": "massage-forehead-hand-over-hand",
        "technique": "classic-facial-massage",
        "title": "Forehead: hand-over-hand strokes",
        "zone": Zone.FOREHEAD,
        "direction": Direction.UPWARD,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 60,
        "stroke_count": 20,
        "instruction": (
            "Lay one palm flat just above your brows and stroke up to the hairline, then follow "
            "with the other hand as the first lifts away. Keep alternating in a steady rhythm, "
            "travelling slowly from one temple across to the other. Do about 20 strokes with "
            "light pressure."
        ),
        "cue": "Forehead: one hand after the other, stroke up from brows to hairline.",
    },
    {
        "slug": "massage-forehead-circles",
        "technique": "classic-facial-massage",
        "title": "Forehead: small circles",
        "zone": Zone.FOREHEAD,
        "direction": Direction.CIRCLES,
        "side": Side.BOTH,
        "pressure": Pressure.MEDIUM,
        "duration_seconds": 60,
        "stroke_count": None,
        "instruction": (
            "Place the pads of your index, middle and ring fingers at the centre of your "
            "forehead. Make small, slow circles that move the skin over the bone rather than "
            "sliding across it, travelling outward to the temples. Cover the forehead in rows "
            "from brow to hairline with medium pressure."
        ),
        "cue": "Small slow circles across the forehead, moving the skin, not sliding.",
    },
    {
        "slug": "massage-brow-pinch",
        "technique": "classic-facial-massage",
        "title": "Brows: pinch and release",
        "zone": Zone.BROW,
        "direction": Direction.PRESS,
        "side": Side.BOTH,
        "pressure": Pressure.MEDIUM,
        "duration_seconds": 45,
        "stroke_count": 3,
        "instruction": (
            "Gently pinch each brow between thumb and index finger at its inner end, hold for a "
            "moment and release. Move outward a finger's width at a time to the tail of the brow. "
            "Do 3 passes with medium pressure; it should feel releasing, never sore."
        ),
        "cue": "Pinch along the brows from the inner end to the tail, three passes.",
    },
    {
        "slug": "massage-temple-circles",
        "technique": "classic-facial-massage",
        "title": "Temples: slow circles",
        "zone": Zone.TEMPLES,
        "direction": Direction.CIRCLES,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 45,
        "stroke_count": 20,
        "instruction": (
            "Rest the pads of your middle and ring fingers on your temples, in the soft spot "
            "beside the tail of each brow. Make slow circles, 10 one way and 10 the other, moving "
            "the skin over the bone with light pressure. Keep your jaw loose and breathe out "
            "slowly."
        ),
        "cue": "Slow circles at the temples: ten one way, ten the other.",
    },
    {
        "slug": "massage-eye-orbit-trace",
        "technique": "classic-facial-massage",
        "title": "Around the eyes: trace the bone",
        "zone": Zone.UNDER_EYE,
        "direction": Direction.CIRCLES,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 45,
        "stroke_count": 6,
        "instruction": (
            "With your ring fingers, trace the bony ring around each eye: outward along the brow "
            "bone, then back under the eye along the lower rim toward the nose. Press only as "
            "hard as you would to pat in eye cream, never on the eyeball or the lid. Do 6 slow "
            "loops."
        ),
        "cue": "Ring fingers trace the bone around the eyes, six slow loops.",
    },
    {
        "slug": "massage-nose-sides",
        "technique": "classic-facial-massage",
        "title": "Nose: down the sides",
        "zone": Zone.NOSE,
        "direction": Direction.DOWNWARD,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 30,
        "stroke_count": 8,
        "instruction": (
            "Place your index fingers on either side of the bridge of your nose, just below the "
            "inner corners of the eyes. Stroke down the sides of the nose to the nostrils, then "
            "out along the tops of the cheeks. Repeat 8 times with light pressure."
        ),
        "cue": "Stroke down the sides of the nose, then out across the cheeks.",
    },
    {
        "slug": "massage-cheek-circles",
        "technique": "classic-facial-massage",
        "title": "Cheeks: fingertip circles",
        "zone": Zone.CHEEKS,
        "direction": Direction.CIRCLES,
        "side": Side.BOTH,
        "pressure": Pressure.MEDIUM,
        "duration_seconds": 90,
        "stroke_count": None,
        "instruction": (
            "Place three fingertips of each hand beside your nose. Make small circles, moving "
            "outward in rows toward the ears: along the cheekbone, across the middle of the "
            "cheek, and just above the jaw. Go over the three rows twice with medium, comfortable "
            "pressure."
        ),
        "cue": "Small circles across the cheeks, row by row, out toward the ears.",
    },
    {
        "slug": "massage-cheek-knuckle-kneading",
        "technique": "classic-facial-massage",
        "title": "Cheeks: knuckle kneading",
        "zone": Zone.CHEEKS,
        "direction": Direction.CIRCLES,
        "side": Side.BOTH,
        "pressure": Pressure.MEDIUM,
        "duration_seconds": 60,
        "stroke_count": None,
        "instruction": (
            "Make loose fists and rest the flat backs of your fingers, between the first and "
            "second knuckles, on your cheeks. Roll them in slow circles from beside the nose out "
            "to the ears and back, gently kneading the muscle. Use medium pressure and keep off "
            "the area under the eyes."
        ),
        "cue": "Loose fists: knead the cheeks with slow circles of your knuckles.",
    },
    {
        "slug": "massage-cheek-lifting-strokes",
        "technique": "classic-facial-massage",
        "title": "Cheeks: upward palm strokes",
        "zone": Zone.CHEEKS,
        "direction": Direction.UPWARD,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 60,
        "stroke_count": 10,
        "instruction": (
            "Place your palms flat on your lower cheeks with the fingers pointing toward the "
            "temples. Glide slowly up and out over the cheeks to the temples, lift off, and begin "
            "again. Do 10 strokes with light, even pressure."
        ),
        "cue": "Palms on the cheeks: sweep up and out to the temples, ten times.",
    },
    {
        "slug": "massage-mouth-circles",
        "technique": "classic-facial-massage",
        "title": "Around the mouth: small circles",
        "zone": Zone.MOUTH,
        "direction": Direction.CIRCLES,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 45,
        "stroke_count": 3,
        "instruction": (
            "Place your middle fingertips together above the centre of your upper lip. Make small "
            "circles outward to the corners of the mouth, then on around below the lower lip to "
            "the centre of the chin. Do 3 laps with light pressure, lips relaxed and slightly "
            "apart."
        ),
        "cue": "Small circles around the mouth, above and below the lips, three laps.",
    },
    {
        "slug": "massage-jaw-pinch",
        "technique": "classic-facial-massage",
        "title": "Jawline: pinch and release",
        "zone": Zone.JAW,
        "direction": Direction.OUTWARD,
        "side": Side.BOTH,
        "pressure": Pressure.MEDIUM,
        "duration_seconds": 60,
        "stroke_count": 3,
        "instruction": (
            "Pinch the jawline gently between your thumbs underneath and bent index fingers on "
            "top, starting at the centre of the chin. Squeeze lightly, release, and move a "
            "thumb's width toward the ears until you reach the angle of the jaw. Do 3 passes with "
            "medium pressure."
        ),
        "cue": "Pinch along the jaw from the chin to the ears, three passes.",
    },
    {
        "slug": "massage-jaw-muscle-circles",
        "technique": "classic-facial-massage",
        "title": "Jaw muscle: slow circles",
        "zone": Zone.JAW,
        "direction": Direction.CIRCLES,
        "side": Side.BOTH,
        "pressure": Pressure.MEDIUM,
        "duration_seconds": 60,
        "stroke_count": None,
        "instruction": (
            "Clench your teeth briefly to find the jaw muscle that bulges in front of each ear, "
            "then let your jaw hang with the teeth apart. Press two or three fingertips into the "
            "muscle and make slow circles, moving up toward the cheekbone and back down. Use "
            "medium pressure and ease off if it feels sore."
        ),
        "cue": "Find the jaw muscle, let your teeth part, and circle slowly.",
    },
    {
        "slug": "massage-ear-squeeze",
        "technique": "classic-facial-massage",
        "title": "Ears: squeeze along the rim",
        "zone": Zone.EARS,
        "direction": Direction.DOWNWARD,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 45,
        "stroke_count": 3,
        "instruction": (
            "Hold the top of each ear between thumb and index finger and squeeze gently, working "
            "down the outer rim to the lobe. Finish each pass with a gentle downward tug on the "
            "lobes. Do 3 passes."
        ),
        "cue": "Squeeze along the outer ears from top to lobe, three passes.",
    },
    {
        "slug": "massage-fingertip-tapping",
        "technique": "classic-facial-massage",
        "title": "Fingertip tapping",
        "zone": Zone.WHOLE_FACE,
        "direction": Direction.TAPPING,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 45,
        "stroke_count": None,
        "instruction": (
            "Tap quickly and lightly with the pads of all your fingers, like light rain, over the "
            "forehead, cheeks, jaw and chin. Move slowly around the face and keep away from the "
            "eyes. Keep your wrists loose so the tapping stays gentle."
        ),
        "cue": "Quick, light fingertip tapping all over the face, avoiding the eyes.",
    },
    {
        "slug": "massage-closing-strokes",
        "technique": "classic-facial-massage",
        "title": "Finish: closing strokes",
        "zone": Zone.WHOLE_FACE,
        "direction": Direction.OUTWARD_DOWN,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 60,
        "stroke_count": 6,
        "instruction": (
            "Repeat the long gliding strokes from the warm-up, more slowly: forehead to temples, "
            "cheeks to ears, chin to ears. Carry each stroke on down the sides of the neck to the "
            "collarbones. Do 6 full rounds, a little lighter each time."
        ),
        "cue": "Slow closing strokes out to the ears and down the neck.",
    },
    {
        "slug": "massage-palm-rest",
        "technique": "classic-facial-massage",
        "title": "Finish: palms rest",
        "zone": Zone.WHOLE_FACE,
        "direction": Direction.STILL,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 30,
        "stroke_count": None,
        "instruction": (
            "Rub your palms together until they feel warm and rest them lightly over your face, "
            "heels of the hands on the cheeks and fingers on the forehead. Close your eyes and "
            "take 3 slow breaths. Lower your hands slowly."
        ),
        "cue": "Warm your palms, rest them over your face, and breathe slowly.",
    },
    # --- Facial yoga ---
    {
        "slug": "yoga-expression-awareness",
        "technique": "facial-yoga",
        "title": "Expression awareness: notice and soften",
        "zone": Zone.BROW,
        "direction": Direction.STILL,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 45,
        "stroke_count": None,
        "instruction": (
            "Look at your face in the mirror as if you were reading or working at a screen. "
            "Notice whether your brows pull together or your forehead lifts, and where the lines "
            "form. Then let the forehead go smooth and the space between the brows widen, and "
            "hold that soft face for a few slow breaths."
        ),
        "cue": "Watch your face in the mirror: notice the frown, then let it soften.",
    },
    {
        "slug": "yoga-forehead-smoothing",
        "technique": "facial-yoga",
        "title": "Forehead smoothing",
        "zone": Zone.FOREHEAD,
        "direction": Direction.UPWARD,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 45,
        "stroke_count": 10,
        "instruction": (
            "Lay your palms flat on your forehead, one above each brow. Stroke slowly up to the "
            "hairline, one hand after the other, while keeping the brows and forehead completely "
            "still underneath. Do 10 strokes, feeling the muscle stay relaxed as it is touched."
        ),
        "cue": "Smooth the forehead upward with flat palms, keeping the brows still.",
    },
    {
        "slug": "yoga-look-up-still-forehead",
        "technique": "facial-yoga",
        "title": "Look up, forehead still",
        "zone": Zone.FOREHEAD,
        "direction": Direction.STILL,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 40,
        "stroke_count": 6,
        "instruction": (
            "Rest one palm lightly on your forehead. Look up toward the ceiling with your eyes "
            "only, hold for 3 seconds, then look back down, without letting the forehead rise "
            "under your hand. Do 6 slow repetitions; if you feel it move, soften and go more "
            "slowly."
        ),
        "cue": "Palm on the forehead: look up with your eyes only, forehead still.",
    },
    {
        "slug": "yoga-brow-lift-resistance",
        "technique": "facial-yoga",
        "title": "Brow lifts against resistance",
        "zone": Zone.BROW,
        "direction": Direction.UPWARD,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 45,
        "stroke_count": 8,
        "instruction": (
            "Place your index fingers flat just above your brows and press down gently. Try to "
            "raise your brows against your fingers for 3 seconds, then relax completely for 2 "
            "seconds. Do 8 lifts, keeping your eyes open and the rest of your face soft."
        ),
        "cue": "Fingers above the brows: lift against them for three, then relax.",
    },
    {
        "slug": "yoga-frown-line-release",
        "technique": "facial-yoga",
        "title": "Release the 11s",
        "zone": Zone.BROW,
        "direction": Direction.OUTWARD,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 45,
        "stroke_count": 6,
        "instruction": (
            "Place the pads of your index and middle fingers on the two vertical lines between "
            "your brows, the 11s. Gently spread the skin apart, drawing the fingers outward along "
            "the brows, and hold for 5 seconds while you consciously let go of the frown. Release "
            "and repeat 6 times."
        ),
        "cue": "Fingertips on the 11s: spread gently apart, hold, and let the frown go.",
    },
    {
        "slug": "yoga-wide-eyes-still-brows",
        "technique": "facial-yoga",
        "title": "Wide eyes, still brows",
        "zone": Zone.UNDER_EYE,
        "direction": Direction.STILL,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 40,
        "stroke_count": 6,
        "instruction": (
            "Rest your index fingers lightly along your brows as a check. Open your eyes wide for "
            "3 seconds without letting the brows lift or the forehead wrinkle, then relax. Do 6 "
            "repetitions, learning to move the eyes without the forehead."
        ),
        "cue": "Open your eyes wide for three, brows still under your fingers.",
    },
    {
        "slug": "yoga-temple-press-breath",
        "technique": "facial-yoga",
        "title": "Temples: press and breathe",
        "zone": Zone.TEMPLES,
        "direction": Direction.PRESS,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 30,
        "stroke_count": 5,
        "instruction": (
            "Rest your fingertips on your temples and press gently as you breathe in for 4 "
            "counts, then release as you breathe out. Repeat 5 times, letting your forehead and "
            "jaw go slack on each out-breath."
        ),
        "cue": "Press the temples as you breathe in, release as you breathe out.",
    },
    {
        "slug": "yoga-jaw-soft-hang",
        "technique": "facial-yoga",
        "title": "Jaw: lips together, teeth apart",
        "zone": Zone.JAW,
        "direction": Direction.STILL,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 45,
        "stroke_count": None,
        "instruction": (
            "Rest your tongue lightly on the roof of your mouth behind the front teeth, lips "
            "closed and teeth slightly apart. Notice whether your jaw wants to clench, and let it "
            "hang loose instead. Hold this resting position, breathing slowly through your nose."
        ),
        "cue": "Lips together, teeth apart, tongue resting: let the jaw hang.",
    },
    {
        "slug": "yoga-soft-face-check",
        "technique": "facial-yoga",
        "title": "Soft face check-in",
        "zone": Zone.WHOLE_FACE,
        "direction": Direction.STILL,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 30,
        "stroke_count": None,
        "instruction": (
            "Close your eyes and scan your face from forehead to jaw: brows, eyes, cheeks, lips, "
            "tongue and jaw, letting each one soften. Open your eyes and look at your resting "
            "face in the mirror. Pick one moment today, such as reading your phone, to check for "
            "the frown again."
        ),
        "cue": "Scan your face from brow to jaw and let every part soften.",
    },
    # --- Face roller ---
    {
        "slug": "roller-neck-down",
        "technique": "face-roller",
        "title": "Roller: down the neck",
        "zone": Zone.NECK,
        "direction": Direction.DOWNWARD,
        "side": Side.IN_TURN,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 40,
        "stroke_count": 6,
        "instruction": (
            "Place the large stone on the side of your neck, just below the ear. Roll down to the "
            "collarbone with light pressure, lift it off, and start again at the top; do 6 "
            "strokes on one side, then 6 on the other. Keep the roller on the sides of the neck, "
            "away from the front of the throat."
        ),
        "cue": "Roll down each side of the neck, ear to collarbone, six times.",
    },
    {
        "slug": "roller-jaw",
        "technique": "face-roller",
        "title": "Roller: jawline",
        "zone": Zone.JAW,
        "direction": Direction.OUTWARD,
        "side": Side.IN_TURN,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 30,
        "stroke_count": 6,
        "instruction": (
            "Place the large stone at the centre of your chin. Roll along the jawline to just "
            "below the ear, lift, and return to the chin; do 6 strokes on one side, then 6 on the "
            "other. Keep the pressure light."
        ),
        "cue": "Roll from the chin to the ear along the jaw, six each side.",
    },
    {
        "slug": "roller-chin-and-lip",
        "technique": "face-roller",
        "title": "Roller: chin and upper lip",
        "zone": Zone.CHIN,
        "direction": Direction.OUTWARD,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 20,
        "stroke_count": 4,
        "instruction": (
            "With the small stone, roll from the centre of the chin out toward the jaw, lifting "
            "to return. Then roll above the upper lip from the centre out toward the cheek. Do 4 "
            "strokes in each place on each side."
        ),
        "cue": "Small stone: roll from the chin and upper lip out toward the jaw.",
    },
    {
        "slug": "roller-cheeks",
        "technique": "face-roller",
        "title": "Roller: cheeks out to the ears",
        "zone": Zone.CHEEKS,
        "direction": Direction.OUTWARD,
        "side": Side.IN_TURN,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 40,
        "stroke_count": 8,
        "instruction": (
            "Start with the large stone beside your nose and roll outward across the cheek to the "
            "front of the ear, lifting to return. Work in two lanes, along the cheekbone and "
            "across the middle of the cheek, 4 strokes each, then switch sides. Let the cool "
            "stone do the work; there is no need to press."
        ),
        "cue": "Roll each cheek from nose to ear, lifting to return.",
    },
    {
        "slug": "roller-under-eye",
        "technique": "face-roller",
        "title": "Roller: under the eyes",
        "zone": Zone.UNDER_EYE,
        "direction": Direction.OUTWARD,
        "side": Side.IN_TURN,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 30,
        "stroke_count": 5,
        "instruction": (
            "Switch to the small stone. Roll it along the bony rim under the eye from the inner "
            "corner out to the temple, lifting to return, 5 times on each side. Use no pressure "
            "at all and keep off the lid and lashes."
        ),
        "cue": "Small stone under the eyes: roll out to the temples, no pressure.",
    },
    {
        "slug": "roller-forehead",
        "technique": "face-roller",
        "title": "Roller: forehead up and out",
        "zone": Zone.FOREHEAD,
        "direction": Direction.OUTWARD,
        "side": Side.IN_TURN,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 30,
        "stroke_count": 6,
        "instruction": (
            "Place the large stone at the centre of your forehead, just above the brows. Roll up "
            "and out toward the temple, lift, and return to the centre, moving a little higher "
            "each time. Do 6 strokes on each half of the forehead."
        ),
        "cue": "Roll the forehead from the centre up and out to the temples.",
    },
    {
        "slug": "roller-cool-temples",
        "technique": "face-roller",
        "title": "Roller: cool the temples",
        "zone": Zone.TEMPLES,
        "direction": Direction.PRESS,
        "side": Side.BOTH,
        "pressure": Pressure.FEATHER,
        "duration_seconds": 20,
        "stroke_count": None,
        "instruction": (
            "Rest the cool stone flat on one temple for a slow breath, then on the other. Close "
            "your eyes and let your jaw soften. Repeat once more on each side."
        ),
        "cue": "Rest the cool stone on each temple and breathe out slowly.",
    },
]

# --- Microcurrent: glide, then hold, zone by zone, over conductive gel ---
MICROCURRENT_STEPS = [
    {
        "slug": "micro-prep-gel",
        "technique": "microcurrent",
        "title": "Prep: gel and device",
        "zone": Zone.WHOLE_FACE,
        "direction": Direction.STILL,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 45,
        "stroke_count": None,
        "instruction": (
            "Wash and dry your face, then spread a generous layer of conductive gel over the "
            "jaw, cheeks and forehead. Switch the device on at its lowest level. The gel must "
            "stay wet: add more wherever the device starts to drag."
        ),
        "cue": "Spread the gel, then switch the device on at its lowest level.",
    },
    {
        "slug": "micro-jaw-glide",
        "technique": "microcurrent",
        "title": "Microcurrent: jawline glide and hold",
        "zone": Zone.JAW,
        "direction": Direction.OUTWARD,
        "side": Side.IN_TURN,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 60,
        "stroke_count": 10,
        "instruction": (
            "Rest the device flat on the gel at the chin. Glide slowly along the jawline to just "
            "below the ear, hold it still there for a count of three, then lift and start again. "
            "Do 5 glides on one side, then 5 on the other, each time the player moves you on."
        ),
        "cue": "Chin to ear along the jaw: glide, then hold for three.",
    },
    {
        "slug": "micro-cheek-glide",
        "technique": "microcurrent",
        "title": "Microcurrent: cheek glide and hold",
        "zone": Zone.CHEEKS,
        "direction": Direction.UPWARD,
        "side": Side.IN_TURN,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 60,
        "stroke_count": 10,
        "instruction": (
            "Start beside the corner of the mouth and glide up and out across the cheek to the "
            "top of the ear, keeping the device flat. Hold it still at the ear for a count of "
            "three. Do 5 glides on one side, then 5 on the other."
        ),
        "cue": "From the mouth up to the ear: glide, then hold for three.",
    },
    {
        "slug": "micro-forehead-glide",
        "technique": "microcurrent",
        "title": "Microcurrent: forehead glide and hold",
        "zone": Zone.FOREHEAD,
        "direction": Direction.UPWARD,
        "side": Side.IN_TURN,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 48,
        "stroke_count": 8,
        "instruction": (
            "Place the device just above one brow and glide straight up to the hairline, then "
            "hold it still for a count of three. Keep well away from the eyelids. Do 4 glides "
            "on one side, then 4 on the other."
        ),
        "cue": "Brow to hairline: glide up, then hold for three.",
    },
    {
        "slug": "micro-brow-hold",
        "technique": "microcurrent",
        "title": "Microcurrent: brow tail hold",
        "zone": Zone.BROW,
        "direction": Direction.PRESS,
        "side": Side.IN_TURN,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 30,
        "stroke_count": 6,
        "instruction": (
            "Rest the device on the gel just above the tail of one brow and hold it still, "
            "without pressing. Hold 3 times on each side, moving on each time the player "
            "says so. Then switch the device off and wipe away the gel."
        ),
        "cue": "Above the tail of the brow: hold still, three times each side.",
    },
]
STEPS += MICROCURRENT_STEPS

ROUTINES = [
    {
        "slug": "morning-de-puff",
        "title": "Morning de-puff",
        "goal": Goal.DEPUFF,
        "description": (
            "Five minutes of feather-light lymphatic drainage: open the neck and collarbones, "
            "then move fluid from the centre of the face outward and down toward the neck. It can "
            "ease morning puffiness for a few hours; it does not slim the face."
        ),
        "steps": [
            "neck-sides-sweep",
            "collarbone-hollow-press",
            "ears-v-sweep",
            "forehead-centre-to-temples",
            "brow-inner-to-outer",
            "temples-to-neck",
            "under-eye-inner-to-outer",
            "cheeks-nose-to-ears",
            "mouth-centre-to-corners",
            "jaw-chin-to-ear",
            "neck-finish-drain",
        ],
    },
    {
        "slug": "gua-sha-sculpt",
        "title": "Gua sha sculpt",
        "goal": Goal.SCULPT,
        "description": (
            "About ten minutes of gua sha, one side at a time, with the stone held nearly flat "
            "and every stroke carried down the neck. Expect a less puffy, more defined look for a "
            "few hours; it does not remove fat or reshape the jaw."
        ),
        "steps": [
            "prep-clean-skin",
            "prep-apply-oil",
            "gua-sha-neck-open-left",
            "gua-sha-neck-open-right",
            "gua-sha-jaw-left",
            "gua-sha-jaw-right",
            "gua-sha-cheekbone-left",
            "gua-sha-cheekbone-right",
            "gua-sha-cheek-left",
            "gua-sha-cheek-right",
            "gua-sha-under-eye-left",
            "gua-sha-under-eye-right",
            "gua-sha-brow-left",
            "gua-sha-brow-right",
            "gua-sha-forehead-left",
            "gua-sha-forehead-right",
            "gua-sha-neck-finish",
        ],
    },
    {
        "slug": "classic-facial-massage",
        "title": "Classic facial massage",
        "goal": Goal.SKIN,
        "description": (
            "A 20-minute classic facial massage, the session length used in a small clinical "
            "study in which 30 such sessions improved skin appearance and wrinkle depth. Any "
            "benefit comes from regular practice over weeks, not from one session."
        ),
        "steps": [
            "massage-warm-palms",
            ("massage-neck-strokes", 90),
            ("massage-face-effleurage", 90),
            "massage-forehead-hand-over-hand",
            ("massage-forehead-circles", 90),
            "massage-brow-pinch",
            "massage-temple-circles",
            "massage-eye-orbit-trace",
            "massage-nose-sides",
            ("massage-cheek-circles", 120),
            "massage-cheek-knuckle-kneading",
            "massage-cheek-lifting-strokes",
            "massage-mouth-circles",
            "massage-jaw-pinch",
            ("massage-jaw-muscle-circles", 90),
            "massage-ear-squeeze",
            ("massage-fingertip-tapping", 60),
            ("massage-closing-strokes", 90),
            "massage-palm-rest",
        ],
    },
    {
        "slug": "facial-yoga-forehead",
        "title": "Facial yoga: forehead and the 11s",
        "goal": Goal.EXPRESSION,
        "description": (
            "Five and a half minutes of mirror work for the forehead and the frown lines between "
            "the brows. "
            "It will not erase lines; it trains you to notice the frown and let those muscles "
            "rest, which is what the evidence can honestly support."
        ),
        "steps": [
            ("yoga-expression-awareness", 60),
            "yoga-forehead-smoothing",
            "yoga-look-up-still-forehead",
            "yoga-brow-lift-resistance",
            "yoga-frown-line-release",
            "yoga-wide-eyes-still-brows",
            "yoga-temple-press-breath",
            "yoga-soft-face-check",
        ],
    },
    {
        "slug": "evening-face-roller",
        "title": "Evening roller wind-down",
        "goal": Goal.RELAX,
        "description": (
            "Five calm minutes with a cool face roller, opening the neck and collarbones first "
            "and rolling outward and down. It soothes and briefly de-puffs; it does not firm the "
            "skin or slim the face."
        ),
        "steps": [
            "roller-neck-down",
            ("collarbone-hollow-press", 20),
            "roller-jaw",
            "roller-chin-and-lip",
            "roller-cheeks",
            "roller-under-eye",
            "roller-forehead",
            "roller-cool-temples",
            "roller-neck-down",
            "collarbone-slow-breaths",
        ],
    },
    {
        "slug": "desk-break-de-puff",
        "title": "Desk break de-puff",
        "goal": Goal.DEPUFF,
        "description": (
            "Two minutes of feather-light drainage you can do at your desk, neck first. A quick, "
            "temporary de-puff, not a lasting change."
        ),
        "steps": [
            ("neck-sides-sweep", 20),
            ("collarbone-hollow-press", 15),
            ("under-eye-inner-to-outer", 20),
            ("cheeks-nose-to-ears", 25),
            ("jaw-chin-to-ear", 20),
            ("neck-finish-drain", 20),
        ],
    },
    {
        "slug": "jaw-unclench",
        "title": "Jaw and temple unclench",
        "goal": Goal.RELAX,
        "description": (
            "Six minutes to loosen a clenched jaw and tight temples at the end of the day. It can "
            "ease muscle tension for a while; jaw pain that keeps coming back, or headaches, are "
            "worth raising with a dentist or doctor."
        ),
        "steps": [
            "collarbone-slow-breaths",
            "massage-neck-strokes",
            "yoga-jaw-soft-hang",
            "massage-jaw-muscle-circles",
            ("massage-jaw-pinch", 45),
            "massage-temple-circles",
            "massage-ear-squeeze",
            "yoga-soft-face-check",
        ],
    },
    {
        "slug": "microcurrent-lift",
        "title": "Microcurrent lift",
        "goal": Goal.SCULPT,
        "description": (
            "Four minutes with a handheld microcurrent device: glide and hold along the jaw, "
            "cheeks, forehead and brows, paced step by step. Expect an instant lift that fades "
            "within hours; it does not remove fat or permanently reshape the face. Offered only "
            "to people who say in the safety check that they own a device."
        ),
        "steps": [
            "micro-prep-gel",
            "micro-jaw-glide",
            "micro-cheek-glide",
            "micro-forehead-glide",
            "micro-brow-hold",
        ],
    },
]
