#!/usr/bin/env python3
"""Writes the supplier-attribution replay sample (the seed case, scaled down), deterministically.

48 hours from 2026-11-20T00:00Z. Six warehouse suppliers ship 1,000 orders a day: WH-A 3%,
WH-T 0.5% (the tiny one, with three complaints in two days), the rest in proportion. About 40 shipping complaints a day: WH-A's
orders draw about 27% of them, everybody else in proportion to what they ship. 20 product complaints a day fall on all suppliers in proportion: they must not move
the shipping shares. A few complaints carry no order (unattributed, still counted).
"""
import json, random

random.seed(20261120)
T0 = 1795132800000  # 2026-11-20T00:00:00Z
DAY = 86_400_000
SHARES = {"WH-A": 0.03, "WH-T": 0.005, "WH-B": 0.30, "WH-C": 0.265, "WH-D": 0.25, "WH-E": 0.15}
suppliers, weights = zip(*SHARES.items())

shipments, complaints, orders = [], [], []
for i in range(2000):
    t = T0 - DAY + i * (3 * DAY // 2000)  # from a day before, so complaints have orders to be about
    supplier = random.choices(suppliers, weights)[0]
    order = f"ord-{i:05d}"
    shipments.append({"event_id": f"sh-{i:05d}", "order_id": order, "type": "SHIPPED", "event_time": t,
                      "customer_id": f"C{i:05d}", "supplier_id": supplier, "carrier": "dhl"})
    orders.append((order, supplier, t))

by_supplier = {s: [o for o in orders if o[1] == s] for s in suppliers}
n = 0
def complaint(category, order, t, channel="VOICE"):
    global n
    n += 1
    c = {"event_id": f"cp-{n:05d}", "complaint_id": f"cmp-{n:05d}", "type": "OPENED", "event_time": t,
         "customer_id": f"K{n:05d}", "category": category, "channel": channel}
    if order is not None:  # the customer who complains about an order is the one it was shipped to
        c["customer_id"] = "C" + order[0].removeprefix("ord-")
        c["order_id"] = order[0]
    complaints.append(c)

for k in range(80):  # shipping, 40 a day
    t = T0 + k * (2 * DAY // 80) + 600_000
    if k in (10, 35, 60):  # the tiny supplier's handful
        supplier = "WH-T"
    elif random.random() < 0.27:
        supplier = "WH-A"
    else:
        supplier = random.choices(suppliers, [0 if s == "WH-A" else w for s, w in zip(suppliers, weights)])[0]
    earlier = [o for o in by_supplier[supplier] if o[2] < t] or by_supplier[supplier]
    complaint("SHIPPING", random.choice(earlier), t, random.choice(["VOICE", "CHAT", "EMAIL"]))
for k in range(40):  # product, 20 a day, proportional
    t = T0 + k * (2 * DAY // 40) + 1_200_000
    supplier = random.choices(suppliers, weights)[0]
    earlier = [o for o in by_supplier[supplier] if o[2] < t] or by_supplier[supplier]
    complaint("PRODUCT", random.choice(earlier), t)
for k in range(4):  # no order given
    complaint("SHIPPING", None, T0 + k * DAY // 2 + 900_000, "CHAT")

complaints.sort(key=lambda c: c["event_time"])
with open("shipments.jsonl", "w") as f:
    for s in shipments:
        f.write(json.dumps(s) + "\n")
with open("complaints.jsonl", "w") as f:
    for c in complaints:
        f.write(json.dumps(c) + "\n")
counts = {s: sum(1 for x in shipments if x["supplier_id"] == s) for s in suppliers}
ship_c = [c for c in complaints if c["category"] == "SHIPPING" and "order_id" in c]
sup_of = {o[0]: o[1] for o in orders}
print("shipments", counts)
print("shipping complaints", {s: sum(1 for c in ship_c if sup_of[c["order_id"]] == s) for s in suppliers})
