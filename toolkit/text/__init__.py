"""Arabic text core: normalization, tokens and sentences with offsets, clitics, stopwords.

Every token and sentence carries ``start``/``end`` into the ORIGINAL text;
normalization makes a view for matching and counting, never a replacement.

>>> from toolkit.text import normalize, tokenize, words, sentences
>>> normalize("الإيطالية") == normalize("الايطالية")
True
>>> [t.text for t in tokenize("البلاد.لكن")]
['البلاد', '.', 'لكن']
"""

from toolkit.text.analysis import Analysis, DocumentTokens, analyze, document_tokens
from toolkit.text.normalization import PRESETS, OffsetMap, normalize, normalize_with_offsets
from toolkit.text.segmentation import PROCLITICS, segment, split_proclitics
from toolkit.text.sentence_split import Span, sentences
from toolkit.text.stopwords import STOPWORDS, get_stopwords
from toolkit.text.tokens import KINDS, WORD_KINDS, Token, tokenize, words

__all__ = [
    "Analysis",
    "DocumentTokens",
    "KINDS",
    "PRESETS",
    "PROCLITICS",
    "STOPWORDS",
    "WORD_KINDS",
    "OffsetMap",
    "analyze",
    "document_tokens",
    "Span",
    "Token",
    "get_stopwords",
    "normalize",
    "normalize_with_offsets",
    "segment",
    "sentences",
    "split_proclitics",
    "tokenize",
    "words",
]
