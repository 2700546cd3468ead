"""
The face that routines are drawn on: its lines and each zone's area.

One drawing, two uses. The player's face guide (templates/practice/_face.html)
draws all of it, adds a stroke path per zone and direction, and lights the
current step's zone; a routine's card (templates/catalogue/_face_thumbnail.html)
draws a small copy with the zones its steps work lit. Both read the shapes
from here, so the card shows the same face and the same zones as the player.

Coordinates are in the drawing's viewBox (VIEWBOX). The face looks at the
viewer like a mirror image: a zone's "right" half is the PERSON's right, drawn
on the viewer's left (x < 100), and "left" is drawn on the viewer's right.
"""

from dataclasses import dataclass

from django.utils.safestring import mark_safe

from catalogue.models import Side, Zone

VIEWBOX = "0 12 200 240"


@dataclass(frozen=True)
class Shape:
    """One SVG shape's geometry: its element and the attributes that place it.

    In a template, `<path class="area right" {{ shape }}/>` writes the
    attributes (d="…", or cx="…" cy="…" rx="…" ry="…" for an ellipse).
    """

    element: str
    attributes: tuple[tuple[str, str], ...]

    def __html__(self) -> str:
        return " ".join(f'{name}="{value}"' for name, value in self.attributes)

    def __str__(self) -> str:
        # Safe: the attributes are this module's own numbers, never a person's text.
        return mark_safe(self.__html__())


def path(d: str) -> Shape:
    return Shape("path", (("d", d),))


def ellipse(cx: int, cy: int, rx: int, ry: int) -> Shape:
    return Shape("ellipse", (("cx", str(cx)), ("cy", str(cy)), ("rx", str(rx)), ("ry", str(ry))))


# The drawing: head, ears, neck, shoulders and features. Where a line comes in
# pairs, _right is the person's right (the viewer's left).
LINES = {
    "head": path(
        "M100 22 C66 22 46 46 46 88 C46 128 56 156 74 173 C84 182 92 186 100 186"
        " C108 186 116 182 126 173 C144 156 154 128 154 88 C154 46 134 22 100 22 Z"
    ),
    "hairline": path("M47 78 C50 52 70 41 100 43 C130 41 150 52 153 78"),
    "nose": path("M97 96 Q95 112 92 123"),
    "nostrils": path("M91 127 Q95 132 100 131 Q105 132 109 127"),
    "mouth": path("M87 152 Q100 159 113 152"),  # a small calm smile
    "ear_right": path("M47 94 C37 88 32 102 35 113 C37 121 42 127 49 126"),
    "ear_left": path("M153 94 C163 88 168 102 165 113 C163 121 158 127 151 126"),
    "inner_ear_right": path("M44 101 C39 102 39 111 43 115"),
    "inner_ear_left": path("M156 101 C161 102 161 111 157 115"),
    "neck_right": path("M77 176 C79 190 79 202 76 213"),
    "neck_left": path("M123 176 C121 190 121 202 124 213"),
    "shoulder_right": path("M76 213 C66 221 44 223 28 228 C16 232 9 244 7 258"),
    "shoulder_left": path("M124 213 C134 221 156 223 172 228 C184 232 191 244 193 258"),
    "collarbone_right": path("M94 236 C84 231 68 230 50 229"),
    "collarbone_left": path("M106 236 C116 231 132 230 150 229"),
    "brow_right": path("M67 86 Q78 79 92 84"),
    "brow_left": path("M133 86 Q122 79 108 84"),
    "eye_right": path("M69 100 Q79 107 89 100"),  # relaxed and softly closed
    "eye_left": path("M131 100 Q121 107 111 100"),
}

# What a card's thumbnail draws of it: at 60 pixels wide the fine lines
# (hairline, inner ears, nostrils, collarbones) only blur the outline.
THUMBNAIL_LINES = [
    LINES[name]
    for name in (
        "head",
        "ear_right",
        "ear_left",
        "neck_right",
        "neck_left",
        "shoulder_right",
        "shoulder_left",
        "brow_right",
        "brow_left",
        "eye_right",
        "eye_left",
        "nose",
        "mouth",
    )
]

