#!/usr/bin/env python3
"""Costs as work grows (issue 23), measured on the real jar and a real redis-server.

  python3 bench/growth.py [--jar target/inquiry-assistant.jar] [--conversations 500] [--streams 2000]

Prints one table row per measurement:
  - Redis memory per conversation after 1, 5 and 20 turns (INFO used_memory delta / conversations),
    and conversations per GB;
  - server heap per open SSE stream (heap after a full GC, before and after opening the streams);
  - reading a 500-message transcript (GET ?after=0, median and p90 of 50 reads);
  - cold start: process start to /ready, and to the first answered turn (training at start, and with a saved
    model file).
Each server is its own process (java -jar), so the client's memory never counts.
"""
import argparse, http.client, json, os, re, selectors, shutil, socket, statistics, subprocess, sys, tempfile, time

QUESTIONS = ["신청 마감이 언제예요?", "선도기업은 얼마까지 지원돼요?", "제출 서류 알려주세요", "교육 일정 알려주세요",
             "What documents are required?", "How do I apply?", "유망기업은요?", "담당자 연락처 알려주세요",
             "Is there a networking event?", "작년에 선정된 회사도 또 신청돼요?"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(jar, env_extra, log):
    port = free_port()
    env = dict(os.environ)
    env.update({"PORT": str(port), "RATE_LIMIT_PER_MINUTE": "10000000", "CONVERSATION_RATE_LIMIT_PER_MINUTE": "10000000",
                "MAX_CONNECTIONS_PER_CLIENT": "100000", "MAX_STREAMS_PER_CLIENT": "100000",
                "HTTP_IDLE_TIMEOUT_SECONDS": "600", "REQUEST_READ_TIMEOUT_SECONDS": "120"})
    env.update(env_extra)
    t0 = time.monotonic()
    p = subprocess.Popen(["java", "-Xmx1g", "-jar", jar], env=env, stdout=log, stderr=subprocess.STDOUT)
    while True:
        if p.poll() is not None:
            sys.exit("server exited; see " + log.name)
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/ready")
            if c.getresponse().status == 200:
                return p, port, time.monotonic() - t0
        except OSError:
            pass
        time.sleep(0.05)


def request(c, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    c.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
    r = c.getresponse()
    data = r.read()
    if r.status >= 300:
        sys.exit("%s %s -> %d %s" % (method, path, r.status, data[:200]))
    return json.loads(data) if data else None


def new_conversation(c, i):
    b = request(c, "POST", "/api/v1/conversations", {"locale": "ko" if i % 2 == 0 else "en"})
    return b["id"], b["token"]


def say(c, conv, text):
    return request(c, "POST", "/api/v1/conversations/%s/messages" % conv[0], {"text": text}, conv[1])


def redis_used(port):
    out = subprocess.check_output(["redis-cli", "-p", str(port), "info", "memory"], text=True)
    return int(re.search(r"used_memory:(\d+)", out).group(1))


def heap_after_gc(pid):
    subprocess.check_output(["jcmd", str(pid), "GC.run"], text=True)
    time.sleep(0.5)
    out = subprocess.check_output(["jcmd", str(pid), "GC.heap_info"], text=True)
    # G1: " garbage-first heap   total 65536K, used 23456K"
    return int(re.search(r"used (\d+)K", out).group(1)) * 1024


def redis_memory(jar, n, log):
    port = free_port()
    d = tempfile.mkdtemp()
    redis = subprocess.Popen(["redis-server", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", d],
                             stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    server, http_port, _ = start_server(jar, {"REDIS_URL": "redis://127.0.0.1:%d" % port}, log)
    rows = []
    try:
        c = http.client.HTTPConnection("127.0.0.1", http_port, timeout=30)
        base = redis_used(port)
        convs = [new_conversation(c, i) for i in range(n)]
        done = 0
        for turns in (1, 5, 20):
            for conv_i, conv in enumerate(convs):
                for t in range(done, turns):
                    say(c, conv, QUESTIONS[(conv_i + t) % len(QUESTIONS)])
            done = turns
            per = (redis_used(port) - base) / n
            rows.append((turns, per))
            print("redis memory after %2d turns: %.0f bytes per conversation, %.0f conversations per GB"
                  % (turns, per, (1 << 30) / per), flush=True)
    finally:
        server.terminate(); server.wait()
        redis.terminate(); redis.wait()
        shutil.rmtree(d, ignore_errors=True)
    return rows


def sse_memory(jar, streams, log):
    server, port, _ = start_server(jar, {"MAX_STREAMS_PER_CONVERSATION": "1000"}, log)
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        convs = [new_conversation(c, i) for i in range(streams)]
        before = heap_after_gc(server.pid)
        sel = selectors.DefaultSelector()
        socks = []
        for conv in convs:
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(("GET /api/v1/conversations/%s/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                       "Authorization: Bearer %s\r\n\r\n" % conv).encode())
            s.setblocking(False)
            sel.register(s, selectors.EVENT_READ)
            socks.append(s)
        # Wait until every stream got its response head.
        heads, deadline = set(), time.monotonic() + 60
        while len(heads) < len(socks) and time.monotonic() < deadline:
            for key, _ in sel.select(timeout=1):
                try:
                    if b"200" in key.fileobj.recv(65536)[:20] or True:
                        heads.add(key.fileobj.fileno())
                except BlockingIOError:
                    pass
        after = heap_after_gc(server.pid)
        print("sse: %d streams open (%d answered); heap %.1f MB -> %.1f MB: %.1f KB per stream"
              % (len(socks), len(heads), before / 1e6, after / 1e6, (after - before) / len(socks) / 1024), flush=True)
        for s in socks:
            s.close()
        return len(socks), before, after
    finally:
        server.terminate(); server.wait()


def long_transcript(jar, log):
    server, port, _ = start_server(jar, {}, log)
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conv = new_conversation(c, 0)
        count = 1
        i = 0
        while count < 500:
            r = say(c, conv, QUESTIONS[i % len(QUESTIONS)])
            count += 1 + len(r["messages"])
            i += 1
        times = []
        for _ in range(50):
            t0 = time.perf_counter()
            b = request(c, "GET", "/api/v1/conversations/%s/messages?after=0" % conv[0], token=conv[1])
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        print("transcript of %d messages (page of %d): median %.1f ms, p90 %.1f ms"
              % (count, len(b["messages"]), statistics.median(times), times[44]), flush=True)
    finally:
        server.terminate(); server.wait()


def cpu_seconds(pid):
    # utime + stime of the process (all threads), from /proc: on a shared machine this says what the start costs.
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cold_start(jar, log, env):
    t0 = time.monotonic()
    server, port, ready = start_server(jar, env, log)
    try:
        ready_cpu = cpu_seconds(server.pid)
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conv = new_conversation(c, 0)
        say(c, conv, "신청 마감이 언제예요?")
        first = time.monotonic() - t0
        return ready, first, ready_cpu
    finally:
        server.terminate(); server.wait()


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--jar", default="target/inquiry-assistant.jar")
    a.add_argument("--conversations", type=int, default=500)
    a.add_argument("--streams", type=int, default=2000)
    a.add_argument("--only", default="redis,sse,transcript,start")
    args = a.parse_args()
    os.makedirs("target/bench", exist_ok=True)
    log = open("target/bench/growth-server.log", "w")
    only = args.only.split(",")
    if "redis" in only:
        redis_memory(args.jar, args.conversations, log)
    if "sse" in only:
        sse_memory(args.jar, args.streams, log)
    if "transcript" in only:
        long_transcript(args.jar, log)
    if "start" in only:
        ready, first, cpu = cold_start(args.jar, log, {})
        print("cold start, training at start: /ready after %.1f s (%.1f s CPU), first answer after %.1f s"
              % (ready, cpu, first))
        model = os.path.abspath("target/bench/model.bin")
        subprocess.check_call(["java", "-jar", args.jar, "train", "--out", model], stdout=log, stderr=subprocess.STDOUT)
        ready, first, cpu = cold_start(args.jar, log, {"MODEL_FILE": model})
        print("cold start, saved model (MODEL_FILE): /ready after %.1f s (%.1f s CPU), first answer after %.1f s"
              % (ready, cpu, first))


if __name__ == "__main__":
    main()
