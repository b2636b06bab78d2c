"""Rules against a trained statement tagger on KoTA dev-40, with the same scorer.

    python training/quotes/compare.py [--model training/quotes/output/model-best]
"""
from __future__ import annotations

import argparse
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(HERE.parents[1] / ".." / "shared" / "data"))
    ap.add_argument("--model", default=str(HERE / "output" / "model-best"))
    args = ap.parse_args()
    import spacy

    from warta.evaluate import score_quotes_kota

    dev40 = Path(args.data) / "quotes" / "kota-414" / "dev-40.txt"
    nlp = spacy.load(args.model)

    def tagged(text: str) -> list[tuple[int, int]]:
        spans = []
        offset = 0
        for block in text.split("\n\n"):
            # The tagger was trained on KoTA tokens: split on spaces as the data is tokenised.
            from spacy.tokens import Doc
            doc = nlp(Doc(nlp.vocab, words=block.split()))
            pos, starts = 0, []
            for w in block.split():
                pos = block.index(w, pos)
                starts.append(pos)
                pos += len(w)
            for e in doc.ents:
                if e.label_ == "STATEMENT":
                    spans.append((offset + starts[e.start], offset + starts[e.end - 1] + len(doc[e.end - 1].text)))
            offset += len(block) + 2
        return spans

    for name, scores in (("rules", score_quotes_kota(dev40)), ("tagger", score_quotes_kota(dev40, tagged))):
        st = scores["statements"]
        print(f"{name:<7} KoTA dev-40 statements: P {st['precision']:.3f} R {st['recall']:.3f} F1 {st['f1']:.3f} "
              f"({st['predicted']} predicted, {st['gold']} gold); speaker accuracy {scores['speaker_accuracy']:.3f}")


if __name__ == "__main__":
    main()
