from django import template

register = template.Library()


@register.filter
def cut_at_sentence(text: str, limit: int = 160) -> str:
    """
    The whole sentences of `text` that fit in `limit` characters, so a card
    never ends mid-thought; the first sentence alone if even it is longer,
    cut at a word with an ellipsis.
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in _sentences(text):
        if len(kept) + len(sentence) + 1 > limit:
            break
        kept = f"{kept} {sentence}".strip()
    if kept:
        return kept
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _sentences(text: str) -> list[str]:
    sentences, start = [], 0
    for index, character in enumerate(text):
        ends = index + 1 == len(text) or text[index + 1] == " "
        if character in ".!?" and ends:
            sentences.append(text[start : index + 1].strip())
            start = index + 1
    if start < len(text):
        sentences.append(text[start:].strip())
    return sentences
