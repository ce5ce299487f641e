"""Write the loaded-language model file (features/lexicons/loaded_model_v1.npz) from the
model's JSON form, the form bench/train_loaded.py wrote until the model file became an .npz.

    git show 6bea5c0:features/lexicons/loaded_model_v1.json > /tmp/loaded_model_v1.json
    python -m bench.loaded_model_file /tmp/loaded_model_v1.json

The file is checked on the way: read back, it gives the JSON's model dict exactly (every
key, every float to the bit).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from features.lexicons import lexicon_path
from features.loaded_model import MODEL_FORMAT, MODEL_RESOURCE, model_dict, save_model_file

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("json_file", type=Path, help="the model as JSON (LoadedModel.to_dict output)")
    ap.add_argument("--out", type=Path, default=Path(str(lexicon_path("__init__.py"))).with_name(MODEL_RESOURCE))
    args = ap.parse_args()
    d = json.loads(args.json_file.read_text(encoding="utf-8"))
    if d.get("format") != MODEL_FORMAT:
        raise SystemExit(f"{args.json_file}: format {d.get('format')!r}, expected {MODEL_FORMAT!r}")
    save_model_file(d, args.out)
    with np.load(args.out, allow_pickle=False) as data:
        back = model_dict({k: data[k] for k in data.files})
    if json.dumps(back, sort_keys=True) != json.dumps(d, sort_keys=True):
        raise SystemExit(f"{args.out} does not read back as {args.json_file}")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes; the JSON {args.json_file.stat().st_size:,})")


if __name__ == "__main__":
    main()
