#!/usr/bin/env python3
"""Generates the benchmark repository: COMMITS commits (default 4000) over a tree of realistic
source, config and data files, each commit changing a few lines of one to three files, with a
few format-valid tokens planted along the way.

    make-bench-repo.py DIR [COMMITS]

It writes a `git fast-import` stream, so thousands of commits take seconds, then repacks the
objects as a clone would receive them. The content is deterministic (fixed seed): every run
benchmarks the same repository.
"""
import os
import random
import subprocess
import sys
import zlib

rng = random.Random(20261123)
ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
WORDS = ("account order invoice customer product price quantity total status created updated "
         "request response handler client server config retry timeout cache session queue "
         "event payload schema record index value result error message user admin report").split()


def word():
    return rng.choice(WORDS)


def python_line():
    kind = rng.random()
    if kind < 0.25:
        return f"    {word()}_{word()} = {word()}.get('{word()}', {rng.randint(0, 999)})"
    if kind < 0.45:
        return f"    if {word()}.{word()} > {rng.randint(1, 99)}:"
    if kind < 0.6:
        return f"        logger.info('{word()} {word()} %s', {word()}_{word()})"
    if kind < 0.75:
        return f"def {word()}_{word()}({word()}, {word()}=None):"
    if kind < 0.9:
        return f"    return {{'{word()}': {word()}, '{word()}': {rng.randint(0, 10**6)}}}"
    return "    # " + " ".join(word() for _ in range(rng.randint(4, 12)))


def yaml_line():
    return f"  {word()}_{word()}: {rng.choice([str(rng.randint(0, 9999)), word(), 'true', 'false'])}"


def json_line():
    return f'    {{"id": {rng.randint(1, 10**7)}, "{word()}": "{word()} {word()}", "{word()}": {rng.random():.6f}}},'


def make_file(index):
    kind = index % 10
    if kind < 6:
        return f"src/{word()}/module_{index}.py", [python_line() for _ in range(rng.randint(80, 400))]
    if kind < 8:
        return f"config/{word()}_{index}.yaml", ["settings:"] + [yaml_line() for _ in range(rng.randint(30, 150))]
    if kind < 9:
        return f"docs/{word()}_{index}.md", [" ".join(word() for _ in range(rng.randint(5, 15))) for _ in range(rng.randint(40, 200))]
    # Large data files that change a line at a time: the case where whole-blob scanning reads
    # far more than the added lines.
    return f"data/{word()}_{index}.json", ["["] + [json_line() for _ in range(rng.randint(3000, 6000))] + ["]"]


def crc_token(prefix):
    body = "".join(rng.choice(ALNUM) for _ in range(30))
    value, check = zlib.crc32(body.encode()), ""
    while value:
        check = ALNUM[value % 62] + check
        value //= 62
    return prefix + body + check.rjust(6, "0")


def planted():
    hexd = "0123456789abcdef"
    return [
        f"    token = '{crc_token('ghp_')}'",
        f"    stripe_key = 'sk_live_{''.join(rng.choice(ALNUM) for _ in range(32))}'",
        f"    AWS_ACCESS_KEY_ID = 'AKIA{''.join(rng.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567') for _ in range(16))}'",
        f"    slack = 'xoxb-{rng.randint(10**11, 10**12)}-{rng.randint(10**12, 10**13)}-{''.join(rng.choice(ALNUM) for _ in range(24))}'",
        f"    do_token = 'dop_v1_{''.join(rng.choice(hexd) for _ in range(64))}'",
    ]


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    root = sys.argv[1]
    commits = int(sys.argv[2]) if len(sys.argv) == 3 else 4000
    os.makedirs(root, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", root], check=True)
    files = dict(make_file(i) for i in range(300))
    paths = sorted(files)
    tokens = planted()
    plant_at = {commits * (k + 1) // (len(tokens) + 1): tokens[k] for k in range(len(tokens))}
    stream = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=root, stdin=subprocess.PIPE)

    def emit(data):
        stream.stdin.write(data if isinstance(data, bytes) else data.encode())

    def commit(number, changed):
        message = f"change {number}\n".encode()
        emit(f"commit refs/heads/main\nmark :{number + 1}\n")
        emit(f"author Bench Author <bench@example.org> {1_600_000_000 + number * 600} +0000\n")
        emit(f"committer Bench Author <bench@example.org> {1_600_000_000 + number * 600} +0000\n")
        emit(f"data {len(message)}\n".encode() + message)
        if number > 0:
            emit(f"from :{number}\n")
        for path in changed:
            body = ("\n".join(files[path]) + "\n").encode()
            emit(f"M 100644 inline {path}\ndata {len(body)}\n".encode() + body)

    commit(0, paths)
    for number in range(1, commits):
        changed = rng.sample(paths, rng.randint(1, 3))
        for path in changed:
            lines = files[path]
            for _ in range(rng.randint(1, 4)):
                at = rng.randrange(1, len(lines))
                generator = json_line if path.endswith(".json") else yaml_line if path.endswith(".yaml") else python_line
                if rng.random() < 0.6:
                    lines[at] = generator()
                else:
                    lines.insert(at, generator())
        if number in plant_at:
            target = next(p for p in changed) if changed[0].endswith(".py") else rng.choice([p for p in paths if p.endswith(".py")])
            if target not in changed:
                changed.append(target)
            files[target].insert(rng.randrange(1, len(files[target])), plant_at[number])
        commit(number, changed)
    emit("done\n")
    stream.stdin.close()
    if stream.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, check=True)
    # fast-import writes a pack with weak, forward delta chains (86 MB here); a repository users
    # have was cloned or gc'd, so its pack comes from pack-objects. Repack like a server does.
    subprocess.run(["git", "repack", "-q", "-a", "-d", "-f"], cwd=root, check=True)
    size = sum(len("\n".join(v)) for v in files.values())
    print(f"{root}: {commits} commits, {len(files)} files, {size // 1024} KiB in the work tree, {len(tokens)} tokens planted")


if __name__ == "__main__":
    main()
