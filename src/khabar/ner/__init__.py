"""Named-entity recognition: the ``ner`` pipeline component.

>>> from khabar.ner import NerTagger
>>> NerTagger.provides
('entities',)
"""

from khabar.ner.tagger import NerTagger

__all__ = ["NerTagger"]
