#!/usr/bin/env python3
"""Draws the gateway accuracy study's sample (docs/accuracy.md) from `parapet gateway --json`
reports: the same number of findings from each corpus, with a fixed seed (per corpus), leaving out the
findings Parapet itself marks as undecidable (`properties.result` = `unknown`, at info), which
are counted instead.

    ci/accuracy/gateway-sample.py SIZE SEED NAME=REPORT.json...
"""
import json
import random
import sys


def findings(path):
    with open(path, encoding="utf-8") as report:
        return [f for job in json.load(report)["jobs"] for f in job["findings"]]


def main():
    size, seed, corpora = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    share, extra = divmod(size, len(corpora))
    for index, corpus in enumerate(corpora):
        name, path = corpus.split("=", 1)
        found = findings(path)
        decided = [f for f in found if f.get("properties", {}).get("result") != "unknown"]
        print(f"# {name}: {len(found)} findings, {len(found) - len(decided)} unknown")
        take = min(len(decided), share + (1 if index < extra else 0))
        # One generator per corpus: a change in one corpus's findings leaves the others' draws.
        for f in random.Random(f"{seed}:{name}").sample(decided, take):
            place = f"{f['location']['path']}:{f['location']['startLine']}"
            print(f"{name}\t{place}\t{f['ruleId']}\t{f['severity']}\t{f['message']}")


if __name__ == "__main__":
    main()
