#!/usr/bin/env python3
"""Writes the deps benchmark's lockfiles under DIR: a 5,000-package package-lock.json (v3), a
1,000-package poetry.lock and a 600-package Cargo.lock, with dependency edges and a few versions
that the shared advisories mark as vulnerable. Deterministic (fixed seed).

    make-lockfiles.py DIR
"""
import json
import os
import random
import sys

rng = random.Random(4)


def name(prefix, index):
    return f"{prefix}-{rng.choice(['core', 'util', 'http', 'json', 'io', 'log'])}-{index}"


def npm(root, count):
    packages = {"": {"name": "bench", "version": "1.0.0", "dependencies": {}}}
    names = [name("pkg", i) for i in range(count)]
    for i, package in enumerate(names):
        deps = {d: f"^{1 + j % 3}.0.0" for j, d in enumerate(rng.sample(names, 3)) if d != package}
        packages[f"node_modules/{package}"] = {
            "version": f"{1 + i % 3}.{i % 17}.{i % 5}", "resolved": f"https://registry.npmjs.org/{package}/-/{package}.tgz",
            "integrity": "sha512-" + "".join(rng.choice("abcdefABCDEF0123456789+/") for _ in range(86)) + "==",
            "dependencies": deps, **({"dev": True} if i % 7 == 0 else {}),
        }
        if i < 200:
            packages[""]["dependencies"][package] = "^1.0.0"
    with open(os.path.join(root, "web", "package-lock.json"), "w") as out:
        json.dump({"name": "bench", "version": "1.0.0", "lockfileVersion": 3, "requires": True, "packages": packages}, out, indent=2)


def poetry(root, count):
    lines = []
    pinned = [("requests", "2.25.0"), ("urllib3", "1.26.4"), ("jinja2", "2.10"), ("pyyaml", "5.3"), ("django", "3.2.0")]
    names = [name("py", i) for i in range(count - len(pinned))]
    for package, version in pinned + [(n, f"{i % 4}.{i % 9}.{i % 3}") for i, n in enumerate(names)]:
        lines += ["[[package]]", f'name = "{package}"', f'version = "{version}"', 'description = "bench"',
                  'optional = false', 'python-versions = ">=3.8"', 'groups = ["main"]', "",
                  "[package.dependencies]"]
        lines += [f'{d} = ">=1.0"' for d in rng.sample(names, 2)] + [""]
    with open(os.path.join(root, "api", "poetry.lock"), "w") as out:
        out.write("\n".join(lines) + '\n[metadata]\nlock-version = "2.0"\npython-versions = "^3.8"\n')


def cargo(root, count):
    lines = ["version = 3", "", "[[package]]", 'name = "bench"', 'version = "0.1.0"', "dependencies = ["]
    names = [name("crate", i) for i in range(count - 2)]
    lines += [f' "{n}",' for n in names[:50]] + [' "smallvec",', ' "bigint",', "]", ""]
    for package, version in [("smallvec", "1.6.0"), ("bigint", "4.4.3")] + [(n, f"0.{i % 30}.{i % 7}") for i, n in enumerate(names)]:
        lines += ["[[package]]", f'name = "{package}"', f'version = "{version}"',
                  'source = "registry+https://github.com/rust-lang/crates.io-index"',
                  'checksum = "' + "".join(rng.choice("0123456789abcdef") for _ in range(64)) + '"', ""]
    with open(os.path.join(root, "core", "Cargo.lock"), "w") as out:
        out.write("\n".join(lines))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = sys.argv[1]
    for folder in ("web", "api", "core"):
        os.makedirs(os.path.join(root, folder), exist_ok=True)
    npm(root, 5000)
    poetry(root, 1000)
    cargo(root, 600)
    print(f"{root}: package-lock.json (5,000), poetry.lock (1,000), Cargo.lock (600)")


if __name__ == "__main__":
    main()
