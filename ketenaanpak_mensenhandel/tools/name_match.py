"""Name comparison for duplicate-person detection (pure functions, no ORM).

Names arrive normalised by :func:`person_data.normalise_name`: lower case, no
diacritics, no tussenvoegsels, words sorted. PostgreSQL's trigram similarity on
the whole normalised name finds the candidates cheaply through the index, but
it scores a typo ("jan vreis": 0.43) below a different first name with the same
surname ("piet vries": 0.40 would be as close). The score below compares word
by word, so that a typo, an initial or a glued tussenvoegsel counts as nearly
the same word and a different first name does not.
"""

# Tussenvoegsels people glue to the surname: "Devries", "Vanderberg", "Terhorst".
GLUED_PREFIXES = sorted(
    {"vander", "vanden", "vande", "vant", "van", "opde", "int", "der", "den"}
    | {"ter", "ten", "te", "de", "von", "del", "la", "le", "da", "di", "du"},
    key=len,
    reverse=True,
)

INITIAL_SCORE = 0.9
GLUED_SCORE = 0.95
# Extra words (a second first name) lower the score a little, they do not
# rule a match out: "Jan Peter de Vries" may well be "Jan de Vries".
EXTRA_WORD_FACTOR = 0.9


def osa_distance(left, right):
    """Optimal string alignment distance: Levenshtein plus adjacent swaps."""
    if left == right:
        return 0
    rows, cols = len(left) + 1, len(right) + 1
    previous_previous = None
    previous = list(range(cols))
    for i in range(1, rows):
        current = [i] + [0] * (cols - 1)
        for j in range(1, cols):
            cost = 0 if left[i - 1] == right[j - 1] else 1
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost
            )
            if (
                previous_previous is not None
                and i > 1
                and j > 1
                and left[i - 1] == right[j - 2]
                and left[i - 2] == right[j - 1]
            ):
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        previous_previous, previous = previous, current
    return previous[-1]


def _strip_glued_prefix(word):
    for prefix in GLUED_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix) :]
    return word


def word_similarity(left, right):
    """Similarity of two normalised words, from 0.0 to 1.0."""
    if left == right:
        return 1.0
    if not left or not right:
        return 0.0
    short, long_ = sorted((left, right), key=len)
    if len(short) == 1:
        return INITIAL_SCORE if long_.startswith(short) else 0.0
    if _strip_glued_prefix(long_) == short:
        return GLUED_SCORE
    distance = osa_distance(left, right)
    # one typo in a short word is still a typo; two in a short word is another name
    return max(0.0, 1.0 - distance / max(len(long_), 4))


def name_match_score(left, right):
    """Score two normalised names from 0.0 (different) to 1.0 (the same).

    Words are paired greedily, best pair first; every word of the shorter name
    must find a partner, extra words of the longer name cost a little.
    """
    left_words = (left or "").split()
    right_words = (right or "").split()
    if not left_words or not right_words:
        return 0.0
    if left_words == right_words:
        return 1.0
    pairs = sorted(
        (
            (word_similarity(a, b), i, j)
            for i, a in enumerate(left_words)
            for j, b in enumerate(right_words)
        ),
        reverse=True,
    )
    used_left, used_right, total = set(), set(), 0.0
    for score, i, j in pairs:
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        total += score
    shorter = min(len(left_words), len(right_words))
    extra = abs(len(left_words) - len(right_words))
    return round(total / shorter * EXTRA_WORD_FACTOR**extra, 4)
