-- New conversations only (for the idle-memory measurement).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"locale":"ko"}'
