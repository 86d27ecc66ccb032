# Operator trial driver: customer on A, staff on B, handoff, claim, SSE both ways. Real HTTP only.
import json, sys, threading, time, urllib.request, http.client
A, B = sys.argv[1], sys.argv[2]   # host:port
def req(base, method, path, body=None, headers=None):
    h = {"Content-Type": "application/json"}; h.update(headers or {})
    r = urllib.request.Request("http://" + base + path, data=None if body is None else json.dumps(body).encode(), method=method, headers=h)
    try:
        with urllib.request.urlopen(r, timeout=30) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), json.loads(e.read() or b"null")
def sse(base, path, headers, out, stop):
    host, port = base.split(":")
    c = http.client.HTTPConnection(host, int(port), timeout=60)
    c.request("GET", path, headers=dict(headers, Accept="text/event-stream"))
    r = c.getresponse(); out.append(("status", r.status))
    buf = b""
    while not stop.is_set():
        line = r.fp.readline()
        if not line: break
        if line.startswith(b"data:"): out.append(("data", json.loads(line[5:].strip()), time.time()))
t0 = time.time()
convs = []
for i in range(6):
    s, _, c = req(A, "POST", "/api/v1/conversations", {"locale": "ko"}); assert s == 201, (s, c); convs.append(c)
print("6 conversations on A: 201 each")
auth = lambda c: {"Authorization": "Bearer " + c["token"]}
for c in convs:
    s, _, r = req(A, "POST", f"/api/v1/conversations/{c['id']}/messages", {"text": "신청 기간이 언제예요?"}, auth(c))
    print(" turn", c["id"][:8], s, r.get("intent") if isinstance(r, dict) else r)
# staff login on B
s, h, r = req(B, "POST", "/staff/api/login", {"username": "kim", "password": "trial-password-1"})
print("staff login on B:", s)
cookie = h["set-cookie"].split(";")[0]; csrf = r["csrfToken"]
st = {"Cookie": cookie, "X-CSRF-Token": csrf}
# SSE: customer stream on A, console stream on B
cust = convs[0]; stop = threading.Event(); cust_ev, staff_ev = [], []
threading.Thread(target=sse, args=(A, f"/api/v1/conversations/{cust['id']}/events", auth(cust), cust_ev, stop), daemon=True).start()
threading.Thread(target=sse, args=(B, "/staff/api/events", {"Cookie": cookie}, staff_ev, stop), daemon=True).start()
time.sleep(1.5)
handoffs = 0
for c in convs:
    s, _, r = req(A, "POST", f"/api/v1/conversations/{c['id']}/messages", {"text": "상담원 연결해 주세요"}, auth(c))
    handoffs += (s == 200 and r.get("handoff") is True)
print("handoffs on A:", handoffs, "of", len(convs))
s, _, q = req(B, "GET", "/staff/api/tickets", headers=st)
tickets = [t["ticket"] for t in q["tickets"] if t["ticket"].get("conversationId") in {c["id"] for c in convs}]
print("tickets listed on B:", s, len(tickets), "total", q.get("total"))
mine = [t for t in tickets if t["conversationId"] == cust["id"]]
tid = mine[0]["id"]
s1, _, r1 = req(B, "POST", f"/staff/api/tickets/{tid}/claim", {}, st)
s2, _, r2 = req(A, "POST", f"/staff/api/tickets/{tid}/claim", {}, st)   # same session on the other node: already mine
print("claim on B:", s1, " same claim again via A:", s2, (r2 or {}).get("error", {}).get("code") if isinstance(r2, dict) else r2)
tr = time.time()
s, _, r = req(B, "POST", f"/staff/api/tickets/{tid}/reply", {"text": "안녕하세요, 담당자입니다."}, st)
print("staff reply on B:", s)
s, _, r = req(A, "POST", f"/api/v1/conversations/{cust['id']}/messages", {"text": "네 감사합니다"}, auth(cust))
print("customer reply on A:", s)
time.sleep(2.5); stop.set()
got = [e for e in cust_ev if e[0] == "data" and "담당자입니다" in json.dumps(e[1], ensure_ascii=False)]
print("customer SSE on A:", cust_ev[0], "events", sum(1 for e in cust_ev if e[0] == "data"), "staff reply seen after %.2f s" % (got[0][2] - tr) if got else "staff reply NOT seen")
sg = [e for e in staff_ev if e[0] == "data" and "감사합니다" in json.dumps(e[1], ensure_ascii=False)]
print("console SSE on B:", staff_ev[0] if staff_ev else None, "events", sum(1 for e in staff_ev if e[0] == "data"), "customer reply seen" if sg else "customer reply NOT seen")
s, _, r = req(A, "GET", f"/api/v1/conversations/{cust['id']}/messages?after=0", headers=auth(cust))
ids = [m["id"] for m in r["messages"]]
print("transcript on A:", len(ids), "messages, ids", ids, "unique" if len(set(ids)) == len(ids) else "DUPLICATE IDS")
s, _, r = req(B, "POST", f"/staff/api/tickets/{tid}/resolve", {}, st)
print("resolve on B:", s)
for base in (A, B): print("ready", base, req(base, "GET", "/ready")[0])
print("total %.1f s" % (time.time() - t0))
