"""Load the tagger (CRF weights + gazetteer + lexicon) from a model folder and tag sentences.

Loading reads local files only: the shipped model is in `warta/ner/model/` inside the package.
"""
from __future__ import annotations

import json
from pathlib import Path

import pycrfsuite

from .features import Featurizer, Gazetteer, sentence_mode
from .resources import load_gazetteer, load_lexicon

SHIPPED_MODEL = Path(__file__).parent / "model"
CRF_FILE = "ner.crfsuite"
LOWER_CRF_FILE = "ner_lower.crfsuite"
GAZ_FILE = "gazetteer.tsv.gz"
LEX_FILE = "lexicon.tsv.gz"
META_FILE = "meta.json"


class NerModel:
    def __init__(self, directory: str | Path = SHIPPED_MODEL):
        directory = Path(directory)
        crf = directory / CRF_FILE
        if not crf.exists():
            raise FileNotFoundError(f"no NER model in {directory} (train one with `warta train-ner`)")
        self.directory = directory
        cap, clusters = load_lexicon(directory / LEX_FILE)
        gaz_names = load_gazetteer(directory / GAZ_FILE)
        meta = directory / META_FILE
        self.meta = json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}
        self.featurizer = Featurizer(Gazetteer(gaz_names) if gaz_names else None, cap, clusters,
                                     **self.meta.get("features", {}))
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(crf))
        # Optional second CRF for lowercase / ALL-CAPS sentences (trained on NERP + lowercased
        # NERGrit): NERP's conventions (government bodies and parties are O, brands are ORG)
        # contradict NERGrit's, so the cased model is trained without them.
        self.lower_tagger = None
        if (directory / LOWER_CRF_FILE).exists():
            self.lower_tagger = pycrfsuite.Tagger()
            self.lower_tagger.open(str(directory / LOWER_CRF_FILE))

    def tag(self, words: list[str]) -> list[str]:
        """BIO tags (PER/ORG/LOC) for one tokenised sentence."""
        if not words:
            return []
        mode = sentence_mode(words)
        tagger = self.lower_tagger if (mode != "C" and self.lower_tagger is not None) else self.tagger
        return tagger.tag(self.featurizer.sentence(words, mode))


_LOADED: dict[str, NerModel] = {}


def load_model(directory: str | Path | None = None) -> NerModel:
    """The model in `directory` (default: the shipped one), loaded once per process."""
    key = str(Path(directory or SHIPPED_MODEL).resolve())
    if key not in _LOADED:
        _LOADED[key] = NerModel(key)
    return _LOADED[key]
