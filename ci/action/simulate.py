#!/usr/bin/env python3
"""Runs a composite action's steps the way a GitHub runner does, on this machine: each `run:`
step in bash with the step's `env:`, `${{ }}` expressions evaluated, `if:` conditions honoured,
and the runner's files (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH, GITHUB_STEP_SUMMARY) read back
between steps. `uses:` steps of other actions are not run: actions/cache restores nothing, and
upload-sarif checks that its file exists. Prints a line per step and a JSON summary at the end.

Usage: simulate.py ACTION.yml WORKSPACE [--input NAME=VALUE ...] [--stop-after STEP_ID]
The environment passes through (GITHUB_EVENT_PATH, GITHUB_EVENT_NAME, CI, ...).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml


class Context(dict):
    """A context such as `inputs` or `steps.install.outputs`, read with dots as in expressions."""

    def __getattr__(self, name):
        return self[name]

    def __getitem__(self, name):
        value = self.get(name, "")
        return Context(value) if isinstance(value, dict) else value


def evaluate(expression, contexts):
    """A GitHub Actions expression, for the operators the action uses."""
    text = expression.strip()
    text = re.sub(r"\balways\(\)", "True", text)
    text = text.replace("&&", " and ").replace("||", " or ").replace("!=", " != ")
    # Dashed property names (inputs.release-url) become subscripts.
    text = re.sub(r"\.([A-Za-z_][\w]*(?:-[\w]+)+)", lambda m: f"[{m.group(1)!r}]", text)

    def fmt(template, *values):
        return re.sub(r"\{(\d+)\}", lambda m: str(values[int(m.group(1))]), template)

    result = eval(text, {"__builtins__": {}, "True": True, "format": fmt}, contexts)  # noqa: S307
    return result


def substitute(text, contexts):
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: str(evaluate(m.group(1), contexts)), str(text))


def read_pairs(path):
    pairs = {}
    if os.path.exists(path):
        for line in open(path).read().splitlines():
            if "=" in line:
                name, value = line.split("=", 1)
                pairs[name] = value
    return pairs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("action")
    parser.add_argument("workspace")
    parser.add_argument("--input", action="append", default=[])
    parser.add_argument("--stop-after")
    arguments = parser.parse_args()
    action = yaml.safe_load(open(arguments.action))
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    for pair in arguments.input:
        name, value = pair.split("=", 1)
        if name not in inputs:
            sys.exit(f"simulate: the action has no input '{name}'")
        inputs[name] = value
    runner_temp = os.environ.get("RUNNER_TEMP") or tempfile.mkdtemp()
    files = {
        "GITHUB_ENV": os.path.join(runner_temp, "env"),
        "GITHUB_PATH": os.path.join(runner_temp, "path"),
        "GITHUB_STEP_SUMMARY": os.environ.get("GITHUB_STEP_SUMMARY")
        or os.path.join(runner_temp, "summary.md"),
    }
    for path in files.values():
        open(path, "a").close()
    contexts = {
        "inputs": Context(inputs),
        "steps": Context(),
        "github": Context(
            action_path=os.path.dirname(os.path.abspath(arguments.action)),
            action_repository=os.environ.get("GITHUB_ACTION_REPOSITORY", "parapet-dev/parapet"),
            action_ref=os.environ.get("GITHUB_ACTION_REF", "local"),
            event_name=os.environ.get("GITHUB_EVENT_NAME", ""),
            run_id=os.environ.get("GITHUB_RUN_ID", "1"),
        ),
        "runner": Context(temp=runner_temp, os="Linux"),
    }
    record = []
    failed = False
    for index, step in enumerate(action["runs"]["steps"]):
        name = step.get("name", step.get("id", f"step {index}"))
        condition = step.get("if")
        if condition is None:
            run_it = not failed
        else:
            condition = re.sub(r"^\$\{\{(.*)\}\}$", r"\1", condition.strip())
            run_it = bool(evaluate(condition, contexts)) and (not failed or "always()" in condition)
        if not run_it:
            record.append({"step": name, "ran": False})
            print(f"- {name}: skipped", flush=True)
            continue
        if "uses" in step:
            outcome = {"step": name, "ran": True, "uses": step["uses"].split("@")[0]}
            if "upload-sarif" in step["uses"]:
                sarif = substitute(step["with"]["sarif_file"], contexts)
                outcome["sarif"] = sarif
                outcome["exists"] = os.path.exists(sarif)
            record.append(outcome)
            print(f"- {name}: {outcome['uses']} (not run here)", flush=True)
            continue
        output = os.path.join(runner_temp, f"output-{index}")
        open(output, "w").close()
        environment = dict(os.environ)
        environment.update(read_pairs(files["GITHUB_ENV"]))
        extra_path = [line for line in open(files["GITHUB_PATH"]).read().splitlines() if line]
        environment["PATH"] = ":".join(reversed(extra_path) ) + ":" + os.environ["PATH"] if extra_path else os.environ["PATH"]
        environment.update({key: value for key, value in files.items()})
        environment.update(GITHUB_OUTPUT=output, RUNNER_TEMP=runner_temp)
        for key, value in step.get("env", {}).items():
            environment[key] = substitute(value, contexts)
        script = substitute(step["run"], contexts)
        status = subprocess.run(
            ["bash", "-e", "-c", script], cwd=arguments.workspace, env=environment).returncode
        outputs = read_pairs(output)
        if "id" in step:
            contexts["steps"][step["id"]] = {"outputs": outputs}
        record.append({"step": name, "ran": True, "status": status, "outputs": outputs})
        print(f"- {name}: exit {status} {json.dumps(outputs)}", flush=True)
        if status != 0:
            failed = True
        if arguments.stop_after and step.get("id") == arguments.stop_after:
            break
    print(json.dumps({"failed": failed, "steps": record, "summary": open(files["GITHUB_STEP_SUMMARY"]).read()}))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
