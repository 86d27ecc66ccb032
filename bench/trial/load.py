# Small load of turns (retried as the widget retries: same Idempotency-Key) with a SENTINEL FAILOVER in the middle;
# then every acknowledged turn is looked up in the transcript: lost / duplicated / id naming another message.
import json, sys, threading, time, urllib.request, subprocess, uuid
BASE = sys.argv[1]; CLIENTS = int(sys.argv[2]); BEFORE, AFTER = float(sys.argv[3]), float(sys.argv[4]); FAIL = sys.argv[5]
def req(method, path, body=None, headers=None):
    h = {"Content-Type": "application/json"}; h.update(headers or {})
    r = urllib.request.Request(BASE + path, data=None if body is None else json.dumps(body).encode(), method=method, headers=h)
    try:
        with urllib.request.urlopen(r, timeout=10) as resp: return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as e: return e.code, json.loads(e.read() or b"null")
    except Exception as e: return 0, str(e)
stop = threading.Event(); lock = threading.Lock()
acked = []; statuses = {}; bad_times = []; retries = [0]
def client(n):
    while True:
        s, c = req("POST", "/api/v1/conversations", {"locale": "ko"})
        if s == 201: break
        time.sleep(0.2)
    auth = {"Authorization": "Bearer " + c["token"]}; i = 0
    while not stop.is_set():
        i += 1; text = f"신청 기간이 언제예요? c{n}-t{i}"; key = str(uuid.uuid4())
        while True:
            s, r = req("POST", f"/api/v1/conversations/{c['id']}/messages", {"text": text}, dict(auth, **{"Idempotency-Key": key}))
            with lock: statuses[s] = statuses.get(s, 0) + 1
            if s == 200:
                with lock: acked.append((c["id"], auth, text, r["userMessage"]["id"]))
                break
            with lock: bad_times.append(time.time()); retries[0] += 1
            time.sleep(0.25)
            if stop.is_set() and time.time() > t_end + 60: break
ready = []
def poll():
    while not stop.is_set():
        try:
            with urllib.request.urlopen(BASE + "/ready", timeout=3) as r: ready.append((time.time(), r.status))
        except urllib.error.HTTPError as e: ready.append((time.time(), e.code))
        except Exception: ready.append((time.time(), 0))
        time.sleep(0.2)
ts = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)] + [threading.Thread(target=poll)]
for t in ts: t.start()
time.sleep(BEFORE); tf = time.time()
print("failover:", subprocess.run(FAIL, shell=True, capture_output=True, text=True).stdout.strip())
time.sleep(AFTER); t_end = time.time(); stop.set()
for t in ts: t.join()
lost = dup = wrong = 0
def transcript(cid, auth):  # every page (500 messages per page)
    out, after = [], 0
    while True:
        s, tr = req("GET", f"/api/v1/conversations/{cid}/messages?after={after}", headers=auth)
        if s != 200 or not tr["messages"]: return out
        out += tr["messages"]; after = tr["messages"][-1]["id"]
cache = {}
for cid, auth, text, mid in acked:
    if cid not in cache: cache[cid] = transcript(cid, auth)
    msgs = cache[cid]
    same = [m for m in msgs if m["text"] == text]
    lost += not same; dup += len(same) > 1
    wrong += bool(same) and same[0]["id"] != mid
ids_ok = all(len({m["id"] for m in ms}) == len(ms) for ms in cache.values())
notready = [t for t, s in ready if s != 200]
print(f"acknowledged {len(acked)} turns in {t_end - ts_start if False else BEFORE + AFTER:.0f} s, statuses {statuses}, retries {retries[0]}")
print(f"lost {lost}, duplicated {dup}, id naming another message {wrong}, ids unique per conversation {ids_ok}")
if bad_times: print(f"turn answers not 200: first {min(bad_times) - tf:+.1f} s, last {max(bad_times) - tf:+.1f} s after the failover command -> {max(bad_times) - min(bad_times):.1f} s")
if notready: print(f"/ready not 200: from {min(notready) - tf:+.1f} s to {max(notready) - tf:+.1f} s ({len(notready)} of {len(ready)} polls)")
