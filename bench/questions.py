#!/usr/bin/env python3
"""Writes bench bodies: {"text": ...} lines from the held-out questions (not training data), Korean
and English, every intent except human_handoff (that would hand the conversation to staff)."""
import json, pathlib, re, sys
root = pathlib.Path(sys.argv[1])
out = []
for f in sorted(root.glob("*.yaml")):
    if f.stem == "human_handoff":
        continue
    for line in f.read_text(encoding="utf-8").splitlines():
        m = re.match(r'^\s+-\s+"(.*)"\s*$', line)
        if m:
            out.append(json.dumps({"text": json.loads('"' + m.group(1) + '"')}, ensure_ascii=False))
# Interleave so consecutive requests differ in language and topic.
import random
random.Random(7).shuffle(out)
print("\n".join(out))
