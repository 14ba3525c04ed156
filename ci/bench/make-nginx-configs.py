#!/usr/bin/env python3
"""Writes nginx configurations for the gateway benchmark: COUNT site files of a few dozen lines
each (TLS servers, proxied locations, headers, rate limits, some deliberate weaknesses) and one
large generated configuration of about LINES lines.

    make-nginx-configs.py OUT_DIR [COUNT] [LINES]      (defaults 100 and 30000)
"""
import pathlib
import random
import sys


def site(index: int, rng: random.Random) -> str:
    weak = rng.random() < 0.3
    lines = [
        "server {",
        "    listen 443 ssl;",
        f"    server_name api{index}.example.com;",
        f"    ssl_certificate /etc/ssl/api{index}.pem;",
        f"    ssl_protocols {'TLSv1 ' if weak else ''}TLSv1.2 TLSv1.3;",
        '    add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;',
        "    add_header X-Content-Type-Options nosniff always;",
        "    add_header X-Frame-Options DENY always;",
    ]
    for location in range(rng.randint(3, 8)):
        lines += [
            f"    location /v{location}/service{index}/ {{",
            "        limit_req zone=api burst=20 nodelay;" if rng.random() < 0.8 else "        # no limit",
            f"        proxy_pass http://backend{index % 7};",
            "        proxy_set_header X-Request-ID $request_id;",
            "        proxy_set_header Host $host;",
            "    }",
        ]
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    out = pathlib.Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 30000
    rng = random.Random(5)
    sites = out / "sites" / "conf.d"
    sites.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (sites / f"site{index:03d}.conf").write_text(site(index, rng))
    (out / "sites" / "nginx.conf").write_text(
        "events {}\nhttp {\n    server_tokens off;\n    limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;\n"
        "    limit_req_status 429;\n    include conf.d/*.conf;\n}\n")
    large = ["events {}", "http {", "    server_tokens off;",
             "    limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;"]
    index = 0
    while len(large) < size:
        large += ["    " + line for line in site(index, rng).splitlines()]
        index += 1
    large.append("}")
    (out / "large").mkdir(exist_ok=True)
    (out / "large" / "nginx.conf").write_text("\n".join(large) + "\n")
    print(f"wrote {count} site files and a {len(large)}-line nginx.conf under {out}")


if __name__ == "__main__":
    main()
