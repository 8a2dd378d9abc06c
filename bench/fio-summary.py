"""bench/fio-summary.py: one figure from a fio JSON file (notes before the document are skipped).

    fio-summary.py FILE iops|mbps read|write
"""
import json
import sys

path, what, direction = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
job = json.loads(text[text.index("{"):])["jobs"][0]
if job["error"] != 0:
    sys.exit(f"{path}: fio reported error {job['error']}")
side = job[direction]
if what == "iops":
    print(f"{side['iops']:.0f}")
else:
    # Bytes moved over the whole run, including the final fsync for a durable write (job runtime is in ms).
    print(f"{side['io_bytes'] / 1e6 / (job['job_runtime'] / 1000):.1f}")
