"""
The curated studies behind the techniques' evidence notes (catalogue.models.Study).

Loaded by ``manage.py load_content``, matched by slug and only ever created,
like catalogue/curated.py. ``techniques`` are technique slugs. Plain words;
where a number is not certain, the text says "small" rather than invent one.
"""

STUDIES = [
    {
        "slug": "alam-2018-facial-exercise",
        "authors": "Alam et al.",
        "year": 2018,
        "title": "Association of facial exercise with the appearance of aging",
        "source": "JAMA Dermatology",
        "design": (
            "Middle-aged women learnt a set of facial exercises and did them at home; "
            "dermatologists rated photos taken before and after."
        ),
        "size": "27 women enrolled, 16 finished",
        "length": "20 weeks: daily for 8 weeks, then every other day",
        "outcome": (
            "Fuller upper and lower cheeks in the photos, and the women's estimated age fell "
            "from 50.8 to 48.1 years on average."
        ),
        "limits": (
            "No control group, so we cannot tell how much came from the exercises; few people, "
            "and many dropped out. It says nothing about wrinkles going away."
        ),
        "link": "https://jamanetwork.com/journals/jamadermatology/fullarticle/2666801",
        "techniques": ["facial-yoga"],
    },
    {
        "slug": "van-borsel-2014-review",
        "authors": "Van Borsel et al.",
        "year": 2014,
        "title": (
            "The effectiveness of facial exercises for facial rejuvenation: a systematic review"
        ),
        "source": "Aesthetic Surgery Journal",
        "design": (
            "A systematic review: the authors gathered every study of facial exercises they found."
        ),
        "size": "9 studies, none of them controlled",
        "length": "Studies published up to 2013",
        "outcome": (
            "The evidence was too weak to say whether facial exercises rejuvenate the face."
        ),
        "limits": (
            "It can only be as good as the studies it found, and they were small and "
            "uncontrolled. It came before Alam et al. 2018."
        ),
        "link": "",
        "techniques": ["facial-yoga"],
    },
    {
        "slug": "nielsen-2007-gua-sha",
        "authors": "Nielsen et al.",
        "year": 2007,
        "title": "The effect of gua sha treatment on the microcirculation of surface tissue",
        "source": "Explore (a pilot study in healthy people)",
        "design": (
            "Healthy adults had gua sha on the back; blood flow just under the skin was measured "
            "before and after."
        ),
        "size": "11 people",
        "length": "One treatment, measured over the following minutes",
        "outcome": (
            "Blood flow in the treated skin rose several-fold for a few minutes, then settled."
        ),
        "limits": (
            "On the back, with firmer strokes than on the face; very few people; one session; "
            "no effect on puffiness, skin or shape was measured."
        ),
        "link": "",
        "techniques": ["gua-sha"],
    },
    {
        "slug": "miyaji-2018-face-roller",
        "authors": "Miyaji et al.",
        "year": 2018,
        "title": "Short- and long-term effects of using a facial massage roller on facial skin "
        "blood flow and vascular reactivity",
        "source": "Complementary Therapies in Medicine",
        "design": (
            "Healthy adults rolled a facial massage roller over the face; skin blood flow was "
            "measured straight after one use and after weeks of use, against people who did not."
        ),
        "size": "Small",
        "length": "One session, and about five weeks of daily use",
        "outcome": "More blood flow in the facial skin after rolling; a small change after weeks.",
        "limits": (
            "Co-funded by the roller's maker; small; it measured blood flow, not wrinkles, "
            "firmness, puffiness or fat."
        ),
        "link": "",
        "techniques": ["face-roller"],
    },
    {
        "slug": "lymphatic-drainage-facial-swelling",
        "authors": "Several research groups",
        "year": None,
        "title": "Manual lymphatic drainage for facial swelling after surgery",
        "source": "Small clinical trials, mostly after jaw, dental or facial surgery",
        "design": (
            "Patients swollen after surgery had manual lymphatic drainage from a therapist, "
            "compared in some trials with usual care."
        ),
        "size": "Small trials",
        "length": "Days to a few weeks after surgery",
        "outcome": (
            "Mixed: some trials found swelling went down faster, others found little difference."
        ),
        "limits": (
            "Done by trained therapists on swelling after surgery, not on a puffy morning face at "
            "home; small and few; any effect on ordinary puffiness lasts hours, not days."
        ),
        "link": "",
        "techniques": ["lymphatic-drainage"],
    },
    {
        "slug": "microcurrent-makers-studies",
        "authors": "Device makers",
        "year": None,
        "title": "Studies of facial microcurrent devices",
        "source": "Mostly run or paid for by the devices' makers",
        "design": "Users of a device are photographed or measured before and after weeks of use.",
        "size": "Small",
        "length": "A single use to a few months",
        "outcome": "A firmer look straight after use; longer-term lifting is claimed, not shown.",
        "limits": (
            "Small, often without a control group, and not confirmed by independent researchers. "
            "Nothing shows lasting change or fat loss."
        ),
        "link": "",
        "techniques": ["microcurrent"],
    },
]
