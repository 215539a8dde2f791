#!/usr/bin/env python3
"""Deterministic synthetic data for DNS filter benchmarks (the same generator as the issue's anchors).
Writes: blocklist.txt (N blocked domains, one per line), queries.txt (dnsperf format)."""
import random, sys
n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
out = sys.argv[2] if len(sys.argv) > 2 else "."
rnd = random.Random(42)
syll = ["ka","lo","mi","ne","ra","tu","vo","shi","pe","da","zo","qui","bel","tor","fan","gal"]
tlds = ["com","net","org","co.uk","io","info","xyz","uk","de","fr"]
def name(r):
    return "".join(r.choice(syll) for _ in range(r.randint(2,5))) + str(r.randint(0,9999)) + "." + r.choice(tlds)
blocked = set()
while len(blocked) < n:
    blocked.add(name(rnd))
blocked = sorted(blocked)
with open(f"{out}/blocklist.txt","w") as f:
    f.write("\n".join(blocked)+"\n")
allowed = [f"host{i}.school-allowed-{i%97}.example" for i in range(10000)]
qs = []
for i in range(200000):
    if rnd.random() < 0.2:
        d = rnd.choice(blocked)
        if rnd.random() < 0.3: d = "www." + d   # subdomain of a blocked domain
    else:
        d = rnd.choice(allowed)
    qs.append(f"{d} A")
with open(f"{out}/queries.txt","w") as f:
    f.write("\n".join(qs)+"\n")
print(f"blocked={len(blocked)} queries={len(qs)}")
