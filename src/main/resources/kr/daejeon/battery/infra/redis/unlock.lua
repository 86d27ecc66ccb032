-- KEYS: lock. ARGV: token. Releases the lock only while it is still ours.
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end
