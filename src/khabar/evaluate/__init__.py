"""Measure khabar: gold articles per layer (:mod:`.gold`) and CoNLL NER corpora (:mod:`.conll`)."""
