#!/usr/bin/env python3
"""Checks a composite action and a workflow the way actionlint would for what they use: every
`${{ inputs.X }}` is a declared input, every `steps.ID` names an earlier step with that id,
every third-party action is pinned by a full commit id, and every `run:` script passes
shellcheck (its expressions replaced by a placeholder word).

Usage: lint.py ACTION.yml WORKFLOW.yml   (needs shellcheck, Debian's package)
"""
import re
import subprocess
import sys

import yaml

problems = []
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def shellcheck(where, script):
    text = "#!/usr/bin/env bash\n" + EXPRESSION.sub("EXPRESSION", script)
    result = subprocess.run(
        ["shellcheck", "--shell=bash", "--exclude=SC2154", "-"], input=text, text=True,
        capture_output=True)
    if result.returncode != 0:
        problems.append(f"{where}: shellcheck:\n{result.stdout}")


def check_action(path):
    action = yaml.safe_load(open(path))
    inputs = set(action.get("inputs", {}))
    seen_ids = set()
    for index, step in enumerate(action["runs"]["steps"]):
        where = f"{path}: step {index + 1} ({step.get('name', '')})"
        text = yaml.safe_dump(step)
        for expression in EXPRESSION.findall(text) + [step.get("if", "")]:
            for name in re.findall(r"inputs\.([\w-]+)", expression):
                if name not in inputs:
                    problems.append(f"{where}: unknown input '{name}'")
            for name in re.findall(r"steps\.([\w-]+)\.", expression):
                if name not in seen_ids:
                    problems.append(f"{where}: no earlier step has id '{name}'")
        if "uses" in step and not PINNED.match(step["uses"].split(" ")[0]):
            problems.append(f"{where}: '{step['uses']}' is not pinned by a commit id")
        if "run" in step:
            if step.get("shell") != "bash":
                problems.append(f"{where}: a composite step needs shell: bash")
            shellcheck(where, step["run"])
        if "id" in step:
            seen_ids.add(step["id"])
    for name, output in action.get("outputs", {}).items():
        for step_id in re.findall(r"steps\.([\w-]+)\.", output.get("value", "")):
            if step_id not in seen_ids:
                problems.append(f"{path}: output '{name}' names no step '{step_id}'")


def check_workflow(path):
    workflow = yaml.safe_load(open(path))
    permissions = workflow.get("permissions", {})
    if permissions.get("security-events") != "write":
        problems.append(f"{path}: uploading SARIF needs permissions: security-events: write")
    for job_name, job in workflow["jobs"].items():
        for index, step in enumerate(job["steps"]):
            where = f"{path}: job {job_name} step {index + 1}"
            uses = step.get("uses", "")
            # The Parapet action itself is pinned by the release's commit, or named by its
            # version tag in a development build.
            if uses and not PINNED.match(uses) and not re.match(r"^parapet-dev/parapet@v", uses):
                problems.append(f"{where}: '{uses}' is not pinned by a commit id")
            if "run" in step:
                shellcheck(where, step["run"])


check_action(sys.argv[1])
check_workflow(sys.argv[2])
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"lint: {sys.argv[1]} and {sys.argv[2]} pass")
