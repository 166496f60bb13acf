"""Public search: what citizens can find (sessions and their transcript answers, hot responses
and their replies, year pages, published questions), kept as one row per findable item in the
reader's language, and the answers already given beside the ask form."""
