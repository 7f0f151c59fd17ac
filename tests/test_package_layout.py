"""No submodule of toolkit is shadowed by an attribute of its package (issue #16).

``import toolkit.text.tokens as m`` must give the module wherever ``tokens`` is a module,
and the public functions keep their names: ``toolkit.text.tokenize`` is the function,
defined in ``toolkit.text.tokens``. The five modules that same-named functions shadowed
(text's tokenize, normalize, segment, sentences and corpus's sample) are renamed by the
rename script run on main; until then the layout tests are expected to fail (strict xfail:
a rename without the script shows up as an XPASS), and the script removes their marks.
"""

from __future__ import annotations

import importlib
import pkgutil
import types

import pytest

import toolkit

#: the renamed modules do not exist before the rename: the layout tests fail until then
BEFORE_RENAME = "shadowed modules not renamed yet (run the rename script)"

#: (module, the public function it defines, which its package exports under the same name)
RENAMED = [
    ("toolkit.text.tokens", "tokenize"),
    ("toolkit.text.normalization", "normalize"),
    ("toolkit.text.segmentation", "segment"),
    ("toolkit.text.sentence_split", "sentences"),
    ("toolkit.corpus.embedded", "sample"),
]


def _submodules():
    for info in pkgutil.walk_packages(toolkit.__path__, "toolkit."):
        if info.name.rpartition(".")[2] != "__main__":  # runs the CLI when imported
            yield info.name


def test_no_submodule_is_shadowed_by_an_attribute_of_its_package():
    shadowed = []
    for name in _submodules():
        module = importlib.import_module(name)
        parent, _, leaf = name.rpartition(".")
        attribute = getattr(importlib.import_module(parent), leaf)
        if attribute is not module:
            shadowed.append(f"{name} (the package's {leaf!r} is a {type(attribute).__name__})")
    assert shadowed == []


@pytest.mark.parametrize("module_name, function", RENAMED)
def test_renamed_module_is_a_module_and_the_function_keeps_its_name(module_name, function):
    module = importlib.import_module(module_name)
    package = importlib.import_module(module_name.rpartition(".")[0])
    assert isinstance(module, types.ModuleType)
    assert getattr(package, module_name.rpartition(".")[2]) is module
    public = getattr(package, function)
    assert callable(public) and not isinstance(public, types.ModuleType)
    assert getattr(module, function) is public


def test_public_functions_work_under_their_names_on_arabic():
    from toolkit.corpus import sample
    from toolkit.text import normalize, segment, sentences, tokenize

    # worked by hand: "البلاد.لكن" is a word, a full stop, a word
    assert [t.text for t in tokenize("البلاد.لكن")] == ["البلاد", ".", "لكن"]
    # hamza under alef (إ) becomes a bare alef, final ta marbuta (ة) a ha (ه)
    assert normalize("الإيطالية") == normalize("الايطالية") == "الايطاليه"
    # two sentences: the first ends after its full stop (15 characters, offsets into the text)
    text = "وصل حفتر اليوم. ثم غادر."
    assert [(s.start, s.end) for s in sentences(text)] == [(0, 15), (16, 24)]
    # و + ال + حكومة: the conjunction and the article are proclitics
    assert segment("والحكومة") == ["و", "ال", "حكومة"]
    assert len(sample()) == 1


def test_modules_are_importable_as_modules_under_their_new_names():
    import toolkit.corpus.embedded as embedded
    import toolkit.text.normalization as normalization
    import toolkit.text.segmentation as segmentation
    import toolkit.text.sentence_split as sentence_split
    import toolkit.text.tokens as tokens

    for m in (embedded, normalization, segmentation, sentence_split, tokens):
        assert isinstance(m, types.ModuleType)
    assert tokens.KIND_CODE is not None and hasattr(tokens, "WORD_KINDS")
