-- KEYS: lock, msgs, state. ARGV: token, lease ms. Returns 0 (busy), or {state or false, version} once locked.
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
return {redis.call('GET', KEYS[3]), redis.call('LLEN', KEYS[2])}
