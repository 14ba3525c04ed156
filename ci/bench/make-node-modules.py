#!/usr/bin/env python3
"""Writes a project with an installed npm tree for the licenses benchmark: COUNT packages in
node_modules, each with a package.json that has no license field and a LICENSE file that is one
of the SPDX texts in ../shared/data/spdx/text, rewrapped at 72 columns under a real-looking
copyright line (so every license must be found by text matching), and the package-lock.json v3
that lists them.

    make-node-modules.py OUT_DIR [COUNT]      (default 300)
"""
import json
import pathlib
import random
import sys
import textwrap

ROOT = pathlib.Path(__file__).resolve().parents[2]
TEXTS = ROOT.parent / "shared/data/spdx/text"
# Weighted roughly as npm's registry is: mostly MIT and ISC, some Apache and BSD, a few others.
MIX = ["MIT"] * 12 + ["ISC"] * 4 + ["Apache-2.0"] * 3 + ["BSD-3-Clause", "BSD-2-Clause", "0BSD",
       "MPL-2.0", "Unlicense", "CC0-1.0", "BlueOak-1.0.0", "GPL-3.0-only", "LGPL-2.1-only"]


def main() -> None:
    out = pathlib.Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    rng = random.Random(7)
    packages = {"": {"name": "bench-app", "version": "1.0.0", "license": "MIT", "dependencies": {}}}
    for index in range(count):
        name = f"pkg-{index:04d}"
        version = f"{rng.randint(0, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}"
        license_id = rng.choice(MIX)
        folder = out / "node_modules" / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "package.json").write_text(json.dumps({"name": name, "version": version}))
        text = (TEXTS / f"{license_id}.txt").read_text(encoding="utf-8")
        holder = f"Copyright (c) {rng.randint(2005, 2026)} {name} contributors"
        paragraphs = [textwrap.fill(p, 72) for p in text.split("\n\n")]
        (folder / "LICENSE").write_text(holder + "\n\n" + "\n\n".join(paragraphs) + "\n")
        packages[""]["dependencies"][name] = version
        packages[f"node_modules/{name}"] = {"version": version}
    (out / "package.json").write_text(json.dumps({"name": "bench-app", "license": "MIT"}))
    (out / "package-lock.json").write_text(json.dumps(
        {"name": "bench-app", "lockfileVersion": 3, "requires": True, "packages": packages}, indent=2))
    print(f"wrote {count} packages under {out}")


if __name__ == "__main__":
    main()
