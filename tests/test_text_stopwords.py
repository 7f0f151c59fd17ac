"""The shipped stopword list and its user-editable variants."""

from __future__ import annotations

from collections import Counter

import pytest

from toolkit.text import STOPWORDS, get_stopwords, normalize, words
from toolkit.text.stopwords import load_stopwords


def test_forms_are_search_normalized():
    assert all(w == normalize(w) for w in STOPWORDS)
    for w in ("في", "من", "الي", "علي", "ان", "الذي", "التي", "هذا", "قال", "وقال"):
        assert w in STOPWORDS, w
    for w in ("ليبيا", "حفتر", "الجيش", "فرنسا"):
        assert w not in STOPWORDS, w


def test_removes_the_function_words_of_the_seed(seed_text):
    counts = Counter(words(seed_text))
    top = [w for w, _ in counts.most_common(12)]
    # by hand: في، الي، من، ان، علي، التي are among the most frequent words of the article
    assert {"في", "الي", "من", "ان"} <= set(top)
    content = [w for w, _ in counts.most_common() if w not in STOPWORDS][:8]
    assert "ليبيا" in content and "حفتر" in content
    assert not set(content) & {"في", "من", "ان", "الي", "علي"}


def test_extend_and_remove(tmp_path):
    sw = get_stopwords(extra=["الليبية"], remove=["قال"])
    assert "الليبيه" in sw and "قال" not in sw and "في" in sw
    assert STOPWORDS == get_stopwords()
    path = tmp_path / "mine.txt"
    path.write_text("# my list\nحفتر\n\nماكرون  # comment\n", encoding="utf-8")
    assert load_stopwords(str(path)) == frozenset({"حفتر", "ماكرون"})
    with pytest.raises(TypeError, match="extra"):
        get_stopwords(extra="حفتر")
