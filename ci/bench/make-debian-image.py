#!/usr/bin/env python3
"""Writes a container image made from a real Debian root file system, for ci/bench/image.sh:
the .deb files of 50 packages installed on this machine (those dpkg marks required, then
important, then standard, then the rest by name), downloaded with `apt-get download` and unpacked
with `dpkg-deb -x`, with their stanzas of this machine's /var/lib/dpkg/status. A second layer
adds an application: a Python lockfile and a settings file, which a third layer deletes.

    make-debian-image.py FOLDER

Writes FOLDER/debian.tar (docker-archive, gzip layers, as `docker save` writes them) and
FOLDER/debian-oci/ (an OCI image layout), and keeps the downloads in FOLDER/debs.
"""
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile

COUNT = 50


def installed():
    """This machine's installed packages: (priority rank, name, stanza)."""
    ranks = {"required": 0, "important": 1, "standard": 2}
    with open("/var/lib/dpkg/status", encoding="utf-8") as file:
        stanzas = file.read().split("\n\n")
    packages = []
    for stanza in stanzas:
        fields = dict(
            line.split(": ", 1) for line in stanza.splitlines() if ": " in line and not line.startswith(" ")
        )
        if fields.get("Status", "").endswith(" installed") and "Package" in fields:
            rank = ranks.get(fields.get("Priority"), 3)
            packages.append((rank, fields["Package"], fields.get("Architecture"), stanza.strip() + "\n"))
    return sorted(packages)


def download(folder, chosen):
    os.makedirs(folder, exist_ok=True)
    wanted = [f"{name}:{arch}" if arch not in (None, "all") else name for _, name, arch, _ in chosen]
    missing = [w for w in wanted if not any(f.startswith(w.split(":")[0] + "_") for f in os.listdir(folder))]
    if missing:
        subprocess.run(["apt-get", "download", *missing], cwd=folder, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def layer(files):
    """A gzip layer tar of (path, bytes or None for a folder, mode) entries, and its diff id."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for path, data, mode in files:
            info = tarfile.TarInfo(path)
            info.mode = mode
            if data is None:
                info.type = tarfile.DIRTYPE
                archive.addfile(info)
            else:
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
    tar = raw.getvalue()
    return gzip.compress(tar, mtime=0), "sha256:" + hashlib.sha256(tar).hexdigest()


def rootfs_layer(root, status):
    """The unpacked packages as a layer (symbolic links kept), with the dpkg status."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for folder, folders, files in os.walk(root):
            folders.sort()
            for name in sorted(folders) + sorted(files):
                full = os.path.join(folder, name)
                archive.add(full, arcname=os.path.relpath(full, root), recursive=False)
        for path, data in [("var/lib/dpkg/status", status.encode())]:
            info = tarfile.TarInfo(path)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    tar = raw.getvalue()
    return gzip.compress(tar, mtime=0), "sha256:" + hashlib.sha256(tar).hexdigest()


def main():
    folder = sys.argv[1]
    chosen = installed()[:COUNT]
    download(os.path.join(folder, "debs"), chosen)
    root = os.path.join(folder, "rootfs")
    subprocess.run(["rm", "-rf", root], check=True)
    os.makedirs(root)
    names = {name for _, name, _, _ in chosen}
    for deb in sorted(os.listdir(os.path.join(folder, "debs"))):
        if deb.split("_")[0] in names:
            subprocess.run(["dpkg-deb", "-x", os.path.join(folder, "debs", deb), root], check=True)
    status = "\n".join(stanza for _, _, _, stanza in chosen)
    layers = [rootfs_layer(root, status)]
    lock = (
        "[[package]]\nname = \"requests\"\nversion = \"2.25.0\"\n\n"
        "[[package]]\nname = \"urllib3\"\nversion = \"1.26.4\"\n"
    ).encode()
    settings = b"DATABASE_URL=postgres://app:s3cr3t-Passw0rd-9@db.internal:5432/app\n"
    layers.append(layer([("app", None, 0o755), ("app/poetry.lock", lock, 0o644),
                         ("app/settings.env", settings, 0o600)]))
    layers.append(layer([("app/.wh.settings.env", b"", 0o644)]))
    config = json.dumps({
        "architecture": "amd64", "os": "linux",
        "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                   "Cmd": ["bash"]},
        "rootfs": {"type": "layers", "diff_ids": [diff for _, diff in layers]},
        "history": [{"created_by": "ADD rootfs /"}, {"created_by": "COPY app /app"},
                    {"created_by": "RUN rm /app/settings.env"}],
    }, sort_keys=True).encode()
    config_digest = hashlib.sha256(config).hexdigest()
    blobs = {config_digest: config}
    for data, _ in layers:
        blobs[hashlib.sha256(data).hexdigest()] = data
    manifest = json.dumps([{
        "Config": f"blobs/sha256/{config_digest}", "RepoTags": ["bench/debian:50"],
        "Layers": [f"blobs/sha256/{hashlib.sha256(d).hexdigest()}" for d, _ in layers],
    }]).encode()
    with tarfile.open(os.path.join(folder, "debian.tar"), "w", format=tarfile.PAX_FORMAT) as out:
        for name, data in [(f"blobs/sha256/{k}", v) for k, v in blobs.items()] + [("manifest.json", manifest)]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
    oci = os.path.join(folder, "debian-oci")
    os.makedirs(os.path.join(oci, "blobs", "sha256"), exist_ok=True)
    oci_manifest = json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": f"sha256:{config_digest}", "size": len(config)},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                    "digest": "sha256:" + hashlib.sha256(d).hexdigest(), "size": len(d)} for d, _ in layers],
    }).encode()
    blobs[hashlib.sha256(oci_manifest).hexdigest()] = oci_manifest
    for digest, data in blobs.items():
        with open(os.path.join(oci, "blobs", "sha256", digest), "wb") as file:
            file.write(data)
    with open(os.path.join(oci, "oci-layout"), "w") as file:
        json.dump({"imageLayoutVersion": "1.0.0"}, file)
    with open(os.path.join(oci, "index.json"), "w") as file:
        json.dump({"schemaVersion": 2, "manifests": [{
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "digest": "sha256:" + hashlib.sha256(oci_manifest).hexdigest(), "size": len(oci_manifest),
            "annotations": {"org.opencontainers.image.ref.name": "bench/debian:50"}}]}, file)
    print(f"wrote {folder}/debian.tar and {folder}/debian-oci: {len(chosen)} packages, "
          f"{sum(len(d) for d, _ in layers) >> 20} MiB of layers")


if __name__ == "__main__":
    main()
