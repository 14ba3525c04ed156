#!/usr/bin/env python3
"""Writes the signatures benchmark's repository: COUNT commits on one line of history, signed
alternately with an SSH ed25519 key and an OpenPGP Ed25519 key, plus the files both verifiers
need (allowed_signers, the exported OpenPGP public key, a gpg wrapper with the keyring).

    make-signed-repo.py OUT_DIR [COUNT]      (default 10000)

Signing runs ssh-keygen and gpg once per commit (about a minute for 10,000); the commit objects
are written by one `git hash-object --stdin-paths`, not one git process per commit.
"""
import os
import pathlib
import subprocess
import sys
import time

GIT_ENV = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"}


def run(*args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, env=GIT_ENV, **kwargs).stdout


def main() -> None:
    out = pathlib.Path(sys.argv[1]).resolve()
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    repo, keys, home = out / "repo", out / "keys", out / "gnupg"
    keys.mkdir(parents=True)
    home.mkdir(mode=0o700)
    run("git", "init", "-q", "-b", "main", str(repo))
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "dev", "-f", str(keys / "dev"))
    public = " ".join((keys / "dev.pub").read_text().split()[:2])
    (keys / "allowed_signers").write_text(f'dev@example.com namespaces="git" {public}\n')
    gpg = ["gpg", "--homedir", str(home), "--batch", "--no-tty"]
    run(*gpg, "--passphrase", "", "--pinentry-mode", "loopback",
        "--quick-gen-key", "Dev <dev@example.com>", "ed25519", "sign", "never")
    (keys / "trusted.asc").write_bytes(run(*gpg, "--armor", "--export", "dev@example.com"))
    wrapper = out / "gpg-wrapper"
    # The key is ultimately trusted (it was made here); trust-model always keeps gpg from
    # consulting a trust database git's letters would depend on.
    wrapper.write_text(
        f'#!/bin/sh\nexec gpg --homedir "{home}" --batch --no-tty --trust-model always "$@"\n')
    wrapper.chmod(0o755)

    (repo / "README").write_text("bench\n")
    blob = run("git", "-C", str(repo), "hash-object", "-w", "README").decode().strip()
    tree = run("git", "-C", str(repo), "mktree", input=f"100644 blob {blob}\tREADME\n".encode()).decode().strip()
    work = out / "objects"
    work.mkdir()
    parent = None
    for index in range(count):
        # The clock at commit time: each signature is made after its parent's commit time and
        # before its child's, as when people commit (parapet flags anything else as implausible).
        when = int(time.time())
        person = f"Dev <dev@example.com> {when} +0000"
        header = f"tree {tree}\n" + (f"parent {parent}\n" if parent else "")
        header += f"author {person}\ncommitter {person}\n"
        message = f"\ncommit {index}\n"
        payload = (header + message).encode()
        data = work / f"{index}.payload"
        data.write_bytes(payload)
        if index % 2 == 0:
            run("ssh-keygen", "-Y", "sign", "-q", "-n", "git", "-f", str(keys / "dev"), str(data))
            signature = (work / f"{index}.payload.sig").read_text().strip()
        else:
            signature = run(*gpg, "--armor", "--detach-sign", "--output", "-", str(data)).decode().strip()
        gpgsig = "gpgsig " + "\n ".join(signature.split("\n")) + "\n"
        commit = work / f"{index}.commit"
        commit.write_bytes((header + gpgsig + message).encode())
        # Each commit names its parent, so ids are needed in order: hash without writing.
        parent = run("git", "-C", str(repo), "hash-object", "-t", "commit", str(commit)).decode().strip()
    paths = "\n".join(str(work / f"{i}.commit") for i in range(count)) + "\n"
    run("git", "-C", str(repo), "hash-object", "-t", "commit", "-w", "--stdin-paths", input=paths.encode())
    run("git", "-C", str(repo), "update-ref", "refs/heads/main", parent)
    run("git", "-C", str(repo), "repack", "-adq")
    print(f"wrote {count} signed commits to {repo}")


if __name__ == "__main__":
    main()
