-- KEYS: lock, msgs, state. ARGV: token, lease ms. Returns 0 (busy), or {state or false, version} once locked.
-- Reads first: a script that fails part-way keeps what it wrote, and a failed read must not leave the lock taken.
local state = redis.call('GET', KEYS[3])
local version = redis.call('LLEN', KEYS[2])
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
return {state, version}
