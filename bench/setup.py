#!/usr/bin/env python3
"""Creates N conversations (half Korean, half English) and prints 'id token' lines."""
import http.client, json, sys
port, n = int(sys.argv[1]), int(sys.argv[2])
c = http.client.HTTPConnection("127.0.0.1", port)
for i in range(n):
    c.request("POST", "/api/v1/conversations", body=json.dumps({"locale": "ko" if i % 2 == 0 else "en"}),
              headers={"Content-Type": "application/json"})
    r = c.getresponse()
    body = json.loads(r.read())
    if r.status != 201:
        sys.exit("create failed: %d %s" % (r.status, body))
    print(body["id"], body["token"])