# Each zone's area, its right and left halves, in drawing order: the whole
# face first, beneath the zones inside it.
AREAS = {
    Zone.WHOLE_FACE: {
        "right": path("M100 22 C66 22 46 46 46 88 C46 128 56 156 74 173 C84 182 92 186 100 186 Z"),
        "left": path(
            "M100 22 C134 22 154 46 154 88 C154 128 144 156 126 173 C116 182 108 186 100 186 Z"
        ),
    },
    Zone.NECK: {
        "right": path("M77 176 C79 190 79 202 76 213 L100 216 L100 186 C92 186 84 182 77 176 Z"),
        "left": path(
            "M123 176 C121 190 121 202 124 213 L100 216 L100 186 C108 186 116 182 123 176 Z"
        ),
    },
    Zone.COLLARBONE: {
        "right": path(
            "M97 233 C86 224 66 221 48 222 Q41 228 48 234 C66 235 84 238 95 242 Q101 238 97 233 Z"
        ),
        "left": path(
            "M103 233 C114 224 134 221 152 222 Q159 228 152 234"
            " C134 235 116 238 105 242 Q99 238 103 233 Z"
        ),
    },
    Zone.JAW: {
        "right": path(
            "M51 128 C53 148 61 163 74 173 C82 180 88 184 95 185 Q100 181 94 177"
            " C87 175 81 171 76 165 C68 156 61 144 60 128 Q56 123 51 128 Z"
        ),
        "left": path(
            "M149 128 C147 148 139 163 126 173 C118 180 112 184 105 185 Q100 181 106 177"
            " C113 175 119 171 124 165 C132 156 139 144 140 128 Q144 123 149 128 Z"
        ),
    },
    Zone.CHIN: {
        "right": path("M100 167 C90 167 84 171 84 176 C84 181 90 185 100 186 Z"),
        "left": path("M100 167 C110 167 116 171 116 176 C116 181 110 185 100 186 Z"),
    },
    Zone.MOUTH: {
        "right": path("M100 141 C87 141 79 146 79 153 C79 161 87 167 100 167 Z"),
        "left": path("M100 141 C113 141 121 146 121 153 C121 161 113 167 100 167 Z"),
    },
    Zone.CHEEKS: {"right": ellipse(68, 129, 14, 13), "left": ellipse(132, 129, 14, 13)},
    Zone.NOSE: {
        "right": path("M100 94 L96 94 Q94 112 89 125 Q90 133 100 134 Z"),
        "left": path("M100 94 L104 94 Q106 112 111 125 Q110 133 100 134 Z"),
    },
    Zone.UNDER_EYE: {
        "right": path("M68 104 Q79 111 91 104 Q89 116 79 117 Q69 116 68 104 Z"),
        "left": path("M132 104 Q121 111 109 104 Q111 116 121 117 Q131 116 132 104 Z"),
    },
    Zone.BROW: {
        "right": path("M64 88 C68 80 80 75 94 80 L94 88 C82 84 72 86 66 93 Z"),
        "left": path("M136 88 C132 80 120 75 106 80 L106 88 C118 84 128 86 134 93 Z"),
    },
    Zone.FOREHEAD: {
        "right": path("M100 46 C80 45 62 54 57 74 C70 77 86 77 100 77 Z"),
        "left": path("M100 46 C120 45 138 54 143 74 C130 77 114 77 100 77 Z"),
    },
    Zone.TEMPLES: {"right": ellipse(56, 86, 8, 12), "left": ellipse(144, 86, 8, 12)},
    Zone.EARS: {"right": ellipse(41, 108, 9, 19), "left": ellipse(159, 108, 9, 19)},
}

# Zones drawn inside the whole face's outline: where a routine lights the
# whole face, their areas would add nothing to the picture but bytes.
INSIDE_THE_FACE = {
    Zone.JAW,
    Zone.CHIN,
    Zone.MOUTH,
    Zone.CHEEKS,
    Zone.NOSE,
    Zone.UNDER_EYE,
    Zone.BROW,
    Zone.FOREHEAD,
    Zone.TEMPLES,
}

# The halves of the face a step on `side` works: one side, or both (a step
# done one side then the other works both by its end).
HALVES = {Side.LEFT: ("left",), Side.RIGHT: ("right",)}
BOTH_HALVES = ("right", "left")


@dataclass(frozen=True)
class Thumbnail:
    """A routine's face, small: its zones' areas to light, and the words for them."""

    areas: list[Shape]
    label: str


def thumbnail(zone_sides: dict[str, set[str]]) -> Thumbnail | None:
    """The thumbnail of a routine whose steps work `zone_sides` (zone → the
    sides its steps take, in the order the routine first works each zone);
    None for a routine with no steps."""
    if not zone_sides:
        return None

    def worked(zone: str) -> set[str]:
        sides = zone_sides.get(zone, ())
        return {half for side in sides for half in HALVES.get(side, BOTH_HALVES)}

    whole_face = worked(Zone.WHOLE_FACE)
    areas = []
    for zone, halves in AREAS.items():
        lit = worked(zone) - (whole_face if zone in INSIDE_THE_FACE else set())
        areas += [halves[half] for half in BOTH_HALVES if half in lit]
    labels = dict(Zone.choices)
    names = [labels.get(zone, zone).lower() for zone in zone_sides]
    return Thumbnail(areas=areas, label=f"Zones worked: {_listed(names)}")


def _listed(words: list[str]) -> str:
    """ "neck", "neck and jawline", "neck, jawline and cheeks"."""
    return " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)
